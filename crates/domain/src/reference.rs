//! The human-friendly per-district reference of an inquiry, e.g. `LKV-1042`.

use serde::{Deserialize, Serialize};

/// A district prefix plus a sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference {
    prefix: String,
    number: u64,
}

/// Why a reference or prefix was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// The prefix is not 2–5 upper-case ASCII letters.
    #[error("prefix must be 2 to 5 capital letters")]
    Prefix,
    /// The text is not `PREFIX-NUMBER`.
    #[error("is not a reference like LKV-1042")]
    Format,
}

/// Checks a district's reference prefix.
pub fn parse_prefix(raw: &str) -> Result<String, ReferenceError> {
    if (2..=5).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(raw.to_owned())
    } else {
        Err(ReferenceError::Prefix)
    }
}

impl Reference {
    /// The reference for inquiry number `number` of the district with `prefix`.
    pub fn new(prefix: &str, number: u64) -> Result<Self, ReferenceError> {
        Ok(Self {
            prefix: parse_prefix(prefix)?,
            number,
        })
    }

    /// Reads `LKV-1042` (case-insensitive, surrounding spaces ignored).
    pub fn parse(raw: &str) -> Result<Self, ReferenceError> {
        let upper = raw.trim().to_ascii_uppercase();
        let (prefix, number) = upper.split_once('-').ok_or(ReferenceError::Format)?;
        let number = number
            .parse::<u64>()
            .ok()
            .filter(|_| number.chars().all(|c| c.is_ascii_digit()))
            .ok_or(ReferenceError::Format)?;
        Self::new(prefix, number).map_err(|_| ReferenceError::Format)
    }

    /// The district prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The sequence number within the district.
    pub fn number(&self) -> u64 {
        self.number
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.prefix, self.number)
    }
}

impl TryFrom<String> for Reference {
    type Error = ReferenceError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_and_parses() {
        let r = Reference::new("LKV", 1042).expect("valid");
        assert_eq!(r.to_string(), "LKV-1042");
        assert_eq!(Reference::parse(" lkv-1042 "), Ok(r));
        assert_eq!(Reference::parse("LKV1042"), Err(ReferenceError::Format));
        assert_eq!(Reference::parse("LKV-+12"), Err(ReferenceError::Format));
        assert_eq!(Reference::parse("L-12"), Err(ReferenceError::Format));
        assert_eq!(Reference::new("lkv", 1), Err(ReferenceError::Prefix));
    }

    proptest! {
        #[test]
        fn round_trips(prefix in "[A-Z]{2,5}", n in any::<u64>()) {
            let r = Reference::new(&prefix, n).expect("valid");
            prop_assert_eq!(Reference::parse(&r.to_string()), Ok(r));
        }
    }
}
