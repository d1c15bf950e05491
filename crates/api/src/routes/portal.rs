//! The family portal: what a district offers, help articles, and submitting an inquiry.

use super::read;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::intake;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::*;
use heard_domain::routing::routable;
use heard_domain::text::Language;
use heard_domain::validation::Invalid;
use heard_domain::{ArticleId, TopicId};
use heard_store::queries::districts;
use heard_store::views;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Every district on this installation.
#[utoipa::path(
    tag = "portal",
    operation_id = "list_districts",
    responses((status = 200, body = Vec<DistrictInfo>, description = "Every district, by name"))
)]
#[get("/districts")]
pub async fn list_districts(state: web::Data<AppState>) -> ApiResult<web::Json<Vec<DistrictInfo>>> {
    let rows = read(&state, |c| Ok(districts::all(c)?)).await?;
    Ok(web::Json(rows.iter().map(views::district_info).collect()))
}

/// Maps a missing district to 404.
pub(crate) fn not_found_district(e: heard_store::StoreError) -> ApiError {
    match e {
        heard_store::StoreError::NotFound => ApiError::NotFound("district"),
        other => other.into(),
    }
}

/// What the portal needs: district, languages, tab branding, topics, units.
#[utoipa::path(
    tag = "portal",
    operation_id = "get_portal",
    params(("district" = String, Path, description = "The district's slug, e.g. `lakeview`")),
    responses(
        (status = 200, body = Portal, description = "What the district offers families"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No district has this slug"),
    )
)]
#[get("/districts/{district}/portal")]
pub async fn portal(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<web::Json<Portal>> {
    let slug = path.into_inner();
    let (d, topics, units) = read(&state, move |c| {
        let d = districts::by_slug(c, &slug).map_err(not_found_district)?;
        // Only topics an inquiry can be sent on: one with neither a team
        // of its own nor the district's fallback could not be answered.
        let t = heard_store::queries::topics::listed(c, d.id)?
            .into_iter()
            .filter(|t| routable(t.default_team_id, d.fallback_team_id))
            .map(|t| {
                Ok(TopicInfo {
                    id: t.id,
                    texts: super::topics::texts(&t)?,
                    name: t.name,
                    description: t.description,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let u = districts::units(c, d.id)?;
        Ok((d, t, u))
    })
    .await?;
    Ok(web::Json(Portal {
        district: views::district_info(&d),
        languages: views::district_languages(&d),
        branding: views::branding(&d)?,
        topics,
        units: units
            .iter()
            .map(|u| UnitInfo {
                id: u.id,
                name: u.name.clone(),
                kind: u.kind,
            })
            .collect(),
    }))
}

/// Help-article search filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// Words to look for in titles and bodies; every word must appear.
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Only articles linked to this topic.
    #[param(value_type = Option<uuid::Uuid>)]
    topic: Option<TopicId>,
    /// The language to answer in, one the district offers; default its first.
    #[param(pattern = r"^\s*([A-Za-z]{2,3})?\s*$")]
    lang: Option<String>,
}

/// A help article.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Article {
    /// The article's id.
    #[schema(value_type = uuid::Uuid)]
    pub id: ArticleId,
    /// The topic it answers questions about, if any.
    #[schema(value_type = Option<uuid::Uuid>)]
    pub topic_id: Option<TopicId>,
    /// Its language (BCP 47, e.g. `es`).
    pub language: String,
    /// Its title, a question as families ask it.
    pub title: String,
    /// The answer, as the district wrote it, in Markdown.
    pub body: String,
    /// The answer as HTML safe to put in a page: HTML written in the
    /// Markdown shows as text, and links keep only web, mail and phone
    /// addresses.
    pub body_html: String,
}

/// Articles found.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleList {
    /// The best matches first, at most 20.
    pub items: Vec<Article>,
}

/// Help articles, searched as the family types, to answer before they ask.
#[utoipa::path(
    tag = "portal",
    operation_id = "search_articles",
    params(("district" = String, Path, description = "The district's slug"), ArticleQuery),
    responses(
        (status = 200, body = ArticleList, description = "Matching articles, best first"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No district has this slug"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid search; `errors` names each field"),
    )
)]
#[get("/districts/{district}/articles")]
pub async fn articles(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: Query<ArticleQuery>,
) -> ApiResult<web::Json<ArticleList>> {
    let slug = path.into_inner();
    let q = query.0;
    if let Some(text) = q.q.as_deref() {
        if text.chars().count() > 200 {
            return Err(ApiError::field("q", Invalid::TooLong { max: 200 }));
        }
        if text.chars().any(char::is_control) {
            return Err(ApiError::field("q", Invalid::InvalidCharacters));
        }
    }
    let rows = read(&state, move |c| {
        let d = districts::by_slug(c, &slug).map_err(not_found_district)?;
        let offered = &d.languages.0;
        let lang = match q.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => offered.first().cloned().unwrap_or_else(Language::english),
            Some(l) => match Language::parse(l) {
                Ok(l) if offered.contains(&l) => l,
                _ => {
                    return Err(ApiError::field(
                        "lang",
                        Invalid::NotOffered {
                            allowed: offered.iter().map(|l| l.as_str().to_owned()).collect(),
                        },
                    ))
                }
            },
        };
        Ok(districts::articles(
            c,
            d.id,
            &lang,
            q.topic,
            q.q.as_deref(),
            20,
        )?)
    })
    .await?;
    Ok(web::Json(ArticleList {
        items: rows
            .iter()
            .map(|a| Article {
                id: a.id,
                topic_id: a.topic_id,
                language: a.language.as_str().to_owned(),
                title: a.title.clone(),
                body: a.body.clone(),
                body_html: heard_domain::markdown::to_html(&a.body),
            })
            .collect(),
    }))
}

/// Submits an inquiry. Answered 201 only once it is durably stored and routed.
///
/// Send an `Idempotency-Key` header (any unique string up to 255 characters)
/// to make retries safe: the same key with the same body returns the original
/// response; with another body, 422.
#[utoipa::path(
    tag = "portal",
    operation_id = "submit_inquiry",
    params(
        ("district" = String, Path, description = "The district's slug"),
        ("Idempotency-Key" = Option<String>, Header, nullable = false, description = "Any unique text for this submission; a retry with the same key and body gets the first answer", max_length = 255, pattern = r"^[\x20-\x7E]*[\x21-\x7E][\x20-\x7E]*$"),
    ),
    request_body = NewInquiry,
    responses(
        (status = 201, body = SubmitReceipt, description = "Stored and routed", headers(("Location" = String, description = "The inquiry's tracking address in this API"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON, or not sent as application/json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No district has this slug"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input (`errors` names each field), or an Idempotency-Key reused with another body"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many submissions from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/districts/{district}/inquiries")]
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<NewInquiry>,
) -> ApiResult<HttpResponse> {
    state.limits.public_writes.check(&req)?;
    let key = match req.headers().get("Idempotency-Key") {
        None => None,
        Some(v) => {
            let k = v
                .to_str()
                .ok()
                .filter(|k| k.len() <= 255 && k.bytes().all(|b| (0x20..=0x7E).contains(&b)))
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .ok_or_else(|| {
                    ApiError::field(
                        "Idempotency-Key",
                        Invalid::InvalidFormat {
                            hint: "1 to 255 visible ASCII characters",
                        },
                    )
                })?;
            Some(k.to_owned())
        }
    };
    let receipt = intake::submit(
        &state,
        path.into_inner(),
        body.0,
        key,
        heard_domain::Channel::Portal,
    )
    .await?;
    let location = format!("/api/v1/track/{}", receipt.tracking_token);
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(receipt))
}
