//! District settings over HTTP: an admin reads them with their version,
//! changes them with `If-Match`, every problem is named and changes
//! nothing, and each change is in the audit log with who, where, before
//! and after.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_api::auth::hash_password;
use heard_domain::{Role, StaffId, TeamId};
use reqwest::Response;
use serde_json::{json, Value};

const SETTINGS: &str = "/api/v1/admin/districts/current";
const AUDIT: &str = "/api/v1/admin/audit";

/// The form an admin sends: the settings as read, in the form's shape.
async fn settings(app: &TestApp, token: &str) -> (Value, String) {
    let res = app.get(SETTINGS).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    (res.json().await.unwrap(), etag)
}

async fn put(app: &TestApp, token: &str, etag: Option<&str>, body: &Value) -> Response {
    let mut req = app.put(SETTINGS).bearer_auth(token).json(body);
    if let Some(e) = etag {
        req = req.header("If-Match", e);
    }
    req.send().await.unwrap()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    format!(
                        "{}:{}",
                        e["field"].as_str().unwrap(),
                        e["code"].as_str().unwrap()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn an_admin_changes_the_district_and_the_portal_and_audit_log_show_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (before, etag) = settings(&app, &admin).await;
    assert_eq!(etag, format!("\"{}\"", before["version"]));
    assert_eq!(
        before["branding"]["tab_labels"]["en"],
        before["branding"]["tab_label"]
    );

    let mut body = district_form(&before);
    body["name"] = json!("Testville Unified School District");
    // Spanish becomes the district's default language.
    body["languages"] = json!(["es", "en"]);
    body["branding"] = json!({
        "tab_labels": {"en": "Ask us", "es": "Pregúntenos"},
        "color": "#7A1F5C",
        "position": "middle_left",
    });
    body["pillar_standards"] = json!({"courtesy": {"en": "We greet every family by name.", "es": "Saludamos a cada familia por su nombre."}});
    body["past_due_business_days"] = json!(3);
    body["requester_retention_days"] = json!(365);
    let res = put(&app, &admin, Some(&etag), &body).await;
    assert_eq!(res.status(), 200);
    let next_etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let after: Value = res.json().await.unwrap();
    assert_eq!(after["version"], before["version"].as_i64().unwrap() + 1);
    assert_eq!(next_etag, format!("\"{}\"", after["version"]));
    assert_eq!(
        after["district"]["name"],
        "Testville Unified School District"
    );
    assert_eq!(after["branding"]["color"], "#7a1f5c");
    assert_eq!(after["branding"]["tab_label"], "Pregúntenos");
    assert_eq!(after["past_due_business_days"], 3);
    assert_eq!(after["requester_retention_days"], 365);
    assert_eq!(
        settings(&app, &admin).await.0,
        after,
        "read back as answered"
    );

    // Families see it at once on this server.
    let portal: Value = app.portal().await;
    assert_eq!(
        portal["district"]["name"],
        "Testville Unified School District"
    );
    assert_eq!(portal["languages"], json!(["es", "en"]));
    assert_eq!(portal["branding"]["tab_label"], "Pregúntenos");
    assert_eq!(portal["branding"]["tab_labels"]["es"], "Pregúntenos");
    assert_eq!(portal["branding"]["position"], "middle_left");

    let log = app.get_json(AUDIT, &admin).await;
    let entry = &log["items"][0];
    assert_eq!(log["items"].as_array().unwrap().len(), 1);
    assert_eq!(entry["resource"], "district");
    assert_eq!(entry["resource_id"], app.fx.district_id);
    assert_eq!(entry["action"], "updated");
    assert_eq!(entry["actor"]["staff_id"], app.fx.admin);
    assert_eq!(entry["actor"]["name"], "admin");
    assert_eq!(entry["address"], "127.0.0.1");
    assert_eq!(entry["before"]["branding"]["color"], "#0b5c7a");
    assert_eq!(entry["after"]["branding"]["color"], "#7a1f5c");
    assert!(entry["before"].get("version").is_none(), "{entry}");
    let changed: Vec<&str> = entry["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for f in [
        "district.name",
        "languages",
        "branding.color",
        "branding.position",
        "branding.tab_labels.en",
        "branding.tab_labels.es",
        "branding.tab_label",
        "pillar_standards.courtesy.en",
        "past_due_business_days",
        "requester_retention_days",
    ] {
        assert!(changed.contains(&f), "{f} not in {changed:?}");
    }
    assert!(
        !changed.contains(&"standard.first_response_minutes"),
        "{changed:?}"
    );
}

#[tokio::test]
async fn a_stale_missing_or_bad_change_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (before, etag) = settings(&app, &admin).await;
    let body = district_form(&before);

    expect_problem(put(&app, &admin, None, &body).await, 428, None).await;
    expect_problem(put(&app, &admin, Some("\"99\""), &body).await, 412, None).await;
    expect_problem(
        put(&app, &admin, Some("soon"), &body).await,
        422,
        Some("If-Match"),
    )
    .await;

    let mut bad = body.clone();
    bad["name"] = json!("  ");
    bad["slug"] = json!("Test Ville");
    bad["time_zone"] = json!("Mars/Olympus");
    bad["languages"] = json!(["en", "fr", "en"]);
    bad["branding"]["color"] = json!("#ffee00");
    bad["standard"] = json!({"first_response_minutes": 0, "resolution_minutes": 50000});
    bad["past_due_business_days"] = json!(61);
    bad["requester_retention_days"] = json!(1);
    let problem = expect_problem(put(&app, &admin, Some(&etag), &bad).await, 422, None).await;
    assert_eq!(
        fields(&problem),
        [
            "name:required",
            "slug:invalid_format",
            "time_zone:unknown_time_zone",
            "languages[1]:not_offered",
            "languages[2]:duplicate",
            // Spanish is not among the languages left, so its label is refused.
            "branding.tab_labels.es:not_offered",
            "branding.color:low_contrast",
            "standard.first_response_minutes:out_of_range",
            "standard.resolution_minutes:out_of_range",
            "past_due_business_days:out_of_range",
            "requester_retention_days:out_of_range",
        ]
    );

    let mut wrong_type = body.clone();
    wrong_type["past_due_business_days"] = json!("five");
    expect_problem(
        put(&app, &admin, Some(&etag), &wrong_type).await,
        422,
        Some("past_due_business_days"),
    )
    .await;
    let mut extra = body.clone();
    extra["colour"] = json!("#000000");
    expect_problem(
        put(&app, &admin, Some(&etag), &extra).await,
        422,
        Some("colour"),
    )
    .await;
    let mut no_label = body.clone();
    no_label["branding"]["tab_labels"] = json!({"en": "Contact us"});
    expect_problem(
        put(&app, &admin, Some(&etag), &no_label).await,
        422,
        Some("branding.tab_labels.es"),
    )
    .await;
    let mut foreign_team = body.clone();
    foreign_team["fallback_team_id"] = json!(TeamId::new().to_string());
    expect_problem(
        put(&app, &admin, Some(&etag), &foreign_team).await,
        422,
        Some("fallback_team_id"),
    )
    .await;

    let (now, now_etag) = settings(&app, &admin).await;
    assert_eq!((now, now_etag), (before, etag), "nothing changed");
    assert_eq!(app.table_count("audit_log"), 0);
}

