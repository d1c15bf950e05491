//! Submission: idempotent retries, bad input on every field, hostile input.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn the_same_key_and_body_replays_the_original_response() {
    let app = TestApp::new().await;
    let body = app.inquiry_body();
    let send = |key: &str, body: &Value| {
        app.post(&format!("/api/v1/districts/{SLUG}/inquiries"))
            .header("Idempotency-Key", key.to_owned())
            .json(body)
            .send()
    };
    let first: Value = send("retry-1", &body).await.unwrap().json().await.unwrap();
    let res = send("retry-1", &body).await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: Value = res.json().await.unwrap();
    assert_eq!(
        first, second,
        "the original response, tracking token included"
    );
    assert_eq!(app.inquiry_count(), 1);
    // Another body with the same key is refused and stores nothing.
    let mut other = body.clone();
    other["subject"] = json!("Something else entirely");
    expect_problem(send("retry-1", &other).await.unwrap(), 422, None).await;
    assert_eq!(app.inquiry_count(), 1);
    // The replayed token works.
    let token = second["tracking_token"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/track/{token}"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn concurrent_retries_store_one_inquiry() {
    let app = TestApp::new().await;
    let body = app.inquiry_body();
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let req = app
            .post(&format!("/api/v1/districts/{SLUG}/inquiries"))
            .header("Idempotency-Key", "burst")
            .json(&body);
        tasks.push(tokio::spawn(async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        let (status, v) = t.await.unwrap();
        assert_eq!(status, 201, "{v}");
        ids.push(v["id"].as_str().unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(app.inquiry_count(), 1);
}

#[tokio::test]
async fn concurrent_submissions_get_distinct_references() {
    let app = TestApp::new().await;
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let req = app
            .post(&format!("/api/v1/districts/{SLUG}/inquiries"))
            .json(&app.inquiry_body());
        tasks.push(tokio::spawn(async move {
            req.send().await.unwrap().json::<Value>().await.unwrap()
        }));
    }
    let mut refs = Vec::new();
    for t in tasks {
        refs.push(t.await.unwrap()["reference"].as_str().unwrap().to_owned());
    }
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), 40);
    assert_eq!(app.inquiry_count(), 40);
}

/// Breaks one field of a good submission.
type Breaker = Box<dyn Fn(&mut Value)>;

/// Every field of the submission, broken in turn: each gets a 422 naming it
/// (or 400 for an unreadable body) and nothing is stored.
#[tokio::test]
async fn bad_input_on_every_field_is_named_and_changes_nothing() {
    let app = TestApp::new().await;
    let good = app.inquiry_body();
    let other_district_topic = uuid::Uuid::new_v4().to_string();
    let cases: Vec<(&str, Breaker)> = vec![
        ("kind", Box::new(|v| v["kind"] = json!("rant"))),
        ("kind", Box::new(|v| v["kind"] = json!(7))),
        (
            "kind",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("kind");
            }),
        ),
        (
            "topic_id",
            Box::new(|v| v["topic_id"] = json!("not-a-uuid")),
        ),
        (
            "topic_id",
            Box::new(move |v| v["topic_id"] = json!(other_district_topic.clone())),
        ),
        (
            "topic_id",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("topic_id");
            }),
        ),
        (
            "unit_id",
            Box::new(|v| v["unit_id"] = json!(uuid::Uuid::new_v4().to_string())),
        ),
        ("subject", Box::new(|v| v["subject"] = json!("   "))),
        (
            "subject",
            Box::new(|v| v["subject"] = json!("x".repeat(201))),
        ),
        ("subject", Box::new(|v| v["subject"] = json!("two\nlines"))),
        ("subject", Box::new(|v| v["subject"] = json!(null))),
        ("body", Box::new(|v| v["body"] = json!(""))),
        ("body", Box::new(|v| v["body"] = json!("y".repeat(10_001)))),
        (
            "requester.email",
            Box::new(|v| v["requester"]["email"] = json!("maria at example")),
        ),
        (
            "requester.phone",
            Box::new(|v| v["requester"]["phone"] = json!("call me")),
        ),
        (
            "requester.name",
            Box::new(|v| v["requester"]["name"] = json!("n".repeat(121))),
        ),
        (
            "requester.role",
            Box::new(|v| v["requester"]["role"] = json!("principal")),
        ),
        (
            "requester.preferred_language",
            Box::new(|v| v["requester"]["preferred_language"] = json!("fr")),
        ),
        (
            "requester.email",
            Box::new(|v| {
                v["requester"]["email"] = json!(null);
            }),
        ),
        ("anonymous", Box::new(|v| v["anonymous"] = json!(true))),
        ("anonymous", Box::new(|v| v["anonymous"] = json!("yes"))),
        (
            "website",
            Box::new(|v| v["website"] = json!("http://spam.example")),
        ),
        ("requester", Box::new(|v| v["requester"] = json!("Maria"))),
    ];
    for (field, break_it) in cases {
        let mut body = good.clone();
        break_it(&mut body);
        let res = app.submit(&body).await;
        if res.status() != 422 {
            panic!(
                "{field}: {} {}",
                res.status(),
                res.text().await.unwrap_or_default()
            );
        }
        expect_problem(res, 422, Some(field)).await;
    }
    // The same values by position, as serde would read a struct from an array.
    let by_position = json!(good.as_object().unwrap().values().collect::<Vec<_>>());
    expect_problem(app.submit(&by_position).await, 422, Some("body")).await;
    assert_eq!(app.inquiry_count(), 0);

    let url = app.url(&format!("/api/v1/districts/{SLUG}/inquiries"));
    for (ct, raw) in [
        ("application/json", "{not json"),
        ("application/json", "{} trailing"),
        ("text/plain", "{}"),
        ("application/json", ""),
    ] {
        let res = app
            .client
            .post(&url)
            .header("content-type", ct)
            .body(raw)
            .send()
            .await
            .unwrap();
        expect_problem(res, 400, None).await;
    }
    let res = app
        .client
        .post(&url)
        .header("Idempotency-Key", "")
        .json(&good)
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("Idempotency-Key")).await;
    let res = app
        .post("/api/v1/districts/nowhere/inquiries")
        .json(&good)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    assert_eq!(app.inquiry_count(), 0);
}

