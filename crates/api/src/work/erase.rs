//! Erasing requester details once each district's retention period has
//! passed. Every worker asks, when it starts and every hour after, for a
//! pass per district that keeps details for a period; the job's key names
//! the day, so however many servers ask, one pass runs a day. A change of
//! the period asks for a pass of its own at once. A pass erases in short
//! transactions, so families and staff wait little for the writer, and
//! leaves what one run did not reach to a follow-up job.

use super::run::Failure;
use super::Ctx;
use chrono::{DateTime, Utc};
use heard_domain::jobs::{JobKind, RequesterErasure};
use heard_domain::retention::Retention;
use heard_domain::DistrictId;
use heard_store::queries::districts;
use heard_store::rows::JobRow;
use heard_store::{clock, jobs, retention, AnyConnection, StoreError};

/// Inquiries per transaction: each erasure is a case change of its own.
const CHUNK: i64 = 100;
/// Transactions per run, before the rest is left to a follow-up job.
const CHUNKS_PER_RUN: usize = 20;

/// The job erasing `district`'s due details on `occasion`.
pub fn job(p: &RequesterErasure, now: DateTime<Utc>) -> Result<JobRow, StoreError> {
    let payload = serde_json::to_string(p)
        .map_err(|e| StoreError::Corrupt(format!("erasure does not serialise: {e}")))?;
    Ok(jobs::new_job(
        JobKind::EraseRequesters,
        p.dedupe_key(),
        Some(p.district),
        payload,
        now,
        now,
    ))
}

/// Asks, in the caller's transaction, for a pass over `district` now: its
/// period changed (to `version` of its settings).
pub fn on_change(
    c: &mut AnyConnection,
    district: DistrictId,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let p = RequesterErasure {
        district,
        occasion: format!("settings:{version}"),
        round: 0,
    };
    jobs::enqueue(c, &[job(&p, now)?])?;
    Ok(())
}

/// Asks for today's pass (by the UTC date) of every district that keeps
/// requester details for a period; answers how many were new.
pub async fn schedule(ctx: &Ctx) -> Result<usize, StoreError> {
    let now = clock::now();
    let day = now.date_naive().to_string();
    ctx.state
        .store
        .writer
        .write(move |c| {
            let rows = retention::districts(c)?
                .into_iter()
                .map(|(district, _)| {
                    let p = RequesterErasure {
                        district,
                        occasion: day.clone(),
                        round: 0,
                    };
                    job(&p, now)
                })
                .collect::<Result<Vec<_>, _>>()?;
            jobs::enqueue(c, &rows)
        })
        .await
}

/// One transaction's share: answers how many were erased and whether more
/// may be due.
fn chunk(
    c: &mut AnyConnection,
    district: DistrictId,
    now: DateTime<Utc>,
) -> Result<(usize, bool), StoreError> {
    let d = districts::by_id(c, district)?;
    let Some(keep) = Retention::of(d.requester_retention_days) else {
        return Ok((0, false));
    };
    let ids = retention::due(c, district, keep, now, CHUNK)?;
    let erased = retention::erase(c, district, &ids, keep, now)?;
    Ok((erased, ids.len() as i64 == CHUNK))
}

/// Runs one pass, or its share; answers the follow-up that goes on with it.
pub async fn run(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let p: RequesterErasure = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable erasure: {e}")))?;
    let now = clock::now();
    let mut erased = 0;
    for _ in 0..CHUNKS_PER_RUN {
        let district = p.district;
        let (n, more) = ctx
            .state
            .store
            .writer
            .write(move |c| chunk(c, district, now))
            .await
            .map_err(|e| Failure::transient(e.to_string()))?;
        erased += n;
        if !more {
            if erased > 0 {
                tracing::info!(job = %job.id, district = %p.district, erased, "requester details erased after the retention period");
            }
            return Ok(Vec::new());
        }
    }
    tracing::info!(job = %job.id, district = %p.district, erased, "requester erasure goes on");
    let next = RequesterErasure {
        round: p.round + 1,
        ..p
    };
    job_or_failure(&next)
}

fn job_or_failure(p: &RequesterErasure) -> Result<Vec<JobRow>, Failure> {
    job(p, clock::now())
        .map(|j| vec![j])
        .map_err(|e| Failure::permanent(e.to_string()))
}
