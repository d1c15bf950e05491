//! One error type for the API, rendered as RFC 9457 problem+json with a
//! stable `type` per kind of problem. Server errors are logged with their
//! cause and shown without it.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use heard_domain::api::Problem;
use heard_domain::case::CaseError;
use heard_domain::validation::{FieldError, Invalid, ValidationErrors};
use heard_store::StoreError;

/// How long a write turned away by a full queue is told to wait: the queue
/// holds seconds of work at most, and drains as fast as the disk commits.
pub const BUSY_RETRY_SECONDS: u64 = 1;

/// Where the problem types live; each kind's slug follows.
pub const PROBLEM_BASE: &str = "https://heard.example/problems/";

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
    /// What the case's rules refuse (409, or 422 for a field).
    #[error(transparent)]
    Case(CaseError),
    /// The request contradicts what is stored (409).
    #[error("{0}")]
    Conflict(String),
    /// What was asked for existed and is used up or expired (410).
    #[error("{0}")]
    Gone(&'static str),
    /// `If-Match` does not match the current version (412).
    #[error("it changed since version {0}; reload it and try again")]
    Stale(i64),
    /// `If-Match` is required (428).
    #[error("send the version your change is based on in If-Match")]
    PreconditionRequired,
    /// A body larger than the operation takes, in bytes (413).
    #[error("the body is larger than {0} bytes")]
    TooLarge(usize),
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

/// Every problem `type` slug the API answers with, and its title.
pub const PROBLEM_TYPES: &[(&str, &str)] = &[
    ("validation", "Invalid input"),
    ("bad-request", "Bad request"),
    ("unauthorized", "Not signed in"),
    ("forbidden", "Not allowed"),
    ("not-found", "Not found"),
    ("method-not-allowed", "Method not allowed"),
    (
        "transition-not-allowed",
        "Not allowed from the current status",
    ),
    ("closed", "The inquiry is closed"),
    ("feedback-not-open", "Feedback is not open yet"),
    ("feedback-given", "Feedback was already given"),
    ("conflict", "Conflict"),
    ("gone", "No longer usable"),
    ("stale", "Changed by someone else"),
    ("precondition-required", "Version required"),
    ("idempotency-mismatch", "Idempotency key reused"),
    ("too-large", "Too large"),
    ("rate-limited", "Too many requests"),
    ("busy", "Busy"),
    ("unavailable", "Service unavailable"),
    ("internal", "Internal error"),
];

impl ApiError {
    /// `field` is `invalid` (422).
    pub fn field(field: &str, invalid: Invalid) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, invalid)])
    }

    fn status_and_slug(&self) -> (StatusCode, &'static str) {
        use StatusCode as S;
        match self {
            ApiError::Invalid(_) => (S::UNPROCESSABLE_ENTITY, "validation"),
            ApiError::BadRequest(_) => (S::BAD_REQUEST, "bad-request"),
            ApiError::Unauthorized(_) => (S::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (S::FORBIDDEN, "forbidden"),
            ApiError::NotFound(_) => (S::NOT_FOUND, "not-found"),
            ApiError::MethodNotAllowed(_) => (S::METHOD_NOT_ALLOWED, "method-not-allowed"),
            ApiError::Case(e) => match e {
                CaseError::Lifecycle(_) => (S::CONFLICT, "transition-not-allowed"),
                CaseError::ClosedTakesNoNotes => (S::CONFLICT, "closed"),
                CaseError::FeedbackNotOpen => (S::CONFLICT, "feedback-not-open"),
                CaseError::FeedbackAlreadyGiven => (S::CONFLICT, "feedback-given"),
                CaseError::NotATeamMember => (S::UNPROCESSABLE_ENTITY, "validation"),
                CaseError::StillKept => (S::CONFLICT, "conflict"),
            },
            ApiError::Conflict(_) => (S::CONFLICT, "conflict"),
            ApiError::Gone(_) => (S::GONE, "gone"),
            ApiError::Stale(_) => (S::PRECONDITION_FAILED, "stale"),
            ApiError::PreconditionRequired => (S::PRECONDITION_REQUIRED, "precondition-required"),
            ApiError::IdempotencyMismatch => (S::UNPROCESSABLE_ENTITY, "idempotency-mismatch"),
            ApiError::TooLarge(_) => (S::PAYLOAD_TOO_LARGE, "too-large"),
            ApiError::TooMany(_) => (S::TOO_MANY_REQUESTS, "rate-limited"),
            ApiError::Busy(_) => (S::SERVICE_UNAVAILABLE, "busy"),
            ApiError::Unavailable(_) => (S::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) => (S::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    fn errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Invalid(errors) => errors.clone(),
            ApiError::Case(CaseError::NotATeamMember) => {
                vec![FieldError::new("assignee_id", Invalid::NotATeamMember)]
            }
            _ => Vec::new(),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, slug) = self.status_and_slug();
        let title = PROBLEM_TYPES
            .iter()
            .find(|(s, _)| *s == slug)
            .map_or("Error", |(_, t)| t);
        let errors = self.errors();
        let detail = match self {
            _ if !errors.is_empty() => errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            ApiError::Internal(_) => "something went wrong on our side; it has been logged".into(),
            ApiError::Unavailable(_) => "the database is unavailable; try again shortly".into(),
            other => other.to_string(),
        };
        Problem {
            kind: format!("{PROBLEM_BASE}{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail: Some(detail),
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status_and_slug().0
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
        match serde_json::to_string(&self.problem()) {
            Ok(body) => res.body(body),
            Err(e) => {
                tracing::error!(error = %e, "problem document did not serialise");
                res.body(r#"{"type":"https://heard.example/problems/internal","title":"Internal error","status":500}"#)
            }
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Invalid(e.0)
    }
}

impl From<CaseError> for ApiError {
    fn from(e: CaseError) -> Self {
        ApiError::Case(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("resource"),
            StoreError::Stale(v) => ApiError::Stale(v),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_a_listed_type() {
        let samples = [
            ApiError::Invalid(vec![]),
            ApiError::Case(CaseError::ClosedTakesNoNotes),
            ApiError::Case(CaseError::NotATeamMember),
            ApiError::Stale(3),
            ApiError::Busy(1),
            ApiError::TooLarge(10),
            ApiError::Internal("boom".into()),
        ];
        for e in samples {
            let p = e.problem();
            let slug = p.kind.trim_start_matches(PROBLEM_BASE);
            assert!(PROBLEM_TYPES.iter().any(|(s, _)| *s == slug), "{slug}");
            assert_ne!(p.title, "Error");
        }
        let internal = ApiError::Internal("secret cause".into()).problem();
        assert!(!internal.detail.unwrap_or_default().contains("secret"));
        let member = ApiError::Case(CaseError::NotATeamMember).problem();
        assert_eq!(member.errors[0].field, "assignee_id");
        assert_eq!(member.status, 422);
    }
}
