//! Work that runs after a commit: what a job is, where it stands, and when
//! a failed one is tried again. The store keeps jobs; the server's workers
//! claim and run them; the rules about retries live here, once.

use crate::ids::{DistrictId, InquiryId, StaffLinkId};
use crate::inquiry::named_enum;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The payload of an account-mail job: the link it sends. The link's token
/// is made again from the installation's secret when the message is
/// written, so no job or table holds a usable token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLetter {
    /// The invitation or reset link.
    pub link: StaffLinkId,
}

/// The payload of a calendar recompute: whose inquiries, which of them,
/// and how far the walk through them has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRecompute {
    /// The district whose calendar changed.
    pub district: DistrictId,
    /// When it changed.
    pub changed_at: DateTime<Utc>,
    /// Only inquiries created from then on: the last pass, for those taken
    /// in with a copy of the old calendar still in memory.
    pub since: Option<DateTime<Utc>>,
    /// The last inquiry done, when the walk is under way.
    pub after: Option<(DateTime<Utc>, InquiryId)>,
}

/// The payload of a requester-details erasure: whose, and on what
/// occasion (a day's pass, or a change of the period). The period itself is
/// read when the job runs, so a change made meanwhile is what counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterErasure {
    /// The district.
    pub district: DistrictId,
    /// Why now, e.g. `2026-12-04` for that day's pass, or `settings:7`.
    pub occasion: String,
    /// Passes already run for this occasion, when one was not enough.
    #[serde(default)]
    pub round: u32,
}

impl RequesterErasure {
    /// Its job's key: one job per district, occasion and round.
    pub fn dedupe_key(&self) -> String {
        format!("{}:{}:{}", self.district, self.occasion, self.round)
    }
}

named_enum!(
    /// What a job does; each kind has one handler.
    JobKind {
        /// Decides what a published case event causes (emails now; webhooks later).
        Notify = "notify",
        /// Sends one email.
        Mail = "mail",
        /// Sends a staff member an invitation or a password reset.
        AccountMail = "account_mail",
        /// Counts a district's due times and report facts again on its new calendar.
        RecomputeCalendar = "recompute_calendar",
        /// Erases requester details kept longer than the district's retention period.
        EraseRequesters = "erase_requesters",
    }
);

named_enum!(
    /// Where a job stands.
    JobState {
        /// Waiting for its time (`run_at`) and a worker.
        Due = "due",
        /// Held by a worker until its lease ends.
        Running = "running",
        /// Finished.
        Done = "done",
        /// Failed as often as it may; waits for an admin to retry it.
        Dead = "dead",
    }
);

/// When a failed job is tried again: exponential backoff from `first`,
/// capped at `cap`, with jitter, until `max_attempts` tries have failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failure.
    pub first: Duration,
    /// The longest wait.
    pub cap: Duration,
    /// Tries before the job is dead.
    pub max_attempts: u32,
}

impl RetryPolicy {
    /// The policy for `kind`. Mail rides out an SMTP server that is down for
    /// a while: twelve tries over one to two and a half hours (waits of
    /// 5 s, 10 s, 20 s … up to an hour, each shortened by jitter).
    pub fn of(kind: JobKind) -> Self {
        match kind {
            JobKind::Mail | JobKind::AccountMail => Self {
                first: Duration::seconds(5),
                cap: Duration::hours(1),
                max_attempts: 12,
            },
            JobKind::Notify | JobKind::RecomputeCalendar | JobKind::EraseRequesters => Self {
                first: Duration::seconds(2),
                cap: Duration::minutes(10),
                max_attempts: 8,
            },
        }
    }

    /// The longest wait after failed try number `attempt` (1 for the first).
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(30);
        let millis = self
            .first
            .num_milliseconds()
            .saturating_mul(1_i64 << doublings);
        Duration::milliseconds(millis.min(self.cap.num_milliseconds()))
    }

    /// The wait after failed try `attempt`, with `jitter` in [0, 1] drawn
    /// by the caller: between half the ceiling and all of it, so workers
    /// that failed together do not all come back at the same instant.
    pub fn delay(&self, attempt: u32, jitter: f64) -> Duration {
        let ceiling = self.ceiling(attempt).num_milliseconds() as f64;
        let share = 0.5 + 0.5 * jitter.clamp(0.0, 1.0);
        Duration::milliseconds((ceiling * share).round() as i64)
    }

    /// What becomes of a job whose try number `attempt` failed at `now`:
    /// `Some(when)` to try again, `None` when it is dead.
    pub fn after_failure(
        &self,
        attempt: u32,
        now: DateTime<Utc>,
        jitter: f64,
    ) -> Option<DateTime<Utc>> {
        (attempt < self.max_attempts).then(|| now + self.delay(attempt, jitter))
    }
}

/// How long a worker holds a claimed job before another may take it; it
/// renews the lease while the job runs longer.
pub const LEASE: Duration = Duration::seconds(60);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mail_backs_off_from_five_seconds_to_an_hour_and_dies_after_twelve_tries() {
        let p = RetryPolicy::of(JobKind::Mail);
        assert_eq!(p.ceiling(1), Duration::seconds(5));
        assert_eq!(p.ceiling(2), Duration::seconds(10));
        assert_eq!(p.ceiling(4), Duration::seconds(40));
        assert_eq!(p.ceiling(20), Duration::hours(1));
        let now = Utc::now();
        assert_eq!(
            p.after_failure(1, now, 1.0),
            Some(now + Duration::seconds(5))
        );
        assert_eq!(
            p.after_failure(1, now, 0.0),
            Some(now + Duration::milliseconds(2500))
        );
        assert!(p.after_failure(11, now, 0.5).is_some());
        assert_eq!(p.after_failure(12, now, 0.5), None);
    }

    #[test]
    fn an_smtp_server_down_for_a_minute_is_outlived() {
        // Even with the shortest waits, the tries span more than an hour.
        let p = RetryPolicy::of(JobKind::Mail);
        let total: i64 = (1..p.max_attempts)
            .map(|a| p.delay(a, 0.0).num_seconds())
            .sum();
        assert!(total > 60 * 60, "{total} s");
    }

    proptest! {
        #[test]
        fn waits_stay_between_half_the_ceiling_and_the_cap(
            attempt in 1u32..100,
            jitter in -1.0f64..2.0,
        ) {
            for kind in JobKind::ALL {
                let p = RetryPolicy::of(*kind);
                let d = p.delay(attempt, jitter);
                prop_assert!(d <= p.ceiling(attempt));
                prop_assert!(d * 2 >= p.ceiling(attempt) - Duration::milliseconds(1));
                prop_assert!(d <= p.cap);
                prop_assert!(d > Duration::zero());
                prop_assert!(p.ceiling(attempt) <= p.ceiling(attempt + 1));
            }
        }

        #[test]
        fn a_job_is_tried_exactly_max_attempts_times(jitter in 0.0f64..1.0) {
            for kind in JobKind::ALL {
                let p = RetryPolicy::of(*kind);
                let now = Utc::now();
                let tries = (1..).take_while(|a| p.after_failure(*a, now, jitter).is_some()).count() + 1;
                prop_assert_eq!(tries, p.max_attempts as usize);
            }
        }
    }
}
