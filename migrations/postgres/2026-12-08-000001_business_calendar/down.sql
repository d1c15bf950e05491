ALTER TABLE inquiries DROP COLUMN resolution_minutes, DROP COLUMN first_response_minutes;
ALTER TABLE districts
    ADD COLUMN open_days TEXT NOT NULL DEFAULT '1111100',
    ADD COLUMN opens_at TEXT NOT NULL DEFAULT '08:00',
    ADD COLUMN closes_at TEXT NOT NULL DEFAULT '16:30',
    ADD COLUMN holidays TEXT NOT NULL DEFAULT '';
-- Open days from the weekly hours; one-day closures are holidays again.
UPDATE districts SET
    open_days = (
        SELECT string_agg(CASE json_array_length((weekly_hours::json) -> d) WHEN 0 THEN '0' ELSE '1' END, '' ORDER BY n)
        FROM unnest(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) WITH ORDINALITY AS days(d, n)
    ),
    holidays = COALESCE((
        SELECT string_agg(c ->> 'first_day', ',')
        FROM json_array_elements(closures::json) AS c
        WHERE c ->> 'first_day' = c ->> 'last_day'
    ), '');
ALTER TABLE districts DROP COLUMN calendar_version, DROP COLUMN closures, DROP COLUMN weekly_hours;
