//! The case: an inquiry as staff and the family change it. Each action is a
//! method that checks every rule and answers with the events it causes, or
//! why it cannot happen; [`Case::apply`] folds events into the case. Nothing
//! here stores anything: the store writes the events in one transaction.

mod event;
mod permitted;

pub use event::*;
pub use permitted::Permitted;

use crate::access::{CaseAccess, Role};
use crate::feedback::Feedback;
use crate::ids::{DistrictId, InquiryId, MessageId, StaffId, TopicId, UnitId};
use crate::inquiry::{Channel, Kind, Priority, Status};
use crate::lifecycle::{self, LifecycleError, StatusAction, Transition};
use crate::refs::{StaffRef, TeamRef, TopicRef, UnitRef};
use crate::retention::Retention;
use crate::routing::RoutingTrace;
use crate::text::{Body, Language, Reason};
use chrono::{DateTime, Utc};

/// Why an action cannot happen to a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// The lifecycle does not allow it from the case's status.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// Internal notes go on cases that are not closed.
    #[error("an inquiry that is closed cannot take notes")]
    ClosedTakesNoNotes,
    /// Feedback opens once the case is resolved.
    #[error("feedback opens once the inquiry is resolved")]
    FeedbackNotOpen,
    /// One feedback per case.
    #[error("feedback was already given for this inquiry")]
    FeedbackAlreadyGiven,
    /// The chosen owner cannot work the team's cases.
    #[error("is not an active member of that team")]
    NotATeamMember,
    /// Requester details are kept while the case is open, and for the
    /// district's retention period after its last change.
    #[error("the requester's details are kept for the district's retention period")]
    StillKept,
}

/// A team and the active members who may own its cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRoster {
    /// The team.
    pub team: TeamRef,
    /// Its active members and their roles.
    pub members: Vec<(StaffRef, Vec<Role>)>,
}

impl TeamRoster {
    /// The member `id`, if they may own the team's cases.
    fn owner(&self, id: StaffId) -> Option<&StaffRef> {
        self.members
            .iter()
            .find(|(s, roles)| s.id == id && roles.iter().any(|r| r.works_cases()))
            .map(|(s, _)| s)
    }
}

/// An inquiry as its rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Its id.
    pub id: InquiryId,
    /// Its district.
    pub district_id: DistrictId,
    /// The reference the family quotes, e.g. `LKV-1042`.
    pub reference: String,
    /// How many changes it has had; `If-Match` names the one a change is based on.
    pub version: i64,
    /// Question, concern…
    pub kind: Kind,
    /// Where it came from.
    pub channel: Channel,
    /// Where it stands.
    pub status: Status,
    /// How urgent.
    pub priority: Priority,
    /// The topic picked.
    pub topic_id: TopicId,
    /// The school or department concerned.
    pub unit_id: Option<UnitId>,
    /// The team whose queue holds it.
    pub team: TeamRef,
    /// Its owner.
    pub assignee: Option<StaffRef>,
    /// Who entered it on the family's behalf.
    pub recorded_by: Option<StaffId>,
    /// Seen only by its owner and admins.
    pub confidential: bool,
    /// The language to answer in.
    pub language: Language,
    /// Received.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// When the first public answer is due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// When the resolution is due.
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// The first public staff reply.
    pub first_response_at: Option<DateTime<Utc>>,
    /// The first resolution.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Moved to another team at least once.
    pub rerouted: bool,
    /// The family has rated it.
    pub feedback_given: bool,
}

/// What a newly received inquiry starts with.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// Its id.
    pub id: InquiryId,
    /// Its district.
    pub district_id: DistrictId,
    /// Its reference.
    pub reference: String,
    /// Question, concern…
    pub kind: Kind,
    /// Where it came from.
    pub channel: Channel,
    /// The topic picked.
    pub topic: TopicRef,
    /// The school or department concerned.
    pub unit: Option<UnitRef>,
    /// The team routing chose.
    pub team: TeamRef,
    /// Why routing chose it.
    pub routing: RoutingTrace,
    /// The language to answer in.
    pub language: Language,
    /// Who entered it for the family, when staff did.
    pub recorded_by: Option<StaffRef>,
    /// When the first public answer is due.
    pub first_response_due_at: DateTime<Utc>,
    /// When the resolution is due.
    pub resolution_due_at: DateTime<Utc>,
}

/// Whether a case in `status` takes internal notes: every case that is not closed.
pub fn takes_notes(status: Status) -> bool {
    status != Status::Closed
}

