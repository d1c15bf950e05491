//! The district's staff as its admins keep them: listed and changed at a
//! version, deactivated and back, never deleted.

use super::{contains_pattern, lower, stale_unless_one};
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::access::Role;
use heard_domain::account::LinkPurpose;
use heard_domain::api::StaffStanding;
use heard_domain::{DistrictId, InquiryId, StaffId, Status, TeamId};
use std::collections::HashMap;

/// Which staff to list.
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    /// Only those standing so.
    pub standing: Option<StaffStanding>,
    /// Text found, ignoring case, in their name or email.
    pub text: Option<String>,
}

/// Up to `limit` of the district's staff matching `filter`, by name
/// (ignoring case) then id, after the member `after`. An `after` who is not of the district is
/// [`StoreError::NotFound`].
pub fn page(
    c: &mut AnyConnection,
    district: DistrictId,
    filter: &StaffFilter,
    after: Option<StaffId>,
    limit: i64,
) -> Result<Vec<StaffRecord>, StoreError> {
    let mut q = staff::table
        .filter(staff::district_id.eq(district))
        .select(StaffRecord::as_select())
        .into_boxed();
    q = match filter.standing {
        None => q,
        Some(StaffStanding::Deactivated) => q.filter(staff::active.eq(false)),
        Some(StaffStanding::Invited) => q
            .filter(staff::active.eq(true))
            .filter(staff::password_hash.eq("")),
        Some(StaffStanding::Active) => q
            .filter(staff::active.eq(true))
            .filter(staff::password_hash.ne("")),
    };
    if let Some(text) = &filter.text {
        let p = contains_pattern(text);
        q = q.filter(
            lower(staff::name)
                .like(p.clone())
                .escape('\\')
                .or(lower(staff::email).like(p).escape('\\')),
        );
    }
    if let Some(a) = after {
        let last = record(c, district, a)?;
        q = q.filter(
            lower(staff::name)
                .gt(lower(last.name.clone()))
                .or(lower(staff::name).eq(lower(last.name)).and(staff::id.gt(a))),
        );
    }
    // Ignoring case, as people read a list of names; by the database's own
    // lower() on both sides, so the order and the cursor agree.
    Ok(q.order((lower(staff::name).asc(), staff::id.asc()))
        .limit(limit)
        .load(c)?)
}

/// The district's staff member `id`.
pub fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: StaffId,
) -> Result<StaffRecord, StoreError> {
    Ok(staff::table
        .filter(staff::id.eq(id))
        .filter(staff::district_id.eq(district))
        .select(StaffRecord::as_select())
        .first(c)?)
}

/// Changes member `id` if still at version `expected`.
pub fn update(
    c: &mut AnyConnection,
    district: DistrictId,
    id: StaffId,
    expected: i64,
    change: &StaffChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(at_version(district, id, expected))
        .set((change, staff::version.eq(staff::version + 1)))
        .execute(c)?;
    stale_unless_one(n, expected)
}

/// Moves member `id` to their next version: something they are shown
/// with changed (a new invitation link and when it expires).
pub fn touch(c: &mut AnyConnection, id: StaffId) -> Result<(), StoreError> {
    diesel::update(staff::table.filter(staff::id.eq(id)))
        .set(staff::version.eq(staff::version + 1))
        .execute(c)?;
    Ok(())
}

/// Deactivates member `id` as of `at`, or with `None` brings them back, if
/// still at version `expected`.
pub fn set_deactivated(
    c: &mut AnyConnection,
    district: DistrictId,
    id: StaffId,
    expected: i64,
    at: Option<NaiveDateTime>,
) -> Result<(), StoreError> {
    let n = diesel::update(at_version(district, id, expected))
        .set((
            staff::active.eq(at.is_none()),
            staff::deactivated_at.eq(at),
            staff::version.eq(staff::version + 1),
        ))
        .execute(c)?;
    stale_unless_one(n, expected)
}

type AtVersion = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<staff::table, diesel::dsl::Eq<staff::id, StaffId>>,
        diesel::dsl::Eq<staff::district_id, DistrictId>,
    >,
    diesel::dsl::Eq<staff::version, i64>,
>;

