//! Topics as the district's admins keep them: in the portal's order, each
//! at a version, none removed while an inquiry, a goal or an article uses it.

use super::stale_unless_one;
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{ArticleId, DistrictId, StaffId, TopicId};

/// Up to `limit` of the district's topics in the portal's order (position,
/// then id), after the topic `after`. An `after` that is not the district's
/// is [`StoreError::NotFound`].
pub fn page(
    c: &mut AnyConnection,
    district: DistrictId,
    after: Option<TopicId>,
    limit: i64,
) -> Result<Vec<TopicRecord>, StoreError> {
    let mut q = topics::table
        .filter(topics::district_id.eq(district))
        .select(TopicRecord::as_select())
        .into_boxed();
    if let Some(a) = after {
        let last = record(c, district, a)?;
        q = q.filter(
            topics::position
                .gt(last.position)
                .or(topics::position.eq(last.position).and(topics::id.gt(a))),
        );
    }
    Ok(q.order((topics::position.asc(), topics::id.asc()))
        .limit(limit)
        .load(c)?)
}

/// Every topic of the district in the portal's order.
pub fn listed(c: &mut AnyConnection, district: DistrictId) -> Result<Vec<TopicRecord>, StoreError> {
    Ok(topics::table
        .filter(topics::district_id.eq(district))
        .order((topics::position.asc(), topics::name.asc()))
        .select(TopicRecord::as_select())
        .load(c)?)
}

/// Every topic of the district but `except`, to compare names with.
pub fn others(
    c: &mut AnyConnection,
    district: DistrictId,
    except: Option<TopicId>,
) -> Result<Vec<TopicRecord>, StoreError> {
    let mut q = topics::table
        .filter(topics::district_id.eq(district))
        .select(TopicRecord::as_select())
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(topics::id.ne(id));
    }
    Ok(q.load(c)?)
}

/// The district's topic `id`.
pub fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TopicId,
) -> Result<TopicRecord, StoreError> {
    Ok(topics::table
        .filter(topics::id.eq(id))
        .filter(topics::district_id.eq(district))
        .select(TopicRecord::as_select())
        .first(c)?)
}

/// The district's topics whose fallback owner is `staff`, in the portal's order.
pub fn falling_back_to(
    c: &mut AnyConnection,
    district: DistrictId,
    staff: StaffId,
) -> Result<Vec<TopicRecord>, StoreError> {
    Ok(topics::table
        .filter(topics::district_id.eq(district))
        .filter(topics::fallback_owner_id.eq(staff))
        .order((topics::position.asc(), topics::id.asc()))
        .select(TopicRecord::as_select())
        .load(c)?)
}

/// Leaves the district's topics whose fallback owner is `staff` without
/// one, each at a new version.
pub fn clear_fallback(
    c: &mut AnyConnection,
    district: DistrictId,
    staff: StaffId,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        topics::table
            .filter(topics::district_id.eq(district))
            .filter(topics::fallback_owner_id.eq(staff)),
    )
    .set((
        topics::fallback_owner_id.eq(None::<StaffId>),
        topics::version.eq(topics::version + 1),
    ))
    .execute(c)?)
}

/// The place after the district's last topic.
pub fn next_position(c: &mut AnyConnection, district: DistrictId) -> Result<i64, StoreError> {
    let last: Option<i64> = topics::table
        .filter(topics::district_id.eq(district))
        .select(diesel::dsl::max(topics::position))
        .first(c)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// Moves the district's topics at `position` and after one place down
/// (each to its next version) when one of them, other than `except`, is at
/// `position`, so a topic put there comes before them.
pub fn make_room(
    c: &mut AnyConnection,
    district: DistrictId,
    position: i64,
    except: Option<TopicId>,
) -> Result<(), StoreError> {
    let mut taken = topics::table
        .filter(topics::district_id.eq(district))
        .filter(topics::position.eq(position))
        .into_boxed();
    if let Some(id) = except {
        taken = taken.filter(topics::id.ne(id));
    }
    if taken.count().get_result::<i64>(c)? == 0 {
        return Ok(());
    }
    let mut after = diesel::update(topics::table)
        .filter(topics::district_id.eq(district))
        .filter(topics::position.ge(position))
        .into_boxed();
    if let Some(id) = except {
        after = after.filter(topics::id.ne(id));
    }
    after
        .set((
            topics::position.eq(topics::position + 1),
            topics::version.eq(topics::version + 1),
        ))
        .execute(c)?;
    Ok(())
}

/// Stores a new topic.
pub fn insert(c: &mut AnyConnection, row: &TopicRecord) -> Result<(), StoreError> {
    diesel::insert_into(topics::table).values(row).execute(c)?;
    Ok(())
}

/// Stores an admin's change to topic `id` if it is still at `expected`.
pub fn update(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TopicId,
    expected: i64,
    change: &TopicChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        topics::table
            .filter(topics::id.eq(id))
            .filter(topics::district_id.eq(district))
            .filter(topics::version.eq(expected)),
    )
    .set((change, topics::version.eq(topics::version + 1)))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// The help articles linked to topic `id`, by language then title.
pub fn articles(
    c: &mut AnyConnection,
    id: TopicId,
) -> Result<Vec<(ArticleId, String, String)>, StoreError> {
    Ok(help_articles::table
        .filter(help_articles::topic_id.eq(id))
        .order((help_articles::language.asc(), help_articles::title.asc()))
        .select((
            help_articles::id,
            help_articles::language,
            help_articles::title,
        ))
        .load(c)?)
}

/// What uses topic `id`: how many inquiries are about it, and how many
/// help articles answer it.
pub fn uses(c: &mut AnyConnection, id: TopicId) -> Result<(i64, i64), StoreError> {
    let inquiries = inquiries::table
        .filter(inquiries::topic_id.eq(id))
        .count()
        .get_result(c)?;
    let articles = help_articles::table
        .filter(help_articles::topic_id.eq(id))
        .count()
        .get_result(c)?;
    Ok((inquiries, articles))
}

/// Removes topic `id` if it is still at `expected`.
pub fn delete(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TopicId,
    expected: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        topics::table
            .filter(topics::id.eq(id))
            .filter(topics::district_id.eq(district))
            .filter(topics::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}
