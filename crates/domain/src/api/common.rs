use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

/// An RFC 9457 problem: what went wrong, and for invalid input, which fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({
        "type": "https://heard.example/problems/validation",
        "title": "Invalid input",
        "status": 422,
        "detail": "subject: is required",
        "errors": [{"field": "subject", "code": "required", "message": "is required"}]
    }))
)]
pub struct Problem {
    /// A URI naming the kind of problem; stable, so clients can act on it
    /// (e.g. `…/problems/stale` means reload and try again).
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem, the same every time.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Every invalid field, for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}
