//! Schools, departments and teams over HTTP, as a district's admin sets
//! them up: created, listed by name, changed with `If-Match`, refused when
//! a name repeats or something still uses them, and every change audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_domain::{StaffId, TeamId};
use serde_json::{json, Value};

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_admin_keeps_the_schools_and_departments() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let create = |body: Value| {
        app.post("/api/v1/admin/units")
            .bearer_auth(&admin)
            .json(&body)
    };

    let (status, etag, cedar) = send(create(json!({
        "name": " Cedar Park Elementary ",
        "kind": "school",
        "grade_band": "K–5",
        "address": "410 Cedar Park Road\nTestville, IL 60610"
    })))
    .await;
    assert_eq!(status, 201, "{cedar}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(cedar["name"], "Cedar Park Elementary");
    assert_eq!(cedar["grade_band"], "K–5");
    let id = cedar["id"].as_str().unwrap().to_owned();

    let (status, _, dup) = send(create(
        json!({"name": "CEDAR PARK elementary", "kind": "school"}),
    ))
    .await;
    assert_eq!(status, 409, "{dup}");
    assert!(dup["detail"]
        .as_str()
        .unwrap()
        .contains("Cedar Park Elementary"));
    let (status, _, bad) = send(create(
        json!({"name": "", "kind": "campus", "grade_band": 5}),
    ))
    .await;
    assert_eq!(status, 422, "{bad}");
    let (status, _, _) = send(create(json!({"name": "Bus Depot", "kind": "department"}))).await;
    assert_eq!(status, 201);

    // By name, paged.
    let all = app.get_json("/api/v1/admin/units", &admin).await;
    assert_eq!(
        names(&all),
        ["Bus Depot", "Cedar Park Elementary", "Testville High"]
    );
    let first = app.get_json("/api/v1/admin/units?limit=2", &admin).await;
    assert_eq!(names(&first), ["Bus Depot", "Cedar Park Elementary"]);
    let next = first["next_cursor"].as_str().unwrap();
    let rest = app
        .get_json(
            &format!("/api/v1/admin/units?limit=2&cursor={}", urlencode(next)),
            &admin,
        )
        .await;
    assert_eq!(names(&rest), ["Testville High"]);
    assert!(rest["next_cursor"].is_null());

    let path = format!("/api/v1/admin/units/{id}");
    let change =
        json!({"name": "Cedar Park Elementary School", "kind": "school", "grade_band": "PK–5"});
    let put = |etag: Option<&str>| {
        let mut r = app.put(&path).bearer_auth(&admin).json(&change);
        if let Some(e) = etag {
            r = r.header("If-Match", e);
        }
        r
    };
    assert_eq!(send(put(None)).await.0, 428);
    assert_eq!(send(put(Some("\"7\""))).await.0, 412);
    let (status, etag, changed) = send(put(Some("\"1\""))).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(etag.as_deref(), Some("\"2\""));
    assert_eq!(changed["grade_band"], "PK–5");
    assert!(changed["address"].is_null(), "sent without, so removed");
    assert_eq!(send(app.get(&path).bearer_auth(&admin)).await.2, changed);

    // A unit inquiries concern stays; one nobody uses goes.
    app.submit_ok().await;
    let school = format!("/api/v1/admin/units/{}", app.fx.school);
    let (status, _, used) = send(
        app.delete(&school)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        used["detail"].as_str().unwrap().contains("1 inquiries"),
        "{used}"
    );
    assert_eq!(
        send(
            app.delete(&path)
                .bearer_auth(&admin)
                .header("If-Match", "\"1\"")
        )
        .await
        .0,
        412
    );
    assert_eq!(
        send(
            app.delete(&path)
                .bearer_auth(&admin)
                .header("If-Match", "\"2\"")
        )
        .await
        .0,
        204
    );
    assert_eq!(send(app.get(&path).bearer_auth(&admin)).await.0, 404);

    let log = app
        .get_json("/api/v1/admin/audit?resource=unit", &admin)
        .await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deleted", "updated", "created", "created"]);
    assert_eq!(
        log["items"][1]["changed"],
        json!(["address", "grade_band", "name"])
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_admin_keeps_the_teams_and_who_is_in_them() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let agent = app.fx.front_agent.clone();
    let (status, etag, team) = send(
        app.post("/api/v1/admin/teams")
            .bearer_auth(&admin)
            .json(&json!({"name": "Family Engagement", "fallback_owner_id": agent})),
    )
    .await;
    assert_eq!(status, 201, "{team}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(team["fallback_owner"]["id"], agent.as_str());
    assert_eq!(
        team["members"][0]["id"],
        agent.as_str(),
        "the fallback owner joins"
    );
    let id = team["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/admin/teams/{id}");

    let (status, _, _) = send(
        app.post("/api/v1/admin/teams")
            .bearer_auth(&admin)
            .json(&json!({"name": "family engagement"})),
    )
    .await;
    assert_eq!(status, 409);
    let (status, _, stranger) = send(
        app.post("/api/v1/admin/teams")
            .bearer_auth(&admin)
            .json(&json!({"name": "Outsiders", "fallback_owner_id": StaffId::new().to_string()})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(stranger["errors"][0]["field"], "fallback_owner_id");

    // Members come and go; each moves the team's version.
    let members = format!("{path}/members");
    let driver = app.fx.driver_agent.clone();
    let (status, etag, joined) = send(
        app.post(&members)
            .bearer_auth(&admin)
            .json(&json!({"staff_id": driver})),
    )
    .await;
    assert_eq!((status, etag.as_deref()), (201, Some("\"2\"")), "{joined}");
    assert_eq!(joined["members"].as_array().unwrap().len(), 2);
    let (status, _, _) = send(
        app.post(&members)
            .bearer_auth(&admin)
            .json(&json!({"staff_id": driver})),
    )
    .await;
    assert_eq!(status, 200, "already a member");
    let (status, _, _) = send(
        app.post(&members)
            .bearer_auth(&admin)
            .json(&json!({"staff_id": StaffId::new()})),
    )
    .await;
    assert_eq!(status, 422);
    let owner_out = format!("{members}/{agent}");
    assert_eq!(
        send(app.delete(&owner_out).bearer_auth(&admin)).await.0,
        409
    );
    let driver_out = format!("{members}/{driver}");
    assert_eq!(
        send(app.delete(&driver_out).bearer_auth(&admin)).await.0,
        204
    );
    assert_eq!(
        send(app.delete(&driver_out).bearer_auth(&admin)).await.0,
        204,
        "a retry is harmless"
    );
    let (_, etag, _) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!(etag.as_deref(), Some("\"3\""), "and changed nothing");
    assert_eq!(
        send(
            app.delete(&format!(
                "/api/v1/admin/teams/{}/members/{driver}",
                TeamId::new()
            ))
            .bearer_auth(&admin)
        )
        .await
        .0,
        404
    );

    let (status, etag, renamed) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"3\"")
            .json(&json!({"name": "Family & Community Engagement", "fallback_owner_id": null})),
    )
    .await;
    assert_eq!((status, etag.as_deref()), (200, Some("\"4\"")), "{renamed}");
    assert!(renamed["fallback_owner"].is_null());

    // A team in use stays, and says what uses it.
    let transport = format!("/api/v1/admin/teams/{}", app.fx.transport_team);
    let (status, _, used) = send(
        app.delete(&transport)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        used["detail"].as_str().unwrap().contains("1 topics"),
        "{used}"
    );
    let front = format!("/api/v1/admin/teams/{}", app.fx.front_office);
    let (_, _, used) = send(
        app.delete(&front)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\""),
    )
    .await;
    assert!(
        used["detail"].as_str().unwrap().contains("fallback"),
        "{used}"
    );

    assert_eq!(
        send(
            app.delete(&path)
                .bearer_auth(&admin)
                .header("If-Match", "\"4\"")
        )
        .await
        .0,
        204
    );
    assert_eq!(send(app.get(&path).bearer_auth(&admin)).await.0, 404);
    assert_eq!(
        app.count_where(
            "team_members",
            "staff_id IS NOT NULL AND team_id NOT IN (SELECT id FROM teams)"
        ),
        0,
        "its memberships went with it"
    );
    let teams = app.get_json("/api/v1/admin/teams", &admin).await;
    assert_eq!(names(&teams), ["Front Office", "Transportation"]);

    let log = app
        .get_json(&format!("/api/v1/admin/audit?q={id}"), &admin)
        .await;
    let actions: Vec<String> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap(),
                e["resource"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            "deleted team",
            "updated team",
            "deleted team_member",
            "created team_member",
            "created team"
        ]
    );
}