#[tokio::test]
async fn the_slug_moves_the_portal_and_cannot_take_another_districts() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let other = app
        .state
        .store
        .read(|c| {
            use diesel::prelude::*;
            let row = heard_store::testing::district_row("northside");
            diesel::insert_into(heard_store::schema::districts::table)
                .values(&row)
                .execute(c)?;
            Ok(row.slug)
        })
        .unwrap();
    let (before, etag) = settings(&app, &admin).await;
    let mut body = district_form(&before);
    body["slug"] = json!(other);
    let problem = expect_problem(put(&app, &admin, Some(&etag), &body).await, 409, None).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("northside"),
        "{problem}"
    );

    body["slug"] = json!("testville-usd");
    assert_eq!(put(&app, &admin, Some(&etag), &body).await.status(), 200);
    let portal = |slug: &str| app.get(&format!("/api/v1/districts/{slug}/portal")).send();
    assert_eq!(portal("testville-usd").await.unwrap().status(), 200);
    assert_eq!(portal(SLUG).await.unwrap().status(), 404);
}

#[tokio::test]
async fn only_admins_read_or_change_settings_and_the_log() {
    let app = TestApp::new().await;
    let hash = hash_password(PASSWORD).unwrap();
    let district = app.fx.district();
    let front: TeamId = app.fx.front_office.parse().unwrap();
    let admin = app.login("admin@testville.example").await;
    let (before, etag) = settings(&app, &admin).await;
    for (name, role) in [
        ("lead", Role::Lead),
        ("agent", Role::Agent),
        ("recorder", Role::Recorder),
        ("analyst", Role::Analyst),
        ("shopper", Role::Shopper),
    ] {
        let email = format!("{name}.admin@testville.example");
        let (e, h) = (email.clone(), hash.clone());
        app.state
            .store
            .read(move |c| {
                insert_staff(c, district, StaffId::new(), &e, vec![role], &[front], &h);
                Ok(())
            })
            .unwrap();
        let token = app.login(&email).await;
        let statuses = [
            app.get(SETTINGS)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
            put(&app, &token, Some(&etag), &district_form(&before))
                .await
                .status(),
            app.get(AUDIT)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
        ];
        assert_eq!(statuses.map(|s| s.as_u16()), [403, 403, 403], "{name}");
    }
    assert_eq!(app.get(AUDIT).send().await.unwrap().status(), 401);
    assert_eq!(settings(&app, &admin).await.1, etag);
}

