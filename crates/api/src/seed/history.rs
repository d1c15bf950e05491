//! A year of plausible inquiries: school-year seasons, weekday and evening
//! peaks, response times spread around the standard, mostly happy families.

use super::content::*;
use crate::auth::{random_token, token_hash};
use crate::views::{self, naive, utc};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use heard_domain::Reference;
use heard_store::rows::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// District holidays of the current and previous school years.
pub const HOLIDAYS: &[&str] = &[
    "2025-11-27",
    "2025-11-28",
    "2025-12-22",
    "2025-12-23",
    "2025-12-24",
    "2025-12-25",
    "2025-12-26",
    "2025-12-29",
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
    "2026-01-19",
    "2026-02-16",
    "2026-03-16",
    "2026-03-17",
    "2026-03-18",
    "2026-03-19",
    "2026-03-20",
    "2026-05-25",
    "2026-07-03",
    "2026-09-07",
    "2026-11-11",
    "2026-11-26",
    "2026-11-27",
    "2026-12-21",
    "2026-12-22",
    "2026-12-23",
    "2026-12-24",
    "2026-12-25",
    "2026-12-28",
    "2026-12-29",
    "2026-12-30",
    "2026-12-31",
    "2027-01-01",
];

/// How many inquiries the demo year holds.
const INQUIRIES: usize = 2000;
const FAMILIES: usize = 1300;

/// Everything generated.
pub struct History {
    pub inquiries: Vec<InquiryRow>,
    pub messages: Vec<MessageRow>,
    pub events: Vec<EventRow>,
    pub feedback: Vec<FeedbackRow>,
}

/// The district's strategic goals for this school year.
pub fn goals(district_id: &str) -> Vec<GoalRow> {
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
        id: uuid::Uuid::new_v4().to_string(),
        district_id: district_id.into(),
        name: name.into(),
        metric: metric.into(),
        comparison: comparison.into(),
        target,
        period_start: start,
        period_end: end,
        created_at: start,
    })
    .collect()
}