/// Whether a case in `status` with or without feedback may be rated now.
pub fn feedback_open(status: Status, feedback_given: bool) -> bool {
    !feedback_given && matches!(status, Status::Resolved | Status::Closed)
}

impl Case {
    /// A case as it is received, with the events of its arrival: created and
    /// routed to its team, both by the system (or by the staff member who
    /// entered it).
    pub fn receive(a: Arrival, now: DateTime<Utc>) -> (Case, Vec<TimelineEvent>) {
        let actor = match &a.recorded_by {
            Some(s) => Actor::staff(s),
            None => Actor::System,
        };
        let case = Case {
            id: a.id,
            district_id: a.district_id,
            reference: a.reference.clone(),
            version: 1,
            kind: a.kind,
            channel: a.channel,
            status: Status::New,
            priority: Priority::Normal,
            topic_id: a.topic.id,
            unit_id: a.unit.as_ref().map(|u| u.id),
            team: a.team.clone(),
            assignee: None,
            recorded_by: a.recorded_by.as_ref().map(|s| s.id),
            confidential: false,
            language: a.language,
            created_at: now,
            updated_at: now,
            first_response_due_at: Some(a.first_response_due_at),
            resolution_due_at: Some(a.resolution_due_at),
            first_response_at: None,
            resolved_at: None,
            rerouted: false,
            feedback_given: false,
        };
        let events = vec![
            TimelineEvent::new(
                actor,
                now,
                CaseEvent::Created(Created {
                    reference: a.reference,
                    channel: a.channel,
                    inquiry_kind: a.kind,
                    priority: case.priority,
                    topic: a.topic,
                    unit: a.unit,
                }),
            ),
            TimelineEvent::new(
                Actor::System,
                now,
                CaseEvent::Assigned(Assigned {
                    team: a.team,
                    assignee: None,
                    reason: a.routing.reason,
                    rule: Some(a.routing.rule),
                }),
            ),
        ];
        (case, events)
    }

    /// What the access policy needs to know of it.
    pub fn access(&self) -> CaseAccess {
        CaseAccess {
            team_id: self.team.id,
            assignee_id: self.assignee.as_ref().map(|s| s.id),
            recorded_by: self.recorded_by,
            confidential: self.confidential,
        }
    }

