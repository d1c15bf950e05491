//! The whole journey over real HTTP: a family submits, staff answer and
//! resolve, the family rates, the report counts it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn family_to_staff_to_feedback_to_report() {
    let app = TestApp::new().await;

    // The portal offers the district's topics and units.
    let portal: Value = app.portal().await;
    assert_eq!(portal["district"]["name"], "Testville School District");
    assert_eq!(portal["languages"], json!(["en", "es"]));
    assert_eq!(portal["topics"].as_array().map(Vec::len), Some(2));

    // A family submits; the bus topic routes to Transportation.
    let receipt = app.submit_ok().await;
    assert_eq!(receipt["reference"], "TST-1001");
    assert_eq!(receipt["status"], "new");
    assert_eq!(receipt["team"]["name"], "Transportation");
    assert!(receipt["first_response_due_at"].is_string());
    let token = receipt["tracking_token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    assert_eq!(
        receipt["tracking_url"],
        format!("http://localhost/track/{token}")
    );
    let id = receipt["id"].as_str().unwrap().to_owned();

    // The tracking link shows it, without feedback yet.
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["reference"], "TST-1001");
    assert_eq!(tracked["feedback_open"], false);
    assert_eq!(tracked["messages"], json!([]));

    // The transportation agent sees it in the team inbox.
    let agent = app.login("driver@testville.example").await;
    let inbox: Value = app.get_json("/api/v1/inquiries?view=team", &agent).await;
    assert_eq!(inbox["items"][0]["reference"], "TST-1001");
    assert_eq!(inbox["items"][0]["team"]["name"], "Transportation");

    // Opens the case: routing trace and timeline are there.
    let res = app
        .get(&format!("/api/v1/inquiries/{id}"))
        .bearer_auth(&agent)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let case: Value = res.json().await.unwrap();
    assert_eq!(case["routing"]["rule"], "topic_default");
    assert_eq!(case["requester"]["email"], "maria@example.org");
    let kinds: Vec<(&str, &str)> = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["event"]["type"].as_str().unwrap(),
                e["actor"]["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("created", "system"), ("assigned", "system")]);
    assert_eq!(case["events"][1]["event"]["team"]["name"], "Transportation");
    assert_eq!(case["events"][1]["event"]["rule"], "topic_default");

    // An internal note, then a public reply.
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/messages"))
        .bearer_auth(&agent)
        .json(&json!({ "body": "Checking with dispatch", "internal": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/messages"))
        .bearer_auth(&agent)
        .header("If-Match", "\"2\"")
        .json(&json!({ "body": "Dispatch fixed the route; sorry for the delay." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let case: Value = res.json().await.unwrap();
    assert_eq!(case["status"], "in_progress");
    assert!(case["first_response_at"].is_string());
    assert_eq!(case["version"], 3);

    // Resolve with the current version.
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(&agent)
        .header("If-Match", "\"3\"")
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let case: Value = res.json().await.unwrap();
    assert_eq!(case["status"], "resolved");

    // The family sees the public reply only, and may now rate.
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "resolved");
    assert_eq!(
        tracked["messages"].as_array().map(Vec::len),
        Some(1),
        "internal notes stay internal"
    );
    assert_eq!(tracked["messages"][0]["author"], "staff");
    assert_eq!(
        tracked["messages"][0]["body"],
        "Dispatch fixed the route; sorry for the delay."
    );
    assert_eq!(tracked["feedback_open"], true);

    let feedback = json!({
        "overall": 9,
        "pillars": { "courtesy": 5, "communication": 4, "responsiveness": 5 },
        "recommend": 10,
        "comment": "Thank you!"
    });
    let res = app
        .post(&format!("/api/v1/track/{token}/feedback"))
        .json(&feedback)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(&format!("/api/v1/track/{token}/feedback"))
        .json(&feedback)
        .send()
        .await
        .unwrap();
    expect_problem(res, 409, None).await;
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["feedback_open"], false);
    assert_eq!(tracked["feedback"]["overall"], 9);

    // The admin's report counts it.
    let admin = app.login("admin@testville.example").await;
    let s: Value = app.get_json("/api/v1/reports/summary", &admin).await;
    assert_eq!(s["received"], 1);
    assert_eq!(s["resolved"], 1);
    assert_eq!(s["feedback_count"], 1);
    assert_eq!(s["average_feedback"], 9.0);
    assert_eq!(s["nps"], 100.0);
    assert_eq!(s["pillar_scores"]["communication"], 4.0);
    assert_eq!(s["survey_response_rate_pct"], 100.0);
    assert_eq!(s["first_response"]["count"], 1);
}

#[tokio::test]
async fn a_family_reply_reopens_a_resolved_inquiry_and_closed_is_final() {
    let app = TestApp::new().await;
    let receipt = app.submit_ok().await;
    let (id, token) = (
        receipt["id"].as_str().unwrap(),
        receipt["tracking_token"].as_str().unwrap(),
    );
    let admin = app.login("admin@testville.example").await;
    let set = |status: &'static str, version: i64| {
        app.post(&format!("/api/v1/inquiries/{id}/status"))
            .bearer_auth(&admin)
            .header("If-Match", format!("\"{version}\""))
            .json(&json!({ "status": status }))
    };
    assert_eq!(
        set("resolved", 1).send().await.unwrap().status(),
        StatusCode::OK
    );
    let res = app
        .post(&format!("/api/v1/track/{token}/messages"))
        .json(&json!({ "body": "Still late today." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "in_progress");
    assert_eq!(
        set("resolved", 3).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        set("closed", 4).send().await.unwrap().status(),
        StatusCode::OK
    );
    let res = app
        .post(&format!("/api/v1/track/{token}/messages"))
        .json(&json!({ "body": "Hello?" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 409, None).await;
    // Illegal transition: closing twice.
    expect_problem(set("closed", 5).send().await.unwrap(), 409, None).await;
    assert_eq!(
        set("reopened", 5).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn topics_without_a_team_go_to_the_fallback_and_reassignment_counts_as_reroute() {
    let app = TestApp::new().await;
    let mut body = app.inquiry_body();
    body["topic_id"] = json!(app.fx.other_topic);
    let res = app.submit(&body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["team"]["name"], "Front Office");
    let id = receipt["id"].as_str().unwrap();

    let front = app.login("front@testville.example").await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/assign"))
        .bearer_auth(&front)
        .header("If-Match", "1")
        .json(&json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.driver_agent, "reason": "It is about a bus" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let case: Value = res.json().await.unwrap();
    assert_eq!(case["team"]["name"], "Transportation");
    assert_eq!(case["status"], "assigned");
    assert_eq!(case["assignee"]["id"], app.fx.driver_agent.as_str());

    // The front-office agent no longer sees it; the driver has it in "mine".
    let res = app
        .get(&format!("/api/v1/inquiries/{id}"))
        .bearer_auth(&front)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    let driver = app.login("driver@testville.example").await;
    let mine: Value = app.get_json("/api/v1/inquiries?view=mine", &driver).await;
    assert_eq!(mine["items"].as_array().map(Vec::len), Some(1));

    let admin = app.login("admin@testville.example").await;
    let s: Value = app.get_json("/api/v1/reports/summary", &admin).await;
    assert_eq!(s["misroute_rate_pct"], 100.0);
}
