//! Signing out over HTTP: a session ends for its refresh token and its
//! access tokens at once, on one device or everywhere.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A session's tokens.
struct Session {
    access: String,
    refresh: String,
}

async fn sign_in(app: &TestApp, email: &str) -> Session {
    let res = app
        .post("/api/v1/auth/login")
        .json(&json!({ "district": SLUG, "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "sign in {email}");
    tokens(res.json().await.unwrap())
}

fn tokens(v: Value) -> Session {
    Session {
        access: v["access_token"].as_str().unwrap().to_owned(),
        refresh: v["refresh_token"].as_str().unwrap().to_owned(),
    }
}

async fn refresh(app: &TestApp, refresh_token: &str) -> reqwest::Response {
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": refresh_token }))
        .send()
        .await
        .unwrap()
}

async fn sign_out(app: &TestApp, body: Value) -> reqwest::Response {
    app.post("/api/v1/auth/logout")
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn me(app: &TestApp, access: &str) -> reqwest::Response {
    app.get("/api/v1/me")
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn signing_out_ends_the_session_and_its_access_tokens_at_once() {
    let app = TestApp::new().await;
    let first = sign_in(&app, "admin@testville.example").await;
    assert_eq!(me(&app, &first.access).await.status(), StatusCode::OK);
    // A refresh keeps the session: both access tokens belong to it.
    let res = refresh(&app, &first.refresh).await;
    assert_eq!(res.status(), StatusCode::OK);
    let renewed = tokens(res.json().await.unwrap());
    assert_eq!(me(&app, &first.access).await.status(), StatusCode::OK);
    assert_eq!(me(&app, &renewed.access).await.status(), StatusCode::OK);

    let res = sign_out(&app, json!({ "refresh_token": renewed.refresh })).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(res.bytes().await.unwrap().is_empty());

    expect_problem(refresh(&app, &renewed.refresh).await, 401, None).await;
    for access in [&first.access, &renewed.access] {
        let res = me(&app, access).await;
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
        let problem = expect_problem(res, 401, None).await;
        assert!(
            problem["detail"].as_str().unwrap().contains("signed out"),
            "{problem}"
        );
    }
    // Staff routes other than /me refuse it as well.
    expect_problem(
        app.get("/api/v1/inquiries")
            .bearer_auth(&renewed.access)
            .send()
            .await
            .unwrap(),
        401,
        None,
    )
    .await;

    // Signing out again, or with the token the refresh replaced, changes nothing.
    for token in [&renewed.refresh, &first.refresh] {
        let res = sign_out(&app, json!({ "refresh_token": token })).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    // A token nobody was given is no error either: there is nothing to end.
    let res = sign_out(&app, json!({ "refresh_token": "never-issued" })).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // Signing in again starts a new session that works.
    let again = sign_in(&app, "admin@testville.example").await;
    assert_eq!(me(&app, &again.access).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_of_one_session_leaves_the_others() {
    let app = TestApp::new().await;
    let laptop = sign_in(&app, "admin@testville.example").await;
    let phone = sign_in(&app, "admin@testville.example").await;
    let res = sign_out(
        &app,
        json!({ "refresh_token": laptop.refresh, "everywhere": false }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_problem(me(&app, &laptop.access).await, 401, None).await;
    assert_eq!(me(&app, &phone.access).await.status(), StatusCode::OK);
    assert_eq!(refresh(&app, &phone.refresh).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_that_person_only() {
    let app = TestApp::new().await;
    let laptop = sign_in(&app, "admin@testville.example").await;
    let phone = sign_in(&app, "admin@testville.example").await;
    let colleague = sign_in(&app, "driver@testville.example").await;

    let res = sign_out(
        &app,
        json!({ "refresh_token": laptop.refresh, "everywhere": true }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    for session in [&laptop, &phone] {
        expect_problem(me(&app, &session.access).await, 401, None).await;
        expect_problem(refresh(&app, &session.refresh).await, 401, None).await;
    }
    assert_eq!(me(&app, &colleague.access).await.status(), StatusCode::OK);
    assert_eq!(
        refresh(&app, &colleague.refresh).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_sign_out_that_is_not_one_is_refused_naming_the_field() {
    let app = TestApp::new().await;
    let session = sign_in(&app, "admin@testville.example").await;
    for (body, field) in [
        (json!({}), "refresh_token"),
        (json!({ "refresh_token": 42 }), "refresh_token"),
        (json!({ "refresh_token": null }), "refresh_token"),
        (
            json!({ "refresh_token": session.refresh, "everywhere": "yes" }),
            "everywhere",
        ),
        (
            json!({ "refresh_token": session.refresh, "all_devices": true }),
            "all_devices",
        ),
        (json!("a token"), "body"),
    ] {
        expect_problem(sign_out(&app, body).await, 422, Some(field)).await;
    }
    let res = app
        .post("/api/v1/auth/logout")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    expect_problem(res, 400, None).await;
    // None of those signed anybody out.
    assert_eq!(me(&app, &session.access).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_is_rate_limited_like_signing_in() {
    let app = TestApp::with_limits(0, 2).await;
    for _ in 0..2 {
        let res = sign_out(&app, json!({ "refresh_token": "guess" })).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    let res = sign_out(&app, json!({ "refresh_token": "guess" })).await;
    assert!(res.headers().contains_key("retry-after"));
    expect_problem(res, 429, None).await;
}
