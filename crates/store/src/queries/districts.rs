//! Districts and their configuration: units, teams, topics, goals, the installation secret.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{DistrictId, StaffId, TeamId, TopicId, UnitId};

/// Every district, by name.
pub fn all(conn: &mut AnyConnection) -> Result<Vec<DistrictRow>, StoreError> {
    Ok(districts::table
        .order(districts::name.asc())
        .select(DistrictRow::as_select())
        .load(conn)?)
}

/// The district with this slug.
pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> Result<DistrictRow, StoreError> {
    Ok(districts::table
        .filter(districts::slug.eq(slug))
        .select(DistrictRow::as_select())
        .first(conn)?)
}

/// The district with this id.
pub fn by_id(conn: &mut AnyConnection, id: DistrictId) -> Result<DistrictRow, StoreError> {
    Ok(districts::table
        .find(id)
        .select(DistrictRow::as_select())
        .first(conn)?)
}

/// Whether another district than `except` has `slug`.
pub fn slug_taken(
    conn: &mut AnyConnection,
    slug: &str,
    except: DistrictId,
) -> Result<bool, StoreError> {
    Ok(districts::table
        .filter(districts::slug.eq(slug))
        .filter(districts::id.ne(except))
        .select(districts::id)
        .first::<DistrictId>(conn)
        .optional()?
        .is_some())
}

/// Stores an admin's `change` to the district if its settings are still at
/// version `expected`, and moves them to the next version; otherwise
/// [`StoreError::Stale`] with the version sent.
pub fn update_settings(
    conn: &mut AnyConnection,
    id: DistrictId,
    expected: i64,
    change: &DistrictSettingsChange,
) -> Result<(), StoreError> {
    let n = diesel::update(
        districts::table
            .filter(districts::id.eq(id))
            .filter(districts::version.eq(expected)),
    )
    .set((change, districts::version.eq(districts::version + 1)))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::Stale(expected))
    }
}

