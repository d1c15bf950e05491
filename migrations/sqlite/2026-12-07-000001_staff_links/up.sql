-- One-time links that let a staff member choose a password: the invitation
-- an admin sends, and the reset a member asks for. Only the token's hash is
-- kept; a link works once (used_at) and until it expires.
CREATE TABLE staff_links (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    staff_id TEXT NOT NULL REFERENCES staff (id),
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES staff (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX staff_links_by_staff ON staff_links (staff_id, purpose, created_at);
