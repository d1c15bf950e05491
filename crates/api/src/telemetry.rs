//! Logs: readable by default, JSON for production, quiet in tests unless `TEST_LOG` is set.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; safe to call more than once.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
