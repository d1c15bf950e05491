//! Field-level validation errors, shared by every form and rendered by the API
//! as the `errors` array of a problem+json response. Each carries a stable
//! [`ErrorCode`], which clients translate, beside an English message for
//! people reading the raw answer.

use crate::inquiry::named_enum;
use serde::{Deserialize, Serialize};

named_enum!(
    /// What is wrong with a field. Stable: clients translate by it.
    ErrorCode {
        /// Missing, or nothing but spaces.
        Required = "required",
        /// Longer than `max` characters.
        TooLong = "too_long",
        /// Holds control characters (other than line breaks and tabs in long text).
        InvalidCharacters = "invalid_characters",
        /// Not an email address.
        InvalidEmail = "invalid_email",
        /// Not a phone number of 7 to 15 digits.
        InvalidPhone = "invalid_phone",
        /// Not a language tag such as `en` or `es`.
        InvalidLanguage = "invalid_language",
        /// A language the district does not answer in; `allowed` lists those it does.
        NotOffered = "not_offered",
        /// A number outside `min`..=`max`.
        OutOfRange = "out_of_range",
        /// A number with a fraction where a whole number is needed.
        NotWholeNumber = "not_whole_number",
        /// Not an id (a UUID).
        InvalidId = "invalid_id",
        /// An id of nothing this district has (a topic, school, team…).
        Unknown = "unknown",
        /// None of the values `allowed`.
        InvalidChoice = "invalid_choice",
        /// A value of the wrong JSON type (text where a number belongs…).
        WrongType = "wrong_type",
        /// A field this request does not have.
        UnknownField = "unknown_field",
        /// Not in the form this field takes (a cursor, a version, a date…).
        InvalidFormat = "invalid_format",
        /// Must be left empty (the form's spam trap).
        MustBeEmpty = "must_be_empty",
        /// An email or a phone number is needed, unless the inquiry is anonymous.
        ContactRequired = "contact_required",
        /// An anonymous inquiry carries no name, email or phone.
        AnonymousWithContact = "anonymous_with_contact",
        /// Not an active member of the team who may work its cases.
        NotATeamMember = "not_a_team_member",
        /// A period whose start is not before its end.
        EmptyPeriod = "empty_period",
        /// The same value twice in a list that holds each once.
        Duplicate = "duplicate",
        /// Not a time zone of the IANA database, such as `America/Chicago`.
        UnknownTimeZone = "unknown_time_zone",
        /// A colour too pale to see against white.
        LowContrast = "low_contrast",
        /// Shorter than `min` characters.
        TooShort = "too_short",
        /// Not the password of the signed-in account.
        WrongPassword = "wrong_password",
        /// The same as what it replaces.
        Unchanged = "unchanged",
        /// Typed twice, differently (a new password and its repetition).
        Mismatch = "mismatch",
        /// A period that begins before the one listed before it has ended.
        Overlaps = "overlaps",
        /// A span of days longer than `max` days.
        TooManyDays = "too_many_days",
        /// A `{{placeholder}}` that is not one of those `allowed`, or is
        /// not closed.
        UnknownPlaceholder = "unknown_placeholder",
        /// Belongs to a staff member who was deactivated: reactivated
        /// first, they can be changed again.
        Deactivated = "deactivated",
        /// Takes the admin role away from the admin making the change;
        /// another admin can.
        OwnAdminRole = "own_admin_role",
        /// Leaves out a team whose fallback owner they are, which needs
        /// another fallback owner first.
        FallbackOwner = "fallback_owner",
    }
);

