//! Counts and sums over a set of inquiries, from which every number of the
//! summary follows. The in-memory definition (`summarize`) and the database's
//! aggregate query both produce these, and share the last step.

use super::{DurationStats, FeedbackNumbers, PillarScores, ReportFacts, Summary};

/// A sum of whole numbers and how many were added, for a mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mean {
    /// Sum of the values.
    pub sum: i64,
    /// How many values.
    pub count: u64,
}

impl Mean {
    /// Adds a value.
    pub fn add(&mut self, v: i64) {
        self.sum += v;
        self.count += 1;
    }

    /// The mean, if anything was added.
    pub fn value(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }
}

/// Everything the summary needs, added up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    /// Inquiries received.
    pub received: u64,
    /// Of those, resolved at least once.
    pub resolved: u64,
    /// Decided inquiries (answered with a due time, or unanswered past due).
    pub standard_decided: u64,
    /// Of those, answered by their due time.
    pub standard_met: u64,
    /// Overall rating (0–10) of each feedback; its count is the feedback received.
    pub overall: Mean,
    /// Courtesy & respect (1–5).
    pub courtesy: Mean,
    /// Communication (1–5).
    pub communication: Mean,
    /// Responsiveness (1–5).
    pub responsiveness: Mean,
    /// Environment (1–5), when rated.
    pub environment: Mean,
    /// Recommend answers given (0–10).
    pub recommend_answers: u64,
    /// Of those, 9 or 10.
    pub promoters: u64,
    /// Of those, 0 to 6.
    pub detractors: u64,
    /// Resolved inquiries that received feedback.
    pub resolved_with_feedback: u64,
    /// Inquiries whose requester filed another in the previous 30 days.
    pub repeat_contacts: u64,
    /// Inquiries moved to another team at least once.
    pub rerouted: u64,
    /// First response time in calendar hours.
    pub first_response: DurationStats,
    /// First response time in business hours.
    pub first_response_business: DurationStats,
    /// Resolution time in calendar hours.
    pub resolution: DurationStats,
    /// Resolution time in business hours.
    pub resolution_business: DurationStats,
}

fn pct(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

impl Totals {
    /// Counts one inquiry from what is kept about it: its facts, whether its
    /// first-response due time has passed at the time of the report (unknown
    /// without one), its feedback, and whether it is a repeat contact and was
    /// re-routed. Durations are counted by the caller.
    pub fn add_facts(
        &mut self,
        facts: &ReportFacts,
        past_due: Option<bool>,
        feedback: &FeedbackNumbers,
        repeat_contact: bool,
        rerouted: bool,
    ) {
        self.received += 1;
        let resolved = facts.resolution_seconds.is_some();
        self.resolved += u64::from(resolved);
        if let Some(met) = facts.standard_met_when(past_due) {
            self.standard_decided += 1;
            self.standard_met += u64::from(met);
        }
        let [overall, courtesy, communication, responsiveness, environment, recommend] = *feedback;
        if let Some(v) = overall {
            self.overall.add(v);
            self.resolved_with_feedback += u64::from(resolved);
        }
        for (v, mean) in [
            (courtesy, &mut self.courtesy),
            (communication, &mut self.communication),
            (responsiveness, &mut self.responsiveness),
            (environment, &mut self.environment),
        ] {
            if let Some(v) = v {
                mean.add(v);
            }
        }
        if let Some(r) = recommend {
            self.recommend_answers += 1;
            self.promoters += u64::from(super::is_promoter(r));
            self.detractors += u64::from(super::is_detractor(r));
        }
        self.repeat_contacts += u64::from(repeat_contact);
        self.rerouted += u64::from(rerouted);
    }

    /// The summary these totals describe.
    pub fn summary(&self) -> Summary {
        let nps = pct(self.promoters, self.recommend_answers)
            .zip(pct(self.detractors, self.recommend_answers))
            .map(|(p, d)| p - d);
        Summary {
            received: self.received,
            open: self.received.saturating_sub(self.resolved),
            resolved: self.resolved,
            first_response: self.first_response,
            first_response_business: self.first_response_business,
            resolution: self.resolution,
            resolution_business: self.resolution_business,
            standard_met_pct: pct(self.standard_met, self.standard_decided),
            feedback_count: self.overall.count,
            average_feedback: self.overall.value(),
            pillar_scores: PillarScores {
                courtesy: self.courtesy.value(),
                communication: self.communication.value(),
                responsiveness: self.responsiveness.value(),
                environment: self.environment.value(),
            },
            nps,
            survey_response_rate_pct: pct(self.resolved_with_feedback, self.resolved),
            repeat_contact_rate_pct: pct(self.repeat_contacts, self.received),
            misroute_rate_pct: pct(self.rerouted, self.received),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_period_has_counts_but_no_rates() {
        let s = Totals::default().summary();
        assert_eq!(
            (s.received, s.open, s.resolved, s.feedback_count),
            (0, 0, 0, 0)
        );
        assert_eq!(s.standard_met_pct, None);
        assert_eq!(s.average_feedback, None);
        assert_eq!(s.nps, None);
        assert_eq!(s.survey_response_rate_pct, None);
        assert_eq!(s.repeat_contact_rate_pct, None);
        assert_eq!(s.misroute_rate_pct, None);
        assert_eq!(s.first_response, DurationStats::default());
    }

    #[test]
    fn rates_and_means_follow_the_definitions() {
        let mut t = Totals {
            received: 8,
            resolved: 4,
            standard_decided: 3,
            standard_met: 2,
            recommend_answers: 4,
            promoters: 2,
            detractors: 1,
            resolved_with_feedback: 3,
            repeat_contacts: 1,
            rerouted: 2,
            ..Totals::default()
        };
        for v in [10, 9, 8] {
            t.overall.add(v);
        }
        t.courtesy.add(5);
        t.courtesy.add(4);
        let s = t.summary();
        assert_eq!(s.open, 4);
        assert_eq!(s.feedback_count, 3);
        assert_eq!(s.average_feedback, Some(9.0));
        assert_eq!(s.pillar_scores.courtesy, Some(4.5));
        assert_eq!(s.pillar_scores.environment, None);
        assert_eq!(s.nps, Some(25.0));
        assert_eq!(s.survey_response_rate_pct, Some(75.0));
        assert_eq!(s.repeat_contact_rate_pct, Some(12.5));
        assert_eq!(s.misroute_rate_pct, Some(25.0));
        let met = s.standard_met_pct.expect("decided");
        assert!((met - 200.0 / 3.0).abs() < 1e-12);
    }
}
