//! A calendar-recompute job: walks a district's inquiries in the order they
//! came and counts their due times and report facts again on the calendar
//! as it is now. Each run does a bounded share of the walk and leaves the
//! rest to a follow-up job holding its position, so a long walk survives a
//! restart and never holds a worker for long. Once done, one more pass
//! covers the inquiries taken in since the change, which servers still
//! holding a copy of the old calendar may have counted on it.

use super::run::Failure;
use super::Ctx;
use chrono::Duration;
use heard_domain::jobs::{CalendarRecompute, JobKind};
use heard_store::reports::recompute;
use heard_store::rows::JobRow;
use heard_store::{clock, jobs};

/// Inquiries per transaction.
const CHUNK: i64 = 500;
/// Transactions per run, before the rest is left to a follow-up job.
const CHUNKS_PER_RUN: usize = 20;

fn follow_up(
    p: &CalendarRecompute,
    run_at: chrono::DateTime<chrono::Utc>,
) -> Result<JobRow, Failure> {
    let payload = serde_json::to_string(p).map_err(|e| Failure::permanent(e.to_string()))?;
    let key = format!(
        "{}:{}:{}:{}",
        p.district,
        p.changed_at.timestamp_micros(),
        p.since.map_or(0, |t| t.timestamp_micros()),
        p.after.map_or_else(String::new, |(t, id)| format!(
            "{}/{id}",
            t.timestamp_micros()
        )),
    );
    let now = clock::now();
    Ok(jobs::new_job(
        JobKind::RecomputeCalendar,
        key,
        Some(p.district),
        payload,
        run_at.max(now),
        now,
    ))
}

/// Runs one share of the walk; answers the job that goes on with it.
pub async fn run(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let mut p: CalendarRecompute = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable recompute: {e}")))?;
    let since = p.since.map(|t| t.naive_utc());
    let (mut read, mut changed) = (0, 0);
    for _ in 0..CHUNKS_PER_RUN {
        let district = p.district;
        let after = p.after.map(|(t, id)| (t.naive_utc(), id));
        let chunk = ctx
            .state
            .store
            .writer
            .write(move |c| recompute::chunk(c, district, since, after, CHUNK))
            .await
            .map_err(|e| Failure::transient(e.to_string()))?;
        read += chunk.read;
        changed += chunk.changed;
        match chunk.last {
            Some((at, id)) if chunk.read == CHUNK as usize => p.after = Some((at.and_utc(), id)),
            _ => {
                tracing::info!(job = %job.id, district = %p.district, read, changed, "calendar recompute finished its walk");
                if p.since.is_some() {
                    return Ok(Vec::new());
                }
                // The last pass, once no server can still hold the old calendar.
                let stale_for = Duration::from_std(crate::directory::USABLE_FOR)
                    .unwrap_or(Duration::seconds(60));
                let last = CalendarRecompute {
                    since: Some(p.changed_at),
                    after: None,
                    ..p
                };
                return Ok(vec![follow_up(&last, p.changed_at + stale_for)?]);
            }
        }
    }
    tracing::info!(job = %job.id, district = %p.district, read, changed, "calendar recompute goes on");
    Ok(vec![follow_up(&p, clock::now())?])
}
