//! The district's staff, for its admins: listed and found, changed with
//! `If-Match`, deactivated when they leave (their open work handed over,
//! their sessions ended) and reactivated when they come back. Nobody is
//! deleted: the history still names them.

use super::{admins_only, if_match, page_size, path_id, query_text, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::handover::{self, Scope};
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use heard_domain::access::Role;
use heard_domain::account::{self, LinkPurpose, StaffChange};
use heard_domain::api::{
    AuditAction, AuditResource, Away, Deactivation, Problem, StaffForm, StaffMember, StaffPage,
    StaffStanding,
};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, StaffId, StaffRef, TeamRef, TopicRef};
use heard_store::queries::members::{self, StaffFilter};
use heard_store::queries::{districts, links, organisation as org, people, topics};
use heard_store::rows::{StaffChangeRow, StaffRecord};
use heard_store::sql::{Languages, Roles};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;

pub(super) const ADMINS_ONLY: &str = "the district's staff are kept by its admins";

/// The district's member `id`, or 404.
fn record(
    c: &mut AnyConnection,
    district: DistrictId,
    id: StaffId,
) -> Result<StaffRecord, ApiError> {
    members::record(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("staff member"),
        e => e.into(),
    })
}

/// `rec` as admins see it; `expiries` holds the invited members' latest
/// invitation expiries.
pub(super) fn view(
    c: &mut AnyConnection,
    rec: StaffRecord,
    expiries: &HashMap<StaffId, NaiveDateTime>,
) -> Result<StaffMember, ApiError> {
    let teams = people::teams_of(c, rec.id)?
        .into_iter()
        .map(|t| TeamRef {
            id: t.id,
            name: t.name,
        })
        .collect();
    let standing = if !rec.active {
        StaffStanding::Deactivated
    } else if rec.password_hash.is_empty() {
        StaffStanding::Invited
    } else {
        StaffStanding::Active
    };
    let invitation_expires_at = match standing {
        StaffStanding::Invited => expiries.get(&rec.id).map(|t| t.and_utc()),
        _ => None,
    };
    let away = match (rec.away_from, rec.away_until) {
        (Some(from), Some(until)) => Some(Away { from, until }),
        _ => None,
    };
    Ok(StaffMember {
        id: rec.id,
        name: rec.name,
        email: rec.email,
        roles: rec.roles.0,
        teams,
        languages: rec
            .languages
            .0
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
        standing,
        invitation_expires_at,
        away,
        deactivated_at: rec.deactivated_at.map(|t| t.and_utc()),
        created_at: rec.created_at.and_utc(),
        version: rec.version,
    })
}

/// The member `id` as admins see them now.
fn load(c: &mut AnyConnection, district: DistrictId, id: StaffId) -> Result<StaffMember, ApiError> {
    let rec = record(c, district, id)?;
    let expiries = members::invitation_expiries(c, &[id])?;
    view(c, rec, &expiries)
}

/// Which staff, and which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only those whose name or email contains this text, ignoring case.
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Only those standing so.
    standing: Option<StaffStanding>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<StaffId>,
}

/// The district's staff, by name: who is invited, active or deactivated,
/// in which teams and languages, and who is away.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_staff",
    security(("bearer" = [])),
    params(StaffQuery),
    responses(
        (status = 200, body = StaffPage, description = "A page of staff"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/staff")]
pub async fn list_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<StaffQuery>,
) -> ApiResult<web::Json<StaffPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let q = query.0;
    let limit = page_size(q.limit)?;
    let filter = StaffFilter {
        standing: q.standing,
        text: query_text("q", q.q, 200)?,
    };
    let (district, cursor) = (who.district_id, q.cursor);
    let page = read(&state, move |c| {
        let rows = members::page(c, district, &filter, cursor, limit + 1).map_err(|e| match e {
            StoreError::NotFound => ApiError::field(
                "cursor",
                Invalid::Unknown {
                    what: "a staff member",
                },
            ),
            e => e.into(),
        })?;
        let (rows, next_cursor) = super::page(rows, limit, |r| r.id.to_string());
        let ids: Vec<StaffId> = rows.iter().map(|r| r.id).collect();
        let expiries = members::invitation_expiries(c, &ids)?;
        let items = rows
            .into_iter()
            .map(|r| view(c, r, &expiries))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StaffPage { items, next_cursor })
    })
    .await?;
    Ok(web::Json(page))
}

/// One staff member, with their version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_staff_member",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The staff member's id")),
    responses(
        (status = 200, body = StaffMember, description = "The staff member", headers(("ETag" = String, description = "Their version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Nobody on the district's staff has this id"),
    )
)]
#[get("/admin/staff/{id}", guard = "crate::spec::an_id")]
pub async fn get_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: StaffId = path_id(&id, "staff member")?;
    let district = who.district_id;
    let member = read(&state, move |c| load(c, district, id)).await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &member,
        member.version,
    ))
}

