//! A signed-in staff member changes their password: the current one is
//! asked for, the new one must be long and new, and every other session of
//! theirs ends while this one stays.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

async fn sign_in(app: &TestApp, password: &str) -> reqwest::Response {
    app.post("/api/v1/auth/login")
        .json(&json!({"district": SLUG, "email": "front@testville.example", "password": password}))
        .send()
        .await
        .unwrap()
}

async fn session(app: &TestApp) -> (String, String) {
    let v: Value = sign_in(app, PASSWORD).await.json().await.unwrap();
    (
        v["access_token"].as_str().unwrap().to_owned(),
        v["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn change(app: &TestApp, token: &str, current: &str, new: &str) -> reqwest::Response {
    app.post("/api/v1/me/password")
        .bearer_auth(token)
        .json(&json!({"current_password": current, "new_password": new}))
        .send()
        .await
        .unwrap()
}

async fn refresh(app: &TestApp, refresh_token: &str) -> u16 {
    app.post("/api/v1/auth/refresh")
        .json(&json!({"refresh_token": refresh_token}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_new_password_signs_out_the_other_sessions_only() {
    let app = TestApp::new().await;
    let (here, here_refresh) = session(&app).await;
    let (_there, there_refresh) = session(&app).await;
    let new = "a much longer passphrase";

    let wrong = expect_problem(
        change(&app, &here, "not it at all", new).await,
        422,
        Some("current_password"),
    )
    .await;
    assert_eq!(wrong["errors"][0]["code"], "wrong_password");
    let short = expect_problem(
        change(&app, &here, PASSWORD, "too short").await,
        422,
        Some("new_password"),
    )
    .await;
    assert_eq!(short["errors"][0]["code"], "too_short");
    assert_eq!(short["errors"][0]["min"], 12);
    let same = expect_problem(
        change(&app, &here, PASSWORD, PASSWORD).await,
        422,
        Some("new_password"),
    )
    .await;
    assert_eq!(same["errors"][0]["code"], "unchanged");
    let res = app
        .post("/api/v1/me/password")
        .json(&json!({"current_password": PASSWORD, "new_password": new}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(app.table_count("audit_log"), 0, "nothing changed yet");

    assert_eq!(change(&app, &here, PASSWORD, new).await.status(), 204);
    assert_eq!(sign_in(&app, PASSWORD).await.status(), 401);
    assert_eq!(sign_in(&app, new).await.status(), 200);
    assert_eq!(
        refresh(&app, &there_refresh).await,
        401,
        "the other session ended"
    );
    assert_eq!(refresh(&app, &here_refresh).await, 200, "this one goes on");
    assert_eq!(
        app.get("/api/v1/me")
            .bearer_auth(&here)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let admin = app.login("admin@testville.example").await;
    let log = app
        .get_json("/api/v1/admin/audit?resource=staff", &admin)
        .await;
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "password_changed");
    assert_eq!(entry["resource_id"], app.fx.front_agent);
    assert_eq!(entry["actor"]["staff_id"], app.fx.front_agent);
    assert!(entry["before"].is_null() && entry["after"].is_null());
    assert!(
        !log.to_string().contains(new),
        "the password is nowhere in the log"
    );
}
