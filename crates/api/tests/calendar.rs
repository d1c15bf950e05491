//! The business calendar over HTTP: an admin reads it and replaces it with
//! `If-Match`, with lunch breaks and school breaks; every problem is named
//! and changes nothing; a change that moves business time is counted again
//! into the due times and report facts of the inquiries already there.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use common::*;
use heard_domain::api::CalendarForm;
use heard_domain::calendar::form::calendar_change;
use heard_domain::InquiryId;
use reqwest::Response;
use serde_json::{json, Value};
use std::time::Instant;

const CALENDAR: &str = "/api/v1/admin/calendar";

async fn app() -> TestApp {
    TestApp::configured(|s| s.job_workers = 2).await
}

async fn calendar(app: &TestApp, token: &str) -> Value {
    app.get_json(CALENDAR, token).await
}

async fn put(app: &TestApp, token: &str, version: Option<i64>, body: &Value) -> Response {
    let mut req = app.put(CALENDAR).bearer_auth(token).json(body);
    if let Some(v) = version {
        req = req.header("If-Match", format!("\"{v}\""));
    }
    req.send().await.unwrap()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

/// Recomputes asked for by a change: not the follow-ups a walk leaves
/// for its rest, which hold where it got to or since when.
fn recompute_jobs(app: &TestApp) -> i64 {
    app.count_where(
        "jobs",
        "kind = 'recompute_calendar' AND payload LIKE '%\"since\":null,\"after\":null}'",
    )
}

#[tokio::test]
async fn an_admin_sets_lunch_breaks_and_school_breaks() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let first = calendar(&app, &admin).await;
    assert_eq!(first["version"], 1);
    assert_eq!(first["time_zone"], "America/Chicago");
    assert_eq!(first["business_day_minutes"], 510);
    assert_eq!(
        first["weekly_hours"]["mon"],
        json!([{"opens": "08:00", "closes": "16:30"}])
    );
    assert_eq!(first["weekly_hours"]["sat"], json!([]));
    assert_eq!(first["closures"], json!([]));

    let split =
        json!([{"opens": "08:00", "closes": "12:00"}, {"opens": "13:00", "closes": "16:30"}]);
    let body = json!({
        "weekly_hours": {"mon": split, "tue": split, "wed": split, "thu": split, "fri": [{"opens": "08:00", "closes": "12:00"}]},
        "closures": [
            {"name": " Winter break ", "first_day": "2026-12-21", "last_day": "2027-01-01"},
            {"name": "Thanksgiving", "first_day": "2026-11-26", "last_day": "2026-11-27"},
        ],
    });
    let res = put(&app, &admin, Some(1), &body).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let after: Value = res.json().await.unwrap();
    assert_eq!(after["version"], 2);
    assert_eq!(after["business_day_minutes"], 450);
    assert_eq!(after["weekly_hours"]["mon"], split);
    assert_eq!(after["weekly_hours"]["sun"], json!([]));
    assert_eq!(after["closures"][0]["name"], "Thanksgiving");
    assert_eq!(after["closures"][1]["name"], "Winter break");
    assert_eq!(after["recomputing"], true);
    assert_eq!(calendar(&app, &admin).await, after);
    // The district's standard now counts in the calendar's longest day.
    let settings = app
        .get_json("/api/v1/admin/districts/current", &admin)
        .await;
    assert_eq!(settings["business_day_minutes"], 450);

    let log = app
        .get_json("/api/v1/admin/audit?resource=calendar", &admin)
        .await;
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "updated");
    assert_eq!(entry["before"]["business_day_minutes"], 510);
    assert_eq!(entry["after"]["closures"][1]["last_day"], "2027-01-01");

    // Renaming a break moves no business time: nothing to count again.
    let jobs = recompute_jobs(&app);
    let mut renamed = body.clone();
    renamed["closures"][0]["name"] = json!("Winter recess");
    assert_eq!(put(&app, &admin, Some(2), &renamed).await.status(), 200);
    assert_eq!(recompute_jobs(&app), jobs);
}

