//! Reply templates: the answers staff give again and again, written once
//! per language, with placeholders filled in from the inquiry at hand.
//!
//! A placeholder is a name between double braces, `{{reference}}`, spaces
//! inside the braces allowed. Single braces are plain text. A template
//! whose `{{` is not a known placeholder closed by `}}` is refused when it
//! is saved, so no family ever receives a half-filled reply.

use crate::api::TemplateForm;
use crate::inquiry::named_enum;
use crate::text::{Language, TemplateBody, TemplateName};
use crate::validation::{Invalid, ValidationErrors};

named_enum!(
    /// What a template can ask to be filled in.
    Placeholder {
        /// The requester's name, as they gave it.
        RequesterName = "requester_name",
        /// The inquiry's reference, e.g. `LV-2026-000123`.
        Reference = "reference",
        /// When the district will have answered, in the requester's language.
        DueDate = "due_date",
        /// The name of the staff member replying.
        StaffName = "staff_name",
    }
);

impl Placeholder {
    /// How it is written in a template, e.g. `{{reference}}`.
    pub fn written(self) -> String {
        format!("{{{{{}}}}}", self.as_str())
    }
}

/// One piece of a template: text as written, or a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Plain text.
    Text(&'a str),
    /// A placeholder to fill.
    Fill(Placeholder),
}

/// The pieces of `body`, or the first placeholder that is not one, as
/// written (from `{{` to `}}`, or to the end of its line when unclosed).
pub fn pieces(body: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 2..];
        let line_end = after.find('\n').unwrap_or(after.len());
        let Some(close) = after[..line_end].find("}}") else {
            return Err(format!("{{{{{}", &after[..line_end]));
        };
        let name = after[..close].trim();
        match Placeholder::parse(name) {
            Some(p) => out.push(Piece::Fill(p)),
            None => return Err(format!("{{{{{}}}}}", &after[..close])),
        }
        rest = &after[close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// The placeholders `body` uses, each once, in the order they first appear.
pub fn used(body: &str) -> Vec<Placeholder> {
    let mut seen = Vec::new();
    for piece in pieces(body).unwrap_or_default() {
        if let Piece::Fill(p) = piece {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
    }
    seen
}

/// What fills each placeholder for one reply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    /// `{{requester_name}}`.
    pub requester_name: String,
    /// `{{reference}}`.
    pub reference: String,
    /// `{{due_date}}`.
    pub due_date: String,
    /// `{{staff_name}}`.
    pub staff_name: String,
}

impl Values {
    fn of(&self, p: Placeholder) -> &str {
        match p {
            Placeholder::RequesterName => &self.requester_name,
            Placeholder::Reference => &self.reference,
            Placeholder::DueDate => &self.due_date,
            Placeholder::StaffName => &self.staff_name,
        }
    }
}

/// `body` with every placeholder replaced by its value. A body that was
/// never checked and holds an unknown placeholder comes back unchanged.
pub fn fill(body: &str, values: &Values) -> String {
    let Ok(pieces) = pieces(body) else {
        return body.to_owned();
    };
    let mut out = String::with_capacity(body.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Fill(p) => out.push_str(values.of(p)),
        }
    }
    out
}

/// A reply template that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateChange {
    /// Its language, one the district offers.
    pub language: Language,
    /// Its trimmed name.
    pub name: TemplateName,
    /// Its trimmed text, every placeholder known.
    pub body: TemplateBody,
}

