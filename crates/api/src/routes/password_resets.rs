//! Forgotten passwords: a staff member asks for a reset link by email,
//! opens it, and chooses a new password, which ends every other session
//! and signs them in. A link works once and for an hour. Asking answers the
//! same whether or not the address is on the staff, so the form tells
//! nobody who works there.

use super::staff_links::LinkKind;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::invite;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use heard_domain::account::LinkPurpose;
use heard_domain::api::{
    AcceptInvitation, AuditAction, InvitationInfo, LoginResponse, PasswordResetRequest, Problem,
};
use heard_domain::validation::Invalid;
use heard_store::queries::{districts, links, people};
use heard_store::{clock, StoreError};

/// Password-reset links, and what their answers say.
static PASSWORD_RESET: LinkKind = LinkKind {
    purpose: LinkPurpose::PasswordReset,
    unknown: "password-reset link",
    used_up: "this password-reset link was used already, or has expired; ask for a new one from the sign-in page",
    action: AuditAction::PasswordReset,
};

/// A second request this soon after a link was sent sends nothing more,
/// so the form cannot flood somebody's mailbox.
const RESEND_AFTER: Duration = Duration::minutes(5);

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
    Ok(web::Json(
        PASSWORD_RESET.info(&state, token.into_inner()).await?,
    ))
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
    let signed_in = PASSWORD_RESET
        .choose_password(&state, &req, token.into_inner(), body.0.password)
        .await?;
    Ok(web::Json(signed_in))
}
