use super::FeedbackView;
use crate::access::{CaseAccess, Viewer};
use crate::case::TimelineEvent;
use crate::ids::{InquiryId, MessageId, StaffId, TeamId};
use crate::inquiry::{Channel, Kind, Priority, RequesterRole, Status};
use crate::lifecycle::StatusAction;
use crate::refs::{StaffRef, TeamRef, TopicRef, UnitRef};
use crate::routing::RoutingTrace;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::access::Role;

/// A staff sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({"district": "lakeview", "email": "transportation@lakeview.example", "password": "lakeview-demo"}))
)]
pub struct LoginRequest {
    /// The district's slug, as in its portal address (e.g. `lakeview`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 64
        )
    )]
    pub district: String,
    /// The staff member's work email; compared without regard to case.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 254
        )
    )]
    pub email: String,
    /// Their password, as typed.
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
    /// A short-lived JWT to send as `Authorization: Bearer …` on staff calls.
    pub access_token: String,
    /// A long-lived secret that gets new tokens from `/auth/refresh`, once;
    /// keep it out of logs and URLs.
    pub refresh_token: String,
    /// The kind of access token: always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The staff member who signed in.
    pub user: Me,
}

/// Exchanges a refresh token for new tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token from the sign-in or from the previous refresh; each works once.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
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

/// A signed-in staff member changing their password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// The password they signed in with.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub current_password: String,
    /// The new one: 12 to 1,024 characters, not the current one.
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub new_password: String,
}

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// Their staff id.
    pub id: StaffId,
    /// Their name as colleagues and families see it.
    pub name: String,
    /// Their work email.
    pub email: String,
    /// What they may do; several roles add up.
    pub roles: Vec<Role>,
    /// The teams whose queues they work, by name.
    pub teams: Vec<TeamRef>,
    /// The district they work for.
    pub district: super::DistrictInfo,
}

impl Me {
    /// The signed-in member as the access policy sees them.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            id: self.id,
            roles: self.roles.clone(),
            teams: self.teams.iter().map(|t| t.id).collect(),
        }
    }
}

/// Which queue to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InboxView {
    /// Open inquiries assigned to me.
    Mine,
    /// My teams' inquiries.
    #[default]
    Team,
    /// My teams' open inquiries nobody owns yet.
    Unassigned,
    /// Open inquiries I may see that are unanswered past their first-response due time.
    Overdue,
    /// Everything I may see.
    All,
}

/// One row of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// The inquiry's id.
    pub id: InquiryId,
    /// The reference the family quotes, e.g. `LKV-1042`.
    pub reference: String,
    /// The family's one-line subject.
    pub subject: String,
    /// Question, concern, comment, compliment or suggestion.
    pub kind: Kind,
    /// Where it stands in its lifecycle.
    pub status: Status,
    /// How urgent it is.
    pub priority: Priority,
    /// The topic the family picked.
    pub topic: TopicRef,
    /// The school or department it concerns, if any.
    pub unit: Option<UnitRef>,
    /// The team whose queue holds it.
    pub team: TeamRef,
    /// Its owner, if anyone has it.
    pub assignee: Option<StaffRef>,
    /// The requester's name, when they gave one.
    pub requester_name: Option<String>,
    /// When it was received.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When the service standard says a first public answer is due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// When staff first answered publicly, if they have.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Open and still unanswered past its first-response due time.
    pub overdue: bool,
}

/// A page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxPage {
    /// The inquiries of this page, newest first.
    pub items: Vec<InboxItem>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The requester as staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequesterView {
    /// Their name, if they gave one.
    pub name: Option<String>,
    /// Their email, if they gave one.
    pub email: Option<String>,
    /// Their phone number, if they gave one.
    pub phone: Option<String>,
    /// Parent, student, community member or staff.
    pub role: RequesterRole,
    /// The language to answer them in (BCP 47, e.g. `es`).
    pub preferred_language: String,
    /// They chose to leave no contact details; they follow up through their tracking link.
    pub anonymous: bool,
}

