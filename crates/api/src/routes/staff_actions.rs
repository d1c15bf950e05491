//! What staff do to a case: reply or note, assign, change status. Changes
//! carry `If-Match` with the version they were based on.

use super::{inbox::with_etag, path_id, read};
use crate::auth::AuthStaff;
use crate::case::{self, Actor};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::views::{self, naive};
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use heard_domain::api::*;
use heard_domain::lifecycle::{apply, StatusAction, Transition};
use heard_domain::text::{Body, Reason};
use heard_domain::{EventKind, Status};
use heard_store::queries::{districts, inquiries, people, threads};
use heard_store::rows::{InquiryRow, MessageRow};
use heard_store::AnyConnection;

/// The version in `If-Match` (`"3"`, `W/"3"` or `3`).
fn if_match(req: &HttpRequest, required: bool) -> Result<Option<i64>, ApiError> {
    match req.headers().get("If-Match") {
        None if required => Err(ApiError::PreconditionRequired),
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
            .filter(|s| (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<i64>().ok())
            .map(Some)
            .ok_or_else(|| ApiError::field("If-Match", "must be the inquiry version, e.g. \"3\"")),
    }
}

/// Loads the case for a change, checking access and the expected version.
fn load_for_change(
    c: &mut AnyConnection,
    who: &AuthStaff,
    id: &str,
    expected: Option<i64>,
) -> Result<InquiryRow, ApiError> {
    let row = inquiries::by_id(c, &who.district_id, id).map_err(case::not_found)?;
    if !who.may_work(&row.team_id) && row.assignee_id.as_deref() != Some(who.id.as_str()) {
        return Err(ApiError::NotFound("inquiry"));
    }
    if let Some(v) = expected {
        if v != row.version {
            return Err(ApiError::Stale(v));
        }
    }
    Ok(row)
}

fn lifecycle(from: Status, t: Transition) -> Result<Option<heard_domain::StatusChange>, ApiError> {
    apply(from, t).map_err(|e| ApiError::Conflict(e.to_string()))
}

async fn respond(
    state: web::Data<AppState>,
    who: AuthStaff,
    id: String,
    created: bool,
) -> ApiResult<HttpResponse> {
    let district = who.district_id.clone();
    let d = read(&state, move |c| case::detail(c, &district, &id)).await?;
    Ok(with_etag(
        if created {
            HttpResponse::Created()
        } else {
            HttpResponse::Ok()
        },
        &d,
    ))
}

/// Adds a public reply (the family sees it) or an internal note.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "Inquiry id"),
        ("If-Match" = Option<String>, Header, nullable = false, description = "Optional: the version the reply was written against", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = StaffMessageForm,
    responses(
        (status = 201, body = InquiryDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The inquiry is closed"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/inquiries/{id}/messages")]
pub async fn add_message(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<StaffMessageForm>,
) -> ApiResult<HttpResponse> {
    let id = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, false)?;
    let text = Body::parse(&body.0.body).map_err(|e| ApiError::field("body", e.to_string()))?;
    let internal = body.0.internal;
    let (w, inquiry) = (who.clone(), id.clone());
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> {
            let mut row = load_for_change(c, &w, &inquiry, expected)?;
            let now = Utc::now();
            let from = views::status(&row.status)?;
            let change = if internal {
                if from == Status::Closed {
                    return Err(ApiError::Conflict(
                        "an inquiry that is closed cannot take notes".into(),
                    ));
                }
                None
            } else {
                lifecycle(from, Transition::StaffReplied)?
            };
            let m = MessageRow {
                id: uuid::Uuid::now_v7().to_string(),
                inquiry_id: row.id.clone(),
                author_kind: "staff".into(),
                staff_id: Some(w.id.clone()),
                internal,
                body: text.as_str().into(),
                created_at: naive(now),
            };
            threads::insert_message(c, &m)?;
            let actor = Actor::Staff(w.id.clone());
            case::record(
                c,
                &row,
                EventKind::MessageAdded,
                &actor,
                serde_json::json!({ "message_id": m.id, "internal": internal }),
                now,
            )?;
            if !internal && row.first_response_at.is_none() {
                row.first_response_at = Some(naive(now));
            }
            if let Some(ch) = change {
                row.status = ch.to.as_str().into();
                case::record(
                    c,
                    &row,
                    EventKind::StatusChanged,
                    &actor,
                    serde_json::json!({ "from": ch.from, "to": ch.to }),
                    now,
                )?;
            }
            let version = row.version;
            row.updated_at = naive(now);
            case::save(c, &row, version)
        })
        .await?;
    respond(state, who, id, true).await
}

