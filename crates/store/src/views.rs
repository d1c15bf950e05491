//! What is read back for people to see, as the API's typed bodies: the
//! whole case, a page of the inbox, the family's view through its tracking
//! link, the signed-in staff member, the teams. Every id and name is typed
//! and every stored value checked on the way; nothing is defaulted.

use crate::error::StoreError;
use crate::queries::{districts, people, threads};
use crate::rows::{DistrictRow, FeedbackRow, InquiryRow, MessageRow, StaffRow};
use crate::timeline::{self, CreatedFacts, Names};
use crate::AnyConnection;
use chrono::{DateTime, Utc};
use heard_domain::api::*;
use heard_domain::case;
use heard_domain::routing::RoutingTrace;
use heard_domain::{DistrictId, StaffRef};

fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    let e = StoreError::Corrupt(format!("stored {what} {value} is not valid"));
    tracing::error!(error = %e, "unreadable stored value");
    e
}

fn rating(v: i64, what: &str, range: std::ops::RangeInclusive<u8>) -> Result<u8, StoreError> {
    u8::try_from(v)
        .ok()
        .filter(|r| range.contains(r))
        .ok_or_else(|| corrupt(what, v))
}

/// Stored feedback as the family and staff see it.
pub fn feedback(f: &FeedbackRow) -> Result<FeedbackView, StoreError> {
    let pillar = |v: i64, what: &str| rating(v, what, 1..=5).map(i64::from);
    Ok(FeedbackView {
        overall: rating(f.overall, "overall rating", 0..=10)?,
        pillars: heard_domain::PillarRatings {
            courtesy: pillar(f.courtesy, "courtesy rating")?,
            communication: pillar(f.communication, "communication rating")?,
            responsiveness: pillar(f.responsiveness, "responsiveness rating")?,
            environment: f
                .environment
                .map(|e| pillar(e, "environment rating"))
                .transpose()?,
        },
        recommend: f
            .recommend
            .map(|r| rating(r, "recommend rating", 0..=10))
            .transpose()?,
        comment: f.comment.clone(),
        created_at: f.created_at.and_utc(),
    })
}

/// The district as the public sees it.
pub fn district_info(d: &DistrictRow) -> DistrictInfo {
    DistrictInfo {
        id: d.id,
        slug: d.slug.clone(),
        name: d.name.clone(),
        time_zone: d.time_zone.clone(),
    }
}

/// The languages a district answers in, by their codes, its own first.
pub fn district_languages(d: &DistrictRow) -> Vec<String> {
    d.languages
        .0
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect()
}

/// How a district's "Contact us" tab looks.
pub fn branding(d: &DistrictRow) -> Result<Branding, StoreError> {
    let mut tab_labels: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&d.tab_labels).map_err(|_| corrupt("tab labels", &d.tab_labels))?;
    // A language offered without a label of its own shows the default's.
    for l in &d.languages.0 {
        tab_labels
            .entry(l.as_str().to_owned())
            .or_insert_with(|| d.tab_label.clone());
    }
    let logo = match &d.logo {
        None => None,
        Some(json) => {
            let stored: heard_domain::logo::StoredLogo =
                serde_json::from_str(json).map_err(|_| corrupt("logo", json))?;
            Some(heard_domain::api::Logo {
                url: stored.url(d.id),
                content_type: stored.image.format.content_type().to_owned(),
                width: stored.image.width,
                height: stored.image.height,
                bytes: stored.bytes,
            })
        }
    };
    Ok(Branding {
        tab_label: d.tab_label.clone(),
        tab_labels,
        color: d.color.clone(),
        position: d.tab_position,
        logo,
    })
}

