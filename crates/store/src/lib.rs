//! Heard's storage: one diesel code path over SQLite (embedded default) and
//! PostgreSQL (production and scale-out), chosen by the database URL.

pub mod audit;
pub mod backup;
pub mod cases;
pub mod checkpoint;
pub mod clock;
pub mod conn;
pub mod error;
pub mod jobs;
pub mod migrate;
pub mod outbox;
pub mod queries;
pub mod reports;
pub mod retention;
pub mod rows;
pub mod schema;
pub mod sql;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod timeline;
pub mod views;
pub mod writer;

pub use conn::{AnyConnection, Backend, DatabaseUrl, Pool};
pub use error::StoreError;
pub use reports::readers::ReportReaders;
pub use writer::{NewInquiryRows, Writer};

use std::time::Duration;

/// Readers share a pool; every write goes through the [`Writer`].
#[derive(Clone)]
pub struct Store {
    /// Connections for reads (and for maintenance outside the hot path).
    pub pool: Pool,
    /// The single queue all writes pass through, so concurrent submissions share commits.
    pub writer: Writer,
    /// Which database this is.
    pub backend: Backend,
    /// The threads that read report periods, piece by piece side by side.
    pub reports: ReportReaders,
}

/// How a [`Store`] is set up beyond its database URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// Writes that may wait for the writer; past that, [`StoreError::Busy`].
    pub write_queue_depth: usize,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            write_queue_depth: writer::DEFAULT_QUEUE_DEPTH,
        }
    }
}

impl Store {
    /// [`Store::open_with`] the default options.
    pub fn open(url: &DatabaseUrl) -> Result<Self, StoreError> {
        Self::open_with(url, StoreOptions::default())
    }

    /// Connects, applies pending migrations, adds report facts to inquiries
    /// stored without them, and starts the writer.
    pub fn open_with(url: &DatabaseUrl, options: StoreOptions) -> Result<Self, StoreError> {
        let pool = conn::pool(url, Duration::from_secs(5))?;
        {
            let mut c = pool.get()?;
            migrate::run_pending(&mut c)?;
            reports::backfill::run_unless_completed(&mut c)?;
        }
        let checkpoints = match url.backend() {
            Backend::Sqlite => Some(
                checkpoint::Checkpoints::start(url)
                    .map_err(|e| StoreError::Unavailable(e.to_string()))?,
            ),
            Backend::Postgres => None,
        };
        let writer = Writer::start(
            pool.clone(),
            url.backend().writer_threads(),
            options.write_queue_depth,
            checkpoints,
        )?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let reports = ReportReaders::start(pool.clone(), cores.min(2))?;
        Ok(Self {
            pool,
            writer,
            backend: url.backend(),
            reports,
        })
    }

    /// Runs `f` on a pooled connection. Blocking: call it from a blocking thread.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut AnyConnection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut c = self.pool.get()?;
        f(&mut c)
    }
}

/// Inserts many rows in one statement per chunk. Multi-row inserts are
/// backend-specific in diesel, so this matches the connection once.
#[macro_export]
macro_rules! insert_batch {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        match $conn {
            $crate::AnyConnection::Sqlite(c) => {
                diesel::insert_into($table).values($rows).execute(c)
            }
            $crate::AnyConnection::Postgresql(c) => {
                diesel::insert_into($table).values($rows).execute(c)
            }
        }
    }};
}
