//! The district's staff over HTTP, as its admin keeps them: listed and
//! found, changed with `If-Match`, deactivated with their open work handed
//! over and their sessions ended, reactivated, and every change audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn emails(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["email"].as_str().unwrap())
        .collect()
}

async fn sign_in(app: &TestApp, email: &str) -> u16 {
    let req = app
        .post("/api/v1/auth/login")
        .json(&json!({ "district": SLUG, "email": email, "password": PASSWORD }));
    send(req).await.0
}

/// An inquiry about the bus, assigned by `admin` to the driver.
async fn driver_owns_one(app: &TestApp, admin: &str) -> String {
    let id = app.submit_ok().await["id"].as_str().unwrap().to_owned();
    let (status, _, body) = send(
        app.post(&format!("/api/v1/inquiries/{id}/assign"))
            .bearer_auth(admin)
            .header("If-Match", "\"1\"")
            .json(&json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.driver_agent, "reason": "route 4" })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

/// Makes `owner` the fallback owner of the Transportation team.
async fn transport_falls_back_to(app: &TestApp, admin: &str, owner: &str) {
    let team = format!("/api/v1/admin/teams/{}", app.fx.transport_team);
    let (_, etag, _) = send(app.get(&team).bearer_auth(admin)).await;
    let (status, _, body) = send(
        app.put(&team)
            .bearer_auth(admin)
            .header("If-Match", etag.unwrap())
            .json(&json!({ "name": "Transportation", "fallback_owner_id": owner })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn an_admin_lists_finds_and_pages_the_staff() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (status, _, body) = send(
        app.post("/api/v1/admin/staff/invitations")
            .bearer_auth(&admin)
            .json(&json!({ "email": "new@testville.example", "name": "Avery New", "roles": ["agent"] })),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let all = app.get_json("/api/v1/admin/staff", &admin).await;
    // By name: "admin", "Avery New", "driver", "front".
    assert_eq!(
        emails(&all),
        [
            "admin@testville.example",
            "new@testville.example",
            "driver@testville.example",
            "front@testville.example"
        ]
    );
    let avery = &all["items"][1];
    assert_eq!(avery["standing"], "invited");
    assert!(avery["invitation_expires_at"].is_string(), "{avery}");
    let driver = &all["items"][2];
    assert_eq!(driver["standing"], "active");
    assert!(driver["invitation_expires_at"].is_null());
    assert_eq!(driver["teams"][0]["name"], "Transportation");
    assert_eq!(driver["roles"], json!(["agent"]));
    assert_eq!(driver["languages"], json!(["en"]));
    assert_eq!(driver["version"], 1);

    // Paged by name, every member once.
    let mut seen = Vec::new();
    let mut url = "/api/v1/admin/staff?limit=3".to_owned();
    loop {
        let page = app.get_json(&url, &admin).await;
        seen.extend(emails(&page).into_iter().map(str::to_owned));
        match page["next_cursor"].as_str() {
            Some(c) => url = format!("/api/v1/admin/staff?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, emails(&all));

    let found = app.get_json("/api/v1/admin/staff?q=DRIV", &admin).await;
    assert_eq!(emails(&found), ["driver@testville.example"]);
    let found = app.get_json("/api/v1/admin/staff?q=avery", &admin).await;
    assert_eq!(emails(&found), ["new@testville.example"]);
    let invited = app
        .get_json("/api/v1/admin/staff?standing=invited", &admin)
        .await;
    assert_eq!(emails(&invited), ["new@testville.example"]);
    let none = app
        .get_json("/api/v1/admin/staff?standing=deactivated", &admin)
        .await;
    assert_eq!(emails(&none), Vec::<&str>::new());
    let like = app.get_json("/api/v1/admin/staff?q=%25", &admin).await;
    assert_eq!(emails(&like), Vec::<&str>::new(), "% is a character");

    for (query, field) in [
        ("limit=0", "limit"),
        ("standing=retired", "standing"),
        ("cursor=not-an-id", "cursor"),
        ("cursor=00000000-0000-4000-8000-000000000000", "cursor"),
    ] {
        let res = app
            .get(&format!("/api/v1/admin/staff?{query}"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        expect_problem(res, 422, Some(field)).await;
    }

    let driver_id = &app.fx.driver_agent;
    let (status, etag, one) = send(
        app.get(&format!("/api/v1/admin/staff/{driver_id}"))
            .bearer_auth(&admin),
    )
    .await;
    assert_eq!((status, etag.as_deref()), (200, Some("\"1\"")));
    assert_eq!(one, *driver);
    for missing in ["nobody", "00000000-0000-4000-8000-000000000000"] {
        let res = app
            .get(&format!("/api/v1/admin/staff/{missing}"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, None).await;
    }
}

#[tokio::test]
async fn only_admins_see_or_change_the_staff() {
    let app = TestApp::new().await;
    let agent = app.login("driver@testville.example").await;
    let me = &app.fx.driver_agent;
    for req in [
        app.get("/api/v1/admin/staff"),
        app.get(&format!("/api/v1/admin/staff/{me}")),
        app.put(&format!("/api/v1/admin/staff/{me}"))
            .header("If-Match", "\"1\"")
            .json(&json!({ "name": "Driver", "roles": ["admin"] })),
        app.post(&format!(
            "/api/v1/admin/staff/{}/deactivate",
            app.fx.front_agent
        ))
        .header("If-Match", "\"1\""),
    ] {
        expect_problem(req.bearer_auth(&agent).send().await.unwrap(), 403, None).await;
    }
    expect_problem(
        app.get("/api/v1/admin/staff").send().await.unwrap(),
        401,
        None,
    )
    .await;
    let roles = app.count_where("staff", "roles LIKE '%admin%'").to_string();
    assert_eq!(roles, "1", "nobody became an admin");
}

#[tokio::test]
async fn an_admin_changes_a_member_at_a_version() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let path = format!("/api/v1/admin/staff/{}", app.fx.driver_agent);
    let put = |version: &str, body: Value| {
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", version.to_owned())
            .json(&body)
    };
    let both = [&app.fx.transport_team, &app.fx.front_office];

    let (status, etag, changed) = send(put(
        "\"1\"",
        json!({
            "name": " Dana Driver ",
            "roles": ["agent", "analyst"],
            "team_ids": both,
            "languages": ["es", "en"],
            "away": { "from": "2026-12-21", "until": "2027-01-04" }
        }),
    ))
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(etag.as_deref(), Some("\"2\""));
    assert_eq!(changed["name"], "Dana Driver");
    assert_eq!(changed["email"], "driver@testville.example", "kept");
    assert_eq!(changed["roles"], json!(["agent", "analyst"]));
    assert_eq!(changed["languages"], json!(["es", "en"]));
    assert_eq!(
        changed["away"],
        json!({ "from": "2026-12-21", "until": "2027-01-04" })
    );
    let teams: Vec<&str> = changed["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(teams, ["Front Office", "Transportation"]);
    // Their new role counts at once: analysts read reports.
    let driver = app.login("driver@testville.example").await;
    let (status, _, _) = send(app.get("/api/v1/reports/summary").bearer_auth(&driver)).await;
    assert_eq!(status, 200, "an analyst reads the summary");

    // Back from their time away, in one team again.
    let (status, _, back) = send(put(
        "\"2\"",
        json!({ "name": "Dana Driver", "roles": ["agent"], "team_ids": [app.fx.transport_team] }),
    ))
    .await;
    assert_eq!(status, 200, "{back}");
    assert!(back["away"].is_null());
    assert_eq!(back["languages"], json!(["en"]), "the district's default");

    // Based on an old version: 412, nothing changes.
    let (status, _, _) = send(put(
        "\"2\"",
        json!({ "name": "Somebody Else", "roles": ["agent"] }),
    ))
    .await;
    assert_eq!(status, 412);
    let res = app
        .put(&path)
        .bearer_auth(&admin)
        .json(&json!({ "name": "X", "roles": ["agent"] }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 428, None).await;

    for (body, field) in [
        (json!({ "name": "", "roles": ["agent"] }), "name"),
        (json!({ "name": "Dana", "roles": [] }), "roles"),
        (
            json!({ "name": "Dana", "roles": ["agent"], "languages": ["fr"] }),
            "languages[0]",
        ),
        (
            json!({ "name": "Dana", "roles": ["agent"], "away": { "from": "2027-01-04", "until": "2026-12-21" } }),
            "away.until",
        ),
        (
            json!({ "name": "Dana", "roles": ["agent"], "team_ids": [app.fx.transport_team, "00000000-0000-4000-8000-000000000000"] }),
            "team_ids[1]",
        ),
    ] {
        let res = put("\"3\"", body).send().await.unwrap();
        expect_problem(res, 422, Some(field)).await;
    }
    // Bad input is named whatever version it was based on.
    let res = put("\"1\"", json!({ "name": "Dana", "roles": [] }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("roles")).await;
    let res = put(
        "\"3\"",
        json!({ "name": "Dana", "roles": ["agent"], "email": "x@y.example" }),
    )
    .send()
    .await
    .unwrap();
    assert!(
        [400, 422].contains(&res.status().as_u16()),
        "the email is theirs"
    );
    let now = app.get_json(&path, &admin).await;
    assert_eq!(
        (now["name"].as_str(), now["version"].as_i64()),
        (Some("Dana Driver"), Some(3))
    );

    let audit = app
        .get_json(
            &format!(
                "/api/v1/admin/audit?resource=staff&resource_id={}",
                app.fx.driver_agent
            ),
            &admin,
        )
        .await;
    let entries = audit["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{audit}");
    assert_eq!(entries[1]["action"], "updated");
    assert_eq!(entries[1]["before"]["name"], "driver");
    assert_eq!(entries[1]["after"]["name"], "Dana Driver");
}

#[tokio::test]
async fn an_admin_keeps_their_own_role_and_fallback_owners_keep_their_team() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let me = format!("/api/v1/admin/staff/{}", app.fx.admin);
    let (status, _, body) = send(
        app.put(&me)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(
                &json!({ "name": "admin", "roles": ["agent"], "team_ids": [app.fx.front_office] }),
            ),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("your own admin role"));
    let res = app
        .post(&format!("{me}/deactivate"))
        .bearer_auth(&admin)
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let body = expect_problem(res, 409, None).await;
    assert!(body["detail"].as_str().unwrap().contains("yourself"));

    transport_falls_back_to(&app, &admin, &app.fx.driver_agent).await;
    let (status, _, body) = send(
        app.put(&format!("/api/v1/admin/staff/{}", app.fx.driver_agent))
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(
                &json!({ "name": "driver", "roles": ["agent"], "team_ids": [app.fx.front_office] }),
            ),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("\"Transportation\""),
        "{body}"
    );
    let me_now = app.get_json(&me, &admin).await;
    assert_eq!(me_now["version"], 1, "nothing changed");
}

#[tokio::test]
async fn leaving_a_team_hands_its_open_inquiries_on() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    transport_falls_back_to(&app, &admin, &app.fx.front_agent).await;
    let inquiry = driver_owns_one(&app, &admin).await;
    let (status, _, body) = send(
        app.put(&format!("/api/v1/admin/staff/{}", app.fx.driver_agent))
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(
                &json!({ "name": "driver", "roles": ["agent"], "team_ids": [app.fx.front_office] }),
            ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let case = app
        .get_json(&format!("/api/v1/inquiries/{inquiry}"), &admin)
        .await;
    assert_eq!(
        case["assignee"]["id"],
        app.fx.front_agent.as_str(),
        "{case}"
    );
    let said = case.to_string();
    assert!(said.contains("driver left the team"), "{said}");

    // Taken out of the team directly, the same.
    let other = driver_owns_one_in_transport_again(&app, &admin).await;
    let res = app
        .delete(&format!(
            "/api/v1/admin/teams/{}/members/{}",
            app.fx.transport_team, app.fx.driver_agent
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let case = app
        .get_json(&format!("/api/v1/inquiries/{other}"), &admin)
        .await;
    assert_eq!(
        case["assignee"]["id"],
        app.fx.front_agent.as_str(),
        "{case}"
    );
}

/// Puts the driver back in Transportation and gives them a new inquiry.
async fn driver_owns_one_in_transport_again(app: &TestApp, admin: &str) -> String {
    let (status, _, body) = send(
        app.post(&format!(
            "/api/v1/admin/teams/{}/members",
            app.fx.transport_team
        ))
        .bearer_auth(admin)
        .json(&json!({ "staff_id": app.fx.driver_agent })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    driver_owns_one(app, admin).await
}

#[tokio::test]
async fn a_deactivated_member_hands_over_their_work_and_cannot_sign_in() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    transport_falls_back_to(&app, &admin, &app.fx.front_agent).await;
    let inquiry = driver_owns_one(&app, &admin).await;
    let driver_session = app.login("driver@testville.example").await;
    let path = format!("/api/v1/admin/staff/{}", app.fx.driver_agent);

    let res = app
        .post(&format!("{path}/deactivate"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 428, None).await;
    let (status, _, _) = send(
        app.post(&format!("{path}/deactivate"))
            .bearer_auth(&admin)
            .header("If-Match", "\"7\""),
    )
    .await;
    assert_eq!(status, 412);

    let (status, etag, done) = send(
        app.post(&format!("{path}/deactivate"))
            .bearer_auth(&admin)
            .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(etag.as_deref(), Some("\"2\""));
    assert_eq!(done["staff"]["standing"], "deactivated");
    assert!(done["staff"]["deactivated_at"].is_string());
    let handed = done["handed_over"].as_array().unwrap();
    assert_eq!(handed.len(), 1, "{done}");
    assert_eq!(handed[0]["inquiry_id"], inquiry.as_str());
    assert_eq!(handed[0]["assignee"]["id"], app.fx.front_agent.as_str());
    assert_eq!(handed[0]["team"]["name"], "Transportation");
    assert_eq!(done["fallback_cleared"], json!([]));
    assert_eq!(done["topic_fallback_cleared"], json!([]));

    let case = app
        .get_json(&format!("/api/v1/inquiries/{inquiry}"), &admin)
        .await;
    assert_eq!(case["assignee"]["id"], app.fx.front_agent.as_str());
    assert!(
        case.to_string().contains("driver was deactivated"),
        "{case}"
    );

    // Their session ends at once and they cannot sign in again.
    let (status, _, _) = send(app.get("/api/v1/me").bearer_auth(&driver_session)).await;
    assert_eq!(status, 401);
    let status = sign_in(&app, "driver@testville.example").await;
    assert_eq!(status, 401);
    assert_eq!(
        app.count_where("refresh_tokens", "revoked_at IS NULL AND staff_id IN (SELECT id FROM staff WHERE email = 'driver@testville.example')"),
        0
    );

    // Listed as deactivated; nobody can hand them work.
    let gone = app
        .get_json("/api/v1/admin/staff?standing=deactivated", &admin)
        .await;
    assert_eq!(emails(&gone), ["driver@testville.example"]);
    let (status, _, _) = send(
        app.post(&format!("{path}/deactivate"))
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 409, "deactivated already");

    // Back again: they sign in with their password, in their team.
    let (status, etag, back) = send(
        app.post(&format!("{path}/reactivate"))
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 200, "{back}");
    assert_eq!(etag.as_deref(), Some("\"3\""));
    assert_eq!(back["standing"], "active");
    assert!(back["deactivated_at"].is_null());
    assert_eq!(back["teams"][0]["name"], "Transportation");
    let status = sign_in(&app, "driver@testville.example").await;
    assert_eq!(status, 200);
    let (status, _, _) = send(
        app.post(&format!("{path}/reactivate"))
            .bearer_auth(&admin)
            .header("If-Match", "\"3\""),
    )
    .await;
    assert_eq!(status, 409, "active already");

    let audit = app
        .get_json(
            &format!(
                "/api/v1/admin/audit?resource=staff&resource_id={}",
                app.fx.driver_agent
            ),
            &admin,
        )
        .await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["reactivated", "deactivated"]);
}

#[tokio::test]
async fn a_fallback_owner_who_leaves_sends_their_work_back_to_the_queue() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    transport_falls_back_to(&app, &admin, &app.fx.driver_agent).await;
    let inquiry = driver_owns_one(&app, &admin).await;
    let (status, _, done) = send(
        app.post(&format!(
            "/api/v1/admin/staff/{}/deactivate",
            app.fx.driver_agent
        ))
        .bearer_auth(&admin)
        .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["fallback_cleared"][0]["name"], "Transportation");
    assert!(done["handed_over"][0]["assignee"].is_null(), "{done}");
    let case = app
        .get_json(&format!("/api/v1/inquiries/{inquiry}"), &admin)
        .await;
    assert!(case["assignee"].is_null(), "{case}");
    assert_eq!(case["status"], "new", "back in the queue");
    let team = app
        .get_json(
            &format!("/api/v1/admin/teams/{}", app.fx.transport_team),
            &admin,
        )
        .await;
    assert!(team["fallback_owner"].is_null(), "{team}");
    let audit = app
        .get_json(
            &format!(
                "/api/v1/admin/audit?resource=team&resource_id={}",
                app.fx.transport_team
            ),
            &admin,
        )
        .await;
    let latest = &audit["items"][0];
    assert_eq!(latest["action"], "updated");
    assert!(latest["after"]["fallback_owner"].is_null(), "{latest}");
}

#[tokio::test]
async fn a_topic_whose_fallback_owner_leaves_has_none_in_the_audit_log() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let topic = format!("/api/v1/admin/topics/{}", app.fx.bus_topic);
    let (_, etag, before) = send(app.get(&topic).bearer_auth(&admin)).await;
    let (status, _, body) = send(
        app.put(&topic)
            .bearer_auth(&admin)
            .header("If-Match", etag.unwrap())
            .json(&json!({
                "texts": {
                    "en": {"name": "Bus & transportation", "description": ""},
                    "es": {"name": "Autobús y transporte", "description": ""}
                },
                "default_team_id": before["default_team"]["id"],
                "fallback_owner_id": app.fx.driver_agent,
                "position": before["position"],
            })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["fallback_owner"]["id"], app.fx.driver_agent.as_str());

    let (status, _, done) = send(
        app.post(&format!(
            "/api/v1/admin/staff/{}/deactivate",
            app.fx.driver_agent
        ))
        .bearer_auth(&admin)
        .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        done["topic_fallback_cleared"],
        json!([{"id": app.fx.bus_topic, "name": "Bus & transportation"}])
    );
    let after = app.get_json(&topic, &admin).await;
    assert!(after["fallback_owner"].is_null(), "{after}");
    assert_eq!(after["version"], body["version"].as_i64().unwrap() + 1);
    let audit = app
        .get_json(
            &format!(
                "/api/v1/admin/audit?resource=topic&resource_id={}",
                app.fx.bus_topic
            ),
            &admin,
        )
        .await;
    let latest = &audit["items"][0];
    assert_eq!(latest["action"], "updated");
    assert_eq!(latest["changed"], json!(["fallback_owner"]));
    assert_eq!(
        latest["before"]["fallback_owner"]["id"],
        app.fx.driver_agent.as_str()
    );
    assert!(latest["after"]["fallback_owner"].is_null(), "{latest}");
}
