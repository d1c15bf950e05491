//! Help articles over HTTP, as a district's admin writes them: in one of
//! the district's languages, linked to a topic, published or kept as a
//! draft that families never find, changed with `If-Match`, refused when a
//! title repeats in a language, and every change audited.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn bus_article(topic: &str, published: bool) -> Value {
    json!({
        "language": "en",
        "title": " When does the school bus come? ",
        "body": "Each school's **bus routes** are on its page.\n\n<script>alert(1)</script>\n",
        "topic_id": topic,
        "published": published
    })
}

async fn portal_titles(app: &TestApp, q: &str) -> Vec<String> {
    let res = app
        .get(&format!(
            "/api/v1/districts/testville/articles?lang=en&q={q}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let found: Value = res.json().await.unwrap();
    found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_admin_writes_a_draft_publishes_it_and_removes_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (status, etag, draft) = send(
        app.post("/api/v1/admin/articles")
            .bearer_auth(&admin)
            .json(&bus_article(&app.fx.bus_topic, false)),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(draft["title"], "When does the school bus come?");
    assert_eq!(
        draft["body"], "Each school's **bus routes** are on its page.\n\n<script>alert(1)</script>",
        "kept as written, to be shown as text"
    );
    assert_eq!(draft["topic"]["name"], "Bus & transportation");
    assert_eq!(draft["published"], false);
    let id = draft["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/admin/articles/{id}");

    // A draft: the admins see it, families do not.
    let listed = app.get_json("/api/v1/admin/articles", &admin).await;
    assert_eq!(listed["items"][0]["id"], id.as_str());
    let linked = app
        .get_json(
            &format!("/api/v1/admin/topics/{}", app.fx.bus_topic),
            &admin,
        )
        .await;
    assert_eq!(linked["articles"][0]["id"], id.as_str());
    assert!(portal_titles(&app, "bus").await.is_empty());

    // Published at the version read; the old version is refused.
    let (status, _, published) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&bus_article(&app.fx.bus_topic, true)),
    )
    .await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["version"], 2);
    assert_eq!(
        portal_titles(&app, "routes").await,
        ["When does the school bus come?"]
    );
    // Families get the answer as safe HTML too: the script is text.
    let found = app
        .get_json(
            "/api/v1/districts/testville/articles?lang=en&q=routes",
            &admin,
        )
        .await;
    assert_eq!(
        found["items"][0]["body_html"],
        "<p>Each school's <strong>bus routes</strong> are on its page.</p>\n\
         <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
    let (status, _, stale) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&bus_article(&app.fx.bus_topic, false)),
    )
    .await;
    assert_eq!(status, 412, "{stale}");
    let (status, _, _) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .json(&bus_article(&app.fx.bus_topic, false)),
    )
    .await;
    assert_eq!(status, 428);

    // The same title in the same language, in any case, is another article's.
    let mut again = bus_article(&app.fx.bus_topic, true);
    again["title"] = json!("WHEN DOES THE SCHOOL BUS COME?");
    let (status, _, conflict) = send(
        app.post("/api/v1/admin/articles")
            .bearer_auth(&admin)
            .json(&again),
    )
    .await;
    assert_eq!(status, 409, "{conflict}");
    assert!(
        conflict["detail"]
            .as_str()
            .unwrap()
            .contains("\"When does the school bus come?\""),
        "names the article it clashes with: {conflict}"
    );
    again["language"] = json!("es");
    let (status, _, spanish) = send(
        app.post("/api/v1/admin/articles")
            .bearer_auth(&admin)
            .json(&again),
    )
    .await;
    assert_eq!(status, 201, "another language may: {spanish}");

    let (status, _, _) = send(
        app.delete(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"2\""),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _, _) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!(status, 404);
    assert!(portal_titles(&app, "routes").await.is_empty());

    let log = app
        .get_json(
            &format!("/api/v1/admin/audit?resource=article&resource_id={id}"),
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
    assert_eq!(log["items"][1]["changed"], json!(["published"]));
    assert_eq!(log["items"][1]["before"]["published"], false);
}

#[tokio::test]
async fn an_article_with_bad_fields_names_every_one_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let before = app.table_count("help_articles");
    let (status, _, problem) = send(app.post("/api/v1/admin/articles").bearer_auth(&admin).json(
        &json!({
            "language": "fr",
            "title": "",
            "body": "x".repeat(20_001),
            "topic_id": "01a23e86-96df-716c-aef1-9dbcf319e36a"
        }),
    ))
    .await;
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["language", "title", "body"]);
    let (status, _, problem) = send(app.post("/api/v1/admin/articles").bearer_auth(&admin).json(
        &json!({
            "language": "en",
            "title": "A question",
            "body": "An answer.",
            "topic_id": "01a23e86-96df-716c-aef1-9dbcf319e36a"
        }),
    ))
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "topic_id");
    let (status, _, problem) = send(app.post("/api/v1/admin/articles").bearer_auth(&admin).json(
        &json!({"language": "en", "title": "A question", "body": "An answer.", "draft": true}),
    ))
    .await;
    assert_eq!(status, 422, "{problem}");
    let (status, _, problem) = send(
        app.get("/api/v1/admin/articles?cursor=not-an-id")
            .bearer_auth(&admin),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "cursor");
    assert_eq!(app.table_count("help_articles"), before);
}

#[tokio::test]
async fn only_admins_see_or_change_the_articles() {
    let app = TestApp::new().await;
    let agent = app.login("driver@testville.example").await;
    for req in [
        app.get("/api/v1/admin/articles"),
        app.post("/api/v1/admin/articles")
            .json(&bus_article(&app.fx.bus_topic, true)),
        app.get("/api/v1/admin/articles/01a23e86-96df-716c-aef1-9dbcf319e36a"),
        app.delete("/api/v1/admin/articles/01a23e86-96df-716c-aef1-9dbcf319e36a")
            .header("If-Match", "\"1\""),
    ] {
        let (status, _, body) = send(req.bearer_auth(&agent)).await;
        assert_eq!(status, 403, "{body}");
    }
    let (status, _, _) = send(app.get("/api/v1/admin/articles")).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn the_list_comes_a_page_at_a_time_by_language_and_title() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    for (language, title) in [
        ("es", "¿Dónde está la parada?"),
        ("en", "Where is my stop?"),
        ("en", "Is the bus late?"),
    ] {
        let (status, _, body) =
            send(app.post("/api/v1/admin/articles").bearer_auth(&admin).json(
                &json!({"language": language, "title": title, "body": "See the route page."}),
            ))
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let first = app.get_json("/api/v1/admin/articles?limit=2", &admin).await;
    let next = first["next_cursor"].as_str().unwrap();
    let second = app
        .get_json(
            &format!("/api/v1/admin/articles?limit=2&cursor={next}"),
            &admin,
        )
        .await;
    let titles: Vec<&str> = [&first, &second]
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap())
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Is the bus late?",
            "Where is my stop?",
            "¿Dónde está la parada?"
        ]
    );
    assert!(second["next_cursor"].is_null());
    let on_bus = app
        .get_json(
            &format!("/api/v1/admin/articles?topic={}", app.fx.bus_topic),
            &admin,
        )
        .await;
    assert_eq!(on_bus["items"], json!([]));
}
