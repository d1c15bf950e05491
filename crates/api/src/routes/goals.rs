//! Strategic goals, for the district's admins: a target for one of the
//! summary's live metrics over a period of days, for the whole district or
//! one school, topic or team, changed with `If-Match`. `GET /goals` reports
//! where each stands.

use super::{admins_only, if_match, page_size, path_id, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use chrono_tz::Tz;
use heard_domain::api::{AuditAction, AuditResource, Goal, GoalForm, GoalPage, Problem};
use heard_domain::goals::{self, GoalChange};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, GoalId, TeamRef, TopicRef, UnitRef};
use heard_store::queries::{districts, goals as stored, organisation as org, topics};
use heard_store::rows::{GoalChangeRow, GoalRow};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "strategic goals are set by the district's admins";

fn time_zone(c: &mut AnyConnection, district: DistrictId) -> Result<Tz, ApiError> {
    let d = districts::by_id(c, district)?;
    d.time_zone
        .parse()
        .map_err(|_| ApiError::Internal(format!("district time zone {:?}", d.time_zone)))
}

/// A goal as admins read it: its days in the district's time zone, and
/// what it is for by name.
fn view(c: &mut AnyConnection, tz: Tz, row: GoalRow) -> Result<Goal, ApiError> {
    let district = row.district_id;
    let (first_day, last_day) =
        goals::days(tz, row.period_start.and_utc(), row.period_end.and_utc());
    let unit = match row.unit_id {
        Some(id) => Some(UnitRef {
            id,
            name: org::unit(c, district, id)?.name,
        }),
        None => None,
    };
    let topic = match row.topic_id {
        Some(id) => Some(TopicRef {
            id,
            name: topics::record(c, district, id)?.name,
        }),
        None => None,
    };
    let team = match row.team_id {
        Some(id) => Some(TeamRef {
            id,
            name: org::team(c, district, id)?.name,
        }),
        None => None,
    };
    Ok(Goal {
        id: row.id,
        name: row.name,
        metric: row.metric,
        comparison: row.comparison,
        target: row.target,
        first_day,
        last_day,
        unit,
        topic,
        team,
        version: row.version,
    })
}

fn found(c: &mut AnyConnection, district: DistrictId, id: GoalId) -> Result<GoalRow, ApiError> {
    stored::record(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("strategic goal"),
        e => e.into(),
    })
}

/// 422 at `field` unless `lookup` finds the district's own.
fn known<T>(
    field: &'static str,
    what: &'static str,
    lookup: Result<T, StoreError>,
) -> Result<(), ApiError> {
    match lookup {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => Err(ApiError::field(field, Invalid::Unknown { what })),
        Err(e) => Err(e.into()),
    }
}

/// The form checked, and what it is for checked against the district's.
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    tz: Tz,
    form: &GoalForm,
) -> Result<GoalChangeRow, ApiError> {
    let change: GoalChange = goals::validate(form)?;
    if let Some(id) = change.unit_id {
        known(
            "unit_id",
            "a school or department",
            org::unit(c, district, id),
        )?;
    }
    if let Some(id) = change.topic_id {
        known("topic_id", "a topic", topics::record(c, district, id))?;
    }
    if let Some(id) = change.team_id {
        known("team_id", "a team", org::team(c, district, id))?;
    }
    let (start, end) = change.period(tz);
    Ok(GoalChangeRow {
        name: change.name.into(),
        metric: change.metric.to_owned(),
        comparison: change.comparison.to_owned(),
        target: change.target,
        period_start: start.naive_utc(),
        period_end: end.naive_utc(),
        unit_id: change.unit_id,
        topic_id: change.topic_id,
        team_id: change.team_id,
    })
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GoalQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<GoalId>,
}

