//! Staff sign-in, token refresh, sign-out and the signed-in user.

use super::read;
use crate::audit::Author;
use crate::auth::{self, random_token, token_hash, AuthStaff};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use heard_domain::account;
use heard_domain::api::*;
use heard_domain::validation::Invalid;
use heard_domain::StaffId;
use heard_store::queries::{auth as tokens, districts, people};
use heard_store::rows::{RefreshTokenRow, StaffRow};
use heard_store::{clock, views, StoreError};

/// A refresh token's row in `session_id`, valid for the configured days.
fn refresh_row(
    state: &AppState,
    refresh_token: &str,
    staff_id: StaffId,
    session_id: &str,
) -> RefreshTokenRow {
    let now = clock::now();
    RefreshTokenRow {
        token_hash: token_hash(refresh_token),
        staff_id,
        expires_at: (now + Duration::days(state.settings.refresh_token_days)).naive_utc(),
        revoked_at: None,
        created_at: now.naive_utc(),
        session_id: session_id.to_owned(),
    }
}

/// Starts a new sign-in session for `staff`.
pub async fn sign_in(
    state: &web::Data<AppState>,
    staff: StaffRow,
) -> Result<LoginResponse, ApiError> {
    let refresh_token = random_token();
    let session_id = uuid::Uuid::new_v4().simple().to_string();
    let row = refresh_row(state, &refresh_token, staff.id, &session_id);
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> { Ok(tokens::insert_refresh(c, &row)?) })
        .await?;
    answer(state, staff, refresh_token, session_id).await
}

/// The tokens and the user for a session whose refresh token is stored.
async fn answer(
    state: &web::Data<AppState>,
    staff: StaffRow,
    refresh_token: String,
    session_id: String,
) -> Result<LoginResponse, ApiError> {
    let minutes = state.settings.access_token_minutes;
    let access = state
        .keys
        .access_token(staff.id, staff.district_id, &session_id, minutes)?;
    let user = read(state, move |c| Ok(views::me(c, &staff)?)).await?;
    Ok(LoginResponse {
        access_token: access,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: minutes * 60,
        user,
    })
}