#[tokio::test]
async fn anonymous_inquiries_keep_no_contact_details() {
    let app = TestApp::new().await;
    let mut body = app.inquiry_body();
    body["anonymous"] = json!(true);
    body["requester"] = json!({ "role": "community" });
    let res = app.submit(&body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    let admin = app.login("admin@testville.example").await;
    let case: Value = app
        .get_json(
            &format!("/api/v1/inquiries/{}", receipt["id"].as_str().unwrap()),
            &admin,
        )
        .await;
    assert_eq!(case["requester"]["anonymous"], true);
    assert_eq!(case["requester"]["email"], Value::Null);
    assert_eq!(case["requester"]["preferred_language"], "en");
}

#[tokio::test]
async fn hostile_text_is_stored_as_text() {
    let app = TestApp::new().await;
    let mut body = app.inquiry_body();
    let nasty = "Robert'); DROP TABLE inquiries;-- <script>alert(1)</script> 🚌 ñ";
    body["subject"] = json!(nasty);
    let receipt: Value = app.submit(&body).await.json().await.unwrap();
    let token = receipt["tracking_token"].as_str().unwrap();
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["subject"], nasty);
    assert_eq!(app.inquiry_count(), 1);
}

#[tokio::test]
async fn tracking_tokens_are_unguessable_and_feedback_is_checked() {
    let app = TestApp::new().await;
    for token in [
        "nope",
        "../../etc/passwd",
        &"A".repeat(43),
        &"A".repeat(64),
        &"A".repeat(500),
    ] {
        let res = app
            .get(&format!("/api/v1/track/{token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{token}");
    }
    let receipt = app.submit_ok().await;
    let token = receipt["tracking_token"].as_str().unwrap();
    let good = json!({ "overall": 8, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } });
    // Not resolved yet.
    expect_problem(
        app.post(&format!("/api/v1/track/{token}/feedback"))
            .json(&good)
            .send()
            .await
            .unwrap(),
        409,
        None,
    )
    .await;
    let admin = app.login("admin@testville.example").await;
    let id = receipt["id"].as_str().unwrap();
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(&admin)
        .header("If-Match", "1")
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for (field, body) in [
        (
            "overall",
            json!({ "overall": 11, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } }),
        ),
        (
            "overall",
            json!({ "overall": -1, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } }),
        ),
        (
            "overall",
            json!({ "overall": 8.5, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } }),
        ),
        (
            "pillars.courtesy",
            json!({ "overall": 8, "pillars": { "courtesy": 0, "communication": 4, "responsiveness": 4 } }),
        ),
        (
            "pillars.environment",
            json!({ "overall": 8, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4, "environment": 6 } }),
        ),
        (
            "pillars.responsiveness",
            json!({ "overall": 8, "pillars": { "courtesy": 4, "communication": 4 } }),
        ),
        (
            "recommend",
            json!({ "overall": 8, "recommend": 12, "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } }),
        ),
        (
            "comment",
            json!({ "overall": 8, "comment": "c".repeat(4001), "pillars": { "courtesy": 4, "communication": 4, "responsiveness": 4 } }),
        ),
    ] {
        let res = app
            .post(&format!("/api/v1/track/{token}/feedback"))
            .json(&body)
            .send()
            .await
            .unwrap();
        expect_problem(res, 422, Some(field)).await;
    }
    assert_eq!(app.table_count("feedback"), 0);
    assert_eq!(
        app.post(&format!("/api/v1/track/{token}/feedback"))
            .json(&good)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn bad_staff_input_is_named() {
    let app = TestApp::new().await;
    let receipt = app.submit_ok().await;
    let id = receipt["id"].as_str().unwrap();
    let admin = app.login("admin@testville.example").await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=ten", "limit"),
        ("cursor=garbage", "cursor"),
        ("status=lost", "status"),
        ("view=everything", "view"),
        ("topic_id=42", "topic_id"),
        ("q=nul%00byte", "q"),
    ] {
        let res = app
            .get(&format!("/api/v1/inquiries?{query}"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        expect_problem(res, 422, Some(field)).await;
    }
    let post = |path: String, body: Value| {
        app.post(&path)
            .bearer_auth(&admin)
            .header("If-Match", "1")
            .json(&body)
            .send()
    };
    expect_problem(
        post(
            format!("/api/v1/inquiries/{id}/messages"),
            json!({ "body": " " }),
        )
        .await
        .unwrap(),
        422,
        Some("body"),
    )
    .await;
    expect_problem(
        post(
            format!("/api/v1/inquiries/{id}/status"),
            json!({ "status": "done" }),
        )
        .await
        .unwrap(),
        422,
        Some("status"),
    )
    .await;
    expect_problem(
        post(
            format!("/api/v1/inquiries/{id}/assign"),
            json!({ "team_id": uuid::Uuid::new_v4(), "reason": "x" }),
        )
        .await
        .unwrap(),
        422,
        Some("team_id"),
    )
    .await;
    expect_problem(post(format!("/api/v1/inquiries/{id}/assign"), json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.front_agent, "reason": "x" })).await.unwrap(), 422, Some("assignee_id")).await;
    expect_problem(
        post(
            format!("/api/v1/inquiries/{id}/assign"),
            json!({ "team_id": app.fx.transport_team, "reason": "" }),
        )
        .await
        .unwrap(),
        422,
        Some("reason"),
    )
    .await;
    expect_problem(
        post(
            "/api/v1/inquiries/not-an-id/status".into(),
            json!({ "status": "resolved" }),
        )
        .await
        .unwrap(),
        404,
        None,
    )
    .await;
    let s = app
        .get("/api/v1/reports/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(s, 422, Some("from")).await;
    let s = app
        .get("/api/v1/reports/summary?from=yesterday")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(s, 422, Some("from")).await;
    let res = app
        .post("/api/v1/auth/login")
        .json(&json!({ "district": "", "email": "", "password": "" }))
        .send()
        .await
        .unwrap();
    let p = expect_problem(res, 422, Some("district")).await;
    assert_eq!(p["errors"].as_array().map(Vec::len), Some(3));
    let res = app
        .post("/api/v1/auth/login")
        .json(&json!({ "district": "a\u{0}b", "email": "x\u{0}@y.z", "password": "p" }))
        .send()
        .await
        .unwrap();
    let p = expect_problem(res, 422, Some("email")).await;
    assert_eq!(p["errors"].as_array().map(Vec::len), Some(2));
    // Nothing changed.
    let case: Value = app
        .get_json(&format!("/api/v1/inquiries/{id}"), &admin)
        .await;
    assert_eq!(case["version"], 1);
    assert_eq!(case["messages"], json!([]));
}

/// The inquiry's stored tracking key, read straight from the database.
fn stored_tracking_key(app: &TestApp, id: &str) -> String {
    let id = id.to_owned();
    app.state
        .store
        .read(move |c| {
            Ok(heard_store::schema::inquiries::table
                .find(id)
                .select(heard_store::schema::inquiries::tracking_token_hash)
                .first::<String>(c)?)
        })
        .unwrap()
}

#[tokio::test]
async fn tracking_links_name_their_inquiry_and_only_a_hash_is_stored() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let app = TestApp::new().await;
    let first = app.submit_ok().await;
    let second = app.submit_ok().await;
    let token = first["tracking_token"].as_str().unwrap();
    let id = first["id"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    let key = stored_tracking_key(&app, id);
    assert_eq!(
        key,
        format!("{id}:{}", heard_api::auth::token_hash(token)),
        "the id and the token's hash, never the token"
    );
    // The id part alone opens nothing: another inquiry's id with this
    // token's secret part, or this id with made-up secret bytes.
    let bytes = URL_SAFE_NO_PAD.decode(token).unwrap();
    let other_id = uuid::Uuid::parse_str(second["id"].as_str().unwrap()).unwrap();
    let mut swapped = other_id.as_bytes().to_vec();
    swapped.extend_from_slice(&bytes[16..]);
    let mut forged = bytes[..16].to_vec();
    forged.extend_from_slice(&[7u8; 32]);
    for wrong in [swapped, forged] {
        let wrong = URL_SAFE_NO_PAD.encode(wrong);
        let res = app.get(&format!("/api/v1/track/{wrong}")).send().await;
        assert_eq!(res.unwrap().status(), StatusCode::NOT_FOUND, "{wrong}");
    }
    let res = app.get(&format!("/api/v1/track/{token}")).send().await;
    let tracked: Value = res.unwrap().json().await.unwrap();
    assert_eq!(tracked["reference"], first["reference"]);
}

#[tokio::test]
async fn links_handed_out_before_tokens_named_the_inquiry_keep_working() {
    let app = TestApp::new().await;
    let body = app.inquiry_body();
    let send = || {
        app.post(&format!("/api/v1/districts/{SLUG}/inquiries"))
            .header("Idempotency-Key", "from-before")
            .json(&body)
            .send()
    };
    let receipt: Value = send().await.unwrap().json().await.unwrap();
    let id = receipt["id"].as_str().unwrap().to_owned();
    // Store it as the previous release did: the bare hash of the HMAC-only token.
    let uuid = uuid::Uuid::parse_str(&id).unwrap();
    let legacy = app.state.keys.legacy_tracking_token(uuid);
    assert_eq!(legacy.len(), 43);
    let legacy_key = heard_api::auth::token_hash(&legacy);
    let row_id = id.clone();
    app.state
        .store
        .read(move |c| {
            use heard_store::schema::inquiries::dsl::*;
            diesel::update(inquiries.find(row_id))
                .set(tracking_token_hash.eq(legacy_key))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    let res = app.get(&format!("/api/v1/track/{legacy}")).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::OK, "the old link");
    let new_form = receipt["tracking_token"].as_str().unwrap();
    let res = app.get(&format!("/api/v1/track/{new_form}")).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::NOT_FOUND);
    // A retry of that submission hands out the link it was first given.
    let again: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(again["tracking_token"], legacy);
    assert_eq!(again["id"], receipt["id"]);
    assert!(again["tracking_url"].as_str().unwrap().ends_with(&legacy));
    assert_eq!(app.inquiry_count(), 1);
}

/// A district whose next reference number cannot be a reference (it was
/// once stored as number 0) refuses the submission as a server fault,
/// logged, showing nothing of it, and stores nothing.
#[tokio::test]
async fn a_number_that_is_no_reference_is_an_error_not_zero() {
    use diesel::prelude::*;
    let app = TestApp::new().await;
    let district = app.fx.district();
    app.state
        .store
        .read(move |c| {
            diesel::update(heard_store::schema::districts::table.find(district))
                .set(heard_store::schema::districts::next_reference.eq(-7))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    let res = app.submit(&app.inquiry_body()).await;
    let p = expect_problem(res, 500, None).await;
    assert!(!p["detail"].as_str().unwrap().contains("-7"), "{p}");
    assert_eq!(app.inquiry_count(), 0);
}
