//! Inviting staff over HTTP: an admin invites, the email carries a
//! one-time link, the link shows whose invitation it is, and choosing a
//! password signs the new member in. A link works once and until it
//! expires; nobody signs in as an invited member before they accept.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

async fn app() -> TestApp {
    TestApp::configured(|s| s.job_workers = 2).await
}

/// The token of the invitation emailed to `to`, once the worker wrote it.
async fn emailed_token(app: &TestApp, to: &str) -> String {
    emailed_tokens(app, to, 1).await.remove(0)
}

/// The tokens of the `n` invitations emailed to `to`.
async fn emailed_tokens(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    app.emailed_links("invitation", "welcome", to, n).await
}

async fn invite(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let res = app
        .post("/api/v1/admin/staff/invitations")
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> u16 {
    app.post("/api/v1/auth/login")
        .json(&json!({"district": SLUG, "email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_invited_member_chooses_a_password_and_is_signed_in() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let email = "dana.whitfield@testville.example";
    let (status, invitation) = invite(
        &app,
        &admin,
        json!({"email": email, "name": "Dana Whitfield", "roles": ["agent"], "team_ids": [app.fx.transport_team], "languages": ["es"]}),
    )
    .await;
    assert_eq!(status, 201, "{invitation}");
    assert_eq!(invitation["staff"]["name"], "Dana Whitfield");
    let staff_id = invitation["staff"]["id"].as_str().unwrap().to_owned();

    let (status, _) = invite(
        &app,
        &admin,
        json!({"email": "DANA.Whitfield@testville.example", "name": "Dana", "roles": ["agent"]}),
    )
    .await;
    assert_eq!(status, 409, "one invitation per address");
    assert_eq!(sign_in(&app, email, "").await, 422);
    assert_eq!(
        sign_in(&app, email, "anything at all here").await,
        401,
        "no password yet"
    );

    let token = emailed_token(&app, email).await;
    let message = app.emailed("invitation", email).remove(0);
    let parsed = mail_parser::MessageParser::default()
        .parse(message.as_bytes())
        .expect("a message");
    assert_eq!(
        parsed.subject(),
        Some("Su invitación a Heard de Testville School District")
    );
    let text = parsed.body_text(0).expect("text");
    assert!(
        text.contains("admin le invitó"),
        "in the member's language, naming who invited: {text}"
    );
    assert!(text.contains(&token), "{text}");

    let info: Value = app
        .get(&format!("/api/v1/invitations/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["name"], "Dana Whitfield");
    assert_eq!(info["district"], "Testville School District");
    assert_eq!(info["district_slug"], SLUG);

    let accept = |password: &str| {
        app.post(&format!("/api/v1/invitations/{token}/accept"))
            .json(&json!({"password": password}))
            .send()
    };
    let short = accept("short").await.unwrap();
    let problem = expect_problem(short, 422, Some("password")).await;
    assert_eq!(problem["errors"][0]["code"], "too_short");
    let joined: Value = accept("a long enough passphrase")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = joined["access_token"].as_str().expect("signed in");
    assert_eq!(joined["user"]["id"], staff_id.as_str());
    let me = app.get_json("/api/v1/me", access).await;
    assert_eq!(me["name"], "Dana Whitfield");
    assert_eq!(sign_in(&app, email, "a long enough passphrase").await, 200);

    // Once only.
    assert_eq!(
        accept("another long passphrase").await.unwrap().status(),
        410
    );
    let again = app
        .get(&format!("/api/v1/invitations/{token}"))
        .send()
        .await
        .unwrap();
    expect_problem(again, 410, None).await;
    assert_eq!(sign_in(&app, email, "another long passphrase").await, 401);

    let log = app
        .get_json("/api/v1/admin/audit?resource=staff", &admin)
        .await;
    let actions: Vec<(&str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["actor"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [("joined", "Dana Whitfield"), ("created", "admin")]
    );
    assert!(!log.to_string().contains(&token), "no token in the log");
}

#[tokio::test]
async fn links_that_are_wrong_forged_or_expired_open_nothing() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let email = "late@testville.example";
    assert_eq!(
        invite(
            &app,
            &admin,
            json!({"email": email, "name": "Late Comer", "roles": ["analyst"]})
        )
        .await
        .0,
        201
    );
    let token = emailed_token(&app, email).await;

    // The same link id with another MAC, and strings that are no token.
    let mut forged = token.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    for t in [forged.as_str(), "abc", &"x".repeat(64)] {
        let res = app
            .get(&format!("/api/v1/invitations/{t}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{t}");
    }

    app.state
        .store
        .read(|c| {
            use diesel::prelude::*;
            diesel::sql_query("UPDATE staff_links SET expires_at = created_at").execute(c)?;
            Ok(())
        })
        .unwrap();
    let res = app
        .post(&format!("/api/v1/invitations/{token}/accept"))
        .json(&json!({"password": "a long enough passphrase"}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 410, None).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("new one"),
        "{problem}"
    );
    assert_eq!(sign_in(&app, email, "a long enough passphrase").await, 401);
}

#[tokio::test]
async fn only_admins_invite_and_every_problem_is_named() {
    let app = app().await;
    let agent = app.login("front@testville.example").await;
    let body = json!({"email": "x@testville.example", "name": "X", "roles": ["agent"]});
    assert_eq!(invite(&app, &agent, body.clone()).await.0, 403);
    let admin = app.login("admin@testville.example").await;
    let (status, problem) = invite(
        &app,
        &admin,
        json!({"email": "nope", "name": " ", "roles": [], "team_ids": [heard_domain::TeamId::new()], "languages": ["fr"]}),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "name", "roles", "languages[0]"]);
    let (status, problem) = invite(
        &app,
        &admin,
        json!({"email": "y@testville.example", "name": "Y", "roles": ["agent"], "team_ids": [heard_domain::TeamId::new()]}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "team_ids[0]");
    let (status, _) = invite(
        &app,
        &admin,
        json!({"email": "z@testville.example", "name": "Z", "roles": ["wizard"]}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        app.count_where(
            "staff",
            "email LIKE '%@testville.example' AND password_hash = ''"
        ),
        0
    );
}

#[tokio::test]
async fn an_admin_invites_again_and_only_the_newest_link_works() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let email = "slow@testville.example";
    let (status, first) = invite(
        &app,
        &admin,
        json!({"email": email, "name": "Slow Reader", "roles": ["agent"]}),
    )
    .await;
    assert_eq!(status, 201);
    let id = first["staff"]["id"].as_str().unwrap().to_owned();
    let old_token = emailed_token(&app, email).await;

    // Agents and analysts may not; an id of nobody here is 404.
    let agent = app.login("driver@testville.example").await;
    let path = format!("/api/v1/admin/staff/{id}/invitation");
    let res = app.post(&path).bearer_auth(&agent).send().await.unwrap();
    expect_problem(res, 403, None).await;
    let res = app
        .post(&format!(
            "/api/v1/admin/staff/{}/invitation",
            uuid::Uuid::new_v4()
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    let res = app
        .post("/api/v1/admin/staff/not-an-id/invitation")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;

    let member = format!("/api/v1/admin/staff/{id}");
    let before = app.get(&member).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(before.headers()["etag"], "\"1\"");
    let res = app.post(&path).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let again: Value = res.json().await.unwrap();
    // The member is shown with the new link's expiry, at their next version.
    let after = app.get(&member).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(after.headers()["etag"], "\"2\"");
    let after: Value = after.json().await.unwrap();
    assert_eq!(after["invitation_expires_at"], again["expires_at"]);
    assert_eq!(again["email"], email);
    assert_eq!(again["staff"]["id"], id.as_str());
    let tokens = emailed_tokens(&app, email, 2).await;
    let new_token = tokens.into_iter().find(|t| *t != old_token).unwrap();

    // The first link stopped working; the new one is the way in.
    let res = app
        .get(&format!("/api/v1/invitations/{old_token}"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 410, None).await;
    let res = app
        .post(&format!("/api/v1/invitations/{new_token}/accept"))
        .json(&json!({"password": "a long enough passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // Once joined, there is nothing to invite them to.
    let res = app.post(&path).bearer_auth(&admin).send().await.unwrap();
    let problem = expect_problem(res, 409, None).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("joined already"),
        "{problem}"
    );

    let audit = app
        .get_json(
            &format!("/api/v1/admin/audit?resource=staff&resource_id={id}"),
            &admin,
        )
        .await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"reinvited"), "{actions:?}");
    assert!(actions.contains(&"joined"), "{actions:?}");
}
