//! The district's staff as its admins keep them: who works here, in which
//! teams and languages, who is away, and who has left.

use crate::ids::{InquiryId, StaffId, TeamId};
use crate::refs::{StaffRef, TeamRef, TopicRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Dates a staff member is out of the office, both days included, in the
/// district's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"from": "2026-12-21", "until": "2027-01-04"})))]
pub struct Away {
    /// The first day away.
    pub from: NaiveDate,
    /// The last day away, on or after `from`.
    pub until: NaiveDate,
}

/// Where a staff member stands with the district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StaffStanding {
    /// Invited, has not chosen a password yet.
    Invited,
    /// Signs in and works.
    Active,
    /// Left: cannot sign in; kept so the history still names them.
    Deactivated,
}

/// A staff member as the district's admins see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    /// Their staff id.
    pub id: StaffId,
    /// Their name as colleagues and families see it.
    pub name: String,
    /// Their work email, which they sign in with.
    pub email: String,
    /// What they may do; several roles add up.
    pub roles: Vec<crate::Role>,
    /// The teams whose queues they work, by name.
    pub teams: Vec<TeamRef>,
    /// The languages they answer in.
    pub languages: Vec<String>,
    /// Invited, active or deactivated.
    pub standing: StaffStanding,
    /// While invited: when their latest invitation link stops working
    /// (in the past when it has expired and should be sent again).
    pub invitation_expires_at: Option<DateTime<Utc>>,
    /// When they are out of the office, if they said so.
    pub away: Option<Away>,
    /// When they were deactivated.
    pub deactivated_at: Option<DateTime<Utc>>,
    /// When they were added.
    pub created_at: DateTime<Utc>,
    /// Its version: send it in `If-Match` to change or deactivate them.
    pub version: i64,
}

/// A page of the district's staff, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPage {
    /// The staff members of this page.
    pub items: Vec<StaffMember>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A staff member as an admin writes them: everything but the email, which
/// is theirs to sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Dana Whitfield", "roles": ["agent"], "team_ids": [], "languages": ["en", "es"], "away": {"from": "2026-12-21", "until": "2027-01-04"}})))]
pub struct StaffForm {
    /// Their name as colleagues and families see it, 1 to 120 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// What they may do; at least one role.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub roles: Vec<crate::Role>,
    /// The teams they are in; leaving one whose fallback owner they are
    /// waits until the team has another (409).
    #[serde(default)]
    pub team_ids: Vec<TeamId>,
    /// The languages they answer in, among the district's; the district's
    /// default when none are given.
    #[serde(default)]
    pub languages: Vec<String>,
    /// When they are out of the office; absent when they are not.
    #[serde(default)]
    pub away: Option<Away>,
}

/// An open inquiry that a deactivated member owned, and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandedOver {
    /// The inquiry's id.
    pub inquiry_id: InquiryId,
    /// The reference the family quotes, e.g. `LKV-1042`.
    pub reference: String,
    /// The team whose queue holds it, which it stays with.
    pub team: TeamRef,
    /// Its new owner, the team's fallback owner; absent when it went back
    /// to the team's queue, the team having no fallback owner who can take it.
    pub assignee: Option<StaffRef>,
}

/// A staff member deactivated, and what became of their work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deactivation {
    /// The member as they are now.
    pub staff: StaffMember,
    /// The open inquiries they owned, each handed over with an event on
    /// its timeline.
    pub handed_over: Vec<HandedOver>,
    /// The teams that had them as fallback owner and now have none.
    pub fallback_cleared: Vec<TeamRef>,
    /// The topics that had them as fallback owner and now have none.
    pub topic_fallback_cleared: Vec<TopicRef>,
}
