//! The inquiry lifecycle as a state machine:
//! `new → assigned → awaiting_requester ⇄ in_progress → resolved → closed`,
//! with reopen. Every legal transition yields the change to record as an event;
//! an illegal one is an error and changes nothing.

use crate::inquiry::{named_enum, Status};
use serde::{Deserialize, Serialize};

named_enum!(
    /// A status change a staff member asks for (`POST /inquiries/{id}/status`).
    StatusAction {
        /// Start or resume work.
        InProgress = "in_progress",
        /// Wait for the family's answer; pauses the service clock.
        AwaitingRequester = "awaiting_requester",
        /// The family's question is answered.
        Resolved = "resolved",
        /// Nothing more will happen.
        Closed = "closed",
        /// Open a resolved or closed inquiry again.
        Reopened = "reopened",
    }
);

/// Something that happens to an inquiry and may move its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// A staff member (re)takes ownership.
    Assign,
    /// The inquiry goes back to a team queue with no owner.
    Unassign,
    /// A staff member asks for a status.
    Staff(StatusAction),
    /// A staff member posts a public reply.
    StaffReplied,
    /// The family replies through the tracking link.
    RequesterReplied,
}

/// A status change to record; `from == to` never happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// Before.
    pub from: Status,
    /// After.
    pub to: Status,
}

/// A transition that the lifecycle does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an inquiry that is {from} cannot be {attempt}")]
pub struct LifecycleError {
    /// The status the inquiry is in.
    pub from: Status,
    /// What was attempted, in words.
    pub attempt: &'static str,
}

impl Transition {
    fn describe(self) -> &'static str {
        match self {
            Transition::Assign => "assigned",
            Transition::Unassign => "returned to the queue",
            Transition::Staff(StatusAction::InProgress) => "moved to in progress",
            Transition::Staff(StatusAction::AwaitingRequester) => "set to await the requester",
            Transition::Staff(StatusAction::Resolved) => "resolved",
            Transition::Staff(StatusAction::Closed) => "closed",
            Transition::Staff(StatusAction::Reopened) => "reopened",
            Transition::StaffReplied => "replied to by staff",
            Transition::RequesterReplied => "replied to by the requester",
        }
    }
}

