//! The topics families pick from, for the district's admins: in the
//! portal's order, words in every language the district offers, each
//! changed with `If-Match`, none removed while an inquiry or article uses it.

use super::{active_staff, admins_only, if_match, page_size, path_id, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{
    AuditAction, AuditResource, LinkedArticle, Problem, Topic, TopicForm, TopicPage, TopicText,
};
use heard_domain::topic::{self, TopicChange};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, StaffRef, TeamId, TeamRef, TopicId};
use heard_store::queries::{districts, organisation as org, people, topics};
use heard_store::rows::{TopicChangeRow, TopicRecord};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "topics are set up by the district's admins";

/// The words a topic row holds, per language.
pub(crate) fn texts(row: &TopicRecord) -> Result<BTreeMap<String, TopicText>, ApiError> {
    serde_json::from_str(&row.texts)
        .map_err(|e| ApiError::Internal(format!("topic {} texts: {e}", row.id)))
}

pub(crate) fn view(c: &mut AnyConnection, row: TopicRecord) -> Result<Topic, ApiError> {
    let default_team = match row.default_team_id {
        Some(id) => Some(TeamRef {
            id,
            name: org::team(c, row.district_id, id)?.name,
        }),
        None => None,
    };
    let fallback_owner = match row.fallback_owner_id {
        Some(id) => Some(StaffRef {
            id,
            name: people::staff_by_id(c, id)?.name,
        }),
        None => None,
    };
    let articles = topics::articles(c, row.id)?
        .into_iter()
        .map(|(id, language, title)| LinkedArticle {
            id,
            language,
            title,
        })
        .collect();
    Ok(Topic {
        id: row.id,
        texts: texts(&row)?,
        name: row.name,
        default_team,
        fallback_owner,
        articles,
        position: row.position,
        version: row.version,
    })
}

fn found(
    c: &mut AnyConnection,
    district: DistrictId,
    id: TopicId,
) -> Result<TopicRecord, ApiError> {
    topics::record(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("topic"),
        e => e.into(),
    })
}

/// The form checked against the district: its languages, its teams and
/// staff, and no other topic a family could take it for. Answers the
/// change, the district's slug, and its default language's words.
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    form: &TopicForm,
    except: Option<TopicId>,
) -> Result<(TopicChange, String, TopicText), ApiError> {
    let d = districts::by_id(c, district)?;
    let change = topic::validate(form, &d.languages.0)?;
    let default = d
        .languages
        .0
        .first()
        .and_then(|l| change.default_text(l))
        .cloned()
        .ok_or_else(|| ApiError::Internal("the district offers no language".into()))?;
    if let Some(team) = change.default_team_id {
        team_of(c, district, team)?;
    }
    if let Some(owner) = change.fallback_owner_id {
        active_staff(c, district, owner, "fallback_owner_id")?;
    }
    for other in topics::others(c, district, except)? {
        if let Some((language, name)) = topic::clash(&change, &texts(&other)?) {
            return Err(ApiError::Conflict(format!(
                "the district already has a topic named {name:?} in {language:?}"
            )));
        }
    }
    Ok((change, d.slug, default))
}

/// 422 at `default_team_id` unless `team` is one of the district's.
fn team_of(c: &mut AnyConnection, district: DistrictId, team: TeamId) -> Result<(), ApiError> {
    match org::team(c, district, team) {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => Err(ApiError::field(
            "default_team_id",
            Invalid::Unknown { what: "a team" },
        )),
        Err(e) => Err(e.into()),
    }
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TopicQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<TopicId>,
}

