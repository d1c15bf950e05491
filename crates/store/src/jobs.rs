//! Durable jobs: work that runs after a commit, claimed by the workers of
//! every server. A claim leases jobs to one worker (on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, so servers never take the same job; on SQLite
//! claims go through the one writer); a worker that stops loses its lease
//! and the job is taken again. Each state change names the lease it needs,
//! so a worker that lost its lease cannot finish somebody else's try.

use crate::cases::stored;
use crate::error::StoreError;
use crate::rows::JobRow;
use crate::schema::jobs;
use crate::AnyConnection;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use heard_domain::jobs::{JobKind, JobState, RetryPolicy};
use heard_domain::{DistrictId, JobId};

/// A job of `kind`, once per `dedupe_key`, due at `run_at`.
pub fn new_job(
    kind: JobKind,
    dedupe_key: String,
    district_id: Option<DistrictId>,
    payload: String,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> JobRow {
    JobRow {
        id: JobId::new(),
        kind,
        dedupe_key,
        district_id,
        payload,
        state: JobState::Due,
        run_at: stored(run_at),
        attempts: 0,
        max_attempts: i64::from(RetryPolicy::of(kind).max_attempts),
        lease_owner: None,
        lease_until: None,
        last_error: None,
        created_at: stored(now),
        updated_at: stored(now),
        finished_at: None,
    }
}

/// Adds `rows`, skipping any whose kind and key are already there: asking
/// twice for the same work makes it once. Answers how many were added.
pub fn enqueue(c: &mut AnyConnection, rows: &[JobRow]) -> Result<usize, StoreError> {
    let mut added = 0;
    match &mut *c {
        // diesel has no multi-row insert with a conflict clause for SQLite,
        // but has `INSERT OR IGNORE`, which skips the rows the unique
        // (kind, dedupe_key) refuses. It would also skip a row breaking any
        // other constraint: the rows are built by `new_job`, which keeps them.
        AnyConnection::Sqlite(c) => {
            for chunk in rows.chunks(256) {
                added += diesel::insert_or_ignore_into(jobs::table)
                    .values(chunk)
                    .execute(c)?;
            }
        }
        AnyConnection::Postgresql(c) => {
            for chunk in rows.chunks(256) {
                added += diesel::insert_into(jobs::table)
                    .values(chunk)
                    .on_conflict((jobs::kind, jobs::dedupe_key))
                    .do_nothing()
                    .execute(c)?;
            }
        }
    }
    Ok(added)
}

/// What a claim left behind: running jobs whose workers stopped during
/// every try they had are dead rather than taken again.
fn bury_abandoned(c: &mut AnyConnection, now: NaiveDateTime) -> Result<usize, StoreError> {
    Ok(diesel::update(
        jobs::table
            .filter(jobs::state.eq(JobState::Running))
            .filter(jobs::lease_until.lt(now))
            .filter(jobs::attempts.ge(jobs::max_attempts)),
    )
    .set((
        jobs::state.eq(JobState::Dead),
        jobs::lease_owner.eq(None::<String>),
        jobs::lease_until.eq(None::<NaiveDateTime>),
        jobs::last_error.eq("its worker stopped during the last try it had"),
        jobs::updated_at.eq(now),
        jobs::finished_at.eq(now),
    ))
    .execute(c)?)
}

/// Whether any job could be claimed at `now`: a read, so that a worker
/// with nothing to do does not take the writer's time to find that out.
pub fn any_claimable(c: &mut AnyConnection, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let now = stored(now);
    let due = jobs::table
        .filter(jobs::state.eq(JobState::Due))
        .filter(jobs::run_at.le(now))
        .select(jobs::id)
        .first::<JobId>(c)
        .optional()?;
    if due.is_some() {
        return Ok(true);
    }
    Ok(jobs::table
        .filter(jobs::state.eq(JobState::Running))
        .filter(jobs::lease_until.lt(now))
        .select(jobs::id)
        .first::<JobId>(c)
        .optional()?
        .is_some())
}

/// Leases up to `limit` jobs that are due (or whose worker lost its lease)
/// to `owner` for `lease`, counting a try for each; oldest first.
pub fn claim(
    c: &mut AnyConnection,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<JobRow>, StoreError> {
    let now = stored(now);
    c.transaction(|c| {
        bury_abandoned(c, now)?;
        // Due jobs and lapsed leases are asked for apart, each in `run_at`
        // order along `jobs_by_state`, so a claim reads `limit` rows of each
        // however long the queue: asked with OR, SQLite gathers every due
        // row and sorts them all to keep a few.
        let due = jobs::table
            .filter(jobs::state.eq(JobState::Due))
            .filter(jobs::run_at.le(now))
            .order(jobs::run_at)
            .limit(limit)
            .select((jobs::id, jobs::run_at));
        let lapsed = jobs::table
            .filter(jobs::state.eq(JobState::Running))
            .filter(jobs::lease_until.lt(now))
            .order(jobs::run_at)
            .limit(limit)
            .select((jobs::id, jobs::run_at));
        let mut found: Vec<(JobId, NaiveDateTime)> = match &mut *c {
            // Locked rows are another server's claim in progress: skipped,
            // not waited for.
            AnyConnection::Postgresql(pg) => {
                let mut rows = due.for_update().skip_locked().load(pg)?;
                rows.extend(
                    lapsed
                        .for_update()
                        .skip_locked()
                        .load::<(JobId, NaiveDateTime)>(pg)?,
                );
                rows
            }
            AnyConnection::Sqlite(s) => {
                let mut rows = due.load(s)?;
                rows.extend(lapsed.load::<(JobId, NaiveDateTime)>(s)?);
                rows
            }
        };
        found.sort_by_key(|(_, run_at)| *run_at);
        let ids: Vec<JobId> = found
            .into_iter()
            .take(usize::try_from(limit).unwrap_or(0))
            .map(|(id, _)| id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(jobs::table.filter(jobs::id.eq_any(&ids)))
            .set((
                jobs::state.eq(JobState::Running),
                jobs::lease_owner.eq(owner),
                jobs::lease_until.eq(now + lease),
                jobs::attempts.eq(jobs::attempts + 1),
                jobs::updated_at.eq(now),
            ))
            .execute(c)?;
        Ok(jobs::table
            .filter(jobs::id.eq_any(&ids))
            .order(jobs::run_at)
            .select(JobRow::as_select())
            .load(c)?)
    })
}

/// Leases the one job `id` to `owner` if it is due, counting a try: for
/// work a command runs at once instead of leaving it to a server's worker.
pub fn claim_due(
    c: &mut AnyConnection,
    id: JobId,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<JobRow>, StoreError> {
    let now = stored(now);
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::state.eq(JobState::Due))
            .filter(jobs::run_at.le(now)),
    )
    .set((
        jobs::state.eq(JobState::Running),
        jobs::lease_owner.eq(owner),
        jobs::lease_until.eq(now + lease),
        jobs::attempts.eq(jobs::attempts + 1),
        jobs::updated_at.eq(now),
    ))
    .execute(c)?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(
        jobs::table.find(id).select(JobRow::as_select()).first(c)?,
    ))
}

/// A job by id, while a given worker holds it.
type Held = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<jobs::table, diesel::dsl::Eq<jobs::id, JobId>>,
        diesel::dsl::Eq<jobs::lease_owner, String>,
    >,
    diesel::dsl::Eq<jobs::state, JobState>,
>;

/// The job `id` as long as `owner` holds it.
fn held(id: JobId, owner: &str) -> Held {
    jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::lease_owner.eq(owner.to_owned()))
        .filter(jobs::state.eq(JobState::Running))
}

