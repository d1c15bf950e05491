//! Sign-in sessions of refresh tokens, and the migration that brought them.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use heard_store::queries::auth::{self, SignOut};
use heard_store::rows::*;
use heard_store::schema;
use heard_store::testing::{self, TestDatabase};
use heard_store::{migrate, AnyConnection};

fn staff(c: &mut AnyConnection, id: &str) {
    diesel::insert_into(schema::staff::table)
        .values(&StaffRow {
            id: id.into(),
            district_id: "d1".into(),
            email: format!("{id}@example.org"),
            name: id.into(),
            password_hash: String::new(),
            roles: "agent".into(),
            languages: "en".into(),
            active: true,
            created_at: Utc::now().naive_utc(),
        })
        .execute(c)
        .expect("staff");
}

/// Tokens stored before sessions existed are a session each once the
/// migration has run, so each can be signed out without the others.
#[test]
fn tokens_stored_before_sessions_are_a_session_each() {
    let db = TestDatabase::new();
    let mut c = db.url.connect().expect("connect");
    migrate::run_pending(&mut c).expect("up");
    testing::insert_district(&mut c, testing::district_row("d1")).expect("district");
    staff(&mut c, "s1");
    migrate::revert_through(&mut c, "2026-12-01-000002").expect("back to before sessions");
    let later = (Utc::now() + Duration::days(3)).naive_utc();
    for hash in ["a", "b"] {
        diesel::sql_query(
            "INSERT INTO refresh_tokens (token_hash, staff_id, expires_at, revoked_at, created_at) \
             VALUES ($1, 's1', $2, NULL, $2)",
        )
        .bind::<diesel::sql_types::Text, _>(hash)
        .bind::<diesel::sql_types::Timestamp, _>(later)
        .execute(&mut c)
        .expect("a token from before sessions");
    }
    migrate::run_pending(&mut c).expect("up again");

    let rows: Vec<RefreshTokenRow> = schema::refresh_tokens::table
        .select(RefreshTokenRow::as_select())
        .order(schema::refresh_tokens::token_hash)
        .load(&mut c)
        .expect("tokens");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| !r.session_id.is_empty()), "{rows:?}");
    assert_ne!(rows[0].session_id, rows[1].session_id);

    let now = Utc::now().naive_utc();
    assert_eq!(
        auth::sign_out(&mut c, "a", SignOut::Session, now).expect("sign out"),
        1
    );
    assert!(!auth::session_is_live(&mut c, "s1", &rows[0].session_id, now).expect("a"));
    assert!(auth::session_is_live(&mut c, "s1", &rows[1].session_id, now).expect("b"));
    assert!(
        !auth::session_is_live(&mut c, "someone else", &rows[1].session_id, now).expect("b"),
        "a session is its staff member's only"
    );
}
