-- Each sign-in is a session whose id every refresh token rotated from it
-- keeps, so signing out ends the session and the access tokens it issued.
-- SQLite adds a NOT NULL column only with a default, which would put every
-- token written without one in a single shared session: rebuild instead.
CREATE TABLE refresh_tokens_with_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    session_id TEXT NOT NULL
);

-- Which tokens were rotated from which was never kept: each token stored
-- before sessions is a session of its own.
INSERT INTO refresh_tokens_with_sessions
    (token_hash, staff_id, expires_at, revoked_at, created_at, session_id)
SELECT token_hash, staff_id, expires_at, revoked_at, created_at, lower(hex(randomblob(16)))
FROM refresh_tokens;

DROP TABLE refresh_tokens;
ALTER TABLE refresh_tokens_with_sessions RENAME TO refresh_tokens;

CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_staff ON refresh_tokens (staff_id);
