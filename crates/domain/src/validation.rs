//! Field-level validation errors, shared by every form and rendered by the API
//! as the `errors` array of a problem+json response.

use serde::{Deserialize, Serialize};

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's path in the request body, e.g. `requester.email`.
    pub field: String,
    /// What is wrong, in plain language.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every problem found in one request, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Runs a parse, keeping its value or recording its error under `field`.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.to_string());
                None
            }
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, otherwise every error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }

    /// A single-field error.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }
}
