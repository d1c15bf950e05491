//! Report readers: a few long-lived threads that read the pieces of report
//! periods side by side. A long period's durations take megabytes; on
//! threads that come and go, every one of them would leave its own
//! allocator arena holding that much behind, while on these few threads the
//! memory is reused by the next report. They also bound how many report
//! reads run at once, so reports never crowd out the inbox and intake.

use crate::conn::{AnyConnection, Pool};
use crate::error::StoreError;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Runs on a reader thread, which lends it the pool.
type Job = Box<dyn FnOnce(&Pool) + Send>;

/// A handle to the report readers; cheap to clone.
#[derive(Clone)]
pub struct ReportReaders {
    queue: mpsc::SyncSender<Job>,
}

impl ReportReaders {
    /// Starts `threads` reader threads on connections from `pool`.
    pub fn start(pool: Pool, threads: usize) -> Result<Self, StoreError> {
        let (queue, jobs) = mpsc::sync_channel::<Job>(1024);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..threads.max(1) {
            let jobs = Arc::clone(&jobs);
            let pool = pool.clone();
            std::thread::Builder::new()
                .name(format!("heard-reports-{n}"))
                .spawn(move || run(pool, jobs))
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        }
        Ok(Self { queue })
    }

    /// Runs `f` on a reader thread with a pooled connection and returns its result.
    pub async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |pool| f(&mut *pool.get()?)).await
    }

    /// Runs `f` on a reader thread without a connection: adding up what
    /// reads returned keeps the memory on the readers too.
    pub async fn compute<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: FnOnce() -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |_| f()).await
    }

    async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: FnOnce(&Pool) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |pool| {
            // The caller may have gone away; nothing to tell then.
            let _ = tx.send(f(pool));
        });
        self.queue
            .send(job)
            .map_err(|_| StoreError::Unavailable("report readers stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Unavailable("report readers stopped".into()))?
    }
}

fn run(pool: Pool, jobs: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let job = {
            let Ok(receiver) = jobs.lock() else { return };
            let Ok(job) = receiver.recv() else { return };
            job
        };
        job(&pool);
    }
}
