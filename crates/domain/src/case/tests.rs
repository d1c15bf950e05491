use super::fixtures::*;
use super::*;
use crate::ids::StaffId;
use proptest::prelude::*;

fn act(
    case: &mut Case,
    decide: impl FnOnce(&Case) -> Result<Vec<TimelineEvent>, CaseError>,
) -> Vec<TimelineEvent> {
    let events = decide(case).expect("allowed");
    case.apply(&events);
    events
}

#[test]
fn an_arrival_is_created_and_routed_by_the_system() {
    let front = team("Front Office");
    let (case, events) = Case::receive(arrival(&front), t("2026-12-01T15:00:00Z"));
    assert_eq!((case.status, case.version), (Status::New, 1));
    let types: Vec<_> = events.iter().map(|e| e.event.type_name()).collect();
    assert_eq!(types, ["created", "assigned"]);
    assert!(events.iter().all(|e| e.actor == Actor::System));
    match &events[1].event {
        CaseEvent::Assigned(a) => {
            assert_eq!(a.team, front);
            assert_eq!(a.rule.as_deref(), Some("topic_default"));
        }
        other => panic!("{other:?}"),
    }
    // Folding its own arrival changes nothing.
    assert_eq!(case.after(&events), case);
}

#[test]
fn a_first_public_reply_starts_the_work_and_sets_the_first_response() {
    let (mut case, _) = received();
    let agent = staff("Ana");
    let at = t("2026-12-01T16:00:00Z");
    let events = act(&mut case, |c| c.reply(&agent, &body("On it"), at));
    assert_eq!(events.len(), 2);
    assert_eq!(case.status, Status::InProgress);
    assert_eq!(case.first_response_at, Some(at));
    // A later reply keeps the first response time.
    act(&mut case, |c| {
        c.reply(&agent, &body("Update"), t("2026-12-01T17:00:00Z"))
    });
    assert_eq!(case.first_response_at, Some(at));
    assert_eq!(case.updated_at, t("2026-12-01T17:00:00Z"));
}

#[test]
fn a_note_is_not_a_response_and_closed_cases_take_none() {
    let (mut case, _) = received();
    let agent = staff("Ana");
    let events = act(&mut case, |c| {
        c.note(&agent, &body("Called the depot"), t("2026-12-01T16:00:00Z"))
    });
    assert!(matches!(&events[0].event, CaseEvent::MessageAdded(m) if m.internal));
    assert_eq!((case.status, case.first_response_at), (Status::New, None));
    for action in [StatusAction::Resolved, StatusAction::Closed] {
        act(&mut case, |c| {
            c.change_status(&agent, action, t("2026-12-01T17:00:00Z"))
        });
    }
    assert_eq!(
        case.note(&agent, &body("late"), t("2026-12-01T18:00:00Z")),
        Err(CaseError::ClosedTakesNoNotes)
    );
    assert!(matches!(
        case.reply(&agent, &body("late"), t("2026-12-01T18:00:00Z")),
        Err(CaseError::Lifecycle(_))
    ));
}

#[test]
fn assigning_within_the_team_and_rerouting_to_another() {
    let (mut case, front) = received();
    let lead = staff("Lee");
    let agent = staff("Ana");
    let roster = TeamRoster {
        team: front.clone(),
        members: vec![(agent.clone(), vec![Role::Agent])],
    };
    let reason = Reason::parse("hers").expect("reason");
    let at = t("2026-12-01T16:00:00Z");
    let events = act(&mut case, |c| {
        c.assign(&lead, &roster, Some(agent.id), &reason, at)
    });
    assert!(matches!(&events[0].event, CaseEvent::Assigned(_)));
    assert_eq!(case.status, Status::Assigned);
    assert_eq!(case.assignee, Some(agent.clone()));
    assert!(!case.rerouted);
    // The same again changes nothing.
    assert_eq!(
        case.assign(&lead, &roster, Some(agent.id), &reason, at),
        Ok(vec![])
    );
    let transport = TeamRoster {
        team: team("Transportation"),
        members: vec![],
    };
    let events = act(&mut case, |c| {
        c.assign(&lead, &transport, None, &reason, at)
    });
    match &events[0].event {
        CaseEvent::Rerouted(r) => {
            assert_eq!(r.from_team, front);
            assert_eq!(r.to_team, transport.team);
        }
        other => panic!("{other:?}"),
    }
    assert!(case.rerouted);
    assert_eq!(case.team, transport.team);
    assert_eq!((case.assignee.clone(), case.status), (None, Status::New));
}

