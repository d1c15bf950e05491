//! Requester details erased after the district's retention period: only
//! from finished cases untouched for the period, through the case (an
//! event, a new version), leaving the report figures as they were.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use heard_domain::api::{NewInquiry, RequesterForm, ValidInquiry};
use heard_domain::case::{Actor, Case, CaseEvent, RequesterErased};
use heard_domain::lifecycle::StatusAction;
use heard_domain::retention::Retention;
use heard_domain::{InquiryId, Kind, RequesterRole, StaffRef};
use heard_store::rows::DistrictRow;
use heard_store::testing::{self, TestDatabase, TestDistrict};
use heard_store::{cases, reports, retention, schema, AnyConnection, Store};

const D: TestDistrict = TestDistrict::numbered(11);

fn agent() -> StaffRef {
    StaffRef {
        id: heard_domain::StaffId(uuid::Uuid::from_u128(
            0x0193_0000_0000_7000_8000_0000_0000_0b01,
        )),
        name: "Ana Agent".into(),
    }
}

fn setup(c: &mut AnyConnection) {
    let district = DistrictRow {
        id: D.id,
        ..testing::district_row("retention")
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
            phone: Some("+1 555 0100".into()),
            role: RequesterRole::Parent,
            preferred_language: None,
        },
        anonymous: false,
        website: None,
    }
    .parse(&["en".into()])
    .expect("valid")
}

/// Stores a case from Maria received at `at` as number `n`, as intake does.
fn receive(c: &mut AnyConnection, n: i64, at: DateTime<Utc>) -> Case {
    testing::receive(c, &D, n, at, &submission())
}

fn resolve(c: &mut AnyConnection, case: &Case, at: DateTime<Utc>) -> Case {
    let events = case
        .change_status(&agent(), StatusAction::Resolved, at)
        .expect("resolve");
    cases::apply(c, case, &events).expect("applied")
}

fn contacts_of(c: &mut AnyConnection, id: InquiryId) -> i64 {
    schema::contacts::table
        .filter(schema::contacts::inquiry_id.eq(id))
        .count()
        .get_result(c)
        .expect("contacts")
}

#[test]
fn details_go_from_finished_cases_untouched_for_the_period_and_the_figures_stay() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    store
        .read(|c| {
            setup(c);
            let t0 = heard_store::clock::now() - Duration::days(60);
            let old = receive(c, 1001, t0 - Duration::hours(2));
            let old = resolve(c, &old, t0);
            let open = receive(c, 1002, t0 + Duration::days(3));
            let recent = receive(c, 1003, t0 + Duration::days(10));
            let recent = resolve(c, &recent, t0 + Duration::days(20));
            let repeat_before = reports::fact(c, open.id)?.map(|f| f.repeat_contact);
            assert_eq!(
                repeat_before,
                Some(true),
                "the same family within the window"
            );

            let keep = Retention::of(Some(30)).expect("period");
            let now = t0 + Duration::days(31);
            let due = retention::due(c, D.id, keep, now, 100)?;
            assert_eq!(
                due,
                vec![old.id],
                "only the finished case untouched for 30 days"
            );

            // A case found due that changed since is left as it is.
            assert_eq!(retention::erase(c, D.id, &[recent.id], keep, now)?, 0);
            assert_eq!(retention::erase(c, D.id, &due, keep, now)?, 1);

            let row = heard_store::queries::inquiries::by_id(c, D.id, old.id)?;
            assert_eq!(
                (row.requester_name, row.requester_email, row.requester_phone),
                (None, None, None)
            );
            assert_eq!(row.contact_keys, "");
            assert_eq!(row.version, old.version + 1, "a change like any other");
            assert_eq!(contacts_of(c, old.id), 0);
            assert_eq!(
                contacts_of(c, open.id),
                2,
                "other cases keep their email and phone"
            );
            let kept = heard_store::queries::inquiries::by_id(c, D.id, recent.id)?;
            assert_eq!(kept.requester_email.as_deref(), Some("maria@example.org"));

            let published = heard_store::outbox::pending(c, 100)?;
            let erased = published
                .iter()
                .find(|e| e.inquiry_id == old.id && e.kind == "requester_erased");
            assert!(erased.is_some(), "published: {published:?}");
            let rows = heard_store::queries::threads::events(c, old.id)?;
            let names = heard_store::timeline::Names::default();
            let cx = heard_store::timeline::Context {
                names: &names,
                messages: &[],
                feedback: None,
                created: None,
            };
            let last = heard_store::timeline::read(rows.last().expect("an entry"), &cx)?;
            assert_eq!(last.actor, Actor::System);
            assert_eq!(
                last.event,
                CaseEvent::RequesterErased(RequesterErased { retention_days: 30 })
            );

            assert_eq!(
                reports::fact(c, open.id)?.map(|f| f.repeat_contact),
                repeat_before,
                "the repeat contact already counted stays counted"
            );
            assert!(
                retention::due(c, D.id, keep, now, 100)?.is_empty(),
                "done once"
            );
            assert_eq!(
                retention::due(c, D.id, keep, t0 + Duration::days(51), 100)?,
                vec![recent.id],
                "the later one in its turn"
            );
            Ok(())
        })
        .expect("test");
}
