//! Strategic-plan goals: a target bound to a live metric of the summary,
//! over a period of days, for the district or one school, topic or team.

use crate::api::GoalForm;
use crate::calendar::at_local;
use crate::ids::{TeamId, TopicId, UnitId};
use crate::metrics::Summary;
use crate::text::GoalName;
use crate::validation::{Invalid, ValidationErrors};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// A metric a goal can track, by its stable name.
pub const METRICS: &[&str] = &[
    "average_feedback",
    "nps",
    "standard_met_pct",
    "first_response_business_median_hours",
    "resolution_business_median_hours",
    "survey_response_rate_pct",
    "repeat_contact_rate_pct",
    "misroute_rate_pct",
];

/// The ways a goal compares the metric with its target.
pub const COMPARISONS: &[&str] = &["at_least", "at_most"];

/// The most days a goal's period spans: a five-year strategic plan.
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;

/// The values `metric` can take, lowest and highest: a rating out of 10,
/// a net promoter score, a percentage, or hours (up to a year of them).
pub fn target_range(metric: &str) -> (i64, i64) {
    match metric {
        "average_feedback" => (0, 10),
        "nps" => (-100, 100),
        m if m.ends_with("_pct") => (0, 100),
        _ => (0, 8_760),
    }
}

/// A goal that passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalChange {
    /// Its trimmed name.
    pub name: GoalName,
    /// One of [`METRICS`].
    pub metric: &'static str,
    /// One of [`COMPARISONS`].
    pub comparison: &'static str,
    /// Within [`target_range`] of the metric.
    pub target: f64,
    /// The first day of its period.
    pub first_day: NaiveDate,
    /// The last day of its period, on or after the first.
    pub last_day: NaiveDate,
    /// The school or department it is for, still to be checked against the district's.
    pub unit_id: Option<UnitId>,
    /// The topic it is for, likewise.
    pub topic_id: Option<TopicId>,
    /// The team it is for, likewise.
    pub team_id: Option<TeamId>,
}

impl GoalChange {
    /// Its period as instants: from midnight of its first day to midnight
    /// after its last, in the district's time zone `tz`.
    pub fn period(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        period(tz, self.first_day, self.last_day)
    }
}

/// From midnight of `first_day` to midnight after `last_day`, in `tz`.
pub fn period(tz: Tz, first_day: NaiveDate, last_day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |d: NaiveDate| at_local(tz, d.and_time(chrono::NaiveTime::MIN));
    (midnight(first_day), midnight(last_day + Duration::days(1)))
}

/// The days a period of instants covers in `tz`: its first day and its
/// last (the day before the one it ends at midnight of).
pub fn days(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let first = start.with_timezone(&tz).date_naive();
    let last = (end - Duration::seconds(1)).with_timezone(&tz).date_naive();
    (first, last.max(first))
}

fn one_of(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &str,
    allowed: &[&'static str],
) -> Option<&'static str> {
    let found = allowed.iter().copied().find(|a| *a == raw.trim());
    if found.is_none() {
        let allowed = allowed.iter().map(|a| (*a).to_owned()).collect();
        let invalid = if raw.trim().is_empty() {
            Invalid::Required
        } else {
            Invalid::InvalidChoice { allowed }
        };
        errors.add(field, invalid);
    }
    found
}

