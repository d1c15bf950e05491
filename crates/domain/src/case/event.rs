//! What happens to a case, as one typed vocabulary: the timeline shows it,
//! report facts follow from it, and notifications, webhooks and the audit
//! log publish it.

use crate::feedback::PillarRatings;
use crate::ids::{EventId, MessageId, StaffId};
use crate::inquiry::{Channel, Kind, Priority, Status};
use crate::lifecycle::StatusAction;
use crate::refs::{StaffRef, TeamRef, TopicRef, UnitRef};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who did something to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Actor {
    /// A staff member.
    Staff {
        /// The staff member's id.
        id: StaffId,
        /// Their name when they did it.
        name: String,
    },
    /// The family (the requester), through its private tracking link.
    Requester,
    /// Heard itself: routing on arrival, the service-standard clock.
    System,
}

impl Actor {
    /// The staff member, for an action by staff.
    pub fn staff(who: &StaffRef) -> Self {
        Actor::Staff {
            id: who.id,
            name: who.name.clone(),
        }
    }

    /// The staff member's id, when staff did it.
    pub fn staff_id(&self) -> Option<StaffId> {
        match self {
            Actor::Staff { id, .. } => Some(*id),
            Actor::Requester | Actor::System => None,
        }
    }
}

/// The inquiry was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created {
    /// The reference the family quotes, e.g. `LKV-1042`.
    pub reference: String,
    /// Where it came from.
    pub channel: Channel,
    /// Question, concern, comment, compliment or suggestion.
    pub inquiry_kind: Kind,
    /// How urgent it was found to be.
    pub priority: Priority,
    /// The topic the family picked.
    pub topic: TopicRef,
    /// The school or department it concerns, if any.
    pub unit: Option<UnitRef>,
}

/// The case was given to a team, and possibly a person, within the team it
/// was in (or, on arrival, by routing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assigned {
    /// The team whose queue holds it now.
    pub team: TeamRef,
    /// Its owner now; none when it went back to the team queue.
    pub assignee: Option<StaffRef>,
    /// Why, in words: the staff member's reason, or routing's.
    pub reason: String,
    /// The routing rule that decided, on arrival (e.g. `topic_default`).
    pub rule: Option<String>,
}

/// The case was moved to another team: a re-route, which the misroute rate counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rerouted {
    /// The team it left.
    pub from_team: TeamRef,
    /// The team it went to.
    pub to_team: TeamRef,
    /// Its owner in the new team, if one was chosen.
    pub assignee: Option<StaffRef>,
    /// Why, in the staff member's words.
    pub reason: String,
}

/// A public reply or an internal note was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageAdded {
    /// The message, as listed in the case's messages.
    pub message_id: MessageId,
    /// A staff-only note rather than a reply the family sees.
    pub internal: bool,
    /// The message's text.
    pub body: String,
}

/// The case moved through its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChanged {
    /// The status before.
    pub from: Status,
    /// The status after.
    pub to: Status,
    /// What staff asked for, when the change was asked for rather than
    /// following from a reply.
    pub action: Option<StatusAction>,
}

/// The family rated the interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackReceived {
    /// Overall quality, 0–10.
    pub overall: u8,
    /// Each service pillar, 1–5.
    pub pillars: PillarRatings,
    /// How likely the family is to recommend their school, 0–10.
    pub recommend: Option<u8>,
    /// What the family wrote, if anything.
    pub comment: Option<String>,
}

/// Which service-standard target a clock event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SlaTarget {
    /// The first public answer.
    FirstResponse,
    /// The resolution.
    Resolution,
}

/// A service-standard target is near or has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaClock {
    /// Which target of the service standard.
    pub target: SlaTarget,
    /// When it is (or was) due.
    pub due_at: DateTime<Utc>,
}

/// Somebody opened the case (an education record: every view is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Viewed {}

/// The requester's name, email and phone were erased: the case had been
/// finished, untouched, for as long as the district keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequesterErased {
    /// The district's retention period then, in days.
    pub retention_days: u32,
}

/// Everything that happens to a case, told apart by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CaseEvent {
    /// The inquiry was received.
    Created(Created),
    /// Given to a team or a person within its team (on arrival: routed).
    Assigned(Assigned),
    /// Moved to another team.
    Rerouted(Rerouted),
    /// A reply or note was added.
    MessageAdded(MessageAdded),
    /// The status changed.
    StatusChanged(StatusChanged),
    /// The family rated the interaction.
    FeedbackReceived(FeedbackReceived),
    /// A service-standard target is near.
    SlaWarned(SlaClock),
    /// A service-standard target passed unmet.
    SlaBreached(SlaClock),
    /// Somebody opened the case.
    Viewed(Viewed),
    /// The requester's contact details were erased after the retention period.
    RequesterErased(RequesterErased),
}

