//! Help articles as the district's admins keep them: a question families
//! ask and its answer in Markdown, in one of the district's languages,
//! linked to the topic it answers, and published or kept as a draft.

use crate::ids::{ArticleId, TopicId};
use crate::refs::TopicRef;
use serde::{Deserialize, Serialize};

/// A help article as its admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpArticle {
    /// The article's id.
    pub id: ArticleId,
    /// The language it is written in, e.g. `es`.
    pub language: String,
    /// Its title, a question as families ask it.
    pub title: String,
    /// The answer in Markdown, kept as written: render it with raw HTML
    /// turned off, or show it as text.
    pub body: String,
    /// The topic it answers questions about, if any.
    pub topic: Option<TopicRef>,
    /// Whether families see it; a draft is only seen here.
    pub published: bool,
    /// How many families said it answered their question.
    pub helpful_count: i64,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A help article as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"language": "en", "title": "When does the school bus come?", "body": "Each school's **bus routes** are on its page.\n\nCall the Transportation Team if a bus is more than 15 minutes late.", "topic_id": null, "published": true})))]
pub struct ArticleForm {
    /// One of the languages the district offers, e.g. `es`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[A-Za-z]{2,3}\s*$"))]
    pub language: String,
    /// A question as families ask it, 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub title: String,
    /// The answer in Markdown, up to 20,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20000,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
        )
    )]
    pub body: String,
    /// One of the district's topics it answers; absent for none.
    #[serde(default)]
    pub topic_id: Option<TopicId>,
    /// Whether families see it; absent keeps a new article as a draft.
    #[serde(default)]
    pub published: bool,
}

/// A page of help articles, by language then title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticlePage {
    /// The articles of this page.
    pub items: Vec<HelpArticle>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
