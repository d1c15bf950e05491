//! A year of plausible inquiries: school-year seasons, weekday and evening
//! peaks, response times spread around the standard, mostly happy families.

use super::content::*;
use crate::auth::{random_token, token_hash};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use heard_domain::api::{NewInquiry, RequesterForm, ValidInquiry};
use heard_domain::case::{Arrival, Case, CaseError, TeamRoster, TimelineEvent};
use heard_domain::lifecycle::StatusAction;
use heard_domain::routing::RoutingTrace;
use heard_domain::text::{Body, Reason};
use heard_domain::{
    Channel, FeedbackForm, GoalId, InquiryId, Kind, PillarRatings, Reference, RequesterRole,
    StaffRef, TeamRef, TopicRef, UnitRef,
};
use heard_store::cases;
use heard_store::rows::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// District holidays and breaks of the current and previous school years:
/// name, first day, last day.
pub const CLOSURES: &[(&str, &str, &str)] = &[
    ("Thanksgiving break", "2025-11-27", "2025-11-28"),
    ("Winter break", "2025-12-22", "2026-01-02"),
    ("Martin Luther King Jr. Day", "2026-01-19", "2026-01-19"),
    ("Presidents' Day", "2026-02-16", "2026-02-16"),
    ("Spring break", "2026-03-16", "2026-03-20"),
    ("Memorial Day", "2026-05-25", "2026-05-25"),
    ("Independence Day (observed)", "2026-07-03", "2026-07-03"),
    ("Labor Day", "2026-09-07", "2026-09-07"),
    ("Veterans Day", "2026-11-11", "2026-11-11"),
    ("Thanksgiving break", "2026-11-26", "2026-11-27"),
    ("Winter break", "2026-12-21", "2027-01-01"),
];

/// How many inquiries the demo year holds.
const INQUIRIES: usize = 2000;
const FAMILIES: usize = 1300;

/// Everything generated: what the case methods decided over the year,
/// as rows.
pub struct History {
    pub inquiries: Vec<InquiryRow>,
    pub messages: Vec<MessageRow>,
    pub events: Vec<EventRow>,
    pub feedback: Vec<FeedbackRow>,
}

/// The district's strategic goals for this school year.
pub fn goals(district_id: heard_domain::DistrictId) -> Vec<GoalRow> {
    let year = Utc::now().year() - i32::from(Utc::now().month() < 8);
    let start = NaiveDate::from_ymd_opt(year, 8, 1).and_then(|d| d.and_hms_opt(5, 0, 0));
    let end = NaiveDate::from_ymd_opt(year + 1, 7, 1).and_then(|d| d.and_hms_opt(5, 0, 0));
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    [
        (
            "Average family feedback of 9 or more",
            "average_feedback",
            "at_least",
            9.0,
        ),
        (
            "Answer within one business day (median)",
            "first_response_business_median_hours",
            "at_most",
            8.5,
        ),
        ("Net promoter score of 40 or more", "nps", "at_least", 40.0),
        (
            "90% of first responses within the standard",
            "standard_met_pct",
            "at_least",
            90.0,
        ),
        (
            "Fewer than 10% repeat contacts",
            "repeat_contact_rate_pct",
            "at_most",
            10.0,
        ),
    ]
    .into_iter()
    .map(|(name, metric, comparison, target)| GoalRow {
        id: GoalId::new(),
        district_id,
        name: name.into(),
        metric: metric.into(),
        comparison: comparison.into(),
        target,
        period_start: start,
        period_end: end,
        created_at: start,
        unit_id: None,
        topic_id: None,
        team_id: None,
        version: 1,
    })
    .collect()
}

struct Family {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    role: RequesterRole,
    language: &'static str,
}

fn families(rng: &mut StdRng) -> Vec<Family> {
    (0..FAMILIES)
        .map(|i| {
            let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
            let last = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
            let anonymous = rng.gen_bool(0.04);
            let spanish = rng.gen_bool(0.16);
            let role = match rng.gen_range(0..100) {
                0..=79 => RequesterRole::Parent,
                80..=87 => RequesterRole::Student,
                88..=95 => RequesterRole::Community,
                _ => RequesterRole::Staff,
            };
            let email = (!anonymous && rng.gen_bool(0.9)).then(|| {
                format!(
                    "{}.{}{}@example.org",
                    first.to_lowercase(),
                    last.to_lowercase(),
                    i
                )
            });
            // The portal asks for an email or a phone unless anonymous.
            let phone = (!anonymous && (email.is_none() || rng.gen_bool(0.45)))
                .then(|| format!("(555) 01{:01}-{:04}", i % 10, i));
            Family {
                name: (!anonymous).then(|| format!("{first} {last}")),
                email,
                phone,
                role,
                language: if spanish { "es" } else { "en" },
            }
        })
        .collect()
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.gen_range(0..total.max(1));
    for (item, w) in items {
        if pick < *w {
            return *item;
        }
        pick -= w;
    }
    items[0].0
}

