//! The wording of every message in every language offered: one TOML file
//! per language (`locales/*.toml`), each with exactly the keys of English.
//! Adding a language is adding its file and its line in [`LANGUAGES`].

use crate::MailError;
use std::collections::BTreeSet;

/// Each language's wording, English first (the fallback).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.toml")),
    ("es", include_str!("../locales/es.toml")),
];

/// One language's wording.
#[derive(Debug)]
pub struct Wording {
    /// Its code, e.g. `es`.
    pub language: &'static str,
    /// How dates are written in it.
    pub locale: chrono::Locale,
    /// strftime pattern for a due time.
    pub due_format: String,
    table: toml::Table,
}

impl Wording {
    /// The text `key` of `section` (`common`, `reply`, …).
    pub fn text(&self, section: &str, key: &str) -> Result<&str, MailError> {
        self.table
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .ok_or_else(|| MailError::Wording(format!("{}: no {section}.{key}", self.language)))
    }
}

/// Every key of `table`, as `section.key`.
fn keys(table: &toml::Table) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (name, value) in table {
        match value.as_table() {
            Some(section) => out.extend(section.keys().map(|k| format!("{name}.{k}"))),
            None => {
                out.insert(name.clone());
            }
        }
    }
    out
}

/// Refuses a language whose keys are not English's.
fn same_keys(code: &str, en: &BTreeSet<String>, these: &BTreeSet<String>) -> Result<(), MailError> {
    if en == these {
        return Ok(());
    }
    let missing: Vec<_> = en.difference(these).collect();
    let extra: Vec<_> = these.difference(en).collect();
    Err(MailError::Wording(format!(
        "{code}: missing {missing:?}, not in English {extra:?}"
    )))
}

/// The wording of every language.
#[derive(Debug)]
pub struct Catalogue {
    languages: Vec<Wording>,
}

impl Catalogue {
    /// Reads every language file, and refuses any whose keys differ from English's.
    pub fn load() -> Result<Self, MailError> {
        let mut languages = Vec::new();
        let mut english: Option<BTreeSet<String>> = None;
        for (code, source) in LANGUAGES {
            let table: toml::Table =
                toml::from_str(source).map_err(|e| MailError::Wording(format!("{code}: {e}")))?;
            let these = keys(&table);
            match &english {
                Some(en) => same_keys(code, en, &these)?,
                None => english = Some(these),
            }
            let field = |k: &str| {
                table
                    .get(k)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
                    .ok_or_else(|| MailError::Wording(format!("{code}: no {k}")))
            };
            let locale = chrono::Locale::try_from(field("locale")?.as_str())
                .map_err(|_| MailError::Wording(format!("{code}: unknown locale")))?;
            let due_format = field("due_format")?;
            languages.push(Wording {
                language: code,
                locale,
                due_format,
                table,
            });
        }
        Ok(Self { languages })
    }

    /// The wording for `language`, or English's when there is none.
    pub fn wording(&self, language: &str) -> &Wording {
        self.languages
            .iter()
            .find(|w| w.language == language)
            .unwrap_or(&self.languages[0])
    }

    /// Whether messages can be written in `language`.
    pub fn offers(&self, language: &str) -> bool {
        self.languages.iter().any(|w| w.language == language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_of_english() {
        let c = Catalogue::load().expect("every language file reads and matches");
        assert!(c.offers("en") && c.offers("es"));
        assert_eq!(c.wording("fr").language, "en", "English when there is none");
        assert_eq!(c.wording("es").language, "es");
    }

    #[test]
    fn a_language_missing_a_key_is_refused() {
        let en: toml::Table = toml::from_str(LANGUAGES[0].1).expect("en");
        let mut es: toml::Table = toml::from_str(LANGUAGES[1].1).expect("es");
        if let Some(t) = es.get_mut("reply").and_then(|r| r.as_table_mut()) {
            t.remove("heading");
        }
        let e = same_keys("es", &keys(&en), &keys(&es)).expect_err("refused");
        assert!(e.to_string().contains("reply.heading"), "{e}");
        assert!(same_keys("es", &keys(&en), &keys(&en)).is_ok());
    }
}
