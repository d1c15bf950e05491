//! One struct per table row, read and written as is, with the domain's
//! typed ids, enums and lists in their columns (see [`crate::sql`]).

use crate::schema::*;
use crate::sql::{Languages, Roles};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use heard_domain::account::LinkPurpose;
use heard_domain::api::{AuditAction, AuditResource, Author, TabPosition, UnitKind};
use heard_domain::jobs::{JobKind, JobState};
use heard_domain::text::Language;
use heard_domain::{
    ArticleId, AuditId, Channel, DistrictId, EventId, GoalId, InquiryId, JobId, Kind, MessageId,
    Priority, RequesterRole, StaffId, StaffLinkId, Status, TeamId, TemplateId, TopicId, UnitId,
};

/// `districts`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = districts)]
pub struct DistrictRow {
    pub id: DistrictId,
    pub slug: String,
    pub name: String,
    pub reference_prefix: String,
    pub time_zone: String,
    /// Default first.
    pub languages: Languages,
    pub tab_label: String,
    pub color: String,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub fallback_team_id: Option<TeamId>,
    pub next_reference: i64,
    pub created_at: NaiveDateTime,
    /// JSON: the tab's words by language tag.
    pub tab_labels: String,
    pub tab_position: TabPosition,
    /// JSON: [`heard_domain::api::PillarStandards`].
    pub pillar_standards: String,
    pub past_due_business_days: i64,
    pub requester_retention_days: Option<i64>,
    pub version: i64,
    /// JSON: [`heard_domain::api::WeeklyHours`].
    pub weekly_hours: String,
    /// JSON: [`heard_domain::api::Closure`]s, earliest first.
    pub closures: String,
    /// Changes with each new calendar, apart from `version`.
    pub calendar_version: i64,
    /// JSON: [`heard_domain::logo::StoredLogo`], when it has a logo.
    pub logo: Option<String>,
}

/// `district_logos`: a district's logo image.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = district_logos)]
pub struct DistrictLogoRow {
    pub district_id: DistrictId,
    pub image: Vec<u8>,
}

/// `units`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: UnitId,
    pub district_id: DistrictId,
    pub name: String,
    pub kind: UnitKind,
    pub created_at: NaiveDateTime,
}

/// `teams`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    pub id: TeamId,
    pub district_id: DistrictId,
    pub name: String,
    pub created_at: NaiveDateTime,
}

/// A unit with what its admins keep about it (`units`, every column).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRecord {
    pub id: UnitId,
    pub district_id: DistrictId,
    pub name: String,
    pub kind: UnitKind,
    pub created_at: NaiveDateTime,
    pub grade_band: Option<String>,
    pub address: Option<String>,
    pub version: i64,
}

/// What an admin changes of a unit.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = units, treat_none_as_null = true)]
pub struct UnitChangeRow {
    pub name: String,
    pub kind: UnitKind,
    pub grade_band: Option<String>,
    pub address: Option<String>,
}

/// A team with what its admins keep about it (`teams`, every column).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRecord {
    pub id: TeamId,
    pub district_id: DistrictId,
    pub name: String,
    pub created_at: NaiveDateTime,
    pub fallback_owner_id: Option<StaffId>,
    pub version: i64,
}

/// What an admin changes of a team.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = teams, treat_none_as_null = true)]
pub struct TeamChangeRow {
    pub name: String,
    pub fallback_owner_id: Option<StaffId>,
}

