//! Embedded migrations, one folder per backend with the same names.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Migration(e.to_string())
}

/// Applies every pending migration; returns how many ran.
pub fn run_pending(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    match conn {
        AnyConnection::Sqlite(c) => c
            .run_pending_migrations(SQLITE)
            .map(|v| v.len())
            .map_err(err),
        AnyConnection::Postgresql(c) => c
            .run_pending_migrations(POSTGRES)
            .map(|v| v.len())
            .map_err(err),
    }
}

/// Reverts every applied migration (tests and `heard migrate --down-all`).
pub fn revert_all(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    match conn {
        AnyConnection::Sqlite(c) => c
            .revert_all_migrations(SQLITE)
            .map(|v| v.len())
            .map_err(err),
        AnyConnection::Postgresql(c) => c
            .revert_all_migrations(POSTGRES)
            .map(|v| v.len())
            .map_err(err),
    }
}

/// Reverts the applied migrations newer than `version` (a folder name's
/// date part, `2026-12-01-000002`) and that one itself; returns how many.
/// For tests of what a migration does to the rows already stored.
pub fn revert_through(conn: &mut AnyConnection, version: &str) -> Result<usize, StoreError> {
    let wanted: String = version.chars().filter(char::is_ascii_digit).collect();
    let mut reverted = 0;
    loop {
        let last = match conn {
            AnyConnection::Sqlite(c) => c.revert_last_migration(SQLITE),
            AnyConnection::Postgresql(c) => c.revert_last_migration(POSTGRES),
        }
        .map_err(err)?;
        reverted += 1;
        let digits: String = last
            .to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if digits == wanted {
            return Ok(reverted);
        }
    }
}
