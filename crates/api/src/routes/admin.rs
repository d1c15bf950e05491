//! District administration: what a district has configured.

use super::read;
use crate::auth::AuthStaff;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use heard_domain::api::{DistrictSettings, Problem};
use heard_store::views;

/// The signed-in admin's district settings: languages, branding, business
/// hours, service standard, fallback team.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_district_settings",
    security(("bearer" = [])),
    responses(
        (status = 200, body = DistrictSettings, description = "The district's settings"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Settings are for the district's admins"),
    )
)]
#[get("/admin/districts/current")]
pub async fn district_settings(
    state: web::Data<AppState>,
    who: AuthStaff,
) -> ApiResult<web::Json<DistrictSettings>> {
    super::admins_only(&who, "settings are for the district's admins")?;
    let district = who.district_id;
    Ok(web::Json(
        read(&state, move |c| Ok(views::district_settings(c, district)?)).await?,
    ))
}