/// `staff`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = staff)]
pub struct StaffRow {
    pub id: StaffId,
    pub district_id: DistrictId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub roles: Roles,
    pub languages: Languages,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

/// `staff` as its admins keep it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff)]
pub struct StaffRecord {
    pub id: StaffId,
    pub district_id: DistrictId,
    pub email: String,
    pub name: String,
    /// Read only to tell whether they joined; never shown.
    pub password_hash: String,
    pub roles: Roles,
    pub languages: Languages,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub version: i64,
    pub away_from: Option<NaiveDate>,
    pub away_until: Option<NaiveDate>,
    pub deactivated_at: Option<NaiveDateTime>,
}

/// An admin's change to a staff member's row.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = staff, treat_none_as_null = true)]
pub struct StaffChangeRow {
    pub name: String,
    pub roles: Roles,
    pub languages: Languages,
    pub away_from: Option<NaiveDate>,
    pub away_until: Option<NaiveDate>,
}

/// `team_members`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_members)]
pub struct TeamMemberRow {
    pub team_id: TeamId,
    pub staff_id: StaffId,
}

/// `topics`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = topics)]
pub struct TopicRow {
    pub id: TopicId,
    pub district_id: DistrictId,
    pub name: String,
    pub description: String,
    pub default_team_id: Option<TeamId>,
    pub position: i64,
    pub created_at: NaiveDateTime,
}

/// A topic with what its admins keep about it (`topics`, every column).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = topics)]
pub struct TopicRecord {
    pub id: TopicId,
    pub district_id: DistrictId,
    /// In the district's default language.
    pub name: String,
    /// In the district's default language.
    pub description: String,
    pub default_team_id: Option<TeamId>,
    pub position: i64,
    pub created_at: NaiveDateTime,
    pub version: i64,
    /// JSON: `{"en": {"name": …, "description": …}, …}`.
    pub texts: String,
    pub fallback_owner_id: Option<StaffId>,
}

/// What an admin changes of a topic.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = topics, treat_none_as_null = true)]
pub struct TopicChangeRow {
    pub name: String,
    pub description: String,
    pub texts: String,
    pub default_team_id: Option<TeamId>,
    pub fallback_owner_id: Option<StaffId>,
    pub position: i64,
}

/// `inquiries`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = inquiries)]
pub struct InquiryRow {
    pub id: InquiryId,
    pub district_id: DistrictId,
    pub reference_number: i64,
    pub reference: String,
    pub kind: Kind,
    pub channel: Channel,
    pub status: Status,
    pub priority: Priority,
    pub topic_id: TopicId,
    pub unit_id: Option<UnitId>,
    pub team_id: TeamId,
    pub assignee_id: Option<StaffId>,
    pub subject: String,
    pub body: String,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub requester_phone: Option<String>,
    pub requester_role: RequesterRole,
    pub requester_language: Language,
    pub anonymous: bool,
    /// Comma-separated normalised email and phone, to find repeat contacts.
    pub contact_keys: String,
    /// Finds the inquiry from its tracking link without storing the token:
    /// `{id}:{sha256 of the token}`, or for links handed out before tokens
    /// carried the id, the bare hash.
    pub tracking_token_hash: String,
    pub routing_rule: String,
    pub routing_reason: String,
    pub rerouted: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub first_response_due_at: Option<NaiveDateTime>,
    pub resolution_due_at: Option<NaiveDateTime>,
    pub first_response_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    /// The staff member who entered it for the family.
    pub recorded_by_id: Option<StaffId>,
    /// Seen only by its owner and admins.
    pub confidential: bool,
    /// Business minutes its first response was given (none: the district's).
    pub first_response_minutes: Option<i64>,
    /// Business minutes its resolution was given (none: the district's).
    pub resolution_minutes: Option<i64>,
}

/// `messages`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = messages)]
pub struct MessageRow {
    pub id: MessageId,
    pub inquiry_id: InquiryId,
    pub author_kind: Author,
    pub staff_id: Option<StaffId>,
    pub internal: bool,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// `events`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub id: EventId,
    pub inquiry_id: InquiryId,
    pub district_id: DistrictId,
    /// The event's `type` name (or, for events stored before the events
    /// were typed, its webhook name such as `inquiry.status_changed`).
    pub kind: String,
    /// `staff`, `requester` or `system`.
    pub actor_kind: String,
    pub actor_staff_id: Option<StaffId>,
    /// The event's payload as JSON, written and read only through
    /// `heard_domain::CaseEvent` (see `crate::timeline`).
    pub data: String,
    pub created_at: NaiveDateTime,
    /// The staff actor's name when it happened (none before it was kept).
    pub actor_name: Option<String>,
}

/// `feedback`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = feedback)]
pub struct FeedbackRow {
    pub inquiry_id: InquiryId,
    pub overall: i64,
    pub courtesy: i64,
    pub communication: i64,
    pub responsiveness: i64,
    pub environment: Option<i64>,
    pub recommend: Option<i64>,
    pub comment: Option<String>,
    pub created_at: NaiveDateTime,
}

/// `refresh_tokens`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub token_hash: String,
    pub staff_id: StaffId,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// The sign-in this token was rotated from; kept by every rotation.
    pub session_id: String,
}

