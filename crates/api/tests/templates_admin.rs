//! Reply templates over HTTP, as a district's admin writes them: in one of
//! the district's languages, with placeholders checked when saved, changed
//! with `If-Match`, refused when a name repeats in a language, and every
//! change audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_domain::Role;
use serde_json::{json, Value};

const TEMPLATES: &str = "/api/v1/admin/templates";

fn received(language: &str, name: &str) -> Value {
    json!({
        "language": language,
        "name": name,
        "body": "Dear {{requester_name}},\n\nYour reference is {{ reference }}; we will answer by {{due_date}}.\n\n{{staff_name}}\n"
    })
}

fn fields(problem: &Value) -> Vec<(&str, &str)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn an_admin_writes_changes_and_removes_a_template() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (status, etag, made) = send(
        app.post(TEMPLATES)
            .bearer_auth(&admin)
            .json(&received("en", " We received your message ")),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(made["name"], "We received your message");
    assert_eq!(
        made["body"],
        "Dear {{requester_name}},\n\nYour reference is {{ reference }}; we will answer by {{due_date}}.\n\n{{staff_name}}"
    );
    assert_eq!(
        made["placeholders"],
        json!(["requester_name", "reference", "due_date", "staff_name"])
    );
    let id = made["id"].as_str().unwrap().to_owned();
    let path = format!("{TEMPLATES}/{id}");
    let (status, etag, read) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!((status, etag.as_deref()), (200, Some("\"1\"")));
    assert_eq!(read, made);

    // Changed at the version read; the old version is refused.
    let mut change = received("en", "We received your message");
    change["body"] = json!("Thank you, {{requester_name}}.");
    let (status, _, changed) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&change),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["placeholders"], json!(["requester_name"]));
    let (status, _, stale) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&received("en", "Stale")),
    )
    .await;
    assert_eq!(status, 412, "{stale}");
    let (status, _, _) = send(app.put(&path).bearer_auth(&admin).json(&change)).await;
    assert_eq!(status, 428);

    // The same name in the same language, in any case, is another template's.
    let (status, _, conflict) = send(
        app.post(TEMPLATES)
            .bearer_auth(&admin)
            .json(&received("en", "WE RECEIVED YOUR MESSAGE")),
    )
    .await;
    assert_eq!(status, 409, "{conflict}");
    assert!(
        conflict["detail"]
            .as_str()
            .unwrap()
            .contains("\"We received your message\""),
        "names the template it clashes with: {conflict}"
    );
    let (status, _, spanish) = send(
        app.post(TEMPLATES)
            .bearer_auth(&admin)
            .json(&received("es", "We received your message")),
    )
    .await;
    assert_eq!(status, 201, "another language may: {spanish}");

    let (status, _, _) = send(
        app.delete(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\""),
    )
    .await;
    assert_eq!(status, 412, "a removal names the version it read");
    let (status, _, _) = send(
        app.delete(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _, _) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!(status, 404);

    let log = app
        .get_json(
            &format!("/api/v1/admin/audit?resource=template&resource_id={id}"),
            &admin,
        )
        .await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deleted", "updated", "created"]);
    assert_eq!(log["items"][1]["changed"], json!(["body", "placeholders"]));
    assert_eq!(
        log["items"][1]["after"]["body"],
        "Thank you, {{requester_name}}."
    );
}

