//! What a staff member may do to a case right now, so a screen offers only
//! the actions that will work. The server decides again on every request;
//! this is the same policy and lifecycle, asked ahead of time.

use crate::access::{Action, CaseAccess, Subject, Viewer};
use crate::inquiry::Status;
use crate::lifecycle::{self, StatusAction, Transition};

/// The actions open to one viewer on one case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Permitted {
    /// A public reply.
    pub reply: bool,
    /// An internal note.
    pub note: bool,
    /// Giving it to a team or a person.
    pub assign: bool,
    /// The status changes that would move it, in lifecycle order.
    pub statuses: Vec<StatusAction>,
}

impl Permitted {
    /// What `viewer` may do to a case with `access` in `status`.
    pub fn of(viewer: &Viewer, access: &CaseAccess, status: Status) -> Self {
        let works = viewer.may(Action::Work, Subject::Case(access));
        let assigns = viewer.may(Action::Assign, Subject::Case(access));
        let allowed = |t| lifecycle::apply(status, t).is_ok();
        Self {
            reply: works && allowed(Transition::StaffReplied),
            note: works && super::takes_notes(status),
            assign: assigns && (allowed(Transition::Assign) || allowed(Transition::Unassign)),
            statuses: if works {
                StatusAction::ALL
                    .iter()
                    .copied()
                    .filter(|a| {
                        matches!(lifecycle::apply(status, Transition::Staff(*a)), Ok(Some(_)))
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}