/// `idempotency_keys`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub district_id: DistrictId,
    pub idempotency_key: String,
    pub request_hash: String,
    pub inquiry_id: InquiryId,
    /// The original 201 body, without the tracking token (only its hash is kept).
    pub response: String,
    pub created_at: NaiveDateTime,
}

/// `help_articles`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = help_articles)]
pub struct HelpArticleRow {
    pub id: ArticleId,
    pub district_id: DistrictId,
    pub topic_id: Option<TopicId>,
    pub language: Language,
    pub title: String,
    pub body: String,
    pub helpful_count: i64,
    pub created_at: NaiveDateTime,
    pub version: i64,
    /// Whether families see it.
    pub published: bool,
}

/// What an admin changes of a help article.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = help_articles, treat_none_as_null = true)]
pub struct HelpArticleChangeRow {
    pub topic_id: Option<TopicId>,
    pub language: Language,
    pub title: String,
    pub body: String,
    pub published: bool,
}

/// `reply_templates`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reply_templates)]
pub struct ReplyTemplateRow {
    pub id: TemplateId,
    pub district_id: DistrictId,
    pub language: Language,
    pub name: String,
    pub body: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
}

/// What an admin changes of a reply template.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = reply_templates)]
pub struct ReplyTemplateChangeRow {
    pub language: Language,
    pub name: String,
    pub body: String,
}

/// `goals`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = goals)]
pub struct GoalRow {
    pub id: GoalId,
    pub district_id: DistrictId,
    pub name: String,
    pub metric: String,
    pub comparison: String,
    pub target: f64,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// The school or department it is for; with `topic_id` and `team_id`
    /// absent, the whole district.
    pub unit_id: Option<UnitId>,
    pub topic_id: Option<TopicId>,
    pub team_id: Option<TeamId>,
    pub version: i64,
}

/// What an admin changes of a goal.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = goals, treat_none_as_null = true)]
pub struct GoalChangeRow {
    pub name: String,
    pub metric: String,
    pub comparison: String,
    pub target: f64,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub unit_id: Option<UnitId>,
    pub topic_id: Option<TopicId>,
    pub team_id: Option<TeamId>,
}

/// `report_scopes`: a district, unit, topic and team inquiries are reported under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_scopes)]
pub struct ReportScopeRow {
    pub id: i64,
    pub district_id: String,
    /// Empty when the inquiry concerns no school or department.
    pub unit_id: String,
    pub topic_id: String,
    /// The team that has the inquiry now.
    pub team_id: String,
}

