//! The district's teams and their members, for its admins: each team
//! changed with `If-Match`; one that inquiries, topics or the district's
//! fallback use stays until they no longer do.

use super::{active_staff, admins_only, if_match, page, page_size, path_id, query_text, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::handover::{self, Scope};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{
    AuditAction, AuditResource, MemberForm, Problem, Team, TeamForm, TeamPage,
};
use heard_domain::organisation::{self, TeamChange};
use heard_domain::{DistrictId, StaffId, StaffRef, TeamId};
use heard_store::queries::{districts, organisation as org, people};
use heard_store::rows::{TeamChangeRow, TeamRecord};
use heard_store::{clock, views, AnyConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "teams are set up by the district's admins";

/// The team `id` of `district` with its members, as admins see it.
pub(crate) fn load(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TeamId,
) -> Result<Team, ApiError> {
    let row = org::team(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("team"),
        e => e.into(),
    })?;
    view(c, row)
}

fn view(c: &mut AnyConnection, row: TeamRecord) -> Result<Team, ApiError> {
    let members: Vec<StaffRef> = org::members(c, row.id)?
        .into_iter()
        .map(|(id, name)| StaffRef { id, name })
        .collect();
    let fallback_owner = match row.fallback_owner_id {
        Some(id) => Some(StaffRef {
            id,
            name: people::staff_by_id(c, id)?.name,
        }),
        None => None,
    };
    Ok(Team {
        id: row.id,
        name: row.name,
        fallback_owner,
        members,
        version: row.version,
    })
}

/// Checks `change` against the district: a name no other team has, and a
/// fallback owner who is on its staff (and so joins the team).
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    change: &TeamChange,
    except: Option<TeamId>,
) -> Result<(), ApiError> {
    if let Some(taken) = org::team_named(c, district, &change.name, except)? {
        return Err(ApiError::Conflict(format!(
            "the district already has a team named {taken:?}"
        )));
    }
    if let Some(owner) = change.fallback_owner_id {
        active_staff(c, district, owner, "fallback_owner_id")?;
    }
    Ok(())
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 120, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    cursor: Option<String>,
}

