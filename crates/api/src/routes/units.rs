//! The district's schools and departments, for its admins: listed by name,
//! each changed with `If-Match`, none removed while an inquiry concerns it.

use super::{admins_only, if_match, page, page_size, path_id, query_text, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{AuditAction, AuditResource, Problem, Unit, UnitForm, UnitPage};
use heard_domain::organisation::{self, UnitChange};
use heard_domain::{DistrictId, UnitId};
use heard_store::queries::organisation as org;
use heard_store::rows::{UnitChangeRow, UnitRecord};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

pub(super) const ADMINS_ONLY: &str = "schools and departments are set up by the district's admins";

pub(super) fn view(r: UnitRecord) -> Unit {
    Unit {
        id: r.id,
        name: r.name,
        kind: r.kind,
        grade_band: r.grade_band,
        address: r.address,
        version: r.version,
    }
}

fn found(
    district: DistrictId,
    id: UnitId,
) -> impl Fn(&mut AnyConnection) -> Result<UnitRecord, ApiError> {
    move |c| {
        org::unit(c, district, id).map_err(|e| match e {
            StoreError::NotFound => ApiError::NotFound("school or department"),
            e => e.into(),
        })
    }
}

/// 409 when another unit of the district reads as `change`'s name.
fn name_free(
    c: &mut AnyConnection,
    district: DistrictId,
    change: &UnitChange,
    except: Option<UnitId>,
) -> Result<(), ApiError> {
    match org::unit_named(c, district, &change.name, except)? {
        Some(taken) => Err(ApiError::Conflict(format!(
            "the district already has a school or department named {taken:?}"
        ))),
        None => Ok(()),
    }
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 120, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    cursor: Option<String>,
}

/// The district's schools and departments, by name.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_units",
    security(("bearer" = [])),
    params(UnitQuery),
    responses(
        (status = 200, body = UnitPage, description = "A page of schools and departments"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/units")]
pub async fn list_units(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<UnitQuery>,
) -> ApiResult<web::Json<UnitPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let cursor = query_text("cursor", query.0.cursor, 120)?;
    let district = who.district_id;
    let rows = read(&state, move |c| {
        Ok(org::units(c, district, cursor.as_deref(), limit + 1)?)
    })
    .await?;
    let (rows, next_cursor) = page(rows, limit, |u| u.name.clone());
    Ok(web::Json(UnitPage {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }))
}

/// One school or department, with its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_unit",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The unit's id")),
    responses(
        (status = 200, body = Unit, description = "The unit", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such unit in this district"),
    )
)]
#[get("/admin/units/{id}", guard = "crate::spec::an_id")]
pub async fn get_unit(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: UnitId = path_id(&id, "school or department")?;
    let row = read(&state, found(who.district_id, id)).await?;
    let unit = view(row);
    Ok(super::with_etag(HttpResponse::Ok(), &unit, unit.version))
}

/// Adds a school or department. A name the district already has, in any
/// letter case, is 409.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_unit",
    security(("bearer" = [])),
    request_body = UnitForm,
    responses(
        (status = 201, body = Unit, description = "Added", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The unit"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The district has a unit of that name"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<UnitForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let change = organisation::unit(&body.0)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let unit = state
        .store
        .writer
        .write(move |c| {
            name_free(c, district, &change, None)?;
            let row = UnitRecord {
                id: UnitId::new(),
                district_id: district,
                name: change.name,
                kind: change.kind,
                created_at: clock::now().naive_utc(),
                grade_band: change.grade_band,
                address: change.address,
                version: 1,
            };
            org::insert_unit(c, &row)?;
            let unit = view(row);
            author.record(
                c,
                AuditResource::Unit,
                &unit.id.to_string(),
                AuditAction::Created,
                None,
                Some(&unit),
            )?;
            Ok::<_, ApiError>(unit)
        })
        .await?;
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/units/{}", unit.id)));
    Ok(super::with_etag(res, &unit, unit.version))
}

/// Changes a school or department: send all of it, with the version read
/// in `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_unit",
    security(("bearer" = [])),
    request_body = UnitForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The unit's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = Unit, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such unit in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another unit has that name"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/units/{id}", guard = "crate::spec::an_id")]
pub async fn update_unit(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<UnitForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: UnitId = path_id(&id, "school or department")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let change = organisation::unit(&body.0)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let unit = state
        .store
        .writer
        .write(move |c| {
            let before = view(found(district, id)(c)?);
            super::at_version(before.version, expected)?;
            name_free(c, district, &change, Some(id))?;
            let row = UnitChangeRow {
                name: change.name,
                kind: change.kind,
                grade_band: change.grade_band,
                address: change.address,
            };
            org::update_unit(c, district, id, expected, &row)?;
            let after = view(found(district, id)(c)?);
            author.record(
                c,
                AuditResource::Unit,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &unit, unit.version))
}

/// Removes a school or department no inquiry concerns, at the version in
/// `If-Match`; one that inquiries concern is 409, saying how many.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_unit",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The unit's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such unit in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Inquiries concern it; `detail` says how many"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/units/{id}", guard = "crate::spec::an_id")]
pub async fn delete_unit(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: UnitId = path_id(&id, "school or department")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    state
        .store
        .writer
        .write(move |c| {
            let before = view(found(district, id)(c)?);
            super::at_version(before.version, expected)?;
            let used = org::unit_inquiries(c, id)?;
            if used > 0 {
                return Err(ApiError::Conflict(format!(
                    "{used} inquiries concern {:?}; it stays while they do",
                    before.name
                )));
            }
            let measured = heard_store::queries::goals::for_scope(c, Some(id), None, None)?;
            if measured > 0 {
                return Err(ApiError::Conflict(format!(
                    "{measured} strategic goals are for {:?}; it stays while they are",
                    before.name
                )));
            }
            org::delete_unit(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Unit,
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