impl CaseEvent {
    /// Every `type` name, in order.
    pub const TYPES: [&'static str; 10] = [
        "created",
        "assigned",
        "rerouted",
        "message_added",
        "status_changed",
        "feedback_received",
        "sla_warned",
        "sla_breached",
        "viewed",
        "requester_erased",
    ];

    /// Its `type` name.
    pub fn type_name(&self) -> &'static str {
        let i = match self {
            CaseEvent::Created(_) => 0,
            CaseEvent::Assigned(_) => 1,
            CaseEvent::Rerouted(_) => 2,
            CaseEvent::MessageAdded(_) => 3,
            CaseEvent::StatusChanged(_) => 4,
            CaseEvent::FeedbackReceived(_) => 5,
            CaseEvent::SlaWarned(_) => 6,
            CaseEvent::SlaBreached(_) => 7,
            CaseEvent::Viewed(_) => 8,
            CaseEvent::RequesterErased(_) => 9,
        };
        Self::TYPES[i]
    }

    /// Whether it changes the case (and so its version), rather than only
    /// recording that something was seen or is due.
    pub fn changes_case(&self) -> bool {
        !matches!(
            self,
            CaseEvent::Viewed(_) | CaseEvent::SlaWarned(_) | CaseEvent::SlaBreached(_)
        )
    }
}

/// One entry of a case's timeline: what happened, who did it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    /// The entry's id, unique across cases; a receiver can drop duplicates by it.
    pub id: EventId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: Actor,
    /// What happened, told apart by its `type`.
    pub event: CaseEvent,
}

impl TimelineEvent {
    /// `event`, by `actor`, now.
    pub fn new(actor: Actor, at: DateTime<Utc>, event: CaseEvent) -> Self {
        Self {
            id: EventId::new(),
            at,
            actor,
            event,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{TeamId, TopicId};

    fn roundtrip(e: &TimelineEvent) -> serde_json::Value {
        let json = serde_json::to_value(e).expect("json");
        let back: TimelineEvent = serde_json::from_value(json.clone()).expect("reads back");
        assert_eq!(&back, e);
        json
    }

    #[test]
    fn events_are_tagged_by_type_and_read_back() {
        let team = TeamRef {
            id: TeamId::new(),
            name: "Transportation".into(),
        };
        let staff = StaffRef {
            id: StaffId::new(),
            name: "system".into(),
        };
        let created = TimelineEvent::new(
            Actor::System,
            Utc::now(),
            CaseEvent::Created(Created {
                reference: "LKV-1042".into(),
                channel: Channel::Portal,
                inquiry_kind: Kind::Question,
                priority: Priority::Normal,
                topic: TopicRef {
                    id: TopicId::new(),
                    name: "Bus".into(),
                },
                unit: None,
            }),
        );
        let json = roundtrip(&created);
        assert_eq!(json["event"]["type"], "created");
        assert_eq!(json["actor"]["type"], "system");
        let moved = TimelineEvent::new(
            Actor::staff(&staff),
            Utc::now(),
            CaseEvent::Assigned(Assigned {
                team,
                assignee: Some(staff.clone()),
                reason: "mine".into(),
                rule: None,
            }),
        );
        let json = roundtrip(&moved);
        // A staff member named "system" is a staff member.
        assert_eq!(json["actor"]["type"], "staff");
        assert_eq!(json["actor"]["name"], "system");
        assert_eq!(moved.actor.staff_id(), Some(staff.id));
    }

    #[test]
    fn type_names_follow_the_serialised_tag() {
        let samples = [
            CaseEvent::Viewed(Viewed {}),
            CaseEvent::StatusChanged(StatusChanged {
                from: Status::New,
                to: Status::InProgress,
                action: None,
            }),
            CaseEvent::SlaBreached(SlaClock {
                target: SlaTarget::FirstResponse,
                due_at: Utc::now(),
            }),
            CaseEvent::RequesterErased(RequesterErased {
                retention_days: 365,
            }),
        ];
        for e in samples {
            let json = serde_json::to_value(&e).expect("json");
            assert_eq!(json["type"], e.type_name());
        }
        assert!(!CaseEvent::Viewed(Viewed {}).changes_case());
        // An erasure changes the case: a change based on the details before fails.
        assert!(CaseEvent::RequesterErased(RequesterErased { retention_days: 30 }).changes_case());
    }
}
