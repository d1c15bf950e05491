//! A case loaded and its events applied in one place; the timeline read back
//! typed, also from events stored before they were typed; values that cannot
//! be read are errors, not defaults; one time precision on both backends.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use heard_domain::access::CaseScope;
use heard_domain::api::{NewInquiry, RequesterForm, ValidInquiry};
use heard_domain::case::{Actor, Case, CaseEvent, TeamRoster};
use heard_domain::lifecycle::StatusAction;
use heard_domain::text::{Body, Reason};
use heard_domain::{
    FeedbackForm, InquiryId, Kind, PillarRatings, RequesterRole, Role, StaffId, StaffRef, Status,
    TeamRef,
};
use heard_store::queries::inquiries::{self, InboxFilter};
use heard_store::queries::{districts, people, threads};
use heard_store::reports;
use heard_store::rows::*;
use heard_store::testing::{self, TestDatabase, TestDistrict};
use heard_store::{cases, schema, views, AnyConnection, Store, StoreError};

const D: TestDistrict = TestDistrict::numbered(7);

fn agent() -> StaffRef {
    StaffRef {
        id: StaffId(uuid::Uuid::from_u128(
            0x0193_0000_0000_7000_8000_0000_0000_0a01,
        )),
        name: "Ana Agent".into(),
    }
}

fn team() -> TeamRef {
    TeamRef {
        id: D.team,
        name: "Front Office".into(),
    }
}

fn setup(c: &mut AnyConnection) {
    let district = DistrictRow {
        id: D.id,
        ..testing::district_row("cases")
    };
    testing::insert_district(c, district).expect("district");
    testing::insert_agent(c, &D, &agent(), "ana@example.org");
}

fn submission() -> ValidInquiry {
    NewInquiry {
        kind: Kind::Question,
        topic_id: D.topic,
        unit_id: None,
        subject: "Bus stop".into(),
        body: "Can the stop move?".into(),
        requester: RequesterForm {
            name: Some("Maria Lopez".into()),
            email: Some("maria@example.org".into()),
            phone: None,
            role: RequesterRole::Parent,
            preferred_language: None,
        },
        anonymous: false,
        website: None,
    }
    .parse(&["en".into()])
    .expect("valid")
}

/// Stores a case received at `at` as number `n`, as intake does.
fn receive(c: &mut AnyConnection, n: i64, at: DateTime<Utc>) -> Case {
    testing::receive(c, &D, n, at, &submission())
}

fn store() -> (TestDatabase, Store) {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    store
        .read(|c| {
            setup(c);
            Ok(())
        })
        .expect("setup");
    (db, store)
}

#[test]
fn a_change_is_applied_in_one_place_and_loads_back() {
    let (_db, store) = store();
    store
        .read(|c| {
            let at = heard_store::clock::now();
            let received = receive(c, 1001, at);
            let loaded = cases::load(c, D.id, received.id)?;
            assert_eq!(loaded, received, "a stored case loads as it was decided");

            let body = Body::parse("We moved the stop.").expect("body");
            let reply_at = at + Duration::minutes(30);
            let events = loaded.reply(&agent(), &body, reply_at).expect("reply");
            let after = cases::apply(c, &loaded, &events)?;
            assert_eq!(after.version, 2);
            let published: Vec<_> = heard_store::outbox::pending(c, 100)?
                .into_iter()
                .map(|e| (e.event_id, e.kind))
                .collect();
            let decided: Vec<_> = events
                .iter()
                .map(|e| (e.id, e.event.type_name().to_owned()))
                .collect();
            assert_eq!(published, decided, "what is applied is published with it");
            assert_eq!(after.status, Status::InProgress);
            assert_eq!(cases::load(c, D.id, received.id)?, after);

            let messages = threads::messages(c, received.id, true)?;
            assert_eq!(messages.len(), 1);
            assert_eq!(messages[0].staff_id, Some(agent().id));
            let fact = reports::fact(c, received.id)?.expect("facts");
            assert_eq!(fact.first_response_seconds, Some(30 * 60));

            // A decision made on a case someone changed since is refused whole.
            let stale = loaded
                .note(&agent(), &Body::parse("late").expect("body"), reply_at)
                .expect("note");
            assert!(matches!(
                cases::apply(c, &loaded, &stale),
                Err(StoreError::Stale(1))
            ));
            assert_eq!(threads::messages(c, received.id, true)?.len(), 1);
            assert_eq!(heard_store::outbox::waiting(c)?, 2, "nor published");

            // The whole story reads back as typed events.
            let row = inquiries::by_id(c, D.id, received.id)?;
            let detail = views::inquiry_detail(c, &row)?;
            let types: Vec<_> = detail.events.iter().map(|e| e.event.type_name()).collect();
            assert_eq!(
                types,
                ["created", "assigned", "message_added", "status_changed"]
            );
            assert!(
                matches!(&detail.events[2].actor, Actor::Staff { name, .. } if name == "Ana Agent")
            );
            Ok(())
        })
        .expect("story");
}

