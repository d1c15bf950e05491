//! HTTP routes, one module per audience.

pub mod health;
pub mod inbox;
pub mod portal;
pub mod reports;
pub mod staff_actions;
pub mod staff_auth;
pub mod teams;
pub mod track;

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::web;
use heard_store::{AnyConnection, StoreError};

/// Runs a read on a blocking thread.
pub async fn read<T: Send + 'static>(
    state: &web::Data<AppState>,
    f: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _slot = state
        .gates
        .reads
        .acquire()
        .await
        .map_err(|_| ApiError::Unavailable("shutting down".into()))?;
    let store = state.store.clone();
    web::block(move || {
        let mut conn = store.pool.get().map_err(StoreError::from)?;
        f(&mut conn)
    })
    .await?
}

/// Parses an id from the path; an id that is not a UUID names no resource.
pub fn path_id(raw: &str, what: &'static str) -> Result<String, ApiError> {
    uuid::Uuid::parse_str(raw)
        .map(|u| u.to_string())
        .map_err(|_| ApiError::NotFound(what))
}
