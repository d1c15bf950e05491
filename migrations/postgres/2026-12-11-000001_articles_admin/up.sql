-- Help articles as admins keep them: a version for If-Match, and whether
-- families see them. The articles there are already were shown to
-- families, so they stay published.
ALTER TABLE help_articles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE help_articles ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
-- The admin list pages through a district's articles by language, then title.
CREATE INDEX help_articles_in_order ON help_articles (district_id, language, title, id);
