//! Validated text values: each newtype can only hold what the district accepts.

use serde::{Deserialize, Serialize};

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but whitespace.
    #[error("is required")]
    Empty,
    /// Longer than the limit, counted in characters.
    #[error("must be at most {0} characters")]
    TooLong(usize),
    /// Contains control characters other than line breaks and tabs.
    #[error("contains characters that are not allowed")]
    ControlCharacters,
    /// Not an email address.
    #[error("is not a valid email address")]
    Email,
    /// Not a phone number.
    #[error("is not a valid phone number (7 to 15 digits)")]
    Phone,
    /// Not a language tag.
    #[error("is not a language tag such as en or es")]
    Language,
}

impl From<TextError> for crate::validation::Invalid {
    fn from(e: TextError) -> Self {
        use crate::validation::Invalid;
        match e {
            TextError::Empty => Invalid::Required,
            TextError::TooLong(max) => Invalid::TooLong {
                max: i64::try_from(max).unwrap_or(i64::MAX),
            },
            TextError::ControlCharacters => Invalid::InvalidCharacters,
            TextError::Email => Invalid::InvalidEmail,
            TextError::Phone => Invalid::InvalidPhone,
            TextError::Language => Invalid::InvalidLanguage,
        }
    }
}

/// Whitespace as JSON Schema patterns (ECMA-262 `\s`) see it, so the
/// published schema and these rules accept exactly the same text.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Nothing but whitespace (or nothing at all).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

fn clean(raw: &str, max: usize, multiline: bool) -> Result<String, TextError> {
    // Limits count the text as sent, so the schema's maxLength means the same.
    if raw.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'));
    if raw.chars().any(bad) {
        return Err(TextError::ControlCharacters);
    }
    let trimmed = trim(raw);
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(trimmed.to_owned())
}

/// JSON Schema pattern of one line of text with something in it.
pub const LINE_PATTERN: &str =
    r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$";
/// JSON Schema pattern of multi-line text with something in it.
pub const TEXT_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";
/// JSON Schema pattern of an optional single line (blank means absent).
pub const OPTIONAL_LINE_PATTERN: &str = r"^[^\x00-\x1F\x7F-\x9F]*$";
/// JSON Schema pattern of an optional email (blank means absent): local part, `@`, dotted domain.
pub const EMAIL_PATTERN: &str = r"^\s*([^\s@\x00-\x1F\x7F-\x9F]{1,64}@[^\s@.\x00-\x1F\x7F-\x9F]+(\.[^\s@.\x00-\x1F\x7F-\x9F]+)+)?\s*$";
/// JSON Schema pattern of an optional phone number: 7 to 15 digits with the usual separators.
pub const PHONE_PATTERN: &str = r"^\s*((?:[-+.() ]*[0-9]){7,15}[-+.() ]*)?\s*$";
/// JSON Schema pattern of an optional language tag.
pub const LANGUAGE_PATTERN: &str = r"^\s*([A-Za-z]{2,3})?\s*$";

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The most characters accepted.
            pub const MAX: usize = $max;

            /// Trims and checks the text.
            pub fn parse(raw: &str) -> Result<Self, TextError> {
                clean(raw, $max, $multiline).map(Self)
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// The one-line subject of an inquiry.
    Subject, 200, false
);
text_type!(
    /// The body of an inquiry or a message.
    Body, 10_000, true
);
text_type!(
    /// A person's name as they give it.
    PersonName, 120, false
);
text_type!(
    /// A feedback comment.
    Comment, 4_000, true
);
text_type!(
    /// Why a staff member moved an inquiry.
    Reason, 500, false
);
text_type!(
    /// The name of a school, department or team.
    PlaceName, 120, false
);
text_type!(
    /// What a family picks to say what their inquiry is about, in one language.
    TopicName, 120, false
);
text_type!(
    /// One sentence saying what belongs under a topic, in one language.
    TopicDescription, 300, false
);
text_type!(
    /// The grades a school teaches, e.g. "K–5".
    GradeBand, 20, false
);
text_type!(
    /// A street address on a few lines.
    PostalAddress, 300, true
);
text_type!(
    /// A district's full name, e.g. "Lakeview Unified School District".
    DistrictName, 200, false
);
text_type!(
    /// The words on the district's "Contact us" tab in one language.
    TabLabel, 40, false
);
text_type!(
    /// The name of a holiday or a school break, e.g. "Winter break".
    ClosureName, 120, false
);
text_type!(
    /// A district's written standard for one service pillar, in one language.
    StandardText, 2_000, true
);

text_type!(
    /// A help article's title, a question as families ask it.
    ArticleTitle, 200, false
);
text_type!(
    /// A help article's answer, in Markdown.
    ArticleBody, 20_000, true
);
text_type!(
    /// A strategic goal's name, as written in the plan.
    GoalName, 200, false
);
text_type!(
    /// A reply template's name, as staff pick it from a list.
    TemplateName, 100, false
);
text_type!(
    /// A reply template's text, with placeholders.
    TemplateBody, 10_000, true
);

