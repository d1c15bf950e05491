//! The summary aggregate for SQLite, written in Rust and registered on every
//! SQLite connection. SQLite has no percentile aggregate, and evaluating a
//! score of SQL aggregates per row costs more than the whole budget of a
//! report, so one Rust aggregate adds each row of report facts to the
//! domain's totals (one call per row) and keeps the durations: a [`Part`] of
//! the period, handed to the caller by [`take_part`]. PostgreSQL runs the
//! same sums as plain SQL.

use crate::error::StoreError;
use crate::reports::period::{Kept, Part};
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::SqliteAggregateFunction;
use diesel::SqliteConnection;
use heard_domain::metrics::{FeedbackNumbers, ReportFacts};
use std::cell::{Cell, RefCell};

diesel::define_sql_function! {
    /// Adds the rows up as a part of a report period, which [`take_part`]
    /// takes; returns how many rows it added.
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
    ) -> BigInt;
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
#[derive(Debug)]
struct Summing(Part);

impl Default for Summing {
    fn default() -> Self {
        Summing(Part {
            durations: KEPT.with(Cell::get).empty(),
            ..Part::default()
        })
    }
}

impl SqliteAggregateFunction<Row> for Summing {
    type Output = i64;

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
        self.0
            .totals
            .add_facts(&facts, past_due, &feedback, repeat, rerouted);
        for (list, seconds) in self.0.durations.iter_mut().zip([fr, frb, res, resb]) {
            if let Some(s) = seconds {
                list.push(s);
            }
        }
    }

    fn finalize(state: Option<Self>) -> i64 {
        let part = state.map(|s| s.0).unwrap_or_default();
        let rows = i64::try_from(part.totals.received).unwrap_or(i64::MAX);
        FINISHED.with(|f| *f.borrow_mut() = Some(part));
        rows
    }
}

thread_local! {
    /// The part the last `heard_summary` on this thread added up. SQLite runs
    /// the aggregate inside the query, on the thread that steps it, so the
    /// durations are handed over here instead of being copied through SQL
    /// (three copies of every duration, and memory the allocator keeps).
    static FINISHED: RefCell<Option<Part>> = const { RefCell::new(None) };
    /// The durations the next `heard_summary` on this thread keeps whole.
    static KEPT: Cell<Kept> = const { Cell::new(Kept::ALL) };
}

/// Runs `query`, which must compute `heard_summary` once on this thread and
/// return its value, and takes the part it added up, keeping the `kept`
/// durations whole.
pub fn take_part(
    kept: Kept,
    query: impl FnOnce() -> diesel::QueryResult<i64>,
) -> Result<Part, StoreError> {
    FINISHED.with(|f| f.borrow_mut().take());
    KEPT.with(|k| k.set(kept));
    let rows = query();
    KEPT.with(|k| k.set(Kept::ALL));
    let rows = rows?;
    let part = FINISHED
        .with(|f| f.borrow_mut().take())
        .ok_or_else(|| StoreError::Corrupt("the summary aggregate did not run".into()))?;
    if i64::try_from(part.totals.received).ok() != Some(rows) {
        return Err(StoreError::Corrupt(
            "the summary aggregate ran more than once".into(),
        ));
    }
    Ok(part)
}

/// Registers the aggregate on `conn`.
pub fn register(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    heard_summary_utils::register_impl::<Summing, _, _, _, _, _, _>(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use heard_domain::metrics::{Mean, Totals};

    #[derive(QueryableByName)]
    struct Rows {
        #[diesel(sql_type = BigInt)]
        rows: i64,
    }

    fn totals(c: &mut SqliteConnection, filter: &str) -> Totals {
        totals_keeping(c, filter, Kept::ALL)
    }

    fn totals_keeping(c: &mut SqliteConnection, filter: &str, kept: Kept) -> Totals {
        let sql = format!(
            "SELECT {} AS rows FROM report_facts WHERE {filter}",
            call("'2026-11-24 12:00:00'")
        );
        take_part(kept, || {
            Ok(diesel::sql_query(sql).get_result::<Rows>(c)?.rows)
        })
        .expect("part")
        .finish()
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

        // Durations not kept are counted; the kept ones come out the same.
        let some = totals_keeping(&mut c, "g = 0", Kept([false, false, false, true]));
        assert_eq!(some.first_response.count, 3);
        assert_eq!(some.first_response.median_hours, None);
        assert_eq!(some.resolution_business, t.resolution_business);
        assert_eq!(
            Totals {
                first_response: t.first_response,
                first_response_business: t.first_response_business,
                resolution: t.resolution,
                ..some.clone()
            },
            t
        );
        // The next summary on the thread keeps every duration again.
        assert_eq!(totals(&mut c, "g = 0"), t);

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

        // A query that does not run the aggregate leaves nothing to take.
        let err = take_part(Kept::ALL, || {
            Ok(diesel::sql_query("SELECT 3 AS rows")
                .get_result::<Rows>(&mut c)?
                .rows)
        });
        assert!(matches!(err, Err(StoreError::Corrupt(_))));
        // Groups (more than one run) are refused.
        let grouped = take_part(Kept::ALL, || {
            let sql = format!(
                "SELECT {} AS rows FROM report_facts GROUP BY g ORDER BY g DESC",
                call("'2026-11-24 12:00:00'")
            );
            Ok(diesel::sql_query(sql).load::<Rows>(&mut c)?[0].rows)
        });
        assert!(matches!(grouped, Err(StoreError::Corrupt(_))));
    }
}
