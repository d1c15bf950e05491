//! Connections to either backend, chosen by the URL scheme.

use crate::error::StoreError;
use chrono::{NaiveDateTime, SubsecRound};
use diesel::connection::SimpleConnection;
use diesel::connection::TransactionManager;
use diesel::r2d2::{self, ManageConnection};
use diesel::{Connection, PgConnection, SqliteConnection};
use std::time::Duration;

/// A connection to SQLite or PostgreSQL; queries written once run on both.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL.
    Postgresql(PgConnection),
    /// SQLite.
    Sqlite(SqliteConnection),
}

impl AnyConnection {
    /// Which engine this connection talks to.
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgresql(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Which database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// SQLite takes one writer at a time. On PostgreSQL two: one writer fills
    /// its batch while the other waits for its commit; more would only split
    /// the submissions into smaller batches that queue on the district's
    /// repeat-contact lock (measured: 2,622/s with two, 1,633/s with four).
    pub fn writer_threads(self) -> usize {
        match self {
            Backend::Sqlite => 1,
            Backend::Postgres => 2,
        }
    }

    /// `t` as it is kept: to the microsecond on both engines (PostgreSQL
    /// keeps no more; times are taken to the microsecond, see
    /// [`crate::clock::now`]). Numbers derived from times before they are
    /// stored are derived from these, to agree with what is read back.
    pub fn stored_time(self, t: NaiveDateTime) -> NaiveDateTime {
        t.trunc_subsecs(6)
    }
}

/// A parsed `HEARD_DATABASE_URL`: `sqlite://PATH` (or a bare path) or `postgres://…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    /// What the driver is given: the file path for SQLite, the URL for PostgreSQL.
    target: String,
}

impl DatabaseUrl {
    /// Reads the URL; the scheme picks the backend.
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        let raw = raw.trim();
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(StoreError::Url("sqlite URL needs a file path".into()));
            }
            return Ok(Self {
                backend: Backend::Sqlite,
                target: path.to_owned(),
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: raw.to_owned(),
            });
        }
        Err(StoreError::Url(
            "must start with sqlite:// or postgres://".into(),
        ))
    }

    /// The engine.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite file path or the PostgreSQL URL.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Opens one connection, with the per-connection settings applied.
    pub fn connect(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        match self.backend {
            Backend::Postgres => {
                let mut c = PgConnection::establish(&self.target)?;
                // Custom plans every time: prepared statements are cached, and a
                // generic plan for an inbox filter can scan a million rows where
                // the plan for the actual values reads fifty.
                c.batch_execute("SET TIME ZONE 'UTC'; SET plan_cache_mode = force_custom_plan")
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(AnyConnection::Postgresql(c))
            }
            Backend::Sqlite => {
                let mut c = SqliteConnection::establish(&self.target)?;
                // WAL lets readers run beside the writer; synchronous=FULL makes a
                // commit durable before it returns, so a 201 survives a crash.
                // The soft heap limit (one for the whole process) makes the
                // connections' page caches reuse their pages past 4 MB in all,
                // instead of each pooled connection growing its own to 2 MB:
                // the database file stays in the OS cache either way.
                c.batch_execute(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = FULL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA soft_heap_limit = 4194304;",
                )
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                crate::reports::sqlite_totals::register(&mut c)
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(AnyConnection::Sqlite(c))
            }
        }
    }
}

/// Creates connections for the pool.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, r2d2::Error> {
        self.url.connect().map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        // A connection handed back inside a transaction (a writer that
        // panicked mid-batch) must serve nobody again: pooled, its open
        // transaction would swallow the next user's commits. Closing it
        // rolls that transaction back.
        let status =
            <AnyConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn);
        !matches!(status.transaction_depth(), Ok(None))
    }
}

/// A pool of connections.
pub type Pool = r2d2::Pool<Manager>;

/// Opens a pool; fails at once if the database cannot be reached.
pub fn pool(url: &DatabaseUrl, timeout: Duration) -> Result<Pool, StoreError> {
    let size = match url.backend {
        Backend::Sqlite => 8,
        Backend::Postgres => 16,
    };
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(timeout)
        .test_on_check_out(false)
        .build(Manager { url: url.clone() })
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend() {
        let s = DatabaseUrl::parse("sqlite://./heard.db").expect("sqlite");
        assert_eq!((s.backend(), s.target()), (Backend::Sqlite, "./heard.db"));
        let p = DatabaseUrl::parse("postgres://u@h/db").expect("pg");
        assert_eq!(p.backend(), Backend::Postgres);
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn both_keep_microseconds() {
        let t = chrono::DateTime::from_timestamp(1_795_000_000, 123_456_789)
            .expect("time")
            .naive_utc();
        for b in [Backend::Sqlite, Backend::Postgres] {
            assert_eq!(
                b.stored_time(t).and_utc().timestamp_subsec_nanos(),
                123_456_000
            );
        }
    }
}
