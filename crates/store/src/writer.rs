//! The write path: every write is a job on one queue. A writer thread takes
//! all jobs waiting, runs each in its own savepoint inside one transaction,
//! and answers them only after that transaction commits — so many concurrent
//! submissions share one durable commit (group commit), and nobody is told
//! "saved" before it is.

use crate::conn::{AnyConnection, Pool};
use crate::error::StoreError;
use diesel::Connection;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Told whether the shared transaction committed.
type Completion = Box<dyn FnOnce(Result<(), String>) + Send>;
/// Runs inside the shared transaction.
type Job = Box<dyn FnOnce(&mut AnyConnection) -> Completion + Send>;

/// The most jobs one commit carries; bounds the latency of the batch.
const MAX_BATCH: usize = 256;

/// A handle to the write queue; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::SyncSender<Job>,
}

impl Writer {
    /// Starts `threads` writer threads on connections from `pool`.
    pub fn start(pool: Pool, threads: usize) -> Result<Self, StoreError> {
        let (queue, jobs) = mpsc::sync_channel::<Job>(8192);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..threads.max(1) {
            let jobs = Arc::clone(&jobs);
            let pool = pool.clone();
            std::thread::Builder::new()
                .name(format!("heard-writer-{n}"))
                .spawn(move || run(pool, jobs))
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        }
        Ok(Self { queue })
    }

    /// Runs `f` in a savepoint of the next group commit and returns its result
    /// once the commit is durable. An `Err` from `f` undoes only `f`'s writes.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<diesel::result::Error> + From<StoreError> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |conn| {
            let outcome = conn.transaction(f);
            Box::new(move |commit: Result<(), String>| {
                let answer = match commit {
                    Ok(()) => outcome,
                    Err(e) => Err(E::from(StoreError::CommitFailed(e))),
                };
                // The caller may have gone away (client disconnected); the write stands.
                let _ = tx.send(answer);
            })
        });
        self.queue
            .send(job)
            .map_err(|_| E::from(StoreError::Unavailable("writer stopped".into())))?;
        rx.await
            .map_err(|_| E::from(StoreError::Unavailable("writer stopped".into())))?
    }
}

fn run(pool: Pool, jobs: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let batch = {
            let Ok(receiver) = jobs.lock() else { return };
            let Ok(first) = receiver.recv() else { return };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match receiver.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            batch
        };
        let mut completions: Vec<Completion> = Vec::with_capacity(batch.len());
        let commit = match pool.get() {
            Ok(mut conn) => conn
                .transaction::<_, diesel::result::Error, _>(|c| {
                    for job in batch {
                        completions.push(job(c));
                    }
                    Ok(())
                })
                .map_err(|e| e.to_string()),
            Err(e) => {
                tracing::error!(error = %e, "writer could not get a connection");
                // Jobs that never ran are answered by dropping their senders.
                Err(e.to_string())
            }
        };
        if let Err(e) = &commit {
            tracing::error!(error = %e, "group commit failed");
        }
        for done in completions {
            done(commit.clone());
        }
    }
}
