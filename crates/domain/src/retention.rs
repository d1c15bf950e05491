//! How long a district keeps what families tell it about themselves. Once
//! a case has been finished (resolved or closed) and left untouched for the
//! district's retention period, the requester's name, email and phone are
//! erased; the inquiry, its thread and its figures stay, so reports keep
//! counting it and the family's tracking link still opens it.

use crate::district::RETENTION_DAYS;
use crate::inquiry::Status;
use chrono::{DateTime, Duration, Utc};

/// A district's retention period for requester details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    days: u32,
}

impl Retention {
    /// The period a district set, when it set one within the bounds the
    /// settings allow ([`RETENTION_DAYS`]); `None` keeps details for good.
    pub fn of(days: Option<i64>) -> Option<Self> {
        let days = days.filter(|d| (RETENTION_DAYS.0..=RETENTION_DAYS.1).contains(d))?;
        u32::try_from(days).ok().map(|days| Self { days })
    }

    /// The period, in days.
    pub fn days(&self) -> u32 {
        self.days
    }

    /// Cases last changed at or before this instant have been kept long
    /// enough.
    pub fn cutoff(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.days))
    }

    /// Whether a case in `status`, last changed at `last_change`, is due to
    /// lose its requester's details at `now`. An open case never is: staff
    /// may still need to reach the family.
    pub fn due(&self, status: Status, last_change: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        !status.is_open() && last_change <= self.cutoff(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn a_period_outside_the_settings_bounds_is_no_period() {
        assert_eq!(Retention::of(None), None);
        assert_eq!(Retention::of(Some(29)), None);
        assert_eq!(Retention::of(Some(3_651)), None);
        assert_eq!(Retention::of(Some(30)).map(|r| r.days()), Some(30));
        assert_eq!(Retention::of(Some(3_650)).map(|r| r.days()), Some(3_650));
    }

    #[test]
    fn finished_cases_are_due_once_the_period_has_passed_since_their_last_change() {
        let r = Retention::of(Some(365)).expect("period");
        let changed = at("2025-06-01T12:00:00Z");
        let a_year_on = at("2026-06-01T12:00:00Z");
        assert!(r.due(Status::Closed, changed, a_year_on));
        assert!(r.due(Status::Resolved, changed, a_year_on));
        assert!(!r.due(Status::Resolved, changed, a_year_on - Duration::seconds(1)));
        for open in [
            Status::New,
            Status::Assigned,
            Status::InProgress,
            Status::AwaitingRequester,
        ] {
            assert!(
                !r.due(open, changed, at("2030-01-01T00:00:00Z")),
                "{open:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn once_due_a_case_stays_due(days in 30i64..=3_650, age in 0i64..5_000, later in 0i64..5_000) {
            let r = Retention::of(Some(days)).expect("period");
            let changed = at("2024-01-01T00:00:00Z");
            let now = changed + Duration::days(age);
            if r.due(Status::Closed, changed, now) {
                prop_assert!(age >= days);
                prop_assert!(r.due(Status::Closed, changed, now + Duration::days(later)));
            } else {
                prop_assert!(age < days);
            }
        }
    }
}
