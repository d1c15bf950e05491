//! Health, documentation and the committed OpenAPI document.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn health_docs_and_spec_are_served() {
    let app = TestApp::new().await;
    assert_eq!(
        app.get("/healthz").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/readyz")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ready"
    );
    let spec: Value = app
        .get("/api/v1/openapi.json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["info"]["title"], "Heard API");
    assert!(spec["paths"]["/api/v1/districts/{district}/inquiries"]["post"].is_object());
    let docs = app.get("/docs/").send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"));
    expect_problem(
        app.get("/api/v1/no/such/route").send().await.unwrap(),
        404,
        None,
    )
    .await;
    let res = app
        .get(&format!("/api/v1/districts/{SLUG}/portal"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
}

/// `api-spec/openapi.json` is what the code generates; `make openapi` rewrites it.
#[test]
fn committed_openapi_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../api-spec/openapi.json");
    let committed =
        std::fs::read_to_string(path).expect("api-spec/openapi.json exists; run `make openapi`");
    let generated = serde_json::to_string_pretty(&heard_api::app::openapi()).expect("json");
    let committed: Value = serde_json::from_str(&committed).expect("valid JSON");
    let generated: Value = serde_json::from_str(&generated).expect("valid JSON");
    assert!(
        committed == generated,
        "api-spec/openapi.json is out of date; run `make openapi`"
    );
}

/// What an integrator holding only the spec needs: every response
/// described, one operation per id, every field and parameter saying what
/// it means, the event and actor unions with a discriminator.
#[test]
fn the_spec_says_what_everything_means() {
    let spec = serde_json::to_value(heard_api::app::openapi()).expect("json");
    let mut ids = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let id = op["operationId"].as_str().unwrap_or_default();
            if id.is_empty() || !ids.insert(id.to_owned()) {
                problems.push(format!(
                    "{method} {path}: operation id {id:?} missing or repeated"
                ));
            }
            for (status, r) in op["responses"].as_object().expect("responses") {
                if r["description"]
                    .as_str()
                    .is_none_or(|d| d.trim().is_empty())
                {
                    problems.push(format!("{method} {path} {status}: no description"));
                }
            }
            for p in op["parameters"].as_array().into_iter().flatten() {
                let d = p["description"].as_str().unwrap_or_default();
                if d.split_whitespace().count() < 3 {
                    problems.push(format!(
                        "{method} {path} {}: says too little: {d:?}",
                        p["name"]
                    ));
                }
            }
        }
    }
    for (name, schema) in spec["components"]["schemas"].as_object().expect("schemas") {
        for (field, prop) in schema["properties"].as_object().into_iter().flatten() {
            let d = prop["description"].as_str().or_else(|| {
                prop["oneOf"]
                    .as_array()?
                    .iter()
                    .find_map(|o| o["description"].as_str())
            });
            // "Id.", "Name.": a word or two says nothing a name does not.
            if d.unwrap_or_default().split_whitespace().count() < 3 {
                problems.push(format!("{name}.{field}: says too little: {d:?}"));
            }
        }
    }
    for union in ["CaseEvent", "Actor"] {
        let d = &spec["components"]["schemas"][union]["discriminator"];
        if d["propertyName"] != "type" || d["mapping"].as_object().is_none_or(|m| m.len() < 3) {
            problems.push(format!("{union}: no discriminator on type"));
        }
    }
    let codes: Vec<&str> = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("error codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for code in heard_domain::ErrorCode::ALL {
        if !codes.contains(&code.as_str()) {
            problems.push(format!("error code {code} not in the spec"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn articles_are_searched_by_language_and_words() {
    let app = TestApp::new().await;
    let res = app
        .get(&format!("/api/v1/districts/{SLUG}/articles?q=bus&lang=es"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["items"], serde_json::json!([]));
    let res = app
        .get(&format!("/api/v1/districts/{SLUG}/articles?lang=de"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("lang")).await;
}

#[tokio::test]
async fn goals_list_is_empty_for_a_new_district() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let v: Value = app.get_json("/api/v1/goals", &admin).await;
    assert_eq!(v["items"], serde_json::json!([]));
}

#[tokio::test]
async fn public_writes_and_sign_in_are_rate_limited_per_address() {
    let app = TestApp::with_limits(3, 2).await;
    for _ in 0..3 {
        assert_eq!(
            app.submit(&app.inquiry_body()).await.status(),
            StatusCode::CREATED
        );
    }
    let res = app.submit(&app.inquiry_body()).await;
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    expect_problem(res, 429, None).await;
    assert_eq!(app.inquiry_count(), 3);
    let bad = serde_json::json!({ "district": SLUG, "email": "admin@testville.example", "password": "guess" });
    for _ in 0..2 {
        expect_problem(
            app.post("/api/v1/auth/login")
                .json(&bad)
                .send()
                .await
                .unwrap(),
            401,
            None,
        )
        .await;
    }
    expect_problem(
        app.post("/api/v1/auth/login")
            .json(&bad)
            .send()
            .await
            .unwrap(),
        429,
        None,
    )
    .await;
}

/// The patterns published for text fields are the ones the domain enforces.
#[test]
fn published_patterns_are_the_domain_rules() {
    use heard_domain::text::*;
    let spec = serde_json::to_value(heard_api::app::openapi()).unwrap();
    let schemas = &spec["components"]["schemas"];
    for (schema, field, pattern) in [
        ("NewInquiry", "subject", LINE_PATTERN),
        ("NewInquiry", "body", TEXT_PATTERN),
        ("RequesterForm", "name", OPTIONAL_LINE_PATTERN),
        ("RequesterForm", "email", EMAIL_PATTERN),
        ("RequesterForm", "phone", PHONE_PATTERN),
        ("RequesterForm", "preferred_language", LANGUAGE_PATTERN),
        ("ReplyForm", "body", TEXT_PATTERN),
        ("StaffMessageForm", "body", TEXT_PATTERN),
        ("AssignForm", "reason", LINE_PATTERN),
    ] {
        assert_eq!(
            schemas[schema]["properties"][field]["pattern"], pattern,
            "{schema}.{field}"
        );
    }
}

#[tokio::test]
async fn known_paths_with_other_methods_are_405() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    for (method, path, allow) in [
        ("DELETE", "/api/v1/districts", "GET"),
        ("PUT", "/api/v1/track/abc/feedback", "POST"),
        ("PATCH", "/healthz", ""),
        ("PUT", "/api/v1/admin/staff/invitations", "POST"),
        ("GET", "/api/v1/admin/staff/invitations", "POST"),
        ("PUT", "/api/v1/admin/units/export", "GET"),
        ("DELETE", "/api/v1/admin/units/export", "GET"),
        ("PUT", "/api/v1/admin/units/import", "POST"),
        ("GET", "/api/v1/admin/units/import", "POST"),
        ("PUT", "/api/v1/admin/staff/export", "GET"),
        ("DELETE", "/api/v1/admin/staff/import", "POST"),
    ] {
        // Signed in as an admin, so no handler's own checks answer first.
        let res = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(&admin)
            .header("Content-Type", "text/csv")
            .send()
            .await
            .unwrap();
        if !allow.is_empty() {
            assert_eq!(res.headers()["allow"], allow);
        }
        expect_problem(res, 405, None).await;
    }
    expect_problem(
        app.client
            .delete(app.url("/api/v1/nowhere"))
            .send()
            .await
            .unwrap(),
        404,
        None,
    )
    .await;
}
