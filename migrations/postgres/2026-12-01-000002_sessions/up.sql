-- Each sign-in is a session whose id every refresh token rotated from it
-- keeps, so signing out ends the session and the access tokens it issued.
ALTER TABLE refresh_tokens ADD COLUMN session_id TEXT;

-- Which tokens were rotated from which was never kept: each token stored
-- before sessions is a session of its own.
UPDATE refresh_tokens SET session_id = md5(token_hash || random()::text);

ALTER TABLE refresh_tokens ALTER COLUMN session_id SET NOT NULL;

CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_staff ON refresh_tokens (staff_id);
