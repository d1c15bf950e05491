//! The whole role × action matrix, through HTTP: for every role of the
//! product, what it may see and change of a case of its own team, of a
//! case it entered, of a confidential case, of the reports and of the
//! settings. The answers come from one policy (`heard_domain::access`).
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use diesel::prelude::*;
use heard_domain::{Role, StaffId, TeamId};
use serde_json::{json, Value};

/// What is tried, and how to try it on a fresh case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Try {
    See,
    Reply,
    Note,
    Status,
    Assign,
    Reports,
    Goals,
    Settings,
}

const TRIES: [Try; 8] = [
    Try::See,
    Try::Reply,
    Try::Note,
    Try::Status,
    Try::Assign,
    Try::Reports,
    Try::Goals,
    Try::Settings,
];

struct Roles {
    app: TestApp,
    tokens: Vec<(&'static str, String, StaffId)>,
}

async fn setup() -> Roles {
    let app = TestApp::new().await;
    let front: TeamId = app.fx.front_office.parse().unwrap();
    let hash = heard_api::auth::hash_password(PASSWORD).unwrap();
    let people: [(&'static str, Vec<Role>); 6] = [
        ("admin", vec![Role::Admin]),
        ("lead", vec![Role::Lead]),
        ("agent", vec![Role::Agent]),
        ("recorder", vec![Role::Recorder]),
        ("analyst", vec![Role::Analyst]),
        ("shopper", vec![Role::Shopper]),
    ];
    let district = app.fx.district();
    let mut ids = Vec::new();
    for (name, roles) in &people {
        let id = StaffId::new();
        let (email, roles, hash) = (
            format!("{name}.role@testville.example"),
            roles.clone(),
            hash.clone(),
        );
        app.state
            .store
            .read(move |c| {
                insert_staff(c, district, id, &email, roles, &[front], &hash);
                Ok(())
            })
            .unwrap();
        ids.push((*name, id));
    }
    let mut tokens = Vec::new();
    for (name, id) in ids {
        let token = app.login(&format!("{name}.role@testville.example")).await;
        tokens.push((name, token, id));
    }
    Roles { app, tokens }
}

/// A new inquiry for the Front Office (the fallback team).
async fn front_office_case(app: &TestApp) -> String {
    let mut body = app.inquiry_body();
    body["topic_id"] = json!(app.fx.other_topic);
    let res = app.submit(&body).await;
    assert_eq!(res.status(), 201);
    let v: Value = res.json().await.unwrap();
    v["id"].as_str().unwrap().to_owned()
}

fn set(app: &TestApp, id: &str, sql: &str) {
    let sql = sql.replace("{id}", id);
    app.state
        .store
        .read(move |c| {
            diesel::sql_query(sql).execute(c)?;
            Ok(())
        })
        .unwrap();
}

/// The status `who` gets trying `t` on the case `id`.
async fn attempt(app: &TestApp, token: &str, t: Try, id: &str) -> u16 {
    let case = format!("/api/v1/inquiries/{id}");
    let post = |path: String, body: Value| {
        app.post(&path)
            .bearer_auth(token)
            .header("If-Match", "\"1\"")
            .json(&body)
    };
    let req = match t {
        Try::See => app.get(&case).bearer_auth(token),
        Try::Reply => post(format!("{case}/messages"), json!({ "body": "Hello" })),
        Try::Note => post(
            format!("{case}/messages"),
            json!({ "body": "Note", "internal": true }),
        ),
        Try::Status => post(format!("{case}/status"), json!({ "status": "in_progress" })),
        Try::Assign => post(
            format!("{case}/assign"),
            json!({ "team_id": app.fx.transport_team, "reason": "Theirs" }),
        ),
        Try::Reports => app.get("/api/v1/reports/summary").bearer_auth(token),
        Try::Goals => app.get("/api/v1/goals").bearer_auth(token),
        Try::Settings => app
            .get("/api/v1/admin/districts/current")
            .bearer_auth(token),
    };
    req.send().await.unwrap().status().as_u16()
}

/// What each role gets, in [`TRIES`] order, on a case of its own team that
/// it did not enter and that is not confidential.
fn expected_on_team_case(role: &str) -> [u16; 8] {
    match role {
        "admin" => [200, 201, 201, 200, 200, 200, 200, 200],
        "lead" => [200, 201, 201, 200, 200, 200, 200, 403],
        "agent" => [200, 201, 201, 200, 200, 403, 403, 403],
        // A recorder sees only what they entered; a shopper, no case.
        "recorder" | "shopper" => [404, 404, 404, 404, 404, 403, 403, 403],
        // Analysts read every case and report, and change nothing.
        "analyst" => [200, 403, 403, 403, 403, 200, 200, 403],
        other => panic!("no expectation for {other}"),
    }
}

#[tokio::test]
async fn every_role_gets_what_the_policy_says_for_every_action() {
    let r = setup().await;
    let mut table = String::from("role      see reply note status assign reports goals settings\n");
    for (role, token, _) in &r.tokens {
        let mut got = [0u16; 8];
        for (n, t) in TRIES.iter().enumerate() {
            let id = front_office_case(&r.app).await;
            got[n] = attempt(&r.app, token, *t, &id).await;
        }
        table.push_str(&format!("{role:<9} {got:?}\n"));
        assert_eq!(got, expected_on_team_case(role), "{role}");
    }
    println!("{table}");
}

#[tokio::test]
async fn a_recorder_sees_the_cases_they_entered_and_changes_none() {
    let r = setup().await;
    let (_, token, recorder) = r.tokens.iter().find(|t| t.0 == "recorder").unwrap();
    let id = front_office_case(&r.app).await;
    set(
        &r.app,
        &id,
        &format!("UPDATE inquiries SET recorded_by_id = '{recorder}' WHERE id = '{{id}}'"),
    );
    let mut got = Vec::new();
    for t in [Try::See, Try::Reply, Try::Note, Try::Status, Try::Assign] {
        got.push(attempt(&r.app, token, t, &id).await);
    }
    assert_eq!(got, [200, 403, 403, 403, 403]);
    // And the inbox lists it for them.
    let page = r.app.get_json("/api/v1/inquiries?view=all", token).await;
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [id.as_str()]);
}

#[tokio::test]
async fn a_confidential_case_is_seen_by_its_owner_and_the_admins_only() {
    let r = setup().await;
    let token = |role: &str| r.tokens.iter().find(|t| t.0 == role).unwrap();
    let (_, _, agent) = token("agent");
    let id = front_office_case(&r.app).await;
    set(
        &r.app,
        &id,
        &format!(
            "UPDATE inquiries SET confidential = TRUE, assignee_id = '{agent}', status = 'assigned' WHERE id = '{{id}}'"
        ),
    );
    for (role, status) in [
        ("admin", 200),
        ("agent", 200),
        ("lead", 404),
        ("analyst", 404),
        ("recorder", 404),
        ("shopper", 404),
    ] {
        assert_eq!(
            attempt(&r.app, &token(role).1, Try::See, &id).await,
            status,
            "{role}"
        );
    }
    // Nobody else finds it in a list either.
    for role in ["lead", "analyst"] {
        let page = r
            .app
            .get_json("/api/v1/inquiries?view=all", &token(role).1)
            .await;
        assert!(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["id"] != id.as_str()),
            "{role}"
        );
    }
    let page = r
        .app
        .get_json("/api/v1/inquiries?view=mine", &token("agent").1)
        .await;
    assert_eq!(page["items"][0]["id"], id.as_str());
}