/// `report_facts`: what the reports keep about one inquiry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_facts)]
pub struct ReportFactRow {
    /// District, unit, topic and current team (`report_scopes`).
    pub scope_id: i64,
    pub created_at: NaiveDateTime,
    pub inquiry_id: InquiryId,
    /// Kept while unanswered.
    pub first_response_due_at: Option<NaiveDateTime>,
    /// Unknown while unanswered (or when no due time was set).
    pub first_response_on_time: Option<bool>,
    pub first_response_seconds: Option<i64>,
    /// Whole business minutes, as seconds.
    pub first_response_business_seconds: Option<i64>,
    /// Until the first resolution, unknown.
    pub resolution_seconds: Option<i64>,
    /// Whole business minutes, as seconds.
    pub resolution_business_seconds: Option<i64>,
    pub rerouted: bool,
    /// The requester filed another inquiry in the 30 days before this one.
    pub repeat_contact: bool,
    pub feedback_overall: Option<i64>,
    pub feedback_courtesy: Option<i64>,
    pub feedback_communication: Option<i64>,
    pub feedback_responsiveness: Option<i64>,
    pub feedback_environment: Option<i64>,
    pub feedback_recommend: Option<i64>,
}

/// `contacts`: one normalised email or phone of the requester of an inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = contacts)]
pub struct ContactRow {
    pub district_id: DistrictId,
    pub contact_key: String,
    pub created_at: NaiveDateTime,
    pub inquiry_id: InquiryId,
}

/// `outbox`: a case event published with its change, not yet handed on.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub event_id: EventId,
    pub district_id: DistrictId,
    pub inquiry_id: InquiryId,
    /// The event's `type` name.
    pub kind: String,
    pub created_at: NaiveDateTime,
}

/// `jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: JobId,
    pub kind: JobKind,
    /// With `kind`, what makes it once: e.g. the event it acts on.
    pub dedupe_key: String,
    pub district_id: Option<DistrictId>,
    /// What the handler needs, as JSON of its kind's payload type.
    pub payload: String,
    pub state: JobState,
    /// Not before then.
    pub run_at: NaiveDateTime,
    /// Tries started so far.
    pub attempts: i64,
    pub max_attempts: i64,
    /// The worker holding it while running.
    pub lease_owner: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

/// `mail_suppressions`: an address a district does not write to.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = mail_suppressions)]
pub struct SuppressionRow {
    pub district_id: DistrictId,
    /// Lower-cased.
    pub address: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

/// `district_mail`: how a district signs its mail.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = district_mail)]
pub struct DistrictMailRow {
    pub district_id: DistrictId,
    pub dkim_domain: String,
    pub dkim_selector: String,
    /// PEM, RSA or Ed25519.
    pub dkim_private_key: String,
    pub updated_at: NaiveDateTime,
}

/// What an admin changes of a district at once (see [`crate::queries::districts::update_settings`]).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = districts, treat_none_as_null = true)]
pub struct DistrictSettingsChange {
    pub name: String,
    pub slug: String,
    pub time_zone: String,
    pub languages: Languages,
    /// The default language's label, which the portal shows first.
    pub tab_label: String,
    /// JSON: every language's label.
    pub tab_labels: String,
    pub color: String,
    pub tab_position: TabPosition,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub fallback_team_id: Option<TeamId>,
    /// JSON: [`heard_domain::api::PillarStandards`].
    pub pillar_standards: String,
    pub past_due_business_days: i64,
    pub requester_retention_days: Option<i64>,
}

/// `audit_log`: one change an admin made.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: AuditId,
    pub district_id: DistrictId,
    pub at: NaiveDateTime,
    /// Absent for changes made on the server's command line.
    pub actor_staff_id: Option<StaffId>,
    pub actor_name: String,
    pub address: Option<String>,
    pub resource: AuditResource,
    pub resource_id: String,
    pub action: AuditAction,
    /// JSON, as the API shows the thing; absent for what was created.
    pub before: Option<String>,
    /// JSON; absent for what was deleted.
    pub after: Option<String>,
}

/// `staff_links`: a one-time link to choose a password.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = staff_links)]
pub struct StaffLinkRow {
    pub id: StaffLinkId,
    pub district_id: DistrictId,
    pub staff_id: StaffId,
    pub purpose: LinkPurpose,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    pub created_by: Option<StaffId>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}