/// Makes `team` the district's fallback team if it has none yet, moving
/// the settings to their next version; answers whether it did.
pub fn adopt_fallback_team(
    conn: &mut AnyConnection,
    id: DistrictId,
    team: TeamId,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        districts::table
            .filter(districts::id.eq(id))
            .filter(districts::fallback_team_id.is_null()),
    )
    .set((
        districts::fallback_team_id.eq(Some(team)),
        districts::version.eq(districts::version + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Stores a new business calendar (`weekly_hours` and `closures` as JSON)
/// if the district's calendar is still at version `expected`, and moves it
/// to the next version; otherwise [`StoreError::Stale`] with the version sent.
pub fn set_calendar(
    conn: &mut AnyConnection,
    id: DistrictId,
    expected: i64,
    weekly_hours: &str,
    closures: &str,
) -> Result<(), StoreError> {
    let n = diesel::update(
        districts::table
            .filter(districts::id.eq(id))
            .filter(districts::calendar_version.eq(expected)),
    )
    .set((
        districts::weekly_hours.eq(weekly_hours),
        districts::closures.eq(closures),
        districts::calendar_version.eq(districts::calendar_version + 1),
    ))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::Stale(expected))
    }
}

/// Whether `team` is one of the district's teams.
pub fn has_team(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    team: TeamId,
) -> Result<bool, StoreError> {
    Ok(teams::table
        .filter(teams::id.eq(team))
        .filter(teams::district_id.eq(district_id))
        .select(teams::id)
        .first::<TeamId>(conn)
        .optional()?
        .is_some())
}

/// Schools and departments, by name.
pub fn units(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<UnitRow>, StoreError> {
    Ok(units::table
        .filter(units::district_id.eq(district_id))
        .order((units::kind.desc(), units::name.asc()))
        .select(UnitRow::as_select())
        .load(conn)?)
}

/// Teams, by name.
pub fn teams(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<TeamRow>, StoreError> {
    Ok(teams::table
        .filter(teams::district_id.eq(district_id))
        .order(teams::name.asc())
        .select(TeamRow::as_select())
        .load(conn)?)
}

/// Topics, in the district's order.
pub fn topics(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<TopicRow>, StoreError> {
    Ok(topics::table
        .filter(topics::district_id.eq(district_id))
        .order((topics::position.asc(), topics::name.asc()))
        .select(TopicRow::as_select())
        .load(conn)?)
}

/// Goals, by name.
pub fn goals(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<GoalRow>, StoreError> {
    Ok(goals::table
        .filter(goals::district_id.eq(district_id))
        .order(goals::name.asc())
        .select(GoalRow::as_select())
        .load(conn)?)
}

/// Takes the district's next `count` reference numbers inside the caller's
/// transaction and returns the first: the update locks the row until commit,
/// so numbers never repeat.
pub fn take_reference_numbers(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    count: i64,
) -> Result<i64, StoreError> {
    let next: Option<i64> = diesel::update(districts::table.find(district_id))
        .set(districts::next_reference.eq(districts::next_reference + count))
        .returning(districts::next_reference)
        .get_result(conn)
        .optional()?;
    next.map(|n| n - count).ok_or(StoreError::NotFound)
}

/// The district's next reference number, inside the caller's transaction.
pub fn take_reference_number(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<i64, StoreError> {
    take_reference_numbers(conn, district_id, 1)
}

/// Reserves `count` reference numbers in a transaction of its own and returns
/// the first, so concurrent writers do not queue behind the district row
/// until their commit.
///
/// The reservation commits without waiting for the disk; that is safe because
/// PostgreSQL flushes its log in order, so any inquiry committed durably with a
/// number carries that number's reservation with it. A submission that fails
/// afterwards leaves a gap in the numbers, never a repeat. PostgreSQL only:
/// on SQLite the single writer takes numbers inside its own transaction.
pub fn reserve_reference_numbers(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    count: i64,
) -> Result<i64, StoreError> {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    conn.transaction(|c| {
        c.batch_execute("SET LOCAL synchronous_commit = off")?;
        take_reference_numbers(c, district_id, count)
    })
}

/// The installation's signing secret, created on first use.
pub fn installation_secret(
    conn: &mut AnyConnection,
    fresh: impl FnOnce() -> String,
) -> Result<String, StoreError> {
    if let Some(s) = installation::table
        .find(1)
        .select(installation::secret)
        .first::<String>(conn)
        .optional()?
    {
        return Ok(s);
    }
    let inserted = diesel::insert_into(installation::table)
        .values((
            installation::id.eq(1),
            installation::secret.eq(fresh()),
            installation::created_at.eq(crate::clock::now().naive_utc()),
        ))
        .execute(conn);
    match inserted {
        // Another process created it first; use theirs.
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(installation::table
        .find(1)
        .select(installation::secret)
        .first(conn)?)
}

/// Published help articles in `language`, optionally for a topic, matching every word of `q` in title or body.
pub fn articles(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    language: &heard_domain::text::Language,
    topic_id: Option<TopicId>,
    q: Option<&str>,
    limit: i64,
) -> Result<Vec<HelpArticleRow>, StoreError> {
    let mut query = help_articles::table
        .filter(help_articles::district_id.eq(district_id))
        .filter(help_articles::language.eq(language))
        .filter(help_articles::published.eq(true))
        .select(HelpArticleRow::as_select())
        .into_boxed();
    if let Some(t) = topic_id {
        query = query.filter(help_articles::topic_id.eq(t));
    }
    for word in q.unwrap_or("").split_whitespace().take(8) {
        let pattern = super::contains_pattern(word);
        query = query.filter(
            super::lower(help_articles::title)
                .like(pattern.clone())
                .escape('\\')
                .or(super::lower(help_articles::body).like(pattern).escape('\\')),
        );
    }
    Ok(query
        .order((
            help_articles::helpful_count.desc(),
            help_articles::title.asc(),
        ))
        .limit(limit)
        .load(conn)?)
}

/// Names of the district's teams, staff, topics and units, by id, to
/// label what refers to them.
pub fn names(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<crate::timeline::Names, StoreError> {
    Ok(crate::timeline::Names {
        topics: topics::table
            .filter(topics::district_id.eq(district_id))
            .select((topics::id, topics::name))
            .load::<(TopicId, String)>(conn)?
            .into_iter()
            .collect(),
        units: units::table
            .filter(units::district_id.eq(district_id))
            .select((units::id, units::name))
            .load::<(UnitId, String)>(conn)?
            .into_iter()
            .collect(),
        teams: teams::table
            .filter(teams::district_id.eq(district_id))
            .select((teams::id, teams::name))
            .load::<(TeamId, String)>(conn)?
            .into_iter()
            .collect(),
        staff: staff::table
            .filter(staff::district_id.eq(district_id))
            .select((staff::id, staff::name))
            .load::<(StaffId, String)>(conn)?
            .into_iter()
            .collect(),
    })
}

/// Gives the district `logo` (its description as JSON and its image), or
/// takes its logo away (`None`), if its settings are still at version
/// `expected`, moving them to the next; otherwise [`StoreError::Stale`].
pub fn set_logo(
    conn: &mut AnyConnection,
    id: DistrictId,
    expected: i64,
    logo: Option<(String, Vec<u8>)>,
) -> Result<(), StoreError> {
    let (described, image) = match logo {
        Some((d, i)) => (Some(d), Some(i)),
        None => (None, None),
    };
    let n = diesel::update(
        districts::table
            .filter(districts::id.eq(id))
            .filter(districts::version.eq(expected)),
    )
    .set((
        districts::logo.eq(described),
        districts::version.eq(districts::version + 1),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(StoreError::Stale(expected));
    }
    diesel::delete(district_logos::table.find(id)).execute(conn)?;
    if let Some(image) = image {
        diesel::insert_into(district_logos::table)
            .values(&DistrictLogoRow {
                district_id: id,
                image,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// The logo image of district `id` with its description (JSON), if it has one.
pub fn logo(
    conn: &mut AnyConnection,
    id: DistrictId,
) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    Ok(districts::table
        .inner_join(district_logos::table)
        .filter(districts::id.eq(id))
        .filter(districts::logo.is_not_null())
        .select((districts::logo.assume_not_null(), district_logos::image))
        .first(conn)
        .optional()?)
}
