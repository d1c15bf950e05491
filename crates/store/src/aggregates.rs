//! The summary aggregate for SQLite, written in Rust and registered on every
//! SQLite connection. SQLite has no percentile aggregate, and evaluating a
//! score of SQL aggregates per row costs more than the whole budget of a
//! report, so one Rust aggregate adds each row of report facts to the
//! domain's totals (one call per row) and computes the quantiles at the end.
//! PostgreSQL runs the same sums as plain SQL with `percentile_cont`.

use crate::error::StoreError;
use crate::queries::summary::duration_stats;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::SqliteAggregateFunction;
use diesel::SqliteConnection;
use heard_domain::metrics::{DurationStats, FeedbackNumbers, Mean, ReportFacts, Totals};

diesel::define_sql_function! {
    /// The report totals of the rows, encoded as text (see [`decode`]).
    /// `flags`: the row's yes/no facts in one number (see [`call`]); each
    /// argument costs more per row than the rest of the work.
    #[aggregate]
    #[allow(clippy::too_many_arguments)]
    fn heard_summary(
        flags: BigInt,
        first_response_seconds: Nullable<BigInt>,
        first_response_business_seconds: Nullable<BigInt>,
        resolution_seconds: Nullable<BigInt>,
        resolution_business_seconds: Nullable<BigInt>,
        feedback: Nullable<Text>,
    ) -> Text;
}

/// The feedback columns, in [`FeedbackNumbers`] order.
const FEEDBACK: [&str; 6] = [
    "feedback_overall",
    "feedback_courtesy",
    "feedback_communication",
    "feedback_responsiveness",
    "feedback_environment",
    "feedback_recommend",
];

/// `heard_summary` over the rows of `report_facts`, as of the time bound to
/// placeholder `now`.
pub fn call(now: &str) -> String {
    let feedback = FEEDBACK
        .map(|f| format!("IFNULL({f}, '-')"))
        .join(" || ' ' || ");
    // Arithmetic rather than CASE: fewer steps per row. A comparison with
    // NULL is NULL, and so is anything computed from it. The unary + keeps
    // SQLite from trying to read the timestamps as numbers.
    format!(
        "heard_summary(\
         IFNULL((+first_response_due_at < {now}) * {PAST_DUE} + {DUE_KNOWN}, 0) \
         + IFNULL(first_response_on_time * {MET} + {ON_TIME_KNOWN}, 0) \
         + {REROUTED} * rerouted + {REPEAT} * repeat_contact, \
         first_response_seconds, first_response_business_seconds, resolution_seconds, \
         resolution_business_seconds, \
         CASE WHEN feedback_overall IS NOT NULL THEN {feedback} END)"
    )
}

/// The feedback numbers from the text `call` makes of them (feedback is on
/// a fraction of the rows, and one argument costs less than six), `-` for none.
fn feedback_numbers(text: &str) -> FeedbackNumbers {
    let mut numbers = FeedbackNumbers::default();
    for (n, v) in numbers.iter_mut().zip(text.split(' ')) {
        *n = v.parse().ok();
    }
    numbers
}

const DUE_KNOWN: i64 = 1;
const PAST_DUE: i64 = 2;
const ON_TIME_KNOWN: i64 = 4;
const MET: i64 = 8;
const REROUTED: i64 = 16;
const REPEAT: i64 = 32;

/// One row of report facts, as the aggregate receives it (every argument
/// costs, so the yes/no facts come as one number, the feedback as one text).
type Row = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// The running totals and the durations seen.
#[derive(Debug, Default)]
struct Summing {
    totals: Totals,
    durations: [Seconds; 4],
}

/// Whole seconds, kept in 4 bytes each while they fit (any duration under
/// 68 years), so a year of durations stays small in memory.
#[derive(Debug)]
enum Seconds {
    Narrow(Vec<i32>),
    Wide(Vec<i64>),
}

impl Default for Seconds {
    fn default() -> Self {
        Seconds::Narrow(Vec::new())
    }
}

impl Seconds {
    fn push(&mut self, s: i64) {
        match self {
            Seconds::Narrow(v) => match i32::try_from(s) {
                Ok(n) => v.push(n),
                Err(_) => {
                    let mut wide: Vec<i64> = v.iter().map(|&n| n.into()).collect();
                    wide.push(s);
                    *self = Seconds::Wide(wide);
                }
            },
            Seconds::Wide(v) => v.push(s),
        }
    }

    /// Count, median and 90th percentile in hours.
    fn stats(&mut self) -> DurationStats {
        match self {
            Seconds::Narrow(v) => duration_stats(v),
            Seconds::Wide(v) => duration_stats(v),
        }
    }
}

impl SqliteAggregateFunction<Row> for Summing {
    type Output = String;