/// A log-normal number of minutes around `median`.
fn minutes_around(rng: &mut StdRng, median: f64, spread: f64) -> i64 {
    // Box–Muller from two uniforms.
    let (u1, u2): (f64, f64) = (rng.gen_range(1e-9..1.0), rng.gen_range(0.0..1.0));
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    (median * (spread * z).exp()).clamp(5.0, 60.0 * 24.0 * 20.0) as i64
}

fn creation_time(rng: &mut StdRng, now: DateTime<Utc>, tz: chrono_tz::Tz) -> DateTime<Utc> {
    loop {
        let t = now - Duration::minutes(rng.gen_range(60..365 * 24 * 60));
        let local = t.with_timezone(&tz);
        let season = match local.month() {
            7 => 0.3,
            6 => 0.6,
            8 => 1.0,
            9 => 0.9,
            12 => 0.5,
            _ => 0.65,
        };
        let day = match local.weekday().num_days_from_monday() {
            5 => 0.25,
            6 => 0.2,
            _ => 1.0,
        };
        let hour = match local.hour() {
            0..=5 => 0.05,
            6..=9 => 1.0,
            10..=15 => 0.7,
            16..=17 => 0.6,
            18..=21 => 0.9,
            _ => 0.3,
        };
        if rng.gen_bool(season * day * hour) {
            return t;
        }
    }
}

/// One inquiry's story, decided step by step by the case's own methods: a
/// step the rules refuse is left out of the story, as it would be refused
/// in the app.
struct Story {
    case: Case,
    events: Vec<TimelineEvent>,
}

impl Story {
    fn then(&mut self, decide: impl FnOnce(&Case) -> Result<Vec<TimelineEvent>, CaseError>) {
        if let Ok(events) = decide(&self.case) {
            self.case.apply(&events);
            // Each change the store applies counts one version.
            if events.iter().any(|e| e.event.changes_case()) {
                self.case.version += 1;
            }
            self.events.extend(events);
        }
    }
}

fn text(s: &str) -> Result<Body, String> {
    Body::parse(s).map_err(|e| format!("demo text {s:?}: {e}"))
}

fn reason(s: &str) -> Result<Reason, String> {
    Reason::parse(s).map_err(|e| format!("demo reason {s:?}: {e}"))
}

/// The submission a family makes, checked as the portal checks it.
fn submission(
    family: &Family,
    kind: Kind,
    topic: &TopicRow,
    unit: Option<&UnitRow>,
    subject: &str,
    body: &str,
) -> Result<ValidInquiry, String> {
    NewInquiry {
        kind,
        topic_id: topic.id,
        unit_id: unit.map(|u| u.id),
        subject: subject.into(),
        body: body.into(),
        requester: RequesterForm {
            name: family.name.clone(),
            email: family.email.clone(),
            phone: family.phone.clone(),
            role: family.role,
            preferred_language: Some(family.language.into()),
        },
        anonymous: family.name.is_none(),
        website: None,
    }
    .parse(&["en".into(), "es".into()])
    .map_err(|e| format!("demo inquiry: {e}"))
}

