ALTER TABLE inquiries DROP COLUMN resolution_minutes;
ALTER TABLE inquiries DROP COLUMN first_response_minutes;
ALTER TABLE districts ADD COLUMN open_days TEXT NOT NULL DEFAULT '1111100';
ALTER TABLE districts ADD COLUMN opens_at TEXT NOT NULL DEFAULT '08:00';
ALTER TABLE districts ADD COLUMN closes_at TEXT NOT NULL DEFAULT '16:30';
ALTER TABLE districts ADD COLUMN holidays TEXT NOT NULL DEFAULT '';
-- The first period of the first open day stands for every day; one-day
-- closures are holidays again.
UPDATE districts SET
    open_days =
        (CASE json_array_length(weekly_hours, '$.mon') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.tue') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.wed') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.thu') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.fri') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.sat') WHEN 0 THEN '0' ELSE '1' END) ||
        (CASE json_array_length(weekly_hours, '$.sun') WHEN 0 THEN '0' ELSE '1' END),
    holidays = COALESCE((
        SELECT group_concat(json_extract(value, '$.first_day'), ',')
        FROM json_each(districts.closures)
        WHERE json_extract(value, '$.first_day') = json_extract(value, '$.last_day')
    ), '');
ALTER TABLE districts DROP COLUMN calendar_version;
ALTER TABLE districts DROP COLUMN closures;
ALTER TABLE districts DROP COLUMN weekly_hours;
