-- Strategic goals as admins keep them: a version for If-Match, and the
-- school, topic or team a goal is for (none: the whole district).
-- Each is checked by the admin API to be the district's.
ALTER TABLE goals ADD COLUMN unit_id TEXT REFERENCES units (id);
ALTER TABLE goals ADD COLUMN topic_id TEXT REFERENCES topics (id);
ALTER TABLE goals ADD COLUMN team_id TEXT REFERENCES teams (id);
ALTER TABLE goals ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- The admin list pages through a district's goals by name.
CREATE INDEX goals_in_order ON goals (district_id, name, id);