/// Generates the demo year.
pub fn generate(
    district: &DistrictRow,
    units: &[UnitRow],
    teams: &[TeamRow],
    staff: &[StaffRow],
    members: &[TeamMemberRow],
    topics: &[TopicRow],
) -> Result<History, String> {
    let mut rng = StdRng::seed_from_u64(20_261_123);
    let calendar = heard_store::reports::facts::calendar(district).map_err(|e| e.to_string())?;
    let standard = heard_domain::ServiceStandard {
        first_response_minutes: district.first_response_minutes,
        resolution_minutes: district.resolution_minutes,
    };
    let tz: chrono_tz::Tz = district
        .time_zone
        .parse()
        .map_err(|_| "time zone".to_string())?;
    let now = heard_store::clock::now();
    let people = families(&mut rng);
    let team_ref = |i: usize| TeamRef {
        id: teams[i].id,
        name: teams[i].name.clone(),
    };
    let staff_ref = |s: &StaffRow| StaffRef {
        id: s.id,
        name: s.name.clone(),
    };
    let rosters: Vec<TeamRoster> = (0..teams.len())
        .map(|i| TeamRoster {
            team: team_ref(i),
            members: members
                .iter()
                .filter(|m| m.team_id == teams[i].id)
                .filter_map(|m| staff.iter().find(|s| s.id == m.staff_id))
                .map(|s| (staff_ref(s), s.roles.0.clone()))
                .collect(),
        })
        .collect();
    let agent_of_team = |team: usize| {
        STAFF
            .iter()
            .position(|s| s.3 == team && s.2.contains("agent"))
            .map(|i| staff_ref(&staff[i]))
    };
    let weights: Vec<(usize, u32)> = TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| (i, t.weight))
        .collect();
    let schools: Vec<usize> = UNITS
        .iter()
        .enumerate()
        .filter(|(_, u)| u.1 == "school")
        .map(|(i, _)| i)
        .collect();

    let mut times: Vec<DateTime<Utc>> = (0..INQUIRIES)
        .map(|_| creation_time(&mut rng, now, tz))
        .collect();
    times.sort();
    let mut out = History {
        inquiries: Vec::with_capacity(INQUIRIES),
        messages: Vec::new(),
        events: Vec::new(),
        feedback: Vec::new(),
    };
    for (n, created) in times.into_iter().enumerate() {
        let t = weighted(&mut rng, &weights);
        let seed = &TOPICS[t];
        // Returning families make repeat contacts; most write once.
        let family = &people[(rng.gen::<f64>().powf(1.8) * FAMILIES as f64) as usize % FAMILIES];
        let (subject, body) = seed.samples[rng.gen_range(0..seed.samples.len())];
        let unit = match seed.unit {
            Some(u) if rng.gen_bool(0.5) => Some(u),
            _ if rng.gen_bool(0.75) => Some(schools[rng.gen_range(0..schools.len())]),
            _ => None,
        };
        let team = seed.team.unwrap_or(0);
        let misrouted = seed.team.is_some() && team != 0 && rng.gen_bool(0.06);
        let age = now - created;
        let answered = if age < Duration::days(2) {
            rng.gen_bool(0.45)
        } else {
            rng.gen_bool(0.985)
        };
        let first_response = answered
            .then(|| calendar.add_business_minutes(created, minutes_around(&mut rng, 170.0, 1.05)))
            .filter(|t| *t < now);
        let resolved = first_response
            .filter(|_| rng.gen_bool(if age < Duration::days(5) { 0.5 } else { 0.96 }))
            .map(|r| calendar.add_business_minutes(r, minutes_around(&mut rng, 200.0, 1.1)))
            .filter(|t| *t < now);
        let closed = resolved.is_some_and(|r| now - r > Duration::days(10) && rng.gen_bool(0.7));
        let assignee = if first_response.is_some() || rng.gen_bool(0.5) {
            agent_of_team(team)
        } else {
            None
        };
        let kind = Kind::parse(seed.kind).ok_or_else(|| format!("demo kind {}", seed.kind))?;
        let inquiry = submission(
            family,
            kind,
            &topics[t],
            unit.map(|u| &units[u]),
            subject,
            body,
        )?;
        let number = 1001 + n as i64;
        let reference = Reference::new(&district.reference_prefix, number as u64)
            .map_err(|e| e.to_string())?
            .to_string();
        let routing = if seed.team.is_some() {
            RoutingTrace {
                rule: "topic_default".into(),
                reason: format!("“{}” is handled by its default team", topics[t].name),
            }
        } else {
            RoutingTrace {
                rule: "district_fallback".into(),
                reason: "no rule matched; the district's fallback team receives it".into(),
            }
        };
        let channel = [
            Channel::Portal,
            Channel::Portal,
            Channel::Portal,
            Channel::Tab,
            Channel::Phone,
            Channel::WalkIn,
        ][rng.gen_range(0..6)];
        let (case, events) = Case::receive(
            Arrival {
                id: InquiryId::new(),
                district_id: district.id,
                reference,
                kind,
                channel,
                topic: TopicRef {
                    id: topics[t].id,
                    name: topics[t].name.clone(),
                },
                unit: unit.map(|u| UnitRef {
                    id: units[u].id,
                    name: units[u].name.clone(),
                }),
                team: team_ref(if misrouted { 0 } else { team }),
                routing: routing.clone(),
                language: inquiry.requester.preferred_language.clone(),
                recorded_by: None,
                first_response_due_at: calendar
                    .add_business_minutes(created, district.first_response_minutes),
                resolution_due_at: calendar
                    .add_business_minutes(created, district.resolution_minutes),
            },
            created,
        );
        let mut story = Story { case, events };
        let latest = first_response.unwrap_or(now).min(now);
        if misrouted {
            let at = (created + Duration::minutes(rng.gen_range(10..180))).min(latest);
            if let Some(front) = agent_of_team(0) {
                let why = reason("belongs to this team")?;
                story.then(|c| c.assign(&front, &rosters[team], None, &why, at));
            }
        }
        if let Some(a) = &assignee {
            let at = (created + Duration::minutes(rng.gen_range(5..90))).min(latest);
            let why = reason("picked up")?;
            story.then(|c| c.assign(a, &rosters[team], Some(a.id), &why, at));
        }
        if let (Some(at), Some(a)) = (first_response, &assignee) {
            if rng.gen_bool(0.2) {
                let note = text("Checked the records; drafting an answer.")?;
                story.then(|c| c.note(a, &note, at - Duration::minutes(3)));
            }
            let answer = text(seed.answer)?;
            story.then(|c| c.reply(a, &answer, at));
            if resolved.is_none() && rng.gen_bool(0.4) {
                story.then(|c| c.change_status(a, StatusAction::AwaitingRequester, at));
            }
            if rng.gen_bool(0.3) {
                let reply_at = at + Duration::minutes(rng.gen_range(30..600));
                if reply_at < now && resolved.is_none_or(|r| reply_at < r) {
                    let words = text(FAMILY_REPLIES[rng.gen_range(0..FAMILY_REPLIES.len())])?;
                    story.then(|c| c.family_reply(&words, reply_at));
                }
            }
        }
        if let (Some(at), Some(a)) = (resolved, &assignee) {
            story.then(|c| c.change_status(a, StatusAction::Resolved, at));
            if rng.gen_bool(0.38) {
                let slow = first_response
                    .is_some_and(|f| calendar.business_minutes_between(created, f) > 510);
                let mut overall: i64 = weighted(
                    &mut rng,
                    &[
                        (10, 46),
                        (9, 26),
                        (8, 13),
                        (7, 6),
                        (6, 3),
                        (5, 3),
                        (3, 2),
                        (1, 1),
                    ],
                );
                if slow {
                    overall = (overall - rng.gen_range(1..=3)).max(0);
                }
                let pillar = |rng: &mut StdRng| {
                    ((overall as f64 / 2.0).round() as i64 + rng.gen_range(-1..=1)).clamp(1, 5)
                };
                let recommend = (overall + rng.gen_range(-1..=1)).clamp(0, 10);
                let at_fb = at + Duration::hours(rng.gen_range(1..72));
                if at_fb < now {
                    let form = FeedbackForm {
                        overall,
                        pillars: PillarRatings {
                            courtesy: pillar(&mut rng),
                            communication: pillar(&mut rng),
                            responsiveness: pillar(&mut rng),
                            environment: rng.gen_bool(0.5).then(|| pillar(&mut rng)),
                        },
                        recommend: rng.gen_bool(0.9).then_some(recommend),
                        comment: rng
                            .gen_bool(0.3)
                            .then(|| COMMENTS[rng.gen_range(0..COMMENTS.len())].to_owned()),
                    };
                    let rating = form.parse().map_err(|e| format!("demo rating: {e}"))?;
                    story.then(|c| c.rate(&rating, at_fb));
                }
            }
            if closed {
                story.then(|c| c.change_status(a, StatusAction::Closed, at + Duration::days(7)));
            }
        }
        let Story { case, events } = story;
        // Shaped like a tracking key; no token opens it.
        let key = format!("{}:{}", case.id, token_hash(&random_token()));
        let rows = cases::arrival(&case, number, &inquiry, &routing, key, &events, standard)
            .map_err(|e| e.to_string())?;
        let records = cases::records(&case, &events).map_err(|e| e.to_string())?;
        out.inquiries.push(rows.inquiry);
        out.messages.extend(records.messages);
        out.feedback.extend(records.feedback);
        out.events.extend(records.events);
    }
    Ok(out)
}
