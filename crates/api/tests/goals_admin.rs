//! Strategic goals over HTTP, as a district's admin sets them: a metric, a
//! target within the metric's range, a period of the district's days, for
//! the district or one school, topic or team; changed with `If-Match`,
//! every change audited, and reported on `GET /goals` within its scope.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::*;
use heard_domain::Role;
use serde_json::{json, Value};

const GOALS: &str = "/api/v1/admin/goals";

fn goal(name: &str) -> Value {
    json!({
        "name": name,
        "metric": "standard_met_pct",
        "comparison": "at_least",
        "target": 90,
        "first_day": "2026-08-01",
        "last_day": "2027-06-30"
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
async fn an_admin_sets_changes_and_removes_a_goal() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (status, etag, made) = send(
        app.post(GOALS)
            .bearer_auth(&admin)
            .json(&goal(" 90% answered on time ")),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(etag.as_deref(), Some("\"1\""));
    assert_eq!(made["name"], "90% answered on time");
    assert_eq!(made["first_day"], "2026-08-01");
    assert_eq!(made["last_day"], "2027-06-30");
    assert!(made["unit"].is_null() && made["topic"].is_null() && made["team"].is_null());
    let id = made["id"].as_str().unwrap().to_owned();
    let path = format!("{GOALS}/{id}");
    let (status, _, read) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!((status, &read), (200, &made));

    // For one team now, with a lower target; the old version is refused.
    let mut change = goal("90% answered on time");
    change["team_id"] = json!(app.fx.transport_team);
    change["target"] = json!(85.5);
    let (status, _, changed) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&change),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["team"]["id"], app.fx.transport_team.as_str());
    assert_eq!(changed["target"], 85.5);
    let (status, _, _) = send(
        app.put(&path)
            .bearer_auth(&admin)
            .header("If-Match", "\"1\"")
            .json(&goal("Stale")),
    )
    .await;
    assert_eq!(status, 412);
    let (status, _, _) = send(app.put(&path).bearer_auth(&admin).json(&change)).await;
    assert_eq!(status, 428);

    // The team it measures stays while it does.
    let team = app
        .get_json(
            &format!("/api/v1/admin/teams/{}", app.fx.transport_team),
            &admin,
        )
        .await;
    let (status, _, kept) = send(
        app.delete(&format!("/api/v1/admin/teams/{}", app.fx.transport_team))
            .bearer_auth(&admin)
            .header("If-Match", format!("\"{}\"", team["version"])),
    )
    .await;
    assert_eq!(status, 409, "{kept}");
    assert!(
        kept["detail"]
            .as_str()
            .unwrap()
            .contains("1 strategic goals are for it"),
        "{kept}"
    );

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
            &format!("/api/v1/admin/audit?resource=goal&resource_id={id}"),
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
    assert_eq!(log["items"][1]["changed"], json!(["target", "team"]));
}

#[tokio::test]
async fn a_goal_reports_only_what_it_is_for() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    // Two inquiries: one on the bus topic, one on the other.
    let mut bus = app.inquiry_body();
    bus["topic_id"] = json!(app.fx.bus_topic);
    assert_eq!(app.submit(&bus).await.status(), 201);
    let mut other = app.inquiry_body();
    other["topic_id"] = json!(app.fx.other_topic);
    assert_eq!(app.submit(&other).await.status(), 201);
    let today = chrono::Utc::now().date_naive();
    let period = |g: &mut Value| {
        g["metric"] = json!("repeat_contact_rate_pct");
        g["comparison"] = json!("at_most");
        g["target"] = json!(10);
        g["first_day"] = json!((today - chrono::Duration::days(2)).to_string());
        g["last_day"] = json!((today + chrono::Duration::days(2)).to_string());
    };
    let mut district = goal("District repeat contacts");
    period(&mut district);
    let mut on_bus = goal("Bus repeat contacts");
    period(&mut on_bus);
    on_bus["topic_id"] = json!(app.fx.bus_topic);
    for g in [&district, &on_bus] {
        let (status, _, body) = send(app.post(GOALS).bearer_auth(&admin).json(g)).await;
        assert_eq!(status, 201, "{body}");
    }
    let report = app.get_json("/api/v1/goals", &admin).await;
    let by_name = |name: &str| {
        report["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .cloned()
            .unwrap()
    };
    let (d, b) = (
        by_name("District repeat contacts"),
        by_name("Bus repeat contacts"),
    );
    assert!(d["topic_id"].is_null());
    assert_eq!(b["topic_id"], app.fx.bus_topic.as_str());
    // The same family wrote twice: the second of the district's two is a
    // repeat; the bus topic's only inquiry is the first, and is not.
    assert_eq!(d["current"], 50.0, "{d}");
    assert_eq!(b["current"], 0.0, "{b}");
    assert_eq!(
        (d["on_track"].clone(), b["on_track"].clone()),
        (json!(false), json!(true))
    );
}

#[tokio::test]
async fn a_goal_with_bad_fields_names_every_one_and_changes_nothing() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let before = app.table_count("goals");
    let audited = app.table_count("audit_log");
    let (status, _, problem) = send(app.post(GOALS).bearer_auth(&admin).json(&json!({
        "name": "",
        "metric": "happiness",
        "comparison": "about",
        "target": 5,
        "first_day": "2027-07-01",
        "last_day": "2027-06-30",
        "unit_id": app.fx.school,
        "topic_id": app.fx.bus_topic
    })))
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        fields(&problem),
        [
            ("name", "required"),
            ("metric", "invalid_choice"),
            ("comparison", "invalid_choice"),
            ("first_day", "empty_period"),
            ("topic_id", "must_be_empty")
        ]
    );
    let mut nps = goal("Promoters");
    nps["metric"] = json!("nps");
    nps["target"] = json!(-150);
    let mut unknown = goal("Somewhere else");
    unknown["unit_id"] = json!("01a23e86-96df-716c-aef1-9dbcf319e36a");
    let mut long = goal("A long plan");
    long["last_day"] = json!("2032-08-01");
    let mut bad_day = goal("Bad day");
    bad_day["first_day"] = json!("2026-02-30");
    let mut text = goal("Text");
    text["target"] = json!("ninety");
    for (body, field, code) in [
        (nps, "target", "out_of_range"),
        (unknown, "unit_id", "unknown"),
        (long, "last_day", "too_many_days"),
        (bad_day, "first_day", "invalid_format"),
        (text, "target", "wrong_type"),
    ] {
        let (status, _, problem) = send(app.post(GOALS).bearer_auth(&admin).json(&body)).await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(fields(&problem)[0], (field, code), "{problem}");
    }
    let (status, _, problem) =
        send(app.get(&format!("{GOALS}?cursor=nope")).bearer_auth(&admin)).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(app.table_count("goals"), before);
    assert_eq!(app.table_count("audit_log"), audited);
}

