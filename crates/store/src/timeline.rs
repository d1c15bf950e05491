//! A case's timeline on disk: each `TimelineEvent` is one `events` row whose
//! `data` is the event as `heard_domain::CaseEvent` writes it, and read back
//! only through that type. Rows stored before the events were typed (kinds
//! such as `inquiry.status_changed`, with free-form data) still read: they
//! are translated here, once, into the same events.

use crate::error::StoreError;
use crate::rows::{EventRow, FeedbackRow, MessageRow};
use heard_domain::case::*;
use heard_domain::feedback::PillarRatings;
use heard_domain::lifecycle::StatusAction;
use heard_domain::refs::{StaffRef, TeamRef, TopicRef, UnitRef};
use heard_domain::{DistrictId, InquiryId, MessageId, StaffId, Status, TeamId, TopicId, UnitId};
use serde::Deserialize;
use std::collections::HashMap;

fn corrupt(row: &EventRow, why: impl std::fmt::Display) -> StoreError {
    let e = StoreError::Corrupt(format!("event {} ({}): {why}", row.id, row.kind));
    tracing::error!(error = %e, "unreadable timeline event");
    e
}

/// The row that keeps `event` of the case `inquiry_id` of `district_id`.
pub fn row(
    district_id: DistrictId,
    inquiry_id: InquiryId,
    event: &TimelineEvent,
) -> Result<EventRow, StoreError> {
    let (actor_kind, actor_staff_id, actor_name) = match &event.actor {
        Actor::Staff { id, name } => ("staff", Some(*id), Some(name.clone())),
        Actor::Requester => ("requester", None, None),
        Actor::System => ("system", None, None),
    };
    Ok(EventRow {
        id: event.id,
        inquiry_id,
        district_id,
        kind: event.event.type_name().to_owned(),
        actor_kind: actor_kind.to_owned(),
        actor_staff_id,
        data: serde_json::to_string(&event.event)
            .map_err(|e| StoreError::Corrupt(format!("event does not serialise: {e}")))?,
        created_at: crate::cases::stored(event.at),
        actor_name,
    })
}

/// What reading events stored before they were typed needs to know of
/// their case: names, the messages they point to, the feedback.
pub struct Context<'a> {
    /// Names of the district's teams, staff, topics and units.
    pub names: &'a Names,
    /// The case's messages.
    pub messages: &'a [MessageRow],
    /// The case's feedback.
    pub feedback: Option<&'a FeedbackRow>,
    /// What the case is, for its `created` event.
    pub created: Option<&'a CreatedFacts>,
}

/// What a stored case says of its arrival, for an early `created` event
/// that recorded only its channel and reference.
pub struct CreatedFacts {
    /// Question, concern…
    pub kind: heard_domain::Kind,
    /// Priority it had.
    pub priority: heard_domain::Priority,
    /// Topic.
    pub topic_id: TopicId,
    /// School or department.
    pub unit_id: Option<UnitId>,
}

/// Names of a district's teams, staff, topics and units, by id.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// Teams.
    pub teams: HashMap<TeamId, String>,
    /// Staff members.
    pub staff: HashMap<StaffId, String>,
    /// Topics.
    pub topics: HashMap<TopicId, String>,
    /// Schools and departments.
    pub units: HashMap<UnitId, String>,
}

impl Names {
    /// A team by id; unknown ids are an error (teams are never deleted).
    pub fn team(&self, id: TeamId) -> Result<TeamRef, StoreError> {
        let name = self.teams.get(&id).ok_or_else(|| missing("team", id))?;
        Ok(TeamRef {
            id,
            name: name.clone(),
        })
    }

    /// A staff member by id.
    pub fn staff(&self, id: StaffId) -> Result<StaffRef, StoreError> {
        let name = self
            .staff
            .get(&id)
            .ok_or_else(|| missing("staff member", id))?;
        Ok(StaffRef {
            id,
            name: name.clone(),
        })
    }

    /// A topic by id.
    pub fn topic(&self, id: TopicId) -> Result<TopicRef, StoreError> {
        let name = self.topics.get(&id).ok_or_else(|| missing("topic", id))?;
        Ok(TopicRef {
            id,
            name: name.clone(),
        })
    }

    /// A school or department by id.
    pub fn unit(&self, id: UnitId) -> Result<UnitRef, StoreError> {
        let name = self.units.get(&id).ok_or_else(|| missing("unit", id))?;
        Ok(UnitRef {
            id,
            name: name.clone(),
        })
    }
}

fn missing(what: &str, id: impl std::fmt::Display) -> StoreError {
    let e = StoreError::Corrupt(format!("{what} {id} is referred to but not stored"));
    tracing::error!(error = %e, "dangling reference");
    e
}