fn at_version(district: DistrictId, id: StaffId, expected: i64) -> AtVersion {
    staff::table
        .filter(staff::id.eq(id))
        .filter(staff::district_id.eq(district))
        .filter(staff::version.eq(expected))
}

/// Puts member `staff` in exactly `teams`; answers the teams they joined
/// and the teams they left.
pub fn set_teams(
    c: &mut AnyConnection,
    staff_id: StaffId,
    teams: &[TeamId],
) -> Result<(Vec<TeamId>, Vec<TeamId>), StoreError> {
    let now: Vec<TeamId> = team_members::table
        .filter(team_members::staff_id.eq(staff_id))
        .select(team_members::team_id)
        .load(c)?;
    let joined: Vec<TeamId> = teams.iter().filter(|t| !now.contains(t)).copied().collect();
    let left: Vec<TeamId> = now.iter().filter(|t| !teams.contains(t)).copied().collect();
    for t in &joined {
        diesel::insert_into(team_members::table)
            .values(&TeamMemberRow {
                team_id: *t,
                staff_id,
            })
            .execute(c)?;
    }
    if !left.is_empty() {
        diesel::delete(
            team_members::table
                .filter(team_members::staff_id.eq(staff_id))
                .filter(team_members::team_id.eq_any(left.clone())),
        )
        .execute(c)?;
    }
    Ok((joined, left))
}

/// When the newest unused invitation of each of `ids` stops working.
pub fn invitation_expiries(
    c: &mut AnyConnection,
    ids: &[StaffId],
) -> Result<HashMap<StaffId, NaiveDateTime>, StoreError> {
    let rows: Vec<(StaffId, NaiveDateTime)> = staff_links::table
        .filter(staff_links::staff_id.eq_any(ids.to_vec()))
        .filter(staff_links::purpose.eq(LinkPurpose::Invitation))
        .filter(staff_links::used_at.is_null())
        .select((staff_links::staff_id, staff_links::expires_at))
        .load(c)?;
    let mut latest: HashMap<StaffId, NaiveDateTime> = HashMap::new();
    for (id, until) in rows {
        let e = latest.entry(id).or_insert(until);
        if until > *e {
            *e = until;
        }
    }
    Ok(latest)
}

/// The inquiries `staff` owns that are not closed, oldest first.
pub fn open_assigned(
    c: &mut AnyConnection,
    district: DistrictId,
    staff_id: StaffId,
) -> Result<Vec<InquiryId>, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::district_id.eq(district))
        .filter(inquiries::assignee_id.eq(staff_id))
        .filter(inquiries::status.ne(Status::Closed))
        .order(inquiries::created_at.asc())
        .select(inquiries::id)
        .load(c)?)
}

/// How many active members of the district administer it.
pub fn active_admins(c: &mut AnyConnection, district: DistrictId) -> Result<usize, StoreError> {
    let roles: Vec<crate::sql::Roles> = staff::table
        .filter(staff::district_id.eq(district))
        .filter(staff::active.eq(true))
        .select(staff::roles)
        .load(c)?;
    Ok(roles.iter().filter(|r| r.0.contains(&Role::Admin)).count())
}

/// The district's teams whose fallback owner is `staff`.
pub fn falling_back_to(
    c: &mut AnyConnection,
    district: DistrictId,
    staff_id: StaffId,
) -> Result<Vec<TeamRow>, StoreError> {
    Ok(teams::table
        .filter(teams::district_id.eq(district))
        .filter(teams::fallback_owner_id.eq(staff_id))
        .order(teams::name.asc())
        .select(TeamRow::as_select())
        .load(c)?)
}

/// Leaves the district's teams whose fallback owner is `staff` without one,
/// each at a new version.
pub fn clear_fallback(
    c: &mut AnyConnection,
    district: DistrictId,
    staff_id: StaffId,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        teams::table
            .filter(teams::district_id.eq(district))
            .filter(teams::fallback_owner_id.eq(staff_id)),
    )
    .set((
        teams::fallback_owner_id.eq(None::<StaffId>),
        teams::version.eq(teams::version + 1),
    ))
    .execute(c)?)
}

/// Ends every session of `staff`; returns how many tokens that revoked.
pub fn sign_out_everywhere(
    c: &mut AnyConnection,
    staff_id: StaffId,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::staff_id.eq(staff_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now)))
    .execute(c)?)
}
