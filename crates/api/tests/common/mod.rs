//! `TestApp`: the real server on a free 127.0.0.1 port over a fresh database,
//! with a small district to work in.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use diesel::prelude::*;
use heard_api::{app, auth::hash_password, config::Settings, state::AppState};
use heard_domain::api::UnitKind;
use heard_domain::text::Language;
use heard_domain::{DistrictId, Role, StaffId, TeamId, TopicId, UnitId};
use heard_store::rows::*;
use heard_store::sql::{Languages, Roles};
use heard_store::testing::TestDatabase;
use heard_store::{schema, AnyConnection};
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use std::net::TcpListener;

pub const PASSWORD: &str = "correct horse battery";
pub const SLUG: &str = "testville";

/// Ids of the fixture district.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub district_id: String,
    pub front_office: String,
    pub transport_team: String,
    pub bus_topic: String,
    pub other_topic: String,
    pub school: String,
    pub admin: String,
    pub driver_agent: String,
    pub front_agent: String,
}

impl Fixture {
    /// The district's typed id.
    pub fn district(&self) -> DistrictId {
        self.district_id.parse().expect("district id")
    }
}

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub state: AppState,
    pub fx: Fixture,
    _db: TestDatabase,
    server: actix_web::dev::ServerHandle,
    worker: Option<heard_api::work::Worker>,
}

fn now() -> chrono::NaiveDateTime {
    heard_store::clock::now().naive_utc()
}

fn fixture(c: &mut AnyConnection) -> Fixture {
    let hash = hash_password(PASSWORD).expect("hash");
    let district_id = DistrictId::new();
    let (front_office, transport_team) = (TeamId::new(), TeamId::new());
    diesel::insert_into(schema::districts::table)
        .values(&DistrictRow {
            slug: SLUG.into(),
            name: "Testville School District".into(),
            color: "#0b5c7a".into(),
            fallback_team_id: Some(front_office),
            created_at: now(),
            id: district_id,
            ..heard_store::testing::district_row(SLUG)
        })
        .execute(c)
        .expect("district");
    for (tid, name) in [
        (front_office, "Front Office"),
        (transport_team, "Transportation"),
    ] {
        diesel::insert_into(schema::teams::table)
            .values(&TeamRow {
                id: tid,
                district_id,
                name: name.into(),
                created_at: now(),
            })
            .execute(c)
            .expect("team");
    }
    let (bus_topic, other_topic, school) = (TopicId::new(), TopicId::new(), UnitId::new());
    for (tid, name, team, pos) in [
        (bus_topic, "Bus & transportation", Some(transport_team), 0),
        (other_topic, "Something else", None, 1),
    ] {
        diesel::insert_into(schema::topics::table)
            .values(&TopicRow {
                id: tid,
                district_id,
                name: name.into(),
                description: "test".into(),
                default_team_id: team,
                position: pos,
                created_at: now(),
            })
            .execute(c)
            .expect("topic");
    }
    diesel::insert_into(schema::units::table)
        .values(&UnitRow {
            id: school,
            district_id,
            name: "Testville High".into(),
            kind: UnitKind::School,
            created_at: now(),
        })
        .execute(c)
        .expect("unit");
    let (admin, driver_agent, front_agent) = (StaffId::new(), StaffId::new(), StaffId::new());
    for (sid, email, roles, team) in [
        (
            admin,
            "admin@testville.example",
            vec![Role::Admin],
            front_office,
        ),
        (
            driver_agent,
            "driver@testville.example",
            vec![Role::Agent],
            transport_team,
        ),
        (
            front_agent,
            "front@testville.example",
            vec![Role::Agent],
            front_office,
        ),
    ] {
        insert_staff(c, district_id, sid, email, roles, &[team], &hash);
    }
    Fixture {
        district_id: district_id.to_string(),
        front_office: front_office.to_string(),
        transport_team: transport_team.to_string(),
        bus_topic: bus_topic.to_string(),
        other_topic: other_topic.to_string(),
        school: school.to_string(),
        admin: admin.to_string(),
        driver_agent: driver_agent.to_string(),
        front_agent: front_agent.to_string(),
    }
}

/// Stores an active staff member with `roles` in `teams`.
pub fn insert_staff(
    c: &mut AnyConnection,
    district_id: DistrictId,
    id: StaffId,
    email: &str,
    roles: Vec<Role>,
    teams: &[TeamId],
    password_hash: &str,
) {
    diesel::insert_into(schema::staff::table)
        .values(&StaffRow {
            id,
            district_id,
            email: email.into(),
            name: email.split('@').next().unwrap_or("staff").into(),
            password_hash: password_hash.into(),
            roles: Roles(roles),
            languages: Languages(vec![Language::english()]),
            active: true,
            created_at: now(),
        })
        .execute(c)
        .expect("staff");
    for team in teams {
        diesel::insert_into(schema::team_members::table)
            .values(&TeamMemberRow {
                team_id: *team,
                staff_id: id,
            })
            .execute(c)
            .expect("member");
    }
}

