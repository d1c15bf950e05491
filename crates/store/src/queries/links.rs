//! One-time staff links (invitations and password resets): stored by the
//! hash of their token, used at most once, and only until they expire.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::StaffLinkRow;
use crate::schema::staff_links;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::StaffLinkId;

/// Stores a new link.
pub fn insert(c: &mut AnyConnection, row: &StaffLinkRow) -> Result<(), StoreError> {
    diesel::insert_into(staff_links::table)
        .values(row)
        .execute(c)?;
    Ok(())
}

/// The link `id`, used or not.
pub fn by_id(c: &mut AnyConnection, id: StaffLinkId) -> Result<Option<StaffLinkRow>, StoreError> {
    Ok(staff_links::table
        .find(id)
        .select(StaffLinkRow::as_select())
        .first(c)
        .optional()?)
}

/// Marks link `id` used at `now` if it is still unused and unexpired;
/// false when it was not (used in between, or expired).
pub fn use_up(
    c: &mut AnyConnection,
    id: StaffLinkId,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(diesel::update(
        staff_links::table
            .filter(staff_links::id.eq(id))
            .filter(staff_links::used_at.is_null())
            .filter(staff_links::expires_at.gt(now)),
    )
    .set(staff_links::used_at.eq(Some(now)))
    .execute(c)?
        == 1)
}

/// The newest link of `staff`.
pub fn latest_of(
    c: &mut AnyConnection,
    staff: heard_domain::StaffId,
) -> Result<Option<StaffLinkRow>, StoreError> {
    Ok(staff_links::table
        .filter(staff_links::staff_id.eq(staff))
        .order(staff_links::created_at.desc())
        .select(StaffLinkRow::as_select())
        .first(c)
        .optional()?)
}

/// Retires every unused link of `purpose` that `staff` holds, so that only
/// the one sent next works; answers how many there were.
pub fn retire_unused(
    c: &mut AnyConnection,
    staff: heard_domain::StaffId,
    purpose: heard_domain::account::LinkPurpose,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        staff_links::table
            .filter(staff_links::staff_id.eq(staff))
            .filter(staff_links::purpose.eq(purpose))
            .filter(staff_links::used_at.is_null()),
    )
    .set(staff_links::used_at.eq(Some(now)))
    .execute(c)?)
}
