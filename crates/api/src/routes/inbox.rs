//! The staff inbox and the case view.

use super::{path_id, read};
use crate::auth::AuthStaff;
use crate::case;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use crate::views::{self, naive};
use actix_web::{get, web, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use heard_domain::api::*;
use heard_domain::Status;
use heard_store::queries::inquiries::{self, InboxFilter};
use serde::Deserialize;
use utoipa::IntoParams;

/// Inbox filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Which queue: mine, team (default), unassigned, overdue or all.
    #[param(inline)]
    view: Option<InboxView>,
    /// Only these statuses, comma-separated (e.g. `new,in_progress`).
    #[param(
        pattern = r"^\s*(new|assigned|awaiting_requester|in_progress|resolved|closed)?\s*(,\s*(new|assigned|awaiting_requester|in_progress|resolved|closed)?\s*)*$"
    )]
    status: Option<String>,
    /// Only this topic.
    topic_id: Option<uuid::Uuid>,
    /// Only this school or department.
    unit_id: Option<uuid::Uuid>,
    /// Only this team.
    team_id: Option<uuid::Uuid>,
    /// Words in the subject or requester name, or an exact reference.
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

fn encode_cursor(row: &heard_store::rows::InquiryRow) -> String {
    let micros = row.created_at.and_utc().timestamp_micros();
    URL_SAFE_NO_PAD.encode(format!("{micros}|{}", row.id))
}

fn decode_cursor(raw: &str) -> Option<(chrono::NaiveDateTime, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (micros, id) = text.split_once('|')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    uuid::Uuid::parse_str(id).ok()?;
    Some((naive(at), id.to_owned()))
}

/// The inbox: inquiries the signed-in staff member may see, newest first.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    params(InboxQuery),
    responses(
        (status = 200, body = InboxPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/inquiries")]
pub async fn list(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<InboxQuery>,
) -> ApiResult<web::Json<InboxPage>> {
    let q = query.0;
    let mut errors = heard_domain::ValidationErrors::new();
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        errors.add("limit", "must be from 1 to 200");
    }
    let before = match q.cursor.as_deref() {
        None | Some("") => None,
        Some(c) => {
            let parsed = decode_cursor(c);
            if parsed.is_none() {
                errors.add("cursor", "is not a cursor returned by this list");
            }
            parsed
        }
    };
    let mut statuses = Vec::new();
    for s in q
        .status
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match Status::parse(s) {
            Some(st) => statuses.push(st.as_str().to_owned()),
            None => errors.add("status", format!("{s:?} is not a status")),
        }
    }
    if let Some(text) = q.q.as_deref() {
        if text.chars().count() > 200 {
            errors.add("q", "must be at most 200 characters");
        } else if text.chars().any(char::is_control) {
            errors.add("q", "contains characters that are not allowed");
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = Utc::now();
    let view = q.view.unwrap_or_default();
    let own_teams = Some(who.team_ids.clone());
    let mut filter = InboxFilter {
        teams: match view {
            InboxView::All if who.sees_all() => None,
            InboxView::Mine => None,
            _ => own_teams,
        },
        statuses,
        topic_id: q.topic_id.map(|u| u.to_string()),
        unit_id: q.unit_id.map(|u| u.to_string()),
        team_id: q.team_id.map(|u| u.to_string()),
        q: q.q,
        before,
        ..InboxFilter::default()
    };
    match view {
        InboxView::Mine => {
            filter.assignee = Some(who.id.clone());
            filter.open_only = filter.statuses.is_empty();
        }
        InboxView::Unassigned => filter.unassigned = true,
        InboxView::Overdue => filter.overdue_at = Some(naive(now)),
        InboxView::Team | InboxView::All => {}
    }
    let district = who.district_id.clone();
    let (mut rows, names) = read(&state, move |c| {
        let rows = inquiries::inbox(c, &district, &filter, limit)?;
        let names = case::names(c, &district)?;
        Ok((rows, names))
    })
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(encode_cursor)
    } else {
        None
    };
    Ok(web::Json(InboxPage {
        items: rows
            .iter()
            .map(|r| views::inbox_item(r, &names, now))
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// The whole case: messages and notes, timeline, routing trace, due times, feedback.
#[utoipa::path(
    tag = "inbox",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "Inquiry id")),
    responses(
        (status = 200, body = InquiryDetail, headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/inquiries/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    who: AuthStaff,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = path_id(&path.into_inner(), "inquiry")?;
    let d = read(&state, move |c| {
        let detail = case::detail(c, &who.district_id, &id)?;
        // Another team's case is not shown to agents, not even its existence.
        if !who.may_work(&detail.team.id.to_string())
            && detail.assignee.as_ref().map(|a| a.id.to_string()) != Some(who.id.clone())
        {
            return Err(ApiError::NotFound("inquiry"));
        }
        Ok(detail)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &d))
}

/// A case response with its version as ETag.
pub fn with_etag(mut res: actix_web::HttpResponseBuilder, d: &InquiryDetail) -> HttpResponse {
    res.insert_header(("ETag", format!("\"{}\"", d.version)))
        .json(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let mut row_time = Utc::now();
        row_time = DateTime::from_timestamp_micros(row_time.timestamp_micros()).unwrap_or(row_time);
        let id = uuid::Uuid::new_v4().to_string();
        let encoded = URL_SAFE_NO_PAD.encode(format!("{}|{}", row_time.timestamp_micros(), id));
        assert_eq!(decode_cursor(&encoded), Some((naive(row_time), id)));
        assert_eq!(decode_cursor("not a cursor"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("12|nope")), None);
    }
}