#[tokio::test]
async fn only_admins_see_or_change_the_goals() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    let (_, _, made) = send(
        app.post(GOALS)
            .bearer_auth(&admin)
            .json(&goal("Only admins")),
    )
    .await;
    let path = format!("{GOALS}/{}", made["id"].as_str().unwrap());
    for role in [Role::Agent, Role::Analyst, Role::Lead] {
        let token = app.login_as(role).await;
        for req in [
            app.get(GOALS),
            app.post(GOALS).json(&goal("Mine")),
            app.get(&path),
            app.put(&path)
                .header("If-Match", "\"1\"")
                .json(&goal("Mine")),
            app.delete(&path).header("If-Match", "\"1\""),
        ] {
            let (status, _, body) = send(req.bearer_auth(&token)).await;
            assert_eq!(status, 403, "{role:?}: {body}");
        }
    }
    let (status, _, _) = send(app.get(GOALS)).await;
    assert_eq!(status, 401);
    let (_, etag, unchanged) = send(app.get(&path).bearer_auth(&admin)).await;
    assert_eq!((etag.as_deref(), &unchanged), (Some("\"1\""), &made));
}

#[tokio::test]
async fn the_list_comes_a_page_at_a_time_by_name() {
    let app = TestApp::new().await;
    let admin = app.login("admin@testville.example").await;
    for name in ["Net promoter", "Answered on time", "Fewer repeats"] {
        let (status, _, body) = send(app.post(GOALS).bearer_auth(&admin).json(&goal(name))).await;
        assert_eq!(status, 201, "{body}");
    }
    let first = app.get_json(&format!("{GOALS}?limit=2"), &admin).await;
    let next = first["next_cursor"].as_str().unwrap();
    let second = app
        .get_json(&format!("{GOALS}?limit=2&cursor={next}"), &admin)
        .await;
    let names: Vec<&str> = [&first, &second]
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap())
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Answered on time", "Fewer repeats", "Net promoter"]);
    assert!(second["next_cursor"].is_null());
}
