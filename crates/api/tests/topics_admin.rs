//! Topics over HTTP, as a district's admin sets them up: written in every
//! language the district offers, listed in the portal's order, changed with
//! `If-Match`, refused when a name repeats in a language or when something
//! still uses them, picked by families at once, and every change audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn names(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect()
}

fn enrollment(team: &str) -> Value {
    json!({
        "texts": {
            "en": {"name": " Enrollment ", "description": "Registering a new student."},
            "es": {"name": "Inscripción", "description": " "}
        },
        "default_team_id": team
    })
}

#[tokio::test]
async fn an_admin_writes_a_topic_in_every_language_and_families_pick_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let create = |body: &Value| {
        app.post("/api/v1/admin/topics")
            .bearer_auth(&admin)
            .json(body)
    };

    let (status, etag, topic) = send(create(&enrollment(&app.fx.front_office))).await;
    assert_eq!(status, 201, "{topic}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(topic["name"], "Enrollment");
    assert_eq!(topic["texts"]["en"]["name"], "Enrollment");
    assert_eq!(topic["texts"]["es"]["name"], "Inscripción");
    assert_eq!(topic["texts"]["es"]["description"], "");
    assert_eq!(topic["default_team"]["name"], "Front Office");
    assert_eq!(topic["position"], 2, "after the two there were");
    assert_eq!(topic["articles"], json!([]));
    let id = topic["id"].as_str().unwrap().to_owned();

    // The portal offers it in both languages at once, and a family can send on it.
    let portal: Value = app.portal().await;
    let offered = portal["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id.as_str())
        .cloned()
        .expect("offered");
    assert_eq!(offered["name"], "Enrollment");
    assert_eq!(offered["texts"]["es"]["name"], "Inscripción");
    let mut body = app.inquiry_body();
    body["topic_id"] = json!(id);
    let res = app.submit(&body).await;
    assert_eq!(res.status().as_u16(), 201);
    let sent: Value = res.json().await.unwrap();
    assert_eq!(sent["team"]["name"], "Front Office");

    // A name another topic has in that language, in any case, is 409; in
    // another language it is no clash.
    let (status, _, dup) = send(create(&json!({"texts": {
        "en": {"name": "Registration"}, "es": {"name": "INSCRIPCIÓN"}
    }})))
    .await;
    assert_eq!(status, 409, "{dup}");
    assert!(
        dup["detail"].as_str().unwrap().contains("Inscripción"),
        "{dup}"
    );
    let (status, _, other) = send(create(&json!({"texts": {
        "en": {"name": "Inscripción"}, "es": {"name": "Matrícula"}
    }})))
    .await;
    assert_eq!(status, 201, "{other}");

    // Listed in the portal's order, a page at a time.
    let all = app.get_json("/api/v1/admin/topics", &admin).await;
    assert_eq!(
        names(&all),
        [
            "Bus & transportation",
            "Something else",
            "Enrollment",
            "Inscripción"
        ]
    );
    let first = app.get_json("/api/v1/admin/topics?limit=3", &admin).await;
    assert_eq!(names(&first).len(), 3);
    let next = first["next_cursor"].as_str().unwrap();
    let rest = app
        .get_json(
            &format!("/api/v1/admin/topics?limit=3&cursor={next}"),
            &admin,
        )
        .await;
    assert_eq!(names(&rest), ["Inscripción"]);
    assert!(rest["next_cursor"].is_null());

    // Changed at a version: moved first, sent to another team.
    let path = format!("/api/v1/admin/topics/{id}");
    let mut change = enrollment(&app.fx.transport_team);
    change["position"] = json!(0);
    change["texts"]["en"]["name"] = json!("Enrollment & registration");
    let put = |etag: Option<&str>, body: &Value| {
        let mut r = app.put(&path).bearer_auth(&admin).json(body);
        if let Some(e) = etag {
            r = r.header("If-Match", e);
        }
        r
    };
    assert_eq!(send(put(None, &change)).await.0, 428);
    assert_eq!(send(put(Some("\"7\""), &change)).await.0, 412);
    let (status, etag, changed) = send(put(Some("\"1\""), &change)).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(etag.as_deref(), Some("\"2\""));
    assert_eq!(changed["name"], "Enrollment & registration");
    assert_eq!(changed["default_team"]["name"], "Transportation");
    assert_eq!(send(app.get(&path).bearer_auth(&admin)).await.2, changed);
    let all = app.get_json("/api/v1/admin/topics", &admin).await;
    assert_eq!(names(&all)[0], "Enrollment & registration");

    // An inquiry is about it, so it stays; one nobody uses goes.
    let (status, _, used) = send(
        app.delete(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        used["detail"].as_str().unwrap().contains("1 inquiries"),
        "{used}"
    );
    // The others made room, each at its next version.
    let spare = format!("/api/v1/admin/topics/{}", other["id"].as_str().unwrap());
    let (_, etag, moved) = send(app.get(&spare).bearer_auth(&admin)).await;
    assert_eq!(moved["position"], 4, "{moved}");
    assert_eq!(etag.as_deref(), Some("\"2\""));
    let (status, _, _) = send(
        app.delete(&spare)
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(send(app.get(&spare).bearer_auth(&admin)).await.0, 404);

    // Each change is in the audit log with before and after.
    let audit = app
        .get_json(
            &format!("/api/v1/admin/audit?resource=topic&resource_id={id}"),
            &admin,
        )
        .await;
    let entries = audit["items"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["updated", "created"]);
    assert_eq!(entries[0]["before"]["name"], "Enrollment");
    assert_eq!(entries[0]["after"]["name"], "Enrollment & registration");
}

#[tokio::test]
async fn a_topic_with_bad_words_names_every_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let before = app.table_count("topics");
    let res = app
        .post("/api/v1/admin/topics")
        .bearer_auth(&admin)
        .json(&json!({
            "texts": {"en": {"name": " ", "description": "x".repeat(301)}, "fr": {"name": "Transport"}},
            "position": 1000
        }))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 422, None).await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "texts.en.name",
            "texts.en.description",
            "texts.fr",
            "texts.es.name",
            "position"
        ]
    );

    let unknown_team = app
        .post("/api/v1/admin/topics")
        .bearer_auth(&admin)
        .json(&json!({
            "texts": {"en": {"name": "Athletics"}, "es": {"name": "Deportes"}},
            "default_team_id": "0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01"
        }))
        .send()
        .await
        .unwrap();
    expect_problem(unknown_team, 422, Some("default_team_id")).await;
    let unknown_owner = app
        .post("/api/v1/admin/topics")
        .bearer_auth(&admin)
        .json(&json!({
            "texts": {"en": {"name": "Athletics"}, "es": {"name": "Deportes"}},
            "fallback_owner_id": "0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01"
        }))
        .send()
        .await
        .unwrap();
    expect_problem(unknown_owner, 422, Some("fallback_owner_id")).await;
    let extra = app
        .post("/api/v1/admin/topics")
        .bearer_auth(&admin)
        .json(&json!({"texts": {"en": {"name": "A"}, "es": {"name": "B"}}, "colour": "red"}))
        .send()
        .await
        .unwrap();
    expect_problem(extra, 422, Some("colour")).await;
    assert_eq!(app.table_count("topics"), before);

    // Bad input is 422 even with a stale version.
    let res = app
        .put(&format!("/api/v1/admin/topics/{}", app.fx.bus_topic))
        .bearer_auth(&admin)
        .header("If-Match", "\"9\"")
        .json(&json!({"texts": {"en": {"name": ""}}}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("texts.en.name")).await;
    let res = app
        .get(&format!("/api/v1/admin/topics?cursor={}", app.fx.school))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("cursor")).await;
}

