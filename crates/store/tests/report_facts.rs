//! The report summary computed by the database from the report facts equals
//! the metrics definition (`heard_domain::metrics::summarize`) over the same
//! inquiries, on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use chrono::{DateTime, Duration, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use heard_domain::api::UnitKind;
use heard_domain::metrics::{summarize, ContactHistory, DurationStats, Summary};
use heard_domain::text::Language;
use heard_domain::{
    Channel, DistrictId, InquiryId, Kind, Priority, RequesterRole, Status, TeamId, TopicId, UnitId,
};
use heard_store::reports::backfill;
use heard_store::reports::facts::{self, FactInputs};
use heard_store::reports::{self, Scope};
use heard_store::rows::*;
use heard_store::sql::Languages;
use heard_store::testing::{assert_same, TestDatabase};
use heard_store::{schema, AnyConnection, Pool, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

struct Fixture {
    district: DistrictRow,
    units: Vec<UnitId>,
    topics: Vec<TopicId>,
    teams: Vec<TeamId>,
}

fn fixture(c: &mut AnyConnection) -> Fixture {
    let created = Utc::now().naive_utc() - Duration::days(800);
    let district = DistrictRow {
        id: DistrictId::new(),
        slug: "facts".into(),
        name: "Facts District".into(),
        reference_prefix: "FCT".into(),
        time_zone: "America/Chicago".into(),
        languages: Languages(vec![Language::english()]),
        tab_label: "Contact us".into(),
        color: "#1a4480".into(),
        closures: r#"[{"name":"Thanksgiving","first_day":"2026-11-26","last_day":"2026-11-27"},{"name":"Christmas Day","first_day":"2026-12-25","last_day":"2026-12-25"}]"#.into(),
        first_response_minutes: 510,
        resolution_minutes: 2550,
        fallback_team_id: None,
        next_reference: 1,
        created_at: created,
        ..heard_store::testing::district_row("facts")
    };
    heard_store::insert_batch!(&mut *c, schema::districts::table, &district).expect("district");
    let teams: Vec<TeamRow> = (0..3)
        .map(|n| TeamRow {
            id: TeamId::new(),
            district_id: district.id,
            name: format!("Team {n}"),
            created_at: created,
        })
        .collect();
    let units: Vec<UnitRow> = (0..3)
        .map(|n| UnitRow {
            id: UnitId::new(),
            district_id: district.id,
            name: format!("School {n}"),
            kind: UnitKind::School,
            created_at: created,
        })
        .collect();
    let topics: Vec<TopicRow> = (0..3)
        .map(|n| TopicRow {
            id: TopicId::new(),
            district_id: district.id,
            name: format!("Topic {n}"),
            description: String::new(),
            default_team_id: None,
            position: n,
            created_at: created,
        })
        .collect();
    heard_store::insert_batch!(&mut *c, schema::teams::table, &teams).expect("teams");
    heard_store::insert_batch!(&mut *c, schema::units::table, &units).expect("units");
    heard_store::insert_batch!(&mut *c, schema::topics::table, &topics).expect("topics");
    Fixture {
        district,
        units: units.into_iter().map(|u| u.id).collect(),
        topics: topics.into_iter().map(|t| t.id).collect(),
        teams: teams.into_iter().map(|t| t.id).collect(),
    }
}

/// A varied history over the 200 days before `now`: sub-second times, shared
/// instants, unanswered inquiries both overdue and not yet due, answers with
/// and without a due time, reopened-looking resolutions, re-routes, feedback
/// with and without the optional answers, and a small pool of requesters so
/// repeat contacts happen (and some just outside 30 days).
fn history(
    fx: &Fixture,
    now: DateTime<Utc>,
    n: usize,
    seed: u64,
) -> (Vec<InquiryRow>, Vec<FeedbackRow>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let calendar = facts::calendar(&fx.district).expect("calendar");
    let mut inquiries = Vec::new();
    let mut ratings = Vec::new();
    let mut previous = (now - Duration::days(200)).trunc_subsecs(6);
    for k in 0..n {
        let created = if rng.gen_bool(0.05) {
            previous
        } else {
            // To the microsecond, as every time is stored.
            (now - Duration::microseconds(rng.gen_range(0..200 * 86_400_000_000i64)))
                .trunc_subsecs(6)
        };
        previous = created;
        let due = (!rng.gen_bool(0.05))
            .then(|| calendar.add_business_minutes(created, rng.gen_range(30..1500)));
        let first = rng
            .gen_bool(0.85)
            .then(|| created + Duration::microseconds(rng.gen_range(0..5 * 86_400_000_000i64)))
            .filter(|t| *t < now);
        let resolved = first
            .filter(|_| rng.gen_bool(0.8))
            .map(|f| f + Duration::seconds(rng.gen_range(0..400_000)))
            .filter(|t| *t < now);
        let keys: Vec<String> = match rng.gen_range(0..10) {
            0 => vec![],
            1..=6 => vec![format!("email:family{}@example.org", rng.gen_range(0..60))],
            7 => vec![format!("phone:555{:04}", rng.gen_range(0..40))],
            _ => vec![
                format!("email:family{}@example.org", rng.gen_range(0..60)),
                format!("phone:555{:04}", rng.gen_range(0..40)),
            ],
        };
        let id = InquiryId::new();
        let row = InquiryRow {
            id,
            district_id: fx.district.id,
            reference_number: k as i64 + 1,
            reference: format!("FCT-{}", k + 1),
            kind: Kind::Question,
            channel: Channel::Portal,
            status: if resolved.is_some() {
                Status::Resolved
            } else {
                Status::New
            },
            priority: Priority::Normal,
            topic_id: fx.topics[rng.gen_range(0..fx.topics.len())],
            unit_id: rng
                .gen_bool(0.8)
                .then(|| fx.units[rng.gen_range(0..fx.units.len())]),
            team_id: fx.teams[rng.gen_range(0..fx.teams.len())],
            assignee_id: None,
            subject: "Question".into(),
            body: "Body".into(),
            requester_name: None,
            requester_email: None,
            requester_phone: None,
            requester_role: RequesterRole::Parent,
            requester_language: Language::english(),
            anonymous: keys.is_empty(),
            contact_keys: keys.join(","),
            tracking_token_hash: id.to_string(),
            routing_rule: "test".into(),
            routing_reason: "test".into(),
            rerouted: rng.gen_bool(0.1),
            version: 1,
            created_at: created.naive_utc(),
            updated_at: created.naive_utc(),
            first_response_due_at: due.map(|t| t.naive_utc()),
            resolution_due_at: None,
            first_response_at: first.map(|t| t.naive_utc()),
            resolved_at: resolved.map(|t| t.naive_utc()),
            recorded_by_id: None,
            confidential: false,
            first_response_minutes: None,
            resolution_minutes: None,
        };
        if resolved.is_some() && rng.gen_bool(0.5) {
            ratings.push(FeedbackRow {
                inquiry_id: row.id,
                overall: rng.gen_range(0..=10),
                courtesy: rng.gen_range(1..=5),
                communication: rng.gen_range(1..=5),
                responsiveness: rng.gen_range(1..=5),
                environment: rng.gen_bool(0.5).then(|| rng.gen_range(1..=5)),
                recommend: rng.gen_bool(0.8).then(|| rng.gen_range(0..=10)),
                comment: None,
                created_at: row.created_at,
            });
        }
        inquiries.push(row);
    }
    (inquiries, ratings)
}

fn store_rows(c: &mut AnyConnection, inquiries: &[InquiryRow], ratings: &[FeedbackRow]) {
    for chunk in inquiries.chunks(200) {
        heard_store::insert_batch!(&mut *c, schema::inquiries::table, chunk).expect("inquiries");
    }
    for chunk in ratings.chunks(500) {
        heard_store::insert_batch!(&mut *c, schema::feedback::table, chunk).expect("feedback");
    }
}

/// The definition, over the inquiries themselves.
fn definition(
    c: &mut AnyConnection,
    fx: &Fixture,
    from: NaiveDateTime,
    to: NaiveDateTime,
    now: DateTime<Utc>,
    scope: &Scope,
) -> Summary {
    let calendar = facts::calendar(&fx.district).expect("calendar");
    let rows = reports::inquiries_in_period(c, fx.district.id, from, to, scope).expect("rows");
    let inquiries: Vec<_> = rows
        .iter()
        .map(|(i, f)| facts::inquiry_facts(i, f.as_ref()).expect("readable"))
        .collect();
    let mut history = ContactHistory::default();
    for (keys, at) in reports::contacts_between(c, fx.district.id, from - Duration::days(30), to)
        .expect("contacts")
    {
        history.record(&facts::contact_keys(&keys), at.and_utc());
    }
    summarize(&inquiries, history, &calendar, now)
}

/// Every period and scope, read in one piece and in two halves side by side.
fn check_periods(c: &mut AnyConnection, pool: &Pool, fx: &Fixture, now: DateTime<Utc>) -> usize {
    let n = |t: DateTime<Utc>| t.naive_utc();
    let mut scopes = vec![Scope::default()];
    scopes.push(Scope {
        unit_id: Some(fx.units[0]),
        ..Scope::default()
    });
    scopes.push(Scope {
        topic_id: Some(fx.topics[1]),
        ..Scope::default()
    });
    scopes.push(Scope {
        team_id: Some(fx.teams[2]),
        ..Scope::default()
    });
    scopes.push(Scope {
        unit_id: Some(fx.units[1]),
        topic_id: Some(fx.topics[0]),
        team_id: Some(fx.teams[0]),
    });
    let periods = [
        (now - Duration::days(30), now),
        (now - Duration::days(200), now),
        (now - Duration::days(400), now + Duration::days(1)),
        (now - Duration::days(3), now - Duration::days(1)),
        // Empty: before anything was received.
        (now - Duration::days(900), now - Duration::days(800)),
        // Later than everything.
        (now + Duration::days(1), now + Duration::days(2)),
    ];
    let mut nonempty = 0;
    for (from, to) in periods {
        for scope in &scopes {
            let want = definition(c, fx, n(from), n(to), now, scope);
            let got = reports::totals(c, fx.district.id, n(from), n(to), n(now), scope)
                .expect("totals")
                .summary();
            assert_same(&got, &want, &format!("{from} – {to}, {scope:?}"));
            // Read in two pieces on two connections, as the server does.
            let mut other = pool.get().expect("second connection");
            let cut = from + (to - from) / 3;
            let mut read_pieces = |kept| {
                let mut whole = reports::Part::default();
                for (i, (a, b)) in [(from, cut), (cut, to)].into_iter().enumerate() {
                    let c: &mut AnyConnection = if i == 0 { &mut *c } else { &mut other };
                    let piece = reports::part(c, fx.district.id, (n(a), n(b)), n(now), scope, kept);
                    whole.append(piece.expect("part"));
                }
                whole.finish().summary()
            };
            let pieces = read_pieces(reports::Kept::ALL);
            assert_same(
                &pieces,
                &want,
                &format!("pieces of {from} – {to}, {scope:?}"),
            );
            // Keeping only the business-time durations, as goals do: those
            // come out the same, the others are only counted.
            let business = read_pieces(reports::Kept([false, true, false, true]));
            let counted = |d: DurationStats| DurationStats {
                count: d.count,
                ..DurationStats::default()
            };
            let expected = Summary {
                first_response: counted(want.first_response),
                resolution: counted(want.resolution),
                ..want.clone()
            };
            assert_same(
                &business,
                &expected,
                &format!("business durations of {from} – {to}, {scope:?}"),
            );
            nonempty += usize::from(want.received > 0);
        }
    }
    nonempty
}

#[test]
fn backfilled_facts_sum_up_to_the_definition() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let mut c = store.pool.get().expect("connection");
    let fx = fixture(&mut c);
    let now = Utc::now();
    let (inquiries, ratings) = history(&fx, now, 1500, 7);
    store_rows(&mut c, &inquiries, &ratings);
    // Opening the empty database completed the backfill; start-up trusts
    // that, `heard migrate` (which calls `run`) checks again.
    assert!(backfill::completed(&mut c).expect("completed"));
    assert_eq!(backfill::run_unless_completed(&mut c).expect("start-up"), 0);
    assert!(backfill::needed(&mut c).expect("needed"));
    assert_eq!(backfill::run(&mut c).expect("backfill"), 1500);
    assert!(!backfill::needed(&mut c).expect("needed"));
    assert_eq!(backfill::run(&mut c).expect("nothing to do"), 0);
    let repeats: i64 = schema::report_facts::table
        .filter(schema::report_facts::repeat_contact.eq(true))
        .count()
        .get_result(&mut *c)
        .expect("count");
    assert!(repeats > 100, "the history has repeat contacts ({repeats})");
    assert!(check_periods(&mut c, &store.pool, &fx, now) >= 15);
    // As of the very instant an unanswered inquiry falls due, it is not yet missed.
    let due = inquiries
        .iter()
        .filter(|i| i.first_response_at.is_none())
        .filter_map(|i| i.first_response_due_at)
        .map(|t| c.backend().stored_time(t).and_utc())
        .find(|t| *t < now)
        .expect("an unanswered inquiry already due");
    assert!(check_periods(&mut c, &store.pool, &fx, due) >= 15);
    // Facts are kept at the precision the database keeps times.
    let some = &inquiries[0];
    let f = reports::fact(&mut c, some.id).expect("read").expect("fact");
    let stored = schema::inquiries::table
        .find(&some.id)
        .select(schema::inquiries::created_at)
        .first::<NaiveDateTime>(&mut *c)
        .expect("inquiry");
    assert_eq!(f.created_at, stored);
}

