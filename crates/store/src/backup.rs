//! Online backup and restore of a SQLite database. PostgreSQL has its own
//! tools (`pg_dump`, `pg_restore`), which the README describes.

use crate::conn::{AnyConnection, Backend, DatabaseUrl};
use crate::error::StoreError;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(QueryableByName)]
struct Integrity {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

fn sqlite_path(url: &DatabaseUrl) -> Result<PathBuf, StoreError> {
    match url.backend() {
        Backend::Sqlite => Ok(PathBuf::from(url.target())),
        Backend::Postgres => Err(StoreError::Url(
            "backup and restore work on SQLite; for PostgreSQL use pg_dump and pg_restore".into(),
        )),
    }
}

fn sql_string(path: &Path) -> Result<String, StoreError> {
    let text = path
        .to_str()
        .ok_or_else(|| StoreError::Url("the backup path must be valid UTF-8".into()))?;
    Ok(format!("'{}'", text.replace('\'', "''")))
}

/// Checks a SQLite file is a sound Heard database.
pub fn verify(path: &Path) -> Result<(), StoreError> {
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display()))?;
    let mut conn = url
        .connect()
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let AnyConnection::Sqlite(c) = &mut conn else {
        return Err(StoreError::Url("not a SQLite file".into()));
    };
    let rows: Vec<Integrity> = diesel::sql_query("PRAGMA integrity_check").load(c)?;
    if rows.len() != 1 || rows[0].integrity_check != "ok" {
        let report: Vec<String> = rows.into_iter().map(|r| r.integrity_check).collect();
        return Err(StoreError::Corrupt(report.join("; ")));
    }
    // A Heard database has its migrations table and districts.
    c.batch_execute(
        "SELECT 1 FROM __diesel_schema_migrations LIMIT 1; SELECT 1 FROM districts LIMIT 1;",
    )
    .map_err(|_| StoreError::Corrupt("not a Heard database".into()))?;
    Ok(())
}

/// Writes a consistent copy of the live database to `dest` (which must not
/// exist) while it keeps taking writes, then checks the copy.
pub fn backup(url: &DatabaseUrl, dest: &Path) -> Result<(), StoreError> {
    sqlite_path(url)?;
    if dest.exists() {
        return Err(StoreError::Conflict(format!(
            "{} already exists",
            dest.display()
        )));
    }
    let mut conn = url
        .connect()
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    // VACUUM INTO reads one snapshot: the copy holds every commit before it
    // started and none after, whatever the writers do meanwhile.
    conn.batch_execute(&format!("VACUUM INTO {}", sql_string(dest)?))?;
    verify(dest)
}

/// Replaces the database with the backup at `src`. Refuses while the
/// database looks in use (its write-ahead log exists) unless `force`.
pub fn restore(url: &DatabaseUrl, src: &Path, force: bool) -> Result<(), StoreError> {
    let target = sqlite_path(url)?;
    verify(src)?;
    let side = |suffix: &str| {
        let mut p = target.clone().into_os_string();
        p.push(suffix);
        PathBuf::from(p)
    };
    if side("-wal").exists() && !force {
        return Err(StoreError::Conflict(
            "the database looks in use (its -wal file exists); stop `heard serve` first, or pass --force".into(),
        ));
    }
    let staging = side(".restoring");
    fs::copy(src, &staging).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    fs::File::open(&staging)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    for suffix in ["-wal", "-shm"] {
        // A log left from the old database would be replayed into the new one.
        let _ = fs::remove_file(side(suffix));
    }
    fs::rename(&staging, &target).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    verify(&target)
}
