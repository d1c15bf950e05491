//! Email through a real SMTP server (aiosmtpd, started by each test on
//! 127.0.0.1): what families and staff receive after each change, in their
//! language, threaded; nothing to anonymous families or about notes; a
//! failed delivery retried, a refused one dead until an admin retries it.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mail_parser::MessageParser;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The test SMTP server (`scripts/smtp_sink.py`).
struct Sink {
    dir: PathBuf,
    port: u16,
    child: Child,
}

impl Sink {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let dir =
            std::env::temp_dir().join(format!("heard-sink-{}", uuid::Uuid::new_v4().simple()));
        Self::start_on(dir, port)
    }

    fn start_on(dir: PathBuf, port: u16) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(&dir)
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (scripts/ensure-tools.sh installs it)");
        let mut out = child.stdout.take().expect("stdout");
        let mut line = [0u8; 6];
        std::io::Read::read_exact(&mut out, &mut line)
            .expect("the SMTP sink did not start: is aiosmtpd installed?");
        assert_eq!(&line, b"ready\n");
        Self { dir, port, child }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    fn messages(&self) -> Vec<Vec<u8>> {
        let new = self.dir.join("maildir").join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// Waits until `n` messages have arrived and returns them.
    async fn wait_for(&self, n: usize) -> Vec<Vec<u8>> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > until {
                assert_eq!(got.len(), n, "messages received");
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn refuse(&self, on: bool) {
        let flag = self.dir.join("refuse");
        if on {
            std::fs::write(flag, b"").expect("flag");
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    fn stop(mut self) -> (PathBuf, u16) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (self.dir.clone(), self.port)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn app_sending_to(sink: &Sink) -> TestApp {
    let url = sink.url();
    TestApp::configured(move |s| {
        s.smtp_url = Some(url);
        s.job_workers = 4;
    })
    .await
}

struct Received {
    raw: Vec<u8>,
    subject: String,
    to: String,
    text: String,
    html: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<String> {
        MessageParser::default()
            .parse(&self.raw)
            .and_then(|p| p.header_raw(name).map(|v| v.trim().to_owned()))
    }
}

fn read(raw: &[u8]) -> Received {
    let p = MessageParser::default().parse(raw).expect("a message");
    Received {
        raw: raw.to_vec(),
        subject: p.subject().unwrap_or_default().to_owned(),
        to: p
            .to()
            .and_then(|t| t.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned(),
        text: p.body_text(0).unwrap_or_default().replace("\r\n", "\n"),
        html: p.body_html(0).unwrap_or_default().into_owned(),
    }
}

/// Waits up to `seconds` for `done` to hold, failing with `what` otherwise.
async fn eventually(what: &str, seconds: u64, mut done: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(seconds);
    while !done() {
        assert!(Instant::now() < until, "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until nothing is left to hand on or run.
async fn settled(app: &TestApp) {
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        let busy =
            app.table_count("outbox") + app.count_where("jobs", "state IN ('due', 'running')");
        if busy == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("work did not settle");
}

fn link_in(text: &str) -> String {
    let start = text
        .find("http://localhost/track/")
        .expect("a tracking link");
    text[start..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_owned()
}

#[tokio::test]
async fn a_spanish_family_hears_of_receipt_reply_and_resolution_in_one_thread() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    let receipt = app.submit_ok().await;
    let id = receipt["id"].as_str().unwrap().to_owned();
    let reference = receipt["reference"].as_str().unwrap().to_owned();

    let ack = read(&sink.wait_for(1).await[0]);
    assert_eq!(ack.to, "maria@example.org");
    assert_eq!(ack.subject, format!("[{reference}] The bus was late"));
    assert_eq!(ack.header("Content-Language").as_deref(), Some("es"));
    assert!(
        ack.text
            .contains("Gracias, Maria Lopez. Recibimos su mensaje."),
        "{}",
        ack.text
    );
    assert!(
        ack.text.contains(&format!("la referencia {reference}")),
        "{}",
        ack.text
    );
    assert!(
        ack.text.contains("Puede esperar una respuesta antes del"),
        "{}",
        ack.text
    );
    assert!(ack.html.contains("<html lang=\"es\">"));
    assert!(ack.html.contains("Testville School District"));
    // The link in the message is the family's own.
    let link = link_in(&ack.text);
    assert_eq!(link, receipt["tracking_url"].as_str().unwrap());
    let thread = ack.header("Message-ID").expect("a Message-ID");

    // A note is never sent; the public reply is, in the same thread.
    let agent = app.login("driver@testville.example").await;
    for (body, internal) in [
        ("Checking with dispatch", true),
        ("Dispatch fixed the route.", false),
    ] {
        let res = app
            .post(&format!("/api/v1/inquiries/{id}/messages"))
            .bearer_auth(&agent)
            .json(&json!({ "body": body, "internal": internal }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let reply = read(&sink.wait_for(2).await[1]);
    assert_eq!(reply.subject, format!("Re: [{reference}] The bus was late"));
    assert!(
        reply.text.contains("> Dispatch fixed the route."),
        "{}",
        reply.text
    );
    assert!(!reply.text.contains("Checking with dispatch"));
    assert_eq!(reply.header("In-Reply-To"), Some(thread.clone()));
    assert_eq!(reply.header("References"), Some(thread.clone()));

    // Resolving invites the rating; the link opens the case with feedback open.
    let case = app
        .get_json(&format!("/api/v1/inquiries/{id}"), &agent)
        .await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/status"))
        .bearer_auth(&agent)
        .header("If-Match", format!("\"{}\"", case["version"]))
        .json(&json!({ "status": "resolved" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let resolved = read(&sink.wait_for(3).await[2]);
    assert!(
        resolved.text.contains("Calificar esta atención"),
        "{}",
        resolved.text
    );
    assert_eq!(resolved.header("In-Reply-To"), Some(thread));
    let survey = link_in(&resolved.text);
    assert!(survey.ends_with("#feedback-heading"), "{survey}");
    let token = survey
        .trim_start_matches("http://localhost/track/")
        .trim_end_matches("#feedback-heading");
    let tracked: Value = app
        .get(&format!("/api/v1/track/{token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "resolved");
    assert_eq!(tracked["feedback_open"], true);
    settled(&app).await;
    assert_eq!(
        sink.messages().len(),
        3,
        "one message per thing the family needed to hear"
    );
}

#[tokio::test]
async fn anonymous_families_are_never_written_to() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    let mut body = app.inquiry_body();
    body["anonymous"] = json!(true);
    body["requester"] = json!({ "role": "community" });
    let res = app.submit(&body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = app.login("driver@testville.example").await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/messages"))
        .bearer_auth(&agent)
        .json(&json!({ "body": "We looked into it." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    settled(&app).await;
    assert!(sink.messages().is_empty());
    assert_eq!(
        app.count_where("jobs", "kind = 'mail'"),
        0,
        "no letter was even written"
    );
    assert!(
        app.count_where("jobs", "kind = 'notify' AND state = 'done'") > 0,
        "the events were decided"
    );
}

#[tokio::test]
async fn a_refused_delivery_is_tried_again_and_arrives() {
    let sink = Sink::start();
    sink.refuse(true);
    let app = app_sending_to(&sink).await;
    app.submit_ok().await;
    // The first try is answered 451 and the job waits for its retry.
    eventually("the failed try was not recorded", 20, || {
        app.count_where("jobs", "state = 'due' AND attempts = 1") > 0
    })
    .await;
    let error = app.job_error();
    assert!(error.contains("451"), "{error}");
    sink.refuse(false);
    let got = sink.wait_for(1).await;
    assert!(read(&got[0]).subject.contains("The bus was late"));
    settled(&app).await;
    assert_eq!(
        app.count_where("jobs", "state = 'done' AND attempts = 2"),
        1
    );
}

#[tokio::test]
async fn the_smtp_server_away_for_a_while_loses_nothing() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    let (dir, port) = sink.stop();
    let away = Instant::now();
    for _ in 0..3 {
        app.submit_ok().await;
    }
    // Every try fails while nothing listens.
    eventually("the failed tries were not recorded", 20, || {
        app.count_where("jobs", "state = 'due' AND attempts >= 1") >= 3
    })
    .await;
    // Away for a minute in all.
    tokio::time::sleep(Duration::from_secs(60).saturating_sub(away.elapsed())).await;
    let sink = Sink::start_on(dir, port);
    // The retries, doubling from five seconds, find it back: the longest
    // wait before the one due after a minute is 80 s.
    let until = Instant::now() + Duration::from_secs(90);
    while sink.messages().len() < 3 {
        assert!(
            Instant::now() < until,
            "{} of 3 arrived",
            sink.messages().len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    settled(&app).await;
    assert_eq!(sink.messages().len(), 3);
}

#[tokio::test]
async fn staff_hear_of_a_case_given_to_them_and_bouncing_addresses_get_nothing() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    // The district's admin marks the family's address as bouncing.
    let admin = app.login("admin@testville.example").await;
    let add = |address: &'static str, reason: &'static str| {
        app.post("/api/v1/admin/mail-suppressions")
            .bearer_auth(&admin)
            .json(&json!({ "address": address, "reason": reason }))
            .send()
    };
    let res = add("Maria@Example.org", "bounced: no such mailbox")
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let added: Value = res.json().await.unwrap();
    assert_eq!(added["address"], "maria@example.org");
    let res = add("maria@example.org", "again").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "already there");
    assert_eq!(
        res.json::<Value>().await.unwrap()["reason"],
        "bounced: no such mailbox"
    );
    expect_problem(
        add("not an address", "x").await.unwrap(),
        422,
        Some("address"),
    )
    .await;
    expect_problem(
        add("a@example.org", " ").await.unwrap(),
        422,
        Some("reason"),
    )
    .await;
    let agent = app.login("driver@testville.example").await;
    let res = app
        .post("/api/v1/admin/mail-suppressions")
        .bearer_auth(&agent)
        .json(&json!({ "address": "x@example.org", "reason": "x" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, None).await;
    let list = app
        .get_json("/api/v1/admin/mail-suppressions", &admin)
        .await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    let res = app
        .get(&format!(
            "/api/v1/admin/mail-suppressions?cursor={}",
            "0".repeat(255)
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("cursor")).await;
    for path in [
        "/api/v1/admin/mail-suppressions?cursor=a%00b",
        "/api/v1/admin/mail-suppressions?cursor=%0A",
    ] {
        let res = app.get(path).bearer_auth(&admin).send().await.unwrap();
        expect_problem(res, 422, Some("cursor")).await;
    }
    let res = app
        .delete("/api/v1/admin/mail-suppressions/a%00b@example.org")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;
    let mut body = app.inquiry_body();
    body["topic_id"] = json!(app.fx.other_topic);
    let receipt = app.submit(&body).await.json::<Value>().await.unwrap();
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
    let got = sink.wait_for(1).await;
    let assigned = read(&got[0]);
    assert_eq!(assigned.to, "driver@testville.example");
    assert!(
        assigned.subject.contains("Assigned to you"),
        "{}",
        assigned.subject
    );
    assert!(
        assigned
            .text
            .contains(&format!("http://localhost/staff/inquiries/{id}")),
        "{}",
        assigned.text
    );
    assert!(
        !assigned.text.contains("Route 4"),
        "staff mail carries no family text"
    );
    // Taking a case oneself sends nothing.
    let driver = app.login("driver@testville.example").await;
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/assign"))
        .bearer_auth(&driver)
        .header("If-Match", "2")
        .json(&json!({ "team_id": app.fx.transport_team, "reason": "back to the queue" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post(&format!("/api/v1/inquiries/{id}/assign"))
        .bearer_auth(&driver)
        .header("If-Match", "3")
        .json(&json!({ "team_id": app.fx.transport_team, "assignee_id": app.fx.driver_agent, "reason": "mine" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    settled(&app).await;
    assert_eq!(
        sink.messages().len(),
        1,
        "no acknowledgement to the bouncing address"
    );
}

#[tokio::test]
async fn a_refused_address_leaves_a_dead_job_that_an_admin_sees_and_retries() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    let mut body = app.inquiry_body();
    body["requester"]["email"] = json!("bounce@example.org");
    assert_eq!(app.submit(&body).await.status(), StatusCode::CREATED);
    // 550 is final: dead after one try, not after twelve.
    eventually("the refused job did not die", 20, || {
        app.count_where("jobs", "state = 'dead'") > 0
    })
    .await;
    let admin = app.login("admin@testville.example").await;
    let page = app.get_json("/api/v1/admin/jobs?state=dead", &admin).await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    let job = &items[0];
    assert_eq!(job["kind"], "mail");
    assert_eq!(job["summary"], "acknowledgement to the family");
    assert_eq!(job["attempts"], 1);
    assert!(job["last_error"].as_str().unwrap().contains("550"), "{job}");
    let id = job["id"].as_str().unwrap();

    // Agents see no jobs and retry none.
    let agent = app.login("driver@testville.example").await;
    let res = app
        .get("/api/v1/admin/jobs")
        .bearer_auth(&agent)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, None).await;
    let res = app
        .post(&format!("/api/v1/admin/jobs/{id}/retry"))
        .bearer_auth(&agent)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, None).await;
    let res = app
        .get("/api/v1/admin/jobs?state=stuck")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("state")).await;
    let res = app
        .get("/api/v1/admin/jobs?limit=0")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, Some("limit")).await;
    let res = app
        .post(&format!(
            "/api/v1/admin/jobs/{}/retry",
            uuid::Uuid::new_v4()
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, None).await;

    // The admin's retry runs it again (and the address still refuses it).
    let res = app
        .post(&format!("/api/v1/admin/jobs/{id}/retry"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let retried: Value = res.json().await.unwrap();
    assert_eq!(retried["state"], "due");
    assert_eq!(retried["attempts"], 0);
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let page = app.get_json("/api/v1/admin/jobs?state=dead", &admin).await;
        if page["items"][0]["attempts"] == 1 && page["items"][0]["finished_at"].is_string() {
            break;
        }
        assert!(Instant::now() < until, "the retry did not run: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(sink.messages().is_empty());

    // Only dead jobs are retried: one that was sent is not sent again.
    app.submit_ok().await;
    sink.wait_for(1).await;
    settled(&app).await;
    let done = app.get_json("/api/v1/admin/jobs?state=done", &admin).await;
    let done_id = done["items"][0]["id"].as_str().unwrap().to_owned();
    let res = app
        .post(&format!("/api/v1/admin/jobs/{done_id}/retry"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    expect_problem(res, 409, None).await;
}

/// The value of the series `name{labels}` in a Prometheus text page.
fn series(page: &str, line_start: &str) -> Option<f64> {
    page.lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_jobs_and_emails() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    app.submit_ok().await;
    sink.wait_for(1).await;
    settled(&app).await;
    let res = app.get("/metrics").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    let page = res.text().await.unwrap();
    let at = |s: &str| series(&page, s).unwrap_or_else(|| panic!("no {s} in\n{page}"));
    assert_eq!(at("heard_emails_total{outcome=\"sent\"}"), 1.0);
    assert_eq!(at("heard_emails_total{outcome=\"failed\"}"), 0.0);
    assert_eq!(at("heard_jobs{kind=\"mail\",state=\"done\"}"), 1.0);
    assert_eq!(at("heard_jobs{kind=\"mail\",state=\"dead\"}"), 0.0);
    assert_eq!(at("heard_jobs_oldest_due_age_seconds{kind=\"mail\"}"), 0.0);
    assert_eq!(at("heard_outbox_waiting"), 0.0);
    assert_eq!(
        at("heard_http_requests_total{method=\"POST\",route=\"/api/v1/districts/{district}/inquiries\",status=\"201\"}"),
        1.0
    );
    assert!(at("heard_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/districts/{district}/inquiries\",status=\"201\"}") >= 1.0);
    assert!(at("heard_writer_batch_size_count") >= 1.0);
    assert!(at("heard_writer_queue_depth") >= 0.0);
    assert!(at("process_resident_memory_bytes") > 1e6);
    // Ids never make series of their own.
    let tracked = app
        .get(&format!("/api/v1/track/{}", "x".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(tracked.status(), StatusCode::NOT_FOUND);
    let page = app
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("route=\"/api/v1/track/{token}\""), "{page}");
    assert!(!page.contains("xxxxxxxx"));
}

#[tokio::test]
async fn a_district_with_a_key_signs_what_it_sends() {
    let sink = Sink::start();
    let app = app_sending_to(&sink).await;
    let district = app.fx.district();
    app.state
        .store
        .read(move |c| {
            heard_store::queries::mail::set_signing(
                c,
                &heard_store::rows::DistrictMailRow {
                    district_id: district,
                    dkim_domain: "testville.example".into(),
                    dkim_selector: "heard".into(),
                    dkim_private_key: "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=".into(),
                    updated_at: heard_store::clock::now().naive_utc(),
                },
            )
        })
        .expect("signing");
    app.submit_ok().await;
    let got = read(&sink.wait_for(1).await[0]);
    let signature = got.header("DKIM-Signature").expect("signed");
    assert!(signature.contains("d=testville.example"), "{signature}");
    assert!(signature.contains("s=heard"), "{signature}");
}