/// Signs a staff member in.
#[utoipa::path(
    operation_id = "sign_in",
    tag = "staff",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse, description = "Signed in: tokens and the staff member"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Wrong district, email or password"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<web::Json<LoginResponse>> {
    state.limits.sign_in.check(&req)?;
    let LoginRequest {
        district,
        email,
        password,
    } = body.0;
    let mut errors = heard_domain::ValidationErrors::new();
    for (field, value, max) in [
        ("district", &district, 64_i64),
        ("email", &email, 254),
        ("password", &password, 1024),
    ] {
        if heard_domain::text::is_blank(value) {
            errors.add(field, Invalid::Required);
        } else if value.chars().count() as i64 > max {
            errors.add(field, Invalid::TooLong { max });
        } else if field != "password" && value.chars().any(char::is_control) {
            errors.add(field, Invalid::InvalidCharacters);
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let staff = read(&state, move |c| {
        match districts::by_slug(c, district.trim()) {
            Ok(d) => Ok(people::staff_by_email(c, d.id, &email)?),
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    let hash = staff.as_ref().map(|s| s.password_hash.clone());
    let (ok, rehashed) = super::hashing(&state, move || {
        let ok = auth::verify_password(hash.as_deref(), &password);
        // A hash made with earlier settings is replaced while the
        // password is at hand, so every sign-in gets the current cost.
        let stale = ok && hash.as_deref().is_some_and(auth::needs_rehash);
        let rehashed = stale.then(|| auth::hash_password(&password).ok()).flatten();
        (ok, rehashed)
    })
    .await?;
    match (ok, staff) {
        (true, Some(s)) => {
            if let Some(new_hash) = rehashed {
                let id = s.id;
                let stored = state
                    .store
                    .writer
                    .write(move |c| people::set_password_hash(c, id, &new_hash))
                    .await;
                // The sign-in stands either way; the next one tries again.
                if let Err(e) = stored {
                    tracing::warn!(error = %e, "password hash kept with its earlier settings");
                }
            }
            Ok(web::Json(sign_in(&state, s).await?))
        }
        _ => Err(ApiError::Unauthorized(
            "the district, email or password is not right",
        )),
    }
}

/// Exchanges a refresh token (usable once) for new tokens.
#[utoipa::path(
    operation_id = "refresh_tokens",
    tag = "staff",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = LoginResponse, description = "New tokens; the refresh token sent is used up"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "The refresh token is unknown, used, revoked or expired"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<RefreshRequest>,
) -> ApiResult<web::Json<LoginResponse>> {
    state.limits.sign_in.check(&req)?;
    let hash = token_hash(body.0.refresh_token.trim());
    let next = random_token();
    let days = state.settings.refresh_token_days;
    let successor_hash = token_hash(&next);
    // The old token is used up and its successor stored in one write, so
    // the session never looks signed out in between.
    let rotated = state
        .store
        .writer
        .write(move |c| -> Result<Option<(StaffRow, String)>, ApiError> {
            let now = clock::now();
            let Some(used) = tokens::consume_refresh(c, &hash, now.naive_utc())? else {
                return Ok(None);
            };
            let staff = people::staff_by_id(c, used.staff_id)?;
            if staff.active {
                let successor = RefreshTokenRow {
                    token_hash: successor_hash,
                    staff_id: used.staff_id,
                    expires_at: (now + Duration::days(days)).naive_utc(),
                    revoked_at: None,
                    created_at: now.naive_utc(),
                    session_id: used.session_id.clone(),
                };
                tokens::insert_refresh(c, &successor)?;
            }
            Ok(Some((staff, used.session_id)))
        })
        .await?;
    let (staff, session_id) = rotated.ok_or(ApiError::Unauthorized(
        "the refresh token is invalid, used or expired",
    ))?;
    if !staff.active {
        return Err(ApiError::Unauthorized("the account is disabled"));
    }
    Ok(web::Json(answer(&state, staff, next, session_id).await?))
}

/// The signed-in staff member, their roles and teams.
#[utoipa::path(
    operation_id = "get_me",
    tag = "staff",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Me, description = "The signed-in staff member, roles and teams"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn whoami(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<web::Json<Me>> {
    Ok(web::Json(
        read(&state, move |c| {
            let s = people::staff_by_id(c, who.id)?;
            Ok(views::me(c, &s)?)
        })
        .await?,
    ))
}

/// Signs a staff member out.
///
/// Ends the session of the refresh token, or with `everywhere` every session
/// of its staff member, on every browser and device. Access tokens of an
/// ended session stop working at once. Answers 204 also for a token that is
/// unknown or already signed out, so a retry is harmless.
#[utoipa::path(
    operation_id = "sign_out",
    tag = "staff",
    request_body = LogoutRequest,
    responses(
        (status = 204, description = "Signed out, or nothing was signed in with this token"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The body is not a sign-out; `errors` names the field"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LogoutRequest>,
) -> ApiResult<HttpResponse> {
    state.limits.sign_in.check(&req)?;
    let LogoutRequest {
        refresh_token,
        everywhere,
    } = body.0;
    let hash = token_hash(refresh_token.trim());
    let scope = if everywhere {
        tokens::SignOut::Everywhere
    } else {
        tokens::SignOut::Session
    };
    state
        .store
        .writer
        .write(move |c| -> Result<usize, ApiError> {
            Ok(tokens::sign_out(c, &hash, scope, clock::now().naive_utc())?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the signed-in staff member's password. Every other session of
/// theirs ends, on every browser and device; this one stays signed in.
#[utoipa::path(
    operation_id = "change_password",
    tag = "staff",
    security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; other sessions are signed out"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The current password is wrong, or the new one is too short or unchanged; `errors` names the field"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<PasswordChange>,
) -> ApiResult<HttpResponse> {
    state.limits.sign_in.check(&req)?;
    let PasswordChange {
        current_password,
        new_password,
    } = body.0;
    let mut errors = heard_domain::ValidationErrors::new();
    if current_password.is_empty() {
        errors.add("current_password", Invalid::Required);
    } else if current_password.chars().count() > account::MAX_PASSWORD {
        errors.add(
            "current_password",
            Invalid::TooLong {
                max: account::MAX_PASSWORD as i64,
            },
        );
    }
    if let Some(problem) = account::new_password_problem(&new_password, Some(&current_password)) {
        errors.add("new_password", problem);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let id = who.id;
    let stored = read(&state, move |c| {
        Ok(people::staff_by_id(c, id)?.password_hash)
    })
    .await?;
    let new_hash = super::hashing(&state, move || {
        auth::verify_password(Some(&stored), &current_password)
            .then(|| auth::hash_password(&new_password))
            .transpose()
    })
    .await??;
    let Some(new_hash) = new_hash else {
        return Err(ApiError::field("current_password", Invalid::WrongPassword));
    };
    let author = Author::of(&who, &req);
    let session = who.session_id.clone();
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> {
            people::set_password_hash(c, id, &new_hash)?;
            tokens::sign_out_elsewhere(c, id, &session, clock::now().naive_utc())?;
            author.record::<()>(
                c,
                AuditResource::Staff,
                &id.to_string(),
                AuditAction::PasswordChanged,
                None,
                None,
            )?;
            Ok(())
        })
        .await?;
    tracing::info!(staff = %id, "password changed; other sessions signed out");
    Ok(HttpResponse::NoContent().finish())
}
