//! Addresses a district does not write to: those that bounced, or whose
//! owners asked. Nothing is sent to them until an admin removes them.

use super::{admins_only, page, page_size, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::{
    AuditAction, AuditResource, Problem, Suppression, SuppressionForm, SuppressionPage,
};
use heard_domain::text::{Email, Reason};
use heard_domain::validation::Invalid;
use heard_store::queries::mail;
use heard_store::rows::SuppressionRow;
use heard_store::{clock, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "the mail settings are for the district's admins";

fn view(row: SuppressionRow) -> Suppression {
    Suppression {
        address: row.address,
        reason: row.reason,
        created_at: row.created_at.and_utc(),
    }
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuppressionQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 254, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    cursor: Option<String>,
}

/// The addresses the district does not write to, in alphabetical order.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_mail_suppressions",
    security(("bearer" = [])),
    params(SuppressionQuery),
    responses(
        (status = 200, body = SuppressionPage, description = "A page of suppressed addresses"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/mail-suppressions")]
pub async fn list_suppressions(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<SuppressionQuery>,
) -> ApiResult<web::Json<SuppressionPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let SuppressionQuery { limit, cursor } = query.0;
    let limit = page_size(limit)?;
    if let Some(c) = &cursor {
        if c.chars().count() > 254 {
            return Err(ApiError::field("cursor", Invalid::TooLong { max: 254 }));
        }
        // No address holds them, and PostgreSQL refuses a NUL in text.
        if c.chars().any(char::is_control) {
            return Err(ApiError::field("cursor", Invalid::InvalidCharacters));
        }
    }
    let district = who.district_id;
    let rows = read(&state, move |c| {
        Ok(mail::suppressions(
            c,
            district,
            cursor.as_deref(),
            limit + 1,
        )?)
    })
    .await?;
    let (rows, next_cursor) = page(rows, limit, |s| s.address.clone());
    let items = rows.into_iter().map(view).collect();
    Ok(web::Json(SuppressionPage { items, next_cursor }))
}

/// Stops writing to an address, e.g. one that bounced. Adding one already
/// on the list keeps its first reason.
#[utoipa::path(
    tag = "admin",
    operation_id = "add_mail_suppression",
    security(("bearer" = [])),
    request_body = SuppressionForm,
    responses(
        (status = 201, body = Suppression, description = "Nothing more is sent to the address"),
        (status = 200, body = Suppression, description = "It was on the list already"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names it"),
    )
)]
#[post("/admin/mail-suppressions")]
pub async fn add_suppression(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<SuppressionForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let form = body.0;
    let mut errors = heard_domain::ValidationErrors::new();
    let address = Email::parse(&form.address).map_err(|e| errors.add("address", e.into()));
    let reason = Reason::parse(&form.reason).map_err(|e| errors.add("reason", e.into()));
    let (Ok(address), Ok(reason)) = (address, reason) else {
        return Err(errors.into());
    };
    let row = SuppressionRow {
        district_id: who.district_id,
        address: address.as_str().to_lowercase(),
        reason: reason.as_str().to_owned(),
        created_at: clock::now().naive_utc(),
    };
    let district = who.district_id;
    let (added, stored) = state
        .store
        .writer
        .write(move |c| {
            let added = mail::suppress(c, &row)?;
            let stored =
                mail::suppression(c, district, &row.address)?.ok_or(StoreError::NotFound)?;
            if added {
                author.record(
                    c,
                    AuditResource::MailSuppression,
                    &stored.address,
                    AuditAction::Created,
                    None,
                    Some(&view(stored.clone())),
                )?;
            }
            Ok::<_, ApiError>((added, stored))
        })
        .await?;
    tracing::info!(by = %who.id, added, "address suppressed");
    let mut res = if added {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res.json(view(stored)))
}

/// Writes to an address again.
#[utoipa::path(
    tag = "admin",
    operation_id = "remove_mail_suppression",
    security(("bearer" = [])),
    params(("address" = String, Path, description = "The suppressed email address, e.g. maria@example.org")),
    responses(
        (status = 204, description = "Email goes to the address again"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "The address is not on the list"),
    )
)]
#[delete("/admin/mail-suppressions/{address}")]
pub async fn remove_suppression(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    address: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let address = address.into_inner();
    // Not an address at all: on no list (and PostgreSQL refuses a NUL in text).
    if address.chars().count() > 254 || address.chars().any(char::is_control) {
        return Err(ApiError::NotFound("suppressed address"));
    }
    let removed = state
        .store
        .writer
        .write(move |c| {
            let Some(before) = mail::suppression(c, district, &address)? else {
                return Ok::<_, ApiError>(false);
            };
            let removed = mail::unsuppress(c, district, &before.address)?;
            if removed {
                author.record(
                    c,
                    AuditResource::MailSuppression,
                    &before.address,
                    AuditAction::Deleted,
                    Some(&view(before.clone())),
                    None,
                )?;
            }
            Ok(removed)
        })
        .await?;
    if removed {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound("suppressed address"))
    }
}
