-- Staff as admins keep them: a version for If-Match, the days a member is
-- out of the office (both included, in the district's time zone), and when
-- they were deactivated. Members are never deleted: inquiries and the
-- audit log keep naming them.
ALTER TABLE staff ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN away_from DATE;
ALTER TABLE staff ADD COLUMN away_until DATE;
ALTER TABLE staff ADD COLUMN deactivated_at TIMESTAMP;
-- The admin list pages through staff by name ignoring case, then id.
CREATE INDEX staff_by_name ON staff (district_id, lower(name), id);
