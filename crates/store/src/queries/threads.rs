//! What happens on an inquiry: messages, timeline events, feedback.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;

/// Adds a message.
pub fn insert_message(conn: &mut AnyConnection, row: &MessageRow) -> Result<(), StoreError> {
    diesel::insert_into(messages::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Messages of an inquiry, oldest first; internal notes only when asked.
pub fn messages(
    conn: &mut AnyConnection,
    inquiry_id: &str,
    with_internal: bool,
) -> Result<Vec<MessageRow>, StoreError> {
    let mut q = messages::table
        .filter(messages::inquiry_id.eq(inquiry_id))
        .select(MessageRow::as_select())
        .into_boxed();
    if !with_internal {
        q = q.filter(messages::internal.eq(false));
    }
    Ok(q.order((messages::created_at.asc(), messages::id.asc()))
        .load(conn)?)
}

/// Adds a timeline event.
pub fn insert_event(conn: &mut AnyConnection, row: &EventRow) -> Result<(), StoreError> {
    diesel::insert_into(events::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The timeline of an inquiry, oldest first.
pub fn events(conn: &mut AnyConnection, inquiry_id: &str) -> Result<Vec<EventRow>, StoreError> {
    Ok(events::table
        .filter(events::inquiry_id.eq(inquiry_id))
        .order((events::created_at.asc(), events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Stores feedback; a second one for the same inquiry is a conflict.
pub fn insert_feedback(conn: &mut AnyConnection, row: &FeedbackRow) -> Result<(), StoreError> {
    diesel::insert_into(feedback::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The feedback of an inquiry.
pub fn feedback(
    conn: &mut AnyConnection,
    inquiry_id: &str,
) -> Result<Option<FeedbackRow>, StoreError> {
    Ok(feedback::table
        .find(inquiry_id)
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()?)
}
