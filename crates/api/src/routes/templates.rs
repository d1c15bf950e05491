//! Reply templates, for the district's admins: the answers staff send
//! often, each in one of the district's languages, with placeholders
//! filled in from the inquiry when it is used, changed with `If-Match`.

use super::{admins_only, if_match, page_size, path_id, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{
    AuditAction, AuditResource, Problem, ReplyTemplate, TemplateForm, TemplatePage,
};
use heard_domain::template::{self, TemplateChange};
use heard_domain::text::Language;
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, TemplateId};
use heard_store::queries::{districts, templates};
use heard_store::rows::{ReplyTemplateChangeRow, ReplyTemplateRow};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "reply templates are written by the district's admins";

fn view(row: ReplyTemplateRow) -> ReplyTemplate {
    ReplyTemplate {
        id: row.id,
        language: row.language.as_str().to_owned(),
        placeholders: template::used(&row.body),
        name: row.name,
        body: row.body,
        version: row.version,
    }
}

fn found(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TemplateId,
) -> Result<ReplyTemplateRow, ApiError> {
    templates::record(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("reply template"),
        e => e.into(),
    })
}

/// The form checked against the district's languages, and no other
/// template of the same name in the same language.
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    form: &TemplateForm,
    except: Option<TemplateId>,
) -> Result<ReplyTemplateChangeRow, ApiError> {
    let d = districts::by_id(c, district)?;
    let TemplateChange {
        language,
        name,
        body,
    } = template::validate(form, &d.languages.0)?;
    if let Some(theirs) = templates::same_name(c, district, &language, name.as_str(), except)? {
        return Err(ApiError::Conflict(format!(
            "the district already has a reply template named {theirs:?} in {:?}",
            language.as_str()
        )));
    }
    Ok(ReplyTemplateChangeRow {
        language,
        name: name.into(),
        body: body.into(),
    })
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<TemplateId>,
    /// Only the templates in this language, e.g. the requester's.
    #[param(value_type = Option<String>, pattern = r"^[A-Za-z]{2,3}$")]
    language: Option<String>,
}

/// The district's reply templates, by language then name.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_templates",
    security(("bearer" = [])),
    params(TemplateQuery),
    responses(
        (status = 200, body = TemplatePage, description = "A page of reply templates"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/templates")]
pub async fn list_templates(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<TemplateQuery>,
) -> ApiResult<web::Json<TemplatePage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let language = match query.0.language.as_deref() {
        None => None,
        Some(raw) => Some(
            Language::parse(raw)
                .map_err(|_| ApiError::field("language", Invalid::InvalidLanguage))?,
        ),
    };
    let (district, cursor) = (who.district_id, query.0.cursor);
    let page = read(&state, move |c| {
        let rows =
            templates::page(c, district, language, cursor, limit + 1).map_err(|e| match e {
                StoreError::NotFound => ApiError::field(
                    "cursor",
                    Invalid::Unknown {
                        what: "a reply template",
                    },
                ),
                e => e.into(),
            })?;
        let (rows, next_cursor) = super::page(rows, limit, |r| r.id.to_string());
        let items = rows.into_iter().map(view).collect();
        Ok(TemplatePage { items, next_cursor })
    })
    .await?;
    Ok(web::Json(page))
}

/// One reply template, with its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_template",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The template's id")),
    responses(
        (status = 200, body = ReplyTemplate, description = "The template", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such reply template in this district"),
    )
)]
#[get("/admin/templates/{id}")]
pub async fn get_template(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TemplateId = path_id(&id, "reply template")?;
    let district = who.district_id;
    let t = read(&state, move |c| Ok(view(found(c, district, id)?))).await?;
    Ok(super::with_etag(HttpResponse::Ok(), &t, t.version))
}

/// Writes a reply template. A name another template has in the same
/// language, in any letter case, is 409; a `{{…}}` that is not a
/// placeholder is 422 at `body`.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_template",
    security(("bearer" = [])),
    request_body = TemplateForm,
    responses(
        (status = 201, body = ReplyTemplate, description = "Written", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The template"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another template has that name in that language"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/templates")]
pub async fn create_template(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<TemplateForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let t = state
        .store
        .writer
        .write(move |c| {
            let change = check(c, district, &form, None)?;
            let row = ReplyTemplateRow {
                id: TemplateId::new(),
                district_id: district,
                language: change.language,
                name: change.name,
                body: change.body,
                version: 1,
                created_at: clock::now().naive_utc(),
            };
            templates::insert(c, &row)?;
            let t = view(row);
            author.record(
                c,
                AuditResource::Template,
                &t.id.to_string(),
                AuditAction::Created,
                None,
                Some(&t),
            )?;
            Ok::<_, ApiError>(t)
        })
        .await?;
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/templates/{}", t.id)));
    Ok(super::with_etag(res, &t, t.version))
}

/// Changes a reply template: send all of it, with the version read in
/// `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_template",
    security(("bearer" = [])),
    request_body = TemplateForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The template's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = ReplyTemplate, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such reply template in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another template has that name in that language"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/templates/{id}")]
pub async fn update_template(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<TemplateForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TemplateId = path_id(&id, "reply template")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let t = state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            // Bad input is 422 whatever version it names.
            let change = check(c, district, &form, Some(id))?;
            super::at_version(current.version, expected)?;
            let before = view(current);
            templates::update(c, district, id, expected, &change)?;
            let after = view(found(c, district, id)?);
            author.record(
                c,
                AuditResource::Template,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &t, t.version))
}

/// Removes a reply template at the version in `If-Match`. Replies already
/// sent from it are kept as they were sent.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_template",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The template's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such reply template in this district"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/templates/{id}")]
pub async fn delete_template(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TemplateId = path_id(&id, "reply template")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            super::at_version(current.version, expected)?;
            let before = view(current);
            templates::delete(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Template,
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
