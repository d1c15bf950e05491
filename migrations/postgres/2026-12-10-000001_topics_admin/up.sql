-- Topics as admins keep them: a version for If-Match, the name and
-- description in each language the district offers (a JSON object keyed by
-- language tag; `name` and `description` stay the default language's, which
-- the inbox, routing traces and reports show), and who takes over a
-- topic's open inquiries when their owner leaves.
ALTER TABLE topics ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE topics ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';
ALTER TABLE topics ADD COLUMN fallback_owner_id TEXT REFERENCES staff (id);
-- Existing topics were written in the district's default language, the
-- first of its comma-separated languages.
UPDATE topics t SET texts = json_build_object(
    split_part(d.languages, ',', 1),
    json_build_object('name', t.name, 'description', t.description))::text
  FROM districts d WHERE d.id = t.district_id;
-- The admin list pages through topics in the portal's order.
CREATE INDEX topics_in_order ON topics (district_id, position, id);
