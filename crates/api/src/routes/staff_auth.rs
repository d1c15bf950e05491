//! Staff sign-in, token refresh and the signed-in user.

use super::read;
use crate::auth::{self, random_token, token_hash, AuthStaff};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest};
use chrono::Duration;
use heard_domain::api::*;
use heard_domain::validation::Invalid;
use heard_domain::StaffId;
use heard_store::queries::{auth as tokens, districts, people};
use heard_store::rows::{RefreshTokenRow, StaffRow};
use heard_store::{clock, views, StoreError};

async fn issue(state: &web::Data<AppState>, staff: StaffRow) -> Result<LoginResponse, ApiError> {
    let refresh_token = random_token();
    let now = clock::now();
    let row = RefreshTokenRow {
        token_hash: token_hash(&refresh_token),
        staff_id: staff.id,
        expires_at: (now + Duration::days(state.settings.refresh_token_days)).naive_utc(),
        revoked_at: None,
        created_at: now.naive_utc(),
    };
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> { Ok(tokens::insert_refresh(c, &row)?) })
        .await?;
    let minutes = state.settings.access_token_minutes;
    let access = state
        .keys
        .access_token(staff.id, staff.district_id, minutes)?;
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
    tag = "staff",
    operation_id = "sign_in",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse, description = "Signed in: tokens and the staff member"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Wrong district, email or password"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
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
    let (ok, rehashed) = {
        let _slot = state
            .gates
            .passwords
            .acquire()
            .await
            .map_err(|_| ApiError::Unavailable("shutting down".into()))?;
        web::block(move || {
            let ok = auth::verify_password(hash.as_deref(), &password);
            // A hash made with earlier settings is replaced while the
            // password is at hand, so every sign-in gets the current cost.
            let stale = ok && hash.as_deref().is_some_and(auth::needs_rehash);
            let rehashed = stale.then(|| auth::hash_password(&password).ok()).flatten();
            (ok, rehashed)
        })
        .await?
    };
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
            Ok(web::Json(issue(&state, s).await?))
        }
        _ => Err(ApiError::Unauthorized(
            "the district, email or password is not right",
        )),
    }
}

/// Exchanges a refresh token (usable once) for new tokens.
#[utoipa::path(
    tag = "staff",
    operation_id = "refresh_tokens",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = LoginResponse, description = "New tokens; the refresh token sent is used up"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "The refresh token is unknown, used, revoked or expired"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
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
    let staff_id = state
        .store
        .writer
        .write(move |c| -> Result<Option<StaffId>, ApiError> {
            Ok(tokens::consume_refresh(c, &hash, clock::now().naive_utc())?)
        })
        .await?
        .ok_or(ApiError::Unauthorized(
            "the refresh token is invalid, used or expired",
        ))?;
    let staff = read(&state, move |c| Ok(people::staff_by_id(c, staff_id)?)).await?;
    if !staff.active {
        return Err(ApiError::Unauthorized("the account is disabled"));
    }
    Ok(web::Json(issue(&state, staff).await?))
}

/// The signed-in staff member, their roles and teams.
#[utoipa::path(
    tag = "staff",
    operation_id = "get_me",
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
