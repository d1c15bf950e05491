//! The family's private tracking link: follow, reply, rate.

use super::{change, read, Which};
use crate::auth::tracking_key;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::*;
use heard_domain::case::{CaseEvent, TimelineEvent};
use heard_domain::text::Body;
use heard_domain::FeedbackForm;
use heard_store::queries::inquiries;
use heard_store::{clock, views, StoreError};

/// The tracking key of `token`; a text that is no tracking token opens nothing.
fn key(token: &str) -> Result<String, ApiError> {
    tracking_key(token).ok_or(ApiError::NotFound("inquiry"))
}

fn not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound("inquiry"),
        other => other.into(),
    }
}

/// The inquiry as the family sees it: status, public messages, feedback.
#[utoipa::path(
    tag = "tracking",
    operation_id = "track_inquiry",
    params(("token" = String, Path, description = "The private tracking token from the receipt", pattern = r"^[A-Za-z0-9_-]{43,64}$")),
    responses(
        (status = 200, body = TrackedInquiry, description = "The inquiry as the family sees it"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No inquiry has this token"),
    )
)]
#[get("/track/{token}")]
pub async fn track(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<web::Json<TrackedInquiry>> {
    let key = key(&path.into_inner())?;
    let view = read(&state, move |c| {
        let row = inquiries::by_tracking_key(c, &key).map_err(not_found)?;
        Ok(views::tracked(c, &row)?)
    })
    .await?;
    Ok(web::Json(view))
}

/// The message an applied change added.
fn added(events: &[TimelineEvent]) -> Option<heard_domain::MessageId> {
    events.iter().find_map(|e| match &e.event {
        CaseEvent::MessageAdded(m) => Some(m.message_id),
        _ => None,
    })
}

/// The family replies; a reply to a resolved inquiry reopens it.
#[utoipa::path(
    tag = "tracking",
    operation_id = "reply_to_inquiry",
    params(("token" = String, Path, description = "The private tracking token", pattern = r"^[A-Za-z0-9_-]{43,64}$")),
    request_body = ReplyForm,
    responses(
        (status = 201, body = PublicMessage, description = "The reply, as staff will see it"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No inquiry has this token"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The inquiry is closed (`…/transition-not-allowed`)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input; `errors` names each field"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many submissions from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
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
    let key = key(&path.into_inner())?;
    let text = Body::parse(&body.0.body).map_err(|e| ApiError::field("body", e.into()))?;
    let (case, events) = change(&state, Which::Tracked(key), None, move |case| {
        Ok(case.family_reply(&text, clock::now())?)
    })
    .await?;
    let message =
        added(&events).ok_or_else(|| ApiError::Internal("a reply added no message".into()))?;
    let view = read(&state, move |c| {
        let row = inquiries::by_id(c, case.district_id, case.id)?;
        let tracked = views::tracked(c, &row)?;
        tracked
            .messages
            .into_iter()
            .find(|m| m.id == message)
            .ok_or_else(|| ApiError::Internal("the reply is not stored".into()))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The family rates the interaction, once the inquiry is resolved.
#[utoipa::path(
    tag = "tracking",
    operation_id = "give_feedback",
    params(("token" = String, Path, description = "The private tracking token", pattern = r"^[A-Za-z0-9_-]{43,64}$")),
    request_body = FeedbackForm,
    responses(
        (status = 201, body = FeedbackView, description = "The rating, as stored"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No inquiry has this token"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not resolved yet (`…/feedback-not-open`), or already rated (`…/feedback-given`)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input; `errors` names each field"),
    )
)]
#[post("/track/{token}/feedback")]
pub async fn feedback(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Json<FeedbackForm>,
) -> ApiResult<HttpResponse> {
    let key = key(&path.into_inner())?;
    let valid = body.0.parse()?;
    let (case, _) = change(&state, Which::Tracked(key), None, move |case| {
        Ok(case.rate(&valid, clock::now())?)
    })
    .await?;
    let view = read(&state, move |c| {
        heard_store::queries::threads::feedback(c, case.id)?
            .map(|f| views::feedback(&f))
            .transpose()?
            .ok_or_else(|| ApiError::Internal("the rating is not stored".into()))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
