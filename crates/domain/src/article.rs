//! The rules a help article keeps: a title and an answer within their
//! limits, in a language the district offers.

use crate::api::ArticleForm;
use crate::ids::TopicId;
use crate::text::{ArticleBody, ArticleTitle, Language};
use crate::validation::ValidationErrors;

/// A help article that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleChange {
    /// Its language, one the district offers.
    pub language: Language,
    /// Its trimmed title.
    pub title: ArticleTitle,
    /// Its trimmed answer.
    pub body: ArticleBody,
    /// The topic it answers, still to be checked against the district's.
    pub topic_id: Option<TopicId>,
    /// Whether families see it.
    pub published: bool,
}

/// Checks an article against the languages the district offers, naming
/// every problem at once.
pub fn validate(
    form: &ArticleForm,
    offered: &[Language],
) -> Result<ArticleChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let language = Language::offered(&mut errors, "language", &form.language, offered);
    let title = errors.check("title", ArticleTitle::parse(&form.title));
    let body = errors.check("body", ArticleBody::parse(&form.body));
    match (language, title, body) {
        (Some(language), Some(title), Some(body)) if errors.is_empty() => Ok(ArticleChange {
            language,
            title,
            body,
            topic_id: form.topic_id,
            published: form.published,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(language: &str, title: &str, body: &str) -> ArticleForm {
        ArticleForm {
            language: language.into(),
            title: title.into(),
            body: body.into(),
            topic_id: None,
            published: true,
        }
    }

    fn offered() -> Vec<Language> {
        ["en", "es"]
            .iter()
            .filter_map(|l| Language::parse(l).ok())
            .collect()
    }

    fn fields(e: &ValidationErrors) -> Vec<&str> {
        e.0.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn a_good_article_is_trimmed() {
        let a = validate(
            &form(
                " es ",
                "  ¿Cuándo pasa el autobús? ",
                "Vea **la ruta**.\n\nGracias.\n",
            ),
            &offered(),
        )
        .expect("valid");
        assert_eq!(a.language.as_str(), "es");
        assert_eq!(a.title.as_str(), "¿Cuándo pasa el autobús?");
        assert_eq!(a.body.as_str(), "Vea **la ruta**.\n\nGracias.");
        assert!(a.published);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let e = validate(&form("fr", "", &"x".repeat(20_001)), &offered()).expect_err("invalid");
        assert_eq!(fields(&e), ["language", "title", "body"]);
        let e = validate(&form("", "Title\u{7}", "ok"), &offered()).expect_err("invalid");
        assert_eq!(fields(&e), ["language", "title"]);
        let e = validate(&form("english", "A title", "Body"), &offered()).expect_err("invalid");
        assert_eq!(fields(&e), ["language"]);
    }
}
