//! Names of domain values and field errors in the page's language.

use crate::i18n::*;
use heard_domain::api::{
    AuditAction, AuditResource, InboxView, SkipReason, StaffStanding, TabPosition, UnitKind,
};
use heard_domain::jobs::{JobKind, JobState};
use heard_domain::lifecycle::StatusAction;
use heard_domain::template::Placeholder;
use heard_domain::{
    Channel, ErrorCode, FieldError, Kind, Pillar, Priority, RequesterRole, Role, Status,
};

/// The BCP 47 tag of a locale.
pub fn lang(l: Locale) -> &'static str {
    match l {
        Locale::en => "en",
        Locale::es => "es",
    }
}

/// A status as families and staff read it.
pub fn status(l: Locale, s: Status) -> String {
    match s {
        Status::New => td_string!(l, status_new),
        Status::Assigned => td_string!(l, status_assigned),
        Status::AwaitingRequester => td_string!(l, status_awaiting_requester),
        Status::InProgress => td_string!(l, status_in_progress),
        Status::Resolved => td_string!(l, status_resolved),
        Status::Closed => td_string!(l, status_closed),
    }
    .to_string()
}

/// What a status action button says.
pub fn action(l: Locale, a: StatusAction) -> String {
    match a {
        StatusAction::InProgress => td_string!(l, action_in_progress),
        StatusAction::AwaitingRequester => td_string!(l, action_awaiting_requester),
        StatusAction::Resolved => td_string!(l, action_resolved),
        StatusAction::Closed => td_string!(l, action_closed),
        StatusAction::Reopened => td_string!(l, action_reopened),
    }
    .to_string()
}

/// A kind of inquiry.
pub fn kind(l: Locale, k: Kind) -> String {
    match k {
        Kind::Question => td_string!(l, kind_question),
        Kind::Concern => td_string!(l, kind_concern),
        Kind::Comment => td_string!(l, kind_comment),
        Kind::Compliment => td_string!(l, kind_compliment),
        Kind::Suggestion => td_string!(l, kind_suggestion),
    }
    .to_string()
}

/// Where an inquiry came from.
pub fn channel(l: Locale, c: Channel) -> String {
    match c {
        Channel::Portal => td_string!(l, channel_portal),
        Channel::Tab => td_string!(l, channel_tab),
        Channel::Api => td_string!(l, channel_api),
        Channel::Phone => td_string!(l, channel_phone),
        Channel::WalkIn => td_string!(l, channel_walk_in),
    }
    .to_string()
}

/// A priority.
pub fn priority(l: Locale, p: Priority) -> String {
    match p {
        Priority::Critical => td_string!(l, priority_critical),
        Priority::Urgent => td_string!(l, priority_urgent),
        Priority::Normal => td_string!(l, priority_normal),
        Priority::Low => td_string!(l, priority_low),
    }
    .to_string()
}

/// A requester role.
pub fn role(l: Locale, r: RequesterRole) -> String {
    match r {
        RequesterRole::Parent => td_string!(l, role_parent),
        RequesterRole::Student => td_string!(l, role_student),
        RequesterRole::Community => td_string!(l, role_community),
        RequesterRole::Staff => td_string!(l, role_staff),
    }
    .to_string()
}

/// A staff role: what a member of the district's staff may do.
pub fn staff_role(l: Locale, r: Role) -> String {
    match r {
        Role::Admin => td_string!(l, staff_role_admin),
        Role::Lead => td_string!(l, staff_role_lead),
        Role::Agent => td_string!(l, staff_role_agent),
        Role::Recorder => td_string!(l, staff_role_recorder),
        Role::Analyst => td_string!(l, staff_role_analyst),
        Role::Shopper => td_string!(l, staff_role_shopper),
    }
    .to_string()
}

/// Where a staff member stands with the district, as a tag on their row.
pub fn standing(l: Locale, s: StaffStanding) -> String {
    match s {
        StaffStanding::Invited => td_string!(l, standing_invited),
        StaffStanding::Active => td_string!(l, standing_active),
        StaffStanding::Deactivated => td_string!(l, standing_deactivated),
    }
    .to_string()
}

