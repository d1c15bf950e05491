-- One case model: who entered an inquiry for a family and whether it is
-- confidential (both decide who may see it), and the actor's name as it was
-- when each timeline event happened.
ALTER TABLE inquiries ADD COLUMN recorded_by_id TEXT REFERENCES staff (id);
ALTER TABLE inquiries ADD COLUMN confidential BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN actor_name TEXT;
-- A recorder's inbox lists what they entered.
CREATE INDEX inquiries_recorded_by_created ON inquiries (recorded_by_id, created_at, id);

-- One timestamp precision on both backends: microseconds, as PostgreSQL
-- keeps them. Times written before were kept to the nanosecond here
-- ("YYYY-MM-DD HH:MM:SS.fffffffff"), so a cursor made of a microsecond time
-- could fall between two rows; the first 26 characters are the microseconds.
UPDATE inquiries SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
UPDATE inquiries SET updated_at = substr(updated_at, 1, 26) WHERE length(updated_at) > 26;
UPDATE inquiries SET first_response_due_at = substr(first_response_due_at, 1, 26) WHERE length(first_response_due_at) > 26;
UPDATE inquiries SET resolution_due_at = substr(resolution_due_at, 1, 26) WHERE length(resolution_due_at) > 26;
UPDATE inquiries SET first_response_at = substr(first_response_at, 1, 26) WHERE length(first_response_at) > 26;
UPDATE inquiries SET resolved_at = substr(resolved_at, 1, 26) WHERE length(resolved_at) > 26;
UPDATE messages SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
UPDATE events SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
UPDATE feedback SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
UPDATE report_facts SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
UPDATE report_facts SET first_response_due_at = substr(first_response_due_at, 1, 26) WHERE length(first_response_due_at) > 26;
UPDATE contacts SET created_at = substr(created_at, 1, 26) WHERE length(created_at) > 26;
