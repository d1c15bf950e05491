use crate::ids::{GoalId, TeamId, TopicId, UnitId};
use crate::metrics::Summary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The summary report for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryReport {
    /// Start of the period (inclusive).
    pub from: DateTime<Utc>,
    /// End of the period (exclusive).
    pub to: DateTime<Utc>,
    /// The figures.
    #[serde(flatten)]
    pub summary: Summary,
}

/// A strategic-plan goal and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalView {
    /// The goal's id.
    pub id: GoalId,
    /// As written in the plan, e.g. "Average feedback of 9 or more".
    pub name: String,
    /// The live metric, e.g. `average_feedback`.
    pub metric: String,
    /// `at_least` or `at_most`.
    pub comparison: String,
    /// The target value.
    pub target: f64,
    /// The current value over the goal's period; absent without data.
    pub current: Option<f64>,
    /// Whether the current value meets the target; absent without data.
    pub on_track: Option<bool>,
    /// Start of the goal's period.
    pub period_start: DateTime<Utc>,
    /// End of the goal's period.
    pub period_end: DateTime<Utc>,
    /// The school or department it measures; with `topic_id` and `team_id`
    /// absent, the whole district.
    pub unit_id: Option<UnitId>,
    /// The topic it measures.
    pub topic_id: Option<TopicId>,
    /// The team it measures (the team that has each inquiry now).
    pub team_id: Option<TeamId>,
}

/// Goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalList {
    /// Every goal of the district.
    pub items: Vec<GoalView>,
}