#[test]
fn assignment_feedback_and_reroute_write_their_rows() {
    let (_db, store) = store();
    store
        .read(|c| {
            let at = heard_store::clock::now();
            let case = receive(c, 1001, at);
            let roster = views::roster(c, D.id, D.team)?.expect("team");
            assert_eq!(
                roster,
                TeamRoster {
                    team: team(),
                    members: vec![(agent(), vec![Role::Agent])],
                }
            );
            let why = Reason::parse("mine").expect("reason");
            let events = case
                .assign(&agent(), &roster, Some(agent().id), &why, at)
                .expect("assign");
            let case = cases::apply(c, &case, &events)?;
            let events = case
                .change_status(&agent(), StatusAction::Resolved, at)
                .expect("resolve");
            let case = cases::apply(c, &case, &events)?;
            let rating = FeedbackForm {
                overall: 9,
                pillars: PillarRatings {
                    courtesy: 5,
                    communication: 4,
                    responsiveness: 5,
                    environment: None,
                },
                recommend: Some(10),
                comment: Some("Thanks".into()),
            }
            .parse()
            .expect("rating");
            let events = case.rate(&rating, at).expect("rate");
            let case = cases::apply(c, &case, &events)?;
            assert!(case.feedback_given);
            assert_eq!(cases::load(c, D.id, case.id)?, case);
            let stored = threads::feedback(c, case.id)?.expect("feedback");
            assert_eq!((stored.overall, stored.recommend), (9, Some(10)));
            let fact = reports::fact(c, case.id)?.expect("facts");
            assert_eq!(fact.feedback_overall, Some(9));
            assert!(fact.resolution_seconds.is_some());
            Ok::<_, StoreError>(())
        })
        .expect("story");
}

#[test]
fn events_stored_before_they_were_typed_still_read() {
    let (_db, store) = store();
    store
        .read(|c| {
            let at = heard_store::clock::now().naive_utc();
            let id = InquiryId::new();
            let row = InquiryRow {
                id,
                status: Status::Resolved,
                ..testing::inquiry_row(&D, 2001, at)
            };
            heard_store::insert_batch!(&mut *c, schema::inquiries::table, &row)?;
            let message = MessageRow {
                id: heard_domain::MessageId::new(),
                inquiry_id: id,
                author_kind: heard_domain::api::Author::Staff,
                staff_id: Some(agent().id),
                internal: false,
                body: "On it".into(),
                created_at: at,
            };
            heard_store::insert_batch!(&mut *c, schema::messages::table, &message)?;
            heard_store::insert_batch!(
                &mut *c,
                schema::feedback::table,
                &FeedbackRow {
                    inquiry_id: id,
                    overall: 7,
                    courtesy: 4,
                    communication: 4,
                    responsiveness: 3,
                    environment: None,
                    recommend: Some(8),
                    comment: None,
                    created_at: at,
                }
            )?;
            let legacy = |kind: &str, actor: &str, staff: Option<StaffId>, data: serde_json::Value| {
                EventRow {
                    id: heard_domain::EventId::new(),
                    inquiry_id: id,
                    district_id: D.id,
                    kind: kind.into(),
                    actor_kind: actor.into(),
                    actor_staff_id: staff,
                    data: data.to_string(),
                    created_at: at,
                    actor_name: None,
                }
            };
            let team = D.team.to_string();
            let rows = vec![
                legacy("inquiry.created", "system", None, serde_json::json!({"channel": "portal", "reference": "TST-2001"})),
                legacy("inquiry.assigned", "system", None, serde_json::json!({"team_id": team, "team": "Front Office", "rule": "topic_default", "reason": "its team"})),
                legacy("inquiry.assigned", "staff", Some(agent().id), serde_json::json!({"from_team_id": team, "team_id": team, "team": "Front Office", "assignee_id": agent().id, "reason": "mine", "rerouted": false})),
                legacy("inquiry.message_added", "staff", Some(agent().id), serde_json::json!({"message_id": message.id, "internal": false})),
                // The demo history once wrote replies without their message id.
                legacy("inquiry.message_added", "staff", Some(agent().id), serde_json::json!({"internal": false})),
                legacy("inquiry.status_changed", "staff", Some(agent().id), serde_json::json!({"from": "in_progress", "to": "resolved", "action": "resolved"})),
                legacy("feedback.received", "requester", None, serde_json::json!({"overall": 7})),
            ];
            heard_store::insert_batch!(&mut *c, schema::events::table, &rows)?;
            let detail = views::inquiry_detail(c, &row)?;
            let e: Vec<&CaseEvent> = detail.events.iter().map(|e| &e.event).collect();
            assert!(matches!(e[0], CaseEvent::Created(c) if c.reference == "TST-2001" && c.topic.name == "Transportation"));
            assert!(matches!(e[1], CaseEvent::Assigned(a) if a.rule.as_deref() == Some("topic_default") && a.assignee.is_none()));
            assert!(matches!(e[2], CaseEvent::Assigned(a) if a.assignee.as_ref().map(|s| s.name.as_str()) == Some("Ana Agent")));
            assert!(matches!(e[3], CaseEvent::MessageAdded(m) if m.body == "On it" && !m.internal));
            assert!(matches!(e[4], CaseEvent::MessageAdded(m) if m.body == "On it"));
            assert!(matches!(e[5], CaseEvent::StatusChanged(s) if s.to == Status::Resolved && s.action == Some(StatusAction::Resolved)));
            assert!(matches!(e[6], CaseEvent::FeedbackReceived(f) if f.overall == 7 && f.recommend == Some(8)));
            assert!(matches!(&detail.events[2].actor, Actor::Staff { name, .. } if name == "Ana Agent"));
            assert_eq!(detail.events[6].actor, Actor::Requester);
            Ok::<_, StoreError>(())
        })
        .expect("legacy timeline");
}

