//! The report metrics, computed exactly as the product defines them:
//!
//! - first response time: creation → first public staff message, in business
//!   and calendar time;
//! - resolution time: creation → resolved;
//! - standard met %: share of inquiries whose first response came before its
//!   due time (inquiries not yet answered count once their due time passed);
//! - average feedback: mean of overall 0–10; pillar score: mean of 1–5;
//! - NPS: % of recommend answers 9–10 minus % of 0–6;
//! - survey response rate: feedback received / inquiries resolved;
//! - repeat-contact rate: share of inquiries whose requester (same email or
//!   phone) filed another in the previous 30 days;
//! - misroute rate: share of inquiries moved to another team at least once.
//!
//! Medians and p90 use linear interpolation between closest ranks.

use crate::calendar::BusinessCalendar;
use crate::feedback::PillarRatings;
use crate::Pillar;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the metrics need to know about one inquiry.
#[derive(Debug, Clone, PartialEq)]
pub struct InquiryFacts {
    /// Received.
    pub created_at: DateTime<Utc>,
    /// First public staff message.
    pub first_response_at: Option<DateTime<Utc>>,
    /// When the first response was due under the service standard.
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// First time it was resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Normalised email and phone of the requester (empty when anonymous).
    pub requester_keys: Vec<String>,
    /// Moved to another team at least once.
    pub rerouted: bool,
    /// The family's ratings, if given.
    pub feedback: Option<FeedbackFacts>,
}

/// The numbers of one feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackFacts {
    /// 0–10.
    pub overall: u8,
    /// 1–5 each.
    pub pillars: PillarRatings,
    /// 0–10.
    pub recommend: Option<u8>,
}

/// The numbers of one feedback as stored beside its inquiry: overall,
/// courtesy, communication, responsiveness, environment, recommend (all
/// unknown without feedback).
pub type FeedbackNumbers = [Option<i64>; 6];

impl FeedbackFacts {
    /// The numbers, in [`FeedbackNumbers`] order.
    pub fn numbers(&self) -> FeedbackNumbers {
        [
            Some(self.overall.into()),
            self.pillars.get(Pillar::Courtesy),
            self.pillars.get(Pillar::Communication),
            self.pillars.get(Pillar::Responsiveness),
            self.pillars.get(Pillar::Environment),
            self.recommend.map(i64::from),
        ]
    }
}

/// The spread of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DurationStats {
    /// How many inquiries were measured.
    pub count: u64,
    /// Median in hours.
    pub median_hours: Option<f64>,
    /// 90th percentile in hours.
    pub p90_hours: Option<f64>,
}

/// Mean score per pillar (1–5); absent when nobody rated it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PillarScores {
    /// Mean courtesy & respect rating, 1–5; absent when nobody rated it.
    pub courtesy: Option<f64>,
    /// Mean communication rating, 1–5; absent when nobody rated it.
    pub communication: Option<f64>,
    /// Mean responsiveness rating, 1–5; absent when nobody rated it.
    pub responsiveness: Option<f64>,
    /// Mean environment rating, 1–5; absent when nobody rated it.
    pub environment: Option<f64>,
}

/// The district's service at a glance, for a period and scope.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    /// How many inquiries were received in the period and scope.
    pub received: u64,
    /// Of those, still open (not resolved or closed).
    pub open: u64,
    /// Of those, resolved at least once.
    pub resolved: u64,
    /// First response time in calendar hours.
    pub first_response: DurationStats,
    /// First response time in business hours.
    pub first_response_business: DurationStats,
    /// Resolution time in calendar hours.
    pub resolution: DurationStats,
    /// Resolution time in business hours.
    pub resolution_business: DurationStats,
    /// Percent of decided inquiries answered by their due time.
    pub standard_met_pct: Option<f64>,
    /// How many of them the family rated.
    pub feedback_count: u64,
    /// Mean overall rating, 0–10.
    pub average_feedback: Option<f64>,
    /// Mean per pillar, 1–5.
    pub pillar_scores: PillarScores,
    /// Net promoter score, −100 to 100.
    pub nps: Option<f64>,
    /// Percent of resolved inquiries that received feedback.
    pub survey_response_rate_pct: Option<f64>,
    /// Percent of inquiries whose requester filed another in the previous 30 days.
    pub repeat_contact_rate_pct: Option<f64>,
    /// Percent of inquiries moved to another team at least once.
    pub misroute_rate_pct: Option<f64>,
}

mod facts;
mod totals;

pub use facts::{hours, ReportFacts};
pub use totals::{Mean, Totals};

/// The value at quantile `q` (0–1) of sorted data, interpolating linearly.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (sorted.get(lo)?, sorted.get(hi)?);
    Some(a + (b - a) * (pos - lo as f64))
}