/// A pillar: the domain's own label in English, translated otherwise.
pub fn pillar(l: Locale, p: Pillar) -> String {
    match l {
        Locale::en => p.label().to_string(),
        Locale::es => match p {
            Pillar::Courtesy => td_string!(l, pillar_courtesy),
            Pillar::Communication => td_string!(l, pillar_communication),
            Pillar::Responsiveness => td_string!(l, pillar_responsiveness),
            Pillar::Environment => td_string!(l, pillar_environment),
        }
        .to_string(),
    }
}

/// An inbox view tab.
pub fn view(l: Locale, v: InboxView) -> String {
    match v {
        InboxView::Mine => td_string!(l, view_mine),
        InboxView::Team => td_string!(l, view_team),
        InboxView::Unassigned => td_string!(l, view_unassigned),
        InboxView::Overdue => td_string!(l, view_overdue),
        InboxView::All => td_string!(l, view_all),
    }
    .to_string()
}

/// Where a background job stands, as a tag on its row.
pub fn job_state(l: Locale, s: JobState) -> String {
    match s {
        JobState::Due => td_string!(l, job_state_due),
        JobState::Running => td_string!(l, job_state_running),
        JobState::Done => td_string!(l, job_state_done),
        JobState::Dead => td_string!(l, job_state_dead),
    }
    .to_string()
}

/// What kind of work a background job does.
pub fn job_kind(l: Locale, k: JobKind) -> String {
    match k {
        JobKind::Mail => td_string!(l, job_kind_mail),
        JobKind::Notify => td_string!(l, job_kind_notify),
        JobKind::AccountMail => td_string!(l, job_kind_account_mail),
        JobKind::RecomputeCalendar => td_string!(l, job_kind_recompute_calendar),
        JobKind::EraseRequesters => td_string!(l, job_kind_erase_requesters),
    }
    .to_string()
}

/// The name of a language, written in that language.
pub fn language_name(tag: &str) -> String {
    match tag {
        "en" => "English".into(),
        "es" => "Español".into(),
        "zh" => "中文".into(),
        "vi" => "Tiếng Việt".into(),
        "ar" => "العربية".into(),
        "fr" => "Français".into(),
        other => other.to_string(),
    }
}

