//! Strategic goals as the district's admins keep them: a target for one of
//! the summary's live metrics, over a period of days, for the whole
//! district or one school, topic or team.

use crate::ids::{GoalId, TeamId, TopicId, UnitId};
use crate::refs::{TeamRef, TopicRef, UnitRef};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A strategic goal as its admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    /// The goal's id.
    pub id: GoalId,
    /// As written in the plan, e.g. "Average feedback of 9 or more".
    pub name: String,
    /// The live metric it tracks, e.g. `average_feedback`.
    pub metric: String,
    /// `at_least` or `at_most`.
    pub comparison: String,
    /// The target value, in the metric's unit.
    pub target: f64,
    /// The first day of its period, in the district's time zone.
    pub first_day: NaiveDate,
    /// The last day of its period, in the district's time zone.
    pub last_day: NaiveDate,
    /// The school or department it is for; absent with `topic` and `team`
    /// for the whole district.
    pub unit: Option<UnitRef>,
    /// The topic it is for.
    pub topic: Option<TopicRef>,
    /// The team it is for.
    pub team: Option<TeamRef>,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A strategic goal as an admin writes it. It covers the whole district,
/// or one school or department, one topic or one team: give at most one
/// of `unit_id`, `topic_id` and `team_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Answer within one business day (median)", "metric": "first_response_business_median_hours", "comparison": "at_most", "target": 8.5, "first_day": "2026-08-01", "last_day": "2027-06-30", "unit_id": null, "topic_id": null, "team_id": null})))]
pub struct GoalForm {
    /// As written in the plan, 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// The metric it tracks: `average_feedback` (0–10), `nps` (−100–100),
    /// `standard_met_pct`, `survey_response_rate_pct`,
    /// `repeat_contact_rate_pct`, `misroute_rate_pct` (0–100), or
    /// `first_response_business_median_hours`,
    /// `resolution_business_median_hours` (0–8,760).
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^\s*(average_feedback|nps|standard_met_pct|survey_response_rate_pct|repeat_contact_rate_pct|misroute_rate_pct|first_response_business_median_hours|resolution_business_median_hours)\s*$"
        )
    )]
    pub metric: String,
    /// `at_least` (the metric should reach the target) or `at_most` (it
    /// should stay below it).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*(at_least|at_most)\s*$"))]
    pub comparison: String,
    /// The target, in the metric's unit and within its range.
    #[cfg_attr(feature = "openapi", schema(minimum = -100.0, maximum = 8760.0))]
    pub target: f64,
    /// The first day of the period, in the district's time zone.
    pub first_day: NaiveDate,
    /// The last day of the period, on or after `first_day`, at most five
    /// years after it.
    pub last_day: NaiveDate,
    /// One of the district's schools or departments, for a goal of its own.
    #[serde(default)]
    pub unit_id: Option<UnitId>,
    /// One of the district's topics, for a goal of its own.
    #[serde(default)]
    pub topic_id: Option<TopicId>,
    /// One of the district's teams, for a goal of its own.
    #[serde(default)]
    pub team_id: Option<TeamId>,
}

/// A page of strategic goals, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalPage {
    /// The goals of this page.
    pub items: Vec<Goal>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
