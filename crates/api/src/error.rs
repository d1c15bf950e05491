//! One error type for the API, rendered as RFC 9457 problem+json. Server
//! errors are logged with their cause and shown without it.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use heard_domain::api::Problem;
use heard_domain::validation::{FieldError, ValidationErrors};
use heard_store::StoreError;

/// How long a write turned away by a full queue is told to wait: the queue
/// holds seconds of work at most, and drains as fast as the disk commits.
pub const BUSY_RETRY_SECONDS: u64 = 1;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Invalid input, per field (422).
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A request that cannot be read at all (400).
    #[error("{0}")]
    BadRequest(String),
    /// No valid credentials (401).
    #[error("{0}")]
    Unauthorized(&'static str),
    /// Signed in but not allowed (403).
    #[error("{0}")]
    Forbidden(&'static str),
    /// Nothing here, or nothing this caller may see (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The path exists but not with this method (405); holds the `Allow` list.
    #[error("this path takes only {0}")]
    MethodNotAllowed(String),
    /// The request contradicts the current state (409).
    #[error("{0}")]
    Conflict(String),
    /// `If-Match` does not match the current version (412).
    #[error("the inquiry changed since version {0}; reload it and try again")]
    Stale(i64),
    /// `If-Match` is required (428).
    #[error("send the inquiry version in If-Match")]
    PreconditionRequired,
    /// An `Idempotency-Key` reused with another body (422).
    #[error("this Idempotency-Key was already used with a different request")]
    IdempotencyMismatch,
    /// Too many requests (429), with seconds to wait.
    #[error("too many requests; try again in {0} seconds")]
    TooMany(u64),
    /// Writes arrive faster than they can be stored (503), with seconds to
    /// wait; nothing was stored.
    #[error("more changes are arriving than can be stored right now; nothing was saved, try again in {0} seconds")]
    Busy(u64),
    /// The database is unreachable (503).
    #[error("service unavailable")]
    Unavailable(String),
    /// A bug or an unexpected failure (500); the cause is logged, never shown.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, message)])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid input",
            ),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            ApiError::Unauthorized(_) => {
                (StatusCode::UNAUTHORIZED, "unauthorized", "Not signed in")
            }
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            ApiError::MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            ApiError::Stale(_) => (
                StatusCode::PRECONDITION_FAILED,
                "stale",
                "Changed by someone else",
            ),
            ApiError::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition-required",
                "Version required",
            ),
            ApiError::IdempotencyMismatch => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-mismatch",
                "Idempotency key reused",
            ),
            ApiError::TooMany(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
            ),
            ApiError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy", "Busy"),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, slug, title) = self.parts();
        let (detail, errors) = match self {
            ApiError::Invalid(errors) => (
                Some(
                    errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                errors.clone(),
            ),
            ApiError::Internal(_) => (
                Some("something went wrong on our side; it has been logged".into()),
                vec![],
            ),
            ApiError::Unavailable(_) => (
                Some("the database is unavailable; try again shortly".into()),
                vec![],
            ),
            other => (Some(other.to_string()), vec![]),
        };
        Problem {
            kind: format!("https://heard.example/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            // Under overload this is every request: a warning each would
            // add to the load it reports.
            ApiError::Busy(_) => tracing::debug!("write queue full; answered 503"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let ApiError::TooMany(secs) | ApiError::Busy(secs) = self {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if let ApiError::MethodNotAllowed(allow) = self {
            res.insert_header((header::ALLOW, allow.clone()));
        }
        if matches!(self, ApiError::Unauthorized(_)) {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        res.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Invalid(e.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("resource"),
            StoreError::Conflict(c) => ApiError::Conflict(format!("already exists ({c})")),
            StoreError::Unavailable(c) => ApiError::Unavailable(c),
            StoreError::Busy => ApiError::Busy(BUSY_RETRY_SECONDS),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        StoreError::from(e).into()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// A handler's result.
pub type ApiResult<T> = Result<T, ApiError>;
