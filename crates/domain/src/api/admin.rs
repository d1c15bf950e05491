use super::{Branding, DistrictInfo, TabPosition};
use crate::ids::TeamId;
use crate::pillar::Pillar;
use crate::refs::TeamRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The district's service standard, counted in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandardSettings {
    /// Business minutes within which a first public answer is due.
    pub first_response_minutes: i64,
    /// Business minutes within which an inquiry should be resolved.
    pub resolution_minutes: i64,
}

/// What a district has configured, as its administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictSettings {
    /// The district these settings are of.
    pub district: DistrictInfo,
    /// The capital letters its references start with, e.g. `LKV`.
    pub reference_prefix: String,
    /// The languages it answers in, as BCP 47 tags, its default first.
    pub languages: Vec<String>,
    /// How its "Contact us" tab looks.
    pub branding: Branding,
    /// Business minutes in one business day, the longest open weekday of
    /// its calendar (`/api/v1/admin/calendar`): what the standard's and
    /// the past-due threshold's days mean.
    pub business_day_minutes: i64,
    /// Its service standard.
    pub standard: StandardSettings,
    /// The team that receives what no routing rule sends elsewhere.
    pub fallback_team: Option<TeamRef>,
    /// What the district promises families on each service pillar.
    pub pillar_standards: PillarStandards,
    /// Business days after which an open inquiry counts as past due.
    pub past_due_business_days: i64,
    /// Days an inquiry is kept, once resolved or closed and left untouched,
    /// with its requester's name, email and phone; then a daily pass erases
    /// them (the inquiry, its thread and figures stay, with a
    /// `requester_erased` event). Absent: they are kept for good.
    pub requester_retention_days: Option<i64>,
    /// The settings' version: send it in `If-Match` to change them.
    pub version: i64,
}

/// A district's written standard for each service pillar, as text per
/// language tag (`{"en": "…", "es": "…"}`); a language without one is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PillarStandards {
    /// Courtesy & respect: how families are greeted and treated.
    #[serde(default)]
    pub courtesy: BTreeMap<String, String>,
    /// Communication: how clearly and in which language they are answered.
    #[serde(default)]
    pub communication: BTreeMap<String, String>,
    /// Responsiveness: how soon they are answered and helped.
    #[serde(default)]
    pub responsiveness: BTreeMap<String, String>,
    /// Environment: how welcoming the district's places are.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
}

impl PillarStandards {
    /// Each pillar with its texts.
    pub fn each(&self) -> [(Pillar, &BTreeMap<String, String>); 4] {
        [
            (Pillar::Courtesy, &self.courtesy),
            (Pillar::Communication, &self.communication),
            (Pillar::Responsiveness, &self.responsiveness),
            (Pillar::Environment, &self.environment),
        ]
    }

    /// The texts of `pillar`, to change.
    pub fn of_mut(&mut self, pillar: Pillar) -> &mut BTreeMap<String, String> {
        match pillar {
            Pillar::Courtesy => &mut self.courtesy,
            Pillar::Communication => &mut self.communication,
            Pillar::Responsiveness => &mut self.responsiveness,
            Pillar::Environment => &mut self.environment,
        }
    }
}

/// How the tab looks, as an admin sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingForm {
    /// The tab's words in every language the district offers, by language
    /// tag; 1 to 40 characters each.
    pub tab_labels: BTreeMap<String, String>,
    /// `#RRGGBB`, with a contrast of at least 3:1 against white (WCAG 1.4.11):
    /// it draws borders and bars on white pages.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\s*#[0-9A-Fa-f]{6}\s*$", example = "#0b5c7a")
    )]
    pub color: String,
    /// Where the tab sits.
    pub position: TabPosition,
}

/// Everything an admin sets about the district at once (`PUT`): send the
/// settings as read, changed where they should change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Lakeview Unified School District",
    "slug": "lakeview",
    "time_zone": "America/Chicago",
    "languages": ["en", "es"],
    "branding": {"tab_labels": {"en": "Contact us", "es": "Contáctenos"}, "color": "#0b5c7a", "position": "bottom_right"},
    "standard": {"first_response_minutes": 960, "resolution_minutes": 2400},
    "fallback_team_id": null,
    "pillar_standards": {"courtesy": {"en": "We greet every family by name."}},
    "past_due_business_days": 5,
    "requester_retention_days": 730
})))]
pub struct DistrictForm {
    /// The district's full name; 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// The short name in its addresses: 2 to 40 lower-case letters, digits
    /// and single hyphens. Changing it changes the portal's address.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 40, pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub slug: String,
    /// An IANA time zone, e.g. `America/Chicago`.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 64, example = "America/Chicago")
    )]
    pub time_zone: String,
    /// The languages it answers in, its default first; each one Heard is
    /// translated into.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 8))]
    pub languages: Vec<String>,
    /// How its tab looks.
    pub branding: BrandingForm,
    /// Its service standard in business minutes: 1 to 43,200 each, the
    /// resolution no sooner than the first response.
    pub standard: StandardSettings,
    /// The team that receives what no routing rule sends elsewhere.
    pub fallback_team_id: Option<TeamId>,
    /// What it promises on each pillar, per language it offers; up to 2,000
    /// characters each.
    #[serde(default)]
    pub pillar_standards: PillarStandards,
    /// Business days after which an open inquiry is past due: 1 to 60.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 60))]
    pub past_due_business_days: i64,
    /// Days an inquiry is kept, once resolved or closed and left untouched,
    /// with its requester's name, email and phone, 30 to 3,650; then they
    /// are erased, within minutes of a change here and daily after. `null`
    /// keeps them for good.
    #[cfg_attr(feature = "openapi", schema(minimum = 30, maximum = 3650))]
    pub requester_retention_days: Option<i64>,
}
