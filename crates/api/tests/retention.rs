//! Requester details are erased once the district's retention period has
//! passed: an admin sets the period, and the worker erases the name, email
//! and phone of every inquiry finished and untouched for that long, with an
//! event on its timeline; open and recent inquiries keep theirs, the family's
//! link still opens the inquiry, and the report's figures do not move.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use diesel::prelude::*;
use heard_domain::InquiryId;
use heard_store::schema::inquiries;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Moves the last change of inquiry `id` back by `days`, as time would.
fn age(app: &TestApp, id: &str, days: i64) {
    let id: InquiryId = id.parse().unwrap();
    app.state
        .store
        .read(move |c| {
            let at: chrono::NaiveDateTime = inquiries::table
                .find(id)
                .select(inquiries::updated_at)
                .first(c)?;
            diesel::update(inquiries::table.find(id))
                .set(inquiries::updated_at.eq(at - chrono::Duration::days(days)))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
}

async fn resolve(app: &TestApp, token: &str, id: &str) {
    let case: Value = app
        .get_json(&format!("/api/v1/inquiries/{id}"), token)
        .await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(token)
        .header("If-Match", format!("\"{}\"", case["version"]))
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn set_retention(app: &TestApp, admin: &str, days: Value) -> reqwest::Response {
    let res = app
        .get("/api/v1/admin/districts/current")
        .bearer_auth(admin)
        .send()
        .await
        .unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let mut form = district_form(&res.json().await.unwrap());
    form["requester_retention_days"] = days;
    app.put("/api/v1/admin/districts/current")
        .bearer_auth(admin)
        .header("If-Match", etag)
        .json(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn details_are_erased_after_the_period_and_nothing_else_changes() {
    let app = TestApp::configured(|s| s.job_workers = 1).await;
    let admin = app.login("admin@testville.example").await;
    let receipts: Vec<Value> = [
        app.submit_ok().await,
        app.submit_ok().await,
        app.submit_ok().await,
    ]
    .into();
    let id = |n: usize| receipts[n]["id"].as_str().unwrap().to_owned();
    // Finished long ago; open as long; finished lately.
    resolve(&app, &admin, &id(0)).await;
    age(&app, &id(0), 100);
    age(&app, &id(1), 100);
    resolve(&app, &admin, &id(2)).await;
    age(&app, &id(2), 20);
    // The figures, without the period they are for (the last 30 days from now).
    let figures = |mut s: Value| {
        let o = s.as_object_mut().unwrap();
        o.remove("from");
        o.remove("to");
        s
    };
    let report = figures(app.get_json("/api/v1/reports/summary", &admin).await);

    let res = set_retention(&app, &admin, json!(90)).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let deadline = Instant::now() + Duration::from_secs(20);
    let case = loop {
        let case: Value = app
            .get_json(&format!("/api/v1/inquiries/{}", id(0)), &admin)
            .await;
        if case["requester"]["email"].is_null() {
            break case;
        }
        assert!(
            Instant::now() < deadline,
            "not erased: {}",
            case["requester"]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(case["requester"]["name"], Value::Null);
    assert_eq!(case["requester"]["phone"], Value::Null);
    assert_eq!(
        case["requester"]["role"], "parent",
        "what is not a detail stays"
    );
    assert_eq!(case["subject"], "The bus was late");
    let erased: Vec<&Value> = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"]["type"] == "requester_erased")
        .collect();
    assert_eq!(erased.len(), 1);
    assert_eq!(erased[0]["event"]["retention_days"], 90);
    assert_eq!(erased[0]["actor"]["type"], "system");
    assert_eq!(
        app.count_where("contacts", "1 = 1"),
        2,
        "the erased inquiry's contact keys are gone, the others' kept"
    );

    for n in [1, 2] {
        let kept: Value = app
            .get_json(&format!("/api/v1/inquiries/{}", id(n)), &admin)
            .await;
        assert_eq!(
            kept["requester"]["email"], "maria@example.org",
            "inquiry {n}"
        );
        assert_eq!(kept["requester"]["name"], "Maria Lopez", "inquiry {n}");
    }
    let tracked = app
        .get(&format!(
            "/api/v1/track/{}",
            receipts[0]["tracking_token"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(tracked.status(), 200, "the family's link still opens it");
    let after = figures(app.get_json("/api/v1/reports/summary", &admin).await);
    assert_eq!(after, report, "the figures are those counted before");
    assert_eq!(
        app.count_where("jobs", "kind = 'erase_requesters' AND state = 'done'"),
        1
    );

    // Keeping details for good again asks for nothing.
    let res = set_retention(&app, &admin, Value::Null).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count_where("jobs", "kind = 'erase_requesters'"), 1);
}

#[tokio::test]
async fn a_period_outside_the_bounds_is_refused_and_starts_nothing() {
    let app = TestApp::configured(|s| s.job_workers = 1).await;
    let admin = app.login("admin@testville.example").await;
    for days in [json!(29), json!(3_651), json!("a year")] {
        let res = set_retention(&app, &admin, days).await;
        expect_problem(res, 422, Some("requester_retention_days")).await;
    }
    assert_eq!(app.count_where("jobs", "kind = 'erase_requesters'"), 0);
}