    /// Open and unanswered past its first-response due time.
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.status.is_open()
            && self.first_response_at.is_none()
            && self.first_response_due_at.is_some_and(|due| due < now)
    }

    /// Whether the family may rate it now.
    pub fn feedback_open(&self) -> bool {
        feedback_open(self.status, self.feedback_given)
    }

    fn status_change(
        &self,
        actor: &Actor,
        transition: Transition,
        action: Option<StatusAction>,
        now: DateTime<Utc>,
    ) -> Result<Option<TimelineEvent>, CaseError> {
        Ok(lifecycle::apply(self.status, transition)?.map(|ch| {
            TimelineEvent::new(
                actor.clone(),
                now,
                CaseEvent::StatusChanged(StatusChanged {
                    from: ch.from,
                    to: ch.to,
                    action,
                }),
            )
        }))
    }

    fn message(actor: &Actor, internal: bool, body: &Body, now: DateTime<Utc>) -> TimelineEvent {
        TimelineEvent::new(
            actor.clone(),
            now,
            CaseEvent::MessageAdded(MessageAdded {
                message_id: MessageId::new(),
                internal,
                body: body.as_str().to_owned(),
            }),
        )
    }

    /// A public reply from staff; a first one means someone is on it.
    pub fn reply(
        &self,
        by: &StaffRef,
        body: &Body,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        let actor = Actor::staff(by);
        // Built in the order they happen: the timeline keeps that order.
        let message = Self::message(&actor, false, body, now);
        let change = self.status_change(&actor, Transition::StaffReplied, None, now)?;
        Ok(std::iter::once(message).chain(change).collect())
    }

    /// An internal note, which the family never sees.
    pub fn note(
        &self,
        by: &StaffRef,
        body: &Body,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        if !takes_notes(self.status) {
            return Err(CaseError::ClosedTakesNoNotes);
        }
        Ok(vec![Self::message(&Actor::staff(by), true, body, now)])
    }

    /// Gives the case to `to`'s queue and, with `assignee`, to one of its
    /// members. Another team than its own is a re-route. Nothing changes
    /// (no events) when it is already exactly there.
    pub fn assign(
        &self,
        by: &StaffRef,
        to: &TeamRoster,
        assignee: Option<StaffId>,
        reason: &Reason,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        let owner = match assignee {
            Some(id) => Some(to.owner(id).ok_or(CaseError::NotATeamMember)?.clone()),
            None => None,
        };
        let moved = to.team.id != self.team.id;
        if !moved && owner.as_ref().map(|o| o.id) == self.assignee.as_ref().map(|a| a.id) {
            return Ok(Vec::new());
        }
        let actor = Actor::staff(by);
        let transition = if owner.is_some() {
            Transition::Assign
        } else {
            Transition::Unassign
        };
        // Checked first: a refused change leaves no event behind.
        lifecycle::apply(self.status, transition)?;
        let event = if moved {
            CaseEvent::Rerouted(Rerouted {
                from_team: self.team.clone(),
                to_team: to.team.clone(),
                assignee: owner,
                reason: reason.as_str().to_owned(),
            })
        } else {
            CaseEvent::Assigned(Assigned {
                team: to.team.clone(),
                assignee: owner,
                reason: reason.as_str().to_owned(),
                rule: None,
            })
        };
        let assigned = TimelineEvent::new(actor.clone(), now, event);
        let change = self.status_change(&actor, transition, None, now)?;
        Ok(std::iter::once(assigned).chain(change).collect())
    }

    /// Moves the case through its lifecycle as staff ask; nothing happens
    /// (no events) when it is already there.
    pub fn change_status(
        &self,
        by: &StaffRef,
        action: StatusAction,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        let actor = Actor::staff(by);
        Ok(self
            .status_change(&actor, Transition::Staff(action), Some(action), now)?
            .into_iter()
            .collect())
    }

    /// The family replies through its tracking link; answering a resolved
    /// case or a question staff asked starts the clock again.
    pub fn family_reply(
        &self,
        body: &Body,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        let actor = Actor::Requester;
        let message = Self::message(&actor, false, body, now);
        let change = self.status_change(&actor, Transition::RequesterReplied, None, now)?;
        Ok(std::iter::once(message).chain(change).collect())
    }

    /// The family rates the interaction: once, after it is resolved.
    pub fn rate(
        &self,
        feedback: &Feedback,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        if self.feedback_given {
            return Err(CaseError::FeedbackAlreadyGiven);
        }
        if !self.feedback_open() {
            return Err(CaseError::FeedbackNotOpen);
        }
        Ok(vec![TimelineEvent::new(
            Actor::Requester,
            now,
            CaseEvent::FeedbackReceived(FeedbackReceived {
                overall: feedback.overall,
                pillars: feedback.pillars,
                recommend: feedback.recommend,
                comment: feedback.comment.as_ref().map(|c| c.as_str().to_owned()),
            }),
        )])
    }

    /// Erases the requester's contact details, as the district's retention
    /// period says once the case has been finished and untouched for it.
    pub fn erase_requester(
        &self,
        retention: Retention,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimelineEvent>, CaseError> {
        if !retention.due(self.status, self.updated_at, now) {
            return Err(CaseError::StillKept);
        }
        Ok(vec![TimelineEvent::new(
            Actor::System,
            now,
            CaseEvent::RequesterErased(RequesterErased {
                retention_days: retention.days(),
            }),
        )])
    }

    /// Folds `events` into the case: where it is, who owns it, and the times
    /// the metrics measure. The version is the store's to count.
    pub fn apply(&mut self, events: &[TimelineEvent]) {
        for e in events {
            match &e.event {
                CaseEvent::Assigned(a) => {
                    self.team = a.team.clone();
                    self.assignee = a.assignee.clone();
                }
                CaseEvent::Rerouted(r) => {
                    self.team = r.to_team.clone();
                    self.assignee = r.assignee.clone();
                    self.rerouted = true;
                }
                CaseEvent::MessageAdded(m) => {
                    let by_staff = matches!(e.actor, Actor::Staff { .. });
                    if by_staff && !m.internal && self.first_response_at.is_none() {
                        self.first_response_at = Some(e.at);
                    }
                }
                CaseEvent::StatusChanged(s) => {
                    self.status = s.to;
                    if s.to == Status::Resolved && self.resolved_at.is_none() {
                        self.resolved_at = Some(e.at);
                    }
                }
                CaseEvent::FeedbackReceived(_) => self.feedback_given = true,
                CaseEvent::Created(_)
                | CaseEvent::SlaWarned(_)
                | CaseEvent::SlaBreached(_)
                | CaseEvent::Viewed(_)
                | CaseEvent::RequesterErased(_) => {}
            }
            if e.event.changes_case() {
                self.updated_at = e.at;
            }
        }
    }

    /// The case after `events`.
    pub fn after(&self, events: &[TimelineEvent]) -> Case {
        let mut next = self.clone();
        next.apply(events);
        next
    }
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