#[test]
fn only_members_who_work_cases_can_own_one() {
    let (case, front) = received();
    let analyst = staff("Alex");
    let roster = TeamRoster {
        team: front,
        members: vec![(analyst.clone(), vec![Role::Analyst])],
    };
    let reason = Reason::parse("why").expect("reason");
    let at = t("2026-12-01T16:00:00Z");
    for who in [analyst.id, StaffId::new()] {
        assert_eq!(
            case.assign(&staff("Lee"), &roster, Some(who), &reason, at),
            Err(CaseError::NotATeamMember)
        );
    }
}

#[test]
fn feedback_opens_once_resolved_and_is_taken_once() {
    let (mut case, _) = received();
    let agent = staff("Ana");
    let at = t("2026-12-01T16:00:00Z");
    assert_eq!(case.rate(&feedback(), at), Err(CaseError::FeedbackNotOpen));
    act(&mut case, |c| {
        c.change_status(&agent, StatusAction::Resolved, at)
    });
    assert_eq!(case.resolved_at, Some(at));
    assert!(case.feedback_open());
    let events = act(&mut case, |c| c.rate(&feedback(), at));
    assert_eq!(events[0].actor, Actor::Requester);
    assert!(!case.feedback_open());
    assert_eq!(
        case.rate(&feedback(), at),
        Err(CaseError::FeedbackAlreadyGiven)
    );
}

#[test]
fn the_family_reopens_a_resolved_case_by_replying() {
    let (mut case, _) = received();
    let agent = staff("Ana");
    let resolved_at = t("2026-12-01T16:00:00Z");
    act(&mut case, |c| {
        c.change_status(&agent, StatusAction::Resolved, resolved_at)
    });
    let events = act(&mut case, |c| {
        c.family_reply(&body("Still waiting"), t("2026-12-02T16:00:00Z"))
    });
    assert!(events.iter().all(|e| e.actor == Actor::Requester));
    assert_eq!(case.status, Status::InProgress);
    assert_eq!(case.first_response_at, None, "the family is not staff");
    // Resolving again keeps the first resolution.
    act(&mut case, |c| {
        c.change_status(&agent, StatusAction::Resolved, t("2026-12-03T16:00:00Z"))
    });
    assert_eq!(case.resolved_at, Some(resolved_at));
}

#[test]
fn a_status_already_reached_is_no_change() {
    let (mut case, _) = received();
    let agent = staff("Ana");
    let at = t("2026-12-01T16:00:00Z");
    act(&mut case, |c| {
        c.change_status(&agent, StatusAction::InProgress, at)
    });
    assert!(matches!(
        case.change_status(&agent, StatusAction::InProgress, at),
        Err(CaseError::Lifecycle(_))
    ));
}

#[test]
fn requester_details_go_only_from_a_case_finished_and_untouched_for_the_period() {
    let (mut case, _) = received();
    let retention = crate::retention::Retention::of(Some(30)).expect("period");
    let agent = staff("Ana");
    let later = t("2027-06-01T00:00:00Z");
    assert_eq!(
        case.erase_requester(retention, later),
        Err(CaseError::StillKept),
        "an open case keeps them"
    );
    let resolved = t("2026-12-02T10:00:00Z");
    act(&mut case, |c| {
        c.change_status(&agent, StatusAction::Resolved, resolved)
    });
    let a_day_short = resolved + chrono::Duration::days(29);
    assert_eq!(
        case.erase_requester(retention, a_day_short),
        Err(CaseError::StillKept)
    );
    let due = resolved + chrono::Duration::days(30);
    let events = act(&mut case, |c| c.erase_requester(retention, due));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, Actor::System);
    assert_eq!(
        events[0].event,
        CaseEvent::RequesterErased(RequesterErased { retention_days: 30 })
    );
    assert_eq!((case.status, case.updated_at), (Status::Resolved, due));
}

