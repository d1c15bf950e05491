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
use heard_domain::feedback::PillarRatings;
use heard_domain::goals;
use heard_domain::metrics::{summarize, ContactHistory, FeedbackFacts, InquiryFacts, Summary};
use heard_store::queries::districts;
use heard_store::queries::reports::{self, Scope};
use heard_store::AnyConnection;
use serde::Deserialize;
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

/// Computes the summary of a district over `[from, to)`.
pub fn summary(
    c: &mut AnyConnection,
    district_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    scope: &Scope,
) -> Result<Summary, ApiError> {
    let district = districts::by_id(c, district_id)?;
    let calendar = views::calendar(&district)?;
    let facts = reports::facts(c, district_id, naive(from), naive(to), scope)?;
    let mut history = ContactHistory::default();
    for (keys, at) in
        reports::contacts(c, district_id, naive(from - Duration::days(30)), naive(to))?
    {
        let keys: Vec<String> = keys.split(',').map(String::from).collect();
        history.record(&keys, utc(at));
    }
    let small = |v: i64| u8::try_from(v).unwrap_or(0);
    let inquiries: Vec<InquiryFacts> = facts
        .into_iter()
        .map(|(f, fb)| InquiryFacts {
            created_at: utc(f.created_at),
            first_response_at: f.first_response_at.map(utc),
            first_response_due_at: f.first_response_due_at.map(utc),
            resolved_at: f.resolved_at.map(utc),
            requester_keys: f
                .contact_keys
                .split(',')
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect(),
            rerouted: f.rerouted,
            feedback: fb.map(|r| FeedbackFacts {
                overall: small(r.overall),
                pillars: PillarRatings {
                    courtesy: r.courtesy,
                    communication: r.communication,
                    responsiveness: r.responsiveness,
                    environment: r.environment,
                },
                recommend: r.recommend.map(small),
            }),
        })
        .collect();
    Ok(summarize(&inquiries, history, &calendar, Utc::now()))
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
    let s = read(&state, move |c| summary(c, &district, from, to, &scope)).await?;
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
    let items = read(&state, move |c| {
        let rows = districts::goals(c, &district)?;
        let mut items = Vec::with_capacity(rows.len());
        for g in rows {
            let (start, end) = (utc(g.period_start), utc(g.period_end));
            let s = summary(
                c,
                &district,
                start,
                end.min(Utc::now()).max(start + Duration::seconds(1)),
                &Scope::default(),
            )?;
            let current = goals::metric_value(&s, &g.metric);
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
        Ok(items)
    })
    .await?;
    Ok(web::Json(GoalList { items }))
}
