//! Strategic-plan goals: a target bound to a live metric of the summary.

use crate::metrics::Summary;

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

    #[test]
    fn comparisons() {
        assert_eq!(on_track(9.1, "at_least", 9.0), Some(true));
        assert_eq!(on_track(12.0, "at_most", 10.0), Some(false));
        assert_eq!(on_track(1.0, "about", 1.0), None);
    }
}
