//! The rules a topic keeps: words in every language the district offers,
//! names a family can tell apart, a place in the portal's list.

use crate::api::{TopicForm, TopicText};
use crate::ids::{StaffId, TeamId};
use crate::organisation::same_name;
use crate::text::{is_blank, Language, TopicDescription, TopicName};
use crate::validation::{Invalid, ValidationErrors};
use std::collections::BTreeMap;

/// The last place a topic can have in the portal's list.
pub const MAX_POSITION: i64 = 999;

/// A topic that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicChange {
    /// Trimmed words, one entry for each offered language.
    pub texts: BTreeMap<String, TopicText>,
    /// The team that receives it.
    pub default_team_id: Option<TeamId>,
    /// Who answers for it when a person leaves.
    pub fallback_owner_id: Option<StaffId>,
    /// Where it goes in the list, if the admin said.
    pub position: Option<i64>,
}

impl TopicChange {
    /// Its name and description in `language`, the district's default.
    pub fn default_text(&self, language: &Language) -> Option<&TopicText> {
        self.texts.get(language.as_str())
    }
}

/// Checks a topic against the languages the district offers, default first.
pub fn validate(form: &TopicForm, offered: &[Language]) -> Result<TopicChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let tags: Vec<String> = offered.iter().map(|l| l.as_str().to_owned()).collect();
    let mut texts = BTreeMap::new();
    for (tag, text) in &form.texts {
        if !tags.contains(tag) {
            errors.add(
                format!("texts.{tag}"),
                Invalid::NotOffered {
                    allowed: tags.clone(),
                },
            );
            continue;
        }
        let name = errors.check(&format!("texts.{tag}.name"), TopicName::parse(&text.name));
        let description = if is_blank(&text.description) {
            Some(String::new())
        } else {
            errors
                .check(
                    &format!("texts.{tag}.description"),
                    TopicDescription::parse(&text.description),
                )
                .map(String::from)
        };
        if let (Some(name), Some(description)) = (name, description) {
            texts.insert(
                tag.clone(),
                TopicText {
                    name: name.into(),
                    description,
                },
            );
        }
    }
    for tag in &tags {
        if !form.texts.contains_key(tag) {
            errors.add(format!("texts.{tag}.name"), Invalid::Required);
        }
    }
    if let Some(p) = form.position {
        if !(0..=MAX_POSITION).contains(&p) {
            errors.add(
                "position",
                Invalid::OutOfRange {
                    min: 0,
                    max: MAX_POSITION,
                },
            );
        }
    }
    errors.finish(|| {
        Some(TopicChange {
            texts,
            default_team_id: form.default_team_id,
            fallback_owner_id: form.fallback_owner_id,
            position: form.position,
        })
    })
}

/// The first language in which `change` reads as `other`, a topic the
/// district already has: a family could not tell the two apart there.
pub fn clash<'a>(
    change: &TopicChange,
    other: &'a BTreeMap<String, TopicText>,
) -> Option<(&'a str, &'a str)> {
    change.texts.iter().find_map(|(tag, text)| {
        other
            .get_key_value(tag)
            .filter(|(_, o)| same_name(&o.name, &text.name))
            .map(|(t, o)| (t.as_str(), o.name.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn langs() -> Vec<Language> {
        vec![
            Language::parse("en").expect("en"),
            Language::parse("es").expect("es"),
        ]
    }

    fn text(name: &str, description: &str) -> TopicText {
        TopicText {
            name: name.into(),
            description: description.into(),
        }
    }

    fn form(texts: &[(&str, TopicText)]) -> TopicForm {
        TopicForm {
            texts: texts
                .iter()
                .map(|(t, x)| ((*t).to_owned(), x.clone()))
                .collect(),
            default_team_id: None,
            fallback_owner_id: None,
            position: None,
        }
    }

    fn codes(e: ValidationErrors) -> Vec<(String, ErrorCode)> {
        e.0.into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn words_in_every_language_are_trimmed_and_a_blank_description_is_empty() {
        let c = validate(
            &form(&[
                ("en", text(" Bus & transportation ", " ")),
                ("es", text("Autobús y transporte", " Rutas y paradas. ")),
            ]),
            &langs(),
        )
        .expect("valid");
        assert_eq!(c.texts["en"], text("Bus & transportation", ""));
        assert_eq!(
            c.texts["es"],
            text("Autobús y transporte", "Rutas y paradas.")
        );
        assert_eq!(
            c.default_text(&langs()[0]).map(|t| t.name.as_str()),
            Some("Bus & transportation")
        );
    }

    #[test]
    fn every_missing_or_bad_word_is_named_by_language() {
        let mut f = form(&[
            ("en", text("", &"x".repeat(301))),
            ("fr", text("Transport", "")),
        ]);
        f.position = Some(1000);
        let got = codes(validate(&f, &langs()).expect_err("invalid"));
        assert_eq!(
            got,
            vec![
                ("texts.en.name".into(), ErrorCode::Required),
                ("texts.en.description".into(), ErrorCode::TooLong),
                ("texts.fr".into(), ErrorCode::NotOffered),
                ("texts.es.name".into(), ErrorCode::Required),
                ("position".into(), ErrorCode::OutOfRange),
            ]
        );
    }

    #[test]
    fn a_name_clashes_only_in_the_same_language_ignoring_case() {
        let c = validate(
            &form(&[
                ("en", text("Enrollment", "")),
                ("es", text("Inscripción", "")),
            ]),
            &langs(),
        )
        .expect("valid");
        let other: BTreeMap<String, TopicText> = [
            ("en".to_owned(), text("Inscripción", "")),
            ("es".to_owned(), text("INSCRIPCIÓN ", "")),
        ]
        .into_iter()
        .collect();
        assert_eq!(clash(&c, &other), Some(("es", "INSCRIPCIÓN ")));
        let elsewhere: BTreeMap<String, TopicText> = [("en".to_owned(), text("Inscripción", ""))]
            .into_iter()
            .collect();
        assert_eq!(clash(&c, &elsewhere), None);
    }
}