/// Applies `transition` to an inquiry in status `from`.
///
/// `Ok(None)` means the transition is allowed but leaves the status as it is
/// (for example a reply while work is in progress).
pub fn apply(from: Status, transition: Transition) -> Result<Option<StatusChange>, LifecycleError> {
    use Status::*;
    use StatusAction as A;
    let to = match (from, transition) {
        (New, Transition::Assign) => Assigned,
        (Assigned | AwaitingRequester | InProgress | Resolved, Transition::Assign) => from,
        (Assigned, Transition::Unassign) => New,
        (New | AwaitingRequester | InProgress | Resolved, Transition::Unassign) => from,

        (New | Assigned | AwaitingRequester, Transition::Staff(A::InProgress)) => InProgress,
        (New | Assigned | InProgress, Transition::Staff(A::AwaitingRequester)) => AwaitingRequester,
        (New | Assigned | AwaitingRequester | InProgress, Transition::Staff(A::Resolved)) => {
            Resolved
        }
        (Resolved, Transition::Staff(A::Closed)) => Closed,
        (Resolved | Closed, Transition::Staff(A::Reopened)) => InProgress,

        // A first public answer means someone is on it.
        (New | Assigned, Transition::StaffReplied) => InProgress,
        (AwaitingRequester | InProgress | Resolved, Transition::StaffReplied) => from,

        // The family answering restarts the clock; answering a resolved inquiry reopens it.
        (AwaitingRequester | Resolved, Transition::RequesterReplied) => InProgress,
        (New | Assigned | InProgress, Transition::RequesterReplied) => from,

        _ => {
            return Err(LifecycleError {
                from,
                attempt: transition.describe(),
            })
        }
    };
    Ok((to != from).then_some(StatusChange { from, to }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Status::*;

    fn staff(a: StatusAction) -> Transition {
        Transition::Staff(a)
    }

    #[test]
    fn the_happy_path() {
        let mut s = New;
        for (t, expected) in [
            (Transition::Assign, Assigned),
            (Transition::StaffReplied, InProgress),
            (staff(StatusAction::AwaitingRequester), AwaitingRequester),
            (Transition::RequesterReplied, InProgress),
            (staff(StatusAction::Resolved), Resolved),
            (staff(StatusAction::Closed), Closed),
        ] {
            let change = apply(s, t).expect("legal").expect("changes");
            assert_eq!(
                change,
                StatusChange {
                    from: s,
                    to: expected
                }
            );
            s = expected;
        }
    }

    #[test]
    fn reopen_from_resolved_and_closed() {
        for from in [Resolved, Closed] {
            assert_eq!(
                apply(from, staff(StatusAction::Reopened)),
                Ok(Some(StatusChange {
                    from,
                    to: InProgress
                }))
            );
        }
    }

    #[test]
    fn illegal_transitions_are_errors() {
        assert!(apply(New, staff(StatusAction::Closed)).is_err());
        assert!(apply(InProgress, staff(StatusAction::Reopened)).is_err());
        assert!(apply(Closed, Transition::RequesterReplied).is_err());
        assert!(apply(Closed, Transition::Assign).is_err());
        assert!(apply(Resolved, staff(StatusAction::Resolved)).is_err());
        let err = apply(Closed, Transition::StaffReplied).expect_err("closed is final");
        assert_eq!(
            err.to_string(),
            "an inquiry that is closed cannot be replied to by staff"
        );
    }

    #[test]
    fn unassigning_returns_an_assigned_inquiry_to_the_queue() {
        assert_eq!(
            apply(Assigned, Transition::Unassign),
            Ok(Some(StatusChange {
                from: Assigned,
                to: New
            }))
        );
        assert_eq!(apply(InProgress, Transition::Unassign), Ok(None));
        assert!(apply(Closed, Transition::Unassign).is_err());
    }

    #[test]
    fn replies_keep_status_while_in_progress() {
        assert_eq!(apply(InProgress, Transition::StaffReplied), Ok(None));
        assert_eq!(apply(InProgress, Transition::RequesterReplied), Ok(None));
    }

    fn any_status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL.to_vec())
    }

    fn any_transition() -> impl Strategy<Value = Transition> {
        prop_oneof![
            Just(Transition::Assign),
            Just(Transition::Unassign),
            Just(Transition::StaffReplied),
            Just(Transition::RequesterReplied),
            proptest::sample::select(StatusAction::ALL.to_vec()).prop_map(Transition::Staff),
        ]
    }

    proptest! {
        /// A change always starts where the inquiry is and goes somewhere else.
        #[test]
        fn changes_are_real(from in any_status(), t in any_transition()) {
            if let Ok(Some(change)) = apply(from, t) {
                prop_assert_eq!(change.from, from);
                prop_assert_ne!(change.to, from);
            }
        }

        /// Whatever happens, a closed inquiry only leaves `closed` by being reopened.
        #[test]
        fn closed_is_left_only_by_reopen(ts in proptest::collection::vec(any_transition(), 0..30)) {
            let mut s = Closed;
            for t in ts {
                if let Ok(Some(change)) = apply(s, t) {
                    if s == Closed {
                        prop_assert_eq!(t, Transition::Staff(StatusAction::Reopened));
                    }
                    s = change.to;
                }
            }
        }

        /// Resolved is only reachable from an open status.
        #[test]
        fn resolve_needs_an_open_inquiry(from in any_status()) {
            let r = apply(from, Transition::Staff(StatusAction::Resolved));
            prop_assert_eq!(r.is_ok(), from.is_open());
        }
    }
}
