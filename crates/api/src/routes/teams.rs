//! The district's teams and members, for moving a case to the right people.

use super::read;
use crate::auth::AuthStaff;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use heard_domain::api::{Problem, TeamList};
use heard_store::views;

/// Every team of the district with its active members who work cases.
#[utoipa::path(
    tag = "inbox",
    operation_id = "list_teams",
    security(("bearer" = [])),
    responses(
        (status = 200, body = TeamList, description = "The district's teams, by name"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
    )
)]
#[get("/teams")]
pub async fn list(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<web::Json<TeamList>> {
    let district = who.district_id;
    Ok(web::Json(
        read(&state, move |c| Ok(views::teams(c, district)?)).await?,
    ))
}