#[tokio::test]
async fn a_template_with_bad_fields_names_every_one_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (_, _, kept) = send(
        app.post(TEMPLATES)
            .bearer_auth(&admin)
            .json(&received("en", "Kept")),
    )
    .await;
    let path = format!("{TEMPLATES}/{}", kept["id"].as_str().unwrap());
    let before = app.table_count("reply_templates");
    let audited = app.table_count("audit_log");

    let (status, _, problem) = send(app.post(TEMPLATES).bearer_auth(&admin).json(&json!({
        "language": "fr",
        "name": "",
        "body": "Dear {{parent_name}},"
    })))
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        fields(&problem),
        [
            ("language", "not_offered"),
            ("name", "required"),
            ("body", "unknown_placeholder")
        ]
    );
    let body = &problem["errors"][2];
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("has {{parent_name}}, which is not a placeholder"),
        "{body}"
    );
    assert_eq!(
        body["allowed"],
        json!([
            "{{requester_name}}",
            "{{reference}}",
            "{{due_date}}",
            "{{staff_name}}"
        ])
    );

    // An unclosed placeholder would reach the family half-filled.
    let (status, _, problem) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&json!({"language": "en", "name": "Kept", "body": "Dear {{requester_name,\nthanks"})),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), [("body", "unknown_placeholder")]);

    for (body, field) in [
        (
            json!({"language": "en", "name": "n".repeat(101), "body": "x".repeat(10_001)}),
            "name",
        ),
        (
            json!({"language": "en", "name": "A", "body": "B", "topic_id": null}),
            "topic_id",
        ),
        (json!({"language": "en", "name": "A"}), "body"),
        (json!({"language": 3, "name": "A", "body": "B"}), "language"),
    ] {
        let (status, _, problem) = send(app.post(TEMPLATES).bearer_auth(&admin).json(&body)).await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    for query in ["cursor=not-an-id", "language=english", "limit=0"] {
        let (status, _, problem) =
            send(app.get(&format!("{TEMPLATES}?{query}")).bearer_auth(&admin)).await;
        assert_eq!(status, 422, "{query}: {problem}");
        assert_eq!(
            problem["errors"][0]["field"],
            query.split('=').next().unwrap()
        );
    }
    let (status, _, problem) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "version one")
            .json(&received("en", "Kept")),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(app.table_count("reply_templates"), before);
    assert_eq!(app.table_count("audit_log"), audited);
    let (_, etag, _) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!(etag.as_deref(), Some("\"1\""));
}

#[tokio::test]
async fn only_admins_see_or_change_the_templates() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (_, _, made) = send(
        app.post(TEMPLATES)
            .bearer_auth(&admin)
            .json(&received("en", "Only admins")),
    )
    .await;
    let path = format!("{TEMPLATES}/{}", made["id"].as_str().unwrap());
    for role in [Role::Agent, Role::Analyst, Role::Lead] {
        let token = app.login_as(role).await;
        for req in [
            app.get(TEMPLATES),
            app.post(TEMPLATES).json(&received("en", "Mine")),
            app.get(&path),
            app.put(&path)
                .header("If-Match", "\"1\"")
                .json(&received("en", "Mine")),
            app.delete(&path).header("If-Match", "\"1\""),
        ] {
            let (status, _, body) = send(req.bearer_auth(&token)).await;
            assert_eq!(status, 403, "{role:?}: {body}");
        }
    }
    let (status, _, _) = send(app.get(TEMPLATES)).await;
    assert_eq!(status, 401);
    let (_, etag, unchanged) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!((etag.as_deref(), &unchanged), (Some("\"1\""), &made));
}

#[tokio::test]
async fn the_list_comes_a_page_at_a_time_by_language_and_name() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    for (language, name) in [
        ("es", "Recibido"),
        ("en", "Resolved"),
        ("en", "Received"),
        ("es", "Cerrado"),
    ] {
        let (status, _, body) = send(
            app.post(TEMPLATES)
                .bearer_auth(&admin)
                .json(&received(language, name)),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
    let mut names = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app
            .get_json(&format!("{TEMPLATES}?limit=3{cursor}"), &admin)
            .await;
        for t in page["items"].as_array().unwrap() {
            names.push(t["name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(names, ["Received", "Resolved", "Cerrado", "Recibido"]);
    let spanish = app
        .get_json(&format!("{TEMPLATES}?language=ES"), &admin)
        .await;
    let spanish: Vec<&str> = spanish["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(spanish, ["Cerrado", "Recibido"]);
}
