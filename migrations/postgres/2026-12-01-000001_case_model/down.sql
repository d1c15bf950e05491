DROP INDEX inquiries_recorded_by_created;
ALTER TABLE events DROP COLUMN actor_name;
ALTER TABLE inquiries DROP COLUMN confidential;
ALTER TABLE inquiries DROP COLUMN recorded_by_id;
