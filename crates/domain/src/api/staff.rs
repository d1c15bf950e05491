use super::{FeedbackView, NamedRef};
use crate::ids::{InquiryId, MessageId, StaffId, TeamId};
use crate::inquiry::{Channel, Kind, Priority, RequesterRole, Status};
use crate::lifecycle::StatusAction;
use crate::routing::RoutingTrace;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A staff sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// District slug, e.g. `lakeview`.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 64
        )
    )]
    pub district: String,
    /// Work email.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 254
        )
    )]
    pub email: String,
    /// Password.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[\s\S]*[^\s][\s\S]*$", min_length = 1, max_length = 1024)
    )]
    pub password: String,
}

/// Tokens for a signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Short-lived JWT for the `Authorization: Bearer` header.
    pub access_token: String,
    /// Long-lived token to get a new access token; keep it secret.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The signed-in user.
    pub user: Me,
}

/// Exchanges a refresh token for new tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token from sign-in or the previous refresh.
    pub refresh_token: String,
}

/// Signs out: ends a sign-in session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutRequest {
    /// The refresh token of the session to end: from sign-in or the latest
    /// refresh (an earlier one of the same session works too).
    pub refresh_token: String,
    /// Also end every other session of the same staff member, on every
    /// browser and device. Default `false`.
    #[serde(default)]
    pub everywhere: bool,
}

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Configures the district; sees everything.
    Admin,
    /// Leads teams; sees their teams' work and reports.
    Lead,
    /// Works their teams' queues.
    Agent,
    /// Logs phone calls and walk-ins.
    Recorder,
    /// Reads reports.
    Analyst,
}

impl Role {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Lead => "lead",
            Role::Agent => "agent",
            Role::Recorder => "recorder",
            Role::Analyst => "analyst",
        }
    }

    /// The role with this stable name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Role::Admin,
            Role::Lead,
            Role::Agent,
            Role::Recorder,
            Role::Analyst,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// May see every inquiry of the district, not only their teams'.
    pub fn sees_all(self) -> bool {
        matches!(self, Role::Admin | Role::Analyst)
    }

    /// May read district reports.
    pub fn reads_reports(self) -> bool {
        matches!(self, Role::Admin | Role::Lead | Role::Analyst)
    }
}

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// Id.
    pub id: StaffId,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// Teams they belong to.
    pub teams: Vec<NamedRef>,
    /// Their district.
    pub district: super::DistrictInfo,
}

/// Which queue to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InboxView {
    /// Assigned to me.
    Mine,
    /// My teams' inquiries.
    #[default]
    Team,
    /// My teams' inquiries nobody owns yet.
    Unassigned,
    /// Open inquiries past their first-response due time.
    Overdue,
    /// Everything I may see.
    All,
}

/// One row of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// Id.
    pub id: InquiryId,
    /// Reference, e.g. `LKV-1042`.
    pub reference: String,
    /// Subject.
    pub subject: String,
    /// Kind.
    pub kind: Kind,
    /// Status.
    pub status: Status,
    /// Priority.
    pub priority: Priority,
    /// Topic.
    pub topic: NamedRef,
    /// School or department.
    pub unit: Option<NamedRef>,
    /// Team.
    pub team: NamedRef,
    /// Owner.
    pub assignee: Option<NamedRef>,
    /// Requester's name, if given.
    pub requester_name: Option<String>,
    /// Received.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// First response due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// First public response, if any.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Open and unanswered past its due time.
    pub overdue: bool,
}

/// A page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxPage {
    /// Rows, newest first.
    pub items: Vec<InboxItem>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The requester as staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequesterView {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Role.
    pub role: RequesterRole,
    /// Language to answer in.
    pub preferred_language: String,
    /// Submitted anonymously.
    pub anonymous: bool,
}

/// A message as staff see it, internal notes included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMessage {
    /// Id.
    pub id: MessageId,
    /// Staff-only note.
    pub internal: bool,
    /// Family or staff.
    pub author: super::Author,
    /// The staff author.
    pub staff: Option<NamedRef>,
    /// Text.
    pub body: String,
    /// Written.
    pub created_at: DateTime<Utc>,
}

/// One entry of the case timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    /// Id.
    pub id: uuid::Uuid,
    /// E.g. `inquiry.status_changed`.
    pub kind: String,
    /// Who did it: a staff name, `requester` or `system`.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What changed.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// The whole case, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquiryDetail {
    /// Id.
    pub id: InquiryId,
    /// Reference.
    pub reference: String,
    /// Version for `If-Match`; also sent as the `ETag` header.
    pub version: i64,
    /// Kind.
    pub kind: Kind,
    /// Channel.
    pub channel: Channel,
    /// Status.
    pub status: Status,
    /// Priority.
    pub priority: Priority,
    /// Topic.
    pub topic: NamedRef,
    /// School or department.
    pub unit: Option<NamedRef>,
    /// Team.
    pub team: NamedRef,
    /// Owner.
    pub assignee: Option<NamedRef>,
    /// Subject.
    pub subject: String,
    /// Original message.
    pub body: String,
    /// Who asked.
    pub requester: RequesterView,
    /// Received.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// First response due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// Resolution due.
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// First public staff reply.
    pub first_response_at: Option<DateTime<Utc>>,
    /// First resolution.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Why it went to this team.
    pub routing: RoutingTrace,
    /// Messages, oldest first, notes included.
    pub messages: Vec<StaffMessage>,
    /// Timeline, oldest first.
    pub events: Vec<TimelineEvent>,
    /// The family's rating.
    pub feedback: Option<FeedbackView>,
}

/// A staff reply or internal note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMessageForm {
    /// Text, up to 10,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 10000
        )
    )]
    pub body: String,
    /// True for a staff-only note; false for a reply the family sees.
    #[serde(default)]
    pub internal: bool,
}

/// Give the inquiry to a team and optionally a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignForm {
    /// The team; another team than the current one counts as a re-route.
    pub team_id: TeamId,
    /// A member of that team, or none to leave it in the team queue.
    #[serde(default)]
    pub assignee_id: Option<StaffId>,
    /// Why, kept in the timeline.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 500
        )
    )]
    pub reason: String,
}

/// Change the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusForm {
    /// The status to move to.
    pub status: StatusAction,
}

/// A team and who is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamView {
    /// Id.
    pub id: TeamId,
    /// Name.
    pub name: String,
    /// Receives what no rule routes elsewhere.
    pub fallback: bool,
    /// Active members, by name.
    pub members: Vec<NamedRef>,
}

/// The district's teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamList {
    /// By name.
    pub items: Vec<TeamView>,
}
