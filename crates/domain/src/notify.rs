//! Who is told what when something happens to a case: the family hears of
//! its own inquiry (received, answered, resolved), staff of work given to
//! them. Decided here, once, from the event; the server renders and sends.

use crate::case::{Actor, CaseEvent, TimelineEvent};
use crate::ids::{EventId, InquiryId, MessageId, StaffId};
use crate::inquiry::{Priority, Status};
use crate::refs::StaffRef;

/// Whether the family can be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyContact {
    /// They gave an email address the district has no reason to avoid.
    Reachable,
    /// They asked to stay anonymous: nothing is ever sent.
    Anonymous,
    /// They gave no email address.
    NoEmail,
    /// The district marked their address as bouncing.
    Bouncing,
}

/// Something to tell somebody.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// To the family: their inquiry was received (reference, tracking link,
    /// when to expect an answer).
    Acknowledgement,
    /// To the family: a public staff reply, with its text.
    Reply {
        /// The reply, as listed in the case's messages.
        message_id: MessageId,
        /// Its text.
        body: String,
        /// Who wrote it.
        author: String,
    },
    /// To the family: the inquiry was resolved; with the feedback invitation
    /// while they have not rated it.
    Resolved {
        /// Whether to invite their rating.
        survey: bool,
    },
    /// To a staff member: a case was given to them by somebody else.
    Assignment {
        /// The new owner.
        to: StaffRef,
    },
    /// To the case's team: a critical inquiry arrived.
    Critical,
}

impl Notice {
    /// Whether the family is the one told.
    pub fn to_family(&self) -> bool {
        matches!(
            self,
            Notice::Acknowledgement | Notice::Reply { .. } | Notice::Resolved { .. }
        )
    }

    /// The stable name of what is said, e.g. for a message's file name.
    pub fn name(&self) -> &'static str {
        match self {
            Notice::Acknowledgement => "acknowledgement",
            Notice::Reply { .. } => "reply",
            Notice::Resolved { .. } => "resolved",
            Notice::Assignment { .. } => "assignment",
            Notice::Critical => "critical",
        }
    }
}

/// Who a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Recipient {
    /// The family, at the address on the inquiry.
    Family,
    /// A staff member, at their address.
    Staff {
        /// Who.
        id: StaffId,
    },
}

/// One message to send: what a mail job carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Letter {
    /// The case it is about.
    pub inquiry_id: InquiryId,
    /// The event that caused it.
    pub event_id: EventId,
    /// What it says.
    pub notice: Notice,
    /// Who it goes to.
    pub to: Recipient,
}

impl Letter {
    /// What makes it once: the event, what is said, and to whom.
    pub fn dedupe_key(&self) -> String {
        let to = match self.to {
            Recipient::Family => "family".to_owned(),
            Recipient::Staff { id } => id.to_string(),
        };
        format!("{}:{}:{to}", self.event_id, self.notice.name())
    }
}

/// What `event` causes to be said, of a case whose family is `family` and
/// has rated it (`rated`) or not. Family notices only when `family` is
/// reachable: never to an anonymous requester, never about an internal note.
pub fn notices(event: &TimelineEvent, family: FamilyContact, rated: bool) -> Vec<Notice> {
    let mut out = Vec::new();
    match &event.event {
        CaseEvent::Created(created) => {
            out.push(Notice::Acknowledgement);
            if created.priority == Priority::Critical {
                out.push(Notice::Critical);
            }
        }
        CaseEvent::MessageAdded(m) if !m.internal => {
            if let Actor::Staff { name, .. } = &event.actor {
                out.push(Notice::Reply {
                    message_id: m.message_id,
                    body: m.body.clone(),
                    author: name.clone(),
                });
            }
        }
        CaseEvent::StatusChanged(s) if s.to == Status::Resolved && s.from != Status::Resolved => {
            out.push(Notice::Resolved { survey: !rated });
        }
        CaseEvent::Assigned(a) => out.extend(assignment(a.assignee.as_ref(), &event.actor)),
        CaseEvent::Rerouted(r) => out.extend(assignment(r.assignee.as_ref(), &event.actor)),
        _ => {}
    }
    if family != FamilyContact::Reachable {
        out.retain(|n| !n.to_family());
    }
    out
}

/// The event types [`notices`] can say something about, by `type` name:
/// an event of any other type causes no email, so nothing about it needs
/// deciding.
const TOLD: [&str; 5] = [
    "created",
    "assigned",
    "rerouted",
    "message_added",
    "status_changed",
];

/// Whether an event of type `kind` (its `type` name) may cause a notice.
pub fn may_notify(kind: &str) -> bool {
    TOLD.contains(&kind)
}

/// Staff taking a case themselves need no email about it.
fn assignment(assignee: Option<&StaffRef>, actor: &Actor) -> Option<Notice> {
    let to = assignee?;
    (actor.staff_id() != Some(to.id)).then(|| Notice::Assignment { to: to.clone() })
}

#[cfg(test)]
mod tests;