/// Inquiries arriving one by one, out of order (as side-by-side writers may
/// commit them), get the same repeat flags as a backfill over the whole history.
#[test]
fn facts_of_new_inquiries_in_any_order_sum_up_to_the_definition() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let mut c = store.pool.get().expect("connection");
    let fx = fixture(&mut c);
    let now = Utc::now();
    let (mut inquiries, ratings) = history(&fx, now, 600, 11);
    store_rows(&mut c, &inquiries, &ratings);
    let calendar = facts::calendar(&fx.district).expect("calendar");
    let backend = c.backend();
    let mut rng = StdRng::seed_from_u64(3);
    // Mostly in time order, with some arriving late.
    let mut arrival: Vec<_> = inquiries
        .drain(..)
        .map(|i| {
            (
                i.created_at + Duration::seconds(rng.gen_range(0..3 * 86_400)),
                i,
            )
        })
        .collect();
    arrival.sort_by_key(|(at, _)| *at);
    let inquiries: Vec<InquiryRow> = arrival.into_iter().map(|(_, i)| i).collect();
    let by_id: std::collections::HashMap<_, _> =
        ratings.iter().map(|f| (f.inquiry_id, f)).collect();
    for chunk in inquiries.chunks(3) {
        let mut new_facts = Vec::new();
        let mut new_contacts = Vec::new();
        for row in chunk {
            let inputs = FactInputs::from(row).as_stored(backend);
            let repeat = reports::is_repeat_contact(
                &mut c,
                inputs.district_id,
                &facts::contact_keys(&inputs.contact_keys),
                inputs.created_at,
            )
            .expect("lookup");
            new_facts.push(
                facts::fact_row(&inputs, by_id.get(&row.id).copied(), &calendar, repeat)
                    .expect("facts"),
            );
            new_contacts.extend(facts::contact_rows(&inputs));
        }
        c.transaction(|c| reports::insert_new(c, &new_facts, &new_contacts))
            .expect("insert");
    }
    assert!(!backfill::needed(&mut c).expect("needed"));
    assert!(check_periods(&mut c, &store.pool, &fx, now) >= 15);
    let first: Vec<ReportFactRow> = schema::report_facts::table
        .order(schema::report_facts::inquiry_id)
        .select(ReportFactRow::as_select())
        .load(&mut *c)
        .expect("facts");
    // The same rows as a backfill computes from scratch.
    diesel::delete(schema::report_facts::table)
        .execute(&mut *c)
        .expect("clear");
    diesel::delete(schema::contacts::table)
        .execute(&mut *c)
        .expect("clear");
    backfill::run(&mut c).expect("backfill");
    let again: Vec<ReportFactRow> = schema::report_facts::table
        .order(schema::report_facts::inquiry_id)
        .select(ReportFactRow::as_select())
        .load(&mut *c)
        .expect("facts");
    assert_eq!(first, again);
}

