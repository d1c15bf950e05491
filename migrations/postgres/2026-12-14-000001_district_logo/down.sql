DROP TABLE district_logos;
ALTER TABLE districts DROP COLUMN logo;
