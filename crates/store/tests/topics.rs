//! Topics as admins keep them: paged in the portal's order, room made for
//! one put in a taken place, and the migration that brought their words in
//! every language. Runs on SQLite, or on PostgreSQL when
//! `HEARD_TEST_DATABASE_URL` is set.

use chrono::Utc;
use diesel::prelude::*;
use heard_domain::{DistrictId, TopicId};
use heard_store::queries::topics;
use heard_store::rows::*;
use heard_store::testing::{self, TestDatabase};
use heard_store::{migrate, schema, AnyConnection, StoreError};

fn connect() -> (TestDatabase, AnyConnection, DistrictId) {
    let db = TestDatabase::new();
    let mut c = db.url.connect().expect("connect");
    migrate::run_pending(&mut c).expect("migrate");
    let d = testing::insert_district(&mut c, testing::district_row("d1")).expect("district");
    (db, c, d.id)
}

fn topic(c: &mut AnyConnection, district_id: DistrictId, name: &str, position: i64) -> TopicId {
    let id = TopicId::new();
    topics::insert(
        c,
        &TopicRecord {
            id,
            district_id,
            name: name.into(),
            description: String::new(),
            default_team_id: None,
            position,
            created_at: Utc::now().naive_utc(),
            version: 1,
            texts: format!(r#"{{"en":{{"name":"{name}","description":""}}}}"#),
            fallback_owner_id: None,
        },
    )
    .expect("topic");
    id
}

fn names(rows: &[TopicRecord]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn topics_page_in_the_portals_order_and_a_taken_place_makes_room() {
    let (_db, mut c, d) = connect();
    // The test district comes with "Transportation" at 0.
    let meals = topic(&mut c, d, "Meals", 1);
    let enrol = topic(&mut c, d, "Enrollment", 2);
    let first = topics::page(&mut c, d, None, 2).expect("page");
    assert_eq!(names(&first), ["Transportation", "Meals"]);
    let rest = topics::page(&mut c, d, Some(meals), 2).expect("page");
    assert_eq!(names(&rest), ["Enrollment"]);
    assert_eq!(topics::next_position(&mut c, d).expect("next"), 3);

    // Another district's topic is no cursor here.
    let other = testing::insert_district(&mut c, testing::district_row("d2")).expect("d2");
    let theirs = topic(&mut c, other.id, "Theirs", 0);
    assert!(matches!(
        topics::page(&mut c, d, Some(theirs), 2),
        Err(StoreError::NotFound)
    ));

    // Enrollment put first: the others move down a place, each to its next version.
    topics::make_room(&mut c, d, 0, Some(enrol)).expect("room");
    diesel::update(schema::topics::table.find(enrol))
        .set(schema::topics::position.eq(0))
        .execute(&mut c)
        .expect("move");
    let all = topics::page(&mut c, d, None, 10).expect("page");
    assert_eq!(names(&all), ["Enrollment", "Transportation", "Meals"]);
    assert_eq!(
        all.iter()
            .map(|t| (t.position, t.version))
            .collect::<Vec<_>>(),
        [(0, 1), (1, 2), (2, 2)]
    );
    // A free place moves nobody.
    topics::make_room(&mut c, d, 7, None).expect("room");
    let again = topics::page(&mut c, d, None, 10).expect("page");
    assert_eq!(
        again.iter().map(|t| t.version).collect::<Vec<_>>(),
        [1, 2, 2]
    );
    assert_eq!(
        topics::page(&mut c, other.id, None, 10).expect("theirs")[0].version,
        1
    );
}

/// Topics stored before admins kept them have their words in the
/// district's default language, and the migration goes down and up again.
#[test]
fn the_topics_migration_writes_existing_topics_in_the_default_language() {
    let (_db, mut c, d) = connect();
    migrate::revert_through(&mut c, "2026-12-10-000001").expect("down");
    diesel::sql_query("UPDATE districts SET languages = 'es,en' WHERE id = $1")
        .bind::<diesel::sql_types::Text, _>(d.to_string())
        .execute(&mut c)
        .expect("Spanish first");
    let id = TopicId::new();
    diesel::sql_query(
        "INSERT INTO topics (id, district_id, name, description, default_team_id, position, created_at) \
         VALUES ($1, $2, 'Transporte', 'Rutas y paradas', NULL, 5, $3)",
    )
    .bind::<diesel::sql_types::Text, _>(id.to_string())
    .bind::<diesel::sql_types::Text, _>(d.to_string())
    .bind::<diesel::sql_types::Timestamp, _>(Utc::now().naive_utc())
    .execute(&mut c)
    .expect("a topic from before");
    migrate::run_pending(&mut c).expect("up again");
    let rec = topics::record(&mut c, d, id).expect("record");
    assert_eq!(rec.version, 1);
    assert!(rec.fallback_owner_id.is_none());
    let texts: serde_json::Value = serde_json::from_str(&rec.texts).expect("json");
    assert_eq!(
        texts,
        serde_json::json!({"es": {"name": "Transporte", "description": "Rutas y paradas"}})
    );
}
