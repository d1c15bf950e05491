//! Reports for leadership: the summary and strategic goals.

use super::read;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use crate::views::{self, naive, utc};
use actix_web::{get, web};
use chrono::{DateTime, Datelike, Duration, Utc};
use heard_domain::api::*;
use heard_domain::goals;
use heard_domain::metrics::Summary;
use heard_store::queries::districts;
use heard_store::queries::reports::{self, Kept, Part, Scope};
use serde::Deserialize;
use std::collections::hash_map::{Entry, HashMap};
use utoipa::IntoParams;

/// Report period and scope.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// Start (inclusive), RFC 3339; default 30 days before `to`.
    from: Option<DateTime<Utc>>,
    /// End (exclusive), RFC 3339; default now.
    to: Option<DateTime<Utc>>,
    /// Only this school or department.
    unit_id: Option<uuid::Uuid>,
    /// Only this topic.
    topic_id: Option<uuid::Uuid>,
    /// Only this team.
    team_id: Option<uuid::Uuid>,
}

/// Computes the summary of a district over `[from, to)` as of `now`, from
/// the report facts of its inquiries: the pieces of the period (one per
/// core, at most two) are read side by side by the report readers, each on
/// its own connection, and added up. Quantiles come only for the `kept`
/// durations.
pub async fn summary(
    state: &web::Data<AppState>,
    district_id: &str,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
    scope: &Scope,
    kept: Kept,
) -> Result<Summary, ApiError> {
    let now = naive(now);
    let read_piece = |piece| {
        let (district, scope) = (district_id.to_owned(), scope.clone());
        state
            .store
            .reports
            .read(move |c| reports::part(c, &district, piece, now, &scope, kept))
    };
    let pieces = reports::pieces(naive(from), naive(to), now);
    let parts: Vec<Part> = match pieces[..] {
        [a, b] => {
            let (a, b) = tokio::try_join!(read_piece(a), read_piece(b))?;
            vec![a, b]
        }
        _ => {
            let mut parts = Vec::new();
            for piece in pieces {
                parts.push(read_piece(piece).await?);
            }
            parts
        }
    };
    let totals = state
        .store
        .reports
        .compute(move || {
            let mut whole = Part::default();
            for p in parts {
                whole.append(p);
            }
            Ok(whole.finish())
        })
        .await?;
    Ok(totals.summary())
}

/// Counts, response and resolution times, standard met, feedback, pillars, NPS and rates.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(SummaryQuery),
    responses(
        (status = 200, body = SummaryReport),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/summary")]
pub async fn summary_report(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<SummaryQuery>,
) -> ApiResult<web::Json<SummaryReport>> {
    if !who.reads_reports() {
        return Err(ApiError::Forbidden(
            "reports are for leads, analysts and admins",
        ));
    }
    let q = query.0;
    let to = q.to.unwrap_or_else(Utc::now);
    let from = q.from.unwrap_or(to - Duration::days(30));
    for (field, t) in [("from", from), ("to", to)] {
        if !(2000..=2200).contains(&t.year()) {
            return Err(ApiError::field(
                field,
                "must be a date between the years 2000 and 2200",
            ));
        }
    }
    if from >= to {
        return Err(ApiError::field("from", "must be before to"));
    }
    if to - from > Duration::days(800) {
        return Err(ApiError::field(
            "from",
            "the period can be at most 800 days",
        ));
    }
    let scope = Scope {
        unit_id: q.unit_id.map(|u| u.to_string()),
        topic_id: q.topic_id.map(|u| u.to_string()),
        team_id: q.team_id.map(|u| u.to_string()),
    };
    let district = who.district_id.clone();
    let s = summary(&state, &district, (from, to), Utc::now(), &scope, Kept::ALL).await?;
    Ok(web::Json(SummaryReport {
        from,
        to,
        summary: s,
    }))
}

/// Strategic goals with their current value, target and whether they are on track.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    responses(
        (status = 200, body = GoalList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/goals")]
pub async fn goal_list(
    state: web::Data<AppState>,
    who: AuthStaff,
) -> ApiResult<web::Json<GoalList>> {
    let district = who.district_id.clone();
    let rows = read(&state, move |c| Ok(districts::goals(c, &district)?)).await?;
    let now = Utc::now();
    // Only the durations some goal takes a median of are kept whole.
    let mut needed = [false; 4];
    for g in &rows {
        for (n, q) in needed.iter_mut().zip(goals::quantiles_needed(&g.metric)) {
            *n |= q;
        }
    }
    let kept = Kept(needed);
    // Goals of a strategic plan mostly share one period: sum it up once.
    let mut summaries: HashMap<(DateTime<Utc>, DateTime<Utc>), Summary> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for g in rows {
        let (start, end) = (utc(g.period_start), utc(g.period_end));
        let period = (start, end.min(now).max(start + Duration::seconds(1)));
        let s = match summaries.entry(period) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let all = Scope::default();
                e.insert(summary(&state, &who.district_id, period, now, &all, kept).await?)
            }
        };
        let current = goals::metric_value(s, &g.metric);
        items.push(GoalView {
            id: views::id(&g.id)?,
            name: g.name,
            metric: g.metric,
            comparison: g.comparison.clone(),
            target: g.target,
            on_track: current.and_then(|v| goals::on_track(v, &g.comparison, g.target)),
            current,
            period_start: start,
            period_end: end,
        });
    }
    Ok(web::Json(GoalList { items }))
}