/// A message as staff see it, internal notes included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMessage {
    /// The message's id.
    pub id: MessageId,
    /// A staff-only note that the family never sees.
    pub internal: bool,
    /// Whether the family or staff wrote it.
    pub author: super::Author,
    /// The staff member who wrote it, for staff messages.
    pub staff: Option<StaffRef>,
    /// The message's text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// The whole case, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquiryDetail {
    /// The inquiry's id.
    pub id: InquiryId,
    /// The reference the family quotes, e.g. `LKV-1042`.
    pub reference: String,
    /// How many changes it has had; send it back in `If-Match` with a change
    /// (it is also the `ETag` header).
    pub version: i64,
    /// Question, concern, comment, compliment or suggestion.
    pub kind: Kind,
    /// Where it came from.
    pub channel: Channel,
    /// Where it stands in its lifecycle.
    pub status: Status,
    /// How urgent it is.
    pub priority: Priority,
    /// The topic the family picked.
    pub topic: TopicRef,
    /// The school or department it concerns, if any.
    pub unit: Option<UnitRef>,
    /// The team whose queue holds it.
    pub team: TeamRef,
    /// Its owner, if anyone has it.
    pub assignee: Option<StaffRef>,
    /// The staff member who entered it on the family's behalf, if staff did.
    pub recorded_by: Option<StaffRef>,
    /// Seen only by its owner and the district's admins.
    pub confidential: bool,
    /// The family's one-line subject.
    pub subject: String,
    /// The family's original message.
    pub body: String,
    /// Who asked, and how to reach them.
    pub requester: RequesterView,
    /// When it was received.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When the service standard says a first public answer is due.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// When the service standard says it should be resolved.
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// When staff first answered publicly.
    pub first_response_at: Option<DateTime<Utc>>,
    /// When it was first resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Why it went to the team that received it.
    pub routing: RoutingTrace,
    /// Replies and notes, oldest first.
    pub messages: Vec<StaffMessage>,
    /// Everything that happened to it, oldest first.
    pub events: Vec<TimelineEvent>,
    /// The family's rating, once given.
    pub feedback: Option<FeedbackView>,
}

impl InquiryDetail {
    /// What the access policy needs to know of the case.
    pub fn access(&self) -> CaseAccess {
        CaseAccess {
            team_id: self.team.id,
            assignee_id: self.assignee.as_ref().map(|a| a.id),
            recorded_by: self.recorded_by.as_ref().map(|r| r.id),
            confidential: self.confidential,
        }
    }
}

/// A staff reply or internal note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({"body": "Route 4 now stops at Elm Street from Monday.", "internal": false}))
)]
pub struct StaffMessageForm {
    /// The text, up to 10,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 10000
        )
    )]
    pub body: String,
    /// True for a staff-only note; false (the default) for a reply the family sees.
    #[serde(default)]
    pub internal: bool,
}

/// Gives the inquiry to a team and optionally a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignForm {
    /// The team to hold it; another team than its own is a re-route.
    pub team_id: TeamId,
    /// A member of that team who works cases, to own it; none leaves it in
    /// the team's queue.
    #[serde(default)]
    pub assignee_id: Option<StaffId>,
    /// Why, kept in the timeline (up to 500 characters).
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

/// Changes the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "resolved"})))]
pub struct StatusForm {
    /// Where to move it.
    pub status: StatusAction,
}

/// A team and who is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamView {
    /// The team's id.
    pub id: TeamId,
    /// Its name, e.g. "Transportation Team".
    pub name: String,
    /// Receives what no routing rule sends elsewhere.
    pub fallback: bool,
    /// Its active members who work cases, by name: whom an inquiry can be assigned to.
    pub members: Vec<StaffRef>,
}

/// The district's teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamList {
    /// Every team, by name.
    pub items: Vec<TeamView>,
}

/// An admin inviting somebody to the district's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "dana.whitfield@lakeview.example.org", "name": "Dana Whitfield", "roles": ["agent"], "team_ids": [], "languages": ["en", "es"]})))]
pub struct InvitationForm {
    /// Where the invitation goes; nobody else on the district's staff has it.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 254,
            pattern = r"^\s*[^\s@\x00-\x1F\x7F-\x9F]{1,64}@[^\s@.\x00-\x1F\x7F-\x9F]+(\.[^\s@.\x00-\x1F\x7F-\x9F]+)+\s*$"
        )
    )]
    pub email: String,
    /// Their name as colleagues and families will see it, 1 to 120 characters.
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
    /// The teams they join.
    #[serde(default)]
    pub team_ids: Vec<crate::TeamId>,
    /// The languages they answer in, among the district's; the district's
    /// default when none are given.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// An invitation sent: who it is for and until when it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// The staff member it made, who signs in once they accept.
    pub staff: crate::StaffRef,
    /// Where it was sent.
    pub email: String,
    /// The roles they will have once they accept.
    pub roles: Vec<crate::Role>,
    /// The teams they were put in.
    pub team_ids: Vec<crate::TeamId>,
    /// When the link stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// What an invitation or password-reset link shows before it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInfo {
    /// The district's name.
    pub district: String,
    /// The district's slug, to sign in with later.
    pub district_slug: String,
    /// The staff member's name.
    pub name: String,
    /// Their email, which they will sign in with.
    pub email: String,
    /// When the link stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Accepting an invitation, or using a password-reset link: the password chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    /// 12 to 1,024 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub password: String,
}

/// Asking for a password-reset link: who forgot their password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The district's slug, as in its portal address (e.g. `lakeview`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub district: String,
    /// The staff member's work email; compared without regard to case.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
}