/// The label of a form field, by its path in the request body.
pub fn field(l: Locale, path: &str) -> String {
    match path {
        "kind" => td_string!(l, field_kind),
        "topic_id" => td_string!(l, field_topic),
        "unit_id" => td_string!(l, field_unit),
        "subject" => td_string!(l, field_subject),
        "body" => td_string!(l, field_body),
        "anonymous" => td_string!(l, field_anonymous),
        "requester.name" => td_string!(l, field_name),
        "requester.email" => td_string!(l, field_email),
        "requester.phone" => td_string!(l, field_phone),
        "requester.role" => td_string!(l, field_role),
        "requester.preferred_language" => td_string!(l, field_language),
        "overall" => td_string!(l, field_overall),
        "recommend" => td_string!(l, field_recommend),
        "comment" => td_string!(l, field_comment),
        "email" => td_string!(l, field_email),
        "password" => td_string!(l, field_password),
        "current_password" => td_string!(l, field_current_password),
        "new_password" => td_string!(l, field_new_password),
        "reason" => td_string!(l, field_reason),
        "team_id" => td_string!(l, field_team),
        "assignee_id" => td_string!(l, field_assignee),
        // The district's own settings; "name" is that of whatever the form
        // names (a district, a school, a team).
        "name" => td_string!(l, field_name),
        "slug" => td_string!(l, field_slug),
        "time_zone" => td_string!(l, field_time_zone),
        "languages" => td_string!(l, field_languages),
        "branding.color" => td_string!(l, field_color),
        "branding.position" => td_string!(l, field_position),
        "standard.first_response_minutes" => td_string!(l, field_first_response),
        "standard.resolution_minutes" => td_string!(l, field_resolution),
        "fallback_team_id" => td_string!(l, field_fallback_team),
        "past_due_business_days" => td_string!(l, field_past_due),
        "requester_retention_days" => td_string!(l, field_retention),
        // A school or department, and a team.
        "unit_kind" => td_string!(l, field_unit_kind),
        "grade_band" => td_string!(l, field_grade_band),
        "address" => td_string!(l, field_address),
        "fallback_owner_id" => td_string!(l, field_fallback_owner),
        // A help article.
        "language" => td_string!(l, field_language),
        "article_title" => td_string!(l, field_article_title),
        "article_body" => td_string!(l, field_article_body),
        "published" => td_string!(l, articles_standing),
        // A reply template.
        "template_body" => td_string!(l, field_template_body),
        // A row of an imported file.
        "row" => td_string!(l, import_row),
        // A strategic goal.
        "metric" => td_string!(l, field_metric),
        "comparison" => td_string!(l, field_comparison),
        "target" => td_string!(l, field_target),
        "first_day" => td_string!(l, field_goal_first_day),
        "last_day" => td_string!(l, field_goal_last_day),
        "scope" => td_string!(l, goals_for),
        // A topic.
        "default_team_id" => td_string!(l, field_default_team),
        "position" => td_string!(l, field_topic_position),
        "staff_id" => td_string!(l, field_member),
        // A staff member.
        "roles" => td_string!(l, field_roles),
        "team_ids" => td_string!(l, field_teams),
        "away" => td_string!(l, field_away),
        "away.from" => td_string!(l, field_away_from),
        "away.until" => td_string!(l, field_away_until),
        // The business calendar.
        "weekly_hours" => td_string!(l, field_weekly_hours),
        "closures" => td_string!(l, field_closures),
        p => return field_by_pattern(l, p),
    }
    .to_string()
}

