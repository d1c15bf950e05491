//! What every handler shares.

use crate::auth::Keys;
use crate::config::Settings;
use crate::limits::Limits;
use heard_store::Store;

/// Shared by all workers.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Signing keys.
    pub keys: Keys,
    /// Settings.
    pub settings: Settings,
    /// Rate limits.
    pub limits: Limits,
    /// District configuration for the intake path.
    pub directory: crate::directory::Directory,
}
