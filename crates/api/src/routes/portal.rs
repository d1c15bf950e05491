//! The family portal: what a district offers, help articles, and submitting an inquiry.

use super::read;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::intake;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::*;
use heard_store::queries::districts;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Every district on this installation.
#[utoipa::path(tag = "portal", responses((status = 200, body = Vec<DistrictInfo>)))]
#[get("/districts")]
pub async fn list_districts(state: web::Data<AppState>) -> ApiResult<web::Json<Vec<DistrictInfo>>> {
    let rows = read(&state, |c| Ok(districts::all(c)?)).await?;
    Ok(web::Json(
        rows.iter()
            .map(views::district_info)
            .collect::<Result<_, _>>()?,
    ))
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
    params(("district" = String, Path, description = "District slug, e.g. `lakeview`")),
    responses(
        (status = 200, body = Portal),
        (status = 404, body = Problem, content_type = "application/problem+json"),
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
        let t = districts::topics(c, &d.id)?;
        let u = districts::units(c, &d.id)?;
        Ok((d, t, u))
    })
    .await?;
    Ok(web::Json(Portal {
        district: views::district_info(&d)?,
        languages: views::languages(&d),
        branding: Branding {
            tab_label: d.tab_label.clone(),
            color: d.color.clone(),
        },
        topics: topics
            .iter()
            .map(|t| {
                Ok(TopicInfo {
                    id: views::id(&t.id)?,
                    name: t.name.clone(),
                    description: t.description.clone(),
                })
            })
            .collect::<Result<_, ApiError>>()?,
        units: units
            .iter()
            .map(|u| {
                Ok(UnitInfo {
                    id: views::id(&u.id)?,
                    name: u.name.clone(),
                    kind: UnitKind::parse(&u.kind).unwrap_or(UnitKind::Department),
                })
            })
            .collect::<Result<_, ApiError>>()?,
    }))
}

/// Help-article search filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// Words to look for in titles and bodies.
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Only articles linked to this topic.
    topic: Option<uuid::Uuid>,
    /// Language; defaults to the district's first.
    lang: Option<String>,
}

/// A help article.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Article {
    /// Id.
    pub id: uuid::Uuid,
    /// Topic it answers.
    pub topic_id: Option<uuid::Uuid>,
    /// Language.
    pub language: String,
    /// Title.
    pub title: String,
    /// The answer.
    pub body: String,
}

/// Articles found.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleList {
    /// Best first, at most 20.
    pub items: Vec<Article>,
}

/// Help articles, searched as the family types, to answer before they ask.
#[utoipa::path(
    tag = "portal",
    params(("district" = String, Path, description = "District slug"), ArticleQuery),
    responses(
        (status = 200, body = ArticleList),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
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
            return Err(ApiError::field("q", "must be at most 200 characters"));
        }
        if text.chars().any(char::is_control) {
            return Err(ApiError::field(
                "q",
                "contains characters that are not allowed",
            ));
        }
    }
    let rows = read(&state, move |c| {
        let d = districts::by_slug(c, &slug).map_err(not_found_district)?;
        let langs = views::languages(&d);
        let lang = match q.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => langs.first().cloned().unwrap_or_else(|| "en".into()),
            Some(l) if langs.iter().any(|o| o == l) => l.to_owned(),
            Some(_) => {
                return Err(ApiError::field(
                    "lang",
                    format!("must be one of: {}", langs.join(", ")),
                ))
            }
        };
        let topic = q.topic.map(|t| t.to_string());
        Ok(districts::articles(
            c,
            &d.id,
            &lang,
            topic.as_deref(),
            q.q.as_deref(),
            20,
        )?)
    })
    .await?;
    Ok(web::Json(ArticleList {
        items: rows
            .iter()
            .map(|a| {
                Ok(Article {
                    id: views::id(&a.id)?,
                    topic_id: a.topic_id.as_deref().map(views::id).transpose()?,
                    language: a.language.clone(),
                    title: a.title.clone(),
                    body: a.body.clone(),
                })
            })
            .collect::<Result<_, ApiError>>()?,
    }))
}

/// Submits an inquiry. Answered 201 only once it is durably stored and routed.
///
/// Send an `Idempotency-Key` header (any unique string up to 255 characters)
/// to make retries safe: the same key with the same body returns the original
/// response; with another body, 422.
#[utoipa::path(
    tag = "portal",
    params(
        ("district" = String, Path, description = "District slug"),
        ("Idempotency-Key" = Option<String>, Header, nullable = false, description = "Makes retries safe", max_length = 255, pattern = r"^[\x20-\x7E]*[\x21-\x7E][\x20-\x7E]*$"),
    ),
    request_body = NewInquiry,
    responses(
        (status = 201, body = SubmitReceipt, description = "Stored and routed"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
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
                        "must be 1 to 255 visible ASCII characters",
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
