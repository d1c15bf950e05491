-- Schools carry the grades they teach and every unit its address, so a
-- family can tell Cedar Park Elementary from Cedar Park Middle. Units and
-- teams get a version for If-Match, and names the district cannot confuse:
-- the admin API refuses a name differing only in case, and these indexes
-- hold even for two admins creating at once.
ALTER TABLE units ADD COLUMN grade_band TEXT;
ALTER TABLE units ADD COLUMN address TEXT;
ALTER TABLE units ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX units_by_name ON units (district_id, name);

-- Who takes over the open inquiries of a member who leaves the team. No
-- REFERENCES here, unlike PostgreSQL: SQLite cannot drop a column that has
-- one, so the migration could not be reverted; the admin API checks it.
ALTER TABLE teams ADD COLUMN fallback_owner_id TEXT;
ALTER TABLE teams ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX teams_by_name ON teams (district_id, name);
