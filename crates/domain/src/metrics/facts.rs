//! The report numbers of one inquiry, computed once when its inputs change
//! (a first reply, a first resolution) and kept beside it, so a report over a
//! period only has to add them up.

use super::InquiryFacts;
use crate::calendar::BusinessCalendar;
use chrono::{DateTime, Utc};

/// What one inquiry contributes to the durations and the standard, fixed once
/// its first response and first resolution happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportFacts {
    /// Creation → first public staff message, whole calendar seconds.
    pub first_response_seconds: Option<i64>,
    /// The same in business time: whole business minutes of the district
    /// calendar, as seconds.
    pub first_response_business_seconds: Option<i64>,
    /// The first response came by its due time; unknown while unanswered or
    /// when no due time was set.
    pub first_response_on_time: Option<bool>,
    /// Creation → first resolution, whole calendar seconds.
    pub resolution_seconds: Option<i64>,
    /// The same in business time, whole business minutes as seconds.
    pub resolution_business_seconds: Option<i64>,
}

impl ReportFacts {
    /// The facts of `inquiry` under the district's `calendar`.
    pub fn of(inquiry: &InquiryFacts, calendar: &BusinessCalendar) -> Self {
        let created = inquiry.created_at;
        let seconds = |to: DateTime<Utc>| (to - created).num_seconds();
        let business = |to: DateTime<Utc>| calendar.business_minutes_between(created, to) * 60;
        Self {
            first_response_seconds: inquiry.first_response_at.map(seconds),
            first_response_business_seconds: inquiry.first_response_at.map(business),
            first_response_on_time: inquiry
                .first_response_at
                .zip(inquiry.first_response_due_at)
                .map(|(at, due)| at <= due),
            resolution_seconds: inquiry.resolved_at.map(seconds),
            resolution_business_seconds: inquiry.resolved_at.map(business),
        }
    }

    /// Whether the inquiry met its first-response standard, as of `now`:
    /// `None` while it is undecided (unanswered and not yet due, or without
    /// a due time). An unanswered inquiry has missed once its due time passed.
    pub fn standard_met(
        &self,
        first_response_due_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<bool> {
        self.standard_met_when(first_response_due_at.map(|due| now > due))
    }

    /// [`standard_met`](Self::standard_met), told only whether the due time
    /// has passed (`None` without a due time).
    pub fn standard_met_when(&self, past_due: Option<bool>) -> Option<bool> {
        match (self.first_response_on_time, self.first_response_seconds) {
            (Some(met), _) => Some(met),
            (None, None) => past_due.filter(|passed| *passed).map(|_| false),
            (None, Some(_)) => None,
        }
    }
}

/// Hours from whole seconds, as every report duration is shown.
pub fn hours(seconds: i64) -> f64 {
    seconds as f64 / 3600.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::InquiryFacts;
    use proptest::prelude::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }

    fn chicago() -> BusinessCalendar {
        BusinessCalendar::school_office("America/Chicago").expect("calendar")
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
    fn an_unanswered_inquiry_has_no_durations_until_its_due_time_passes() {
        let mut i = inquiry("2026-11-23T15:00:00Z");
        i.first_response_due_at = Some(t("2026-11-24T15:00:00Z"));
        let f = ReportFacts::of(&i, &chicago());
        assert_eq!(f, ReportFacts::default());
        assert_eq!(
            f.standard_met(i.first_response_due_at, t("2026-11-24T15:00:00Z")),
            None,
            "due, not yet past"
        );
        assert_eq!(
            f.standard_met(i.first_response_due_at, t("2026-11-24T15:00:01Z")),
            Some(false)
        );
        assert_eq!(f.standard_met(None, t("2030-01-01T00:00:00Z")), None);
    }

    #[test]
    fn a_friday_evening_inquiry_answered_on_monday() {
        // Friday 2026-11-20 16:00 Chicago (22:00 UTC), answered Monday 09:00
        // (15:00 UTC), resolved Monday 10:00:30, due Monday 16:00.
        let mut i = inquiry("2026-11-20T22:00:00Z");
        i.first_response_at = Some(t("2026-11-23T15:00:00Z"));
        i.first_response_due_at = Some(t("2026-11-23T22:00:00Z"));
        i.resolved_at = Some(t("2026-11-23T16:00:30Z"));
        let f = ReportFacts::of(&i, &chicago());
        assert_eq!(f.first_response_seconds, Some(65 * 3600));
        // 30 minutes on Friday and 60 on Monday.
        assert_eq!(f.first_response_business_seconds, Some(90 * 60));
        assert_eq!(f.first_response_on_time, Some(true));
        assert_eq!(f.resolution_seconds, Some(66 * 3600 + 30));
        // Business time counts whole minutes: 150 minutes and 30 seconds is 150.
        assert_eq!(f.resolution_business_seconds, Some(150 * 60));
        assert_eq!(
            f.standard_met(i.first_response_due_at, t("2030-01-01T00:00:00Z")),
            Some(true)
        );
    }

    #[test]
    fn a_late_answer_missed_and_an_answer_without_a_due_time_is_undecided() {
        let mut i = inquiry("2026-11-23T15:00:00Z");
        i.first_response_at = Some(t("2026-11-24T15:00:00.000001Z"));
        i.first_response_due_at = Some(t("2026-11-24T15:00:00Z"));
        let f = ReportFacts::of(&i, &chicago());
        assert_eq!(f.first_response_on_time, Some(false));
        assert_eq!(
            f.standard_met(i.first_response_due_at, i.created_at),
            Some(false)
        );
        i.first_response_due_at = None;
        let f = ReportFacts::of(&i, &chicago());
        assert_eq!(f.first_response_on_time, None);
        assert_eq!(f.standard_met(None, t("2030-01-01T00:00:00Z")), None);
    }

    #[test]
    fn business_hours_agree_with_business_minutes() {
        // m / 60 and (60 m) / 3600 are the same f64: both are the correctly
        // rounded value of the same fraction.
        for m in [0i64, 1, 7, 59, 61, 509, 510, 12_345, 1 << 40] {
            assert_eq!(hours(m * 60), m as f64 / 60.0);
        }
    }

    proptest! {
        /// Durations never depend on anything but the inquiry's own times.
        #[test]
        fn facts_follow_the_times(start in 1_700_000_000i64..1_900_000_000, reply in 0i64..3_000_000, resolve in 0i64..3_000_000) {
            let c = chicago();
            let created = DateTime::from_timestamp(start, 0).expect("ts");
            let mut i = InquiryFacts {
                created_at: created,
                first_response_at: Some(created + chrono::Duration::seconds(reply)),
                first_response_due_at: Some(c.add_business_minutes(created, 510)),
                resolved_at: Some(created + chrono::Duration::seconds(reply + resolve)),
                requester_keys: vec![],
                rerouted: false,
                feedback: None,
            };
            let f = ReportFacts::of(&i, &c);
            prop_assert_eq!(f.first_response_seconds, Some(reply));
            prop_assert_eq!(f.resolution_seconds, Some(reply + resolve));
            let fb = f.first_response_business_seconds.expect("answered");
            prop_assert!(fb <= reply && fb % 60 == 0);
            prop_assert!(f.resolution_business_seconds.expect("resolved") >= fb);
            i.first_response_at = None;
            prop_assert_eq!(ReportFacts::of(&i, &c).first_response_seconds, None);
        }
    }
}
