-- What the reports keep about each inquiry, written in the same transaction
-- as every change to it, so a summary adds up one range of small rows
-- instead of recomputing business hours and repeat contacts per inquiry.

-- Where inquiries are reported: district, school or department ('' for
-- none), topic and current team. A district has a few hundred of these, so a
-- fact row carries one small number instead of four ids, and a period is a
-- few short range scans.
CREATE TABLE report_scopes (
    id INTEGER PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    unit_id TEXT NOT NULL,
    topic_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    UNIQUE (district_id, unit_id, topic_id, team_id)
);

-- Clustered on (scope, created_at): a period is read in order, with nothing
-- but the numbers in the rows.
CREATE TABLE report_facts (
    scope_id BIGINT NOT NULL REFERENCES report_scopes (id),
    created_at TIMESTAMP NOT NULL,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id),
    -- Kept while unanswered; once answered, first_response_on_time says it all.
    first_response_due_at TIMESTAMP,
    first_response_on_time BOOLEAN,
    first_response_seconds BIGINT,
    first_response_business_seconds BIGINT,
    resolution_seconds BIGINT,
    resolution_business_seconds BIGINT,
    rerouted BOOLEAN NOT NULL,
    repeat_contact BOOLEAN NOT NULL,
    feedback_overall BIGINT,
    feedback_courtesy BIGINT,
    feedback_communication BIGINT,
    feedback_responsiveness BIGINT,
    feedback_environment BIGINT,
    feedback_recommend BIGINT,
    PRIMARY KEY (scope_id, created_at, inquiry_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX report_facts_inquiry ON report_facts (inquiry_id);

-- Who filed which inquiry when, by normalised email or phone, to tell at
-- intake whether the same requester wrote in the 30 days before.
CREATE TABLE contacts (
    district_id TEXT NOT NULL REFERENCES districts (id),
    contact_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id),
    PRIMARY KEY (district_id, contact_key, created_at, inquiry_id)
) WITHOUT ROWID;

-- Set once every inquiry stored before the report facts existed has them,
-- so start-up need not count the inquiries again.
CREATE TABLE report_facts_backfill (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    completed_at TIMESTAMP NOT NULL
);