    fn step(&mut self, row: Row) {
        let (flags, fr, frb, res, resb, feedback) = row;
        let known = |known: i64, yes: i64| (flags & known != 0).then_some(flags & yes != 0);
        let past_due = known(DUE_KNOWN, PAST_DUE);
        let on_time = known(ON_TIME_KNOWN, MET);
        let (rerouted, repeat) = (flags & REROUTED != 0, flags & REPEAT != 0);
        let facts = ReportFacts {
            first_response_seconds: fr,
            first_response_business_seconds: frb,
            first_response_on_time: on_time,
            resolution_seconds: res,
            resolution_business_seconds: resb,
        };
        let feedback = feedback
            .as_deref()
            .map(feedback_numbers)
            .unwrap_or_default();
        self.totals
            .add_facts(&facts, past_due, &feedback, repeat, rerouted);
        for (list, seconds) in self.durations.iter_mut().zip([fr, frb, res, resb]) {
            if let Some(s) = seconds {
                list.push(s);
            }
        }
    }

    fn finalize(state: Option<Self>) -> String {
        let Some(mut state) = state else {
            return encode(&Totals::default());
        };
        let [a, b, c, d] = &mut state.durations;
        state.totals.first_response = a.stats();
        state.totals.first_response_business = b.stats();
        state.totals.resolution = c.stats();
        state.totals.resolution_business = d.stats();
        encode(&state.totals)
    }
}

/// Registers the aggregate on `conn`.
pub fn register(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    heard_summary_utils::register_impl::<Summing, _, _, _, _, _, _>(conn)
}

fn counts(t: &Totals) -> [u64; 16] {
    [
        t.received,
        t.resolved,
        t.standard_decided,
        t.standard_met,
        t.overall.count,
        t.courtesy.count,
        t.communication.count,
        t.responsiveness.count,
        t.environment.count,
        t.recommend_answers,
        t.promoters,
        t.detractors,
        t.resolved_with_feedback,
        t.repeat_contacts,
        t.rerouted,
        0,
    ]
}

/// Space-separated numbers; floats in Rust's shortest form, which parses
/// back to the same value, and `-` for none.
fn encode(t: &Totals) -> String {
    let mut out: Vec<String> = counts(t).iter().map(u64::to_string).collect();
    for m in [
        t.overall,
        t.courtesy,
        t.communication,
        t.responsiveness,
        t.environment,
    ] {
        out.push(m.sum.to_string());
    }
    for d in [
        t.first_response,
        t.first_response_business,
        t.resolution,
        t.resolution_business,
    ] {
        out.push(d.count.to_string());
        for q in [d.median_hours, d.p90_hours] {
            out.push(q.map_or_else(|| "-".to_owned(), |v| v.to_string()));
        }
    }
    out.join(" ")
}

