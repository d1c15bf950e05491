//! One struct per table row, read and written as is; conversion to domain
//! types happens in the query modules.

use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// `districts`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = districts)]
pub struct DistrictRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub reference_prefix: String,
    pub time_zone: String,
    /// Comma-separated BCP 47 tags, default first.
    pub languages: String,
    pub tab_label: String,
    pub color: String,
    /// Seven `0`/`1` characters, Monday first.
    pub open_days: String,
    /// `HH:MM`.
    pub opens_at: String,
    /// `HH:MM`.
    pub closes_at: String,
    /// Comma-separated `YYYY-MM-DD`.
    pub holidays: String,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub fallback_team_id: Option<String>,
    pub next_reference: i64,
    pub created_at: NaiveDateTime,
}

/// `units`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
}

/// `teams`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

/// `staff`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = staff)]
pub struct StaffRow {
    pub id: String,
    pub district_id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    /// Comma-separated role names.
    pub roles: String,
    /// Comma-separated BCP 47 tags.
    pub languages: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

/// `team_members`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_members)]
pub struct TeamMemberRow {
    pub team_id: String,
    pub staff_id: String,
}

/// `topics`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = topics)]
pub struct TopicRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub description: String,
    pub default_team_id: Option<String>,
    pub position: i64,
    pub created_at: NaiveDateTime,
}

/// `inquiries`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = inquiries)]
pub struct InquiryRow {
    pub id: String,
    pub district_id: String,
    pub reference_number: i64,
    pub reference: String,
    pub kind: String,
    pub channel: String,
    pub status: String,
    pub priority: String,
    pub topic_id: String,
    pub unit_id: Option<String>,
    pub team_id: String,
    pub assignee_id: Option<String>,
    pub subject: String,
    pub body: String,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub requester_phone: Option<String>,
    pub requester_role: String,
    pub requester_language: String,
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
}

/// `messages`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = messages)]
pub struct MessageRow {
    pub id: String,
    pub inquiry_id: String,
    /// `requester` or `staff`.
    pub author_kind: String,
    pub staff_id: Option<String>,
    pub internal: bool,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// `events`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub id: String,
    pub inquiry_id: String,
    pub district_id: String,
    pub kind: String,
    /// `staff`, `requester` or `system`.
    pub actor_kind: String,
    pub actor_staff_id: Option<String>,
    /// JSON.
    pub data: String,
    pub created_at: NaiveDateTime,
}

/// `feedback`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = feedback)]
pub struct FeedbackRow {
    pub inquiry_id: String,
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
    pub staff_id: String,
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
    pub district_id: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub inquiry_id: String,
    /// The original 201 body, without the tracking token (only its hash is kept).
    pub response: String,
    pub created_at: NaiveDateTime,
}

/// `help_articles`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = help_articles)]
pub struct HelpArticleRow {
    pub id: String,
    pub district_id: String,
    pub topic_id: Option<String>,
    pub language: String,
    pub title: String,
    pub body: String,
    pub helpful_count: i64,
    pub created_at: NaiveDateTime,
}

/// `goals`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = goals)]
pub struct GoalRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub metric: String,
    pub comparison: String,
    pub target: f64,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub created_at: NaiveDateTime,
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
    pub inquiry_id: String,
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
    pub district_id: String,
    pub contact_key: String,
    pub created_at: NaiveDateTime,
    pub inquiry_id: String,
}