/// Raw SQL that puts `value` in a text column, bypassing every check.
fn poke(c: &mut AnyConnection, sql: &str) {
    use diesel::connection::SimpleConnection;
    c.batch_execute(sql).expect("poke");
}

#[test]
fn values_that_cannot_be_read_are_errors_not_defaults() {
    let (_db, store) = store();
    store
        .read(|c| {
            let case = receive(c, 1001, heard_store::clock::now());
            let id = case.id;
            // An unknown status once read as a default; now it is an error.
            poke(c, &format!("UPDATE inquiries SET status = 'pending' WHERE id = '{id}'"));
            assert!(matches!(cases::load(c, D.id, id), Err(StoreError::Corrupt(_))));
            poke(c, &format!("UPDATE inquiries SET status = 'resolved' WHERE id = '{id}'"));
            assert!(cases::load(c, D.id, id).is_ok());

            // A unit that is neither a school nor a department.
            poke(c, &format!(
                "INSERT INTO units (id, district_id, name, kind, created_at) \
                 VALUES ('{}', '{}', 'Campus', 'campus', '2026-01-01 00:00:00')",
                uuid::Uuid::now_v7(),
                D.id
            ));
            assert!(matches!(districts::units(c, D.id), Err(StoreError::Corrupt(_))));

            // A role nobody defined, which was once skipped.
            poke(c, &format!("UPDATE staff SET roles = 'agent,janitor' WHERE id = '{}'", agent().id));
            assert!(matches!(people::staff_by_id(c, agent().id), Err(StoreError::Corrupt(_))));
            poke(c, &format!("UPDATE staff SET roles = 'agent' WHERE id = '{}'", agent().id));

            // A rating out of its range, which once read as 0.
            poke(c, &format!(
                "INSERT INTO feedback (inquiry_id, overall, courtesy, communication, responsiveness, created_at) \
                 VALUES ('{id}', 300, 5, 5, 5, '2026-01-01 00:00:00')"
            ));
            let f = threads::feedback(c, id)?.expect("feedback row");
            assert!(matches!(views::feedback(&f), Err(StoreError::Corrupt(_))));
            poke(c, &format!("DELETE FROM feedback WHERE inquiry_id = '{id}'"));

            // Event data that is not what its kind says, which once read as null.
            poke(c, &format!("UPDATE events SET data = '{{\"type\":\"viewed\"}}' WHERE inquiry_id = '{id}' AND kind = 'created'"));
            let row = inquiries::by_id(c, D.id, id)?;
            assert!(matches!(views::inquiry_detail(c, &row), Err(StoreError::Corrupt(_))));
            Ok::<_, StoreError>(())
        })
        .expect("corrupt values");
}

#[test]
fn paging_finds_every_row_made_within_one_microsecond() {
    let (_db, store) = store();
    let base = (Utc::now() - Duration::hours(1)).trunc_subsecs(6);
    let made: Vec<InquiryId> = store
        .read(move |c| {
            // Times a nanosecond apart, as a clock finer than the database's gives.
            Ok((0..40)
                .map(|k| receive(c, 1001 + k, base + Duration::nanoseconds(k * 17 % 1000)).id)
                .collect())
        })
        .expect("cases");
    let mut seen = Vec::new();
    let mut filter = InboxFilter::within(CaseScope::everything());
    loop {
        let f = filter.clone();
        let mut page = store
            .read(move |c| inquiries::inbox(c, D.id, &f, 3))
            .expect("page");
        let more = page.len() > 3;
        page.truncate(3);
        assert!(
            page.iter().all(|r| r.created_at == base.naive_utc()),
            "one microsecond"
        );
        filter.before = page.last().map(|r| (r.created_at, r.id));
        seen.extend(page.into_iter().map(|r| r.id));
        if !more {
            break;
        }
    }
    let mut expected = made.clone();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(seen, expected, "every row once, newest id first");
}
