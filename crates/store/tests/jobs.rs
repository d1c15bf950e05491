//! Durable jobs: made once per key, leased to one worker at a time, tried
//! again after a failure, dead after the last try, retried by an admin, and
//! taken again when a worker stops. Handing outbox entries on is idempotent.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::{DateTime, Duration, Utc};
use heard_domain::jobs::{JobKind, JobState, RetryPolicy};
use heard_domain::{EventId, JobId};
use heard_store::rows::*;
use heard_store::testing::{self, TestDatabase, TestDistrict};
use heard_store::{jobs, outbox, Backend, Store, StoreError};
use std::collections::HashSet;

const D: TestDistrict = TestDistrict::numbered(3);

fn store() -> (TestDatabase, Store) {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    store
        .read(|c| {
            testing::insert_district(
                c,
                DistrictRow {
                    id: D.id,
                    ..testing::district_row("jobs")
                },
            )?;
            Ok(())
        })
        .expect("district");
    (db, store)
}

fn mail(key: &str, at: DateTime<Utc>) -> JobRow {
    jobs::new_job(JobKind::Mail, key.into(), Some(D.id), "{}".into(), at, at)
}

fn now() -> DateTime<Utc> {
    heard_store::clock::now()
}

#[test]
fn a_job_is_made_once_and_leased_to_one_worker() {
    let (_db, store) = store();
    let t = now();
    store
        .read(|c| {
            assert_eq!(jobs::enqueue(c, &[mail("e1", t), mail("e1", t)])?, 1);
            assert_eq!(jobs::enqueue(c, &[mail("e1", t)])?, 0, "asked again");
            let a = jobs::claim(c, "a", t, Duration::seconds(60), 10)?;
            assert_eq!(a.len(), 1);
            assert_eq!((a[0].state, a[0].attempts), (JobState::Running, 1));
            assert_eq!(a[0].lease_owner.as_deref(), Some("a"));
            assert!(jobs::claim(c, "b", t, Duration::seconds(60), 10)?.is_empty());
            assert!(!jobs::finish(c, a[0].id, "b", t)?, "not b's to finish");
            assert!(jobs::renew(c, a[0].id, "a", t + Duration::seconds(90))?);
            assert!(jobs::finish(c, a[0].id, "a", t)?);
            let done = jobs::get(c, D.id, a[0].id)?;
            assert_eq!(done.state, JobState::Done);
            assert!(done.finished_at.is_some() && done.lease_owner.is_none());
            assert!(!jobs::finish(c, a[0].id, "a", t)?, "finished once");
            assert!(
                jobs::claim(c, "a", t + Duration::hours(1), Duration::seconds(60), 10)?.is_empty()
            );
            Ok(())
        })
        .expect("jobs");
}

#[test]
fn a_failed_job_waits_its_backoff_then_dies_and_an_admin_retries_it() {
    let (_db, store) = store();
    let t = now();
    store
        .read(|c| {
            jobs::enqueue(c, &[mail("e2", t)])?;
            let policy = RetryPolicy::of(JobKind::Mail);
            let mut at = t;
            for attempt in 1..=policy.max_attempts {
                let claimed = jobs::claim(c, "w", at, Duration::seconds(60), 10)?;
                assert_eq!(claimed.len(), 1, "try {attempt}");
                assert_eq!(claimed[0].attempts, i64::from(attempt));
                let retry_at = policy.after_failure(attempt, at, 0.5);
                assert!(jobs::fail(
                    c,
                    claimed[0].id,
                    "w",
                    "smtp: 451 try later",
                    retry_at,
                    at
                )?);
                let Some(next) = retry_at else { break };
                // Not before its time.
                let early = next - Duration::milliseconds(10);
                assert!(jobs::claim(c, "w", early, Duration::seconds(60), 10)?.is_empty());
                at = next;
            }
            let dead = jobs::list(c, D.id, Some(JobState::Dead), None, 10)?;
            assert_eq!(dead.len(), 1);
            assert_eq!(dead[0].attempts, i64::from(policy.max_attempts));
            assert_eq!(dead[0].last_error.as_deref(), Some("smtp: 451 try later"));
            assert!(
                jobs::claim(c, "w", at + Duration::days(1), Duration::seconds(60), 10)?.is_empty()
            );

            assert!(
                !jobs::retry(c, testing::TestDistrict::numbered(4).id, dead[0].id, at)?,
                "another district's"
            );
            assert!(jobs::retry(c, D.id, dead[0].id, at)?);
            assert!(!jobs::retry(c, D.id, dead[0].id, at)?, "no longer dead");
            let again = jobs::claim(c, "w", at, Duration::seconds(60), 10)?;
            assert_eq!(
                (again.len(), again[0].attempts),
                (1, 1),
                "a full set of tries again"
            );
            Ok(())
        })
        .expect("jobs");
}

