DROP INDEX staff_by_name;
ALTER TABLE staff DROP COLUMN deactivated_at, DROP COLUMN away_until, DROP COLUMN away_from, DROP COLUMN version;
