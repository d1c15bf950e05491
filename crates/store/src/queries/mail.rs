//! What deciding and writing mail reads: who can be written to about a
//! case, which addresses a district avoids, who is on a team, and how a
//! district signs.

use crate::error::StoreError;
use crate::rows::{DistrictMailRow, EventRow, SuppressionRow};
use crate::schema::{
    district_mail, events, feedback, inquiries, mail_suppressions, staff, team_members,
};
use crate::AnyConnection;
use diesel::prelude::*;
use heard_domain::{DistrictId, EventId, InquiryId, StaffId, TeamId};
use std::collections::{HashMap, HashSet};

/// What deciding who hears of a case's events needs to know of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    pub district_id: DistrictId,
    pub anonymous: bool,
    pub email: Option<String>,
    pub team_id: TeamId,
    /// The family has rated it.
    pub rated: bool,
}

/// The events `ids`, as stored.
pub fn events(c: &mut AnyConnection, ids: &[EventId]) -> Result<Vec<EventRow>, StoreError> {
    Ok(events::table
        .filter(events::id.eq_any(ids))
        .select(EventRow::as_select())
        .load(c)?)
}

/// The addressees of the inquiries `ids`.
pub fn addressees(
    c: &mut AnyConnection,
    ids: &[InquiryId],
) -> Result<HashMap<InquiryId, Addressee>, StoreError> {
    let rows: Vec<(InquiryId, DistrictId, bool, Option<String>, TeamId)> = inquiries::table
        .filter(inquiries::id.eq_any(ids))
        .select((
            inquiries::id,
            inquiries::district_id,
            inquiries::anonymous,
            inquiries::requester_email,
            inquiries::team_id,
        ))
        .load(c)?;
    let rated: HashSet<InquiryId> = feedback::table
        .filter(feedback::inquiry_id.eq_any(ids))
        .select(feedback::inquiry_id)
        .load::<InquiryId>(c)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(id, district_id, anonymous, email, team_id)| {
            let addressee = Addressee {
                district_id,
                anonymous,
                email,
                team_id,
                rated: rated.contains(&id),
            };
            (id, addressee)
        })
        .collect())
}

/// Which of `addresses` `district` no longer writes to, lower-cased.
pub fn suppressed(
    c: &mut AnyConnection,
    district: DistrictId,
    addresses: &[String],
) -> Result<HashSet<String>, StoreError> {
    let wanted: Vec<String> = addresses.iter().map(|a| a.trim().to_lowercase()).collect();
    Ok(mail_suppressions::table
        .filter(mail_suppressions::district_id.eq(district))
        .filter(mail_suppressions::address.eq_any(&wanted))
        .select(mail_suppressions::address)
        .load::<String>(c)?
        .into_iter()
        .collect())
}

/// Marks `row.address` as one `row.district_id` does not write to; false
/// when it already was (the first reason stays).
pub fn suppress(c: &mut AnyConnection, row: &SuppressionRow) -> Result<bool, StoreError> {
    let row = SuppressionRow {
        address: row.address.trim().to_lowercase(),
        ..row.clone()
    };
    let exists = mail_suppressions::table
        .filter(mail_suppressions::district_id.eq(row.district_id))
        .filter(mail_suppressions::address.eq(&row.address))
        .count()
        .get_result::<i64>(c)?
        > 0;
    if !exists {
        crate::insert_batch!(&mut *c, mail_suppressions::table, &row)?;
    }
    Ok(!exists)
}

/// The active members of `team` who have an address, by id.
pub fn team_members(c: &mut AnyConnection, team: TeamId) -> Result<Vec<StaffId>, StoreError> {
    Ok(team_members::table
        .inner_join(staff::table)
        .filter(team_members::team_id.eq(team))
        .filter(staff::active.eq(true))
        .filter(staff::email.ne(""))
        .order(staff::name)
        .select(staff::id)
        .load(c)?)
}

/// How `district` signs its mail, if it does.
pub fn signing(
    c: &mut AnyConnection,
    district: DistrictId,
) -> Result<Option<DistrictMailRow>, StoreError> {
    Ok(district_mail::table
        .find(district)
        .select(DistrictMailRow::as_select())
        .first(c)
        .optional()?)
}

/// Has `row.district_id` sign its mail with `row`'s key, in place of any before.
pub fn set_signing(c: &mut AnyConnection, row: &DistrictMailRow) -> Result<(), StoreError> {
    c.transaction(|c| {
        diesel::delete(district_mail::table.find(row.district_id)).execute(c)?;
        crate::insert_batch!(&mut *c, district_mail::table, row)?;
        Ok(())
    })
}

/// Stops signing `district`'s mail; false when it did not sign.
pub fn remove_signing(c: &mut AnyConnection, district: DistrictId) -> Result<bool, StoreError> {
    Ok(diesel::delete(district_mail::table.find(district)).execute(c)? == 1)
}

/// Up to `limit` of `district`'s suppressed addresses after `after`, in order.
pub fn suppressions(
    c: &mut AnyConnection,
    district: DistrictId,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<SuppressionRow>, StoreError> {
    let mut q = mail_suppressions::table
        .filter(mail_suppressions::district_id.eq(district))
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(mail_suppressions::address.gt(a.to_owned()));
    }
    Ok(q.order(mail_suppressions::address)
        .limit(limit)
        .select(SuppressionRow::as_select())
        .load(c)?)
}

/// Writes to `address` again; false when it was not suppressed.
pub fn unsuppress(
    c: &mut AnyConnection,
    district: DistrictId,
    address: &str,
) -> Result<bool, StoreError> {
    Ok(diesel::delete(
        mail_suppressions::table
            .filter(mail_suppressions::district_id.eq(district))
            .filter(mail_suppressions::address.eq(address.trim().to_lowercase())),
    )
    .execute(c)?
        == 1)
}

/// `address` on `district`'s list, if it is there.
pub fn suppression(
    c: &mut AnyConnection,
    district: DistrictId,
    address: &str,
) -> Result<Option<SuppressionRow>, StoreError> {
    Ok(mail_suppressions::table
        .filter(mail_suppressions::district_id.eq(district))
        .filter(mail_suppressions::address.eq(address.trim().to_lowercase()))
        .select(SuppressionRow::as_select())
        .first(c)
        .optional()?)
}

/// The name of `team` of `district`.
pub fn team_name(
    c: &mut AnyConnection,
    district: DistrictId,
    team: TeamId,
) -> Result<String, StoreError> {
    Ok(crate::schema::teams::table
        .filter(crate::schema::teams::id.eq(team))
        .filter(crate::schema::teams::district_id.eq(district))
        .select(crate::schema::teams::name)
        .first(c)?)
}
