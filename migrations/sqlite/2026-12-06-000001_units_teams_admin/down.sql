DROP INDEX teams_by_name;
ALTER TABLE teams DROP COLUMN version;
ALTER TABLE teams DROP COLUMN fallback_owner_id;
DROP INDEX units_by_name;
ALTER TABLE units DROP COLUMN version;
ALTER TABLE units DROP COLUMN address;
ALTER TABLE units DROP COLUMN grade_band;