/// The district's strategic goals, by name.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_admin_goals",
    security(("bearer" = [])),
    params(GoalQuery),
    responses(
        (status = 200, body = GoalPage, description = "A page of strategic goals"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/goals")]
pub async fn list_goals(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<GoalQuery>,
) -> ApiResult<web::Json<GoalPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let (district, cursor) = (who.district_id, query.0.cursor);
    let page = read(&state, move |c| {
        let tz = time_zone(c, district)?;
        let rows = stored::page(c, district, cursor, limit + 1).map_err(|e| match e {
            StoreError::NotFound => ApiError::field(
                "cursor",
                Invalid::Unknown {
                    what: "a strategic goal",
                },
            ),
            e => e.into(),
        })?;
        let (rows, next_cursor) = super::page(rows, limit, |r| r.id.to_string());
        let items = rows
            .into_iter()
            .map(|r| view(c, tz, r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(GoalPage { items, next_cursor })
    })
    .await?;
    Ok(web::Json(page))
}

/// One strategic goal, with its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_goal",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The goal's id")),
    responses(
        (status = 200, body = Goal, description = "The goal", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such strategic goal in this district"),
    )
)]
#[get("/admin/goals/{id}")]
pub async fn get_goal(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: GoalId = path_id(&id, "strategic goal")?;
    let district = who.district_id;
    let goal = read(&state, move |c| {
        let tz = time_zone(c, district)?;
        let row = found(c, district, id)?;
        view(c, tz, row)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &goal, goal.version))
}

/// Sets a strategic goal. Its days are the district's: the period runs
/// from midnight of `first_day` to midnight after `last_day` there.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_goal",
    security(("bearer" = [])),
    request_body = GoalForm,
    responses(
        (status = 201, body = Goal, description = "Set", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The goal"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/goals")]
pub async fn create_goal(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<GoalForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let goal = state
        .store
        .writer
        .write(move |c| {
            let tz = time_zone(c, district)?;
            let change = check(c, district, tz, &form)?;
            let row = GoalRow {
                id: GoalId::new(),
                district_id: district,
                name: change.name,
                metric: change.metric,
                comparison: change.comparison,
                target: change.target,
                period_start: change.period_start,
                period_end: change.period_end,
                created_at: clock::now().naive_utc(),
                unit_id: change.unit_id,
                topic_id: change.topic_id,
                team_id: change.team_id,
                version: 1,
            };
            stored::insert(c, &row)?;
            let goal = view(c, tz, row)?;
            author.record(
                c,
                AuditResource::Goal,
                &goal.id.to_string(),
                AuditAction::Created,
                None,
                Some(&goal),
            )?;
            Ok::<_, ApiError>(goal)
        })
        .await?;
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/goals/{}", goal.id)));
    Ok(super::with_etag(res, &goal, goal.version))
}

/// Changes a strategic goal: send all of it, with the version read in
/// `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_goal",
    security(("bearer" = [])),
    request_body = GoalForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The goal's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = Goal, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such strategic goal in this district"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/goals/{id}")]
pub async fn update_goal(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<GoalForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: GoalId = path_id(&id, "strategic goal")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let goal = state
        .store
        .writer
        .write(move |c| {
            let tz = time_zone(c, district)?;
            let current = found(c, district, id)?;
            // Bad input is 422 whatever version it names.
            let change = check(c, district, tz, &form)?;
            super::at_version(current.version, expected)?;
            let before = view(c, tz, current)?;
            stored::update(c, district, id, expected, &change)?;
            let row = found(c, district, id)?;
            let after = view(c, tz, row)?;
            author.record(
                c,
                AuditResource::Goal,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &goal, goal.version))
}

/// Removes a strategic goal at the version in `If-Match`; the dashboard
/// no longer measures it.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_goal",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The goal's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such strategic goal in this district"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/goals/{id}")]
pub async fn delete_goal(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: GoalId = path_id(&id, "strategic goal")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    state
        .store
        .writer
        .write(move |c| {
            let tz = time_zone(c, district)?;
            let current = found(c, district, id)?;
            super::at_version(current.version, expected)?;
            let before = view(c, tz, current)?;
            stored::delete(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Goal,
                &id.to_string(),
                AuditAction::Deleted,
                Some(&before),
                None,
            )?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
