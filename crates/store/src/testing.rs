//! Fresh, throwaway databases for tests on either backend.
//!
//! `HEARD_TEST_DATABASE_URL` unset: a new SQLite file per test. Set to a
//! PostgreSQL server URL: a new database per test on that server, dropped
//! afterwards. A server that cannot be reached fails the test, never skips it.

use crate::conn::{Backend, DatabaseUrl};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

/// A database that disappears when dropped.
pub struct TestDatabase {
    /// Where it is.
    pub url: DatabaseUrl,
    /// The raw URL, for `HEARD_DATABASE_URL`.
    pub raw: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// Creates a fresh, empty database.
    ///
    /// # Panics
    /// When the test database server cannot be reached: a test must not pass without it.
    #[allow(clippy::expect_used, clippy::panic)]
    pub fn new() -> Self {
        match std::env::var("HEARD_TEST_DATABASE_URL")
            .ok()
            .filter(|s| !s.is_empty())
        {
            Some(admin_url) => {
                let name = format!("heard_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!("HEARD_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}")
                });
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let raw = format!("{base}/{name}");
                Self {
                    url: DatabaseUrl::parse(&raw).expect("postgres url"),
                    raw,
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            None => {
                let path = std::env::temp_dir()
                    .join(format!("heard-test-{}.db", uuid::Uuid::new_v4().simple()));
                let raw = format!("sqlite://{}", path.display());
                Self {
                    url: DatabaseUrl::parse(&raw).expect("sqlite url"),
                    raw,
                    cleanup: Cleanup::Sqlite(path),
                }
            }
        }
    }

    /// Which backend the tests run on.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ = admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}
