//! Schools, departments and teams as the district's admins keep them: in
//! name order, each at a version, none removed while something uses it.

use super::{lower, stale_unless_one};
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{DistrictId, StaffId, TeamId, UnitId};

/// Up to `limit` of the district's units by name, after the unit named `after`.
pub fn units(
    c: &mut AnyConnection,
    district: DistrictId,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<UnitRecord>, StoreError> {
    let mut q = units::table
        .filter(units::district_id.eq(district))
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(units::name.gt(a.to_owned()));
    }
    Ok(q.order(units::name.asc())
        .limit(limit)
        .select(UnitRecord::as_select())
        .load(c)?)
}

/// The district's unit `id`.
pub fn unit(
    c: &mut AnyConnection,
    district: DistrictId,
    id: UnitId,
) -> Result<UnitRecord, StoreError> {
    Ok(units::table
        .filter(units::id.eq(id))
        .filter(units::district_id.eq(district))
        .select(UnitRecord::as_select())
        .first(c)?)
}

/// The name of another of the district's units that reads as `name`.
pub fn unit_named(
    c: &mut AnyConnection,
    district: DistrictId,
    name: &str,
    except: Option<UnitId>,
) -> Result<Option<String>, StoreError> {
    let mut q = units::table
        .filter(units::district_id.eq(district))
        .filter(lower(units::name).eq(name.to_lowercase()))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(units::id.ne(id));
    }
    Ok(q.select(units::name).first(c).optional()?)
}

/// Stores a new unit.
pub fn insert_unit(c: &mut AnyConnection, row: &UnitRecord) -> Result<(), StoreError> {
    diesel::insert_into(units::table).values(row).execute(c)?;
    Ok(())
}

/// Stores an admin's change to unit `id` if it is still at `expected`.
pub fn update_unit(
    c: &mut AnyConnection,
    district: DistrictId,
    id: UnitId,
    expected: i64,
    change: &UnitChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        units::table
            .filter(units::id.eq(id))
            .filter(units::district_id.eq(district))
            .filter(units::version.eq(expected)),
    )
    .set((change, units::version.eq(units::version + 1)))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// How many inquiries concern unit `id`.
pub fn unit_inquiries(c: &mut AnyConnection, id: UnitId) -> Result<i64, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::unit_id.eq(id))
        .count()
        .get_result(c)?)
}

/// Removes unit `id` if it is still at `expected`.
pub fn delete_unit(
    c: &mut AnyConnection,
    district: DistrictId,
    id: UnitId,
    expected: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        units::table
            .filter(units::id.eq(id))
            .filter(units::district_id.eq(district))
            .filter(units::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// Up to `limit` of the district's teams by name, after the team named `after`.
pub fn teams(
    c: &mut AnyConnection,
    district: DistrictId,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<TeamRecord>, StoreError> {
    let mut q = teams::table
        .filter(teams::district_id.eq(district))
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(teams::name.gt(a.to_owned()));
    }
    Ok(q.order(teams::name.asc())
        .limit(limit)
        .select(TeamRecord::as_select())
        .load(c)?)
}

/// The district's team `id`.
pub fn team(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TeamId,
) -> Result<TeamRecord, StoreError> {
    Ok(teams::table
        .filter(teams::id.eq(id))
        .filter(teams::district_id.eq(district))
        .select(TeamRecord::as_select())
        .first(c)?)
}

/// The name of another of the district's teams that reads as `name`.
pub fn team_named(
    c: &mut AnyConnection,
    district: DistrictId,
    name: &str,
    except: Option<TeamId>,
) -> Result<Option<String>, StoreError> {
    let mut q = teams::table
        .filter(teams::district_id.eq(district))
        .filter(lower(teams::name).eq(name.to_lowercase()))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(teams::id.ne(id));
    }
    Ok(q.select(teams::name).first(c).optional()?)
}

/// Stores a new team.
pub fn insert_team(c: &mut AnyConnection, row: &TeamRecord) -> Result<(), StoreError> {
    diesel::insert_into(teams::table).values(row).execute(c)?;
    Ok(())
}

/// Stores an admin's change to team `id` if it is still at `expected`.
pub fn update_team(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TeamId,
    expected: i64,
    change: &TeamChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        teams::table
            .filter(teams::id.eq(id))
            .filter(teams::district_id.eq(district))
            .filter(teams::version.eq(expected)),
    )
    .set((change, teams::version.eq(teams::version + 1)))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// Moves team `id` to its next version (its members changed).
pub fn touch_team(c: &mut AnyConnection, id: TeamId) -> Result<(), StoreError> {
    diesel::update(teams::table.filter(teams::id.eq(id)))
        .set(teams::version.eq(teams::version + 1))
        .execute(c)?;
    Ok(())
}

/// What uses team `id`: its inquiries, the topics sending to it, and
/// whether it is the district's fallback.
pub fn team_uses(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TeamId,
) -> Result<(i64, i64, bool), StoreError> {
    let inquiries = inquiries::table
        .filter(inquiries::team_id.eq(id))
        .count()
        .get_result(c)?;
    let topics = topics::table
        .filter(topics::default_team_id.eq(id))
        .count()
        .get_result(c)?;
    let fallback = districts::table
        .filter(districts::id.eq(district))
        .filter(districts::fallback_team_id.eq(id))
        .count()
        .get_result::<i64>(c)?
        > 0;
    Ok((inquiries, topics, fallback))
}

/// Removes team `id` and its memberships if it is still at `expected`.
pub fn delete_team(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TeamId,
    expected: i64,
) -> Result<(), StoreError> {
    diesel::delete(team_members::table.filter(team_members::team_id.eq(id))).execute(c)?;
    let n = diesel::delete(
        teams::table
            .filter(teams::id.eq(id))
            .filter(teams::district_id.eq(district))
            .filter(teams::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// The active members of team `id`, by name.
pub fn members(c: &mut AnyConnection, id: TeamId) -> Result<Vec<(StaffId, String)>, StoreError> {
    Ok(team_members::table
        .inner_join(staff::table)
        .filter(team_members::team_id.eq(id))
        .filter(staff::active.eq(true))
        .order((staff::name.asc(), staff::id.asc()))
        .select((staff::id, staff::name))
        .load(c)?)
}

/// Adds `staff` to team `id`; false when they were in it already.
pub fn add_member(c: &mut AnyConnection, id: TeamId, staff: StaffId) -> Result<bool, StoreError> {
    let row = TeamMemberRow {
        team_id: id,
        staff_id: staff,
    };
    let n = match &mut *c {
        AnyConnection::Sqlite(s) => diesel::insert_or_ignore_into(team_members::table)
            .values(&row)
            .execute(s)?,
        AnyConnection::Postgresql(p) => diesel::insert_into(team_members::table)
            .values(&row)
            .on_conflict_do_nothing()
            .execute(p)?,
    };
    Ok(n == 1)
}

/// Takes `staff` out of team `id`; false when they were not in it.
pub fn remove_member(
    c: &mut AnyConnection,
    id: TeamId,
    staff: StaffId,
) -> Result<bool, StoreError> {
    Ok(diesel::delete(team_members::table.find((id, staff))).execute(c)? == 1)
}