/// The totals [`heard_summary`] returned.
pub fn decode(text: &str) -> Result<Totals, StoreError> {
    let bad = || StoreError::Corrupt(format!("summary totals {text:?}"));
    let mut fields = text.split(' ');
    let mut next = || fields.next().ok_or_else(bad);
    let mut c = [0u64; 16];
    for v in &mut c {
        *v = next()?.parse().map_err(|_| bad())?;
    }
    let mut sums = [0i64; 5];
    for v in &mut sums {
        *v = next()?.parse().map_err(|_| bad())?;
    }
    let mut durations = [DurationStats::default(); 4];
    for d in &mut durations {
        d.count = next()?.parse().map_err(|_| bad())?;
        let mut q = || -> Result<Option<f64>, StoreError> {
            match next()? {
                "-" => Ok(None),
                v => v.parse().map(Some).map_err(|_| bad()),
            }
        };
        d.median_hours = q()?;
        d.p90_hours = q()?;
    }
    let mean = |i: usize| Mean {
        sum: sums[i],
        count: c[4 + i],
    };
    let [first_response, first_response_business, resolution, resolution_business] = durations;
    Ok(Totals {
        received: c[0],
        resolved: c[1],
        standard_decided: c[2],
        standard_met: c[3],
        overall: mean(0),
        courtesy: mean(1),
        communication: mean(2),
        responsiveness: mean(3),
        environment: mean(4),
        recommend_answers: c[9],
        promoters: c[10],
        detractors: c[11],
        resolved_with_feedback: c[12],
        repeat_contacts: c[13],
        rerouted: c[14],
        first_response,
        first_response_business,
        resolution,
        resolution_business,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    #[derive(QueryableByName)]
    struct Encoded {
        #[diesel(sql_type = Text)]
        totals: String,
    }

    fn totals(c: &mut SqliteConnection, filter: &str) -> Totals {
        let rows: Vec<Encoded> = diesel::sql_query(format!(
            "SELECT {} AS totals FROM report_facts WHERE {filter}",
            call("'2026-11-24 12:00:00'")
        ))
        .load(c)
        .expect("query");
        decode(&rows[0].totals).expect("decode")
    }

    #[test]
    fn rows_add_up_and_quantiles_interpolate() {
        let mut c = SqliteConnection::establish(":memory:").expect("memory database");
        register(&mut c).expect("register");
        c.batch_execute(
            "CREATE TABLE report_facts (first_response_due_at TIMESTAMP, first_response_on_time BOOLEAN,
                 first_response_seconds, first_response_business_seconds, resolution_seconds,
                 resolution_business_seconds, rerouted BOOLEAN, repeat_contact BOOLEAN,
                 feedback_overall, feedback_courtesy, feedback_communication,
                 feedback_responsiveness, feedback_environment, feedback_recommend);
             -- answered in time, resolved, rated 10, promoter
             INSERT INTO report_facts VALUES ('2026-11-23 10:00:00', 1, 3600, 3600, 7200, 7200, 0, 0, 10, 5, 5, 5, NULL, 10);
             -- answered late, re-routed, a repeat contact, rated 3, detractor
             INSERT INTO report_facts VALUES ('2026-11-23 10:00:00', 0, 36000, 18000, 72000, 36000, 1, 1, 3, 1, 2, 3, 4, 2);
             -- unanswered and overdue
             INSERT INTO report_facts VALUES ('2026-11-24 11:59:59.999999', NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL);
             -- unanswered, due at the very instant of the report: not yet missed
             INSERT INTO report_facts VALUES ('2026-11-24 12:00:00', NULL, NULL, NULL, NULL, NULL, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL);
             -- answered with no due time
             INSERT INTO report_facts VALUES (NULL, NULL, 60, 0, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL);
             -- ratings no form accepts, stored anyway (only where g = 1 below)
             ALTER TABLE report_facts ADD COLUMN g DEFAULT 0;
             INSERT INTO report_facts VALUES (NULL, NULL, NULL, NULL, 10, 10, 0, 0, 200, 1000, -3, 31, NULL, 30, 1);",
        )
        .expect("data");
        let t = totals(&mut c, "g = 0");
        assert_eq!((t.received, t.resolved), (5, 2));
        assert_eq!((t.standard_decided, t.standard_met), (3, 1));
        assert_eq!(t.overall, Mean { sum: 13, count: 2 });
        assert_eq!(t.environment, Mean { sum: 4, count: 1 });
        assert_eq!((t.recommend_answers, t.promoters, t.detractors), (2, 1, 1));
        assert_eq!(
            (t.resolved_with_feedback, t.repeat_contacts, t.rerouted),
            (2, 2, 1)
        );
        assert_eq!(t.first_response.count, 3);
        assert_eq!(t.first_response.median_hours, Some(1.0));
        assert_eq!(t.first_response.p90_hours, Some(1.0 + 0.8 * 9.0));
        assert_eq!(t.resolution_business.median_hours, Some(6.0));
        let s = t.summary();
        assert_eq!(s.nps, Some(0.0));
        assert_eq!(s.open, 3);

        let none = totals(&mut c, "0");
        assert_eq!(none, Totals::default());

        let odd = totals(&mut c, "g = 1");
        assert_eq!(odd.overall, Mean { sum: 200, count: 1 });
        assert_eq!(
            odd.courtesy,
            Mean {
                sum: 1000,
                count: 1
            }
        );
        assert_eq!(odd.communication, Mean { sum: -3, count: 1 });
        assert_eq!(odd.responsiveness, Mean { sum: 31, count: 1 });
        assert_eq!(odd.environment, Mean::default());
        assert_eq!((odd.recommend_answers, odd.promoters), (1, 1));
    }

    #[test]
    fn quantiles_of_seconds_match_the_definition_over_hours() {
        use heard_domain::metrics::{hours, quantile};
        let mut state = 7u64;
        for n in [1usize, 2, 3, 10, 101, 1000] {
            let values: Vec<i64> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 33) as i64 % 2_000_000 - 1000
                })
                .collect();
            let mut hours_sorted: Vec<f64> = values.iter().map(|&s| hours(s)).collect();
            hours_sorted.sort_by(f64::total_cmp);
            let mut narrow = Seconds::default();
            let mut wide = Seconds::default();
            wide.push(i64::from(i32::MAX) + 1);
            for &s in &values {
                narrow.push(s);
            }
            let got = narrow.stats();
            assert_eq!(got.count, n as u64);
            assert_eq!(got.median_hours, quantile(&hours_sorted, 0.5));
            assert_eq!(got.p90_hours, quantile(&hours_sorted, 0.9));
            for &s in &values {
                wide.push(s);
            }
            hours_sorted.push(hours(i64::from(i32::MAX) + 1));
            hours_sorted.sort_by(f64::total_cmp);
            assert!(matches!(wide, Seconds::Wide(_)));
            assert_eq!(wide.stats().p90_hours, quantile(&hours_sorted, 0.9));
        }
        assert_eq!(Seconds::default().stats(), DurationStats::default());
    }

    #[test]
    fn encoding_keeps_every_digit() {
        let mut t = Totals {
            received: u64::MAX,
            ..Totals::default()
        };
        t.overall = Mean {
            sum: i64::MIN,
            count: 3,
        };
        t.resolution.median_hours = Some(0.1 + 0.2);
        t.resolution.p90_hours = Some(1.0 / 3.0);
        t.first_response.p90_hours = Some(-0.0);
        assert_eq!(decode(&encode(&t)).expect("decode"), t);
        assert!(decode("1 2 3").is_err());
    }
}