/// The district's topics, in the order the portal lists them.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_topics",
    security(("bearer" = [])),
    params(TopicQuery),
    responses(
        (status = 200, body = TopicPage, description = "A page of topics"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/topics")]
pub async fn list_topics(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<TopicQuery>,
) -> ApiResult<web::Json<TopicPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let (district, cursor) = (who.district_id, query.0.cursor);
    let page = read(&state, move |c| {
        let rows = topics::page(c, district, cursor, limit + 1).map_err(|e| match e {
            StoreError::NotFound => ApiError::field("cursor", Invalid::Unknown { what: "a topic" }),
            e => e.into(),
        })?;
        let (rows, next_cursor) = super::page(rows, limit, |r| r.id.to_string());
        let items = rows
            .into_iter()
            .map(|r| view(c, r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TopicPage { items, next_cursor })
    })
    .await?;
    Ok(web::Json(page))
}

/// One topic, with its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_topic",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The topic's id")),
    responses(
        (status = 200, body = Topic, description = "The topic", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such topic in this district"),
    )
)]
#[get("/admin/topics/{id}")]
pub async fn get_topic(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TopicId = path_id(&id, "topic")?;
    let district = who.district_id;
    let topic = read(&state, move |c| {
        let row = found(c, district, id)?;
        view(c, row)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &topic, topic.version))
}

/// Adds a topic, last in the portal's list unless `position` says where. A
/// name another topic has in the same language, in any letter case, is 409.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_topic",
    security(("bearer" = [])),
    request_body = TopicForm,
    responses(
        (status = 201, body = Topic, description = "Added", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The topic"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another topic has that name in that language"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/topics")]
pub async fn create_topic(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<TopicForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let (slug, topic) = state
        .store
        .writer
        .write(move |c| {
            let (change, slug, default) = check(c, district, &form, None)?;
            let position = match change.position {
                Some(p) => {
                    topics::make_room(c, district, p, None)?;
                    p
                }
                None => topics::next_position(c, district)?,
            };
            let row = TopicRecord {
                id: TopicId::new(),
                district_id: district,
                name: default.name,
                description: default.description,
                default_team_id: change.default_team_id,
                position,
                created_at: clock::now().naive_utc(),
                version: 1,
                texts: super::column_json(&change.texts, "topic texts")?,
                fallback_owner_id: change.fallback_owner_id,
            };
            topics::insert(c, &row)?;
            let topic = view(c, row)?;
            author.record(
                c,
                AuditResource::Topic,
                &topic.id.to_string(),
                AuditAction::Created,
                None,
                Some(&topic),
            )?;
            Ok::<_, ApiError>((slug, topic))
        })
        .await?;
    // Families here can pick it at once; on the other servers within seconds.
    state.directory.forget(&slug);
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/topics/{}", topic.id)));
    Ok(super::with_etag(res, &topic, topic.version))
}

/// Changes a topic: send all of it, with the version read in `If-Match`.
/// Inquiries already made keep the team they went to.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_topic",
    security(("bearer" = [])),
    request_body = TopicForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The topic's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = Topic, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such topic in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another topic has that name in that language"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/topics/{id}")]
pub async fn update_topic(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<TopicForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TopicId = path_id(&id, "topic")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let (slug, topic) = state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            // Bad input is 422 whatever version it names.
            let (change, slug, default) = check(c, district, &form, Some(id))?;
            super::at_version(current.version, expected)?;
            let position = change.position.unwrap_or(current.position);
            let before = view(c, current)?;
            if position != before.position {
                topics::make_room(c, district, position, Some(id))?;
            }
            let row = TopicChangeRow {
                name: default.name,
                description: default.description,
                texts: super::column_json(&change.texts, "topic texts")?,
                default_team_id: change.default_team_id,
                fallback_owner_id: change.fallback_owner_id,
                position,
            };
            topics::update(c, district, id, expected, &row)?;
            let row = found(c, district, id)?;
            let after = view(c, row)?;
            author.record(
                c,
                AuditResource::Topic,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>((slug, after))
        })
        .await?;
    state.directory.forget(&slug);
    Ok(super::with_etag(HttpResponse::Ok(), &topic, topic.version))
}

/// Removes a topic nothing uses, at the version in `If-Match`; one that
/// inquiries are about or help articles answer is 409, saying how many.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_topic",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The topic's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such topic in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Inquiries or articles use it; `detail` says how many"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/topics/{id}")]
pub async fn delete_topic(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: TopicId = path_id(&id, "topic")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let slug = state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            super::at_version(current.version, expected)?;
            let before = view(c, current)?;
            let (inquiries, articles) = topics::uses(c, id)?;
            if inquiries > 0 || articles > 0 {
                return Err(ApiError::Conflict(format!(
                    "{inquiries} inquiries are about {:?} and {articles} help articles answer it; it stays while they do",
                    before.name
                )));
            }
            let measured = heard_store::queries::goals::for_scope(c, None, Some(id), None)?;
            if measured > 0 {
                return Err(ApiError::Conflict(format!(
                    "{measured} strategic goals are for {:?}; it stays while they are",
                    before.name
                )));
            }
            topics::delete(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Topic,
                &id.to_string(),
                AuditAction::Deleted,
                Some(&before),
                None,
            )?;
            Ok::<_, ApiError>(districts::by_id(c, district)?.slug)
        })
        .await?;
    state.directory.forget(&slug);
    Ok(HttpResponse::NoContent().finish())
}