impl TestApp {
    /// The messages of `kind` (the start of their file's name, e.g.
    /// `invitation`) written so far to the mail folder for `to`.
    pub fn emailed(&self, kind: &str, to: &str) -> Vec<String> {
        let prefix = format!("{kind}.");
        std::fs::read_dir(&self.state.settings.mail_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|f| f.file_name().to_string_lossy().starts_with(&prefix))
            .filter_map(|f| std::fs::read_to_string(f.path()).ok())
            .filter(|m| m.contains(to))
            .collect()
    }

    pub async fn new() -> Self {
        Self::with_limits(0, 0).await
    }

    pub async fn with_limits(public: u32, sign_in: u32) -> Self {
        Self::configured(|s| {
            s.public_writes_per_minute = public;
            s.sign_in_per_minute = sign_in;
        })
        .await
    }

    /// The app with the tests' settings as `change` leaves them.
    pub async fn configured(change: impl FnOnce(&mut Settings)) -> Self {
        if std::env::var("TEST_LOG").is_ok() {
            heard_api::telemetry::init(false);
        }
        let db = TestDatabase::new();
        let mut settings = Settings {
            database_url: db.url.clone(),
            bind: "127.0.0.1:0".parse().expect("addr"),
            static_dir: std::env::temp_dir().join("heard-no-static"),
            secret: Some("test-secret-test-secret-test-secret-0123".into()),
            public_url: "http://localhost".into(),
            access_token_minutes: 15,
            refresh_token_days: 14,
            log_json: false,
            // Tests fire bursts from one address; `rate_limits` turns limits on.
            public_writes_per_minute: 0,
            sign_in_per_minute: 0,
            write_queue_depth: heard_store::writer::DEFAULT_QUEUE_DEPTH,
            trusted_proxies: Default::default(),
            smtp_url: None,
            mail_from: "no-reply@testville.example".into(),
            mail_dir: std::env::temp_dir()
                .join(format!("heard-mail-{}", uuid::Uuid::new_v4().simple())),
            // Tests that send mail turn the worker on.
            job_workers: 0,
        };
        change(&mut settings);
        let state = app::state(settings).expect("state");
        let fx = state.store.read(|c| Ok(fixture(c))).expect("fixture");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = app::serve(state.clone(), listener).expect("serve");
        let worker = heard_api::work::Worker::start(state.clone()).expect("worker");
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            base: format!("http://127.0.0.1:{port}"),
            client: Client::new(),
            state,
            fx,
            _db: db,
            server: handle,
            worker,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(self.url(path))
    }

