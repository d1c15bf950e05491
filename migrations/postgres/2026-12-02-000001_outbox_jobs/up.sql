-- Every case event is published here in the transaction that stores it, so
-- an event is published exactly when its change is stored. The dispatcher
-- turns each entry into jobs and removes it: the table holds only what is
-- not yet handed on.
CREATE TABLE outbox (
    event_id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL,
    inquiry_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Work that runs after a commit, claimed by the workers of every server.
-- (kind, dedupe_key) makes a job happen once however often it is asked for:
-- its handler is keyed by the event it acts on.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    district_id TEXT,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    attempts BIGINT NOT NULL,
    max_attempts BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE UNIQUE INDEX jobs_once ON jobs (kind, dedupe_key);
CREATE INDEX jobs_by_state ON jobs (state, run_at);

-- Addresses a district no longer writes to (bounces, complaints).
CREATE TABLE mail_suppressions (
    district_id TEXT NOT NULL REFERENCES districts (id),
    address TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (district_id, address)
);

-- A district's DKIM key, when it signs its mail.
CREATE TABLE district_mail (
    district_id TEXT PRIMARY KEY REFERENCES districts (id),
    dkim_domain TEXT NOT NULL,
    dkim_selector TEXT NOT NULL,
    dkim_private_key TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
