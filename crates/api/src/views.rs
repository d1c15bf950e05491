//! Stored rows rendered as API bodies.

use crate::error::ApiError;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use heard_domain::api::*;
use heard_domain::calendar::{BusinessCalendar, ServiceStandard};
use heard_domain::feedback::PillarRatings;
use heard_domain::routing::RoutingTrace;
use heard_domain::{Channel, Kind, Priority, RequesterRole, Status};
use heard_store::rows::*;
use std::collections::HashMap;
use std::str::FromStr;
use uuid::Uuid;

/// A stored UTC time.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&t)
}

/// A time to store.
pub fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

fn corrupt(what: &str, value: &str) -> ApiError {
    ApiError::Internal(format!("stored {what} {value:?} is not valid"))
}

/// A stored id.
pub fn id<T: FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| corrupt("id", raw))
}

fn named<T>(what: &str, raw: &str, parse: fn(&str) -> Option<T>) -> Result<T, ApiError> {
    parse(raw).ok_or_else(|| corrupt(what, raw))
}

/// A stored status.
pub fn status(raw: &str) -> Result<Status, ApiError> {
    named("status", raw, Status::parse)
}

/// The district as the public sees it.
pub fn district_info(d: &DistrictRow) -> Result<DistrictInfo, ApiError> {
    Ok(DistrictInfo {
        id: id(&d.id)?,
        slug: d.slug.clone(),
        name: d.name.clone(),
        time_zone: d.time_zone.clone(),
    })
}

