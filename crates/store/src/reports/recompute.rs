//! After the business calendar changes, the due times and report facts of
//! a district's inquiries are counted again on the new calendar. The walk
//! goes through the inquiries in the order they came (`created_at`, id),
//! a chunk per transaction, and writes only what came out different, so it
//! can be stopped anywhere and started again from the last chunk done.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::queries::districts as district_rows;
use crate::reports;
use crate::reports::facts::{self, FactInputs};
use crate::schema::{inquiries, report_facts};
use chrono::{DateTime, NaiveDateTime};
use diesel::prelude::*;
use heard_domain::calendar::BusinessCalendar;
use heard_domain::{DistrictId, InquiryId};

/// Where a walk has got to: the last inquiry done.
pub type Position = (NaiveDateTime, InquiryId);

/// What one chunk did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The last inquiry walked; `None` once no inquiry was left.
    pub last: Option<Position>,
    /// Inquiries read.
    pub read: usize,
    /// Inquiries whose due times or report facts changed.
    pub changed: usize,
}

type Row = (
    FactInputs,
    Option<NaiveDateTime>,
    Option<i64>,
    Option<i64>,
    (
        Option<NaiveDateTime>,
        Option<bool>,
        Option<i64>,
        Option<i64>,
    ),
);

/// The instant `minutes` business minutes after `from`, as stored.
fn due(
    calendar: &BusinessCalendar,
    backend: crate::conn::Backend,
    from: NaiveDateTime,
    minutes: i64,
) -> NaiveDateTime {
    backend.stored_time(
        calendar
            .add_business_minutes(from.and_utc(), minutes)
            .naive_utc(),
    )
}

/// Counts again, on the district's calendar as stored now, up to `limit`
/// inquiries of `district` created at or after `since` and after `after`.
/// Runs in the caller's transaction; on PostgreSQL the chunk's rows are
/// locked until it ends, so a staff change to one of them waits and is
/// counted after, rather than overwritten.
pub fn chunk(
    c: &mut AnyConnection,
    district: DistrictId,
    since: Option<NaiveDateTime>,
    after: Option<Position>,
    limit: i64,
) -> Result<Chunk, StoreError> {
    let backend = c.backend();
    let d = district_rows::by_id(c, district)?;
    let calendar = facts::calendar(&d)?;
    // Before any inquiry, and within what both databases keep.
    let earliest = DateTime::UNIX_EPOCH.naive_utc();
    let since = since.unwrap_or(earliest);
    let (at, id) = after.unwrap_or((earliest, InquiryId(uuid::Uuid::nil())));
    // Written out for each backend, as `as_select` is typed by its backend.
    macro_rules! walk {
        () => {
            inquiries::table
                .inner_join(report_facts::table)
                .filter(inquiries::district_id.eq(district))
                .filter(inquiries::created_at.ge(since))
                .filter(
                    inquiries::created_at
                        .gt(at)
                        .or(inquiries::created_at.eq(at).and(inquiries::id.gt(id))),
                )
                .order((inquiries::created_at.asc(), inquiries::id.asc()))
                .limit(limit)
                .select((
                    FactInputs::as_select(),
                    inquiries::resolution_due_at,
                    inquiries::first_response_minutes,
                    inquiries::resolution_minutes,
                    (
                        report_facts::first_response_due_at,
                        report_facts::first_response_on_time,
                        report_facts::first_response_business_seconds,
                        report_facts::resolution_business_seconds,
                    ),
                ))
        };
    }
    let rows: Vec<Row> = match c {
        AnyConnection::Postgresql(pg) => walk!().for_update().load(pg)?,
        AnyConnection::Sqlite(lite) => walk!().load(lite)?,
    };
    let mut changed = 0;
    for (inputs, resolution_due_at, first_minutes, resolution_minutes, stored) in &rows {
        let mut inputs = inputs.clone().as_stored(backend);
        let first_due = due(
            &calendar,
            backend,
            inputs.created_at,
            first_minutes.unwrap_or(d.first_response_minutes),
        );
        let resolution_due = due(
            &calendar,
            backend,
            inputs.created_at,
            resolution_minutes.unwrap_or(d.resolution_minutes),
        );
        let dues_moved = inputs.first_response_due_at != Some(first_due)
            || *resolution_due_at != Some(resolution_due);
        inputs.first_response_due_at = Some(first_due);
        let fact = facts::fact_row(&inputs, None, &calendar, false)?;
        let r = &fact.row;
        let now = (
            r.first_response_due_at,
            r.first_response_on_time,
            r.first_response_business_seconds,
            r.resolution_business_seconds,
        );
        let facts_moved = now != *stored;
        if dues_moved {
            diesel::update(inquiries::table.find(inputs.id))
                .set((
                    inquiries::first_response_due_at.eq(first_due),
                    inquiries::resolution_due_at.eq(resolution_due),
                ))
                .execute(c)?;
        }
        if facts_moved {
            reports::update_progress(c, &fact)?;
        }
        changed += usize::from(dues_moved || facts_moved);
    }
    Ok(Chunk {
        last: rows.last().map(|(i, ..)| (i.created_at, i.id)),
        read: rows.len(),
        changed,
    })
}
