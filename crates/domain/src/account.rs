//! What a staff account's password must be. Length is what makes a
//! password hard to guess (NIST SP 800-63B): no rules about symbols, a long
//! minimum, and room for a passphrase.

use crate::text::is_blank;
use crate::validation::Invalid;

/// The fewest characters a password has.
pub const MIN_PASSWORD: usize = 12;
/// The most: Argon2 takes any length, this bounds the work one sign-in costs.
pub const MAX_PASSWORD: usize = 1024;

/// What is wrong with `new` as the password replacing `current`, if anything.
pub fn new_password_problem(new: &str, current: Option<&str>) -> Option<Invalid> {
    let n = new.chars().count();
    if is_blank(new) {
        Some(Invalid::Required)
    } else if n < MIN_PASSWORD {
        Some(Invalid::TooShort {
            min: MIN_PASSWORD as i64,
        })
    } else if n > MAX_PASSWORD {
        Some(Invalid::TooLong {
            max: MAX_PASSWORD as i64,
        })
    } else if current == Some(new) {
        Some(Invalid::Unchanged)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_new() {
        assert_eq!(new_password_problem("   ", None), Some(Invalid::Required));
        assert_eq!(
            new_password_problem("short pass", None),
            Some(Invalid::TooShort { min: 12 })
        );
        assert_eq!(
            new_password_problem(&"x".repeat(1025), None),
            Some(Invalid::TooLong { max: 1024 })
        );
        let phrase = "correct horse battery staple";
        assert_eq!(
            new_password_problem(phrase, Some(phrase)),
            Some(Invalid::Unchanged)
        );
        assert_eq!(new_password_problem(phrase, Some("old one here!")), None);
        // Letters count, not bytes: twelve accented letters are enough.
        assert_eq!(
            new_password_problem("ñññññññññññ", None),
            Some(Invalid::TooShort { min: 12 })
        );
        assert_eq!(new_password_problem("ññññññññññññ", None), None);
    }
}
