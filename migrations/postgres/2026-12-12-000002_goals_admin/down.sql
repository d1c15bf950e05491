DROP INDEX goals_in_order;
ALTER TABLE goals DROP COLUMN version;
ALTER TABLE goals DROP COLUMN team_id;
ALTER TABLE goals DROP COLUMN topic_id;
ALTER TABLE goals DROP COLUMN unit_id;