/// Checks a template against the languages the district offers, naming
/// every problem at once.
pub fn validate(
    form: &TemplateForm,
    offered: &[Language],
) -> Result<TemplateChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let language = Language::offered(&mut errors, "language", &form.language, offered);
    let name = errors.check("name", TemplateName::parse(&form.name));
    let body = errors.check("body", TemplateBody::parse(&form.body));
    let body = body.filter(|b| match pieces(b.as_str()) {
        Ok(_) => true,
        Err(written) => {
            let allowed = Placeholder::ALL.iter().map(|p| p.written()).collect();
            errors.add("body", Invalid::UnknownPlaceholder { written, allowed });
            false
        }
    });
    match (language, name, body) {
        (Some(language), Some(name), Some(body)) if errors.is_empty() => Ok(TemplateChange {
            language,
            name,
            body,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::ErrorCode;
    use proptest::prelude::*;

    fn values() -> Values {
        Values {
            requester_name: "Ana García".into(),
            reference: "LV-2026-000123".into(),
            due_date: "viernes 4 de diciembre".into(),
            staff_name: "Sam Lee".into(),
        }
    }

    fn form(language: &str, name: &str, body: &str) -> TemplateForm {
        TemplateForm {
            language: language.into(),
            name: name.into(),
            body: body.into(),
        }
    }

    fn offered() -> Vec<Language> {
        ["en", "es"]
            .iter()
            .filter_map(|l| Language::parse(l).ok())
            .collect()
    }

    #[test]
    fn every_placeholder_is_filled() {
        let body = "Hola {{requester_name}}: su consulta {{ reference }} tendrá \
                    respuesta el {{due_date}}.\n{{staff_name}}";
        assert_eq!(
            fill(body, &values()),
            "Hola Ana García: su consulta LV-2026-000123 tendrá respuesta el \
             viernes 4 de diciembre.\nSam Lee"
        );
        assert_eq!(
            used(body),
            [
                Placeholder::RequesterName,
                Placeholder::Reference,
                Placeholder::DueDate,
                Placeholder::StaffName
            ]
        );
    }

    #[test]
    fn single_braces_are_plain_text() {
        let body = "Use {curly} braces or } alone; {{reference}}.";
        assert_eq!(
            fill(body, &values()),
            "Use {curly} braces or } alone; LV-2026-000123."
        );
    }

    #[test]
    fn an_unknown_or_unclosed_placeholder_is_named_as_written() {
        assert_eq!(pieces("Dear {{ parent }},"), Err("{{ parent }}".into()));
        assert_eq!(
            pieces("Dear {{requester_name,\nthanks }}"),
            Err("{{requester_name,".into())
        );
        assert_eq!(pieces("ends {{"), Err("{{".into()));
    }

    #[test]
    fn a_good_template_is_trimmed() {
        let t = validate(
            &form(
                " es ",
                " Recibido ",
                "Hola {{requester_name}},\n\nGracias.\n",
            ),
            &offered(),
        )
        .expect("valid");
        assert_eq!(t.language.as_str(), "es");
        assert_eq!(t.name.as_str(), "Recibido");
        assert_eq!(t.body.as_str(), "Hola {{requester_name}},\n\nGracias.");
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let e = validate(&form("fr", "", "Dear {{parent}}"), &offered()).expect_err("invalid");
        let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            codes,
            [
                ("language", ErrorCode::NotOffered),
                ("name", ErrorCode::Required),
                ("body", ErrorCode::UnknownPlaceholder)
            ]
        );
        let body = &e.0[2];
        assert!(
            body.message.starts_with("has {{parent}}, which"),
            "{}",
            body.message
        );
        assert_eq!(body.allowed.len(), Placeholder::ALL.len());
        assert!(body.allowed.contains(&"{{due_date}}".to_owned()));
        let e = validate(
            &form("en", &"n".repeat(101), &"x".repeat(10_001)),
            &offered(),
        )
        .expect_err("invalid");
        let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            codes,
            [("name", ErrorCode::TooLong), ("body", ErrorCode::TooLong)]
        );
    }

    proptest! {
        // Text without a double brace is never changed.
        #[test]
        fn text_without_placeholders_is_kept(s in "[^{]*") {
            prop_assert_eq!(fill(&s, &values()), s.clone());
            prop_assert!(used(&s).is_empty());
        }

        // Whatever surrounds them, known placeholders are always replaced
        // and the text between them kept in order.
        #[test]
        fn placeholders_are_replaced_in_any_text(
            parts in proptest::collection::vec(("[^{}]{0,12}", 0usize..4), 0..8),
            tail in "[^{}]{0,12}",
        ) {
            let mut body = String::new();
            let mut expected = String::new();
            let v = values();
            for (text, i) in &parts {
                let p = Placeholder::ALL[*i];
                body.push_str(text);
                body.push_str(&p.written());
                expected.push_str(text);
                expected.push_str(v.of(p));
            }
            body.push_str(&tail);
            expected.push_str(&tail);
            prop_assert!(pieces(&body).is_ok());
            prop_assert_eq!(fill(&body, &v), expected);
        }
    }
}
