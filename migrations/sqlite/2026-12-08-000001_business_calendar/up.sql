-- The business calendar as districts keep it: open periods for each day of
-- the week (two make a lunch break) and named closures of one day or many
-- (holidays and school breaks), both as the admin API writes them. It has
-- its own version, as an admin edits it apart from the other settings.
ALTER TABLE districts ADD COLUMN weekly_hours TEXT NOT NULL DEFAULT '{}';
ALTER TABLE districts ADD COLUMN closures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE districts ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 1;

-- One period on each open day, as the old columns said.
UPDATE districts SET weekly_hours = json_object(
    'mon', json(CASE substr(open_days, 1, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'tue', json(CASE substr(open_days, 2, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'wed', json(CASE substr(open_days, 3, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'thu', json(CASE substr(open_days, 4, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'fri', json(CASE substr(open_days, 5, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'sat', json(CASE substr(open_days, 6, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END),
    'sun', json(CASE substr(open_days, 7, 1) WHEN '1' THEN '[{"opens":"' || opens_at || '","closes":"' || closes_at || '"}]' ELSE '[]' END)
);

-- Each listed holiday becomes a closure of its one day.
UPDATE districts SET closures = (
    WITH RECURSIVE split(day, rest) AS (
        SELECT '', districts.holidays || ','
        UNION ALL
        SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
        FROM split WHERE rest <> ''
    )
    SELECT json_group_array(json_object('name', 'Holiday', 'first_day', day, 'last_day', day))
    FROM split WHERE day <> ''
);

ALTER TABLE districts DROP COLUMN open_days;
ALTER TABLE districts DROP COLUMN opens_at;
ALTER TABLE districts DROP COLUMN closes_at;
ALTER TABLE districts DROP COLUMN holidays;

-- The standard each inquiry is held to, in business minutes, kept with it
-- so a new calendar moves its due times by the standard it was given.
-- Inquiries from before are held to their district's standard.
ALTER TABLE inquiries ADD COLUMN first_response_minutes BIGINT;
ALTER TABLE inquiries ADD COLUMN resolution_minutes BIGINT;
