//! Fresh, throwaway databases for tests on either backend.
//!
//! `HEARD_TEST_DATABASE_URL` unset: a new SQLite file per test. Set to a
//! PostgreSQL server URL: a new database per test on that server, dropped
//! afterwards. A server that cannot be reached fails the test, never skips it.

use crate::conn::AnyConnection;
use crate::conn::{Backend, DatabaseUrl};
use crate::rows::{DistrictRow, InquiryRow, TeamRow, TopicRow};
use crate::sql::Languages;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use heard_domain::api::TabPosition;
use heard_domain::api::ValidInquiry;
use heard_domain::case::{Arrival, Case};
use heard_domain::metrics::{DurationStats, Summary};
use heard_domain::routing::RoutingTrace;
use heard_domain::text::Language;
use heard_domain::{
    Channel, DistrictId, InquiryId, Kind, Priority, RequesterRole, Status, TeamId, TopicId,
};
use heard_domain::{StaffRef, TeamRef, TopicRef};

/// A district with slug `slug` and a fresh id, open weekdays 8:00–16:30 in
/// Chicago, answering in English and Spanish, numbering from 1001.
pub fn district_row(slug: &str) -> DistrictRow {
    DistrictRow {
        id: DistrictId::new(),
        slug: slug.into(),
        name: "Test District".into(),
        reference_prefix: "TST".into(),
        time_zone: "America/Chicago".into(),
        languages: Languages(vec![
            Language::english(),
            Language::parse("es").expect("es"),
        ]),
        tab_label: "Contact us".into(),
        color: "#1a4480".into(),
        first_response_minutes: 510,
        resolution_minutes: 2550,
        fallback_team_id: None,
        next_reference: 1001,
        created_at: crate::clock::now().naive_utc(),
        tab_labels: r#"{"en":"Contact us","es":"Contáctenos"}"#.into(),
        tab_position: TabPosition::BottomRight,
        pillar_standards: "{}".into(),
        past_due_business_days: 5,
        requester_retention_days: None,
        version: 1,
        weekly_hours: serde_json::to_string(&heard_domain::api::WeeklyHours::school_office())
            .expect("weekly hours"),
        closures: "[]".into(),
        calendar_version: 1,
        logo: None,
    }
}

/// A test district and the team and topic [`insert_district`] stores with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestDistrict {
    /// The district.
    pub id: DistrictId,
    /// Its one team, "Front Office".
    pub team: TeamId,
    /// Its one topic, "Transportation", which goes to that team.
    pub topic: TopicId,
}

impl TestDistrict {
    /// The district `id` with the team and topic ids it is stored with
    /// (derived from its own, so a test can name them before storing it).
    pub const fn of(id: DistrictId) -> Self {
        let n = id.0.as_u128();
        Self {
            id,
            team: TeamId(uuid::Uuid::from_u128(n ^ 1)),
            topic: TopicId(uuid::Uuid::from_u128(n ^ 2)),
        }
    }

    /// A district numbered `n`, for tests that name their districts.
    pub const fn numbered(n: u128) -> Self {
        Self::of(DistrictId(uuid::Uuid::from_u128(
            0x0193_0000_0000_7000_8000_0000_0000_0000 | (n << 8),
        )))
    }
}

/// Stores `district` with one team and one topic that goes to it.
pub fn insert_district(
    c: &mut AnyConnection,
    district: DistrictRow,
) -> diesel::QueryResult<TestDistrict> {
    let (id, at) = (district.id, district.created_at);
    let ids = TestDistrict::of(id);
    crate::insert_batch!(&mut *c, crate::schema::districts::table, &district)?;
    let team = TeamRow {
        id: ids.team,
        district_id: id,
        name: "Front Office".into(),
        created_at: at,
    };
    crate::insert_batch!(&mut *c, crate::schema::teams::table, &team)?;
    let topic = TopicRow {
        id: ids.topic,
        district_id: id,
        name: "Transportation".into(),
        description: String::new(),
        default_team_id: Some(team.id),
        position: 0,
        created_at: at,
    };
    crate::insert_batch!(&mut *c, crate::schema::topics::table, &topic)?;
    Ok(ids)
}

