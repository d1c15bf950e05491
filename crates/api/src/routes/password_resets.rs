//! Forgotten passwords: a staff member asks for a reset link by email,
//! opens it, and chooses a new password, which ends every other session
//! and signs them in. A link works once and for an hour. Asking answers the
//! same whether or not the address is on the staff, so the form tells
//! nobody who works there.

use super::invitations::{link_info, open_link};
use crate::audit::Author;
use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::invite;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use heard_domain::account::{self, LinkPurpose};
use heard_domain::api::{
    AcceptInvitation, AuditAction, AuditResource, InvitationInfo, LoginResponse,
    PasswordResetRequest, Problem,
};
use heard_domain::validation::Invalid;
use heard_store::queries::{auth as tokens, districts, links, people};
use heard_store::rows::StaffLinkRow;
use heard_store::{clock, AnyConnection, StoreError};

const UNKNOWN: &str = "password-reset link";
const USED_UP: &str =
    "this password-reset link was used already, or has expired; ask for a new one from the sign-in page";
/// A second request this soon after a link was sent sends nothing more,
/// so the form cannot flood somebody's mailbox.
const RESEND_AFTER: Duration = Duration::minutes(5);

fn open(c: &mut AnyConnection, token: &str) -> Result<StaffLinkRow, ApiError> {
    open_link(c, token, LinkPurpose::PasswordReset, UNKNOWN, USED_UP)
}

/// Emails a password-reset link to the staff member with this address.
///
/// Answers 202 whether or not somebody on the district's staff has the
/// address, so that nobody learns who does. Nothing more is sent while a
/// link sent in the last five minutes is still unused.
#[utoipa::path(
    tag = "staff",
    operation_id = "request_password_reset",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address is on the staff, a link is on its way"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is missing or too long; `errors` names it"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/password-resets")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    state.limits.sign_in.check(&req)?;
    let PasswordResetRequest { district, email } = body.0;
    let mut errors = heard_domain::ValidationErrors::new();
    for (field, value, max) in [("district", &district, 64_i64), ("email", &email, 254)] {
        if heard_domain::text::is_blank(value) {
            errors.add(field, Invalid::Required);
        } else if value.chars().count() as i64 > max {
            errors.add(field, Invalid::TooLong { max });
        } else if value.chars().any(char::is_control) {
            errors.add(field, Invalid::InvalidCharacters);
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let keys = state.keys.clone();
    let sent = state
        .store
        .writer
        .write(move |c| -> Result<bool, ApiError> {
            let d = match districts::by_slug(c, district.trim()) {
                Ok(d) => d,
                Err(StoreError::NotFound) => return Ok(false),
                Err(e) => return Err(e.into()),
            };
            let Some(staff) = people::staff_by_email(c, d.id, &email)? else {
                return Ok(false);
            };
            let now = clock::now().naive_utc();
            let recent = links::latest_of(c, staff.id)?.is_some_and(|l| {
                l.purpose == LinkPurpose::PasswordReset
                    && l.used_at.is_none()
                    && l.expires_at > now
                    && l.created_at > now - RESEND_AFTER
            });
            if recent {
                return Ok(false);
            }
            invite::send_link(c, &keys, d.id, staff.id, LinkPurpose::PasswordReset, None)?;
            Ok(true)
        })
        .await?;
    // Logged for the operator; the answer is the same either way.
    tracing::info!(sent, "password reset asked for");
    Ok(HttpResponse::Accepted().finish())
}

/// Who a password-reset link is for, before it is used.
#[utoipa::path(
    tag = "staff",
    operation_id = "get_password_reset",
    params(("token" = String, Path, description = "The token of the password-reset link")),
    responses(
        (status = 200, body = InvitationInfo, description = "Whose password the link resets"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No password-reset link has this token"),
        (status = 410, body = Problem, content_type = "application/problem+json", description = "Used already, or expired"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[get("/password-resets/{token}")]
pub async fn get_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<web::Json<InvitationInfo>> {
    state.limits.sign_in.check(&req)?;
    let token = token.into_inner();
    let info = super::read(&state, move |c| {
        let link = open(c, &token)?;
        link_info(c, &link)
    })
    .await?;
    Ok(web::Json(info))
}

/// Sets the new password chosen through a reset link. Every session of the
/// staff member ends, on every browser and device, and a new one begins.
/// The link is used up.
#[utoipa::path(
    tag = "staff",
    operation_id = "reset_password",
    request_body = AcceptInvitation,
    params(("token" = String, Path, description = "The token of the password-reset link")),
    responses(
        (status = 200, body = LoginResponse, description = "Password changed and signed in"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No password-reset link has this token"),
        (status = 410, body = Problem, content_type = "application/problem+json", description = "Used already, or expired"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The password is too short or too long"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/password-resets/{token}/accept")]
pub async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    body: Json<AcceptInvitation>,
) -> ApiResult<web::Json<LoginResponse>> {
    state.limits.sign_in.check(&req)?;
    let password = body.0.password;
    if let Some(problem) = account::new_password_problem(&password, None) {
        return Err(ApiError::field("password", problem));
    }
    let token = token.into_inner();
    // Checked before the slow hash, so a wrong link costs no hashing.
    let checked = token.clone();
    super::read(&state, move |c| open(c, &checked).map(|_| ())).await?;
    let hash = super::hashing(&state, move || auth::hash_password(&password)).await??;
    let address = crate::audit::address(&req);
    let staff = state
        .store
        .writer
        .write(move |c| {
            let link = open(c, &token)?;
            let staff = people::staff_by_id(c, link.staff_id)?;
            if !staff.active {
                return Err(ApiError::Gone(USED_UP));
            }
            let now = clock::now().naive_utc();
            if !links::use_up(c, link.id, now)? {
                return Err(ApiError::Gone(USED_UP));
            }
            people::set_password_hash(c, staff.id, &hash)?;
            // Whoever knew the old password is signed out too.
            tokens::sign_out_elsewhere(c, staff.id, "", now)?;
            Author::member(link.district_id, staff.id, &staff.name, address).record::<()>(
                c,
                AuditResource::Staff,
                &staff.id.to_string(),
                AuditAction::PasswordReset,
                None,
                None,
            )?;
            Ok::<_, ApiError>(staff)
        })
        .await?;
    tracing::info!(staff = %staff.id, "password reset");
    Ok(web::Json(super::staff_auth::sign_in(&state, staff).await?))
}
