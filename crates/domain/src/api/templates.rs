//! Reply templates as the district's admins keep them: an answer staff
//! send often, in one of the district's languages, with placeholders such
//! as `{{requester_name}}` filled in when it is used.

use crate::ids::TemplateId;
use crate::template::Placeholder;
use serde::{Deserialize, Serialize};

/// A reply template as its admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyTemplate {
    /// The template's id.
    pub id: TemplateId,
    /// The language it is written in, e.g. `es`.
    pub language: String,
    /// Its name, as staff pick it from a list.
    pub name: String,
    /// Its text, placeholders as written, e.g. `{{reference}}`.
    pub body: String,
    /// The placeholders its text uses, each once, in order of appearance.
    pub placeholders: Vec<Placeholder>,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A reply template as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"language": "en", "name": "We received your message", "body": "Dear {{requester_name}},\n\nThank you for writing. Your reference is {{reference}}; you will hear from us by {{due_date}}.\n\n{{staff_name}}"})))]
pub struct TemplateForm {
    /// One of the languages the district offers, e.g. `es`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[A-Za-z]{2,3}\s*$"))]
    pub language: String,
    /// Its name, 1 to 100 characters, unique in its language.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// Its text, up to 10,000 characters. Placeholders are written between
    /// double braces: `{{requester_name}}`, `{{reference}}`,
    /// `{{due_date}}`, `{{staff_name}}`; any other `{{…}}` is refused.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 10000,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
        )
    )]
    pub body: String,
}

/// A page of reply templates, by language then name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplatePage {
    /// The templates of this page.
    pub items: Vec<ReplyTemplate>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
