-- A district's logo. What it is (format, size, digest) sits on the
-- district row, which every page already reads; the image itself sits
-- apart, read only when a browser asks for it.
ALTER TABLE districts ADD COLUMN logo TEXT;
CREATE TABLE district_logos (
    district_id TEXT NOT NULL PRIMARY KEY REFERENCES districts (id),
    image BLOB NOT NULL
);
