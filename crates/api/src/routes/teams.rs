//! The district's teams and members, for moving a case to the right people.

use super::read;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::views;
use actix_web::{get, web};
use heard_domain::api::{NamedRef, Problem, TeamList, TeamView};
use heard_store::queries::{districts, people};

/// Every team of the district with its active members.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    responses(
        (status = 200, body = TeamList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/teams")]
pub async fn list(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<web::Json<TeamList>> {
    let district_id = who.district_id.clone();
    let (district, teams, members) = read(&state, move |c| {
        Ok((
            districts::by_id(c, &district_id)?,
            districts::teams(c, &district_id)?,
            people::memberships(c, &district_id)?,
        ))
    })
    .await?;
    let items = teams
        .iter()
        .map(|t| {
            Ok(TeamView {
                id: views::id(&t.id)?,
                name: t.name.clone(),
                fallback: district.fallback_team_id.as_deref() == Some(t.id.as_str()),
                members: members
                    .iter()
                    .filter(|(team, _)| *team == t.id)
                    .map(|(_, s)| {
                        Ok(NamedRef {
                            id: views::id(&s.id)?,
                            name: s.name.clone(),
                        })
                    })
                    .collect::<Result<_, ApiError>>()?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(web::Json(TeamList { items }))
}
