//! Queries, written once for both backends.

pub mod articles;
pub mod auth;
pub mod districts;
pub mod goals;
pub mod inquiries;
pub mod links;
pub mod mail;
pub mod members;
pub mod organisation;
pub mod people;
pub mod templates;
pub mod threads;
pub mod topics;

diesel::define_sql_function! {
    /// Lower-cases text, so searches ignore case on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// `%text%` for LIKE, with LIKE's own wildcards in `text` taken literally.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for ch in text.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// A change made at a version: one row, or somebody changed it first (412).
pub(crate) fn stale_unless_one(n: usize, expected: i64) -> Result<(), crate::error::StoreError> {
    if n == 1 {
        Ok(())
    } else {
        Err(crate::error::StoreError::Stale(expected))
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_are_searched_for_as_they_are() {
        assert_eq!(contains_pattern("50%_A\\b"), "%50\\%\\_a\\\\b%");
    }
}
