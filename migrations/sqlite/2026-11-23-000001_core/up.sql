-- The core of Heard: districts and their people, and the inquiries they handle.
-- Ids are UUIDs kept as TEXT and times are UTC TIMESTAMPs, so the SQLite and
-- PostgreSQL schemas stay column-for-column identical.

CREATE TABLE installation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE districts (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    reference_prefix TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    languages TEXT NOT NULL,
    tab_label TEXT NOT NULL,
    color TEXT NOT NULL,
    open_days TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    holidays TEXT NOT NULL,
    first_response_minutes BIGINT NOT NULL,
    resolution_minutes BIGINT NOT NULL,
    fallback_team_id TEXT,
    next_reference BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    languages TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, email)
);

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id),
    staff_id TEXT NOT NULL REFERENCES staff (id),
    PRIMARY KEY (team_id, staff_id)
);
CREATE INDEX team_members_staff ON team_members (staff_id);

CREATE TABLE topics (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    default_team_id TEXT REFERENCES teams (id),
    position BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    reference_number BIGINT NOT NULL,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    topic_id TEXT NOT NULL REFERENCES topics (id),
    unit_id TEXT REFERENCES units (id),
    team_id TEXT NOT NULL REFERENCES teams (id),
    assignee_id TEXT REFERENCES staff (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    requester_name TEXT,
    requester_email TEXT,
    requester_phone TEXT,
    requester_role TEXT NOT NULL,
    requester_language TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    contact_keys TEXT NOT NULL,
    tracking_token_hash TEXT NOT NULL UNIQUE,
    routing_rule TEXT NOT NULL,
    routing_reason TEXT NOT NULL,
    rerouted BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    first_response_due_at TIMESTAMP,
    resolution_due_at TIMESTAMP,
    first_response_at TIMESTAMP,
    resolved_at TIMESTAMP,
    UNIQUE (district_id, reference_number)
);
-- The inbox lists newest first with the id as tie-break, so each index ends
-- in (created_at, id) and a page never needs a sort.
CREATE INDEX inquiries_district_created ON inquiries (district_id, created_at, id);
CREATE INDEX inquiries_district_status_created ON inquiries (district_id, status, created_at, id);
CREATE INDEX inquiries_team_created ON inquiries (team_id, created_at, id);
CREATE INDEX inquiries_assignee_created ON inquiries (assignee_id, created_at, id);

CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id),
    author_kind TEXT NOT NULL,
    staff_id TEXT REFERENCES staff (id),
    internal BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_inquiry ON messages (inquiry_id, created_at);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id),
    district_id TEXT NOT NULL REFERENCES districts (id),
    kind TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_staff_id TEXT REFERENCES staff (id),
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX events_inquiry ON events (inquiry_id, created_at);

CREATE TABLE feedback (
    inquiry_id TEXT PRIMARY KEY REFERENCES inquiries (id),
    overall BIGINT NOT NULL,
    courtesy BIGINT NOT NULL,
    communication BIGINT NOT NULL,
    responsiveness BIGINT NOT NULL,
    environment BIGINT,
    recommend BIGINT,
    comment TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE idempotency_keys (
    district_id TEXT NOT NULL REFERENCES districts (id),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id),
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (district_id, idempotency_key)
);

CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    metric TEXT NOT NULL,
    comparison TEXT NOT NULL,
    target DOUBLE NOT NULL,
    period_start TIMESTAMP NOT NULL,
    period_end TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE help_articles (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    topic_id TEXT REFERENCES topics (id),
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    helpful_count BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX help_articles_district ON help_articles (district_id, language);
