//! The worker's loop: hand the outbox on, claim as many due jobs as there
//! are free slots, run each under a renewed lease, and record how it ended.

use super::{account, deliver, dispatch, erase, recompute, Ctx, Outgoing};
use crate::state::AppState;
use chrono::Duration as Span;
use heard_domain::jobs::{JobKind, RetryPolicy, LEASE};
use heard_store::rows::JobRow;
use heard_store::{clock, jobs, StoreError};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};

/// How often the outbox is handed on, and an idle worker looks for work.
const POLL: Duration = Duration::from_millis(200);
/// How long stopping waits for the jobs in hand.
const STOP_WAIT: Duration = Duration::from_secs(10);
/// Writes waiting for the writer beyond which it counts as busy with what
/// families and staff are waiting for.
const BUSY_QUEUE: usize = 8;
/// Jobs run at once while the writer is busy: background work yields, but
/// mail keeps flowing, at a trickle, through a long burst.
const BUSY_SLOTS: usize = 2;
/// How long finished jobs are kept (for admins, and so a repeat stays a repeat).
const KEEP_DONE: Span = Span::days(7);

/// Why a try failed.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, for the admin who looks at a dead job.
    pub message: String,
    /// Trying again would fail the same way: the job is dead at once.
    pub permanent: bool,
}

impl Failure {
    /// A failure worth another try.
    pub fn transient(message: String) -> Self {
        Self {
            message,
            permanent: false,
        }
    }

    /// A failure no retry can mend.
    pub fn permanent(message: String) -> Self {
        Self {
            message,
            permanent: true,
        }
    }
}

/// Runs `f` (database reads) off the async thread, within the server's
/// bound on concurrent reads.
pub async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let _slot = state
        .gates
        .reads
        .acquire()
        .await
        .map_err(|_| StoreError::Unavailable("shutting down".into()))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Unavailable(format!("read task: {e}")))?
}

/// The worker thread's body: its own runtime, on which the SMTP connection
/// pool lives too.
pub(super) fn on_own_runtime(
    state: AppState,
    owner: String,
    slots: usize,
    stopped: watch::Receiver<bool>,
) {
    // Two threads for the worker's reads: its jobs wait on the network far
    // more than on the database, and every further thread would keep its
    // own allocator arena, memory held long after a burst.
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(2)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!(error = %e, "the worker could not start; no jobs run here");
            return;
        }
    };
    rt.block_on(async move {
        let outgoing = match Outgoing::from_settings(&state.settings) {
            Ok(o) => o,
            Err(e) => {
                tracing::error!(error = %e, "mail is not set up; no jobs run here");
                return;
            }
        };
        tracing::info!(mail = %outgoing.postman.describe(), slots, "worker started");
        let ctx = Arc::new(Ctx {
            state,
            outgoing,
            owner,
            wake: Notify::new(),
        });
        run(ctx, slots, stopped).await;
    });
}

async fn run(ctx: Arc<Ctx>, slots: usize, mut stopped: watch::Receiver<bool>) {
    let free = Arc::new(Semaphore::new(slots));
    let mut pruned = Instant::now();
    // Daily work is asked for at once, then every hour (once a day per key).
    let mut scheduled: Option<Instant> = None;
    let mut next_pass = tokio::time::Instant::now();
    loop {
        if *stopped.borrow() {
            break;
        }
        // The outbox is handed on every POLL, or at once while passes come
        // back full: a job finishing wakes the loop to claim the next one,
        // not to read the outbox again for the few entries since the last
        // pass, each pass a write and a notify job of its own.
        let mut full = false;
        if tokio::time::Instant::now() >= next_pass {
            let handed_on = dispatch::pass(&ctx).await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "outbox not handed on; trying again");
                0
            });
            full = handed_on as i64 == dispatch::BATCH;
            next_pass = tokio::time::Instant::now() + if full { Duration::ZERO } else { POLL };
        }
        let (started, wanted) = claim(&ctx, &free, slots).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "jobs not claimed; trying again");
            (0, 0)
        });
        if scheduled.is_none_or(|at| at.elapsed() > Duration::from_secs(3600)) {
            scheduled = Some(Instant::now());
            match erase::schedule(&ctx).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(districts = n, "requester erasure asked for");
                    ctx.wake.notify_one();
                }
                Err(e) => {
                    tracing::warn!(error = %e, "requester erasure not asked for; trying again in an hour")
                }
            }
        }
        if pruned.elapsed() > Duration::from_secs(3600) {
            pruned = Instant::now();
            prune(&ctx).await;
        }
        // A full batch or a full claim means more may be waiting.
        if full || (started > 0 && started == wanted) {
            continue;
        }
        // Jobs due later (retries) are found by the claim after the next pass.
        tokio::select! {
            _ = tokio::time::sleep_until(next_pass) => {}
            _ = ctx.wake.notified() => {}
            _ = stopped.changed() => break,
        }
    }
    // Jobs in hand finish; those that do not in time are taken again once
    // their lease ends.
    let _ = tokio::time::timeout(STOP_WAIT, free.acquire_many(slots as u32)).await;
}

