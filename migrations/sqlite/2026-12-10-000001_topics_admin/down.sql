DROP INDEX topics_in_order;
ALTER TABLE topics DROP COLUMN fallback_owner_id;
ALTER TABLE topics DROP COLUMN texts;
ALTER TABLE topics DROP COLUMN version;