/// The district's teams with their members, by name.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_admin_teams",
    security(("bearer" = [])),
    params(TeamQuery),
    responses(
        (status = 200, body = TeamPage, description = "A page of teams"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/teams")]
pub async fn list_teams(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<TeamQuery>,
) -> ApiResult<web::Json<TeamPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let cursor = query_text("cursor", query.0.cursor, 120)?;
    let district = who.district_id;
    let (teams, next_cursor) = read(&state, move |c| {
        let rows = org::teams(c, district, cursor.as_deref(), limit + 1)?;
        let (rows, next) = page(rows, limit, |t| t.name.clone());
        let teams = rows
            .into_iter()
            .map(|r| view(c, r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((teams, next))
    })
    .await?;
    Ok(web::Json(TeamPage {
        items: teams,
        next_cursor,
    }))
}

/// One team with its members, and its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_admin_team",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The team's id")),
    responses(
        (status = 200, body = Team, description = "The team", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such team in this district"),
    )
)]
#[get("/admin/teams/{id}")]
pub async fn get_team(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TeamId = path_id(&id, "team")?;
    let district = who.district_id;
    let team = read(&state, move |c| load(c, district, id)).await?;
    Ok(super::with_etag(HttpResponse::Ok(), &team, team.version))
}

/// Adds a team. Its fallback owner, if named, joins it. A district's first
/// team also becomes its fallback team (see `fallback_team` in the
/// district's settings), so topics without a team of their own can be
/// written on at once.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_team",
    security(("bearer" = [])),
    request_body = TeamForm,
    responses(
        (status = 201, body = Team, description = "Added", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The team"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The district has a team of that name"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/teams")]
pub async fn create_team(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<TeamForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let change = organisation::team(&body.0)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let (team, adopted) = state
        .store
        .writer
        .write(move |c| {
            check(c, district, &change, None)?;
            let row = TeamRecord {
                id: TeamId::new(),
                district_id: district,
                name: change.name,
                created_at: clock::now().naive_utc(),
                fallback_owner_id: change.fallback_owner_id,
                version: 1,
            };
            org::insert_team(c, &row)?;
            if let Some(owner) = row.fallback_owner_id {
                org::add_member(c, row.id, owner)?;
            }
            let team = load(c, district, row.id)?;
            author.record(
                c,
                AuditResource::Team,
                &team.id.to_string(),
                AuditAction::Created,
                None,
                Some(&team),
            )?;
            let adopted = adopt_as_fallback(c, &author, district, row.id)?;
            Ok::<_, ApiError>((team, adopted))
        })
        .await?;
    // Families can write on topics without a team of their own at once.
    if let Some(slug) = adopted {
        state.directory.forget(&slug);
    }
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/teams/{}", team.id)));
    Ok(super::with_etag(res, &team, team.version))
}

/// A district's first team receives what no topic sends elsewhere, until an
/// admin names another in the settings: without one, a new district could
/// not take an inquiry on a topic that has no team of its own. Answers the
/// district's slug when it did.
fn adopt_as_fallback(
    c: &mut AnyConnection,
    author: &Author,
    district: DistrictId,
    team: TeamId,
) -> Result<Option<String>, ApiError> {
    let before = views::district_settings(c, district)?;
    if before.fallback_team.is_some() || !districts::adopt_fallback_team(c, district, team)? {
        return Ok(None);
    }
    let after = views::district_settings(c, district)?;
    author.record(
        c,
        AuditResource::District,
        &district.to_string(),
        AuditAction::Updated,
        Some(&before),
        Some(&after),
    )?;
    Ok(Some(after.district.slug))
}

/// Renames a team or changes its fallback owner (who joins it), with the
/// version read in `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_team",
    security(("bearer" = [])),
    request_body = TeamForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The team's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = Team, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such team in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another team has that name"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/teams/{id}")]
pub async fn update_team(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<TeamForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TeamId = path_id(&id, "team")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let change = organisation::team(&body.0)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let team = state
        .store
        .writer
        .write(move |c| {
            let before = load(c, district, id)?;
            super::at_version(before.version, expected)?;
            check(c, district, &change, Some(id))?;
            let row = TeamChangeRow {
                name: change.name,
                fallback_owner_id: change.fallback_owner_id,
            };
            org::update_team(c, district, id, expected, &row)?;
            if let Some(owner) = row.fallback_owner_id {
                org::add_member(c, id, owner)?;
            }
            let after = load(c, district, id)?;
            author.record(
                c,
                AuditResource::Team,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &team, team.version))
}

/// Removes a team nothing uses, with its memberships, at the version in
/// `If-Match`; one that inquiries, topics or the district's fallback use
/// is 409, saying which.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_team",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The team's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such team in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Something uses it; `detail` says what"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/teams/{id}")]
pub async fn delete_team(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TeamId = path_id(&id, "team")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    state
        .store
        .writer
        .write(move |c| {
            let before = load(c, district, id)?;
            super::at_version(before.version, expected)?;
            let (inquiries, topics, fallback) = org::team_uses(c, district, id)?;
            let mut uses = Vec::new();
            if inquiries > 0 {
                uses.push(format!("{inquiries} inquiries"));
            }
            if topics > 0 {
                uses.push(format!("{topics} topics send to it"));
            }
            if fallback {
                uses.push("it is the district's fallback team".to_owned());
            }
            let measured = heard_store::queries::goals::for_scope(c, None, None, Some(id))?;
            if measured > 0 {
                uses.push(format!("{measured} strategic goals are for it"));
            }
            if !uses.is_empty() {
                return Err(ApiError::Conflict(format!(
                    "{:?} is in use ({}); it stays while it is",
                    before.name,
                    uses.join("; ")
                )));
            }
            org::delete_team(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Team,
                &id.to_string(),
                AuditAction::Deleted,
                Some(&before),
                None,
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Adds an active staff member to a team; adding a member again changes
/// nothing (200).
#[utoipa::path(
    tag = "admin",
    operation_id = "add_team_member",
    security(("bearer" = [])),
    request_body = MemberForm,
    params(("id" = uuid::Uuid, Path, description = "The team's id")),
    responses(
        (status = 201, body = Team, description = "Added; the team as it is now", headers(("ETag" = String, description = "The team's new version"), ("Location" = String, description = "The membership, to remove with DELETE"))),
        (status = 200, body = Team, description = "A member already", headers(("ETag" = String, description = "The team's version"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such team in this district"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not an active staff member of the district"),
    )
)]
#[post("/admin/teams/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<MemberForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TeamId = path_id(&id, "team")?;
    let staff = body.0.staff_id;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let (added, team) = state
        .store
        .writer
        .write(move |c| {
            let before = load(c, district, id)?;
            active_staff(c, district, staff, "staff_id")?;
            let added = org::add_member(c, id, staff)?;
            if !added {
                return Ok((false, before));
            }
            org::touch_team(c, id)?;
            let after = load(c, district, id)?;
            author.record(
                c,
                AuditResource::TeamMember,
                &format!("{id}/{staff}"),
                AuditAction::Created,
                None,
                Some(&after),
            )?;
            Ok::<_, ApiError>((true, after))
        })
        .await?;
    let mut res = if added {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    // Where the membership is, to take them out again.
    res.insert_header((
        "Location",
        format!("/api/v1/admin/teams/{id}/members/{staff}"),
    ));
    Ok(super::with_etag(res, &team, team.version))
}

/// Takes a staff member out of a team, handing the team's open inquiries
/// they own to its fallback owner (or its queue); one who is not in it is
/// left out (204 as well, so a retry is harmless). The team's fallback owner stays
/// until another is chosen (409).
#[utoipa::path(
    tag = "admin",
    operation_id = "remove_team_member",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The team's id"),
        ("staff_id" = uuid::Uuid, Path, description = "The member's staff id"),
    ),
    responses(
        (status = 204, description = "Not a member (any more)"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such team in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "They are the team's fallback owner"),
    )
)]
#[delete("/admin/teams/{id}/members/{staff_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let (raw_team, raw_staff) = path.into_inner();
    let id: TeamId = path_id(&raw_team, "team")?;
    let staff: StaffId = path_id(&raw_staff, "team member")?;
    let author = Author::of(&who, &req);
    let (district, by) = (who.district_id, who.staff_ref());
    state
        .store
        .writer
        .write(move |c| {
            let before = load(c, district, id)?;
            if before
                .fallback_owner
                .as_ref()
                .is_some_and(|o| o.id == staff)
            {
                return Err(ApiError::Conflict(
                    "they are the team's fallback owner; choose another first".into(),
                ));
            }
            // Taking out someone who is not in the team leaves it as asked:
            // done, nothing changed, nothing logged.
            if !org::remove_member(c, id, staff)? {
                return Ok(());
            }
            org::touch_team(c, id)?;
            let name = people::staff_by_id(c, staff)?.name;
            let why = format!("{name} left the team");
            handover::open_work(c, district, &by, staff, Scope::Teams(&[id]), &why)?;
            let after = load(c, district, id)?;
            author.record(
                c,
                AuditResource::TeamMember,
                &format!("{id}/{staff}"),
                AuditAction::Deleted,
                Some(&before),
                Some(&after),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
