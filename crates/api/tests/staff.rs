//! Sign-in, tokens, access scoping and concurrent edits.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn sign_in_failures_are_401_and_alike() {
    let app = TestApp::new().await;
    for (district, email, password) in [
        (SLUG, "admin@testville.example", "wrong password"),
        (SLUG, "nobody@testville.example", PASSWORD),
        ("no-such-district", "admin@testville.example", PASSWORD),
    ] {
        let res = app
            .post("/api/v1/auth/login")
            .json(&json!({ "district": district, "email": email, "password": password }))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 401, None).await;
        assert_eq!(p["detail"], "the district, email or password is not right");
    }
    // Email is matched without regard to case.
    let res = app
        .post("/api/v1/auth/login")
        .json(
            &json!({ "district": SLUG, "email": "ADMIN@Testville.example", "password": PASSWORD }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// The admin's stored password hash, read straight from the database.
fn admin_hash(app: &TestApp) -> String {
    use diesel::prelude::*;
    use heard_store::schema::staff;
    let id = app.fx.admin.clone();
    app.state
        .store
        .read(move |c| {
            Ok(staff::table
                .find(id)
                .select(staff::password_hash)
                .first::<String>(c)?)
        })
        .unwrap()
}

#[tokio::test]
async fn a_password_hashed_with_earlier_settings_is_rehashed_at_sign_in() {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    use diesel::prelude::*;
    use heard_store::schema::staff;
    let app = TestApp::new().await;
    // As stored before: Argon2id with the crate's default 19 MiB, 2 passes.
    let salt = SaltString::generate(&mut OsRng);
    let before = argon2::Argon2::default()
        .hash_password(PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    let (id, old) = (app.fx.admin.clone(), before.clone());
    app.state
        .store
        .read(move |c| {
            diesel::update(staff::table.find(id))
                .set(staff::password_hash.eq(old))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    // A wrong password changes nothing.
    let res = app
        .post("/api/v1/auth/login")
        .json(&json!({ "district": SLUG, "email": "admin@testville.example", "password": "nope" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, None).await;
    assert_eq!(admin_hash(&app), before);
    app.login("admin@testville.example").await;
    let after = admin_hash(&app);
    assert!(after.contains("$m=7168,t=5,p=1$"), "{after}");
    // The same password opens the new hash, which is kept from then on.
    app.login("admin@testville.example").await;
    assert_eq!(admin_hash(&app), after);
}

#[tokio::test]
async fn staff_routes_need_a_valid_token() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/me",
        "/api/v1/inquiries",
        "/api/v1/reports/summary",
        "/api/v1/goals",
    ] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
        expect_problem(res, 401, None).await;
        let res = app.get(path).bearer_auth("not.a.jwt").send().await.unwrap();
        expect_problem(res, 401, None).await;
    }
    // A token signed with another secret is refused.
    let other = heard_api::auth::Keys::new("some-other-secret-some-other-secret-0000");
    let forged = other
        .access_token(&app.fx.admin, &app.fx.district_id, "a-session", 15)
        .unwrap();
    expect_problem(
        app.get("/api/v1/me")
            .bearer_auth(forged)
            .send()
            .await
            .unwrap(),
        401,
        None,
    )
    .await;
    // An expired token is refused.
    let expired = app
        .state
        .keys
        .access_token(&app.fx.admin, &app.fx.district_id, "a-session", -5)
        .unwrap();
    expect_problem(
        app.get("/api/v1/me")
            .bearer_auth(expired)
            .send()
            .await
            .unwrap(),
        401,
        None,
    )
    .await;
}

#[tokio::test]
async fn me_and_refresh_tokens_work_once() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/v1/auth/login")
        .json(
            &json!({ "district": SLUG, "email": "driver@testville.example", "password": PASSWORD }),
        )
        .send()
        .await
        .unwrap();
    let login: Value = res.json().await.unwrap();
    assert_eq!(login["token_type"], "Bearer");
    assert_eq!(login["expires_in"], 900);
    assert_eq!(login["user"]["roles"], json!(["agent"]));
    assert_eq!(login["user"]["teams"][0]["name"], "Transportation");
    let me: Value = app
        .get("/api/v1/me")
        .bearer_auth(login["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "driver@testville.example");

    let refresh = login["refresh_token"].as_str().unwrap();
    let res = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": refresh }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let renewed: Value = res.json().await.unwrap();
    assert_ne!(renewed["refresh_token"], login["refresh_token"]);
    // A refresh token is spent once used.
    let res = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": refresh }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, None).await;
    // Only hashes are stored.
    let stored: i64 = app.table_count("refresh_tokens");
    assert_eq!(stored, 2);
}

#[tokio::test]
async fn agents_see_only_their_teams_and_not_reports() {
    let app = TestApp::new().await;
    let receipt = app.submit_ok().await; // routed to Transportation
    let id = receipt["id"].as_str().unwrap();
    let front = app.login("front@testville.example").await;
    let inbox: Value = app.get_json("/api/v1/inquiries?view=all", &front).await;
    assert_eq!(inbox["items"], json!([]));
    expect_problem(
        app.get(&format!("/api/v1/inquiries/{id}"))
            .bearer_auth(&front)
            .send()
            .await
            .unwrap(),
        404,
        None,
    )
    .await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(&front)
        .header("If-Match", "1")
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    expect_problem(
        app.get("/api/v1/reports/summary")
            .bearer_auth(&front)
            .send()
            .await
            .unwrap(),
        403,
        None,
    )
    .await;

    let admin = app.login("admin@testville.example").await;
    let all: Value = app.get_json("/api/v1/inquiries?view=all", &admin).await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_stale_version_gets_412_and_changes_nothing() {
    let app = TestApp::new().await;
    let receipt = app.submit_ok().await;
    let id = receipt["id"].as_str().unwrap();
    let a = app.login("driver@testville.example").await;
    let b = app.login("admin@testville.example").await;
    let change = |token: &str, status: &str, version: &str| {
        app.post(&format!("/api/v1/inquiries/{id}/status"))
            .bearer_auth(token)
            .header("If-Match", version.to_owned())
            .json(&json!({ "status": status }))
    };
    // Both read version 1; the first writer wins, the second is told.
    assert_eq!(
        change(&a, "awaiting_requester", "\"1\"")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let p = expect_problem(
        change(&b, "resolved", "\"1\"").send().await.unwrap(),
        412,
        None,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("version 1"));
    let case: Value = app.get_json(&format!("/api/v1/inquiries/{id}"), &b).await;
    assert_eq!(case["status"], "awaiting_requester");
    assert_eq!(case["version"], 2);
    // If-Match is required on updates.
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(&b)
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 428, None).await;
    expect_problem(
        change(&b, "resolved", "soon").send().await.unwrap(),
        422,
        Some("If-Match"),
    )
    .await;
}

#[tokio::test]
async fn concurrent_updates_with_the_same_version_let_exactly_one_win() {
    let app = TestApp::new().await;
    let receipt = app.submit_ok().await;
    let id = receipt["id"].as_str().unwrap().to_owned();
    let token = app.login("admin@testville.example").await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let req = app
            .post(&format!("/api/v1/inquiries/{id}/assign"))
            .bearer_auth(&token)
            .header("If-Match", "\"1\"")
            .json(&json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.driver_agent, "reason": "take it" }));
        tasks.push(tokio::spawn(async move {
            req.send().await.unwrap().status().as_u16()
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    codes.sort_unstable();
    assert_eq!(codes, [200, 412, 412, 412, 412, 412, 412, 412]);
}

#[tokio::test]
async fn inbox_pages_with_a_cursor_and_filters() {
    let app = TestApp::new().await;
    for _ in 0..5 {
        app.submit_ok().await;
    }
    let admin = app.login("admin@testville.example").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = "/api/v1/inquiries?view=all&limit=2".to_owned();
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page: Value = app.get_json(&url, &admin).await;
        for item in page["items"].as_array().unwrap() {
            seen.push(item["reference"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        ["TST-1005", "TST-1004", "TST-1003", "TST-1002", "TST-1001"]
    );
    let found: Value = app
        .get_json("/api/v1/inquiries?view=all&q=tst-1003", &admin)
        .await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1));
    let found: Value = app
        .get_json("/api/v1/inquiries?view=all&q=BUS%20WAS", &admin)
        .await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(5));
    let none: Value = app
        .get_json("/api/v1/inquiries?view=all&status=resolved", &admin)
        .await;
    assert_eq!(none["items"], json!([]));
    let unassigned: Value = app
        .get_json("/api/v1/inquiries?view=unassigned", &admin)
        .await;
    // The admin is in Front Office only; these went to Transportation.
    assert_eq!(unassigned["items"], json!([]));
}

#[tokio::test]
async fn teams_list_members_and_the_fallback() {
    let app = TestApp::new().await;
    expect_problem(app.get("/api/v1/teams").send().await.unwrap(), 401, None).await;
    let token = app.login("driver@testville.example").await;
    let v: Value = app.get_json("/api/v1/teams", &token).await;
    let teams = v["items"].as_array().unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0]["name"], "Front Office");
    assert_eq!(teams[0]["fallback"], true);
    assert_eq!(teams[0]["members"].as_array().map(Vec::len), Some(2));
    assert_eq!(teams[1]["members"][0]["id"], app.fx.driver_agent.as_str());
}
