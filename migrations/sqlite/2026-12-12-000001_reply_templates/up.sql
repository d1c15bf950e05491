-- Reply templates: the answers staff send often, one per name and
-- language. The admin API also refuses a name differing only in case;
-- this index holds even for two admins saving at once, and gives the
-- admin list its order.
CREATE TABLE reply_templates (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES districts (id),
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX reply_templates_by_name ON reply_templates (district_id, language, name);
