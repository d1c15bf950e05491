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