#[test]
fn a_stopped_worker_loses_its_lease_and_its_last_try_is_buried() {
    let (_db, store) = store();
    let t = now();
    store
        .read(|c| {
            jobs::enqueue(c, &[mail("e3", t)])?;
            let lease = Duration::seconds(60);
            let first = jobs::claim(c, "gone", t, lease, 10)?;
            assert_eq!(first.len(), 1);
            // Inside the lease nobody else takes it; after it, somebody does.
            assert!(jobs::claim(c, "next", t + Duration::seconds(59), lease, 10)?.is_empty());
            let later = t + Duration::seconds(61);
            let taken = jobs::claim(c, "next", later, lease, 10)?;
            assert_eq!((taken.len(), taken[0].attempts), (1, 2));
            assert!(
                !jobs::finish(c, first[0].id, "gone", later)?,
                "the lease was lost"
            );
            assert!(!jobs::renew(c, first[0].id, "gone", later + lease)?);

            // A job whose every try ended with its worker is dead, not run again.
            let max = i64::from(RetryPolicy::of(JobKind::Mail).max_attempts);
            let mut at = later;
            for _ in 2..max {
                at += Duration::seconds(61);
                assert_eq!(jobs::claim(c, "crashing", at, lease, 10)?.len(), 1);
            }
            at += Duration::seconds(61);
            assert!(jobs::claim(c, "crashing", at, lease, 10)?.is_empty());
            let job = jobs::get(c, D.id, first[0].id)?;
            assert_eq!((job.state, job.attempts), (JobState::Dead, max));
            assert!(job.last_error.is_some());
            Ok(())
        })
        .expect("jobs");
}

#[test]
fn a_claim_takes_the_oldest_first_whether_due_or_left_by_a_stopped_worker() {
    let (_db, store) = store();
    let t = now();
    let lease = Duration::seconds(60);
    store
        .read(|c| {
            // The oldest job is claimed by a worker that then stops.
            jobs::enqueue(c, &[mail("oldest", t)])?;
            let stopped = jobs::claim(c, "gone", t, lease, 1)?;
            let queue: Vec<JobRow> = (1..=40)
                .map(|i| mail(&format!("e{i}"), t + Duration::seconds(i)))
                .collect();
            jobs::enqueue(c, &queue)?;
            // Not due yet: never claimed, however many are asked for.
            jobs::enqueue(c, &[mail("later", t + Duration::hours(1))])?;
            let at = t + Duration::seconds(61);
            let first = jobs::claim(c, "next", at, lease, 3)?;
            let keys: Vec<&str> = first.iter().map(|j| j.dedupe_key.as_str()).collect();
            assert_eq!(keys, ["oldest", "e1", "e2"]);
            assert_eq!(first[0].id, stopped[0].id);
            let rest = jobs::claim(c, "next", at, lease, 100)?;
            assert_eq!(rest.len(), 38);
            assert!(rest.windows(2).all(|w| w[0].run_at <= w[1].run_at));
            assert!(rest.iter().all(|j| j.dedupe_key != "later"));
            Ok(())
        })
        .expect("jobs");
}

/// Eight workers claiming side by side take every job exactly once
/// (PostgreSQL: `SKIP LOCKED`; SQLite: one writer).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workers_side_by_side_claim_every_job_once() {
    let (_db, store) = store();
    let t = now();
    let rows: Vec<JobRow> = (0..400).map(|i| mail(&format!("k{i}"), t)).collect();
    store
        .writer
        .write(move |c| jobs::enqueue(c, &rows))
        .await
        .expect("enqueue");
    let mut workers = Vec::new();
    for w in 0..8 {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let owner = format!("w{w}");
                let claimed = store
                    .writer
                    .write(move |c| jobs::claim(c, &owner, t, Duration::seconds(60), 7))
                    .await?;
                if claimed.is_empty() {
                    return Ok::<_, StoreError>(mine);
                }
                mine.extend(claimed.into_iter().map(|j| j.id));
            }
        }));
    }
    let mut seen: HashSet<JobId> = HashSet::new();
    for w in workers {
        for id in w.await.expect("join").expect("claims") {
            assert!(seen.insert(id), "claimed twice");
        }
    }
    assert_eq!(seen.len(), 400);
    if store.backend == Backend::Postgres {
        // Straight on pooled connections too, outside the writer.
        let more: Vec<JobRow> = (0..200).map(|i| mail(&format!("p{i}"), t)).collect();
        store.read(|c| jobs::enqueue(c, &more)).expect("enqueue");
        let threads: Vec<_> = (0..6)
            .map(|w| {
                let store = store.clone();
                std::thread::spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let owner = format!("t{w}");
                        let got = store
                            .read(|c| jobs::claim(c, &owner, t, Duration::seconds(60), 5))
                            .expect("claim");
                        if got.is_empty() {
                            return mine;
                        }
                        mine.extend(got.into_iter().map(|j| j.id));
                    }
                })
            })
            .collect();
        let mut pooled = HashSet::new();
        for th in threads {
            for id in th.join().expect("join") {
                assert!(pooled.insert(id), "claimed twice");
            }
        }
        assert_eq!(pooled.len(), 200);
    }
}

#[test]
fn handing_on_an_entry_twice_makes_its_jobs_once() {
    let (_db, store) = store();
    let t = now();
    store
        .read(|c| {
            let event = EventId::new();
            let job = |key: &str| mail(&format!("{event}:{key}"), t);
            assert_eq!(outbox::hand_on(c, &[event], &[job("ack")])?, 1);
            assert_eq!(outbox::hand_on(c, &[event], &[job("ack")])?, 0);
            assert_eq!(jobs::list(c, D.id, None, None, 10)?.len(), 1);
            Ok(())
        })
        .expect("hand on");
}
