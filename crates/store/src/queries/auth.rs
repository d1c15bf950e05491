//! Refresh tokens, stored only as hashes, and the sign-in sessions they
//! belong to: a session lives while one of its tokens is unused and unexpired.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::rows::RefreshTokenRow;
use crate::schema::refresh_tokens;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::StaffId;

/// Stores a new refresh token hash.
pub fn insert_refresh(conn: &mut AnyConnection, row: &RefreshTokenRow) -> Result<(), StoreError> {
    diesel::insert_into(refresh_tokens::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Whose a used refresh token was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumed {
    /// The staff member it was issued to.
    pub staff_id: StaffId,
    /// The session it belongs to, which its successor keeps.
    pub session_id: String,
}

/// Revokes a live, unexpired refresh token and says whose it was; `None` if
/// it is unknown, expired or already used (each refresh token works once).
pub fn consume_refresh(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<Consumed>, StoreError> {
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
    let (staff_id, session_id) = refresh_tokens::table
        .find(token_hash)
        .select((refresh_tokens::staff_id, refresh_tokens::session_id))
        .first(conn)?;
    Ok(Some(Consumed {
        staff_id,
        session_id,
    }))
}

/// Which sessions a sign-out ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOut {
    /// The session the refresh token belongs to.
    Session,
    /// Every session of the staff member the token was issued to.
    Everywhere,
}

/// Ends the session of the refresh token `token_hash`, or every session of
/// its staff member; returns how many tokens that revoked. The token may be
/// used or expired already (a browser that lost a race with its own refresh
/// still signs out); an unknown token ends nothing.
pub fn sign_out(
    conn: &mut AnyConnection,
    token_hash: &str,
    scope: SignOut,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    let Some((staff_id, session_id)) = refresh_tokens::table
        .find(token_hash)
        .select((refresh_tokens::staff_id, refresh_tokens::session_id))
        .first::<(StaffId, String)>(conn)
        .optional()?
    else {
        return Ok(0);
    };
    let revoke = |conn: &mut AnyConnection| {
        let live = refresh_tokens::revoked_at.is_null();
        let revoked = refresh_tokens::revoked_at.eq(Some(now));
        match scope {
            SignOut::Session => diesel::update(
                refresh_tokens::table
                    .filter(refresh_tokens::session_id.eq(&session_id))
                    .filter(live),
            )
            .set(revoked)
            .execute(conn),
            SignOut::Everywhere => diesel::update(
                refresh_tokens::table
                    .filter(refresh_tokens::staff_id.eq(staff_id))
                    .filter(live),
            )
            .set(revoked)
            .execute(conn),
        }
    };
    // Twice: on PostgreSQL a refresh can rotate a token of the session while
    // the first statement waits for that token's row; the token it put in
    // its place is visible only to a statement that starts after it commits.
    let first = revoke(conn)?;
    Ok(first + revoke(conn)?)
}

/// Whether staff member `staff_id` is still signed in to session
/// `session_id`: one of its refresh tokens is unused and unexpired.
pub fn session_is_live(
    conn: &mut AnyConnection,
    staff_id: StaffId,
    session_id: &str,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        refresh_tokens::table
            .filter(refresh_tokens::session_id.eq(session_id))
            .filter(refresh_tokens::staff_id.eq(staff_id))
            .filter(refresh_tokens::revoked_at.is_null())
            .filter(refresh_tokens::expires_at.gt(now)),
    ))
    .get_result(conn)?)
}

/// Ends every session of `staff_id` but `keep`; returns how many tokens
/// that revoked. Twice, as [`sign_out`] does, for a refresh racing it.
pub fn sign_out_elsewhere(
    conn: &mut AnyConnection,
    staff_id: StaffId,
    keep: &str,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    let revoke = |conn: &mut AnyConnection| {
        diesel::update(
            refresh_tokens::table
                .filter(refresh_tokens::staff_id.eq(staff_id))
                .filter(refresh_tokens::session_id.ne(keep))
                .filter(refresh_tokens::revoked_at.is_null()),
        )
        .set(refresh_tokens::revoked_at.eq(Some(now)))
        .execute(conn)
    };
    let first = revoke(conn)?;
    Ok(first + revoke(conn)?)
}
