//! Refresh tokens, stored only as hashes.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::RefreshTokenRow;
use crate::schema::refresh_tokens;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Stores a new refresh token hash.
pub fn insert_refresh(conn: &mut AnyConnection, row: &RefreshTokenRow) -> Result<(), StoreError> {
    diesel::insert_into(refresh_tokens::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Revokes a live, unexpired refresh token and returns its staff id; `None` if
/// it is unknown, expired or already used (each refresh token works once).
pub fn consume_refresh(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<heard_domain::StaffId>, StoreError> {
    let revoked = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(token_hash))
            .filter(refresh_tokens::revoked_at.is_null())
            .filter(refresh_tokens::expires_at.gt(now)),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    if revoked == 0 {
        return Ok(None);
    }
    Ok(Some(
        refresh_tokens::table
            .find(token_hash)
            .select(refresh_tokens::staff_id)
            .first(conn)?,
    ))
}
