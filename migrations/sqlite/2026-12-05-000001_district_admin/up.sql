-- What a district sets about itself beyond its calendar: where its tab sits
-- and what it says in each language, what it promises on each pillar, when
-- an inquiry is past due, how long requester details are kept. `version`
-- lets two admins' changes meet as 412 instead of one silently undoing the
-- other.
ALTER TABLE districts ADD COLUMN tab_labels TEXT NOT NULL DEFAULT '{}';
ALTER TABLE districts ADD COLUMN tab_position TEXT NOT NULL DEFAULT 'bottom_right';
ALTER TABLE districts ADD COLUMN pillar_standards TEXT NOT NULL DEFAULT '{}';
ALTER TABLE districts ADD COLUMN past_due_business_days BIGINT NOT NULL DEFAULT 5;
ALTER TABLE districts ADD COLUMN requester_retention_days BIGINT;
ALTER TABLE districts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- The one label so far is the default language's.
UPDATE districts SET tab_labels = json_object(substr(languages, 1, instr(languages || ',', ',') - 1), tab_label);

-- Every change an admin makes: who, when, from where, and the thing before
-- and after, as the API shows it. Written in the change's own transaction,
-- so there is an entry exactly when there is a change. Ids are time-ordered,
-- so the newest come first along the key.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    at TIMESTAMP NOT NULL,
    actor_staff_id TEXT REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    address TEXT,
    resource TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_by_district ON audit_log (district_id, id);
CREATE INDEX audit_log_by_resource ON audit_log (district_id, resource, resource_id, id);
