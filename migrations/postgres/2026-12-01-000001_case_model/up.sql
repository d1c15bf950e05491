-- One case model: who entered an inquiry for a family and whether it is
-- confidential (both decide who may see it), and the actor's name as it was
-- when each timeline event happened.
ALTER TABLE inquiries ADD COLUMN recorded_by_id TEXT REFERENCES staff (id);
ALTER TABLE inquiries ADD COLUMN confidential BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN actor_name TEXT;
-- A recorder's inbox lists what they entered.
CREATE INDEX inquiries_recorded_by_created ON inquiries (recorded_by_id, created_at, id);
