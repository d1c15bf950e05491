//! The district's audit log, for its admins: every change to its settings,
//! who made it, when, from where, and what it was before and after.

use super::{admins_only, page, page_size, query_text, read};
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{DateTime, Utc};
use heard_domain::api::{AuditPage, AuditResource, Problem};
use heard_domain::validation::Invalid;
use heard_domain::{AuditId, StaffId};
use heard_store::audit::{self, AuditFilter};
use serde::Deserialize;
use utoipa::IntoParams;

/// Which entries, and which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only changes to this kind of setting.
    resource: Option<AuditResource>,
    /// Only changes to this one thing (its id, or for an address the address).
    #[param(max_length = 254, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    resource_id: Option<String>,
    /// Only changes made by this staff member.
    actor_id: Option<StaffId>,
    /// Only changes at or after this time (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Only changes before this time (RFC 3339).
    to: Option<DateTime<Utc>>,
    /// Only changes whose author, thing or settings before or after contain
    /// this text (ASCII letters in any case).
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<AuditId>,
}

/// The district's audit log, newest first.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_audit_entries",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = AuditPage, description = "A page of the audit log"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<AuditQuery>,
) -> ApiResult<web::Json<AuditPage>> {
    admins_only(&who, "the audit log is for the district's admins")?;
    let q = query.0;
    let limit = page_size(q.limit)?;
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if f >= t {
            return Err(ApiError::field("from", Invalid::EmptyPeriod));
        }
    }
    let filter = AuditFilter {
        resource: q.resource,
        resource_id: query_text("resource_id", q.resource_id, 254)?,
        actor: q.actor_id,
        from: q.from.map(|t| t.naive_utc()),
        to: q.to.map(|t| t.naive_utc()),
        text: query_text("q", q.q, 200)?,
    };
    let district = who.district_id;
    let cursor = q.cursor;
    let rows = read(&state, move |c| {
        Ok(audit::list(c, district, &filter, cursor, limit + 1)?)
    })
    .await?;
    let (rows, next_cursor) = page(rows, limit, |r| r.id.to_string());
    let items = rows
        .into_iter()
        .map(crate::audit::view)
        .collect::<Result<_, _>>()?;
    Ok(web::Json(AuditPage { items, next_cursor }))
}