/// Durations past what 4 bytes hold (68 years) are kept whole on both
/// backends, beside the ones that fit.
#[test]
fn durations_beyond_four_bytes_sum_up_to_the_definition() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let mut c = store.pool.get().expect("connection");
    let fx = fixture(&mut c);
    let now = Utc::now();
    let (mut inquiries, ratings) = history(&fx, now, 40, 11);
    for (k, old) in inquiries.iter_mut().take(8).enumerate() {
        old.created_at = (now - Duration::days(365 * 70 + k as i64)).naive_utc();
        old.first_response_at = Some((now - Duration::days(2)).naive_utc());
        old.resolved_at = Some((now - Duration::days(1)).naive_utc());
        old.status = Status::Resolved;
    }
    store_rows(&mut c, &inquiries, &ratings);
    backfill::run(&mut c).expect("backfill");
    let wide: i64 = schema::report_facts::table
        .filter(schema::report_facts::resolution_seconds.gt(i64::from(i32::MAX)))
        .count()
        .get_result(&mut *c)
        .expect("count");
    assert_eq!(wide, 8);
    let n = |t: DateTime<Utc>| t.naive_utc();
    let (from, to) = (now - Duration::days(365 * 71), now + Duration::days(1));
    let scope = Scope::default();
    let want = definition(&mut c, &fx, n(from), n(to), now, &scope);
    assert_eq!(want.resolution.count, want.resolved);
    let got = reports::totals(&mut c, fx.district.id, n(from), n(to), n(now), &scope)
        .expect("totals")
        .summary();
    assert_same(&got, &want, "seventy years");
    assert!(got
        .resolution
        .p90_hours
        .is_some_and(|h| h > 24.0 * 365.0 * 60.0));
}