#[tokio::test]
async fn only_admins_touch_units_and_teams() {
    let app = TestApp::new().await;
    let agent = app.login("front@testville.example").await;
    let unit = format!("/api/v1/admin/units/{}", app.fx.school);
    let team = format!("/api/v1/admin/teams/{}", app.fx.front_office);
    let body = json!({"name": "X", "kind": "school"});
    let tries = [
        app.get("/api/v1/admin/units").bearer_auth(&agent),
        app.post("/api/v1/admin/units")
            .bearer_auth(&agent)
            .json(&body),
        app.get(&unit).bearer_auth(&agent),
        app.put(&unit)
            .bearer_auth(&agent)
            .header("If-Match", "\"1\"")
            .json(&body),
        app.delete(&unit)
            .bearer_auth(&agent)
            .header("If-Match", "\"1\""),
        app.get("/api/v1/admin/teams").bearer_auth(&agent),
        app.post("/api/v1/admin/teams")
            .bearer_auth(&agent)
            .json(&json!({"name": "X"})),
        app.get(&team).bearer_auth(&agent),
        app.put(&team)
            .bearer_auth(&agent)
            .header("If-Match", "\"1\"")
            .json(&json!({"name": "X"})),
        app.delete(&team)
            .bearer_auth(&agent)
            .header("If-Match", "\"1\""),
        app.post(&format!("{team}/members"))
            .bearer_auth(&agent)
            .json(&json!({"staff_id": app.fx.admin})),
        app.delete(&format!("{team}/members/{}", app.fx.front_agent))
            .bearer_auth(&agent),
    ];
    for t in tries {
        assert_eq!(send(t).await.0, 403);
    }
    // Another district's ids name nothing here.
    let admin = app.login("admin@testville.example").await;
    let elsewhere = format!("/api/v1/admin/teams/{}", TeamId::new());
    assert_eq!(send(app.get(&elsewhere).bearer_auth(&admin)).await.0, 404);
    assert_eq!(
        send(app.get("/api/v1/admin/units/not-an-id").bearer_auth(&admin))
            .await
            .0,
        404
    );
    assert_eq!(app.table_count("audit_log"), 0);
}