/// Extends `owner`'s lease on job `id` to `until`; false when it no longer
/// holds it (it should stop working on it).
pub fn renew(
    c: &mut AnyConnection,
    id: JobId,
    owner: &str,
    until: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = diesel::update(held(id, owner))
        .set(jobs::lease_until.eq(stored(until)))
        .execute(c)?;
    Ok(n == 1)
}

/// Marks `owner`'s job `id` done; false when it had lost the lease.
pub fn finish(
    c: &mut AnyConnection,
    id: JobId,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now = stored(now);
    let n = diesel::update(held(id, owner))
        .set((
            jobs::state.eq(JobState::Done),
            jobs::lease_owner.eq(None::<String>),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::updated_at.eq(now),
            jobs::finished_at.eq(now),
        ))
        .execute(c)?;
    Ok(n == 1)
}

/// Records that `owner`'s try of job `id` failed with `error`: due again at
/// `retry_at`, or dead when there is none. False when it had lost the lease.
pub fn fail(
    c: &mut AnyConnection,
    id: JobId,
    owner: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now = stored(now);
    // Errors can quote whole server answers; what an admin needs is the start.
    let error: String = error.chars().take(2000).collect();
    // A dead job keeps the time it died as its run_at.
    let (state, run_at, finished) = match retry_at {
        Some(at) => (JobState::Due, stored(at), None),
        None => (JobState::Dead, now, Some(now)),
    };
    let n = diesel::update(held(id, owner))
        .set((
            jobs::state.eq(state),
            jobs::lease_owner.eq(None::<String>),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(Some(error)),
            jobs::run_at.eq(run_at),
            jobs::updated_at.eq(now),
            jobs::finished_at.eq(finished),
        ))
        .execute(c)?;
    Ok(n == 1)
}