/// Claims up to the free slots' worth of due jobs and starts them; answers
/// how many started of how many were wanted.
async fn claim(
    ctx: &Arc<Ctx>,
    free: &Arc<Semaphore>,
    slots: usize,
) -> Result<(usize, usize), StoreError> {
    let mut wanted = free.available_permits();
    if ctx.state.store.writer.queued() >= BUSY_QUEUE {
        let running = slots.saturating_sub(wanted);
        wanted = wanted.min(BUSY_SLOTS.saturating_sub(running));
    }
    if wanted == 0 {
        return Ok((0, 0));
    }
    let now = clock::now();
    let store = ctx.state.store.clone();
    if !blocking(&ctx.state, move || {
        store.read(|c| jobs::any_claimable(c, now))
    })
    .await?
    {
        return Ok((0, wanted));
    }
    let owner = ctx.owner.clone();
    let lease = LEASE;
    let claimed = ctx
        .state
        .store
        .writer
        .write(move |c| jobs::claim(c, &owner, now, lease, wanted as i64))
        .await?;
    let started = claimed.len();
    for job in claimed {
        // Only this loop takes slots, and it asked for no more than were free.
        let Ok(permit) = free.clone().try_acquire_owned() else {
            break;
        };
        tokio::spawn(run_one(ctx.clone(), job, permit));
    }
    Ok((started, wanted))
}

pub(super) async fn handle(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    match job.kind {
        JobKind::Mail => deliver::run(ctx, job).await,
        JobKind::Notify => dispatch::one(ctx, job).await,
        JobKind::AccountMail => account::run(ctx, job).await,
        JobKind::RecomputeCalendar => recompute::run(ctx, job).await,
        JobKind::EraseRequesters => erase::run(ctx, job).await,
    }
}

/// Runs `work` while renewing `job`'s lease; `None` when the lease was lost
/// (another worker may already be running the job, so this one stops).
async fn leased<T>(ctx: &Ctx, job: &JobRow, work: impl Future<Output = T>) -> Option<T> {
    let mut renew = tokio::time::interval((LEASE / 3).to_std().unwrap_or(Duration::from_secs(20)));
    renew.tick().await;
    tokio::pin!(work);
    loop {
        tokio::select! {
            out = &mut work => return Some(out),
            _ = renew.tick() => {
                let (id, owner) = (job.id, ctx.owner.clone());
                let until = clock::now() + LEASE;
                let kept = ctx.state.store.writer
                    .write(move |c| jobs::renew(c, id, &owner, until))
                    .await;
                match kept {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(job = %job.id, "lease lost; leaving the job to its new worker");
                        return None;
                    }
                    // The database is away: carry on, the finish will tell.
                    Err(e) => tracing::warn!(job = %job.id, error = %e, "lease not renewed"),
                }
            }
        }
    }
}

async fn run_one(ctx: Arc<Ctx>, job: JobRow, _slot: OwnedSemaphorePermit) {
    if let Some(outcome) = leased(&ctx, &job, handle(&ctx, &job)).await {
        if let Err(e) = record(&ctx, &job, outcome).await {
            // The lease runs out and the job is tried again.
            tracing::error!(job = %job.id, error = %e, "how the job ended was not recorded");
        }
    }
    ctx.wake.notify_one();
}

/// Stores how `job` ended: done (with the jobs it leads to), due again
/// after its backoff, or dead.
pub(super) async fn record(
    ctx: &Ctx,
    job: &JobRow,
    outcome: Result<Vec<JobRow>, Failure>,
) -> Result<(), StoreError> {
    let (id, owner, now) = (job.id, ctx.owner.clone(), clock::now());
    let held = match outcome {
        Ok(follow_ups) => {
            ctx.state
                .store
                .writer
                .write(move |c| {
                    let held = jobs::finish(c, id, &owner, now)?;
                    if held {
                        jobs::enqueue(c, &follow_ups)?;
                    }
                    Ok::<_, StoreError>(held)
                })
                .await?
        }
        Err(failure) => {
            let attempt = u32::try_from(job.attempts).unwrap_or(u32::MAX);
            let retry_at = if failure.permanent {
                None
            } else {
                RetryPolicy::of(job.kind).after_failure(attempt, now, rand::random::<f64>())
            };
            match retry_at {
                Some(at) => {
                    ctx.state.metrics.retried(job.kind);
                    tracing::warn!(job = %job.id, kind = %job.kind, attempt, error = %failure.message, retry_at = %at, "job failed; will try again");
                }
                None => {
                    tracing::error!(job = %job.id, kind = %job.kind, attempt, error = %failure.message, "job failed for good; an admin can retry it");
                }
            }
            let message = failure.message;
            ctx.state
                .store
                .writer
                .write(move |c| jobs::fail(c, id, &owner, &message, retry_at, now))
                .await?
        }
    };
    if !held {
        tracing::warn!(job = %job.id, "the job's lease had passed to another worker");
    }
    Ok(())
}

async fn prune(ctx: &Ctx) {
    let before = clock::now() - KEEP_DONE;
    match ctx
        .state
        .store
        .writer
        .write(move |c| jobs::prune_done(c, before))
        .await
    {
        Ok(n) if n > 0 => tracing::info!(removed = n, "finished jobs pruned"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "finished jobs not pruned"),
    }
}
