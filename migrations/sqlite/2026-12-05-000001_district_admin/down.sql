DROP TABLE audit_log;
ALTER TABLE districts DROP COLUMN version;
ALTER TABLE districts DROP COLUMN requester_retention_days;
ALTER TABLE districts DROP COLUMN past_due_business_days;
ALTER TABLE districts DROP COLUMN pillar_standards;
ALTER TABLE districts DROP COLUMN tab_position;
ALTER TABLE districts DROP COLUMN tab_labels;