/// The event `row` keeps.
pub fn read(row: &EventRow, cx: &Context<'_>) -> Result<TimelineEvent, StoreError> {
    let actor = match (row.actor_kind.as_str(), row.actor_staff_id) {
        ("staff", Some(id)) => {
            let name = match &row.actor_name {
                Some(n) => n.clone(),
                None => cx.names.staff(id)?.name,
            };
            Actor::Staff { id, name }
        }
        ("requester", None) => Actor::Requester,
        ("system", None) => Actor::System,
        (other, staff) => {
            return Err(corrupt(
                row,
                format!("actor {other:?} with staff {staff:?}"),
            ));
        }
    };
    let event = if row.kind.contains('.') {
        legacy(row, cx)?
    } else {
        let e: CaseEvent = serde_json::from_str(&row.data).map_err(|e| corrupt(row, e))?;
        if e.type_name() != row.kind {
            return Err(corrupt(row, format!("data is a {} event", e.type_name())));
        }
        e
    };
    Ok(TimelineEvent {
        id: row.id,
        at: row.created_at.and_utc(),
        actor,
        event,
    })
}

/// The data events were written with before they were typed.
#[derive(Deserialize)]
struct LegacyData {
    #[serde(default)]
    team_id: Option<TeamId>,
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    from_team_id: Option<TeamId>,
    #[serde(default)]
    assignee_id: Option<StaffId>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    rerouted: Option<bool>,
    #[serde(default)]
    message_id: Option<MessageId>,
    #[serde(default)]
    from: Option<Status>,
    #[serde(default)]
    to: Option<Status>,
    #[serde(default)]
    action: Option<StatusAction>,
    #[serde(default)]
    channel: Option<heard_domain::Channel>,
    #[serde(default)]
    reference: Option<String>,
}

fn legacy(row: &EventRow, cx: &Context<'_>) -> Result<CaseEvent, StoreError> {
    let d: LegacyData = serde_json::from_str(&row.data).map_err(|e| corrupt(row, e))?;
    let need = |what: &str| corrupt(row, format!("no {what}"));
    Ok(match row.kind.as_str() {
        "inquiry.created" => {
            let facts = cx.created.ok_or_else(|| need("case"))?;
            CaseEvent::Created(Created {
                reference: d.reference.ok_or_else(|| need("reference"))?,
                channel: d.channel.ok_or_else(|| need("channel"))?,
                inquiry_kind: facts.kind,
                priority: facts.priority,
                topic: cx.names.topic(facts.topic_id)?,
                unit: facts.unit_id.map(|u| cx.names.unit(u)).transpose()?,
            })
        }
        "inquiry.assigned" => {
            let team_id = d.team_id.ok_or_else(|| need("team"))?;
            let team = TeamRef {
                id: team_id,
                name: match d.team {
                    Some(name) => name,
                    None => cx.names.team(team_id)?.name,
                },
            };
            let assignee = d.assignee_id.map(|a| cx.names.staff(a)).transpose()?;
            let reason = d.reason.ok_or_else(|| need("reason"))?;
            match (d.rerouted, d.from_team_id) {
                (Some(true), Some(from)) => CaseEvent::Rerouted(Rerouted {
                    from_team: cx.names.team(from)?,
                    to_team: team,
                    assignee,
                    reason,
                }),
                _ => CaseEvent::Assigned(Assigned {
                    team,
                    assignee,
                    reason,
                    rule: d.rule,
                }),
            }
        }
        "inquiry.message_added" => {
            let found = match d.message_id {
                Some(id) => cx.messages.iter().find(|m| m.id == id),
                // Some early events name no message: the one its author
                // wrote at that very moment is it.
                None => cx
                    .messages
                    .iter()
                    .find(|m| m.created_at == row.created_at && m.staff_id == row.actor_staff_id),
            };
            let m = found.ok_or_else(|| need("message"))?;
            CaseEvent::MessageAdded(MessageAdded {
                message_id: m.id,
                // The message row is what the note or reply is.
                internal: m.internal,
                body: m.body.clone(),
            })
        }
        "inquiry.status_changed" => CaseEvent::StatusChanged(StatusChanged {
            from: d.from.ok_or_else(|| need("from status"))?,
            to: d.to.ok_or_else(|| need("to status"))?,
            action: d.action,
        }),
        "feedback.received" => {
            let f = cx.feedback.ok_or_else(|| need("feedback"))?;
            let small = |v: i64, what: &str| {
                u8::try_from(v).map_err(|_| corrupt(row, format!("{what} {v} out of range")))
            };
            CaseEvent::FeedbackReceived(FeedbackReceived {
                overall: small(f.overall, "overall")?,
                pillars: PillarRatings {
                    courtesy: f.courtesy,
                    communication: f.communication,
                    responsiveness: f.responsiveness,
                    environment: f.environment,
                },
                recommend: f.recommend.map(|r| small(r, "recommend")).transpose()?,
                comment: f.comment.clone(),
            })
        }
        other => return Err(corrupt(row, format!("unknown kind {other:?}"))),
    })
}