struct Family {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    role: &'static str,
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
                0..=79 => "parent",
                80..=87 => "student",
                88..=95 => "community",
                _ => "staff",
            };
            Family {
                name: (!anonymous).then(|| format!("{first} {last}")),
                email: (!anonymous && rng.gen_bool(0.9)).then(|| {
                    format!(
                        "{}.{}{}@example.org",
                        first.to_lowercase(),
                        last.to_lowercase(),
                        i
                    )
                }),
                phone: (!anonymous && rng.gen_bool(0.45))
                    .then(|| format!("(555) 01{:01}-{:04}", i % 10, i)),
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

fn event(
    inquiry: &InquiryRow,
    kind: &str,
    actor: Option<&str>,
    data: serde_json::Value,
    at: DateTime<Utc>,
) -> EventRow {
    EventRow {
        id: uuid::Uuid::now_v7().to_string(),
        inquiry_id: inquiry.id.clone(),
        district_id: inquiry.district_id.clone(),
        kind: kind.into(),
        actor_kind: if actor.is_some() { "staff" } else { "system" }.into(),
        actor_staff_id: actor.map(String::from),
        data: data.to_string(),
        created_at: naive(at),
    }
}

fn message(
    inquiry: &InquiryRow,
    staff: Option<&str>,
    internal: bool,
    body: &str,
    at: DateTime<Utc>,
) -> MessageRow {
    MessageRow {
        id: uuid::Uuid::now_v7().to_string(),
        inquiry_id: inquiry.id.clone(),
        author_kind: if staff.is_some() {
            "staff"
        } else {
            "requester"
        }
        .into(),
        staff_id: staff.map(String::from),
        internal,
        body: body.into(),
        created_at: naive(at),
    }
}

/// Generates the demo year.
pub fn generate(
    district: &DistrictRow,
    units: &[UnitRow],
    teams: &[TeamRow],
    staff: &[StaffRow],
    topics: &[TopicRow],
) -> Result<History, String> {
    let mut rng = StdRng::seed_from_u64(20_261_123);
    let calendar = views::calendar(district).map_err(|e| e.to_string())?;
    let tz: chrono_tz::Tz = district
        .time_zone
        .parse()
        .map_err(|_| "time zone".to_string())?;
    let now = Utc::now();
    let people = families(&mut rng);
    let agent_of_team = |team: usize| {
        STAFF
            .iter()
            .position(|s| s.3 == team && s.2.contains("agent"))
            .map(|i| staff[i].id.clone())
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
        let topic = &TOPICS[t];
        // Returning families make repeat contacts; most write once.
        let family = &people[(rng.gen::<f64>().powf(1.8) * FAMILIES as f64) as usize % FAMILIES];
        let (subject, body) = topic.samples[rng.gen_range(0..topic.samples.len())];
        let unit = match topic.unit {
            Some(u) if rng.gen_bool(0.5) => Some(u),
            _ if rng.gen_bool(0.75) => Some(schools[rng.gen_range(0..schools.len())]),
            _ => None,
        };
        let team = topic.team.unwrap_or(0);
        let misrouted = topic.team.is_some() && team != 0 && rng.gen_bool(0.06);
        let age = now - created;
        let first_due = calendar.add_business_minutes(created, district.first_response_minutes);
        let resolution_due = calendar.add_business_minutes(created, district.resolution_minutes);
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
        let status = match (first_response, resolved) {
            (_, Some(_)) if closed => "closed",
            (_, Some(_)) => "resolved",
            (Some(_), None) if rng.gen_bool(0.4) => "awaiting_requester",
            (Some(_), None) => "in_progress",
            (None, None) if assignee.is_some() => "assigned",
            _ => "new",
        };
        let id = uuid::Uuid::new_v4().to_string();
        let number = 1001 + n as i64;
        let contact_keys: Vec<String> = family
            .email
            .iter()
            .map(|e| format!("email:{e}"))
            .chain(family.phone.iter().map(|p| {
                format!(
                    "phone:{}",
                    p.chars().filter(char::is_ascii_digit).collect::<String>()
                )
            }))
            .collect();
        let row = InquiryRow {
            id: id.clone(),
            district_id: district.id.clone(),
            reference_number: number,
            reference: Reference::new(&district.reference_prefix, number as u64)
                .map_err(|e| e.to_string())?
                .to_string(),
            kind: topic.kind.into(),
            channel: ["portal", "portal", "portal", "tab", "phone", "walk_in"][rng.gen_range(0..6)]
                .into(),
            status: status.into(),
            priority: if topic.name.starts_with("Safety") {
                "urgent"
            } else {
                "normal"
            }
            .into(),
            topic_id: topics[t].id.clone(),
            unit_id: unit.map(|u| units[u].id.clone()),
            team_id: teams[team].id.clone(),
            assignee_id: assignee.clone(),
            subject: subject.into(),
            body: body.into(),
            requester_name: family.name.clone(),
            requester_email: family.email.clone(),
            requester_phone: family.phone.clone(),
            requester_role: family.role.into(),
            requester_language: family.language.into(),
            anonymous: family.name.is_none(),
            contact_keys: contact_keys.join(","),
            // Shaped like a tracking key; no token opens it.
            tracking_token_hash: format!("{id}:{}", token_hash(&random_token())),
            routing_rule: if topic.team.is_some() {
                "topic_default"
            } else {
                "district_fallback"
            }
            .into(),
            routing_reason: if topic.team.is_some() {
                format!("“{}” is handled by its default team", topics[t].name)
            } else {
                "no rule matched; the district's fallback team receives it".into()
            },
            rerouted: misrouted,
            version: 1,
            created_at: naive(created),
            updated_at: naive(resolved.or(first_response).unwrap_or(created)),
            first_response_due_at: Some(naive(first_due)),
            resolution_due_at: Some(naive(resolution_due)),
            first_response_at: first_response.map(naive),
            resolved_at: resolved.map(naive),
        };
        let mut version = 1;
        out.events.push(event(
            &row,
            "inquiry.created",
            None,
            serde_json::json!({ "channel": row.channel, "reference": row.reference }),
            created,
        ));
        let first_team = if misrouted { &teams[0] } else { &teams[team] };
        out.events.push(event(&row, "inquiry.assigned", None, serde_json::json!({ "team_id": first_team.id, "team": first_team.name, "rule": row.routing_rule }), created));
        if misrouted {
            let at = created + Duration::minutes(rng.gen_range(10..180));
            out.events.push(event(&row, "inquiry.assigned", agent_of_team(0).as_deref(), serde_json::json!({ "from_team_id": teams[0].id, "team_id": teams[team].id, "team": teams[team].name, "reason": "belongs to this team", "rerouted": true }), at));
            version += 1;
        }
        if let Some(a) = &assignee {
            let at = created + Duration::minutes(rng.gen_range(5..90));
            out.events.push(event(&row, "inquiry.assigned", Some(a), serde_json::json!({ "team_id": teams[team].id, "assignee_id": a, "reason": "picked up" }), at.min(now)));
            version += 1;
        }
        if let (Some(at), Some(a)) = (first_response, &assignee) {
            if rng.gen_bool(0.2) {
                out.messages.push(message(
                    &row,
                    Some(a),
                    true,
                    "Checked the records; drafting an answer.",
                    at - Duration::minutes(3),
                ));
            }
            out.messages
                .push(message(&row, Some(a), false, topic.answer, at));
            out.events.push(event(
                &row,
                "inquiry.message_added",
                Some(a),
                serde_json::json!({ "internal": false }),
                at,
            ));
            version += 1;
            if rng.gen_bool(0.3) {
                let reply_at = at + Duration::minutes(rng.gen_range(30..600));
                if reply_at < now {
                    out.messages.push(message(
                        &row,
                        None,
                        false,
                        FAMILY_REPLIES[rng.gen_range(0..FAMILY_REPLIES.len())],
                        reply_at,
                    ));
                    version += 1;
                }
            }
        }
        if let Some(at) = resolved {
            out.events.push(event(
                &row,
                "inquiry.status_changed",
                assignee.as_deref(),
                serde_json::json!({ "from": "in_progress", "to": "resolved" }),
                at,
            ));
            version += 1;
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
                    out.feedback.push(FeedbackRow {
                        inquiry_id: row.id.clone(),
                        overall,
                        courtesy: pillar(&mut rng),
                        communication: pillar(&mut rng),
                        responsiveness: pillar(&mut rng),
                        environment: rng.gen_bool(0.5).then(|| pillar(&mut rng)),
                        recommend: rng.gen_bool(0.9).then_some(recommend),
                        comment: rng
                            .gen_bool(0.3)
                            .then(|| COMMENTS[rng.gen_range(0..COMMENTS.len())].to_owned()),
                        created_at: naive(at_fb),
                    });
                    out.events.push(event(
                        &row,
                        "feedback.received",
                        None,
                        serde_json::json!({ "overall": overall }),
                        at_fb,
                    ));
                }
            }
            if closed {
                out.events.push(event(
                    &row,
                    "inquiry.status_changed",
                    None,
                    serde_json::json!({ "from": "resolved", "to": "closed" }),
                    at + Duration::days(7),
                ));
                version += 1;
            }
        }
        let mut row = row;
        row.version = version;
        out.inquiries.push(row);
    }
    // Keep the generator honest about time zones: stored times are UTC.
    debug_assert!(out.inquiries.iter().all(|i| utc(i.created_at) <= now));
    let _ = tz.from_utc_datetime(&naive(now));
    Ok(out)
}
