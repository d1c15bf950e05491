//! Jobs, for admins: what runs after a commit in their district, what failed
//! and why, and a retry for a job whose tries are spent.

use super::{admins_only, page, page_size, path_id, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest};
use heard_domain::api::{AuditAction, AuditResource, JobPage, JobView, Problem};
use heard_domain::jobs::{JobKind, JobState};
use heard_domain::notify::{Letter, Recipient};
use heard_domain::JobId;
use heard_store::rows::JobRow;
use heard_store::{clock, jobs, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

/// Which jobs.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobsQuery {
    /// Only jobs in this state (e.g. `dead`, those waiting for an admin).
    #[param(inline)]
    state: Option<JobState>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(value_type = Option<uuid::Uuid>)]
    cursor: Option<JobId>,
}

const ADMINS_ONLY: &str = "jobs are for the district's admins";

/// What a job is for, in words.
fn summary(row: &JobRow) -> (String, Option<heard_domain::InquiryId>) {
    match row.kind {
        JobKind::Mail => match serde_json::from_str::<Letter>(&row.payload) {
            Ok(l) => {
                let to = match l.to {
                    Recipient::Family => "the family".to_owned(),
                    Recipient::Staff { .. } => "a staff member".to_owned(),
                };
                (format!("{} to {to}", l.notice.name()), Some(l.inquiry_id))
            }
            Err(_) => ("an email".into(), None),
        },
        JobKind::AccountMail => (
            "an invitation or password reset to a staff member".into(),
            None,
        ),
        JobKind::RecomputeCalendar => (
            "counting due times and report facts again on the new business calendar".into(),
            None,
        ),
        JobKind::EraseRequesters => (
            "erasing requester details kept longer than the retention period".into(),
            None,
        ),
        JobKind::Notify => {
            match serde_json::from_str::<crate::work::dispatch::Undecided>(&row.payload) {
                Ok(u) if u.events.len() == 1 => {
                    ("deciding who hears of an event".into(), u.inquiry_id)
                }
                Ok(u) => (
                    format!("deciding who hears of {} events", u.events.len()),
                    u.inquiry_id,
                ),
                Err(_) => ("deciding who hears of events".into(), None),
            }
        }
    }
}

/// A job as admins see it.
pub fn view(row: JobRow) -> JobView {
    let (summary, inquiry_id) = summary(&row);
    JobView {
        id: row.id,
        kind: row.kind,
        state: row.state,
        summary,
        inquiry_id,
        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
        max_attempts: u32::try_from(row.max_attempts).unwrap_or(u32::MAX),
        run_at: row.run_at.and_utc(),
        last_error: row.last_error,
        created_at: row.created_at.and_utc(),
        finished_at: row.finished_at.map(|t| t.and_utc()),
    }
}

/// The district's jobs, newest first: what was sent, what waits, what failed.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_jobs",
    security(("bearer" = [])),
    params(JobsQuery),
    responses(
        (status = 200, body = JobPage, description = "A page of jobs"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Jobs are for the district's admins"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A parameter is not valid; `errors` names it"),
    )
)]
#[get("/admin/jobs")]
pub async fn list_jobs(
    state: web::Data<AppState>,
    who: AuthStaff,
    query: Query<JobsQuery>,
) -> ApiResult<web::Json<JobPage>> {
    admins_only(&who, ADMINS_ONLY)?;
    let q = query.0;
    let limit = page_size(q.limit)?;
    let district = who.district_id;
    let rows = read(&state, move |c| {
        Ok(jobs::list(c, district, q.state, q.cursor, limit + 1)?)
    })
    .await?;
    let (rows, next_cursor) = page(rows, limit, |j| j.id.to_string());
    let items = rows.into_iter().map(view).collect();
    Ok(web::Json(JobPage { items, next_cursor }))
}

/// Tries a dead job again, with every try of its policy: for mail that
/// failed while the SMTP server was away, once it is back.
#[utoipa::path(
    tag = "admin",
    operation_id = "retry_job",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The id of the dead job to retry")),
    responses(
        (status = 200, body = JobView, description = "The job, due again now"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Jobs are for the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such job in this district"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The job is not dead: it is done, or still has tries"),
    )
)]
#[post("/admin/jobs/{id}/retry")]
pub async fn retry_job(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<web::Json<JobView>> {
    admins_only(&who, ADMINS_ONLY)?;
    let id: JobId = path_id(&id, "job")?;
    let district = who.district_id;
    let actor = who.id;
    let author = Author::of(&who, &req);
    let row = state
        .store
        .writer
        .write(move |c| {
            let job = jobs::get(c, district, id).map_err(|e| match e {
                StoreError::NotFound => ApiError::NotFound("job"),
                e => e.into(),
            })?;
            if !jobs::retry(c, district, id, clock::now())? {
                return Err(ApiError::Conflict(format!(
                    "the job is {}, not dead: only dead jobs are retried",
                    job.state
                )));
            }
            let retried = jobs::get(c, district, id)?;
            author.record(
                c,
                AuditResource::Job,
                &id.to_string(),
                AuditAction::Retried,
                Some(&view(job)),
                Some(&view(retried.clone())),
            )?;
            Ok(retried)
        })
        .await?;
    tracing::info!(job = %id, by = %actor, "dead job retried by an admin");
    Ok(web::Json(view(row)))
}