fn utc(t: chrono::NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Open and unanswered past its due time, as of `now`.
fn overdue(row: &InquiryRow, now: DateTime<Utc>) -> bool {
    row.status.is_open()
        && row.first_response_at.is_none()
        && row.first_response_due_at.is_some_and(|d| utc(d) < now)
}

/// A row of the inbox.
pub fn inbox_item(
    row: &InquiryRow,
    names: &Names,
    now: DateTime<Utc>,
) -> Result<InboxItem, StoreError> {
    Ok(InboxItem {
        id: row.id,
        reference: row.reference.clone(),
        subject: row.subject.clone(),
        kind: row.kind,
        status: row.status,
        priority: row.priority,
        topic: names.topic(row.topic_id)?,
        unit: row.unit_id.map(|u| names.unit(u)).transpose()?,
        team: names.team(row.team_id)?,
        assignee: row.assignee_id.map(|a| names.staff(a)).transpose()?,
        requester_name: row.requester_name.clone(),
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        first_response_due_at: row.first_response_due_at.map(utc),
        first_response_at: row.first_response_at.map(utc),
        overdue: overdue(row, now),
    })
}

fn staff_message(m: &MessageRow, names: &Names) -> Result<StaffMessage, StoreError> {
    Ok(StaffMessage {
        id: m.id,
        internal: m.internal,
        author: m.author_kind,
        staff: m.staff_id.map(|s| names.staff(s)).transpose()?,
        body: m.body.clone(),
        created_at: utc(m.created_at),
    })
}

/// The whole case `row` as staff see it.
pub fn inquiry_detail(
    c: &mut AnyConnection,
    row: &InquiryRow,
) -> Result<InquiryDetail, StoreError> {
    let names = districts::names(c, row.district_id)?;
    let messages = threads::messages(c, row.id, true)?;
    let events = threads::events(c, row.id)?;
    let fb = threads::feedback(c, row.id)?;
    let created = CreatedFacts {
        kind: row.kind,
        priority: row.priority,
        topic_id: row.topic_id,
        unit_id: row.unit_id,
    };
    let cx = timeline::Context {
        names: &names,
        messages: &messages,
        feedback: fb.as_ref(),
        created: Some(&created),
    };
    Ok(InquiryDetail {
        id: row.id,
        reference: row.reference.clone(),
        version: row.version,
        kind: row.kind,
        channel: row.channel,
        status: row.status,
        priority: row.priority,
        topic: names.topic(row.topic_id)?,
        unit: row.unit_id.map(|u| names.unit(u)).transpose()?,
        team: names.team(row.team_id)?,
        assignee: row.assignee_id.map(|a| names.staff(a)).transpose()?,
        recorded_by: row.recorded_by_id.map(|s| names.staff(s)).transpose()?,
        confidential: row.confidential,
        subject: row.subject.clone(),
        body: row.body.clone(),
        requester: RequesterView {
            name: row.requester_name.clone(),
            email: row.requester_email.clone(),
            phone: row.requester_phone.clone(),
            role: row.requester_role,
            preferred_language: row.requester_language.as_str().to_owned(),
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
            .map(|m| staff_message(m, &names))
            .collect::<Result<_, _>>()?,
        events: events
            .iter()
            .map(|e| timeline::read(e, &cx))
            .collect::<Result<_, _>>()?,
        feedback: fb.as_ref().map(feedback).transpose()?,
    })
}

/// A message the family sees, with the staff author's name.
pub fn public_message(m: &MessageRow, names: &Names) -> Result<PublicMessage, StoreError> {
    Ok(PublicMessage {
        id: m.id,
        author: m.author_kind,
        author_name: m
            .staff_id
            .map(|s| names.staff(s))
            .transpose()?
            .map(|s| s.name),
        body: m.body.clone(),
        created_at: utc(m.created_at),
    })
}

/// The case `row` as the family sees it through its tracking link.
pub fn tracked(c: &mut AnyConnection, row: &InquiryRow) -> Result<TrackedInquiry, StoreError> {
    let district = districts::by_id(c, row.district_id)?;
    let names = districts::names(c, row.district_id)?;
    let messages = threads::messages(c, row.id, false)?;
    let fb = threads::feedback(c, row.id)?;
    Ok(TrackedInquiry {
        id: row.id,
        reference: row.reference.clone(),
        district_name: district.name,
        kind: row.kind,
        topic: names.topic(row.topic_id)?.name,
        unit: row
            .unit_id
            .map(|u| names.unit(u))
            .transpose()?
            .map(|u| u.name),
        subject: row.subject.clone(),
        body: row.body.clone(),
        status: row.status,
        created_at: utc(row.created_at),
        first_response_due_at: row.first_response_due_at.map(utc),
        messages: messages
            .iter()
            .map(|m| public_message(m, &names))
            .collect::<Result<_, _>>()?,
        feedback_open: case::feedback_open(row.status, fb.is_some()),
        feedback: fb.as_ref().map(feedback).transpose()?,
    })
}

/// The signed-in staff member.
pub fn me(c: &mut AnyConnection, staff: &StaffRow) -> Result<Me, StoreError> {
    let district = districts::by_id(c, staff.district_id)?;
    let teams = people::teams_of(c, staff.id)?;
    Ok(Me {
        id: staff.id,
        name: staff.name.clone(),
        email: staff.email.clone(),
        roles: staff.roles.0.clone(),
        teams: teams
            .iter()
            .map(|t| heard_domain::TeamRef {
                id: t.id,
                name: t.name.clone(),
            })
            .collect(),
        district: district_info(&district),
    })
}

/// The district's teams and, for each, the active members who work cases.
pub fn teams(c: &mut AnyConnection, district_id: DistrictId) -> Result<TeamList, StoreError> {
    let district = districts::by_id(c, district_id)?;
    let teams = districts::teams(c, district_id)?;
    let members = people::memberships(c, district_id)?;
    let items = teams
        .iter()
        .map(|t| TeamView {
            id: t.id,
            name: t.name.clone(),
            fallback: district.fallback_team_id == Some(t.id),
            members: members
                .iter()
                .filter(|(team, s)| *team == t.id && s.roles.0.iter().any(|r| r.works_cases()))
                .map(|(_, s)| StaffRef {
                    id: s.id,
                    name: s.name.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(TeamList { items })
}

/// A team with the members who may own its cases, for the domain's
/// assignment rule.
pub fn roster(
    c: &mut AnyConnection,
    district_id: DistrictId,
    team_id: heard_domain::TeamId,
) -> Result<Option<case::TeamRoster>, StoreError> {
    let Some(team) = districts::teams(c, district_id)?
        .into_iter()
        .find(|t| t.id == team_id)
    else {
        return Ok(None);
    };
    let members = people::memberships(c, district_id)?
        .into_iter()
        .filter(|(t, _)| *t == team_id)
        .map(|(_, s)| {
            (
                StaffRef {
                    id: s.id,
                    name: s.name,
                },
                s.roles.0,
            )
        })
        .collect();
    Ok(Some(case::TeamRoster {
        team: heard_domain::TeamRef {
            id: team.id,
            name: team.name,
        },
        members,
    }))
}

/// What the district has configured, for its administrators.
pub fn district_settings(
    c: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<DistrictSettings, StoreError> {
    let d = districts::by_id(c, district_id)?;
    let names = districts::names(c, district_id)?;
    let calendar = crate::reports::facts::calendar(&d)?;
    Ok(DistrictSettings {
        district: district_info(&d),
        reference_prefix: d.reference_prefix.clone(),
        languages: district_languages(&d),
        branding: branding(&d)?,
        business_day_minutes: calendar.minutes_per_day(),
        standard: StandardSettings {
            first_response_minutes: d.first_response_minutes,
            resolution_minutes: d.resolution_minutes,
        },
        fallback_team: d.fallback_team_id.map(|t| names.team(t)).transpose()?,
        pillar_standards: serde_json::from_str(&d.pillar_standards)
            .map_err(|_| corrupt("pillar standards", &d.pillar_standards))?,
        past_due_business_days: d.past_due_business_days,
        requester_retention_days: d.requester_retention_days,
        version: d.version,
    })
}
