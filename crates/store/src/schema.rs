//! Diesel's view of the tables in `migrations/`, in the form `diesel print-schema`
//! writes it; `tests/schema.rs` proves they agree on both backends. Rows
//! (`crate::rows`) read and write these text columns as typed domain values.

diesel::table! {
    installation (id) {
        id -> Integer,
        secret -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    districts (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        reference_prefix -> Text,
        time_zone -> Text,
        languages -> Text,
        tab_label -> Text,
        color -> Text,
        first_response_minutes -> BigInt,
        resolution_minutes -> BigInt,
        fallback_team_id -> Nullable<Text>,
        next_reference -> BigInt,
        created_at -> Timestamp,
        tab_labels -> Text,
        tab_position -> Text,
        pillar_standards -> Text,
        past_due_business_days -> BigInt,
        requester_retention_days -> Nullable<BigInt>,
        version -> BigInt,
        weekly_hours -> Text,
        closures -> Text,
        calendar_version -> BigInt,
        logo -> Nullable<Text>,
    }
}

diesel::table! {
    district_logos (district_id) {
        district_id -> Text,
        image -> Binary,
    }
}

diesel::table! {
    units (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        kind -> Text,
        created_at -> Timestamp,
        grade_band -> Nullable<Text>,
        address -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        created_at -> Timestamp,
        fallback_owner_id -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    staff (id) {
        id -> Text,
        district_id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        roles -> Text,
        languages -> Text,
        active -> Bool,
        created_at -> Timestamp,
        version -> BigInt,
        away_from -> Nullable<Date>,
        away_until -> Nullable<Date>,
        deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    team_members (team_id, staff_id) {
        team_id -> Text,
        staff_id -> Text,
    }
}

diesel::table! {
    topics (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        description -> Text,
        default_team_id -> Nullable<Text>,
        position -> BigInt,
        created_at -> Timestamp,
        version -> BigInt,
        texts -> Text,
        fallback_owner_id -> Nullable<Text>,
    }
}

diesel::table! {
    inquiries (id) {
        id -> Text,
        district_id -> Text,
        reference_number -> BigInt,
        reference -> Text,
        kind -> Text,
        channel -> Text,
        status -> Text,
        priority -> Text,
        topic_id -> Text,
        unit_id -> Nullable<Text>,
        team_id -> Text,
        assignee_id -> Nullable<Text>,
        subject -> Text,
        body -> Text,
        requester_name -> Nullable<Text>,
        requester_email -> Nullable<Text>,
        requester_phone -> Nullable<Text>,
        requester_role -> Text,
        requester_language -> Text,
        anonymous -> Bool,
        contact_keys -> Text,
        tracking_token_hash -> Text,
        routing_rule -> Text,
        routing_reason -> Text,
        rerouted -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        first_response_due_at -> Nullable<Timestamp>,
        resolution_due_at -> Nullable<Timestamp>,
        first_response_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        recorded_by_id -> Nullable<Text>,
        confidential -> Bool,
        first_response_minutes -> Nullable<BigInt>,
        resolution_minutes -> Nullable<BigInt>,
    }
}

diesel::table! {
    messages (id) {
        id -> Text,
        inquiry_id -> Text,
        author_kind -> Text,
        staff_id -> Nullable<Text>,
        internal -> Bool,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        inquiry_id -> Text,
        district_id -> Text,
        kind -> Text,
        actor_kind -> Text,
        actor_staff_id -> Nullable<Text>,
        data -> Text,
        created_at -> Timestamp,
        actor_name -> Nullable<Text>,
    }
}

diesel::table! {
    feedback (inquiry_id) {
        inquiry_id -> Text,
        overall -> BigInt,
        courtesy -> BigInt,
        communication -> BigInt,
        responsiveness -> BigInt,
        environment -> Nullable<BigInt>,
        recommend -> Nullable<BigInt>,
        comment -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        staff_id -> Text,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        session_id -> Text,
    }
}

diesel::table! {
    idempotency_keys (district_id, idempotency_key) {
        district_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        inquiry_id -> Text,
        response -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    help_articles (id) {
        id -> Text,
        district_id -> Text,
        topic_id -> Nullable<Text>,
        language -> Text,
        title -> Text,
        body -> Text,
        helpful_count -> BigInt,
        created_at -> Timestamp,
        version -> BigInt,
        published -> Bool,
    }
}

diesel::table! {
    reply_templates (id) {
        id -> Text,
        district_id -> Text,
        language -> Text,
        name -> Text,
        body -> Text,
        version -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    goals (id) {
        id -> Text,
        district_id -> Text,
        name -> Text,
        metric -> Text,
        comparison -> Text,
        target -> Double,
        period_start -> Timestamp,
        period_end -> Timestamp,
        created_at -> Timestamp,
        unit_id -> Nullable<Text>,
        topic_id -> Nullable<Text>,
        team_id -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    report_scopes (id) {
        id -> BigInt,
        district_id -> Text,
        unit_id -> Text,
        topic_id -> Text,
        team_id -> Text,
    }
}

diesel::table! {
    report_facts (inquiry_id) {
        scope_id -> BigInt,
        created_at -> Timestamp,
        inquiry_id -> Text,
        first_response_due_at -> Nullable<Timestamp>,
        first_response_on_time -> Nullable<Bool>,
        first_response_seconds -> Nullable<BigInt>,
        first_response_business_seconds -> Nullable<BigInt>,
        resolution_seconds -> Nullable<BigInt>,
        resolution_business_seconds -> Nullable<BigInt>,
        rerouted -> Bool,
        repeat_contact -> Bool,
        feedback_overall -> Nullable<BigInt>,
        feedback_courtesy -> Nullable<BigInt>,
        feedback_communication -> Nullable<BigInt>,
        feedback_responsiveness -> Nullable<BigInt>,
        feedback_environment -> Nullable<BigInt>,
        feedback_recommend -> Nullable<BigInt>,
    }
}

diesel::table! {
    contacts (district_id, contact_key, created_at, inquiry_id) {
        district_id -> Text,
        contact_key -> Text,
        created_at -> Timestamp,
        inquiry_id -> Text,
    }
}

diesel::table! {
    report_facts_backfill (id) {
        id -> Integer,
        completed_at -> Timestamp,
    }
}

diesel::table! {
    outbox (event_id) {
        event_id -> Text,
        district_id -> Text,
        inquiry_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        dedupe_key -> Text,
        district_id -> Nullable<Text>,
        payload -> Text,
        state -> Text,
        run_at -> Timestamp,
        attempts -> BigInt,
        max_attempts -> BigInt,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mail_suppressions (district_id, address) {
        district_id -> Text,
        address -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    district_mail (district_id) {
        district_id -> Text,
        dkim_domain -> Text,
        dkim_selector -> Text,
        dkim_private_key -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        district_id -> Text,
        at -> Timestamp,
        actor_staff_id -> Nullable<Text>,
        actor_name -> Text,
        address -> Nullable<Text>,
        resource -> Text,
        resource_id -> Text,
        action -> Text,
        before -> Nullable<Text>,
        after -> Nullable<Text>,
    }
}

diesel::table! {
    staff_links (id) {
        id -> Text,
        district_id -> Text,
        staff_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(units -> districts (district_id));
diesel::joinable!(teams -> districts (district_id));
diesel::joinable!(staff -> districts (district_id));
diesel::joinable!(team_members -> teams (team_id));
diesel::joinable!(team_members -> staff (staff_id));
diesel::joinable!(topics -> districts (district_id));
diesel::joinable!(reply_templates -> districts (district_id));
diesel::joinable!(inquiries -> topics (topic_id));
diesel::joinable!(inquiries -> units (unit_id));
diesel::joinable!(inquiries -> teams (team_id));
diesel::joinable!(messages -> inquiries (inquiry_id));
diesel::joinable!(events -> inquiries (inquiry_id));
diesel::joinable!(feedback -> inquiries (inquiry_id));
diesel::joinable!(report_facts -> inquiries (inquiry_id));
diesel::joinable!(report_facts -> report_scopes (scope_id));
diesel::joinable!(contacts -> inquiries (inquiry_id));
diesel::joinable!(district_logos -> districts (district_id));

diesel::allow_tables_to_appear_in_same_query!(
    installation,
    districts,
    district_logos,
    units,
    teams,
    staff,
    team_members,
    topics,
    inquiries,
    messages,
    events,
    feedback,
    refresh_tokens,
    idempotency_keys,
    help_articles,
    reply_templates,
    goals,
    report_scopes,
    report_facts,
    contacts,
    report_facts_backfill,
    outbox,
    jobs,
    mail_suppressions,
    district_mail,
    audit_log,
    staff_links,
);