#[tokio::test]
async fn a_stale_missing_or_bad_calendar_is_refused_and_changes_nothing() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let before = calendar(&app, &admin).await;
    let good = json!({"weekly_hours": {"mon": [{"opens": "09:00", "closes": "17:00"}]}});

    let res = put(&app, &admin, None, &good).await;
    expect_problem(res, 428, None).await;
    let res = put(&app, &admin, Some(7), &good).await;
    expect_problem(res, 412, None).await;

    let bad = json!({
        "weekly_hours": {
            "mon": [{"opens": "8am", "closes": "12:00"}, {"opens": "13:00", "closes": "12:30"}],
            "tue": [{"opens": "08:00", "closes": "12:00"}, {"opens": "11:00", "closes": "14:00"}],
        },
        "closures": [
            {"name": "", "first_day": "2026-11-26", "last_day": "2026-11-26"},
            {"name": "Backwards", "first_day": "2026-12-02", "last_day": "2026-12-01"},
            {"name": "Too long", "first_day": "2026-01-01", "last_day": "2027-06-01"},
        ],
    });
    let res = put(&app, &admin, Some(1), &bad).await;
    let problem = expect_problem(res, 422, None).await;
    assert_eq!(
        fields(&problem),
        [
            "weekly_hours.mon[0].opens",
            "weekly_hours.mon[1].opens",
            "weekly_hours.tue[1].opens",
            "closures[0].name",
            "closures[1].first_day",
            "closures[2].last_day",
        ]
    );
    let closed = json!({"weekly_hours": {}});
    let problem = expect_problem(put(&app, &admin, Some(1), &closed).await, 422, None).await;
    assert_eq!(fields(&problem), ["weekly_hours"]);
    let res = put(
        &app,
        &admin,
        Some(1),
        &json!({"weekly_hours": {"mon": []}, "holidays": []}),
    )
    .await;
    expect_problem(res, 422, Some("holidays")).await;
    let res = put(&app, &admin, Some(1), &json!({"weekly_hours": {"mon": []}, "closures": [{"name": "X", "first_day": "26/11/2026", "last_day": "2026-11-26"}]})).await;
    expect_problem(res, 422, Some("closures[0].first_day")).await;

    assert_eq!(calendar(&app, &admin).await, before);
    assert_eq!(app.count_where("audit_log", "resource = 'calendar'"), 0);
    assert_eq!(recompute_jobs(&app), 0);
}

#[tokio::test]
async fn only_admins_read_or_change_the_calendar() {
    let app = app().await;
    let agent = app.login("driver@testville.example").await;
    let res = app.get(CALENDAR).bearer_auth(&agent).send().await.unwrap();
    expect_problem(res, 403, None).await;
    let body = json!({"weekly_hours": {"mon": [{"opens": "09:00", "closes": "17:00"}]}});
    expect_problem(put(&app, &agent, Some(1), &body).await, 403, None).await;
    assert_eq!(app.get(CALENDAR).send().await.unwrap().status(), 401);
}

