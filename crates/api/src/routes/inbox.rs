//! The staff inbox and the case view.

use super::{path_id, read};
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::DateTime;
use heard_domain::access::{Action, Subject};
use heard_domain::api::*;
use heard_domain::validation::Invalid;
use heard_domain::{InquiryId, Status, TeamId, TopicId, UnitId};
use heard_store::queries::districts;
use heard_store::queries::inquiries::{self, InboxFilter};
use heard_store::{clock, views};
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
    #[param(value_type = Option<uuid::Uuid>)]
    topic_id: Option<TopicId>,
    /// Only this school or department.
    #[param(value_type = Option<uuid::Uuid>)]
    unit_id: Option<UnitId>,
    /// Only this team.
    #[param(value_type = Option<uuid::Uuid>)]
    team_id: Option<TeamId>,
    /// Words in the subject or requester name, or an exact reference.
    #[param(max_length = 200, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(
        pattern = r"^[0-9]{1,16}\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    cursor: Option<String>,
}

/// A cursor is `{microseconds since 1970}.{inquiry id}`: a place in the
/// list. Every text of the form the schema gives is one, so every cursor the
/// schema allows is accepted.
fn encode_cursor(row: &heard_store::rows::InquiryRow) -> String {
    format!("{}.{}", row.created_at.and_utc().timestamp_micros(), row.id)
}

fn decode_cursor(raw: &str) -> Option<(chrono::NaiveDateTime, InquiryId)> {
    let (micros, id) = raw.split_once('.')?;
    if micros.is_empty() || micros.len() > 16 || !micros.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at.naive_utc(), id.parse().ok()?))
}

/// The inbox: inquiries the signed-in staff member may see, newest first.
#[utoipa::path(
    operation_id = "list_inquiries",
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
        errors.add("limit", Invalid::OutOfRange { min: 1, max: 200 });
    }
    let before = match q.cursor.as_deref() {
        None => None,
        Some(c) => {
            let parsed = decode_cursor(c);
            if parsed.is_none() {
                errors.add(
                    "cursor",
                    Invalid::InvalidFormat {
                        hint: "a next_cursor returned by this list",
                    },
                );
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
            Some(st) => statuses.push(st),
            None => errors.add(
                "status",
                Invalid::InvalidChoice {
                    allowed: Status::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
                },
            ),
        }
    }
    if let Some(text) = q.q.as_deref() {
        if text.chars().count() > 200 {
            errors.add("q", Invalid::TooLong { max: 200 });
        } else if text.chars().any(char::is_control) {
            errors.add("q", Invalid::InvalidCharacters);
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = clock::now();
    let view = q.view.unwrap_or_default();
    let mut filter = InboxFilter {
        teams: match view {
            InboxView::All | InboxView::Mine => None,
            InboxView::Team | InboxView::Unassigned | InboxView::Overdue => {
                Some(who.team_ids.clone())
            }
        },
        statuses,
        topic_id: q.topic_id,
        unit_id: q.unit_id,
        team_id: q.team_id,
        q: q.q,
        before,
        ..InboxFilter::within(who.viewer().case_scope())
    };
    match view {
        InboxView::Mine => {
            filter.assignee = Some(who.id);
            filter.open_only = filter.statuses.is_empty();
        }
        InboxView::Unassigned => filter.unassigned = true,
        InboxView::Overdue => filter.overdue_at = Some(now.naive_utc()),
        InboxView::Team | InboxView::All => {}
    }
    let district = who.district_id;
    let (mut rows, names) = read(&state, move |c| {
        let rows = inquiries::inbox(c, district, &filter, limit)?;
        let names = districts::names(c, district)?;
        Ok((rows, names))
    })
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
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
    operation_id = "get_inquiry",
    tag = "inbox",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The inquiry's id")),
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
    let id: InquiryId = path_id(&path.into_inner(), "inquiry")?;
    let district = who.district_id;
    let d = read(&state, move |c| {
        let row = inquiries::by_id(c, district, id).map_err(|e| match e {
            heard_store::StoreError::NotFound => ApiError::NotFound("inquiry"),
            other => other.into(),
        })?;
        let detail = views::inquiry_detail(c, &row)?;
        // Another team's case is not shown to agents, not even its existence.
        if !who.may(Action::See, Subject::Case(&detail.access())) {
            return Err(ApiError::NotFound("inquiry"));
        }
        Ok(detail)
    })
    .await?;
    Ok(super::with_etag(HttpResponse::Ok(), &d, d.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let at = DateTime::from_timestamp_micros(1_764_600_000_123_456)
            .expect("time")
            .naive_utc();
        let id = InquiryId::new();
        let encoded = format!("{}.{id}", at.and_utc().timestamp_micros());
        assert_eq!(decode_cursor(&encoded), Some((at, id)));
        for bad in [
            "not a cursor",
            "12.nope",
            ".0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01",
            "-1.x",
        ] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
