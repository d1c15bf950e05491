//! A short-lived copy of each district's configuration (districts, topics,
//! units, teams) for the intake path, which reads it on every submission.
//! Entries live a few seconds, so a change made by an administrator on any
//! server is seen everywhere almost at once.

use heard_domain::calendar::BusinessCalendar;
use heard_store::queries::districts;
use heard_store::rows::{DistrictRow, TeamRow, TopicRow, UnitRow};
use heard_store::{AnyConnection, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// Its business calendar, read once per copy rather than per submission.
    pub calendar: BusinessCalendar,
}

/// Past this age a copy is not used even while it is being reloaded.
pub(crate) const USABLE_FOR: Duration = Duration::from_secs(60);

/// A loaded configuration.
struct Entry {
    loaded: Instant,
    cfg: Arc<DistrictConfig>,
    /// Somebody is reloading it; meanwhile the others use this copy.
    reloading: AtomicBool,
}

/// Configurations by district slug.
#[derive(Default, Clone)]
pub struct Directory {
    entries: Arc<RwLock<HashMap<String, Entry>>>,
}

impl Directory {
    /// The configuration of the district with `slug` from memory, so the
    /// intake path can skip the database; `None` when the caller should load
    /// it with [`Directory::get`]. Once a copy is stale, exactly one caller is
    /// sent to reload it while the others go on with the copy, so a busy
    /// intake does not stampede the database every few seconds.
    pub fn cached(&self, slug: &str) -> Option<Arc<DistrictConfig>> {
        let map = self.entries.read().ok()?;
        let e = map.get(slug)?;
        let age = e.loaded.elapsed();
        let use_copy =
            age < FRESH_FOR || (age < USABLE_FOR && e.reloading.swap(true, Ordering::AcqRel));
        use_copy.then(|| Arc::clone(&e.cfg))
    }

    /// Drops the copy of the district with `slug`, after a change to it.
    pub fn forget(&self, slug: &str) {
        if let Ok(mut map) = self.entries.write() {
            map.remove(slug);
        }
    }

    /// The configuration of the district with `slug`, from memory when fresh.
    pub fn get(
        &self,
        c: &mut AnyConnection,
        slug: &str,
    ) -> Result<Arc<DistrictConfig>, StoreError> {
        if let Ok(map) = self.entries.read() {
            if let Some(e) = map.get(slug).filter(|e| e.loaded.elapsed() < FRESH_FOR) {
                return Ok(Arc::clone(&e.cfg));
            }
        }
        let loaded = self.load(c, slug);
        if loaded.is_err() {
            if let Some(e) = self.entries.read().ok().as_ref().and_then(|m| m.get(slug)) {
                // Let the next caller try again.
                e.reloading.store(false, Ordering::Release);
            }
        }
        loaded
    }

    fn load(&self, c: &mut AnyConnection, slug: &str) -> Result<Arc<DistrictConfig>, StoreError> {
        let district = districts::by_slug(c, slug)?;
        let cfg = Arc::new(DistrictConfig {
            topics: districts::topics(c, district.id)?,
            units: districts::units(c, district.id)?,
            teams: districts::teams(c, district.id)?,
            calendar: heard_store::reports::facts::calendar(&district)?,
            district,
        });
        if let Ok(mut map) = self.entries.write() {
            // Unknown slugs are never stored, so the map holds real districts only.
            let entry = Entry {
                loaded: Instant::now(),
                cfg: Arc::clone(&cfg),
                reloading: AtomicBool::new(false),
            };
            map.insert(slug.to_owned(), entry);
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory_with_copy_aged(age: Duration) -> Directory {
        let cfg = DistrictConfig {
            district: heard_store::testing::district_row("lakeview"),
            topics: vec![],
            units: vec![],
            teams: vec![],
            calendar: BusinessCalendar::school_office("America/Chicago").expect("calendar"),
        };
        let directory = Directory::default();
        let entry = Entry {
            loaded: Instant::now().checked_sub(age).expect("uptime"),
            cfg: Arc::new(cfg),
            reloading: AtomicBool::new(false),
        };
        directory
            .entries
            .write()
            .expect("lock")
            .insert("lakeview".into(), entry);
        directory
    }

    #[test]
    fn a_fresh_copy_serves_everyone() {
        let d = directory_with_copy_aged(Duration::from_secs(1));
        assert!(d.cached("lakeview").is_some());
        assert!(d.cached("lakeview").is_some());
        assert!(d.cached("elsewhere").is_none());
    }

    #[test]
    fn a_stale_copy_sends_one_caller_to_reload_and_serves_the_rest() {
        let d = directory_with_copy_aged(FRESH_FOR + Duration::from_secs(1));
        assert!(d.cached("lakeview").is_none(), "the first reloads");
        for _ in 0..10 {
            assert!(d.cached("lakeview").is_some(), "the others use the copy");
        }
    }

    #[test]
    fn a_copy_too_old_serves_nobody() {
        let d = directory_with_copy_aged(USABLE_FOR + Duration::from_secs(1));
        assert!(d.cached("lakeview").is_none());
        assert!(d.cached("lakeview").is_none());
    }
}
