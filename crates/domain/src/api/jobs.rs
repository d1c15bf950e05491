use crate::ids::{InquiryId, JobId};
use crate::jobs::{JobKind, JobState};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A unit of work after a commit, as admins see it: what it is for, where
/// it stands, and why its last try failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobView {
    /// The job's id, for retrying it.
    pub id: JobId,
    /// What it does.
    pub kind: JobKind,
    /// Where it stands.
    pub state: JobState,
    /// What it is for, in words, e.g. "acknowledgement to the family".
    #[cfg_attr(feature = "openapi", schema(example = "acknowledgement to the family"))]
    pub summary: String,
    /// The inquiry it is about, if any.
    pub inquiry_id: Option<InquiryId>,
    /// Tries started so far (0 once an admin retried it).
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub attempts: u32,
    /// Tries it gets before it is dead.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub max_attempts: u32,
    /// When it is (or was) due.
    pub run_at: DateTime<Utc>,
    /// Why its last try failed.
    pub last_error: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it finished (done or dead).
    pub finished_at: Option<DateTime<Utc>>,
}

/// A page of jobs, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobPage {
    /// The jobs of this page.
    pub items: Vec<JobView>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// An address the district does not write to (it bounced, or its owner
/// asked): no email goes there until it is removed from the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suppression {
    /// The address, lower-cased.
    #[cfg_attr(feature = "openapi", schema(example = "maria@example.org"))]
    pub address: String,
    /// Why, in the admin's words, e.g. "bounced: mailbox does not exist".
    pub reason: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// An address to stop writing to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"address": "maria@example.org", "reason": "bounced: mailbox does not exist"})))]
pub struct SuppressionForm {
    /// The email address.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 254,
            pattern = r"^\s*[^\s@\x00-\x1F\x7F-\x9F]{1,64}@[^\s@.\x00-\x1F\x7F-\x9F]+(\.[^\s@.\x00-\x1F\x7F-\x9F]+)+\s*$"
        )
    )]
    pub address: String,
    /// Why; 1 to 500 characters on one line.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub reason: String,
}

/// A page of suppressed addresses, in alphabetical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuppressionPage {
    /// The addresses of this page.
    pub items: Vec<Suppression>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
