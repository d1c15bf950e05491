DROP INDEX refresh_tokens_staff;
DROP INDEX refresh_tokens_session;
ALTER TABLE refresh_tokens DROP COLUMN session_id;
