//! Strategic goals as the district's admins keep them: by name, each at a
//! version.

use super::stale_unless_one;
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{DistrictId, GoalId, TeamId, TopicId, UnitId};

/// Up to `limit` of the district's goals by name and id, after the goal
/// `after`. An `after` that is not the district's is [`StoreError::NotFound`].
pub fn page(
    c: &mut AnyConnection,
    district: DistrictId,
    after: Option<GoalId>,
    limit: i64,
) -> Result<Vec<GoalRow>, StoreError> {
    let mut q = goals::table
        .filter(goals::district_id.eq(district))
        .select(GoalRow::as_select())
        .into_boxed();
    if let Some(a) = after {
        let last = record(c, district, a)?;
        q = q.filter(
            goals::name
                .gt(last.name.clone())
                .or(goals::name.eq(last.name).and(goals::id.gt(a))),
        );
    }
    Ok(q.order((goals::name.asc(), goals::id.asc()))
        .limit(limit)
        .load(c)?)
}

/// The district's goal `id`.
pub fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: GoalId,
) -> Result<GoalRow, StoreError> {
    Ok(goals::table
        .filter(goals::id.eq(id))
        .filter(goals::district_id.eq(district))
        .select(GoalRow::as_select())
        .first(c)?)
}

/// How many goals are for unit, topic or team `scope`, so none is removed
/// while the plan still measures it.
pub fn for_scope(
    c: &mut AnyConnection,
    unit: Option<UnitId>,
    topic: Option<TopicId>,
    team: Option<TeamId>,
) -> Result<i64, StoreError> {
    let q = goals::table.into_boxed();
    let q = match (unit, topic, team) {
        (Some(u), _, _) => q.filter(goals::unit_id.eq(u)),
        (_, Some(t), _) => q.filter(goals::topic_id.eq(t)),
        (_, _, Some(t)) => q.filter(goals::team_id.eq(t)),
        (None, None, None) => return Ok(0),
    };
    Ok(q.count().get_result(c)?)
}

/// Stores a new goal.
pub fn insert(c: &mut AnyConnection, row: &GoalRow) -> Result<(), StoreError> {
    diesel::insert_into(goals::table).values(row).execute(c)?;
    Ok(())
}

/// Stores an admin's change to goal `id` if it is still at `expected`.
pub fn update(
    c: &mut AnyConnection,
    district: DistrictId,
    id: GoalId,
    expected: i64,
    change: &GoalChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        goals::table
            .filter(goals::id.eq(id))
            .filter(goals::district_id.eq(district))
            .filter(goals::version.eq(expected)),
    )
    .set((change, goals::version.eq(goals::version + 1)))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// Removes goal `id` if it is still at `expected`.
pub fn delete(
    c: &mut AnyConnection,
    district: DistrictId,
    id: GoalId,
    expected: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        goals::table
            .filter(goals::id.eq(id))
            .filter(goals::district_id.eq(district))
            .filter(goals::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}
