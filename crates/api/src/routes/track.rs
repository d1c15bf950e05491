//! The family's private tracking link: follow, reply, rate.

use super::read;
use crate::auth::tracking_key;
use crate::case::{self, Actor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::views::{self, naive};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use heard_domain::api::*;
use heard_domain::lifecycle::{apply, Transition};
use heard_domain::text::Body;
use heard_domain::{EventKind, FeedbackForm, Status};
use heard_store::queries::{districts, inquiries, threads};
use heard_store::rows::{FeedbackRow, MessageRow};
use heard_store::{AnyConnection, StoreError};

/// The inquiry `token` opens; a string that is no tracking token opens none.
fn lookup(c: &mut AnyConnection, token: &str) -> Result<heard_store::rows::InquiryRow, ApiError> {
    let key = tracking_key(token).ok_or(ApiError::NotFound("inquiry"))?;
    inquiries::by_tracking_key(c, &key).map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("inquiry"),
        other => other.into(),
    })
}

fn tracked(c: &mut AnyConnection, token: &str) -> Result<TrackedInquiry, ApiError> {
    let row = lookup(c, token)?;
    let district = districts::by_id(c, &row.district_id)?;
    let names = case::names(c, &row.district_id)?;
    let messages = threads::messages(c, &row.id, false)?;
    let fb = threads::feedback(c, &row.id)?;
    let status = views::status(&row.status)?;
    Ok(TrackedInquiry {
        id: views::id(&row.id)?,
        reference: row.reference.clone(),
        district_name: district.name,
        kind: heard_domain::Kind::parse(&row.kind).unwrap_or(heard_domain::Kind::Question),
        topic: names.topics.get(&row.topic_id).cloned().unwrap_or_default(),
        unit: row
            .unit_id
            .as_ref()
            .and_then(|u| names.units.get(u).cloned()),
        subject: row.subject.clone(),
        body: row.body.clone(),
        status,
        created_at: views::utc(row.created_at),
        first_response_due_at: row.first_response_due_at.map(views::utc),
        messages: messages
            .iter()
            .map(|m| views::public_message(m, &names))
            .collect::<Result<_, _>>()?,
        feedback_open: fb.is_none() && matches!(status, Status::Resolved | Status::Closed),
        feedback: fb.as_ref().map(views::feedback),
    })
}

/// The inquiry as the family sees it: status, public messages, feedback.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "The private tracking token from the receipt")),
    responses(
        (status = 200, body = TrackedInquiry),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/track/{token}")]
pub async fn track(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<web::Json<TrackedInquiry>> {
    let token = path.into_inner();
    Ok(web::Json(read(&state, move |c| tracked(c, &token)).await?))
}

/// The family replies; a reply to a resolved inquiry reopens it.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "The private tracking token")),
    request_body = ReplyForm,
    responses(
        (status = 201, body = PublicMessage),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The inquiry is closed"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/track/{token}/messages")]
pub async fn reply(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<ReplyForm>,
) -> ApiResult<HttpResponse> {
    state.limits.public_writes.check(&req)?;
    let token = path.into_inner();
    let text = Body::parse(&body.0.body).map_err(|e| ApiError::field("body", e.to_string()))?;
    let message = state
        .store
        .writer
        .write(move |c| -> Result<PublicMessage, ApiError> {
            let mut row = lookup(c, &token)?;
            let now = Utc::now();
            let from = views::status(&row.status)?;
            let change = apply(from, Transition::RequesterReplied)
                .map_err(|e| ApiError::Conflict(e.to_string()))?;
            let m = MessageRow {
                id: uuid::Uuid::now_v7().to_string(),
                inquiry_id: row.id.clone(),
                author_kind: "requester".into(),
                staff_id: None,
                internal: false,
                body: text.as_str().into(),
                created_at: naive(now),
            };
            threads::insert_message(c, &m)?;
            case::record(
                c,
                &row,
                EventKind::MessageAdded,
                &Actor::Requester,
                serde_json::json!({ "message_id": m.id, "internal": false }),
                now,
            )?;
            if let Some(ch) = change {
                row.status = ch.to.as_str().into();
                case::record(
                    c,
                    &row,
                    EventKind::StatusChanged,
                    &Actor::Requester,
                    serde_json::json!({ "from": ch.from, "to": ch.to }),
                    now,
                )?;
            }
            let version = row.version;
            row.updated_at = naive(now);
            case::save(c, &row, version)?;
            views::public_message(&m, &Default::default())
        })
        .await?;
    Ok(HttpResponse::Created().json(message))
}

/// The family rates the interaction, once the inquiry is resolved.
#[utoipa::path(
    tag = "tracking",
    params(("token" = String, Path, description = "The private tracking token")),
    request_body = FeedbackForm,
    responses(
        (status = 201, body = FeedbackView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not resolved yet, or already rated"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/track/{token}/feedback")]
pub async fn feedback(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Json<FeedbackForm>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let valid = body.0.parse()?;
    let view = state
        .store
        .writer
        .write(move |c| -> Result<FeedbackView, ApiError> {
            let row = lookup(c, &token)?;
            let status = views::status(&row.status)?;
            if !matches!(status, Status::Resolved | Status::Closed) {
                return Err(ApiError::Conflict(
                    "feedback opens once the inquiry is resolved".into(),
                ));
            }
            if threads::feedback(c, &row.id)?.is_some() {
                return Err(ApiError::Conflict(
                    "feedback was already given for this inquiry".into(),
                ));
            }
            let now = Utc::now();
            let f = FeedbackRow {
                inquiry_id: row.id.clone(),
                overall: valid.overall.into(),
                courtesy: valid.pillars.courtesy,
                communication: valid.pillars.communication,
                responsiveness: valid.pillars.responsiveness,
                environment: valid.pillars.environment,
                recommend: valid.recommend.map(i64::from),
                comment: valid.comment.as_ref().map(|c| c.as_str().to_owned()),
                created_at: naive(now),
            };
            threads::insert_feedback(c, &f).map_err(|e| match e {
                StoreError::Conflict(_) => {
                    ApiError::Conflict("feedback was already given for this inquiry".into())
                }
                other => other.into(),
            })?;
            crate::facts::record_feedback(c, &row, &f)?;
            case::record(
                c,
                &row,
                EventKind::FeedbackReceived,
                &Actor::Requester,
                serde_json::json!({ "overall": f.overall }),
                now,
            )?;
            Ok(views::feedback(&f))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