/// The inquiry's due times as staff see them.
async fn due_times(app: &TestApp, token: &str, id: &str) -> (String, String) {
    let case = app
        .get_json(&format!("/api/v1/inquiries/{id}"), token)
        .await;
    (
        case["first_response_due_at"].as_str().unwrap().to_owned(),
        case["resolution_due_at"].as_str().unwrap().to_owned(),
    )
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn parse(t: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn a_new_calendar_moves_due_times_and_report_facts() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let agent = app.login("driver@testville.example").await;
    let open = app.submit_ok().await["id"].as_str().unwrap().to_owned();
    let answered = app.submit_ok().await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(&format!("/api/v1/inquiries/{answered}/messages"))
        .bearer_auth(&agent)
        .json(&json!({ "body": "We are looking into the route." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let case: Value = res.json().await.unwrap();
    let replied_at = parse(&case["first_response_at"]);
    let before = due_times(&app, &agent, &open).await;

    // The district closes from yesterday for two weeks, and keeps hours on
    // Saturday mornings.
    let today = Utc::now()
        .with_timezone(&"America/Chicago".parse::<Tz>().unwrap())
        .date_naive();
    let body = json!({
        "weekly_hours": {
            "mon": [{"opens": "08:00", "closes": "16:30"}],
            "tue": [{"opens": "08:00", "closes": "16:30"}],
            "wed": [{"opens": "08:00", "closes": "16:30"}],
            "thu": [{"opens": "08:00", "closes": "16:30"}],
            "fri": [{"opens": "08:00", "closes": "16:30"}],
            "sat": [{"opens": "09:00", "closes": "12:00"}],
        },
        "closures": [{"name": "Emergency closure", "first_day": today - Duration::days(1), "last_day": today + Duration::days(13)}],
    });
    let res = put(&app, &admin, Some(1), &body).await;
    assert_eq!(res.status(), 200);
    let form: CalendarForm = serde_json::from_value(body).unwrap();
    let cal = calendar_change(&form)
        .unwrap()
        .calendar("America/Chicago")
        .unwrap();

    // What the new calendar makes of each inquiry, from when it came.
    let district = app.fx.district();
    let created = |id: &str| {
        let id: InquiryId = id.parse().unwrap();
        app.state
            .store
            .read(move |c| {
                Ok(heard_store::queries::inquiries::by_id(c, district, id)?
                    .created_at
                    .and_utc())
            })
            .unwrap()
    };
    let open_at = created(&open);
    let expected = (
        rfc3339(cal.add_business_minutes(open_at, 510)),
        rfc3339(cal.add_business_minutes(open_at, 2550)),
    );
    assert_ne!(expected, before);
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    while due_times(&app, &agent, &open).await != expected {
        assert!(
            Instant::now() < deadline,
            "due times were not counted again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (first_due, _) = expected;
    assert!(parse(&json!(first_due)) > Utc::now() + Duration::days(12));

    // The report facts follow: the open one's due time, and the answered
    // one's business time to its answer, none of it open.
    let fact = |id: &str| {
        let id: InquiryId = id.parse().unwrap();
        app.state
            .store
            .read(move |c| Ok(heard_store::reports::fact(c, id)?.unwrap()))
            .unwrap()
    };
    assert_eq!(
        fact(&open)
            .first_response_due_at
            .map(|t| rfc3339(t.and_utc())),
        Some(first_due)
    );
    let answered_fact = fact(&answered);
    let answered_at = created(&answered);
    assert_eq!(
        answered_fact.first_response_business_seconds,
        Some(cal.business_minutes_between(answered_at, replied_at) * 60)
    );
    assert_eq!(answered_fact.first_response_business_seconds, Some(0));
    assert_eq!(answered_fact.first_response_on_time, Some(true));
    // Still counting, until a last pass covers what servers took in on a
    // copy of the old calendar.
    assert_eq!(calendar(&app, &admin).await["recomputing"], true);
}

#[tokio::test]
async fn a_new_time_zone_counts_due_times_again() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let res = app
        .get("/api/v1/admin/districts/current")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let s: Value = res.json().await.unwrap();
    let mut form = district_form(&s);
    form["time_zone"] = json!("America/New_York");
    let res = app
        .put("/api/v1/admin/districts/current")
        .bearer_auth(&admin)
        .header("If-Match", etag)
        .json(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(recompute_jobs(&app), 1);
    assert_eq!(
        calendar(&app, &admin).await["time_zone"],
        "America/New_York"
    );
}

const BOARD_CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Testville//Board//EN\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260801T000000Z\r\nDTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:Winter break\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260801T000000Z\r\nDTSTART:20260915T180000Z\r\nDTEND:20260915T200000Z\r\nSUMMARY:Board meeting\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[tokio::test]
async fn an_admin_reads_the_closures_of_a_calendar_file_and_saves_them() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    let before = calendar(&app, &admin).await;
    let res = app
        .post(&format!("{CALENDAR}/import"))
        .bearer_auth(&admin)
        .header("Content-Type", "text/calendar")
        .body(BOARD_CALENDAR)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let found: Value = res.json().await.unwrap();
    assert_eq!(
        found["closures"],
        json!([{"name": "Winter break", "first_day": "2026-12-21", "last_day": "2027-01-01"}])
    );
    assert_eq!(
        found["skipped"],
        json!([{"summary": "Board meeting", "first_day": "2026-09-15", "reason": "timed"}])
    );
    // Nothing is stored until the calendar is saved with them.
    assert_eq!(calendar(&app, &admin).await, before);
    let mut form = json!({
        "weekly_hours": before["weekly_hours"],
        "closures": before["closures"],
    });
    form["closures"]
        .as_array_mut()
        .unwrap()
        .extend(found["closures"].as_array().unwrap().iter().cloned());
    let version = before["version"].as_i64();
    let res = put(&app, &admin, version, &form).await;
    assert_eq!(res.status(), 200);
    let after: Value = res.json().await.unwrap();
    assert!(after["closures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "Winter break" && c["last_day"] == "2027-01-01"));
}

#[tokio::test]
async fn a_file_that_is_no_calendar_is_refused_at_the_body() {
    let app = app().await;
    let admin = app.login("admin@testville.example").await;
    for body in [
        b"name,first_day\nWinter break,2026-12-21\n".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x42],
        Vec::new(),
    ] {
        let res = app
            .post(&format!("{CALENDAR}/import"))
            .bearer_auth(&admin)
            .header("Content-Type", "text/calendar")
            .body(body)
            .send()
            .await
            .unwrap();
        let problem = expect_problem(res, 422, Some("body")).await;
        assert_eq!(problem["errors"][0]["code"], "invalid_format");
    }
    let res = app
        .post(&format!("{CALENDAR}/import"))
        .bearer_auth(&admin)
        .header("Content-Type", "text/calendar")
        .body("X".repeat(300 * 1024))
        .send()
        .await
        .unwrap();
    expect_problem(res, 413, None).await;
    let agent = app.login("driver@testville.example").await;
    for token in [agent, app.login_as(heard_domain::Role::Analyst).await] {
        let res = app
            .post(&format!("{CALENDAR}/import"))
            .bearer_auth(&token)
            .body(BOARD_CALENDAR)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
}
