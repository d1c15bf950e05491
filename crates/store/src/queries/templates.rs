//! Reply templates as the district's admins keep them: by language then
//! name, each at a version.

use super::stale_unless_one;
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::text::Language;
use heard_domain::{DistrictId, TemplateId};

/// Up to `limit` of the district's templates by language, name and id,
/// after the template `after`, only those in `language` when given. An
/// `after` that is not the district's is [`StoreError::NotFound`].
pub fn page(
    c: &mut AnyConnection,
    district: DistrictId,
    language: Option<Language>,
    after: Option<TemplateId>,
    limit: i64,
) -> Result<Vec<ReplyTemplateRow>, StoreError> {
    let mut q = reply_templates::table
        .filter(reply_templates::district_id.eq(district))
        .select(ReplyTemplateRow::as_select())
        .into_boxed();
    if let Some(l) = language {
        q = q.filter(reply_templates::language.eq(l));
    }
    if let Some(a) = after {
        let last = record(c, district, a)?;
        q = q.filter(
            reply_templates::language
                .gt(last.language.clone())
                .or(reply_templates::language
                    .eq(last.language.clone())
                    .and(reply_templates::name.gt(last.name.clone())))
                .or(reply_templates::language
                    .eq(last.language)
                    .and(reply_templates::name.eq(last.name))
                    .and(reply_templates::id.gt(a))),
        );
    }
    Ok(q.order((
        reply_templates::language.asc(),
        reply_templates::name.asc(),
        reply_templates::id.asc(),
    ))
    .limit(limit)
    .load(c)?)
}

/// The district's template `id`.
pub fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TemplateId,
) -> Result<ReplyTemplateRow, StoreError> {
    Ok(reply_templates::table
        .filter(reply_templates::id.eq(id))
        .filter(reply_templates::district_id.eq(district))
        .select(ReplyTemplateRow::as_select())
        .first(c)?)
}

/// The name of another of the district's templates in `language` called
/// `name` (compared without regard to case), so staff never pick between
/// two alike; `None` when there is none.
pub fn same_name(
    c: &mut AnyConnection,
    district: DistrictId,
    language: &Language,
    name: &str,
    except: Option<TemplateId>,
) -> Result<Option<String>, StoreError> {
    let mut q = reply_templates::table
        .filter(reply_templates::district_id.eq(district))
        .filter(reply_templates::language.eq(language))
        .filter(super::lower(reply_templates::name).eq(name.to_lowercase()))
        .select(reply_templates::name)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(reply_templates::id.ne(id));
    }
    Ok(q.first(c).optional()?)
}

/// Stores a new template.
pub fn insert(c: &mut AnyConnection, row: &ReplyTemplateRow) -> Result<(), StoreError> {
    diesel::insert_into(reply_templates::table)
        .values(row)
        .execute(c)?;
    Ok(())
}

/// Stores an admin's change to template `id` if it is still at `expected`.
pub fn update(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TemplateId,
    expected: i64,
    change: &ReplyTemplateChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        reply_templates::table
            .filter(reply_templates::id.eq(id))
            .filter(reply_templates::district_id.eq(district))
            .filter(reply_templates::version.eq(expected)),
    )
    .set((
        change,
        reply_templates::version.eq(reply_templates::version + 1),
    ))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// Removes template `id` if it is still at `expected`.
pub fn delete(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TemplateId,
    expected: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        reply_templates::table
            .filter(reply_templates::id.eq(id))
            .filter(reply_templates::district_id.eq(district))
            .filter(reply_templates::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}
