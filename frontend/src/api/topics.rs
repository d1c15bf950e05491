//! The district's topics, for its admins.

use super::admin::{page_query, tagged_call, Tagged, Versioned};
use super::{staff, staff_body, to_json, ApiResult, Method};
use heard_domain::api::{Topic, TopicForm, TopicPage};
use heard_domain::TopicId;

impl Versioned for Topic {
    fn version(&self) -> i64 {
        self.version
    }
}

/// `GET /admin/topics`: the topics in the portal's order, continuing after
/// `cursor`.
pub async fn topics(cursor: Option<&str>) -> ApiResult<TopicPage> {
    staff(
        Method::Get,
        &page_query("/admin/topics", cursor),
        None,
        None,
    )
    .await
}

/// `GET /admin/topics/{id}`.
pub async fn topic(id: TopicId) -> ApiResult<Tagged<Topic>> {
    tagged_call(Method::Get, &format!("/admin/topics/{id}"), None, None).await
}

/// `POST /admin/topics`.
pub async fn create_topic(form: &TopicForm) -> ApiResult<Tagged<Topic>> {
    tagged_call(Method::Post, "/admin/topics", Some(to_json(form)?), None).await
}

/// `PUT /admin/topics/{id}`, based on `version`.
pub async fn save_topic(id: TopicId, version: i64, form: &TopicForm) -> ApiResult<Tagged<Topic>> {
    tagged_call(
        Method::Put,
        &format!("/admin/topics/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/topics/{id}`, based on `version`: 409 while inquiries
/// are about it or articles answer it.
pub async fn delete_topic(id: TopicId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/topics/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}