#[tokio::test]
async fn only_admins_see_or_change_the_topics() {
    let app = TestApp::new().await;
    let agent = app.login("driver@testville.example").await;
    let one = format!("/api/v1/admin/topics/{}", app.fx.bus_topic);
    let body = enrollment(&app.fx.front_office);
    for req in [
        app.get("/api/v1/admin/topics"),
        app.get(&one),
        app.post("/api/v1/admin/topics").json(&body),
        app.put(&one).header("If-Match", "\"1\"").json(&body),
        app.delete(&one).header("If-Match", "\"1\""),
    ] {
        assert_eq!(send(req.try_clone().unwrap()).await.0, 401);
        assert_eq!(send(req.bearer_auth(&agent)).await.0, 403);
    }
}

#[tokio::test]
async fn a_topics_fallback_owner_takes_the_work_of_a_member_who_leaves() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    // The front-office agent answers for the bus topic, and joins Transportation.
    let (_, etag, topic) = send(
        app.get(&format!("/api/v1/admin/topics/{}", app.fx.bus_topic))
            .bearer_auth(&admin),
    )
    .await;
    let (status, _, changed) = send(
        app.put(&format!("/api/v1/admin/topics/{}", app.fx.bus_topic))
            .bearer_auth(&admin)
            .header("If-Match", etag.unwrap())
            .json(&json!({
                "texts": {"en": {"name": topic["name"]}, "es": {"name": "Autobús"}},
                "default_team_id": app.fx.transport_team,
                "fallback_owner_id": app.fx.front_agent
            })),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["fallback_owner"]["id"], app.fx.front_agent.as_str());
    let (status, _, _) = send(
        app.post(&format!(
            "/api/v1/admin/teams/{}/members",
            app.fx.transport_team
        ))
        .bearer_auth(&admin)
        .json(&json!({ "staff_id": app.fx.front_agent })),
    )
    .await;
    assert!(status == 200 || status == 201, "{status}");

    // The driver owns a bus inquiry; Transportation has no fallback owner.
    let id = app.submit_ok().await["id"].as_str().unwrap().to_owned();
    let (status, _, body) = send(
        app.post(&format!("/api/v1/inquiries/{id}/assign"))
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.driver_agent, "reason": "route 4" })),
    )
    .await;
    assert_eq!(status, 200, "{body}");

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
        done["handed_over"][0]["assignee"]["id"],
        app.fx.front_agent.as_str(),
        "{done}"
    );
}
