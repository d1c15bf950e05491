//! Reports follow every change to an inquiry: the summary moves with a
//! reply, a re-route, a resolution and feedback, and at every step equals
//! the metrics definition computed from the inquiries themselves. Runs on
//! SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use chrono::{Duration, Utc};
use common::*;
use heard_domain::metrics::{summarize, ContactHistory, DurationStats, Summary};
use heard_domain::GoalId;
use heard_store::queries::districts;
use heard_store::reports;
use heard_store::reports::facts;
use heard_store::rows::GoalRow;
use heard_store::schema;
use heard_store::testing::assert_same;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The summary of the last 30 days (and `query`) as the API answers it.
async fn summary(app: &TestApp, token: &str, query: &str) -> Summary {
    let res = app
        .get(&format!("/api/v1/reports/summary{query}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    serde_json::from_value(v).expect("a summary")
}

/// The metrics definition over the inquiries of the last 30 days in scope.
fn definition(app: &TestApp, scope: reports::Scope) -> Summary {
    let district = app.fx.district();
    app.state
        .store
        .read(move |c| {
            let now = Utc::now();
            let (from, to) = ((now - Duration::days(30)).naive_utc(), now.naive_utc());
            let calendar = facts::calendar(&districts::by_id(c, district)?)?;
            let inquiries: Vec<_> = reports::inquiries_in_period(c, district, from, to, &scope)?
                .iter()
                .map(|(i, f)| facts::inquiry_facts(i, f.as_ref()))
                .collect::<Result<_, _>>()?;
            let mut history = ContactHistory::default();
            for (keys, at) in reports::contacts_between(c, district, from - Duration::days(30), to)?
            {
                history.record(&facts::contact_keys(&keys), at.and_utc());
            }
            Ok(summarize(&inquiries, history, &calendar, now))
        })
        .expect("definition")
}

/// The district-wide summary, checked against the definition.
async fn checked(app: &TestApp, token: &str, what: &str) -> Summary {
    let got = summary(app, token, "").await;
    assert_same(&got, &definition(app, reports::Scope::default()), what);
    got
}

fn approx(v: Option<f64>, want: f64) -> bool {
    v.is_some_and(|v| (v - want).abs() < 1e-9)
}

/// Posts `body` to a case action with `If-Match`; returns the new version.
async fn act(app: &TestApp, token: &str, id: &str, action: &str, version: i64, body: Value) -> i64 {
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/{action}"))
        .bearer_auth(token)
        .header("If-Match", format!("\"{version}\""))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{action}: {}", res.status());
    let case: Value = res.json().await.unwrap();
    case["version"].as_i64().unwrap()
}

#[tokio::test]
async fn a_reply_a_reroute_a_resolution_and_feedback_move_the_summary() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let driver = app.login("driver@testville.example").await;

    // A family writes about the bus (to Transportation), writes again, and
    // someone else asks about something else (to the Front Office, no school).
    let a = app.submit_ok().await;
    let s = checked(&app, &admin, "one inquiry").await;
    assert_eq!((s.received, s.open, s.resolved), (1, 1, 0));
    assert_eq!(s.first_response.count, 0);
    assert_eq!(s.standard_met_pct, None, "not due yet");
    assert!(approx(s.repeat_contact_rate_pct, 0.0));
    let b = app.submit_ok().await;
    let mut other = app.inquiry_body();
    other["topic_id"] = json!(app.fx.other_topic);
    other["unit_id"] = Value::Null;
    other["requester"]["email"] = json!("ana@example.org");
    let res = app.submit(&other).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let s = checked(&app, &admin, "three inquiries, one a repeat contact").await;
    assert_eq!(s.received, 3);
    assert!(approx(s.repeat_contact_rate_pct, 100.0 / 3.0));
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());

    // An internal note is no answer; a public reply is.
    let v = act(
        &app,
        &driver,
        a_id,
        "messages",
        1,
        json!({ "body": "Asking dispatch", "internal": true }),
    )
    .await;
    let s = checked(&app, &admin, "a note").await;
    assert_eq!(s.first_response.count, 0);
    let v = act(
        &app,
        &driver,
        a_id,
        "messages",
        v,
        json!({ "body": "The route is fixed." }),
    )
    .await;
    let s = checked(&app, &admin, "a reply").await;
    assert_eq!(s.first_response.count, 1);
    assert!(s.first_response.median_hours.is_some_and(|h| h < 0.1));
    assert!(
        approx(s.standard_met_pct, 100.0),
        "answered before it was due"
    );

    // The second inquiry was for the Front Office after all.
    let body = json!({ "team_id": app.fx.front_office, "reason": "Not about a bus" });
    act(&app, &driver, b_id, "assign", 1, body).await;
    let s = checked(&app, &admin, "a re-route").await;
    assert!(approx(s.misroute_rate_pct, 100.0 / 3.0));
    // Team reports follow the inquiry to its new team.
    let front = summary(&app, &admin, &format!("?team_id={}", app.fx.front_office)).await;
    let scope = |team: &str| reports::Scope {
        team_id: Some(team.parse().expect("team id")),
        ..reports::Scope::default()
    };
    assert_same(
        &front,
        &definition(&app, scope(&app.fx.front_office)),
        "front office",
    );
    assert_eq!(front.received, 2);
    assert!(approx(front.misroute_rate_pct, 50.0));
    let buses = summary(&app, &admin, &format!("?team_id={}", app.fx.transport_team)).await;
    assert_same(
        &buses,
        &definition(&app, scope(&app.fx.transport_team)),
        "transportation",
    );
    assert_eq!((buses.received, buses.first_response.count), (1, 1));
    let school = summary(&app, &admin, &format!("?unit_id={}", app.fx.school)).await;
    assert_eq!(school.received, 2);
    let topic = summary(
        &app,
        &admin,
        &format!(
            "?topic_id={}&team_id={}",
            app.fx.other_topic, app.fx.transport_team
        ),
    )
    .await;
    assert_eq!(topic.received, 0);

    // Resolved, then rated by the family.
    let v = act(
        &app,
        &driver,
        a_id,
        "status",
        v,
        json!({ "status": "resolved" }),
    )
    .await;
    let s = checked(&app, &admin, "a resolution").await;
    assert_eq!((s.resolved, s.open), (1, 2));
    assert_eq!(s.resolution.count, 1);
    assert!(approx(s.survey_response_rate_pct, 0.0));
    let token = a["tracking_token"].as_str().unwrap();
    let res = app
        .post(&format!("/api/v1/track/{token}/feedback"))
        .json(&json!({
            "overall": 8,
            "pillars": { "courtesy": 5, "communication": 4, "responsiveness": 3, "environment": 2 },
            "recommend": 6
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let s = checked(&app, &admin, "feedback").await;
    assert_eq!(s.feedback_count, 1);
    assert!(approx(s.average_feedback, 8.0));
    assert!(approx(s.pillar_scores.environment, 2.0));
    assert!(approx(s.nps, -100.0), "6 is a detractor");
    assert!(approx(s.survey_response_rate_pct, 100.0));

    // Reopened by the family's reply and resolved again: it was resolved
    // once, and its resolution time stays the first one.
    let res = app
        .post(&format!("/api/v1/track/{token}/messages"))
        .json(&json!({ "body": "It was late again today." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let again = checked(&app, &admin, "reopened").await;
    assert_eq!(again.resolved, 1);
    assert_eq!(again.resolution, s.resolution);
    // The rating and the reply each changed the case: two versions on.
    act(
        &app,
        &driver,
        a_id,
        "status",
        v + 2,
        json!({ "status": "resolved" }),
    )
    .await;
    let again = checked(&app, &admin, "resolved again").await;
    assert_eq!(again.resolution, s.resolution);

    // A period before anything was received.
    let empty = summary(
        &app,
        &admin,
        "?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z",
    )
    .await;
    assert_eq!(empty.received, 0);
    assert_eq!(
        (
            empty.standard_met_pct,
            empty.average_feedback,
            empty.misroute_rate_pct
        ),
        (None, None, None)
    );
    assert_eq!(empty.first_response, DurationStats::default());
}

#[tokio::test]
async fn goals_show_the_current_value_of_their_metric() {
    let app = TestApp::new().await;
    let answered = app.submit_ok().await;
    app.submit_ok().await;
    let admin = app.login("admin@testville.example").await;
    let id = answered["id"].as_str().unwrap();
    let reply = json!({ "body": "The bus now stops at Elm Street." });
    act(&app, &admin, id, "messages", 1, reply).await;
    let now = Utc::now().naive_utc();
    let goal = GoalRow {
        id: GoalId::new(),
        district_id: app.fx.district(),
        name: "Fewer than 10% repeat contacts".into(),
        metric: "repeat_contact_rate_pct".into(),
        comparison: "at_most".into(),
        target: 10.0,
        period_start: now - Duration::days(100),
        period_end: now + Duration::days(100),
        created_at: now,
        unit_id: None,
        topic_id: None,
        team_id: None,
        version: 1,
    };
    let same_period = GoalRow {
        id: GoalId::new(),
        name: "Nothing re-routed".into(),
        metric: "misroute_rate_pct".into(),
        target: 0.0,
        ..goal.clone()
    };
    // A median: the goals keep only the durations their metrics need.
    let median = GoalRow {
        id: GoalId::new(),
        name: "First responses within a business hour".into(),
        metric: "first_response_business_median_hours".into(),
        target: 1.0,
        ..goal.clone()
    };
    let (from, to) = (goal.period_start.and_utc(), goal.period_end.and_utc());
    app.state
        .store
        .read(move |c| {
            let all = vec![goal, same_period, median];
            heard_store::insert_batch!(c, schema::goals::table, &all)?;
            Ok(())
        })
        .expect("goals");
    let v: Value = app.get_json("/api/v1/goals", &admin).await;
    let items = v["items"].as_array().unwrap();
    let repeat = items
        .iter()
        .find(|g| g["metric"] == "repeat_contact_rate_pct")
        .unwrap();
    assert_eq!(repeat["current"], 50.0);
    assert_eq!(repeat["on_track"], false);
    let misroute = items
        .iter()
        .find(|g| g["metric"] == "misroute_rate_pct")
        .unwrap();
    assert_eq!(misroute["current"], 0.0);
    assert_eq!(misroute["on_track"], true);
    let median = items
        .iter()
        .find(|g| g["metric"] == "first_response_business_median_hours")
        .unwrap();
    let q = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let summary: Value = app
        .get_json(
            &format!(
                "/api/v1/reports/summary?from={}&to={}",
                q(from),
                q(to.min(Utc::now()))
            ),
            &admin,
        )
        .await;
    let want = &summary["first_response_business"]["median_hours"];
    assert!(want.is_number(), "{summary}");
    assert_eq!(&median["current"], want);
}
