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
