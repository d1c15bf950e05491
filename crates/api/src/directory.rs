//! A short-lived copy of each district's configuration (districts, topics,
//! units, teams) for the intake path, which reads it on every submission.
//! Entries live a few seconds, so a change made by an administrator on any
//! server is seen everywhere almost at once.

use heard_store::queries::districts;
use heard_store::rows::{DistrictRow, TeamRow, TopicRow, UnitRow};
use heard_store::{AnyConnection, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const FRESH_FOR: Duration = Duration::from_secs(5);

/// One district's configuration.
#[derive(Debug)]
pub struct DistrictConfig {
    /// The district.
    pub district: DistrictRow,
    /// Its topics.
    pub topics: Vec<TopicRow>,
    /// Its schools and departments.
    pub units: Vec<UnitRow>,
    /// Its teams.
    pub teams: Vec<TeamRow>,
}

/// When an entry was loaded, and what.
type Entry = (Instant, Arc<DistrictConfig>);

/// Configurations by district slug.
#[derive(Default, Clone)]
pub struct Directory {
    entries: Arc<RwLock<HashMap<String, Entry>>>,
}

impl Directory {
    /// The configuration of the district with `slug`, from memory when fresh.
    pub fn get(
        &self,
        c: &mut AnyConnection,
        slug: &str,
    ) -> Result<Arc<DistrictConfig>, StoreError> {
        if let Ok(map) = self.entries.read() {
            if let Some((at, cfg)) = map.get(slug) {
                if at.elapsed() < FRESH_FOR {
                    return Ok(Arc::clone(cfg));
                }
            }
        }
        let district = districts::by_slug(c, slug)?;
        let cfg = Arc::new(DistrictConfig {
            topics: districts::topics(c, &district.id)?,
            units: districts::units(c, &district.id)?,
            teams: districts::teams(c, &district.id)?,
            district,
        });
        if let Ok(mut map) = self.entries.write() {
            // Unknown slugs are never stored, so the map holds real districts only.
            map.insert(slug.to_owned(), (Instant::now(), Arc::clone(&cfg)));
        }
        Ok(cfg)
    }
}