/// Checks a goal, naming every problem at once.
pub fn validate(form: &GoalForm) -> Result<GoalChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", GoalName::parse(&form.name));
    let metric = one_of(&mut errors, "metric", &form.metric, METRICS);
    let comparison = one_of(&mut errors, "comparison", &form.comparison, COMPARISONS);
    if let Some(m) = metric {
        let (min, max) = target_range(m);
        if !form.target.is_finite() || form.target < min as f64 || form.target > max as f64 {
            errors.add("target", Invalid::OutOfRange { min, max });
        }
    }
    if form.last_day < form.first_day {
        errors.add("first_day", Invalid::EmptyPeriod);
    } else if (form.last_day - form.first_day).num_days() > MAX_PERIOD_DAYS {
        errors.add(
            "last_day",
            Invalid::TooManyDays {
                max: MAX_PERIOD_DAYS,
            },
        );
    }
    // One scope: the first given wins, any other is named.
    let given = [
        ("unit_id", form.unit_id.is_some()),
        ("topic_id", form.topic_id.is_some()),
        ("team_id", form.team_id.is_some()),
    ];
    for (field, _) in given.iter().filter(|(_, set)| *set).skip(1) {
        errors.add(*field, Invalid::MustBeEmpty);
    }
    match (name, metric, comparison) {
        (Some(name), Some(metric), Some(comparison)) if errors.is_empty() => Ok(GoalChange {
            name,
            metric,
            comparison,
            target: form.target,
            first_day: form.first_day,
            last_day: form.last_day,
            unit_id: form.unit_id,
            topic_id: form.topic_id,
            team_id: form.team_id,
        }),
        _ => Err(errors),
    }
}

/// The current value of `metric` in `summary`, if it has data.
pub fn metric_value(summary: &Summary, metric: &str) -> Option<f64> {
    match metric {
        "average_feedback" => summary.average_feedback,
        "nps" => summary.nps,
        "standard_met_pct" => summary.standard_met_pct,
        "first_response_business_median_hours" => summary.first_response_business.median_hours,
        "resolution_business_median_hours" => summary.resolution_business.median_hours,
        "survey_response_rate_pct" => summary.survey_response_rate_pct,
        "repeat_contact_rate_pct" => summary.repeat_contact_rate_pct,
        "misroute_rate_pct" => summary.misroute_rate_pct,
        _ => None,
    }
}

/// Which durations `metric` takes a quantile of, in the order of the
/// summary's fields: first response, first response in business time,
/// resolution, resolution in business time. A report of goals needs only
/// these kept whole; a year of the others would only take memory.
pub fn quantiles_needed(metric: &str) -> [bool; 4] {
    match metric {
        "first_response_business_median_hours" => [false, true, false, false],
        "resolution_business_median_hours" => [false, false, false, true],
        _ => [false; 4],
    }
}