/// An admin's retry of a dead job of `district`: due now, with every try
/// of its policy again. False when there is no such dead job.
pub fn retry(
    c: &mut AnyConnection,
    district: DistrictId,
    id: JobId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now = stored(now);
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::district_id.eq(district))
            .filter(jobs::state.eq(JobState::Dead)),
    )
    .set((
        jobs::state.eq(JobState::Due),
        jobs::run_at.eq(now),
        jobs::attempts.eq(0),
        jobs::updated_at.eq(now),
        jobs::finished_at.eq(None::<NaiveDateTime>),
    ))
    .execute(c)?;
    Ok(n == 1)
}

/// Whether a job of `kind` for `district` is waiting or running.
pub fn pending(
    c: &mut AnyConnection,
    kind: JobKind,
    district: DistrictId,
) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        jobs::table
            .filter(jobs::kind.eq(kind))
            .filter(jobs::district_id.eq(district))
            .filter(jobs::state.eq_any([JobState::Due, JobState::Running])),
    ))
    .get_result(c)?)
}

/// The id of the job of `kind` made for `dedupe_key`, if there is one.
pub fn find(
    c: &mut AnyConnection,
    kind: JobKind,
    dedupe_key: &str,
) -> Result<Option<JobId>, StoreError> {
    Ok(jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::dedupe_key.eq(dedupe_key))
        .select(jobs::id)
        .first(c)
        .optional()?)
}

/// The job `id` of `district`.
pub fn get(c: &mut AnyConnection, district: DistrictId, id: JobId) -> Result<JobRow, StoreError> {
    Ok(jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::district_id.eq(district))
        .select(JobRow::as_select())
        .first(c)?)
}

/// Up to `limit` jobs of `district` in `state`, newest first, after the
/// job `after` of a previous page.
pub fn list(
    c: &mut AnyConnection,
    district: DistrictId,
    state: Option<JobState>,
    after: Option<JobId>,
    limit: i64,
) -> Result<Vec<JobRow>, StoreError> {
    let mut q = jobs::table
        .filter(jobs::district_id.eq(district))
        .into_boxed();
    if let Some(s) = state {
        q = q.filter(jobs::state.eq(s));
    }
    if let Some(a) = after {
        q = q.filter(jobs::id.lt(a));
    }
    Ok(q.order(jobs::id.desc())
        .limit(limit)
        .select(JobRow::as_select())
        .load(c)?)
}

/// How many jobs there are of each kind in each state.
pub fn counts(c: &mut AnyConnection) -> Result<Vec<(JobKind, JobState, i64)>, StoreError> {
    Ok(jobs::table
        .group_by((jobs::kind, jobs::state))
        .select((jobs::kind, jobs::state, diesel::dsl::count_star()))
        .load(c)?)
}

/// When the job that has waited longest became due, of each kind.
pub fn oldest_due(
    c: &mut AnyConnection,
    now: DateTime<Utc>,
) -> Result<Vec<(JobKind, Option<NaiveDateTime>)>, StoreError> {
    Ok(jobs::table
        .filter(jobs::state.eq(JobState::Due))
        .filter(jobs::run_at.le(stored(now)))
        .group_by(jobs::kind)
        .select((jobs::kind, diesel::dsl::min(jobs::run_at)))
        .load(c)?)
}

/// Removes jobs finished (done) before `before`; answers how many.
pub fn prune_done(c: &mut AnyConnection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        jobs::table
            .filter(jobs::state.eq(JobState::Done))
            .filter(jobs::finished_at.lt(stored(before))),
    )
    .execute(c)?)
}
