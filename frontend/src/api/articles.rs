//! The district's help articles, for its admins.

use super::admin::{page_query, tagged_call, Tagged, Versioned};
use super::{staff, staff_body, to_json, ApiResult, Method};
use heard_domain::api::{ArticleForm, ArticlePage, HelpArticle};
use heard_domain::ArticleId;

impl Versioned for HelpArticle {
    fn version(&self) -> i64 {
        self.version
    }
}

/// `GET /admin/articles`: by language then title, continuing after `cursor`.
pub async fn articles(cursor: Option<&str>) -> ApiResult<ArticlePage> {
    staff(
        Method::Get,
        &page_query("/admin/articles", cursor),
        None,
        None,
    )
    .await
}

/// `GET /admin/articles/{id}`.
pub async fn article(id: ArticleId) -> ApiResult<Tagged<HelpArticle>> {
    tagged_call(Method::Get, &format!("/admin/articles/{id}"), None, None).await
}

/// `POST /admin/articles`.
pub async fn create_article(form: &ArticleForm) -> ApiResult<Tagged<HelpArticle>> {
    tagged_call(Method::Post, "/admin/articles", Some(to_json(form)?), None).await
}

/// `PUT /admin/articles/{id}`, based on `version`.
pub async fn save_article(
    id: ArticleId,
    version: i64,
    form: &ArticleForm,
) -> ApiResult<Tagged<HelpArticle>> {
    tagged_call(
        Method::Put,
        &format!("/admin/articles/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/articles/{id}`, based on `version`.
pub async fn delete_article(id: ArticleId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/articles/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}
