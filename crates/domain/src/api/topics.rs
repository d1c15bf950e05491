//! The topics a family picks from, as the district's admins keep them: a
//! name and a sentence in each language the district offers, the team that
//! receives them, and who answers for them when a person leaves.

use crate::ids::{ArticleId, StaffId, TeamId, TopicId};
use crate::refs::{StaffRef, TeamRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A topic's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Bus & transportation", "description": "Routes, stops, late buses and drivers."})))]
pub struct TopicText {
    /// What families pick, 1 to 120 characters, e.g. "Bus & transportation".
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// One sentence saying what belongs here, up to 300 characters; blank for none.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 300, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")
    )]
    pub description: String,
}

/// A help article linked to a topic, as its list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedArticle {
    /// The article's id.
    pub id: ArticleId,
    /// The language it is written in, e.g. `es`.
    pub language: String,
    /// Its title, a question as families ask it.
    pub title: String,
}

/// A topic as its admins keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Topic {
    /// The topic's id, as inquiries name it.
    pub id: TopicId,
    /// Its name in the district's default language.
    pub name: String,
    /// Its name and description in each language the district offers,
    /// keyed by language tag (`en`, `es`).
    pub texts: BTreeMap<String, TopicText>,
    /// The team that receives its inquiries; the district's fallback team
    /// when absent.
    pub default_team: Option<TeamRef>,
    /// Who takes over its open inquiries when their owner leaves and the
    /// team has no fallback owner of its own.
    pub fallback_owner: Option<StaffRef>,
    /// The help articles that answer questions about it.
    pub articles: Vec<LinkedArticle>,
    /// Where it sits in the portal's list, first at 0.
    pub position: i64,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A topic as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"texts": {"en": {"name": "Bus & transportation", "description": "Routes, stops, late buses and drivers."}, "es": {"name": "Autobús y transporte", "description": "Rutas, paradas, autobuses con retraso y conductores."}}, "default_team_id": null, "fallback_owner_id": null})))]
pub struct TopicForm {
    /// Its name and description in every language the district offers,
    /// keyed by language tag; each name differs from the district's other
    /// topics in that language.
    pub texts: BTreeMap<String, TopicText>,
    /// The team that receives its inquiries; absent for the district's
    /// fallback team.
    #[serde(default)]
    pub default_team_id: Option<TeamId>,
    /// An active staff member who takes over its open inquiries when their
    /// owner leaves; absent for none.
    #[serde(default)]
    pub fallback_owner_id: Option<StaffId>,
    /// Where it sits in the portal's list, 0 to 999; absent puts a new
    /// topic last and leaves a topic where it is.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 999))]
    pub position: Option<i64>,
}

/// A page of topics, in the portal's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicPage {
    /// The topics of this page.
    pub items: Vec<Topic>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