#[tokio::test]
async fn the_audit_log_is_searched_filtered_and_paged() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    for address in ["one@example.org", "two@example.org", "three@example.org"] {
        let res = app
            .post("/api/v1/admin/mail-suppressions")
            .bearer_auth(&admin)
            .json(&json!({"address": address, "reason": "bounced"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    // Asking again changes nothing, so it is not logged again.
    app.post("/api/v1/admin/mail-suppressions")
        .bearer_auth(&admin)
        .json(&json!({"address": "ONE@example.org", "reason": "again"}))
        .send()
        .await
        .unwrap();
    let res = app
        .delete("/api/v1/admin/mail-suppressions/two@example.org")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (before, etag) = settings(&app, &admin).await;
    let mut body = district_form(&before);
    body["name"] = json!("Testville 50%_District");
    assert_eq!(put(&app, &admin, Some(&etag), &body).await.status(), 200);

    let all = app.get_json(AUDIT, &admin).await;
    let actions: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["action"].as_str().unwrap(),
                e["resource"].as_str().unwrap(),
                e["resource_id"].as_str().unwrap()
            )
        })
        .collect();
    let district = &app.fx.district_id;
    assert_eq!(
        actions,
        [
            format!("updated district {district}"),
            "deleted mail_suppression two@example.org".into(),
            "created mail_suppression three@example.org".into(),
            "created mail_suppression two@example.org".into(),
            "created mail_suppression one@example.org".into(),
        ]
    );
    let deleted = &all["items"][1];
    assert_eq!(deleted["before"]["address"], "two@example.org");
    assert!(deleted["after"].is_null());

    let count = |v: &Value| v["items"].as_array().unwrap().len();
    let only = |q: &str| {
        let path = format!("{AUDIT}?{q}");
        let (app, admin) = (&app, admin.clone());
        async move { app.get_json(&path, &admin).await }
    };
    assert_eq!(count(&only("resource=mail_suppression").await), 4);
    assert_eq!(count(&only("resource_id=two@example.org").await), 2);
    assert_eq!(count(&only("q=THREE").await), 1);
    // LIKE's wildcards are searched for as they are.
    assert_eq!(count(&only("q=50%25_").await), 1);
    assert_eq!(count(&only("q=5_%25").await), 0);
    assert_eq!(count(&only(&format!("actor_id={}", app.fx.admin)).await), 5);
    assert_eq!(
        count(&only(&format!("actor_id={}", StaffId::new())).await),
        0
    );
    assert_eq!(count(&only("from=2999-01-01T00:00:00Z").await), 0);

    let first = only("limit=2").await;
    assert_eq!(count(&first), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = only(&format!("limit=2&cursor={cursor}")).await;
    assert_eq!(second["items"][0]["id"], all["items"][2]["id"]);
    let third = only(&format!(
        "limit=2&cursor={}",
        second["next_cursor"].as_str().unwrap()
    ))
    .await;
    assert_eq!(count(&third), 1);
    assert!(third["next_cursor"].is_null());

    for (q, field) in [
        ("resource=planet", "resource"),
        ("actor_id=me", "actor_id"),
        ("cursor=xyz", "cursor"),
        ("q=a%00b", "q"),
        ("limit=0", "limit"),
        ("from=yesterday", "from"),
        ("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from"),
    ] {
        let res = app
            .get(&format!("{AUDIT}?{q}"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        expect_problem(res, 422, Some(field)).await;
    }
}
