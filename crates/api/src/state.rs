//! What every handler shares.

use crate::auth::Keys;
use crate::config::Settings;
use crate::limits::Limits;
use heard_store::Store;
use std::sync::Arc;
use tokio::sync::Semaphore;

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
    /// Blocking work admitted at once: database reads up to the pool's size
    /// and password checks up to the cores, so a burst of requests waits in
    /// line instead of starting a thread (and argon2's memory) each.
    pub gates: Gates,
    /// What `/metrics` shows.
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// Bounds on blocking work.
#[derive(Clone)]
pub struct Gates {
    /// Reads: as many as the pool has connections.
    pub reads: Arc<Semaphore>,
    /// Password hashes and checks.
    pub passwords: Arc<Semaphore>,
}

impl Gates {
    /// Gates for a pool of `connections`.
    pub fn new(connections: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            reads: Arc::new(Semaphore::new(connections.max(1))),
            passwords: Arc::new(Semaphore::new(cores)),
        }
    }
}
