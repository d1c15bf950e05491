DROP INDEX help_articles_in_order;
ALTER TABLE help_articles DROP COLUMN published;
ALTER TABLE help_articles DROP COLUMN version;
