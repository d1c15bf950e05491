//! What reports read.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The columns the summary needs of one inquiry.
#[derive(Debug, Clone, Queryable)]
pub struct FactRow {
    pub created_at: NaiveDateTime,
    pub first_response_at: Option<NaiveDateTime>,
    pub first_response_due_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub contact_keys: String,
    pub rerouted: bool,
}

/// Scope of a report.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Unit.
    pub unit_id: Option<String>,
    /// Topic.
    pub topic_id: Option<String>,
    /// Team.
    pub team_id: Option<String>,
}

/// Inquiries created in `[from, to)` in scope, with their feedback.
pub fn facts(
    conn: &mut AnyConnection,
    district_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    scope: &Scope,
) -> Result<Vec<(FactRow, Option<FeedbackRow>)>, StoreError> {
    let mut q = inquiries::table
        .left_join(feedback::table)
        .filter(inquiries::district_id.eq(district_id))
        .filter(inquiries::created_at.ge(from))
        .filter(inquiries::created_at.lt(to))
        .select((
            (
                inquiries::created_at,
                inquiries::first_response_at,
                inquiries::first_response_due_at,
                inquiries::resolved_at,
                inquiries::contact_keys,
                inquiries::rerouted,
            ),
            Option::<FeedbackRow>::as_select(),
        ))
        .into_boxed();
    if let Some(u) = &scope.unit_id {
        q = q.filter(inquiries::unit_id.eq(u.clone()));
    }
    if let Some(t) = &scope.topic_id {
        q = q.filter(inquiries::topic_id.eq(t.clone()));
    }
    if let Some(t) = &scope.team_id {
        q = q.filter(inquiries::team_id.eq(t.clone()));
    }
    Ok(q.load(conn)?)
}

/// Who filed an inquiry when in `[from, to)`, anywhere in the district, to find repeat contacts.
pub fn contacts(
    conn: &mut AnyConnection,
    district_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::district_id.eq(district_id))
        .filter(inquiries::created_at.ge(from))
        .filter(inquiries::created_at.lt(to))
        .filter(inquiries::contact_keys.ne(""))
        .select((inquiries::contact_keys, inquiries::created_at))
        .load(conn)?)
}