#[test]
fn overdue_means_open_unanswered_and_past_due() {
    let (mut case, _) = received();
    let due = case.first_response_due_at.expect("due");
    assert!(!case.overdue(due));
    assert!(case.overdue(due + chrono::Duration::seconds(1)));
    act(&mut case, |c| {
        c.reply(
            &staff("Ana"),
            &body("Hello"),
            due + chrono::Duration::hours(1),
        )
    });
    assert!(!case.overdue(due + chrono::Duration::days(3)));
}

#[derive(Debug, Clone)]
enum Step {
    Reply,
    Note,
    Family,
    Status(StatusAction),
    Assign { other_team: bool, owner: bool },
    Rate,
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Reply),
        Just(Step::Note),
        Just(Step::Family),
        Just(Step::Rate),
        proptest::sample::select(StatusAction::ALL.to_vec()).prop_map(Step::Status),
        (any::<bool>(), any::<bool>())
            .prop_map(|(other_team, owner)| Step::Assign { other_team, owner }),
    ]
}

proptest! {
    /// Whatever staff and the family do, in any order: a refused action
    /// changes nothing, every accepted one leaves a consistent case, and
    /// the times the metrics measure never move once set.
    #[test]
    fn any_history_keeps_the_case_consistent(steps in proptest::collection::vec(any_step(), 0..40)) {
        let (mut case, front) = received();
        let agent = staff("Ana");
        let rosters = [
            TeamRoster { team: front, members: vec![(agent.clone(), vec![Role::Agent])] },
            TeamRoster { team: team("Transportation"), members: vec![(agent.clone(), vec![Role::Agent])] },
        ];
        let reason = Reason::parse("because").expect("reason");
        let mut now = t("2026-12-01T15:00:00Z");
        for step in steps {
            now += chrono::Duration::minutes(7);
            let before = case.clone();
            let decided = match &step {
                Step::Reply => case.reply(&agent, &body("reply"), now),
                Step::Note => case.note(&agent, &body("note"), now),
                Step::Family => case.family_reply(&body("family"), now),
                Step::Status(a) => case.change_status(&agent, *a, now),
                Step::Rate => case.rate(&feedback(), now),
                Step::Assign { other_team, owner } => {
                    let roster = &rosters[usize::from(*other_team)];
                    case.assign(&agent, roster, owner.then_some(agent.id), &reason, now)
                }
            };
            let Ok(events) = decided else { continue };
            case.apply(&events);
            prop_assert!(events.iter().all(|e| e.at == now));
            if let (Some(a), Some(b)) = (before.first_response_at, case.first_response_at) {
                prop_assert_eq!(a, b);
            }
            if let (Some(a), Some(b)) = (before.resolved_at, case.resolved_at) {
                prop_assert_eq!(a, b);
            }
            prop_assert!(!before.rerouted || case.rerouted);
            prop_assert!(!before.feedback_given || case.feedback_given);
            // A case has an owner exactly when the lifecycle says it is owned.
            if case.status == Status::New {
                prop_assert!(case.assignee.is_none() || before.status != Status::New);
            }
            if case.status == Status::Assigned {
                prop_assert!(case.assignee.is_some());
            }
            if case.feedback_given {
                prop_assert!(case.resolved_at.is_some());
            }
            // Entries are made in the order they happen, so ids sort as they do.
            prop_assert!(events.windows(2).all(|w| w[0].id < w[1].id));
            // Every status change starts where the case was.
            let mut status = before.status;
            for e in &events {
                if let CaseEvent::StatusChanged(s) = &e.event {
                    prop_assert_eq!(s.from, status);
                    status = s.to;
                }
            }
            prop_assert_eq!(status, case.status);
        }
    }
}
