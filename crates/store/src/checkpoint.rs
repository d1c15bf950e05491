//! SQLite checkpoints (copying committed pages from the write-ahead log into
//! the database file) on a thread of their own. Left to SQLite, the commit
//! that takes the log past 1000 pages runs the checkpoint itself, on the one
//! writer thread that every submission waits for: while it copies and syncs
//! the file, intake stands still. Here the writer only notes that it
//! committed, and this thread checkpoints a few times a second beside it.

use crate::conn::DatabaseUrl;
use diesel::connection::SimpleConnection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the log is copied into the database file while writes go on.
const EVERY: Duration = Duration::from_millis(100);

/// The log size at which the writer checkpoints after all, should this
/// thread fall behind: 40 MB of 4 KiB pages.
pub const WRITER_BACKSTOP_PAGES: u32 = 10_000;

/// What the writers tell the checkpoint thread.
#[derive(Debug, Default)]
pub struct Checkpoints {
    committed: AtomicBool,
}

impl Checkpoints {
    /// Starts the checkpoint thread for the SQLite database at `url`; it
    /// stops once the returned handle and its clones are dropped.
    pub fn start(url: &DatabaseUrl) -> std::io::Result<Arc<Self>> {
        let checkpoints = Arc::new(Self::default());
        let watched = Arc::downgrade(&checkpoints);
        let url = url.clone();
        std::thread::Builder::new()
            .name("heard-checkpoint".into())
            .spawn(move || run(&url, &watched))?;
        Ok(checkpoints)
    }

    /// A writer committed: the log has pages to copy.
    pub fn committed(&self) {
        self.committed.store(true, Ordering::Release);
    }
}

fn run(url: &DatabaseUrl, watched: &Weak<Checkpoints>) {
    let mut conn = None;
    loop {
        std::thread::sleep(EVERY);
        let Some(checkpoints) = watched.upgrade() else {
            return;
        };
        if !checkpoints.committed.swap(false, Ordering::AcqRel) {
            continue;
        }
        drop(checkpoints);
        let c = match conn.as_mut() {
            Some(c) => c,
            None => match url.connect() {
                Ok(c) => conn.insert(c),
                Err(e) => {
                    tracing::warn!(error = %e, "checkpoint thread could not connect");
                    continue;
                }
            },
        };
        // PASSIVE copies what no reader still needs and never waits for the
        // writer or the readers; what it leaves, the next round copies.
        if let Err(e) = c.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
            tracing::warn!(error = %e, "checkpoint failed");
            conn = None;
        }
    }
}