/// An email address, kept as typed but trimmed; compared case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Checks the address has a local part (1–64 characters), an `@` and a
    /// dotted domain, with no spaces or control characters: the same rule as
    /// [`EMAIL_PATTERN`].
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        if raw.chars().count() > 254 {
            return Err(TextError::TooLong(254));
        }
        let trimmed = trim(raw);
        if trimmed.is_empty() {
            return Err(TextError::Empty);
        }
        let plain = |c: char| !is_space(c) && !c.is_control() && c != '@';
        let valid = trimmed.split_once('@').is_some_and(|(local, domain)| {
            let labels: Vec<&str> = domain.split('.').collect();
            (1..=64).contains(&local.chars().count())
                && local.chars().all(plain)
                && labels.len() >= 2
                && labels.iter().all(|l| !l.is_empty() && l.chars().all(plain))
        });
        if !valid {
            return Err(TextError::Email);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to recognise the same requester across inquiries.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for Email {
    type Error = TextError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Email> for String {
    fn from(v: Email) -> String {
        v.0
    }
}

/// A phone number: 7 to 15 digits, with the usual separators allowed when typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Accepts digits, spaces, `+`, `-`, `.`, `(` and `)`; keeps it as typed.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        if raw.chars().count() > 32 {
            return Err(TextError::TooLong(32));
        }
        let trimmed = trim(raw);
        if trimmed.is_empty() {
            return Err(TextError::Empty);
        }
        let allowed = |c: char| c.is_ascii_digit() || " +-.()".contains(c);
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        if !trimmed.chars().all(allowed) || !(7..=15).contains(&digits) {
            return Err(TextError::Phone);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The number as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Digits only, used to recognise the same requester across inquiries.
    pub fn normalized(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }
}

impl TryFrom<String> for Phone {
    type Error = TextError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Phone> for String {
    fn from(v: Phone) -> String {
        v.0
    }
}

/// A language the district offers, as a lower-case BCP 47 primary tag (`en`, `es`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(try_from = "String", into = "String")]
pub struct Language(String);

impl Language {
    /// Two or three ASCII letters.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let t = trim(raw).to_ascii_lowercase();
        if (2..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_lowercase()) {
            Ok(Self(t))
        } else {
            Err(TextError::Language)
        }
    }

    /// The language tagged `raw`, if it is one of those `offered`; records
    /// under `field` why not: missing, not a tag, or not offered.
    pub fn offered(
        errors: &mut crate::validation::ValidationErrors,
        field: &str,
        raw: &str,
        offered: &[Language],
    ) -> Option<Language> {
        use crate::validation::Invalid;
        match Self::parse(raw) {
            Ok(l) if offered.contains(&l) => Some(l),
            Ok(_) => {
                let allowed = offered.iter().map(|l| l.as_str().to_owned()).collect();
                errors.add(field, Invalid::NotOffered { allowed });
                None
            }
            Err(_) if raw.trim().is_empty() => {
                errors.add(field, Invalid::Required);
                None
            }
            Err(_) => {
                errors.add(field, Invalid::InvalidLanguage);
                None
            }
        }
    }

    /// English, the default.
    pub fn english() -> Self {
        Self("en".to_owned())
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// Stored exactly as `parse` leaves it, so a stored tag in any other form is not one.
#[cfg(feature = "diesel")]
crate::db::text_column!(Language, "Language", |l| l.as_str(), |raw| Language::parse(
    raw
)
.ok()
.filter(|l| l.as_str() == raw));

impl TryFrom<String> for Language {
    type Error = TextError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Language> for String {
    fn from(v: Language) -> String {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn subject_is_trimmed_and_bounded() {
        assert_eq!(
            Subject::parse("  Bus late ").map(String::from),
            Ok("Bus late".into())
        );
        assert_eq!(Subject::parse("   "), Err(TextError::Empty));
        assert_eq!(
            Subject::parse(&"x".repeat(201)),
            Err(TextError::TooLong(200))
        );
        assert_eq!(Subject::parse("a\nb"), Err(TextError::ControlCharacters));
    }

    #[test]
    fn body_keeps_line_breaks() {
        assert!(Body::parse("line one\nline two\ttabbed").is_ok());
        assert_eq!(Body::parse("nul\u{0}"), Err(TextError::ControlCharacters));
    }

    #[test]
    fn emails() {
        assert!(Email::parse("maria.lopez@example.org").is_ok());
        assert_eq!(
            Email::parse("Maria@Example.org").map(|e| e.normalized()),
            Ok("maria@example.org".into())
        );
        for bad in [
            "maria",
            "maria@",
            "@example.org",
            "maria@example",
            "a b@example.org",
        ] {
            assert_eq!(Email::parse(bad), Err(TextError::Email), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(
            Phone::parse("(555) 010-2030").map(|p| p.normalized()),
            Ok("5550102030".into())
        );
        assert_eq!(Phone::parse("12345"), Err(TextError::Phone));
        assert_eq!(Phone::parse("555-CALL-NOW"), Err(TextError::Phone));
    }

    #[test]
    fn languages() {
        assert_eq!(Language::parse("ES").map(String::from), Ok("es".into()));
        assert_eq!(Language::parse("spanish"), Err(TextError::Language));
    }

    proptest! {
        #[test]
        fn subject_parse_never_exceeds_limit(s in ".{0,400}") {
            if let Ok(v) = Subject::parse(&s) {
                prop_assert!(v.as_str().chars().count() <= Subject::MAX);
                prop_assert!(!v.as_str().is_empty());
                prop_assert_eq!(v.as_str(), v.as_str().trim());
            }
        }

        #[test]
        fn accepted_email_round_trips_through_serde(local in "[a-z]{1,10}", domain in "[a-z]{1,10}") {
            let raw = format!("{local}@{domain}.org");
            let e = Email::parse(&raw).expect("valid");
            let json = serde_json::to_string(&e).expect("serialise");
            prop_assert_eq!(serde_json::from_str::<Email>(&json).expect("parse"), e);
        }
    }
}
