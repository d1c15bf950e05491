//! Help articles as the district's admins keep them: by language then
//! title, each at a version.

use super::stale_unless_one;
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::*;
use crate::schema::*;
use diesel::prelude::*;
use heard_domain::{ArticleId, DistrictId, TopicId};

/// Up to `limit` of the district's articles by language, title and id,
/// after the article `after`, only those on `topic` when given. An `after`
/// that is not the district's is [`StoreError::NotFound`].
pub fn page(
    c: &mut AnyConnection,
    district: DistrictId,
    topic: Option<TopicId>,
    after: Option<ArticleId>,
    limit: i64,
) -> Result<Vec<HelpArticleRow>, StoreError> {
    let mut q = help_articles::table
        .filter(help_articles::district_id.eq(district))
        .select(HelpArticleRow::as_select())
        .into_boxed();
    if let Some(t) = topic {
        q = q.filter(help_articles::topic_id.eq(t));
    }
    if let Some(a) = after {
        let last = record(c, district, a)?;
        q = q.filter(
            help_articles::language
                .gt(last.language.clone())
                .or(help_articles::language
                    .eq(last.language.clone())
                    .and(help_articles::title.gt(last.title.clone())))
                .or(help_articles::language
                    .eq(last.language)
                    .and(help_articles::title.eq(last.title))
                    .and(help_articles::id.gt(a))),
        );
    }
    Ok(q.order((
        help_articles::language.asc(),
        help_articles::title.asc(),
        help_articles::id.asc(),
    ))
    .limit(limit)
    .load(c)?)
}

/// The district's article `id`.
pub fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: ArticleId,
) -> Result<HelpArticleRow, StoreError> {
    Ok(help_articles::table
        .filter(help_articles::id.eq(id))
        .filter(help_articles::district_id.eq(district))
        .select(HelpArticleRow::as_select())
        .first(c)?)
}

/// The title of another of the district's articles in `language` that
/// has `title` (compared without regard to case), so families never see
/// two alike; `None` when there is none.
pub fn same_title(
    c: &mut AnyConnection,
    district: DistrictId,
    language: &heard_domain::text::Language,
    title: &str,
    except: Option<ArticleId>,
) -> Result<Option<String>, StoreError> {
    let mut q = help_articles::table
        .filter(help_articles::district_id.eq(district))
        .filter(help_articles::language.eq(language))
        .filter(super::lower(help_articles::title).eq(title.to_lowercase()))
        .select(help_articles::title)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(help_articles::id.ne(id));
    }
    Ok(q.first(c).optional()?)
}

/// Stores a new article.
pub fn insert(c: &mut AnyConnection, row: &HelpArticleRow) -> Result<(), StoreError> {
    diesel::insert_into(help_articles::table)
        .values(row)
        .execute(c)?;
    Ok(())
}

/// Stores an admin's change to article `id` if it is still at `expected`.
pub fn update(
    c: &mut AnyConnection,
    district: DistrictId,
    id: ArticleId,
    expected: i64,
    change: &HelpArticleChangeRow,
) -> Result<(), StoreError> {
    let n = diesel::update(
        help_articles::table
            .filter(help_articles::id.eq(id))
            .filter(help_articles::district_id.eq(district))
            .filter(help_articles::version.eq(expected)),
    )
    .set((
        change,
        help_articles::version.eq(help_articles::version + 1),
    ))
    .execute(c)?;
    stale_unless_one(n, expected)
}

/// Removes article `id` if it is still at `expected`.
pub fn delete(
    c: &mut AnyConnection,
    district: DistrictId,
    id: ArticleId,
    expected: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        help_articles::table
            .filter(help_articles::id.eq(id))
            .filter(help_articles::district_id.eq(district))
            .filter(help_articles::version.eq(expected)),
    )
    .execute(c)?;
    stale_unless_one(n, expected)
}