    /// The JSON answer to a GET of `path` as the staff member holding `token`.
    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        self.get(path)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.client.delete(self.url(path))
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(self.url(path))
    }

    pub fn put(&self, path: &str) -> RequestBuilder {
        self.client.put(self.url(path))
    }

    /// The district's portal, as a family's browser reads it.
    pub async fn portal(&self) -> Value {
        let res = self
            .get(&format!("/api/v1/districts/{SLUG}/portal"))
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), StatusCode::OK, "the portal");
        res.json().await.expect("json")
    }

    /// A valid submission body for the bus topic.
    pub fn inquiry_body(&self) -> Value {
        json!({
            "kind": "question",
            "topic_id": self.fx.bus_topic,
            "unit_id": self.fx.school,
            "subject": "The bus was late",
            "body": "Route 4 was 20 minutes late this morning.",
            "requester": { "name": "Maria Lopez", "email": "maria@example.org", "role": "parent", "preferred_language": "es" },
            "anonymous": false
        })
    }

    pub async fn submit(&self, body: &Value) -> Response {
        self.post(&format!("/api/v1/districts/{SLUG}/inquiries"))
            .json(body)
            .send()
            .await
            .expect("send")
    }

    /// Submits the standard inquiry and returns the receipt.
    pub async fn submit_ok(&self) -> Value {
        let res = self.submit(&self.inquiry_body()).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.expect("json")
    }

    /// Signs in and returns the access token.
    pub async fn login(&self, email: &str) -> String {
        let res = self
            .post("/api/v1/auth/login")
            .json(&json!({ "district": SLUG, "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), StatusCode::OK, "login {email}");
        let v: Value = res.json().await.expect("json");
        v["access_token"].as_str().expect("token").to_owned()
    }

    /// Adds a Front Office member who holds only `role`, signs them in and
    /// returns the access token.
    pub async fn login_as(&self, role: Role) -> String {
        let email = format!("{}.only@testville.example", role.as_str());
        let (district, front) = (
            self.fx.district(),
            self.fx.front_office.parse().expect("team"),
        );
        let hash = hash_password(PASSWORD).expect("hash");
        let e = email.clone();
        self.state
            .store
            .read(move |c| {
                insert_staff(c, district, StaffId::new(), &e, vec![role], &[front], &hash);
                Ok(())
            })
            .expect("staff");
        self.login(&email).await
    }

    pub fn inquiry_count(&self) -> i64 {
        self.state
            .store
            .read(|c| Ok(schema::inquiries::table.count().get_result::<i64>(c)?))
            .expect("count")
    }

    /// Rows of `table` where `condition` (SQL) holds.
    pub fn count_where(&self, table: &'static str, condition: &'static str) -> i64 {
        self.state
            .store
            .read(move |c| {
                #[derive(QueryableByName)]
                struct N {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                let rows: Vec<N> = diesel::sql_query(format!(
                    "SELECT COUNT(*) AS n FROM {table} WHERE {condition}"
                ))
                .load(c)?;
                Ok(rows.first().map(|r| r.n).unwrap_or(0))
            })
            .expect("count")
    }

    /// The last error recorded on any job.
    pub fn job_error(&self) -> String {
        self.state
            .store
            .read(|c| {
                Ok(schema::jobs::table
                    .filter(schema::jobs::last_error.is_not_null())
                    .select(schema::jobs::last_error)
                    .first::<Option<String>>(c)?)
            })
            .expect("job")
            .unwrap_or_default()
    }

    pub fn table_count(&self, table: &'static str) -> i64 {
        self.state
            .store
            .read(move |c| {
                #[derive(QueryableByName)]
                struct N {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                let rows: Vec<N> =
                    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}")).load(c)?;
                Ok(rows.first().map(|r| r.n).unwrap_or(0))
            })
            .expect("count")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting connections; the runtime ends the rest with the test.
        let handle = self.server.clone();
        drop(handle.stop(false));
        if let Some(w) = self.worker.take() {
            w.stop();
        }
        let _ = std::fs::remove_dir_all(&self.state.settings.mail_dir);
    }
}

impl TestApp {
    /// The tokens of the `n` staff links of `kind` (`invitation`,
    /// `password_reset`) emailed to `to`, each read from the link to
    /// `/staff/{page}/`, once the worker wrote them all.
    pub async fn emailed_links(&self, kind: &str, page: &str, to: &str, n: usize) -> Vec<String> {
        let path = format!("/staff/{page}/");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let mut tokens: Vec<String> = self
                .emailed(kind, to)
                .into_iter()
                .map(|message| {
                    // Quoted-printable may break the long link across lines.
                    let flat = message.replace("=\r\n", "").replace("=\n", "");
                    let at = flat.find(&path).expect("a link to the page");
                    flat[at + path.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect()
                })
                .collect();
            tokens.sort();
            tokens.dedup();
            if tokens.len() >= n {
                assert_eq!(tokens.len(), n, "more {kind} links than sent to {to}");
                return tokens;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no {kind} link reached {to}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

/// The district settings form that changes nothing of settings `s` as read.
pub fn district_form(s: &Value) -> Value {
    json!({
        "name": s["district"]["name"],
        "slug": s["district"]["slug"],
        "time_zone": s["district"]["time_zone"],
        "languages": s["languages"],
        "branding": {
            "tab_labels": s["branding"]["tab_labels"],
            "color": s["branding"]["color"],
            "position": s["branding"]["position"],
        },
        "standard": s["standard"],
        "fallback_team_id": s["fallback_team"]["id"],
        "pillar_standards": s["pillar_standards"],
        "past_due_business_days": s["past_due_business_days"],
        "requester_retention_days": s["requester_retention_days"],
    })
}

/// Asserts a problem+json response naming `field`, returns the body.
pub async fn expect_problem(res: Response, status: u16, field: Option<&str>) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(ct, "application/problem+json");
    let v: Value = res.json().await.expect("json");
    assert_eq!(v["status"].as_u64(), Some(u64::from(status)));
    assert!(v["title"].is_string() && v["type"].is_string());
    if let Some(f) = field {
        let fields: Vec<&str> = v["errors"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
            .unwrap_or_default();
        assert!(fields.contains(&f), "expected an error for {f}, got {v}");
    }
    v
}

/// Sends `req`; answers its status, its `ETag` and its JSON body (null when none).
pub async fn send(req: RequestBuilder) -> (u16, Option<String>, Value) {
    let res = req.send().await.expect("send");
    let status = res.status().as_u16();
    let etag = res
        .headers()
        .get("etag")
        .and_then(|e| e.to_str().ok())
        .map(str::to_owned);
    let body = res.json().await.unwrap_or(Value::Null);
    (status, etag, body)
}