/// What is wrong with a field, with what a translation needs to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// See [`ErrorCode::Required`].
    Required,
    /// See [`ErrorCode::TooLong`].
    TooLong {
        /// The most characters accepted.
        max: i64,
    },
    /// See [`ErrorCode::InvalidCharacters`].
    InvalidCharacters,
    /// See [`ErrorCode::InvalidEmail`].
    InvalidEmail,
    /// See [`ErrorCode::InvalidPhone`].
    InvalidPhone,
    /// See [`ErrorCode::InvalidLanguage`].
    InvalidLanguage,
    /// See [`ErrorCode::NotOffered`].
    NotOffered {
        /// The languages offered.
        allowed: Vec<String>,
    },
    /// See [`ErrorCode::OutOfRange`].
    OutOfRange {
        /// Lowest accepted.
        min: i64,
        /// Highest accepted.
        max: i64,
    },
    /// See [`ErrorCode::NotWholeNumber`].
    NotWholeNumber,
    /// See [`ErrorCode::InvalidId`].
    InvalidId,
    /// See [`ErrorCode::Unknown`]; `what` names the kind of thing, e.g. "a topic".
    Unknown {
        /// "a topic", "a team"…
        what: &'static str,
    },
    /// See [`ErrorCode::InvalidChoice`].
    InvalidChoice {
        /// The values accepted.
        allowed: Vec<String>,
    },
    /// See [`ErrorCode::WrongType`]; `expected` says what belongs there, e.g. "a string".
    WrongType {
        /// What belongs there.
        expected: String,
    },
    /// See [`ErrorCode::UnknownField`].
    UnknownField,
    /// See [`ErrorCode::InvalidFormat`]; `hint` says what the field takes.
    InvalidFormat {
        /// What the field takes, e.g. "the inquiry version, e.g. \"3\"".
        hint: &'static str,
    },
    /// See [`ErrorCode::MustBeEmpty`].
    MustBeEmpty,
    /// See [`ErrorCode::ContactRequired`].
    ContactRequired,
    /// See [`ErrorCode::AnonymousWithContact`].
    AnonymousWithContact,
    /// See [`ErrorCode::NotATeamMember`].
    NotATeamMember,
    /// See [`ErrorCode::EmptyPeriod`].
    EmptyPeriod,
    /// See [`ErrorCode::Duplicate`].
    Duplicate,
    /// See [`ErrorCode::UnknownTimeZone`].
    UnknownTimeZone,
    /// See [`ErrorCode::LowContrast`]; ratios in tenths, so 2.4:1 is 24.
    LowContrast {
        /// The colour's contrast against white, rounded down.
        ratio_tenths: i64,
        /// The least accepted.
        needed_tenths: i64,
    },
    /// See [`ErrorCode::TooShort`].
    TooShort {
        /// The fewest characters accepted.
        min: i64,
    },
    /// See [`ErrorCode::WrongPassword`].
    WrongPassword,
    /// See [`ErrorCode::Unchanged`].
    Unchanged,
    /// See [`ErrorCode::Mismatch`].
    Mismatch,
    /// See [`ErrorCode::Overlaps`].
    Overlaps,
    /// See [`ErrorCode::TooManyDays`].
    TooManyDays {
        /// The most days accepted.
        max: i64,
    },
    /// See [`ErrorCode::UnknownPlaceholder`].
    UnknownPlaceholder {
        /// What was written, from `{{` to `}}` or to the end of its line.
        written: String,
        /// The placeholders accepted, as written in the text.
        allowed: Vec<String>,
    },
    /// See [`ErrorCode::Deactivated`].
    Deactivated,
    /// See [`ErrorCode::OwnAdminRole`].
    OwnAdminRole,
    /// See [`ErrorCode::FallbackOwner`].
    FallbackOwner,
}