/// Median and 90th percentile of hours.
pub fn duration_stats(mut hours: Vec<f64>) -> DurationStats {
    hours.sort_by(f64::total_cmp);
    DurationStats {
        count: hours.len() as u64,
        median_hours: quantile(&hours, 0.5),
        p90_hours: quantile(&hours, 0.9),
    }
}

/// Net promoter score of recommend answers (0–10).
pub fn nps(answers: &[u8]) -> Option<f64> {
    let count = |f: fn(u8) -> bool| answers.iter().filter(|&&a| f(a)).count() as u64;
    Totals {
        recommend_answers: answers.len() as u64,
        promoters: count(|a| is_promoter(a.into())),
        detractors: count(|a| is_detractor(a.into())),
        ..Totals::default()
    }
    .summary()
    .nps
}

/// Who contacted the district when: every inquiry of the 30 days before the
/// period and of the period itself, to recognise repeat contacts.
#[derive(Debug, Default)]
pub struct ContactHistory {
    by_key: HashMap<String, Vec<DateTime<Utc>>>,
}

impl ContactHistory {
    /// Records that `keys` filed an inquiry at `at`.
    pub fn record(&mut self, keys: &[String], at: DateTime<Utc>) {
        for k in keys {
            self.by_key.entry(k.clone()).or_default().push(at);
        }
    }

    fn sorted(mut self) -> Self {
        for times in self.by_key.values_mut() {
            times.sort();
        }
        self
    }

    /// Whether any of `keys` filed an inquiry in the 30 days before `at`.
    fn is_repeat(&self, keys: &[String], at: DateTime<Utc>) -> bool {
        let since = at - REPEAT_WINDOW;
        keys.iter().any(|k| {
            self.by_key.get(k).is_some_and(|times| {
                let first_not_before = times.partition_point(|t| *t < since);
                times.get(first_not_before).is_some_and(|t| *t < at)
            })
        })
    }
}

/// How far back an earlier inquiry of the same requester makes a repeat contact.
pub const REPEAT_WINDOW: Duration = Duration::days(30);

/// A recommend answer at least this high (of 0–10) is a promoter's.
pub const PROMOTER_FROM: i64 = 9;

/// A recommend answer at most this high (of 0–10) is a detractor's.
pub const DETRACTOR_UP_TO: i64 = 6;

/// Whether a recommend answer is a promoter's.
pub fn is_promoter(answer: i64) -> bool {
    answer >= PROMOTER_FROM
}

/// Whether a recommend answer is a detractor's.
pub fn is_detractor(answer: i64) -> bool {
    answer <= DETRACTOR_UP_TO
}

impl Totals {
    /// Counts one inquiry, given its facts, whether it is a repeat contact,
    /// and the time of the report. Durations are counted by the caller.
    pub fn add(
        &mut self,
        inquiry: &InquiryFacts,
        facts: &ReportFacts,
        repeat_contact: bool,
        now: DateTime<Utc>,
    ) {
        self.add_facts(
            facts,
            inquiry.first_response_due_at.map(|due| now > due),
            &inquiry
                .feedback
                .as_ref()
                .map(FeedbackFacts::numbers)
                .unwrap_or_default(),
            repeat_contact,
            inquiry.rerouted,
        );
    }
}

