//! Forgotten passwords over HTTP: asking emails a one-time link, the link
//! shows whose password it resets, and choosing a new password signs the
//! member in and ends every other session. Asking answers the same for an
//! address nobody has; a link works once and for an hour.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

const AGENT: &str = "driver@testville.example";
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn app() -> TestApp {
    TestApp::configured(|s| s.job_workers = 2).await
}

/// The token of a reset link emailed to `to`, once the worker wrote the
/// `nth` one.
async fn emailed_token(app: &TestApp, to: &str, nth: usize) -> String {
    let mut tokens = app.emailed_links("password_reset", "reset", to, nth).await;
    tokens.pop().unwrap()
}

async fn ask(app: &TestApp, body: Value) -> reqwest::Response {
    app.post("/api/v1/password-resets")
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post("/api/v1/auth/login")
        .json(&json!({"district": SLUG, "email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_emailed_link() {
    let app = app().await;
    // A session from before the reset, on another device.
    let before: Value = sign_in(&app, AGENT, PASSWORD).await.json().await.unwrap();
    let old_refresh = before["refresh_token"].as_str().unwrap().to_owned();

    let res = ask(
        &app,
        json!({"district": SLUG, "email": "Driver@Testville.example "}),
    )
    .await;
    assert_eq!(res.status(), 202);
    let token = emailed_token(&app, AGENT, 1).await;
    let message = &app.emailed("password_reset", AGENT)[0];
    assert!(message.contains("Subject:"), "{message}");

    let info: Value = app
        .get(&format!("/api/v1/password-resets/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["email"], AGENT);
    assert_eq!(info["district_slug"], SLUG);
    let expires = chrono::DateTime::parse_from_rfc3339(info["expires_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    let left = expires - chrono::Utc::now();
    assert!(
        left <= chrono::Duration::hours(1) && left > chrono::Duration::minutes(55),
        "{left}"
    );

    // A new password that is too short changes nothing and keeps the link.
    let res = app
        .post(&format!("/api/v1/password-resets/{token}/accept"))
        .json(&json!({"password": "short"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("password")).await;
    assert_eq!(sign_in(&app, AGENT, PASSWORD).await.status(), 200);

    let res = app
        .post(&format!("/api/v1/password-resets/{token}/accept"))
        .json(&json!({"password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let signed_in: Value = res.json().await.unwrap();
    let access = signed_in["access_token"].as_str().unwrap();
    let me = app.get_json("/api/v1/me", access).await;
    assert_eq!(me["email"], AGENT);

    // The old password and the old session are over; the new one works.
    assert_eq!(sign_in(&app, AGENT, PASSWORD).await.status(), 401);
    assert_eq!(sign_in(&app, AGENT, NEW_PASSWORD).await.status(), 200);
    let res = app
        .post("/api/v1/auth/refresh")
        .json(&json!({"refresh_token": old_refresh}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    // The link works once.
    let res = app
        .post(&format!("/api/v1/password-resets/{token}/accept"))
        .json(&json!({"password": "yet another passphrase"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 410, None).await;
    let res = app
        .get(&format!("/api/v1/password-resets/{token}"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 410, None).await;

    // The district's audit log says who reset it, never the password.
    let admin = app.login("admin@testville.example").await;
    let audit = app
        .get_json("/api/v1/admin/audit?resource=staff", &admin)
        .await;
    let entry = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "password_reset")
        .expect("an audit entry");
    assert_eq!(entry["actor"]["name"], "driver", "{entry}");
    assert!(!audit.to_string().contains(NEW_PASSWORD));
}

#[tokio::test]
async fn asking_tells_nobody_who_is_on_the_staff_and_does_not_flood() {
    let app = app().await;
    for body in [
        json!({"district": SLUG, "email": "nobody@testville.example"}),
        json!({"district": "no-such-district", "email": AGENT}),
    ] {
        let res = ask(&app, body.clone()).await;
        assert_eq!(res.status(), 202, "{body}");
        assert_eq!(res.bytes().await.unwrap().len(), 0);
    }
    assert_eq!(app.table_count("staff_links"), 0);

    // Asking again at once sends no second link.
    for _ in 0..3 {
        assert_eq!(
            ask(&app, json!({"district": SLUG, "email": AGENT}))
                .await
                .status(),
            202
        );
    }
    emailed_token(&app, AGENT, 1).await;
    assert_eq!(app.table_count("staff_links"), 1);

    // Once the first is more than five minutes old, a new one is sent.
    app.state
        .store
        .read(|c| {
            use diesel::prelude::*;
            let long_ago = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(6);
            diesel::sql_query("UPDATE staff_links SET created_at = $1")
                .bind::<diesel::sql_types::Timestamp, _>(long_ago)
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        ask(&app, json!({"district": SLUG, "email": AGENT}))
            .await
            .status(),
        202
    );
    emailed_token(&app, AGENT, 2).await;
    assert_eq!(app.table_count("staff_links"), 2);
}

#[tokio::test]
async fn bad_requests_and_bad_links_are_named_and_change_nothing() {
    let app = app().await;
    let res = ask(&app, json!({"district": SLUG})).await;
    expect_problem(res, 422, Some("email")).await;
    let res = ask(&app, json!({"district": " ", "email": AGENT})).await;
    expect_problem(res, 422, Some("district")).await;
    let res = ask(
        &app,
        json!({"district": SLUG, "email": format!("{}@x.example", "a".repeat(300))}),
    )
    .await;
    expect_problem(res, 422, Some("email")).await;
    let res = ask(&app, json!({"district": SLUG, "email": AGENT, "extra": 1})).await;
    expect_problem(res, 422, Some("extra")).await;
    assert_eq!(app.table_count("staff_links"), 0);

    for t in ["abc", &"x".repeat(64)] {
        let res = app
            .get(&format!("/api/v1/password-resets/{t}"))
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, None).await;
    }

    // An invitation's link is no reset link, and an expired link is gone.
    assert_eq!(
        ask(&app, json!({"district": SLUG, "email": AGENT}))
            .await
            .status(),
        202
    );
    let token = emailed_token(&app, AGENT, 1).await;
    let res = app
        .get(&format!("/api/v1/invitations/{token}"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    app.state
        .store
        .read(|c| {
            use diesel::prelude::*;
            diesel::sql_query("UPDATE staff_links SET expires_at = created_at").execute(c)?;
            Ok(())
        })
        .unwrap();
    let res = app
        .post(&format!("/api/v1/password-resets/{token}/accept"))
        .json(&json!({"password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 410, None).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("new one"),
        "{problem}"
    );
    assert_eq!(sign_in(&app, AGENT, NEW_PASSWORD).await.status(), 401);
    assert_eq!(sign_in(&app, AGENT, PASSWORD).await.status(), 200);
}
