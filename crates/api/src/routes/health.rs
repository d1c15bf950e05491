//! Liveness and readiness.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diesel::connection::SimpleConnection;

/// The process is up.
#[utoipa::path(
    tag = "health",
    operation_id = "healthz",
    responses((status = 200, description = "The process is up", body = String, content_type = "text/plain", example = "ok"))
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// The database answers.
#[utoipa::path(tag = "health", operation_id = "readyz", responses(
    (status = 200, description = "The database answers", body = String, content_type = "text/plain", example = "ready"),
    (status = 503, description = "Database unreachable", body = heard_domain::api::Problem, content_type = "application/problem+json"),
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    super::read(&state, |c| {
        c.batch_execute("SELECT 1")
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    })
    .await
    .map_err(|e| match e {
        ApiError::Internal(c) => ApiError::Unavailable(c),
        other => other,
    })?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}
