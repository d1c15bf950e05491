//! The store's side of a case: [`load`] one, and [`apply`] the events its
//! domain methods decided — the inquiry's new state and version, its
//! messages, feedback, timeline and report facts — in the caller's
//! transaction, in one place. [`arrival`] gives the rows of a new one.

use crate::error::StoreError;
use crate::reports::facts::{self, FactInputs};
use crate::rows::{ContactRow, EventRow, FeedbackRow, IdempotencyRow, InquiryRow, MessageRow};
use crate::schema::{feedback, inquiries, messages, staff, teams};
use crate::timeline;
use crate::AnyConnection;
use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use heard_domain::api::{Author, ValidInquiry};
use heard_domain::calendar::{BusinessCalendar, ServiceStandard};
use heard_domain::case::{Actor, Case, CaseEvent, TimelineEvent};
use heard_domain::refs::{StaffRef, TeamRef};
use heard_domain::routing::RoutingTrace;
use heard_domain::{DistrictId, InquiryId, StaffId};

/// `t` as it is kept on both backends: to the microsecond (see
/// [`crate::clock`]), whatever precision it was given with.
pub fn stored(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

fn staff_ref(c: &mut AnyConnection, id: StaffId) -> Result<StaffRef, StoreError> {
    let name = staff::table
        .find(id)
        .select(staff::name)
        .first::<String>(c)?;
    Ok(StaffRef { id, name })
}

/// The case kept in `row`.
pub fn case_of(c: &mut AnyConnection, row: &InquiryRow) -> Result<Case, StoreError> {
    let team = TeamRef {
        id: row.team_id,
        name: teams::table
            .find(row.team_id)
            .select(teams::name)
            .first::<String>(c)?,
    };
    let assignee = row.assignee_id.map(|a| staff_ref(c, a)).transpose()?;
    let feedback_given = feedback::table
        .find(row.id)
        .select(feedback::inquiry_id)
        .first::<InquiryId>(c)
        .optional()?
        .is_some();
    Ok(Case {
        id: row.id,
        district_id: row.district_id,
        reference: row.reference.clone(),
        version: row.version,
        kind: row.kind,
        channel: row.channel,
        status: row.status,
        priority: row.priority,
        topic_id: row.topic_id,
        unit_id: row.unit_id,
        team,
        assignee,
        recorded_by: row.recorded_by_id,
        confidential: row.confidential,
        language: row.requester_language.clone(),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        first_response_due_at: row.first_response_due_at.map(|t| t.and_utc()),
        resolution_due_at: row.resolution_due_at.map(|t| t.and_utc()),
        first_response_at: row.first_response_at.map(|t| t.and_utc()),
        resolved_at: row.resolved_at.map(|t| t.and_utc()),
        rerouted: row.rerouted,
        feedback_given,
    })
}

/// The inquiry `id` of `district` as a case.
pub fn load(
    c: &mut AnyConnection,
    district: DistrictId,
    id: InquiryId,
) -> Result<Case, StoreError> {
    let row = crate::queries::inquiries::by_id(c, district, id)?;
    case_of(c, &row)
}

/// The case a tracking link opens, by its tracking key.
pub fn load_tracked(c: &mut AnyConnection, key: &str) -> Result<Case, StoreError> {
    let row = crate::queries::inquiries::by_tracking_key(c, key)?;
    case_of(c, &row)
}

fn message_row(case: &Case, e: &TimelineEvent) -> Result<Option<MessageRow>, StoreError> {
    let CaseEvent::MessageAdded(m) = &e.event else {
        return Ok(None);
    };
    let (author_kind, staff_id) = match &e.actor {
        Actor::Staff { id, .. } => (Author::Staff, Some(*id)),
        Actor::Requester => (Author::Requester, None),
        Actor::System => {
            return Err(StoreError::Corrupt(
                "a message must be written by staff or the requester".into(),
            ))
        }
    };
    Ok(Some(MessageRow {
        id: m.message_id,
        inquiry_id: case.id,
        author_kind,
        staff_id,
        internal: m.internal,
        body: m.body.clone(),
        created_at: stored(e.at),
    }))
}

fn feedback_row(case: &Case, e: &TimelineEvent) -> Option<FeedbackRow> {
    let CaseEvent::FeedbackReceived(f) = &e.event else {
        return None;
    };
    Some(FeedbackRow {
        inquiry_id: case.id,
        overall: f.overall.into(),
        courtesy: f.pillars.courtesy,
        communication: f.pillars.communication,
        responsiveness: f.pillars.responsiveness,
        environment: f.pillars.environment,
        recommend: f.recommend.map(i64::from),
        comment: f.comment.clone(),
        created_at: stored(e.at),
    })
}

/// Writes what `events` did to the case `before` (as loaded in this
/// transaction): its new state and version, the messages, feedback and
/// timeline entries they add, and its report facts. Answers the case as it
/// is now. [`StoreError::Stale`] when somebody else changed it since
/// `before` was loaded (on PostgreSQL two writers run side by side).
pub fn apply(
    c: &mut AnyConnection,
    before: &Case,
    events: &[TimelineEvent],
) -> Result<Case, StoreError> {
    if events.is_empty() {
        return Ok(before.clone());
    }
    let mut after = before.after(events);
    if events.iter().any(|e| e.event.changes_case()) {
        after.version = before.version + 1;
        let n = diesel::update(
            inquiries::table
                .filter(inquiries::id.eq(before.id))
                .filter(inquiries::version.eq(before.version)),
        )
        .set((
            inquiries::status.eq(after.status),
            inquiries::priority.eq(after.priority),
            inquiries::team_id.eq(after.team.id),
            inquiries::assignee_id.eq(after.assignee.as_ref().map(|a| a.id)),
            inquiries::rerouted.eq(after.rerouted),
            inquiries::confidential.eq(after.confidential),
            inquiries::updated_at.eq(stored(after.updated_at)),
            inquiries::first_response_at.eq(after.first_response_at.map(stored)),
            inquiries::resolved_at.eq(after.resolved_at.map(stored)),
            inquiries::version.eq(after.version),
        ))
        .execute(c)?;
        if n != 1 {
            return Err(StoreError::Stale(before.version));
        }
    }
    let r = records(before, events)?;
    if !r.messages.is_empty() {
        crate::insert_batch!(&mut *c, messages::table, &r.messages)?;
    }
    if !r.feedback.is_empty() {
        crate::insert_batch!(&mut *c, feedback::table, &r.feedback)?;
    }
    crate::insert_batch!(&mut *c, crate::schema::events::table, &r.events)?;
    crate::outbox::publish(c, &r.events)?;
    facts::refresh(c, before.id, r.feedback.first())?;
    Ok(after)
}

/// The rows `events` of `case` add: its messages, its feedback and its timeline.
#[derive(Debug, Default)]
pub struct Records {
    /// Replies and notes.
    pub messages: Vec<MessageRow>,
    /// The family's rating.
    pub feedback: Vec<FeedbackRow>,
    /// Timeline entries, one per event.
    pub events: Vec<EventRow>,
}

/// The rows `events` of `case` add.
pub fn records(case: &Case, events: &[TimelineEvent]) -> Result<Records, StoreError> {
    let mut r = Records::default();
    for e in events {
        r.messages.extend(message_row(case, e)?);
        r.feedback.extend(feedback_row(case, e));
        r.events.push(timeline::row(case.district_id, case.id, e)?);
    }
    Ok(r)
}

/// Everything a newly received inquiry stores, but its report facts.
pub struct Arrival {
    /// The inquiry.
    pub inquiry: InquiryRow,
    /// Its first timeline entries.
    pub events: Vec<EventRow>,
}

/// The rows of `case`, number `reference_number` of its district, received
/// (see `heard_domain::Case::receive`) as `inquiry` says and found again by
/// `tracking_key`, with the entries `events` of its timeline, held to
/// `standard` (the business minutes its due times were counted from).
pub fn arrival(
    case: &Case,
    reference_number: i64,
    inquiry: &ValidInquiry,
    routing: &RoutingTrace,
    tracking_key: String,
    events: &[TimelineEvent],
    standard: ServiceStandard,
) -> Result<Arrival, StoreError> {
    let r = &inquiry.requester;
    let at = stored(case.created_at);
    let row = InquiryRow {
        id: case.id,
        district_id: case.district_id,
        reference_number,
        reference: case.reference.clone(),
        kind: case.kind,
        channel: case.channel,
        status: case.status,
        priority: case.priority,
        topic_id: case.topic_id,
        unit_id: case.unit_id,
        team_id: case.team.id,
        assignee_id: case.assignee.as_ref().map(|a| a.id),
        subject: inquiry.subject.as_str().into(),
        body: inquiry.body.as_str().into(),
        requester_name: r.name.as_ref().map(|n| n.as_str().into()),
        requester_email: r.email.as_ref().map(|e| e.as_str().into()),
        requester_phone: r.phone.as_ref().map(|p| p.as_str().into()),
        requester_role: r.role,
        requester_language: case.language.clone(),
        anonymous: inquiry.anonymous,
        contact_keys: r.contact_keys().join(","),
        tracking_token_hash: tracking_key,
        routing_rule: routing.rule.clone(),
        routing_reason: routing.reason.clone(),
        rerouted: case.rerouted,
        version: case.version,
        created_at: at,
        updated_at: stored(case.updated_at),
        first_response_due_at: case.first_response_due_at.map(stored),
        resolution_due_at: case.resolution_due_at.map(stored),
        first_response_at: case.first_response_at.map(stored),
        resolved_at: case.resolved_at.map(stored),
        recorded_by_id: case.recorded_by,
        confidential: case.confidential,
        first_response_minutes: Some(standard.first_response_minutes),
        resolution_minutes: Some(standard.resolution_minutes),
    };
    let events = events
        .iter()
        .map(|e| timeline::row(case.district_id, case.id, e))
        .collect::<Result<_, _>>()?;
    Ok(Arrival {
        inquiry: row,
        events,
    })
}

/// The rows of a new inquiry for the intake lane: the inquiry, its first
/// events, the idempotency record, its report facts and contacts.
pub fn new_inquiry_rows(
    arrival: Arrival,
    idempotency: Option<IdempotencyRow>,
    calendar: &BusinessCalendar,
) -> Result<crate::NewInquiryRows, StoreError> {
    let inputs = FactInputs::from(&arrival.inquiry);
    let contacts: Vec<ContactRow> = facts::contact_rows(&inputs);
    Ok(crate::NewInquiryRows {
        fact: facts::fact_row(&inputs, None, calendar, false)?,
        contacts,
        inquiry: arrival.inquiry,
        events: arrival.events,
        idempotency,
    })
}
