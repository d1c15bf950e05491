-- Strategic goals as admins keep them: a version for If-Match, and the
-- school, topic or team a goal is for (none: the whole district).
-- No REFERENCES here, unlike PostgreSQL: SQLite cannot drop a column that
-- has one, so the migration could not be reverted; the admin API checks
-- that each is the district's.
ALTER TABLE goals ADD COLUMN unit_id TEXT;
ALTER TABLE goals ADD COLUMN topic_id TEXT;
ALTER TABLE goals ADD COLUMN team_id TEXT;
ALTER TABLE goals ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- The admin list pages through a district's goals by name.
CREATE INDEX goals_in_order ON goals (district_id, name, id);