/// Whether `value` meets a target under `comparison` (`at_least` or `at_most`).
pub fn on_track(value: f64, comparison: &str, target: f64) -> Option<bool> {
    match comparison {
        "at_least" => Some(value >= target),
        "at_most" => Some(value <= target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_name_is_readable() {
        let s = Summary {
            average_feedback: Some(9.1),
            nps: Some(41.0),
            standard_met_pct: Some(88.0),
            survey_response_rate_pct: Some(30.0),
            repeat_contact_rate_pct: Some(8.0),
            misroute_rate_pct: Some(4.0),
            ..Summary::default()
        };
        assert_eq!(metric_value(&s, "average_feedback"), Some(9.1));
        assert_eq!(metric_value(&s, "unknown"), None);
        for m in METRICS {
            // Every listed name is recognised (median fields are empty here).
            let known = metric_value(&s, m).is_some() || m.ends_with("median_hours");
            assert!(known, "{m}");
        }
    }

    #[test]
    fn each_metric_is_readable_from_the_quantiles_it_needs() {
        let stats = crate::metrics::DurationStats {
            count: 3,
            median_hours: Some(2.0),
            p90_hours: Some(5.0),
        };
        for m in METRICS {
            let mut s = Summary::default();
            let fields = [
                &mut s.first_response,
                &mut s.first_response_business,
                &mut s.resolution,
                &mut s.resolution_business,
            ];
            for (field, needed) in fields.into_iter().zip(quantiles_needed(m)) {
                if needed {
                    *field = stats;
                }
            }
            let value = metric_value(&s, m);
            assert_eq!(value.is_some(), m.ends_with("median_hours"), "{m}");
        }
        assert_eq!(quantiles_needed("unknown"), [false; 4]);
    }

    fn form() -> GoalForm {
        GoalForm {
            name: " Answer within a day ".into(),
            metric: "first_response_business_median_hours".into(),
            comparison: "at_most".into(),
            target: 8.5,
            first_day: NaiveDate::from_ymd_opt(2026, 8, 1).expect("day"),
            last_day: NaiveDate::from_ymd_opt(2027, 6, 30).expect("day"),
            unit_id: None,
            topic_id: None,
            team_id: None,
        }
    }

    fn codes(e: &ValidationErrors) -> Vec<(&str, crate::ErrorCode)> {
        e.0.iter().map(|f| (f.field.as_str(), f.code)).collect()
    }

    #[test]
    fn a_good_goal_is_trimmed_and_spans_whole_local_days() {
        let g = validate(&form()).expect("valid");
        assert_eq!(g.name.as_str(), "Answer within a day");
        let tz: Tz = "America/Chicago".parse().expect("tz");
        let (start, end) = g.period(tz);
        // Midnight in Chicago, on daylight time at both ends.
        assert_eq!(start.to_rfc3339(), "2026-08-01T05:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2027-07-01T05:00:00+00:00");
        assert_eq!(days(tz, start, end), (g.first_day, g.last_day));
    }

    #[test]
    fn every_problem_is_named_at_once() {
        use crate::ErrorCode as E;
        let mut f = form();
        f.name = String::new();
        f.metric = "happiness".into();
        f.comparison = "about".into();
        f.first_day = NaiveDate::from_ymd_opt(2027, 7, 1).expect("day");
        f.topic_id = Some(TopicId::new());
        f.team_id = Some(TeamId::new());
        let e = validate(&f).expect_err("invalid");
        assert_eq!(
            codes(&e),
            [
                ("name", E::Required),
                ("metric", E::InvalidChoice),
                ("comparison", E::InvalidChoice),
                ("first_day", E::EmptyPeriod),
                ("team_id", E::MustBeEmpty)
            ]
        );
        let mut f = form();
        f.metric = "nps".into();
        f.target = -101.0;
        f.last_day = f.first_day + Duration::days(MAX_PERIOD_DAYS + 1);
        let e = validate(&f).expect_err("invalid");
        assert_eq!(
            codes(&e),
            [("target", E::OutOfRange), ("last_day", E::TooManyDays)]
        );
        f.target = f64::NAN;
        f.last_day = f.first_day;
        assert_eq!(
            codes(&validate(&f).expect_err("NaN")),
            [("target", E::OutOfRange)]
        );
        f.target = -100.0;
        assert!(validate(&f).is_ok(), "a one-day goal at the lowest score");
    }

    #[test]
    fn each_metric_has_the_range_of_its_unit() {
        assert_eq!(target_range("average_feedback"), (0, 10));
        assert_eq!(target_range("nps"), (-100, 100));
        assert_eq!(target_range("misroute_rate_pct"), (0, 100));
        assert_eq!(target_range("resolution_business_median_hours"), (0, 8_760));
    }

    proptest::proptest! {
        // Whatever the time zone and days, the days read back from the
        // stored instants are those written, across daylight-saving changes.
        #[test]
        fn days_survive_the_round_trip(first in 0i64..4000, len in 0i64..800, zone in 0usize..4) {
            let tz: Tz = ["America/Chicago", "America/Los_Angeles", "Pacific/Honolulu", "America/Havana"][zone]
                .parse()
                .expect("tz");
            let first_day = NaiveDate::from_ymd_opt(2024, 1, 1).expect("day") + Duration::days(first);
            let last_day = first_day + Duration::days(len);
            let (start, end) = period(tz, first_day, last_day);
            proptest::prop_assert!(start < end);
            proptest::prop_assert_eq!(days(tz, start, end), (first_day, last_day));
        }
    }

    #[test]
    fn comparisons() {
        assert_eq!(on_track(9.1, "at_least", 9.0), Some(true));
        assert_eq!(on_track(12.0, "at_most", 10.0), Some(false));
        assert_eq!(on_track(1.0, "about", 1.0), None);
    }
}
