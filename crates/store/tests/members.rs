//! The district's staff as admins keep them: paged by name ignoring case,
//! found by text, changed at a version, and the migration that brought it.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::Utc;
use diesel::prelude::*;
use heard_domain::api::StaffStanding;
use heard_domain::text::Language;
use heard_domain::{DistrictId, Role, StaffId, TeamId};
use heard_store::queries::members::{self, StaffFilter};
use heard_store::rows::*;
use heard_store::sql::{Languages, Roles};
use heard_store::testing::{self, TestDatabase};
use heard_store::{migrate, schema, AnyConnection, StoreError};

fn staff(c: &mut AnyConnection, district_id: DistrictId, name: &str, joined: bool) -> StaffId {
    let id = StaffId::new();
    diesel::insert_into(schema::staff::table)
        .values(&StaffRow {
            id,
            district_id,
            email: format!("{id}@example.org"),
            name: name.into(),
            password_hash: if joined { "hash".into() } else { String::new() },
            roles: Roles(vec![Role::Agent]),
            languages: Languages(vec![Language::english()]),
            active: true,
            created_at: Utc::now().naive_utc(),
        })
        .execute(c)
        .expect("staff");
    id
}

fn team(c: &mut AnyConnection, district_id: DistrictId, name: &str) -> TeamId {
    let id = TeamId::new();
    diesel::insert_into(schema::teams::table)
        .values(&TeamRow {
            id,
            district_id,
            name: name.into(),
            created_at: Utc::now().naive_utc(),
        })
        .execute(c)
        .expect("team");
    id
}

fn names(rows: &[StaffRecord]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

fn connect() -> (TestDatabase, AnyConnection, DistrictId) {
    let db = TestDatabase::new();
    let mut c = db.url.connect().expect("connect");
    migrate::run_pending(&mut c).expect("migrate");
    let d = testing::insert_district(&mut c, testing::district_row("d1")).expect("district");
    (db, c, d.id)
}

#[test]
fn staff_page_by_name_ignoring_case_and_every_member_comes_once() {
    let (_db, mut c, d) = connect();
    let other = testing::insert_district(&mut c, testing::district_row("d2")).expect("district");
    for (name, joined) in [
        ("bea Ortiz", true),
        ("Alma Reyes", false),
        ("Carl 100% Sure", true),
        ("alma reyes", true),
        ("Dee_Dee", true),
    ] {
        staff(&mut c, d, name, joined);
    }
    let stranger = staff(&mut c, other.id, "Aaron Elsewhere", true);

    let all = members::page(&mut c, d, &StaffFilter::default(), None, 50).expect("page");
    assert_eq!(all.len(), 5, "only the district's own");
    let lower: Vec<String> = all.iter().map(|r| r.name.to_lowercase()).collect();
    let mut sorted = lower.clone();
    sorted.sort();
    assert_eq!(lower, sorted, "by name ignoring case: {:?}", names(&all));

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = members::page(&mut c, d, &StaffFilter::default(), after, 2).expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|r| r.id);
        seen.extend(page.into_iter().map(|r| r.name));
    }
    assert_eq!(seen, names(&all));
    assert!(matches!(
        members::page(&mut c, d, &StaffFilter::default(), Some(stranger), 2),
        Err(StoreError::NotFound)
    ));

    let find = |c: &mut AnyConnection, text: &str, standing| {
        let filter = StaffFilter {
            standing,
            text: Some(text.into()),
        };
        let rows = members::page(c, d, &filter, None, 50).expect("find");
        names(&rows)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(find(&mut c, "100%", None), ["Carl 100% Sure"]);
    assert_eq!(find(&mut c, "e_d", None), ["Dee_Dee"], "_ is a character");
    assert_eq!(
        find(&mut c, "ALMA", Some(StaffStanding::Invited)),
        ["Alma Reyes"]
    );
    assert_eq!(
        find(&mut c, "ALMA", Some(StaffStanding::Active)),
        ["alma reyes"]
    );
    assert_eq!(
        find(&mut c, "example.org", Some(StaffStanding::Deactivated)),
        Vec::<String>::new()
    );
}

#[test]
fn a_change_at_an_old_version_changes_nothing_and_teams_are_set_exactly() {
    let (_db, mut c, d) = connect();
    let id = staff(&mut c, d, "Bea Ortiz", true);
    let (a, b) = (team(&mut c, d, "A"), team(&mut c, d, "B"));
    let change = StaffChangeRow {
        name: "Bea Ortiz-Lane".into(),
        roles: Roles(vec![Role::Agent, Role::Lead]),
        languages: Languages(vec![Language::english()]),
        away_from: None,
        away_until: None,
    };
    members::update(&mut c, d, id, 1, &change).expect("at version 1");
    assert!(matches!(
        members::update(&mut c, d, id, 1, &change),
        Err(StoreError::Stale(1))
    ));
    let rec = members::record(&mut c, d, id).expect("record");
    assert_eq!((rec.name.as_str(), rec.version), ("Bea Ortiz-Lane", 2));

    assert_eq!(
        members::set_teams(&mut c, id, &[a, b]).expect("set"),
        (vec![a, b], vec![])
    );
    assert_eq!(
        members::set_teams(&mut c, id, &[b]).expect("set"),
        (vec![], vec![a])
    );
    assert_eq!(
        members::set_teams(&mut c, id, &[b]).expect("set"),
        (vec![], vec![])
    );

    let now = Utc::now().naive_utc();
    members::set_deactivated(&mut c, d, id, 2, Some(now)).expect("deactivate");
    let rec = members::record(&mut c, d, id).expect("record");
    assert!(!rec.active && rec.deactivated_at.is_some() && rec.version == 3);
    members::set_deactivated(&mut c, d, id, 3, None).expect("back");
    let rec = members::record(&mut c, d, id).expect("record");
    assert!(rec.active && rec.deactivated_at.is_none());
}

/// Staff stored before admins kept them are at version 1, not away, and
/// the migration goes down and up again.
#[test]
fn the_staff_admin_migration_keeps_existing_staff() {
    let (_db, mut c, d) = connect();
    migrate::revert_through(&mut c, "2026-12-09-000001").expect("down");
    let id = staff_before(&mut c, d);
    migrate::run_pending(&mut c).expect("up again");
    let rec = members::record(&mut c, d, id).expect("record");
    assert_eq!(rec.version, 1);
    assert!(rec.away_from.is_none() && rec.deactivated_at.is_none() && rec.active);
}

/// A member stored by plain SQL, as a database before the migration does.
fn staff_before(c: &mut AnyConnection, d: DistrictId) -> StaffId {
    let id = StaffId::new();
    diesel::sql_query(
        "INSERT INTO staff (id, district_id, email, name, password_hash, roles, languages, active, created_at) \
         VALUES ($1, $2, 'old@example.org', 'Old Timer', 'hash', 'agent', 'en', TRUE, $3)",
    )
    .bind::<diesel::sql_types::Text, _>(id.to_string())
    .bind::<diesel::sql_types::Text, _>(d.to_string())
    .bind::<diesel::sql_types::Timestamp, _>(Utc::now().naive_utc())
    .execute(c)
    .expect("a member from before");
    id
}