/// Gives the inquiry to a team and optionally a member; another team counts as a re-route.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "Inquiry id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = AssignForm,
    responses(
        (status = 200, body = InquiryDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/inquiries/{id}/assign")]
pub async fn assign(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<AssignForm>,
) -> ApiResult<HttpResponse> {
    let id = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, true)?;
    let form = body.0;
    let reason =
        Reason::parse(&form.reason).map_err(|e| ApiError::field("reason", e.to_string()))?;
    let (w, inquiry) = (who.clone(), id.clone());
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> {
            let mut row = load_for_change(c, &w, &inquiry, expected)?;
            let team_id = form.team_id.to_string();
            let team = districts::teams(c, &w.district_id)?
                .into_iter()
                .find(|t| t.id == team_id)
                .ok_or_else(|| ApiError::field("team_id", "is not a team of this district"))?;
            let assignee = form.assignee_id.map(|a| a.to_string());
            if let Some(a) = &assignee {
                let member = people::is_member(c, &team.id, a)?;
                let active = people::staff_by_id(c, a)
                    .map(|s| s.active && s.district_id == w.district_id)
                    .unwrap_or(false);
                if !member || !active {
                    return Err(ApiError::field(
                        "assignee_id",
                        "is not an active member of that team",
                    ));
                }
            }
            let now = Utc::now();
            let from = views::status(&row.status)?;
            let change = lifecycle(
                from,
                if assignee.is_some() {
                    Transition::Assign
                } else {
                    Transition::Unassign
                },
            )?;
            let moved = team.id != row.team_id;
            let actor = Actor::Staff(w.id.clone());
            case::record(
                c,
                &row,
                EventKind::Assigned,
                &actor,
                serde_json::json!({
                    "from_team_id": row.team_id, "team_id": team.id, "team": team.name,
                    "assignee_id": assignee, "reason": reason.as_str(), "rerouted": moved,
                }),
                now,
            )?;
            row.rerouted |= moved;
            row.team_id = team.id;
            row.assignee_id = assignee;
            if let Some(ch) = change {
                row.status = ch.to.as_str().into();
                case::record(
                    c,
                    &row,
                    EventKind::StatusChanged,
                    &actor,
                    serde_json::json!({ "from": ch.from, "to": ch.to }),
                    now,
                )?;
            }
            let version = row.version;
            row.updated_at = naive(now);
            case::save(c, &row, version)
        })
        .await?;
    // Answered without the visibility check: the caller may have handed the
    // case to a team they cannot see any more, and still gets the result.
    respond(state, who, id, false).await
}

/// Moves the inquiry through its lifecycle.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "Inquiry id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = StatusForm,
    responses(
        (status = 200, body = InquiryDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not allowed from the current status"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/inquiries/{id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<StatusForm>,
) -> ApiResult<HttpResponse> {
    let id = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, true)?;
    let action = body.0.status;
    let (w, inquiry) = (who.clone(), id.clone());
    state
        .store
        .writer
        .write(move |c| -> Result<(), ApiError> {
            let mut row = load_for_change(c, &w, &inquiry, expected)?;
            let now = Utc::now();
            let from = views::status(&row.status)?;
            let Some(ch) = lifecycle(from, Transition::Staff(action))? else {
                return Ok(());
            };
            if action == StatusAction::Resolved && row.resolved_at.is_none() {
                row.resolved_at = Some(naive(now));
            }
            row.status = ch.to.as_str().into();
            case::record(
                c,
                &row,
                EventKind::StatusChanged,
                &Actor::Staff(w.id.clone()),
                serde_json::json!({ "from": ch.from, "to": ch.to, "action": action }),
                now,
            )?;
            let version = row.version;
            row.updated_at = naive(now);
            case::save(c, &row, version)
        })
        .await?;
    respond(state, who, id, false).await
}
