//! Inquiries: intake, the inbox, and versioned updates.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Stores a new inquiry.
pub fn insert(conn: &mut AnyConnection, row: &InquiryRow) -> Result<(), StoreError> {
    diesel::insert_into(inquiries::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// An inquiry of the district.
pub fn by_id(
    conn: &mut AnyConnection,
    district_id: &str,
    id: &str,
) -> Result<InquiryRow, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::id.eq(id))
        .filter(inquiries::district_id.eq(district_id))
        .select(InquiryRow::as_select())
        .first(conn)?)
}

/// The inquiry stored with tracking key `key` (see the column's row field).
pub fn by_tracking_key(conn: &mut AnyConnection, key: &str) -> Result<InquiryRow, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::tracking_token_hash.eq(key))
        .select(InquiryRow::as_select())
        .first(conn)?)
}

/// Writes `row` over the stored inquiry if its version is still `expected`,
/// bumping the version. `Ok(false)` means someone else changed it first.
pub fn update_if_version(
    conn: &mut AnyConnection,
    row: &InquiryRow,
    expected: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        inquiries::table
            .filter(inquiries::id.eq(&row.id))
            .filter(inquiries::version.eq(expected)),
    )
    .set((
        inquiries::status.eq(&row.status),
        inquiries::priority.eq(&row.priority),
        inquiries::team_id.eq(&row.team_id),
        inquiries::assignee_id.eq(&row.assignee_id),
        inquiries::rerouted.eq(row.rerouted),
        inquiries::updated_at.eq(row.updated_at),
        inquiries::first_response_at.eq(row.first_response_at),
        inquiries::resolved_at.eq(row.resolved_at),
        inquiries::version.eq(expected + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A stored idempotency record.
pub fn idempotency(
    conn: &mut AnyConnection,
    district_id: &str,
    key: &str,
) -> Result<Option<IdempotencyRow>, StoreError> {
    Ok(idempotency_keys::table
        .find((district_id, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Which of `keys` the district has already stored.
pub fn known_idempotency_keys(
    conn: &mut AnyConnection,
    district_id: &str,
    keys: &[&str],
) -> Result<Vec<String>, StoreError> {
    Ok(idempotency_keys::table
        .filter(idempotency_keys::district_id.eq(district_id))
        .filter(idempotency_keys::idempotency_key.eq_any(keys))
        .select(idempotency_keys::idempotency_key)
        .load(conn)?)
}

/// Records which inquiry an idempotency key created.
pub fn insert_idempotency(
    conn: &mut AnyConnection,
    row: &IdempotencyRow,
) -> Result<(), StoreError> {
    diesel::insert_into(idempotency_keys::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Which inquiries an inbox lists.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Only these teams (`None`: every team of the district).
    pub teams: Option<Vec<String>>,
    /// Only this assignee.
    pub assignee: Option<String>,
    /// Only inquiries nobody owns.
    pub unassigned: bool,
    /// Only open inquiries unanswered past due at this instant.
    pub overdue_at: Option<NaiveDateTime>,
    /// Only open inquiries.
    pub open_only: bool,
    /// Only these statuses.
    pub statuses: Vec<String>,
    /// Topic.
    pub topic_id: Option<String>,
    /// Unit.
    pub unit_id: Option<String>,
    /// Team.
    pub team_id: Option<String>,
    /// Words in the subject, the requester's name or the reference.
    pub q: Option<String>,
    /// Rows strictly older than this `(created_at, id)`.
    pub before: Option<(NaiveDateTime, String)>,
}

const OPEN: [&str; 4] = ["new", "assigned", "awaiting_requester", "in_progress"];

/// One page of the inbox, newest first; fetches `limit + 1` so the caller knows if there is more.
pub fn inbox(
    conn: &mut AnyConnection,
    district_id: &str,
    filter: &InboxFilter,
    limit: i64,
) -> Result<Vec<InquiryRow>, StoreError> {
    if filter.statuses.len() <= 1 {
        return page(conn, district_id, filter, filter.statuses.first(), limit);
    }
    // Each status from its own stretch of the (district, status, created)
    // index, merged here. PostgreSQL (before 17) cannot keep that index's
    // order for `status IN (…)`, so it would walk the district's newest
    // inquiries instead, and a burst of new ones in front of the page costs
    // a scan over all of them.
    let mut rows = Vec::new();
    for status in &filter.statuses {
        rows.extend(page(conn, district_id, filter, Some(status), limit)?);
    }
    rows.sort_unstable_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    rows.dedup_by(|a, b| a.id == b.id);
    rows.truncate(usize::try_from(limit + 1).unwrap_or(0));
    Ok(rows)
}

/// One page of the inbox with at most one status asked for.
fn page(
    conn: &mut AnyConnection,
    district_id: &str,
    filter: &InboxFilter,
    status: Option<&String>,
    limit: i64,
) -> Result<Vec<InquiryRow>, StoreError> {
    let mut q = inquiries::table
        .filter(inquiries::district_id.eq(district_id))
        .select(InquiryRow::as_select())
        .into_boxed();
    if let Some(teams) = &filter.teams {
        q = q.filter(inquiries::team_id.eq_any(teams.clone()));
    }
    if let Some(a) = &filter.assignee {
        q = q.filter(inquiries::assignee_id.eq(a.clone()));
    }
    if filter.unassigned {
        q = q.filter(inquiries::assignee_id.is_null());
    }
    if filter.open_only || filter.unassigned || filter.overdue_at.is_some() {
        q = q.filter(inquiries::status.eq_any(OPEN));
    }
    if let Some(now) = filter.overdue_at {
        q = q
            .filter(inquiries::first_response_at.is_null())
            .filter(inquiries::first_response_due_at.lt(now));
    }
    if let Some(status) = status {
        q = q.filter(inquiries::status.eq(status.clone()));
    }
    if let Some(t) = &filter.topic_id {
        q = q.filter(inquiries::topic_id.eq(t.clone()));
    }
    if let Some(u) = &filter.unit_id {
        q = q.filter(inquiries::unit_id.eq(u.clone()));
    }
    if let Some(t) = &filter.team_id {
        q = q.filter(inquiries::team_id.eq(t.clone()));
    }
    if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        q = q.filter(
            super::lower(inquiries::subject)
                .like(pattern.clone())
                .escape('\\')
                .or(super::lower(inquiries::reference).eq(text.to_lowercase()))
                .or(super::lower(inquiries::requester_name.assume_not_null())
                    .like(pattern)
                    .escape('\\')),
        );
    }
    if let Some((at, id)) = &filter.before {
        q = q.filter(
            inquiries::created_at.lt(*at).or(inquiries::created_at
                .eq(*at)
                .and(inquiries::id.lt(id.clone()))),
        );
    }
    Ok(
        q.order((inquiries::created_at.desc(), inquiries::id.desc()))
            .limit(limit + 1)
            .load(conn)?,
    )
}
