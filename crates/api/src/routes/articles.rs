//! Help articles, for the district's admins: each in one of the district's
//! languages, linked to the topic it answers, published or a draft, and
//! changed with `If-Match`. The portal searches only the published ones.

use super::{admins_only, if_match, page_size, path_id, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{
    ArticleForm, ArticlePage, AuditAction, AuditResource, HelpArticle, Problem,
};
use heard_domain::article::{self, ArticleChange};
use heard_domain::validation::Invalid;
use heard_domain::{ArticleId, DistrictId, TopicId, TopicRef};
use heard_store::queries::{articles, districts, topics};
use heard_store::rows::{HelpArticleChangeRow, HelpArticleRow};
use heard_store::{clock, AnyConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

const ADMINS_ONLY: &str = "help articles are written by the district's admins";

fn view(c: &mut AnyConnection, row: HelpArticleRow) -> Result<HelpArticle, ApiError> {
    let topic = match row.topic_id {
        Some(id) => Some(TopicRef {
            id,
            name: topics::record(c, row.district_id, id)?.name,
        }),
        None => None,
    };
    Ok(HelpArticle {
        id: row.id,
        language: row.language.as_str().to_owned(),
        title: row.title,
        body: row.body,
        topic,
        published: row.published,
        helpful_count: row.helpful_count,
        version: row.version,
    })
}

fn found(
    c: &mut AnyConnection,
    district: DistrictId,
    id: ArticleId,
) -> Result<HelpArticleRow, ApiError> {
    articles::record(c, district, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("help article"),
        e => e.into(),
    })
}

/// The form checked against the district: its languages and topics, and
/// no other article of the same title in the same language.
fn check(
    c: &mut AnyConnection,
    district: DistrictId,
    form: &ArticleForm,
    except: Option<ArticleId>,
) -> Result<ArticleChange, ApiError> {
    let d = districts::by_id(c, district)?;
    let change = article::validate(form, &d.languages.0)?;
    if let Some(topic) = change.topic_id {
        match topics::record(c, district, topic) {
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                return Err(ApiError::field(
                    "topic_id",
                    Invalid::Unknown { what: "a topic" },
                ))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let title = change.title.as_str();
    if let Some(theirs) = articles::same_title(c, district, &change.language, title, except)? {
        return Err(ApiError::Conflict(format!(
            "the district already has a help article titled {theirs:?} in {:?}",
            change.language.as_str()
        )));
    }
    Ok(change)
}

fn change_row(change: ArticleChange) -> HelpArticleChangeRow {
    HelpArticleChangeRow {
        topic_id: change.topic_id,
        language: change.language,
        title: change.title.into(),
        body: change.body.into(),
        published: change.published,
    }
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<ArticleId>,
    /// Only the articles answering this topic.
    topic: Option<TopicId>,
}

/// The district's help articles, published and drafts, by language then title.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_articles",
    security(("bearer" = [])),
    params(ArticleQuery),
    responses(
        (status = 200, body = ArticlePage, description = "A page of help articles"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/articles")]
pub async fn list_articles(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<ArticleQuery>,
) -> ApiResult<web::Json<ArticlePage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let limit = page_size(query.0.limit)?;
    let (district, cursor, topic) = (who.district_id, query.0.cursor, query.0.topic);
    let page = read(&state, move |c| {
        let rows = articles::page(c, district, topic, cursor, limit + 1).map_err(|e| match e {
            StoreError::NotFound => ApiError::field(
                "cursor",
                Invalid::Unknown {
                    what: "a help article",
                },
            ),
            e => e.into(),
        })?;
        let (rows, next_cursor) = super::page(rows, limit, |r| r.id.to_string());
        let items = rows
            .into_iter()
            .map(|r| view(c, r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ArticlePage { items, next_cursor })
    })
    .await?;
    Ok(web::Json(page))
}

/// One help article, with its version as `ETag`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_article",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The article's id")),
    responses(
        (status = 200, body = HelpArticle, description = "The article", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such help article in this district"),
    )
)]
#[get("/admin/articles/{id}")]
pub async fn get_article(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: ArticleId = path_id(&id, "help article")?;
    let district = who.district_id;
    let article = read(&state, move |c| {
        let row = found(c, district, id)?;
        view(c, row)
    })
    .await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &article,
        article.version,
    ))
}

/// Writes a help article, a draft unless `published`. A title another
/// article has in the same language, in any letter case, is 409.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_article",
    security(("bearer" = [])),
    request_body = ArticleForm,
    responses(
        (status = 201, body = HelpArticle, description = "Written", headers(("ETag" = String, description = "Its version, for If-Match"), ("Location" = String, description = "The article"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another article has that title in that language"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/articles")]
pub async fn create_article(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<ArticleForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let article = state
        .store
        .writer
        .write(move |c| {
            let change = change_row(check(c, district, &form, None)?);
            let row = HelpArticleRow {
                id: ArticleId::new(),
                district_id: district,
                topic_id: change.topic_id,
                language: change.language,
                title: change.title,
                body: change.body,
                helpful_count: 0,
                created_at: clock::now().naive_utc(),
                version: 1,
                published: change.published,
            };
            articles::insert(c, &row)?;
            let article = view(c, row)?;
            author.record(
                c,
                AuditResource::Article,
                &article.id.to_string(),
                AuditAction::Created,
                None,
                Some(&article),
            )?;
            Ok::<_, ApiError>(article)
        })
        .await?;
    let mut res = HttpResponse::Created();
    res.insert_header(("Location", format!("/api/v1/admin/articles/{}", article.id)));
    Ok(super::with_etag(res, &article, article.version))
}

/// Changes a help article: send all of it, with the version read in
/// `If-Match`. Publishing a draft, or taking one back, is a change like any.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_article",
    security(("bearer" = [])),
    request_body = ArticleForm,
    params(
        ("id" = uuid::Uuid, Path, description = "The article's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = HelpArticle, description = "Changed", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such help article in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another article has that title in that language"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/articles/{id}")]
pub async fn update_article(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<ArticleForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: ArticleId = path_id(&id, "help article")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let form = body.0;
    let article = state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            // Bad input is 422 whatever version it names.
            let change = change_row(check(c, district, &form, Some(id))?);
            super::at_version(current.version, expected)?;
            let before = view(c, current)?;
            articles::update(c, district, id, expected, &change)?;
            let row = found(c, district, id)?;
            let after = view(c, row)?;
            author.record(
                c,
                AuditResource::Article,
                &id.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok::<_, ApiError>(after)
        })
        .await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &article,
        article.version,
    ))
}

/// Removes a help article at the version in `If-Match`; families no longer
/// find it and the topic it answered no longer lists it.
#[utoipa::path(
    tag = "admin",
    operation_id = "delete_article",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The article's id"),
        ("If-Match" = String, Header, description = "The version the removal is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such help article in this district"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "It changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "If-Match is not a version"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/articles/{id}")]
pub async fn delete_article(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: ArticleId = path_id(&id, "help article")?;
    let expected = if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    state
        .store
        .writer
        .write(move |c| {
            let current = found(c, district, id)?;
            super::at_version(current.version, expected)?;
            let before = view(c, current)?;
            articles::delete(c, district, id, expected)?;
            author.record(
                c,
                AuditResource::Article,
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
