//! Inquiries: intake, the inbox, and versioned updates.

use crate::conn::{AnyConnection, MultiBackend};
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::access::CaseScope;
use heard_domain::{DistrictId, InquiryId, StaffId, Status, TeamId, TopicId, UnitId};

/// An inquiry of the district.
pub fn by_id(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    id: InquiryId,
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

/// A stored idempotency record.
pub fn idempotency(
    conn: &mut AnyConnection,
    district_id: DistrictId,
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
    district_id: DistrictId,
    keys: &[&str],
) -> Result<Vec<String>, StoreError> {
    Ok(idempotency_keys::table
        .filter(idempotency_keys::district_id.eq(district_id))
        .filter(idempotency_keys::idempotency_key.eq_any(keys))
        .select(idempotency_keys::idempotency_key)
        .load(conn)?)
}

/// Which inquiries an inbox lists.
#[derive(Debug, Clone)]
pub struct InboxFilter {
    /// What the staff member may see at all (the access policy's scope).
    pub scope: CaseScope,
    /// Only these teams (`None`: every team of the district).
    pub teams: Option<Vec<TeamId>>,
    /// Only this assignee.
    pub assignee: Option<StaffId>,
    /// Only inquiries nobody owns.
    pub unassigned: bool,
    /// Only open inquiries unanswered past due at this instant.
    pub overdue_at: Option<NaiveDateTime>,
    /// Only open inquiries.
    pub open_only: bool,
    /// Only these statuses.
    pub statuses: Vec<Status>,
    /// Topic.
    pub topic_id: Option<TopicId>,
    /// Unit.
    pub unit_id: Option<UnitId>,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Words in the subject, the requester's name or the reference.
    pub q: Option<String>,
    /// Rows strictly older than this `(created_at, id)`.
    pub before: Option<(NaiveDateTime, InquiryId)>,
}

impl InboxFilter {
    /// Everything `scope` holds, newest first, with no other filter.
    pub fn within(scope: CaseScope) -> Self {
        Self {
            scope,
            teams: None,
            assignee: None,
            unassigned: false,
            overdue_at: None,
            open_only: false,
            statuses: Vec::new(),
            topic_id: None,
            unit_id: None,
            team_id: None,
            q: None,
            before: None,
        }
    }
}

const OPEN: [Status; 4] = [
    Status::New,
    Status::Assigned,
    Status::AwaitingRequester,
    Status::InProgress,
];

/// One page of the inbox, newest first; fetches `limit + 1` so the caller knows if there is more.
pub fn inbox(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    filter: &InboxFilter,
    limit: i64,
) -> Result<Vec<InquiryRow>, StoreError> {
    if filter.statuses.len() <= 1 {
        return page(
            conn,
            district_id,
            filter,
            filter.statuses.first().copied(),
            limit,
        );
    }
    // Each status from its own stretch of the (district, status, created)
    // index, merged here. PostgreSQL (before 17) cannot keep that index's
    // order for `status IN (…)`, so it would walk the district's newest
    // inquiries instead, and a burst of new ones in front of the page costs
    // a scan over all of them.
    let mut rows = Vec::new();
    for status in &filter.statuses {
        rows.extend(page(conn, district_id, filter, Some(*status), limit)?);
    }
    rows.sort_unstable_by_key(|r| std::cmp::Reverse((r.created_at, r.id)));
    rows.dedup_by(|a, b| a.id == b.id);
    rows.truncate(usize::try_from(limit + 1).unwrap_or(usize::MAX));
    Ok(rows)
}

type Condition =
    Box<dyn BoxableExpression<inquiries::table, MultiBackend, SqlType = diesel::sql_types::Bool>>;

/// The rows `scope` holds, as a condition (see `heard_domain::access::CaseScope::contains`).
fn visible(scope: &CaseScope) -> Option<Condition> {
    if scope.everything {
        return None;
    }
    let not_confidential = || Box::new(inquiries::confidential.eq(false)) as Condition;
    // Cases that are not confidential, of any team or of some.
    let shared: Option<Condition> = if scope.every_team {
        Some(not_confidential())
    } else {
        let mut parts: Vec<Condition> = Vec::new();
        if !scope.teams.is_empty() {
            parts.push(Box::new(inquiries::team_id.eq_any(scope.teams.clone())));
        }
        if let Some(me) = scope.recorded_by {
            parts.push(Box::new(inquiries::recorded_by_id.eq(me).assume_not_null()));
        }
        parts
            .into_iter()
            .reduce(|a, b| Box::new(a.or(b)))
            .map(|any| Box::new(not_confidential().and(any)) as Condition)
    };
    let owned: Option<Condition> = scope
        .assigned_to
        .map(|me| Box::new(inquiries::assignee_id.eq(me).assume_not_null()) as Condition);
    Some(match (shared, owned) {
        (Some(s), Some(o)) => Box::new(s.or(o)),
        (Some(s), None) => s,
        (None, Some(o)) => o,
        (None, None) => Box::new(inquiries::id.ne(inquiries::id)),
    })
}

/// One page of the inbox with at most one status asked for.
fn page(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    filter: &InboxFilter,
    status: Option<Status>,
    limit: i64,
) -> Result<Vec<InquiryRow>, StoreError> {
    let mut q = inquiries::table
        .filter(inquiries::district_id.eq(district_id))
        .select(InquiryRow::as_select())
        .into_boxed();
    if let Some(condition) = visible(&filter.scope) {
        q = q.filter(condition);
    }
    if let Some(teams) = &filter.teams {
        q = q.filter(inquiries::team_id.eq_any(teams.clone()));
    }
    if let Some(a) = filter.assignee {
        q = q.filter(inquiries::assignee_id.eq(a));
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
        q = q.filter(inquiries::status.eq(status));
    }
    if let Some(t) = filter.topic_id {
        q = q.filter(inquiries::topic_id.eq(t));
    }
    if let Some(u) = filter.unit_id {
        q = q.filter(inquiries::unit_id.eq(u));
    }
    if let Some(t) = filter.team_id {
        q = q.filter(inquiries::team_id.eq(t));
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
    if let Some((at, id)) = filter.before {
        q = q.filter(
            inquiries::created_at
                .lt(at)
                .or(inquiries::created_at.eq(at).and(inquiries::id.lt(id))),
        );
    }
    Ok(
        q.order((inquiries::created_at.desc(), inquiries::id.desc()))
            .limit(limit + 1)
            .load(conn)?,
    )
}