impl Invalid {
    /// Its stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Invalid::Required => ErrorCode::Required,
            Invalid::TooLong { .. } => ErrorCode::TooLong,
            Invalid::InvalidCharacters => ErrorCode::InvalidCharacters,
            Invalid::InvalidEmail => ErrorCode::InvalidEmail,
            Invalid::InvalidPhone => ErrorCode::InvalidPhone,
            Invalid::InvalidLanguage => ErrorCode::InvalidLanguage,
            Invalid::NotOffered { .. } => ErrorCode::NotOffered,
            Invalid::OutOfRange { .. } => ErrorCode::OutOfRange,
            Invalid::NotWholeNumber => ErrorCode::NotWholeNumber,
            Invalid::InvalidId => ErrorCode::InvalidId,
            Invalid::Unknown { .. } => ErrorCode::Unknown,
            Invalid::InvalidChoice { .. } => ErrorCode::InvalidChoice,
            Invalid::WrongType { .. } => ErrorCode::WrongType,
            Invalid::UnknownField => ErrorCode::UnknownField,
            Invalid::InvalidFormat { .. } => ErrorCode::InvalidFormat,
            Invalid::MustBeEmpty => ErrorCode::MustBeEmpty,
            Invalid::ContactRequired => ErrorCode::ContactRequired,
            Invalid::AnonymousWithContact => ErrorCode::AnonymousWithContact,
            Invalid::NotATeamMember => ErrorCode::NotATeamMember,
            Invalid::EmptyPeriod => ErrorCode::EmptyPeriod,
            Invalid::Duplicate => ErrorCode::Duplicate,
            Invalid::UnknownTimeZone => ErrorCode::UnknownTimeZone,
            Invalid::LowContrast { .. } => ErrorCode::LowContrast,
            Invalid::TooShort { .. } => ErrorCode::TooShort,
            Invalid::WrongPassword => ErrorCode::WrongPassword,
            Invalid::Unchanged => ErrorCode::Unchanged,
            Invalid::Mismatch => ErrorCode::Mismatch,
            Invalid::Overlaps => ErrorCode::Overlaps,
            Invalid::TooManyDays { .. } => ErrorCode::TooManyDays,
            Invalid::UnknownPlaceholder { .. } => ErrorCode::UnknownPlaceholder,
            Invalid::Deactivated => ErrorCode::Deactivated,
            Invalid::OwnAdminRole => ErrorCode::OwnAdminRole,
            Invalid::FallbackOwner => ErrorCode::FallbackOwner,
        }
    }

    /// The English message, a predicate that follows the field's name.
    pub fn message(&self) -> String {
        match self {
            Invalid::Required => "is required".into(),
            Invalid::TooLong { max } => format!("must be at most {max} characters"),
            Invalid::InvalidCharacters => "contains characters that are not allowed".into(),
            Invalid::InvalidEmail => "is not a valid email address".into(),
            Invalid::InvalidPhone => "is not a valid phone number (7 to 15 digits)".into(),
            Invalid::InvalidLanguage => "is not a language tag such as en or es".into(),
            Invalid::NotOffered { allowed } => format!("must be one of: {}", allowed.join(", ")),
            Invalid::OutOfRange { min, max } => {
                format!("must be a number from {min} to {max}")
            }
            Invalid::NotWholeNumber => "must be a whole number".into(),
            Invalid::InvalidId => crate::ids::NOT_AN_ID.into(),
            Invalid::Unknown { what } => format!("is not {what} of this district"),
            Invalid::InvalidChoice { allowed } => format!("must be one of: {}", allowed.join(", ")),
            Invalid::WrongType { expected } => format!("must be {expected}"),
            Invalid::UnknownField => "is not a field of this request".into(),
            Invalid::InvalidFormat { hint } => format!("must be {hint}"),
            Invalid::MustBeEmpty => "must be left empty".into(),
            Invalid::ContactRequired => {
                "give an email or a phone number so staff can answer, or submit anonymously".into()
            }
            Invalid::AnonymousWithContact => {
                "an anonymous inquiry cannot include a name, email or phone".into()
            }
            Invalid::NotATeamMember => "is not an active member of that team".into(),
            Invalid::EmptyPeriod => "must be before the end of the period".into(),
            Invalid::Duplicate => "is listed twice".into(),
            Invalid::UnknownTimeZone => "is not a time zone such as America/Chicago".into(),
            Invalid::LowContrast {
                ratio_tenths,
                needed_tenths,
            } => format!(
                "has a contrast of {}.{}:1 against white; at least {}.{}:1 is needed to be seen",
                ratio_tenths / 10,
                ratio_tenths % 10,
                needed_tenths / 10,
                needed_tenths % 10
            ),
            Invalid::TooShort { min } => format!("must be at least {min} characters"),
            Invalid::WrongPassword => "is not the password of this account".into(),
            Invalid::Unchanged => "must differ from the one it replaces".into(),
            Invalid::Mismatch => "must be the same both times".into(),
            Invalid::Overlaps => "must begin after the period before it ends".into(),
            Invalid::TooManyDays { max } => {
                format!("must be at most {max} days after the first day")
            }
            Invalid::UnknownPlaceholder { written, allowed } => format!(
                "has {written}, which is not a placeholder; use one of: {}",
                allowed.join(", ")
            ),
            Invalid::Deactivated => {
                "belongs to a staff member who was deactivated; reactivate them first".into()
            }
            Invalid::OwnAdminRole => {
                "must keep admin for yourself; another admin can take it away".into()
            }
            Invalid::FallbackOwner => {
                "leaves out a team they are the fallback owner of; choose another fallback owner for it first".into()
            }
        }
    }
}

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({"field": "subject", "code": "too_long", "message": "must be at most 200 characters", "max": 200}))
)]
pub struct FieldError {
    /// The field's path in the request body (e.g. `requester.email`), or the
    /// name of the query parameter or header.
    pub field: String,
    /// What is wrong, as a stable code to translate.
    pub code: ErrorCode,
    /// What is wrong, in plain English, to follow the field's name.
    pub message: String,
    /// The lowest value (`out_of_range`) or the fewest characters (`too_short`) accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The highest value (`out_of_range`), the most characters
    /// (`too_long`) or the most days (`too_many_days`) accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The values accepted, for `invalid_choice`, `not_offered` and
    /// `unknown_placeholder`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

impl FieldError {
    /// `field` is `invalid`.
    pub fn new(field: impl Into<String>, invalid: Invalid) -> Self {
        let (min, max, allowed) = match &invalid {
            Invalid::TooLong { max } | Invalid::TooManyDays { max } => {
                (None, Some(*max), Vec::new())
            }
            Invalid::TooShort { min } => (Some(*min), None, Vec::new()),
            Invalid::OutOfRange { min, max } => (Some(*min), Some(*max), Vec::new()),
            Invalid::NotOffered { allowed }
            | Invalid::InvalidChoice { allowed }
            | Invalid::UnknownPlaceholder { allowed, .. } => (None, None, allowed.clone()),
            _ => (None, None, Vec::new()),
        };
        Self {
            field: field.into(),
            code: invalid.code(),
            message: invalid.message(),
            min,
            max,
            allowed,
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

    /// Records that `field` is `invalid`.
    pub fn add(&mut self, field: impl Into<String>, invalid: Invalid) {
        self.0.push(FieldError::new(field, invalid));
    }

    /// Runs a parse, keeping its value or recording its error under `field`.
    pub fn check<T, E: Into<Invalid>>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.into());
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
    pub fn single(field: impl Into<String>, invalid: Invalid) -> Self {
        Self(vec![FieldError::new(field, invalid)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_carries_its_code_and_limits() {
        let e = FieldError::new("subject", Invalid::TooLong { max: 200 });
        assert_eq!(e.code, ErrorCode::TooLong);
        assert_eq!(e.max, Some(200));
        assert_eq!(e.message, "must be at most 200 characters");
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(json["code"], "too_long");
        assert!(json.get("allowed").is_none() && json.get("min").is_none());
        let r = FieldError::new("overall", Invalid::OutOfRange { min: 0, max: 10 });
        assert_eq!((r.min, r.max), (Some(0), Some(10)));
    }

    #[test]
    fn every_code_has_its_own_name() {
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorCode::ALL.len());
    }
}
