//! The district's reply templates, for its admins.

use super::admin::{page_query, tagged_call, Tagged, Versioned};
use super::{staff, staff_body, to_json, ApiResult, Method};
use heard_domain::api::{ReplyTemplate, TemplateForm, TemplatePage};
use heard_domain::TemplateId;

impl Versioned for ReplyTemplate {
    fn version(&self) -> i64 {
        self.version
    }
}

/// `GET /admin/templates`: by language then name, continuing after `cursor`.
pub async fn templates(cursor: Option<&str>) -> ApiResult<TemplatePage> {
    staff(
        Method::Get,
        &page_query("/admin/templates", cursor),
        None,
        None,
    )
    .await
}

/// `GET /admin/templates/{id}`.
pub async fn template(id: TemplateId) -> ApiResult<Tagged<ReplyTemplate>> {
    tagged_call(Method::Get, &format!("/admin/templates/{id}"), None, None).await
}

/// `POST /admin/templates`.
pub async fn create_template(form: &TemplateForm) -> ApiResult<Tagged<ReplyTemplate>> {
    tagged_call(Method::Post, "/admin/templates", Some(to_json(form)?), None).await
}

/// `PUT /admin/templates/{id}`, based on `version`.
pub async fn save_template(
    id: TemplateId,
    version: i64,
    form: &TemplateForm,
) -> ApiResult<Tagged<ReplyTemplate>> {
    tagged_call(
        Method::Put,
        &format!("/admin/templates/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/templates/{id}`, based on `version`.
pub async fn delete_template(id: TemplateId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/templates/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}