/// Languages offered, default first.
pub fn languages(d: &DistrictRow) -> Vec<String> {
    d.languages
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// The district's business calendar.
pub fn calendar(d: &DistrictRow) -> Result<BusinessCalendar, ApiError> {
    heard_store::facts::calendar(d).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The district's service standard.
pub fn standard(d: &DistrictRow) -> ServiceStandard {
    ServiceStandard {
        first_response_minutes: d.first_response_minutes,
        resolution_minutes: d.resolution_minutes,
    }
}

/// Names of a district's topics, units, teams and staff, to label rows.
#[derive(Default)]
pub struct Names {
    pub topics: HashMap<String, String>,
    pub units: HashMap<String, String>,
    pub teams: HashMap<String, String>,
    pub staff: HashMap<String, String>,
}

impl Names {
    fn reference(&self, map: &HashMap<String, String>, raw: &str) -> Result<NamedRef, ApiError> {
        Ok(NamedRef {
            id: id::<Uuid>(raw)?,
            name: map.get(raw).cloned().unwrap_or_default(),
        })
    }

    /// Topic by id.
    pub fn topic(&self, raw: &str) -> Result<NamedRef, ApiError> {
        self.reference(&self.topics, raw)
    }

    /// Unit by id.
    pub fn unit(&self, raw: Option<&str>) -> Result<Option<NamedRef>, ApiError> {
        raw.map(|r| self.reference(&self.units, r)).transpose()
    }

    /// Team by id.
    pub fn team(&self, raw: &str) -> Result<NamedRef, ApiError> {
        self.reference(&self.teams, raw)
    }

    /// Staff member by id.
    pub fn staff(&self, raw: Option<&str>) -> Result<Option<NamedRef>, ApiError> {
        raw.map(|r| self.reference(&self.staff, r)).transpose()
    }
}

/// Open and unanswered past its due time.
pub fn is_overdue(row: &InquiryRow, now: DateTime<Utc>) -> bool {
    let open = Status::parse(&row.status).is_some_and(Status::is_open);
    open && row.first_response_at.is_none()
        && row.first_response_due_at.is_some_and(|d| utc(d) < now)
}

/// An inbox row.
pub fn inbox_item(
    row: &InquiryRow,
    names: &Names,
    now: DateTime<Utc>,
) -> Result<InboxItem, ApiError> {
    Ok(InboxItem {
        id: id(&row.id)?,
        reference: row.reference.clone(),
        subject: row.subject.clone(),
        kind: named("kind", &row.kind, Kind::parse)?,
        status: status(&row.status)?,
        priority: named("priority", &row.priority, Priority::parse)?,
        topic: names.topic(&row.topic_id)?,
        unit: names.unit(row.unit_id.as_deref())?,
        team: names.team(&row.team_id)?,
        assignee: names.staff(row.assignee_id.as_deref())?,
        requester_name: row.requester_name.clone(),
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        first_response_due_at: row.first_response_due_at.map(utc),
        first_response_at: row.first_response_at.map(utc),
        overdue: is_overdue(row, now),
    })
}

/// Stored feedback.
pub fn feedback(f: &FeedbackRow) -> FeedbackView {
    let small = |v: i64| u8::try_from(v).unwrap_or(0);
    FeedbackView {
        overall: small(f.overall),
        pillars: PillarRatings {
            courtesy: f.courtesy,
            communication: f.communication,
            responsiveness: f.responsiveness,
            environment: f.environment,
        },
        recommend: f.recommend.map(small),
        comment: f.comment.clone(),
        created_at: utc(f.created_at),
    }
}

fn author(kind: &str) -> Author {
    if kind == "staff" {
        Author::Staff
    } else {
        Author::Requester
    }
}

/// A message the family sees.
pub fn public_message(m: &MessageRow, names: &Names) -> Result<PublicMessage, ApiError> {
    Ok(PublicMessage {
        id: id(&m.id)?,
        author: author(&m.author_kind),
        author_name: m
            .staff_id
            .as_ref()
            .and_then(|s| names.staff.get(s).cloned()),
        body: m.body.clone(),
        created_at: utc(m.created_at),
    })
}

/// The whole case for staff.
pub fn inquiry_detail(
    row: &InquiryRow,
    messages: &[MessageRow],
    events: &[EventRow],
    fb: Option<&FeedbackRow>,
    names: &Names,
) -> Result<InquiryDetail, ApiError> {
    let actor = |e: &EventRow| match (e.actor_kind.as_str(), &e.actor_staff_id) {
        ("staff", Some(s)) => names
            .staff
            .get(s)
            .cloned()
            .unwrap_or_else(|| "staff".into()),
        (kind, _) => kind.to_owned(),
    };
    Ok(InquiryDetail {
        id: id(&row.id)?,
        reference: row.reference.clone(),
        version: row.version,
        kind: named("kind", &row.kind, Kind::parse)?,
        channel: named("channel", &row.channel, Channel::parse)?,
        status: status(&row.status)?,
        priority: named("priority", &row.priority, Priority::parse)?,
        topic: names.topic(&row.topic_id)?,
        unit: names.unit(row.unit_id.as_deref())?,
        team: names.team(&row.team_id)?,
        assignee: names.staff(row.assignee_id.as_deref())?,
        subject: row.subject.clone(),
        body: row.body.clone(),
        requester: RequesterView {
            name: row.requester_name.clone(),
            email: row.requester_email.clone(),
            phone: row.requester_phone.clone(),
            role: named("role", &row.requester_role, RequesterRole::parse)?,
            preferred_language: row.requester_language.clone(),
            anonymous: row.anonymous,
        },
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        first_response_due_at: row.first_response_due_at.map(utc),
        resolution_due_at: row.resolution_due_at.map(utc),
        first_response_at: row.first_response_at.map(utc),
        resolved_at: row.resolved_at.map(utc),
        routing: RoutingTrace {
            rule: row.routing_rule.clone(),
            reason: row.routing_reason.clone(),
        },
        messages: messages
            .iter()
            .map(|m| {
                Ok(StaffMessage {
                    id: id(&m.id)?,
                    internal: m.internal,
                    author: author(&m.author_kind),
                    staff: names.staff(m.staff_id.as_deref())?,
                    body: m.body.clone(),
                    created_at: utc(m.created_at),
                })
            })
            .collect::<Result<_, ApiError>>()?,
        events: events
            .iter()
            .map(|e| {
                Ok(TimelineEvent {
                    id: id(&e.id)?,
                    kind: e.kind.clone(),
                    actor: actor(e),
                    at: utc(e.created_at),
                    data: serde_json::from_str(&e.data).unwrap_or(serde_json::Value::Null),
                })
            })
            .collect::<Result<_, ApiError>>()?,
        feedback: fb.map(feedback),
    })
}
