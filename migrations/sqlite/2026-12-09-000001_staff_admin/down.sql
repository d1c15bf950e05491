DROP INDEX staff_by_name;
ALTER TABLE staff DROP COLUMN deactivated_at;
ALTER TABLE staff DROP COLUMN away_until;
ALTER TABLE staff DROP COLUMN away_from;
ALTER TABLE staff DROP COLUMN version;
