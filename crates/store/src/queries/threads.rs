//! What has happened on an inquiry: its messages, timeline rows, feedback.
//! Written only by `crate::cases::apply`.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::InquiryId;

/// Messages of an inquiry, oldest first; internal notes only when asked.
pub fn messages(
    conn: &mut AnyConnection,
    inquiry_id: InquiryId,
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

/// The timeline rows of an inquiry, oldest first.
pub fn events(
    conn: &mut AnyConnection,
    inquiry_id: InquiryId,
) -> Result<Vec<EventRow>, StoreError> {
    Ok(events::table
        .filter(events::inquiry_id.eq(inquiry_id))
        .order((events::created_at.asc(), events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// The feedback of an inquiry.
pub fn feedback(
    conn: &mut AnyConnection,
    inquiry_id: InquiryId,
) -> Result<Option<FeedbackRow>, StoreError> {
    Ok(feedback::table
        .find(inquiry_id)
        .select(FeedbackRow::as_select())
        .first(conn)
        .optional()?)
}