/// Checks `change` to `rec` against the district and the admin making it:
/// its teams are the district's, an admin keeps their own admin role, and
/// a team's fallback owner stays in it until the team has another.
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    by: StaffId,
    rec: &StaffRecord,
    change: &StaffChange,
) -> Result<(), ApiError> {
    for (i, team) in change.team_ids.iter().enumerate() {
        if !districts::has_team(c, district, *team)? {
            return Err(ApiError::field(
                &format!("team_ids[{i}]"),
                Invalid::Unknown { what: "a team" },
            ));
        }
    }
    // The caller is an active admin, so while they keep the role the
    // district keeps one.
    if rec.id == by && !change.roles.contains(&Role::Admin) {
        return Err(ApiError::Conflict(
            "you cannot take away your own admin role; another admin can".into(),
        ));
    }
    if let Some(team) = members::falling_back_to(c, district, rec.id)?
        .into_iter()
        .find(|t| !change.team_ids.contains(&t.id))
    {
        return Err(ApiError::Conflict(format!(
            "{} is the fallback owner of {:?}; choose another fallback owner for it first",
            rec.name, team.name
        )));
    }
    Ok(())
}

/// Changes the member `id` at version `expected` by a checked `change`,
/// handing over the open work they no longer may keep, with its audit
/// entry: what a form and a spreadsheet row both do.
pub(super) fn change_member(
    c: &mut AnyConnection,
    district: DistrictId,
    by: &StaffRef,
    author: &Author,
    id: StaffId,
    expected: i64,
    change: StaffChange,
) -> Result<StaffMember, ApiError> {
    let rec = record(c, district, id)?;
    super::at_version(rec.version, expected)?;
    check(c, district, by.id, &rec, &change)?;
    let before = load(c, district, id)?;
    let row = StaffChangeRow {
        name: change.name,
        roles: Roles(change.roles),
        languages: Languages(change.languages),
        away_from: change.away.map(|a| a.from),
        away_until: change.away.map(|a| a.until),
    };
    members::update(c, district, id, expected, &row)?;
    let (joined, left) = members::set_teams(c, id, &change.team_ids)?;
    for team in joined.iter().chain(&left) {
        org::touch_team(c, *team)?;
    }
    if row.roles.0.iter().any(|r| r.works_cases()) {
        let why = format!("{} left the team", row.name);
        handover::open_work(c, district, by, id, Scope::Teams(&left), &why)?;
    } else {
        let why = format!("{} no longer works cases", row.name);
        handover::open_work(c, district, by, id, Scope::All, &why)?;
    }
    let after = load(c, district, id)?;
    author.record(
        c,
        AuditResource::Staff,
        &id.to_string(),
        AuditAction::Updated,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Changes a staff member's name, roles, teams, languages and time away,
/// at the version in `If-Match`. Open inquiries they own in a team they
/// leave — or all of them, when no role of theirs works cases any more —
/// are handed over.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_staff_member",
    security(("bearer" = [])),
    request_body = StaffForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The staff member's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = StaffMember, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Nobody on the district's staff has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not possible: your own admin role, or a team they are the fallback owner of; `detail` says which"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "They changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/staff/{id}", guard = "crate::spec::an_id")]
pub async fn update_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<StaffForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: StaffId = path_id(&id, "staff member")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let form = body.0;
    let author = Author::of(&who, &req);
    let (district, by) = (who.district_id, who.staff_ref());
    let member = state
        .store
        .writer
        .write(move |c| {
            // Bad input is 422 whatever version it was based on.
            let offered = districts::by_id(c, district)?.languages.0;
            let change = account::staff_change(&form, &offered)?;
            change_member(c, district, &by, &author, id, expected, change)
        })
        .await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &member,
        member.version,
    ))
}

/// Deactivates a staff member who left, at the version in `If-Match`: they
/// cannot sign in, their sessions and unused links end, their open
/// inquiries go to each team's fallback owner (or its queue), and the
/// teams that fell back to them fall back to nobody. Their history stays.
#[utoipa::path(
    tag = "admin",
    operation_id = "deactivate_staff_member",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The staff member's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = Deactivation, description = "Deactivated; what became of their work", headers(("ETag" = String, description = "Their new version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Nobody on the district's staff has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Deactivated already, or yourself"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "They changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[post("/admin/staff/{id}/deactivate")]
