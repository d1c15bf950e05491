-- Topics as admins keep them: a version for If-Match, the name and
-- description in each language the district offers (a JSON object keyed by
-- language tag; `name` and `description` stay the default language's, which
-- the inbox, routing traces and reports show), and who takes over a
-- topic's open inquiries when their owner leaves. No REFERENCES on
-- fallback_owner_id: SQLite cannot drop a column that has one, so the
-- migration could not be reverted; the admin API checks it.
ALTER TABLE topics ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE topics ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';
ALTER TABLE topics ADD COLUMN fallback_owner_id TEXT;
-- Existing topics were written in the district's default language, the
-- first of its comma-separated languages.
UPDATE topics SET texts = json_object(
    (SELECT CASE WHEN instr(d.languages, ',') > 0
                 THEN substr(d.languages, 1, instr(d.languages, ',') - 1)
                 ELSE d.languages END
       FROM districts d WHERE d.id = topics.district_id),
    json_object('name', name, 'description', description));
-- The admin list pages through topics in the portal's order.
CREATE INDEX topics_in_order ON topics (district_id, position, id);
