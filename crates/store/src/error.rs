//! What can go wrong in storage.

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// Somebody changed the thing since the version a change was based on.
    #[error("it changed since version {0}")]
    Stale(i64),
    /// A unique constraint refused the write; the text names the constraint or column.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database URL is not one Heard can use.
    #[error("invalid database URL: {0}")]
    Url(String),
    /// Could not get a connection.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The write queue is full; nothing was queued, and the write may be
    /// sent again shortly.
    #[error("the writer is busy")]
    Busy,
    /// The write's own code panicked; nothing of it was stored. The text is
    /// the panic's message, for the log only.
    #[error("the write panicked: {0}")]
    Panicked(String),
    /// The transaction holding this write did not commit.
    #[error("commit failed: {0}")]
    CommitFailed(String),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A stored value could not be read back (corrupt or foreign data).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => StoreError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StoreError::Conflict(info.constraint_name().unwrap_or(info.message()).to_owned())
            }
            Error::DeserializationError(e) => StoreError::Corrupt(e.to_string()),
            other => StoreError::Database(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        StoreError::Unavailable(e.to_string())
    }
}