pub async fn deactivate_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: StaffId = path_id(&id, "staff member")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let (district, by) = (who.district_id, who.staff_ref());
    let done = state
        .store
        .writer
        .write(move |c| {
            let rec = record(c, district, id)?;
            super::at_version(rec.version, expected)?;
            // The caller is an active admin: refusing them here keeps the
            // district from losing its last one.
            if rec.id == by.id {
                return Err(ApiError::Conflict(
                    "you cannot deactivate yourself; another admin can".into(),
                ));
            }
            if !rec.active {
                return Err(ApiError::Conflict(format!(
                    "{} is deactivated already",
                    rec.name
                )));
            }
            let before = load(c, district, id)?;
            let now = clock::now().naive_utc();
            members::set_deactivated(c, district, id, expected, Some(now))?;
            members::sign_out_everywhere(c, id, now)?;
            for purpose in [LinkPurpose::Invitation, LinkPurpose::PasswordReset] {
                links::retire_unused(c, id, purpose, now)?;
            }
            let fallback_cleared = clear_fallbacks(c, district, id, &author)?;
            let topic_fallback_cleared = clear_topic_fallbacks(c, district, id, &author)?;
            let why = format!("{} was deactivated", rec.name);
            let handed_over = handover::open_work(c, district, &by, id, Scope::All, &why)?;
            let staff = load(c, district, id)?;
            author.record(
                c,
                AuditResource::Staff,
                &id.to_string(),
                AuditAction::Deactivated,
                Some(&before),
                Some(&staff),
            )?;
            Ok::<_, ApiError>(Deactivation {
                staff,
                handed_over,
                fallback_cleared,
                topic_fallback_cleared,
            })
        })
        .await?;
    tracing::info!(by = %who.id, staff = %id, handed_over = done.handed_over.len(), "staff member deactivated");
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &done,
        done.staff.version,
    ))
}

/// Leaves the teams that fell back to `staff` without a fallback owner,
/// each change in the audit log; answers which teams.
fn clear_fallbacks(
    c: &mut AnyConnection,
    district: DistrictId,
    staff: StaffId,
    author: &Author,
) -> Result<Vec<TeamRef>, ApiError> {
    let teams = members::falling_back_to(c, district, staff)?;
    let mut before = Vec::with_capacity(teams.len());
    for t in &teams {
        before.push(super::admin_teams::load(c, district, t.id)?);
    }
    members::clear_fallback(c, district, staff)?;
    for b in &before {
        let after = super::admin_teams::load(c, district, b.id)?;
        author.record(
            c,
            AuditResource::Team,
            &b.id.to_string(),
            AuditAction::Updated,
            Some(b),
            Some(&after),
        )?;
    }
    Ok(teams
        .into_iter()
        .map(|t| TeamRef {
            id: t.id,
            name: t.name,
        })
        .collect())
}

/// Leaves the topics that fell back to `staff` without a fallback owner,
/// each change in the audit log; answers which topics.
fn clear_topic_fallbacks(
    c: &mut AnyConnection,
    district: DistrictId,
    staff: StaffId,
    author: &Author,
) -> Result<Vec<TopicRef>, ApiError> {
    let rows = topics::falling_back_to(c, district, staff)?;
    let mut before = Vec::with_capacity(rows.len());
    for row in rows {
        before.push(super::topics::view(c, row)?);
    }
    topics::clear_fallback(c, district, staff)?;
    for b in &before {
        let row = topics::record(c, district, b.id)?;
        let after = super::topics::view(c, row)?;
        author.record(
            c,
            AuditResource::Topic,
            &b.id.to_string(),
            AuditAction::Updated,
            Some(b),
            Some(&after),
        )?;
    }
    Ok(before
        .into_iter()
        .map(|t| TopicRef {
            id: t.id,
            name: t.name,
        })
        .collect())
}

/// Brings a deactivated staff member back, at the version in `If-Match`:
/// they sign in with their password again (one who never joined needs a
/// new invitation), in the teams they were in.
#[utoipa::path(
    tag = "admin",
    operation_id = "reactivate_staff_member",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The staff member's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = StaffMember, description = "Reactivated", headers(("ETag" = String, description = "Their new version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Nobody on the district's staff has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "They are not deactivated"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "They changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[post("/admin/staff/{id}/reactivate")]
pub async fn reactivate_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: StaffId = path_id(&id, "staff member")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let member = state
        .store
        .writer
        .write(move |c| {
            let rec = record(c, district, id)?;
            super::at_version(rec.version, expected)?;
            if rec.active {
                return Err(ApiError::Conflict(format!(
                    "{} is not deactivated",
                    rec.name
                )));
            }
            let before = load(c, district, id)?;
            members::set_deactivated(c, district, id, expected, None)?;
            let after = load(c, district, id)?;
            author.record(
                c,
                AuditResource::Staff,
                &id.to_string(),
                AuditAction::Reactivated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &member,
        member.version,
    ))
}
