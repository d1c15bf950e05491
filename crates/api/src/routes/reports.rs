//! Reports for leadership: the summary and strategic goals.

use super::read;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{DateTime, Datelike, Duration, Utc};
use heard_domain::access::{Action, Subject};
use heard_domain::api::*;
use heard_domain::goals;
use heard_domain::metrics::Summary;
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, TeamId, TopicId, UnitId};
use heard_store::clock;
use heard_store::queries::districts;
use heard_store::reports::{self, Kept, Part, Scope};
use serde::Deserialize;
use std::collections::hash_map::{Entry, HashMap};
use utoipa::IntoParams;

/// Report period and scope.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// Start of the period (inclusive), RFC 3339, in the years 2000 to 2200;
    /// default 30 days before `to`. A period spans at most 800 days.
    #[param(pattern = r"^(20[0-9]{2}|21[0-9]{2}|2200)-")]
    from: Option<DateTime<Utc>>,
    /// End of the period (exclusive), RFC 3339, in the years 2000 to 2200; default now.
    #[param(pattern = r"^(20[0-9]{2}|21[0-9]{2}|2200)-")]
    to: Option<DateTime<Utc>>,
    /// Only inquiries about this school or department.
    #[param(value_type = Option<uuid::Uuid>)]
    unit_id: Option<UnitId>,
    /// Only inquiries on this topic.
    #[param(value_type = Option<uuid::Uuid>)]
    topic_id: Option<TopicId>,
    /// Only inquiries this team has now.
    #[param(value_type = Option<uuid::Uuid>)]
    team_id: Option<TeamId>,
}

/// Computes the summary of a district over `[from, to)` as of `now`, from
/// the report facts of its inquiries: the pieces of the period (one per
/// core, at most two) are read side by side by the report readers, each on
/// its own connection, and added up. Quantiles come only for the `kept`
/// durations.
pub async fn summary(
    state: &web::Data<AppState>,
    district_id: DistrictId,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
    scope: &Scope,
    kept: Kept,
) -> Result<Summary, ApiError> {
    let now = now.naive_utc();
    let read_piece = |piece| {
        let scope = *scope;
        state
            .store
            .reports
            .read(move |c| reports::part(c, district_id, piece, now, &scope, kept))
    };
    let pieces = reports::pieces(from.naive_utc(), to.naive_utc(), now);
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
    operation_id = "get_summary",
    security(("bearer" = [])),
    params(SummaryQuery),
    responses(
        (status = 200, body = SummaryReport, description = "The figures of the period and scope"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Reports are for leads, analysts and admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid period or scope; `errors` names each field"),
    )
)]
#[get("/reports/summary")]
pub async fn summary_report(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<SummaryQuery>,
) -> ApiResult<web::Json<SummaryReport>> {
    if !who.may(Action::See, Subject::Reports) {
        return Err(ApiError::Forbidden(
            "reports are for leads, analysts and admins",
        ));
    }
    let q = query.0;
    let now = clock::now();
    let to = q.to.unwrap_or(now);
    let from = q.from.unwrap_or(to - Duration::days(30));
    let mut errors = heard_domain::ValidationErrors::new();
    for (field, t) in [("from", from), ("to", to)] {
        if !(2000..=2200).contains(&t.year()) {
            errors.add(
                field,
                Invalid::InvalidFormat {
                    hint: "a date between the years 2000 and 2200",
                },
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    if from >= to {
        return Err(ApiError::field("from", Invalid::EmptyPeriod));
    }
    if to - from > Duration::days(800) {
        return Err(ApiError::field(
            "from",
            Invalid::InvalidFormat {
                hint: "at most 800 days before to",
            },
        ));
    }
    let scope = Scope {
        unit_id: q.unit_id,
        topic_id: q.topic_id,
        team_id: q.team_id,
    };
    let s = summary(&state, who.district_id, (from, to), now, &scope, Kept::ALL).await?;
    Ok(web::Json(SummaryReport {
        from,
        to,
        summary: s,
    }))
}

/// Strategic goals with their current value, target and whether they are on track.
#[utoipa::path(
    tag = "reports",
    operation_id = "list_goals",
    security(("bearer" = [])),
    responses(
        (status = 200, body = GoalList, description = "Every goal of the district with where it stands"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Goals are for leads, analysts and admins"),
    )
)]
#[get("/goals")]
pub async fn goal_list(
    state: web::Data<AppState>,
    who: AuthStaff,
) -> ApiResult<web::Json<GoalList>> {
    if !who.may(Action::See, Subject::Reports) {
        return Err(ApiError::Forbidden(
            "goals are for leads, analysts and admins",
        ));
    }
    let district = who.district_id;
    let rows = read(&state, move |c| Ok(districts::goals(c, district)?)).await?;
    let now = clock::now();
    // Only the durations some goal takes a median of are kept whole.
    let mut needed = [false; 4];
    for g in &rows {
        for (n, q) in needed.iter_mut().zip(goals::quantiles_needed(&g.metric)) {
            *n |= q;
        }
    }
    let kept = Kept(needed);
    // Goals of a strategic plan mostly share one period: sum it up once.
    type Key = (
        DateTime<Utc>,
        DateTime<Utc>,
        Option<UnitId>,
        Option<TopicId>,
        Option<TeamId>,
    );
    let mut summaries: HashMap<Key, Summary> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for g in rows {
        let (start, end) = (g.period_start.and_utc(), g.period_end.and_utc());
        let period = (start, end.min(now).max(start + Duration::seconds(1)));
        let scope = Scope {
            unit_id: g.unit_id,
            topic_id: g.topic_id,
            team_id: g.team_id,
        };
        let key = (period.0, period.1, g.unit_id, g.topic_id, g.team_id);
        let s = match summaries.entry(key) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                e.insert(summary(&state, who.district_id, period, now, &scope, kept).await?)
            }
        };
        let current = goals::metric_value(s, &g.metric);
        items.push(GoalView {
            id: g.id,
            name: g.name,
            metric: g.metric,
            comparison: g.comparison.clone(),
            target: g.target,
            on_track: current.and_then(|v| goals::on_track(v, &g.comparison, g.target)),
            current,
            period_start: start,
            period_end: end,
            unit_id: g.unit_id,
            topic_id: g.topic_id,
            team_id: g.team_id,
        });
    }
    Ok(web::Json(GoalList { items }))
}
