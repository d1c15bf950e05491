DROP INDEX topics_in_order;
ALTER TABLE topics DROP COLUMN fallback_owner_id, DROP COLUMN texts, DROP COLUMN version;
