//! Shared steps of reading and changing a case.

use crate::error::ApiError;
use crate::views::{self, naive, Names};
use chrono::{DateTime, Utc};
use heard_domain::api::InquiryDetail;
use heard_domain::EventKind;
use heard_store::queries::{districts, inquiries, threads};
use heard_store::rows::{EventRow, InquiryRow};
use heard_store::{AnyConnection, StoreError};

/// Who did something to a case.
#[derive(Debug, Clone)]
pub enum Actor {
    /// A staff member, by id.
    Staff(String),
    /// The family, through the tracking link.
    Requester,
}

/// Names for labelling rows of a district.
pub fn names(c: &mut AnyConnection, district_id: &str) -> Result<Names, ApiError> {
    let n = districts::names(c, district_id)?;
    Ok(Names {
        topics: n.topics.into_iter().collect(),
        units: n.units.into_iter().collect(),
        teams: n.teams.into_iter().collect(),
        staff: n.staff.into_iter().collect(),
    })
}

/// Records a timeline event.
pub fn record(
    c: &mut AnyConnection,
    row: &InquiryRow,
    kind: EventKind,
    actor: &Actor,
    data: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (actor_kind, staff) = match actor {
        Actor::Staff(id) => ("staff", Some(id.clone())),
        Actor::Requester => ("requester", None),
    };
    threads::insert_event(
        c,
        &EventRow {
            id: uuid::Uuid::now_v7().to_string(),
            inquiry_id: row.id.clone(),
            district_id: row.district_id.clone(),
            kind: kind.as_str().into(),
            actor_kind: actor_kind.into(),
            actor_staff_id: staff,
            data: data.to_string(),
            created_at: naive(at),
        },
    )?;
    Ok(())
}

/// Stores `row` if nobody changed the inquiry since `expected`, else 412,
/// and keeps its report facts current.
pub fn save(c: &mut AnyConnection, row: &InquiryRow, expected: i64) -> Result<(), ApiError> {
    if inquiries::update_if_version(c, row, expected)? {
        crate::facts::refresh(c, row)
    } else {
        Err(ApiError::Stale(expected))
    }
}

/// The whole case as staff see it.
pub fn detail(
    c: &mut AnyConnection,
    district_id: &str,
    id: &str,
) -> Result<InquiryDetail, ApiError> {
    let row = inquiries::by_id(c, district_id, id).map_err(not_found)?;
    let messages = threads::messages(c, id, true)?;
    let events = threads::events(c, id)?;
    let fb = threads::feedback(c, id)?;
    let names = names(c, district_id)?;
    views::inquiry_detail(&row, &messages, &events, fb.as_ref(), &names)
}

/// Maps a missing inquiry to 404.
pub fn not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound("inquiry"),
        other => other.into(),
    }
}
