//! The outbox: every case event is published here by the transaction that
//! stores it ([`publish`], called by the two places that store events: the
//! intake batch and [`crate::cases::apply`]), so an event is published
//! exactly when its change is stored. A dispatcher reads what is [`pending`]
//! and [`hand_on`]s it as jobs; handing on is idempotent (jobs are unique by
//! kind and key), so two servers dispatching the same entry do no harm.

use crate::error::StoreError;
use crate::jobs;
use crate::rows::{EventRow, JobRow, OutboxRow};
use crate::schema::outbox;
use crate::AnyConnection;
use diesel::prelude::*;
use heard_domain::EventId;

/// Well within SQLite's limit on the values bound to one statement.
const CHUNK: usize = 512;

/// Publishes `events`, in the caller's transaction: one multi-row insert
/// per chunk.
pub fn publish(c: &mut AnyConnection, events: &[EventRow]) -> Result<(), StoreError> {
    let entries: Vec<OutboxRow> = events
        .iter()
        .map(|e| OutboxRow {
            event_id: e.id,
            district_id: e.district_id,
            inquiry_id: e.inquiry_id,
            kind: e.kind.clone(),
            created_at: e.created_at,
        })
        .collect();
    for chunk in entries.chunks(CHUNK) {
        crate::insert_batch!(&mut *c, outbox::table, chunk)?;
    }
    Ok(())
}

/// Up to `limit` entries not yet handed on, oldest first (event ids are
/// ordered by time).
pub fn pending(c: &mut AnyConnection, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    Ok(outbox::table
        .order(outbox::event_id)
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(c)?)
}

/// How many entries wait.
pub fn waiting(c: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(outbox::table.count().get_result(c)?)
}

/// Removes `entries` and enqueues `jobs` in one transaction: what they cause
/// is kept exactly when they are gone. Answers how many jobs were new.
pub fn hand_on(
    c: &mut AnyConnection,
    entries: &[EventId],
    new_jobs: &[JobRow],
) -> Result<usize, StoreError> {
    c.transaction(|c| {
        let added = jobs::enqueue(c, new_jobs)?;
        for chunk in entries.chunks(CHUNK) {
            diesel::delete(outbox::table.filter(outbox::event_id.eq_any(chunk))).execute(c)?;
        }
        Ok(added)
    })
}
