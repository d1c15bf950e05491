//! Staff and team membership.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{DistrictId, StaffId, TeamId};

/// An active staff member of the district by email (case-insensitive).
pub fn staff_by_email(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    email: &str,
) -> Result<Option<StaffRow>, StoreError> {
    Ok(staff::table
        .filter(staff::district_id.eq(district_id))
        .filter(super::lower(staff::email).eq(email.trim().to_lowercase()))
        .filter(staff::active.eq(true))
        .select(StaffRow::as_select())
        .first(conn)
        .optional()?)
}

/// Replaces a staff member's password hash (the same password, hashed
/// with the current settings).
pub fn set_password_hash(
    conn: &mut AnyConnection,
    staff_id: StaffId,
    password_hash: &str,
) -> Result<(), StoreError> {
    diesel::update(staff::table.find(staff_id))
        .set(staff::password_hash.eq(password_hash))
        .execute(conn)?;
    Ok(())
}

/// Stores a new staff member in `teams`.
pub fn insert(
    conn: &mut AnyConnection,
    row: &StaffRow,
    teams: &[TeamId],
) -> Result<(), StoreError> {
    diesel::insert_into(staff::table)
        .values(row)
        .execute(conn)?;
    // A few teams at most: a row each.
    for t in teams {
        diesel::insert_into(team_members::table)
            .values(&TeamMemberRow {
                team_id: *t,
                staff_id: row.id,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Any staff member of the district with this email, active or not.
pub fn anyone_with_email(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    email: &str,
) -> Result<Option<StaffRow>, StoreError> {
    Ok(staff::table
        .filter(staff::district_id.eq(district_id))
        .filter(super::lower(staff::email).eq(email.trim().to_lowercase()))
        .select(StaffRow::as_select())
        .first(conn)
        .optional()?)
}

/// A staff member by id.
pub fn staff_by_id(conn: &mut AnyConnection, id: StaffId) -> Result<StaffRow, StoreError> {
    Ok(staff::table
        .find(id)
        .select(StaffRow::as_select())
        .first(conn)?)
}

/// Every staff member of the district, by name.
pub fn staff_of_district(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<StaffRow>, StoreError> {
    Ok(staff::table
        .filter(staff::district_id.eq(district_id))
        .order(staff::name.asc())
        .select(StaffRow::as_select())
        .load(conn)?)
}

/// The teams a staff member belongs to.
pub fn teams_of(conn: &mut AnyConnection, staff_id: StaffId) -> Result<Vec<TeamRow>, StoreError> {
    Ok(team_members::table
        .inner_join(teams::table)
        .filter(team_members::staff_id.eq(staff_id))
        .order(teams::name.asc())
        .select(TeamRow::as_select())
        .load(conn)?)
}

/// Whether a staff member belongs to a team.
pub fn is_member(
    conn: &mut AnyConnection,
    team_id: TeamId,
    staff_id: StaffId,
) -> Result<bool, StoreError> {
    Ok(team_members::table
        .find((team_id, staff_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Every (team id, active staff member) pair of the district.
pub fn memberships(
    conn: &mut AnyConnection,
    district_id: DistrictId,
) -> Result<Vec<(TeamId, StaffRow)>, StoreError> {
    Ok(team_members::table
        .inner_join(staff::table)
        .filter(staff::district_id.eq(district_id))
        .filter(staff::active.eq(true))
        .order(staff::name.asc())
        .select((team_members::team_id, StaffRow::as_select()))
        .load(conn)?)
}
