-- The business calendar as districts keep it: open periods for each day of
-- the week (two make a lunch break) and named closures of one day or many
-- (holidays and school breaks), both as the admin API writes them. It has
-- its own version, as an admin edits it apart from the other settings.
ALTER TABLE districts
    ADD COLUMN weekly_hours TEXT NOT NULL DEFAULT '{}',
    ADD COLUMN closures TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 1;

-- One period on each open day, as the old columns said; each listed
-- holiday becomes a closure of its one day.
UPDATE districts SET
    weekly_hours = json_build_object(
        'mon', CASE substr(open_days, 1, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'tue', CASE substr(open_days, 2, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'wed', CASE substr(open_days, 3, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'thu', CASE substr(open_days, 4, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'fri', CASE substr(open_days, 5, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'sat', CASE substr(open_days, 6, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END,
        'sun', CASE substr(open_days, 7, 1) WHEN '1' THEN json_build_array(json_build_object('opens', opens_at, 'closes', closes_at)) ELSE json_build_array() END
    )::text,
    closures = COALESCE((
        SELECT json_agg(json_build_object('name', 'Holiday', 'first_day', day, 'last_day', day) ORDER BY day)::text
        FROM unnest(string_to_array(holidays, ',')) AS day
        WHERE day <> ''
    ), '[]');

ALTER TABLE districts
    DROP COLUMN open_days,
    DROP COLUMN opens_at,
    DROP COLUMN closes_at,
    DROP COLUMN holidays;

-- The standard each inquiry is held to, in business minutes, kept with it
-- so a new calendar moves its due times by the standard it was given.
-- Inquiries from before are held to their district's standard.
ALTER TABLE inquiries
    ADD COLUMN first_response_minutes BIGINT,
    ADD COLUMN resolution_minutes BIGINT;