/// A new question of `district` (stored with [`insert_district`]) with
/// reference `number`, received at `at`, with no due times.
pub fn inquiry_row(district: &TestDistrict, number: i64, at: NaiveDateTime) -> InquiryRow {
    let id = InquiryId::new();
    InquiryRow {
        id,
        district_id: district.id,
        reference_number: number,
        reference: format!("TST-{number}"),
        kind: Kind::Question,
        channel: Channel::Portal,
        status: Status::New,
        priority: Priority::Normal,
        topic_id: district.topic,
        unit_id: None,
        team_id: district.team,
        assignee_id: None,
        subject: "Bus stop".into(),
        body: "When does the bus come?".into(),
        requester_name: None,
        requester_email: None,
        requester_phone: None,
        requester_role: RequesterRole::Parent,
        requester_language: Language::english(),
        anonymous: false,
        contact_keys: String::new(),
        tracking_token_hash: id.to_string(),
        routing_rule: "topic_default".into(),
        routing_reason: "topic default".into(),
        rerouted: false,
        version: 1,
        created_at: at,
        updated_at: at,
        first_response_due_at: None,
        resolution_due_at: None,
        first_response_at: None,
        resolved_at: None,
        recorded_by_id: None,
        confidential: false,
        first_response_minutes: None,
        resolution_minutes: None,
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Asserts that two computations of a summary agree: equal counts, and
/// figures within 1e-9 (they add up in different orders).
///
/// # Panics
/// When they differ, naming `what`.
pub fn assert_same(got: &Summary, want: &Summary, what: &str) {
    let d = |a: &DurationStats, b: &DurationStats| {
        a.count == b.count
            && close(a.median_hours, b.median_hours)
            && close(a.p90_hours, b.p90_hours)
    };
    let p = (&got.pillar_scores, &want.pillar_scores);
    let same = got.received == want.received
        && got.open == want.open
        && got.resolved == want.resolved
        && got.feedback_count == want.feedback_count
        && d(&got.first_response, &want.first_response)
        && d(&got.first_response_business, &want.first_response_business)
        && d(&got.resolution, &want.resolution)
        && d(&got.resolution_business, &want.resolution_business)
        && close(got.standard_met_pct, want.standard_met_pct)
        && close(got.average_feedback, want.average_feedback)
        && close(p.0.courtesy, p.1.courtesy)
        && close(p.0.communication, p.1.communication)
        && close(p.0.responsiveness, p.1.responsiveness)
        && close(p.0.environment, p.1.environment)
        && close(got.nps, want.nps)
        && close(got.survey_response_rate_pct, want.survey_response_rate_pct)
        && close(got.repeat_contact_rate_pct, want.repeat_contact_rate_pct)
        && close(got.misroute_rate_pct, want.misroute_rate_pct);
    assert!(
        same,
        "{what}:\n  computed:   {got:?}\n  definition: {want:?}"
    );
}

/// A database that disappears when dropped.
pub struct TestDatabase {
    /// Where it is.
    pub url: DatabaseUrl,
    /// The raw URL, for `HEARD_DATABASE_URL`.
    pub raw: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// Creates a fresh, empty database.
    ///
    /// # Panics
    /// When the test database server cannot be reached: a test must not pass without it.
    #[allow(clippy::expect_used, clippy::panic)]
    pub fn new() -> Self {
        match std::env::var("HEARD_TEST_DATABASE_URL")
            .ok()
            .filter(|s| !s.is_empty())
        {
            Some(admin_url) => {
                let name = format!("heard_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!("HEARD_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}")
                });
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let raw = format!("{base}/{name}");
                Self {
                    url: DatabaseUrl::parse(&raw).expect("postgres url"),
                    raw,
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            None => Self::sqlite(),
        }
    }

    /// A fresh, empty SQLite database, whatever `HEARD_TEST_DATABASE_URL`
    /// says: for what only SQLite does (its query plans, say).
    #[allow(clippy::expect_used)]
    pub fn sqlite() -> Self {
        let path =
            std::env::temp_dir().join(format!("heard-test-{}.db", uuid::Uuid::new_v4().simple()));
        let raw = format!("sqlite://{}", path.display());
        Self {
            url: DatabaseUrl::parse(&raw).expect("sqlite url"),
            raw,
            cleanup: Cleanup::Sqlite(path),
        }
    }

    /// Which backend the tests run on.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ = admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

/// The writer threads of a store, each held inside a write of its own until
/// this is dropped: writes sent meanwhile wait in the queue.
pub struct HeldWriters {
    release: Vec<std::sync::mpsc::Sender<()>>,
}

impl HeldWriters {
    /// Holds `threads` writer threads of `writer` (all of them:
    /// [`Backend::writer_threads`]), returning once each runs its hold.
    ///
    /// # Panics
    /// When a writer does not take its hold within ten seconds.
    #[allow(clippy::panic)]
    pub fn hold(writer: &crate::Writer, threads: usize) -> Self {
        let mut release = Vec::new();
        for n in 0..threads {
            let (started, has_started) = std::sync::mpsc::channel::<()>();
            let (let_go, wait) = std::sync::mpsc::channel::<()>();
            let hold: crate::writer::Work = Box::new(move |_| {
                let _ = started.send(());
                let _ = wait.recv();
                Box::new(|_| ())
            });
            if let Err(e) = writer.send(crate::writer::Job::Write(hold)) {
                panic!("holding writer {n}: {e}");
            }
            if has_started
                .recv_timeout(std::time::Duration::from_secs(10))
                .is_err()
            {
                panic!("writer {n} did not take its hold");
            }
            release.push(let_go);
        }
        Self { release }
    }

    /// Lets the writers go on.
    pub fn release(self) {
        drop(self);
    }
}

impl Drop for HeldWriters {
    fn drop(&mut self) {
        for r in self.release.drain(..) {
            let _ = r.send(());
        }
    }
}

/// Queues writes that do nothing until the queue turns one away; returns
/// how many it took.
pub fn fill_queue(writer: &crate::Writer) -> usize {
    let mut queued = 0;
    loop {
        let nothing: crate::writer::Work = Box::new(|_| Box::new(|_| ()));
        match writer.send(crate::writer::Job::Write(nothing)) {
            Ok(()) => queued += 1,
            Err(_) => return queued,
        }
    }
}

/// Queues a write that inserts nothing and then panics outside the
/// savepoint every write is given, as a bug in the writer's own code
/// would: the whole batch it lands in is lost.
///
/// # Panics
/// When the queue is full or the writer stopped.
#[allow(clippy::panic)]
pub fn panic_in_batch(writer: &crate::Writer, message: &'static str) {
    let bad: crate::writer::Work = Box::new(move |_| panic!("{message}"));
    if let Err(e) = writer.send(crate::writer::Job::Write(bad)) {
        panic!("queueing the panic: {e}");
    }
}

/// Stores `agent` as an agent of `district`, in its one team.
#[allow(clippy::expect_used)]
pub fn insert_agent(c: &mut AnyConnection, district: &TestDistrict, agent: &StaffRef, email: &str) {
    let staff = crate::rows::StaffRow {
        id: agent.id,
        district_id: district.id,
        email: email.into(),
        name: agent.name.clone(),
        password_hash: String::new(),
        roles: crate::sql::Roles(vec![heard_domain::Role::Agent]),
        languages: Languages(vec![Language::english()]),
        active: true,
        created_at: crate::clock::now().naive_utc(),
    };
    crate::insert_batch!(&mut *c, crate::schema::staff::table, &staff).expect("staff");
    let member = crate::rows::TeamMemberRow {
        team_id: district.team,
        staff_id: agent.id,
    };
    crate::insert_batch!(&mut *c, crate::schema::team_members::table, &member).expect("member");
}

/// Stores a case of `district` (stored with [`insert_district`]) received
/// at `at` as number `n` from `submission`, routed to its one team, as
/// intake does: its timeline, report facts and contacts, a repeat contact
/// found as it arrives.
#[allow(clippy::expect_used)]
pub fn receive(
    c: &mut AnyConnection,
    district: &TestDistrict,
    n: i64,
    at: DateTime<Utc>,
    submission: &ValidInquiry,
) -> Case {
    let routing = RoutingTrace {
        rule: "topic_default".into(),
        reason: "the topic's team".into(),
    };
    let (case, events) = Case::receive(
        Arrival {
            id: InquiryId::new(),
            district_id: district.id,
            reference: format!("TST-{n}"),
            kind: Kind::Question,
            channel: Channel::Portal,
            topic: TopicRef {
                id: district.topic,
                name: "Transportation".into(),
            },
            unit: None,
            team: TeamRef {
                id: district.team,
                name: "Front Office".into(),
            },
            routing: routing.clone(),
            language: Language::english(),
            recorded_by: None,
            first_response_due_at: at + Duration::hours(8),
            resolution_due_at: at + Duration::days(5),
        },
        at,
    );
    let arrival = crate::cases::arrival(
        &case,
        n,
        submission,
        &routing,
        format!("key-{}", case.id),
        &events,
        heard_domain::ServiceStandard {
            first_response_minutes: 510,
            resolution_minutes: 2550,
        },
    )
    .expect("rows");
    let d = crate::queries::districts::by_id(c, district.id).expect("district");
    let calendar = crate::reports::facts::calendar(&d).expect("calendar");
    let rows = crate::cases::new_inquiry_rows(arrival, None, &calendar).expect("rows");
    crate::insert_batch!(&mut *c, crate::schema::inquiries::table, &rows.inquiry).expect("inquiry");
    crate::insert_batch!(&mut *c, crate::schema::events::table, &rows.events).expect("events");
    crate::reports::arrivals::insert_received(c, &mut [rows.fact], &rows.contacts).expect("facts");
    case
}
