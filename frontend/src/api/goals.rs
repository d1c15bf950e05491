//! The district's strategic goals, for its admins.

use super::admin::{page_query, tagged_call, Tagged, Versioned};
use super::{staff, staff_body, to_json, ApiResult, Method};
use heard_domain::api::{Goal, GoalForm, GoalPage};
use heard_domain::GoalId;

impl Versioned for Goal {
    fn version(&self) -> i64 {
        self.version
    }
}

/// `GET /admin/goals`: by name, continuing after `cursor`.
pub async fn admin_goals(cursor: Option<&str>) -> ApiResult<GoalPage> {
    staff(Method::Get, &page_query("/admin/goals", cursor), None, None).await
}

/// `GET /admin/goals/{id}`.
pub async fn goal(id: GoalId) -> ApiResult<Tagged<Goal>> {
    tagged_call(Method::Get, &format!("/admin/goals/{id}"), None, None).await
}

/// `POST /admin/goals`.
pub async fn create_goal(form: &GoalForm) -> ApiResult<Tagged<Goal>> {
    tagged_call(Method::Post, "/admin/goals", Some(to_json(form)?), None).await
}

/// `PUT /admin/goals/{id}`, based on `version`.
pub async fn save_goal(id: GoalId, version: i64, form: &GoalForm) -> ApiResult<Tagged<Goal>> {
    tagged_call(
        Method::Put,
        &format!("/admin/goals/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/goals/{id}`, based on `version`.
pub async fn delete_goal(id: GoalId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/goals/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}