/// The label of a field whose path names a language or a position in a
/// list: `branding.tab_labels.es`, `pillar_standards.courtesy.en`,
/// `languages[1]`; the path itself when it is none of these.
fn field_by_pattern(l: Locale, p: &str) -> String {
    if let Some(name) = p.strip_prefix("pillars.") {
        if let Some(pl) = Pillar::parse(name) {
            return pillar(l, pl);
        }
    }
    if let Some(rest) = p.strip_prefix("texts.") {
        return match rest.split_once('.') {
            Some((tag, "name")) => topic_name_label(l, tag),
            Some((tag, "description")) => topic_description_label(l, tag),
            _ => language_name(rest),
        };
    }
    if let Some(tag) = p.strip_prefix("branding.tab_labels.") {
        return td_string!(l, field_tab_label, language = language_name(tag)).to_string();
    }
    if let Some((name, tag)) = p
        .strip_prefix("pillar_standards.")
        .and_then(|rest| rest.split_once('.'))
    {
        if let Some(pl) = Pillar::parse(name) {
            return td_string!(
                l,
                field_pillar_standard,
                pillar = pillar(l, pl),
                language = language_name(tag)
            )
            .to_string();
        }
    }
    if let Some(label) = calendar_field(l, p) {
        return label;
    }
    let position = p
        .strip_prefix("languages[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok());
    if let Some(i) = position {
        return td_string!(l, field_language_at, n = (i + 1).to_string()).to_string();
    }
    if let Some((n, "")) = p.strip_prefix("roles").and_then(place) {
        return td_string!(l, field_role_at, n = n).to_string();
    }
    if let Some((n, "")) = p.strip_prefix("team_ids").and_then(place) {
        return td_string!(l, field_team_at, n = n).to_string();
    }
    p.to_string()
}

/// `rest` split at its first `[n]`: the place (counted from 1) and what
/// follows the `]`, as in `[1].opens`.
fn place(rest: &str) -> Option<(String, &str)> {
    let (i, tail) = rest.strip_prefix('[')?.split_once(']')?;
    let i = i.parse::<usize>().ok()?;
    Some(((i + 1).to_string(), tail))
}

/// The label of a field of the business calendar: a day
/// (`weekly_hours.mon`), one of its times (`weekly_hours.mon[1].opens`) or
/// a part of a closure (`closures[0].first_day`).
fn calendar_field(l: Locale, p: &str) -> Option<String> {
    if let Some(rest) = p.strip_prefix("weekly_hours.") {
        let (key, tail) = rest.split_at(rest.find('[').unwrap_or(rest.len()));
        let day = crate::pages::calendar::day_name(l, key)?;
        if tail.is_empty() {
            return Some(day.to_owned());
        }
        let (n, part) = place(tail)?;
        return match part {
            ".opens" => Some(td_string!(l, field_period_opens, day = day, n = n).to_string()),
            ".closes" => Some(td_string!(l, field_period_closes, day = day, n = n).to_string()),
            _ => None,
        };
    }
    let (n, part) = place(p.strip_prefix("closures")?)?;
    match part {
        ".name" => Some(td_string!(l, field_closure_name, n = n).to_string()),
        ".first_day" => Some(td_string!(l, field_closure_first_day, n = n).to_string()),
        ".last_day" => Some(td_string!(l, field_closure_last_day, n = n).to_string()),
        _ => None,
    }
}

/// The label of a field of the district's settings as the audit log names
/// it (their shape as read, e.g. `district.name`, `fallback_team.name`).
pub fn settings_field(l: Locale, path: &str) -> String {
    match path {
        "district.name" => return td_string!(l, field_district_name).to_string(),
        "district.slug" => return field(l, "slug"),
        "district.time_zone" => return field(l, "time_zone"),
        "branding.tab_label" => return td_string!(l, field_tab_label_default).to_string(),
        "reference_prefix" => return td_string!(l, field_reference_prefix).to_string(),
        _ => {}
    }
    if path == "fallback_team" || path.starts_with("fallback_team.") {
        return field(l, "fallback_team_id");
    }
    field(l, path)
}

/// The label of a field of the business calendar as the audit log names it
/// (its shape as read: `weekly_hours.mon`, `closures`).
pub fn calendar_field_of(l: Locale, path: &str) -> String {
    match path {
        "business_day_minutes" => td_string!(l, field_business_day).to_string(),
        "time_zone" => field(l, "time_zone"),
        p => field(l, p),
    }
}

/// The label of a field of a school or department.
pub fn unit_field(l: Locale, path: &str) -> String {
    match path {
        "kind" => field(l, "unit_kind"),
        p => field(l, p),
    }
}

/// The label of a topic's name in the language tagged `tag`.
pub fn topic_name_label(l: Locale, tag: &str) -> String {
    td_string!(l, field_topic_name, language = language_name(tag)).to_string()
}

/// The label of a topic's description in the language tagged `tag`.
pub fn topic_description_label(l: Locale, tag: &str) -> String {
    td_string!(l, field_topic_description, language = language_name(tag)).to_string()
}

/// The label of a field of a topic, as written (`default_team_id`) or as
/// read (`default_team`, `articles`).
pub fn topic_field(l: Locale, path: &str) -> String {
    match path {
        "default_team" | "default_team.name" => field(l, "default_team_id"),
        "fallback_owner" | "fallback_owner.name" => field(l, "fallback_owner_id"),
        "articles" => td_string!(l, field_articles).to_string(),
        p => field(l, p),
    }
}

/// The label of a field of a team, as written (`fallback_owner_id`) or as
/// read (`fallback_owner`, `members`).
pub fn team_field(l: Locale, path: &str) -> String {
    match path {
        "fallback_owner" | "fallback_owner.name" => field(l, "fallback_owner_id"),
        "members" => td_string!(l, field_members).to_string(),
        p => field(l, p),
    }
}

/// Whether a unit is a school or a department.
pub fn unit_kind(l: Locale, k: UnitKind) -> String {
    match k {
        UnitKind::School => td_string!(l, unit_kind_school),
        UnitKind::Department => td_string!(l, unit_kind_department),
    }
    .to_string()
}

/// A metric a strategic goal can track, by its stable name.
pub fn goal_metric(l: Locale, metric: &str) -> String {
    match metric {
        "average_feedback" => td_string!(l, metric_average_feedback),
        "nps" => td_string!(l, metric_nps),
        "standard_met_pct" => td_string!(l, metric_standard_met),
        "first_response_business_median_hours" => td_string!(l, metric_first_response),
        "resolution_business_median_hours" => td_string!(l, metric_resolution),
        "survey_response_rate_pct" => td_string!(l, metric_survey_rate),
        "repeat_contact_rate_pct" => td_string!(l, metric_repeat_contact),
        "misroute_rate_pct" => td_string!(l, metric_misroute),
        other => return other.to_owned(),
    }
    .to_string()
}

/// Why an event of a calendar file is not a closure.
pub fn skip_reason(l: Locale, r: SkipReason) -> String {
    match r {
        SkipReason::Timed => td_string!(l, skip_timed),
        SkipReason::Cancelled => td_string!(l, skip_cancelled),
        SkipReason::Repeats => td_string!(l, skip_repeats),
        SkipReason::NoDate => td_string!(l, skip_no_date),
        SkipReason::EndsBeforeStart => td_string!(l, skip_ends_before_start),
    }
    .to_string()
}

/// What a reply template's placeholder stands for.
pub fn placeholder(l: Locale, p: Placeholder) -> String {
    match p {
        Placeholder::RequesterName => td_string!(l, placeholder_requester_name),
        Placeholder::Reference => td_string!(l, placeholder_reference),
        Placeholder::DueDate => td_string!(l, placeholder_due_date),
        Placeholder::StaffName => td_string!(l, placeholder_staff_name),
    }
    .to_string()
}

/// What kind of thing an audit entry is about.
pub fn audit_resource(l: Locale, r: AuditResource) -> String {
    match r {
        AuditResource::District => td_string!(l, audit_resource_district),
        AuditResource::Calendar => td_string!(l, audit_resource_calendar),
        AuditResource::MailSuppression => td_string!(l, audit_resource_mail_suppression),
        AuditResource::Job => td_string!(l, audit_resource_job),
        AuditResource::Unit => td_string!(l, audit_resource_unit),
        AuditResource::Team => td_string!(l, audit_resource_team),
        AuditResource::TeamMember => td_string!(l, audit_resource_team_member),
        AuditResource::Staff => td_string!(l, audit_resource_staff),
        AuditResource::Topic => td_string!(l, audit_resource_topic),
        AuditResource::Article => td_string!(l, audit_resource_article),
        AuditResource::Template => td_string!(l, audit_resource_template),
        AuditResource::Goal => td_string!(l, audit_resource_goal),
    }
    .to_string()
}

/// What an admin did, in an audit entry.
pub fn audit_action(l: Locale, a: AuditAction) -> String {
    match a {
        AuditAction::Created => td_string!(l, audit_action_created),
        AuditAction::Updated => td_string!(l, audit_action_updated),
        AuditAction::Deleted => td_string!(l, audit_action_deleted),
        AuditAction::Retried => td_string!(l, audit_action_retried),
        AuditAction::PasswordChanged => td_string!(l, audit_action_password_changed),
        AuditAction::PasswordReset => td_string!(l, audit_action_password_reset),
        AuditAction::Reinvited => td_string!(l, audit_action_reinvited),
        AuditAction::Joined => td_string!(l, audit_action_joined),
        AuditAction::Deactivated => td_string!(l, audit_action_deactivated),
        AuditAction::Reactivated => td_string!(l, audit_action_reactivated),
    }
    .to_string()
}

/// Where the "Contact us" tab sits.
pub fn tab_position(l: Locale, p: TabPosition) -> String {
    match p {
        TabPosition::BottomRight => td_string!(l, position_bottom_right),
        TabPosition::BottomLeft => td_string!(l, position_bottom_left),
        TabPosition::MiddleRight => td_string!(l, position_middle_right),
        TabPosition::MiddleLeft => td_string!(l, position_middle_left),
    }
    .to_string()
}

/// A field's validation problem as one plain sentence in the page's
/// language, e.g. "Subject is required", from its stable code: every code
/// has its own text here (the match is exhaustive) and in every locale (a
/// test reads the locale files).
pub fn message(l: Locale, e: &FieldError) -> String {
    let label = field(l, &e.field);
    let n = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    // Time away is no business period: its last day may be its first.
    if e.field == "away.until" && e.code == ErrorCode::EmptyPeriod {
        return td_string!(l, err_away_order).to_string();
    }
    match e.code {
        ErrorCode::Required => td_string!(l, err_required, label = label).to_string(),
        ErrorCode::TooLong => {
            td_string!(l, err_too_long, label = label, max = n(e.max)).to_string()
        }
        ErrorCode::InvalidCharacters => {
            td_string!(l, err_invalid_characters, label = label).to_string()
        }
        ErrorCode::InvalidEmail => td_string!(l, err_invalid_email).to_string(),
        ErrorCode::InvalidPhone => td_string!(l, err_invalid_phone).to_string(),
        ErrorCode::InvalidLanguage => {
            td_string!(l, err_invalid_language, label = label).to_string()
        }
        ErrorCode::NotOffered => td_string!(l, err_not_offered).to_string(),
        ErrorCode::OutOfRange => td_string!(
            l,
            err_out_of_range,
            label = label,
            lo = n(e.min),
            hi = n(e.max)
        )
        .to_string(),
        ErrorCode::NotWholeNumber => td_string!(l, err_not_whole_number, label = label).to_string(),
        ErrorCode::InvalidId => td_string!(l, err_invalid_id, label = label).to_string(),
        ErrorCode::Unknown => td_string!(l, err_unknown, label = label).to_string(),
        ErrorCode::InvalidChoice => td_string!(l, err_invalid_choice, label = label).to_string(),
        ErrorCode::WrongType => td_string!(l, err_wrong_type, label = label).to_string(),
        ErrorCode::UnknownField => td_string!(l, err_unknown_field, label = label).to_string(),
        ErrorCode::InvalidFormat => td_string!(l, err_invalid_format, label = label).to_string(),
        ErrorCode::MustBeEmpty => td_string!(l, err_must_be_empty, label = label).to_string(),
        ErrorCode::ContactRequired => td_string!(l, err_contact_required).to_string(),
        ErrorCode::AnonymousWithContact => td_string!(l, err_anonymous_with_contact).to_string(),
        ErrorCode::NotATeamMember => td_string!(l, err_not_a_team_member).to_string(),
        ErrorCode::EmptyPeriod => td_string!(l, err_empty_period, label = label).to_string(),
        ErrorCode::Duplicate => td_string!(l, err_duplicate, label = label).to_string(),
        ErrorCode::UnknownTimeZone => {
            td_string!(l, err_unknown_time_zone, label = label).to_string()
        }
        ErrorCode::LowContrast => td_string!(l, err_low_contrast, label = label).to_string(),
        ErrorCode::TooShort => {
            td_string!(l, err_too_short, label = label, min = n(e.min)).to_string()
        }
        ErrorCode::WrongPassword => td_string!(l, err_wrong_password, label = label).to_string(),
        ErrorCode::Unchanged => td_string!(l, err_unchanged, label = label).to_string(),
        ErrorCode::Mismatch => td_string!(l, err_mismatch).to_string(),
        ErrorCode::Overlaps => td_string!(l, err_overlaps, label = label).to_string(),
        ErrorCode::TooManyDays => {
            td_string!(l, err_too_many_days, label = label, max = n(e.max)).to_string()
        }
        ErrorCode::UnknownPlaceholder => td_string!(
            l,
            err_unknown_placeholder,
            label = label,
            allowed = e.allowed.join(" ")
        )
        .to_string(),
        ErrorCode::Deactivated => td_string!(l, err_deactivated, label = label).to_string(),
        ErrorCode::OwnAdminRole => td_string!(l, err_own_admin_role).to_string(),
        ErrorCode::FallbackOwner => td_string!(l, err_fallback_owner, label = label).to_string(),
    }
}