/// Computes the summary of `inquiries` as of `now`: the definition every
/// faster way of computing it must agree with.
pub fn summarize(
    inquiries: &[InquiryFacts],
    history: ContactHistory,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
) -> Summary {
    let history = history.sorted();
    let mut totals = Totals::default();
    let mut durations: [Vec<f64>; 4] = Default::default();
    for i in inquiries {
        let facts = ReportFacts::of(i, calendar);
        totals.add(
            i,
            &facts,
            history.is_repeat(&i.requester_keys, i.created_at),
            now,
        );
        for (list, seconds) in durations.iter_mut().zip([
            facts.first_response_seconds,
            facts.first_response_business_seconds,
            facts.resolution_seconds,
            facts.resolution_business_seconds,
        ]) {
            list.extend(seconds.map(hours));
        }
    }
    let [first, first_business, resolution, resolution_business] = durations.map(duration_stats);
    totals.first_response = first;
    totals.first_response_business = first_business;
    totals.resolution = resolution;
    totals.resolution_business = resolution_business;
    totals.summary()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }

    fn fb(overall: u8, p: i64, recommend: Option<u8>) -> FeedbackFacts {
        FeedbackFacts {
            overall,
            pillars: PillarRatings {
                courtesy: p,
                communication: p,
                responsiveness: p,
                environment: None,
            },
            recommend,
        }
    }

    fn inquiry(created: &str) -> InquiryFacts {
        InquiryFacts {
            created_at: t(created),
            first_response_at: None,
            first_response_due_at: None,
            resolved_at: None,
            requester_keys: vec![],
            rerouted: false,
            feedback: None,
        }
    }

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[4.0], 0.9), Some(4.0));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
        assert_eq!(quantile(&[0.0, 10.0], 0.9), Some(9.0));
    }

    #[test]
    fn nps_is_promoters_minus_detractors() {
        // 2 promoters, 1 passive, 1 detractor of 4 → 50 − 25.
        assert_eq!(nps(&[10, 9, 8, 3]), Some(25.0));
        assert_eq!(nps(&[]), None);
    }

    #[test]
    fn a_small_district_week() {
        let cal = BusinessCalendar::school_office("UTC").expect("calendar");
        let now = t("2026-11-30T12:00:00Z");
        // Monday 09:00, answered 10:00, due at closing time.
        let mut a = inquiry("2026-11-23T09:00:00Z");
        a.first_response_at = Some(t("2026-11-23T10:00:00Z"));
        a.first_response_due_at = Some(t("2026-11-23T16:30:00Z"));
        a.resolved_at = Some(t("2026-11-23T13:00:00Z"));
        a.feedback = Some(fb(10, 5, Some(10)));
        a.requester_keys = vec!["maria@example.org".into()];
        // Tuesday, answered late, resolved, no feedback, same requester: a repeat contact.
        let mut b = inquiry("2026-11-24T09:00:00Z");
        b.first_response_at = Some(t("2026-11-25T10:00:00Z"));
        b.first_response_due_at = Some(t("2026-11-24T17:00:00Z"));
        b.resolved_at = Some(t("2026-11-25T11:00:00Z"));
        b.requester_keys = vec!["maria@example.org".into()];
        b.rerouted = true;
        // Unanswered and overdue.
        let mut c = inquiry("2026-11-25T09:00:00Z");
        c.first_response_due_at = Some(t("2026-11-26T09:00:00Z"));
        // Unanswered and not yet due: undecided.
        let mut d = inquiry("2026-11-30T11:00:00Z");
        d.first_response_due_at = Some(t("2026-12-01T11:00:00Z"));

        let all = [a, b, c, d];
        let mut history = ContactHistory::default();
        for i in &all {
            history.record(&i.requester_keys, i.created_at);
        }
        let s = summarize(&all, history, &cal, now);
        assert_eq!((s.received, s.open, s.resolved), (4, 2, 2));
        assert_eq!(s.first_response.median_hours, Some(13.0)); // 1 h and 25 h
        assert_eq!(s.first_response_business.median_hours, Some(5.25)); // 1 h and 7.5 + 2 h
        assert_eq!(s.resolution.median_hours, Some(15.0)); // 4 h and 26 h
        let met = s.standard_met_pct.expect("decided");
        assert!((met - 100.0 / 3.0).abs() < 1e-9, "{met}");
        assert_eq!(s.average_feedback, Some(10.0));
        assert_eq!(s.pillar_scores.courtesy, Some(5.0));
        assert_eq!(s.pillar_scores.environment, None);
        assert_eq!(s.nps, Some(100.0));
        assert_eq!(s.survey_response_rate_pct, Some(50.0));
        assert_eq!(s.repeat_contact_rate_pct, Some(25.0));
        assert_eq!(s.misroute_rate_pct, Some(25.0));
    }

    #[test]
    fn contacts_older_than_thirty_days_are_not_repeats() {
        let mut h = ContactHistory::default();
        let keys = vec!["555".to_string()];
        h.record(&keys, t("2026-10-01T00:00:00Z"));
        let h = h.sorted();
        assert!(!h.is_repeat(&keys, t("2026-11-05T00:00:00Z")));
        assert!(h.is_repeat(&keys, t("2026-10-20T00:00:00Z")));
        assert!(
            !h.is_repeat(&keys, t("2026-10-01T00:00:00Z")),
            "an inquiry is not its own repeat"
        );
    }

    proptest! {
        #[test]
        fn median_lies_between_min_and_max(mut v in proptest::collection::vec(0.0f64..1e6, 1..50)) {
            v.sort_by(f64::total_cmp);
            let m = quantile(&v, 0.5).expect("non-empty");
            prop_assert!(m >= v[0] && m <= v[v.len() - 1]);
            let p90 = quantile(&v, 0.9).expect("non-empty");
            prop_assert!(p90 >= m);
        }

        #[test]
        fn nps_is_bounded(v in proptest::collection::vec(0u8..=10, 1..100)) {
            let n = nps(&v).expect("non-empty");
            prop_assert!((-100.0..=100.0).contains(&n));
        }
    }
}
