use super::{Branding, DistrictInfo};
use crate::refs::TeamRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// When the district is open to answer, in its own time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessHours {
    /// The open days of the week, Monday first, as `mon`…`sun`.
    pub open_days: Vec<String>,
    /// Opening time on an open day, `HH:MM`.
    pub opens_at: String,
    /// Closing time on an open day, `HH:MM`.
    pub closes_at: String,
    /// Days the district is closed although the weekday is open.
    pub holidays: Vec<NaiveDate>,
}

/// The district's service standard, counted in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// When it is open to answer.
    pub business_hours: BusinessHours,
    /// Its service standard.
    pub standard: StandardSettings,
    /// The team that receives what no routing rule sends elsewhere.
    pub fallback_team: Option<TeamRef>,
}
