use super::*;
use crate::case::fixtures::*;
use crate::case::{Case, TeamRoster};
use crate::lifecycle::StatusAction;
use crate::text::Reason;
use crate::Role;
use proptest::prelude::*;

const ALL_CONTACTS: [FamilyContact; 4] = [
    FamilyContact::Reachable,
    FamilyContact::Anonymous,
    FamilyContact::NoEmail,
    FamilyContact::Bouncing,
];

fn names(case: &Case, events: &[TimelineEvent], family: FamilyContact) -> Vec<&'static str> {
    events
        .iter()
        .flat_map(|e| notices(e, family, case.feedback_given))
        .map(|n| n.name())
        .collect()
}

#[test]
fn a_family_hears_of_arrival_reply_and_resolution_and_never_of_a_note() {
    let (mut case, front) = received();
    let (_, arrived) = Case::receive(arrival(&front), t("2026-12-01T15:00:00Z"));
    assert_eq!(
        names(&case, &arrived, FamilyContact::Reachable),
        ["acknowledgement"]
    );
    let ana = staff("Ana");
    let note = case
        .note(&ana, &body("Called the depot"), t("2026-12-01T15:30:00Z"))
        .expect("note");
    assert!(names(&case, &note, FamilyContact::Reachable).is_empty());
    let reply = case
        .reply(
            &ana,
            &body("The bus comes at 7:40"),
            t("2026-12-01T16:00:00Z"),
        )
        .expect("reply");
    case.apply(&reply);
    let said: Vec<_> = reply
        .iter()
        .flat_map(|e| notices(e, FamilyContact::Reachable, case.feedback_given))
        .collect();
    assert_eq!(
        said,
        [Notice::Reply {
            message_id: match &reply[0].event {
                CaseEvent::MessageAdded(m) => m.message_id,
                other => panic!("{other:?}"),
            },
            body: "The bus comes at 7:40".into(),
            author: "Ana".into(),
        }]
    );
    let resolved = case
        .change_status(&ana, StatusAction::Resolved, t("2026-12-01T17:00:00Z"))
        .expect("resolve");
    case.apply(&resolved);
    let said: Vec<_> = resolved
        .iter()
        .flat_map(|e| notices(e, FamilyContact::Reachable, case.feedback_given))
        .collect();
    assert_eq!(said, [Notice::Resolved { survey: true }]);
}

#[test]
fn the_family_reply_itself_is_not_sent_back_to_them() {
    let (mut case, _) = received();
    let ana = staff("Ana");
    let reply = case
        .reply(&ana, &body("Answer"), t("2026-12-01T16:00:00Z"))
        .expect("reply");
    case.apply(&reply);
    let theirs = case
        .family_reply(&body("Thanks, one more thing"), t("2026-12-01T16:30:00Z"))
        .expect("family reply");
    assert!(names(&case, &theirs, FamilyContact::Reachable).is_empty());
}

#[test]
fn a_rated_case_is_resolved_again_without_a_second_survey() {
    let (mut case, _) = received();
    let ana = staff("Ana");
    let resolved = case
        .change_status(&ana, StatusAction::Resolved, t("2026-12-01T17:00:00Z"))
        .expect("resolve");
    case.apply(&resolved);
    case.feedback_given = true;
    let said: Vec<_> = resolved
        .iter()
        .flat_map(|e| notices(e, FamilyContact::Reachable, case.feedback_given))
        .collect();
    assert_eq!(said, [Notice::Resolved { survey: false }]);
}

#[test]
fn staff_hear_of_a_case_given_to_them_by_somebody_else() {
    let (case, front) = received();
    let (ana, ben) = (staff("Ana"), staff("Ben"));
    let roster = TeamRoster {
        team: front,
        members: vec![
            (ana.clone(), vec![Role::Agent]),
            (ben.clone(), vec![Role::Agent]),
        ],
    };
    let reason = Reason::parse("covering").expect("reason");
    let by_ana = case
        .assign(
            &ana,
            &roster,
            Some(ben.id),
            &reason,
            t("2026-12-01T16:00:00Z"),
        )
        .expect("assign");
    let said: Vec<_> = by_ana
        .iter()
        .flat_map(|e| notices(e, FamilyContact::Anonymous, case.feedback_given))
        .collect();
    assert_eq!(said, [Notice::Assignment { to: ben.clone() }]);
    let taken = case
        .assign(
            &ben,
            &roster,
            Some(ben.id),
            &reason,
            t("2026-12-01T16:00:00Z"),
        )
        .expect("take");
    assert!(names(&case, &taken, FamilyContact::Reachable).is_empty());
}

#[test]
fn a_critical_arrival_alerts_the_team_even_for_an_anonymous_family() {
    let (case, front) = received();
    let (_, mut arrived) = Case::receive(arrival(&front), t("2026-12-01T15:00:00Z"));
    if let CaseEvent::Created(c) = &mut arrived[0].event {
        c.priority = Priority::Critical;
    }
    assert_eq!(
        names(&case, &arrived, FamilyContact::Reachable),
        ["acknowledgement", "critical"]
    );
    assert_eq!(
        names(&case, &arrived, FamilyContact::Anonymous),
        ["critical"]
    );
}

proptest! {
    /// Whatever happens, a family that cannot be written to is told nothing,
    /// a note is never told to anyone, and whatever is told comes of an
    /// event type `may_notify` names (the dispatcher skips the others).
    #[test]
    fn unreachable_families_and_notes_are_never_written_to(
        steps in proptest::collection::vec(0u8..7, 1..20),
        contact in 0usize..4,
    ) {
        let family = ALL_CONTACTS[contact];
        let (mut case, front) = received();
        let (ana, ben) = (staff("Ana"), staff("Ben"));
        let roster = TeamRoster {
            team: front.clone(),
            members: vec![(ana.clone(), vec![Role::Agent]), (ben.clone(), vec![Role::Agent])],
        };
        let reason = Reason::parse("covering").expect("reason");
        let mut at = t("2026-12-01T15:00:00Z");
        let (_, arrived) = Case::receive(arrival(&front), at);
        prop_assert!(arrived.iter().all(|e| may_notify(e.event.type_name())));
        for step in steps {
            at += chrono::Duration::minutes(5);
            let decided = match step {
                0 => case.reply(&ana, &body("reply"), at),
                1 => case.note(&ana, &body("note"), at),
                2 => case.change_status(&ana, StatusAction::Resolved, at),
                3 => case.change_status(&ana, StatusAction::Reopened, at),
                4 => case.family_reply(&body("family"), at),
                5 => case.assign(&ana, &roster, Some(ben.id), &reason, at),
                _ => case.assign(&ben, &roster, Some(ben.id), &reason, at),
            };
            let Ok(events) = decided else { continue };
            case.apply(&events);
            for e in &events {
                let said = notices(e, family, case.feedback_given);
                if !said.is_empty() {
                    prop_assert!(may_notify(e.event.type_name()), "{said:?}");
                }
                if family != FamilyContact::Reachable {
                    prop_assert!(said.iter().all(|n| !n.to_family()), "{said:?}");
                }
                if matches!(&e.event, CaseEvent::MessageAdded(m) if m.internal) {
                    prop_assert!(said.is_empty());
                }
            }
        }
    }
}
