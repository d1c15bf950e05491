//! The report summary as one aggregate query over the report facts of a
//! period (or of each piece, read side by side): counts and sums added up by the
//! database (on SQLite by one Rust aggregate, see `crate::reports::sqlite_totals`), the
//! durations handed over whole for the quantiles. The last step (rates,
//! means) is the domain's, shared with the definition.

use super::period::{Kept, Part, Seconds};
use super::Scope;
use crate::conn::AnyConnection;
use crate::error::StoreError;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Integer, Nullable, Text, Timestamp};
use heard_domain::metrics::{Mean, Totals, DETRACTOR_UP_TO, PROMOTER_FROM};
use heard_domain::DistrictId;

/// One row of sums (PostgreSQL); names match the query's aliases.
#[derive(Debug, QueryableByName)]
struct SummaryRow {
    #[diesel(sql_type = BigInt)]
    received: i64,
    #[diesel(sql_type = BigInt)]
    resolved: i64,
    #[diesel(sql_type = BigInt)]
    standard_decided: i64,
    #[diesel(sql_type = BigInt)]
    standard_met: i64,
    #[diesel(sql_type = BigInt)]
    overall_sum: i64,
    #[diesel(sql_type = BigInt)]
    overall_count: i64,
    #[diesel(sql_type = BigInt)]
    courtesy_sum: i64,
    #[diesel(sql_type = BigInt)]
    courtesy_count: i64,
    #[diesel(sql_type = BigInt)]
    communication_sum: i64,
    #[diesel(sql_type = BigInt)]
    communication_count: i64,
    #[diesel(sql_type = BigInt)]
    responsiveness_sum: i64,
    #[diesel(sql_type = BigInt)]
    responsiveness_count: i64,
    #[diesel(sql_type = BigInt)]
    environment_sum: i64,
    #[diesel(sql_type = BigInt)]
    environment_count: i64,
    #[diesel(sql_type = BigInt)]
    recommend_answers: i64,
    #[diesel(sql_type = BigInt)]
    promoters: i64,
    #[diesel(sql_type = BigInt)]
    detractors: i64,
    #[diesel(sql_type = BigInt)]
    resolved_with_feedback: i64,
    #[diesel(sql_type = BigInt)]
    repeat_contacts: i64,
    #[diesel(sql_type = BigInt)]
    rerouted: i64,
    #[diesel(sql_type = Nullable<Array<Integer>>)]
    first_response_narrow: Option<Vec<i32>>,
    #[diesel(sql_type = Nullable<Array<BigInt>>)]
    first_response_wide: Option<Vec<i64>>,
    #[diesel(sql_type = BigInt)]
    first_response_count: i64,
    #[diesel(sql_type = Nullable<Array<Integer>>)]
    first_response_business_narrow: Option<Vec<i32>>,
    #[diesel(sql_type = Nullable<Array<BigInt>>)]
    first_response_business_wide: Option<Vec<i64>>,
    #[diesel(sql_type = BigInt)]
    first_response_business_count: i64,
    #[diesel(sql_type = Nullable<Array<Integer>>)]
    resolution_narrow: Option<Vec<i32>>,
    #[diesel(sql_type = Nullable<Array<BigInt>>)]
    resolution_wide: Option<Vec<i64>>,
    #[diesel(sql_type = BigInt)]
    resolution_count: i64,
    #[diesel(sql_type = Nullable<Array<Integer>>)]
    resolution_business_narrow: Option<Vec<i32>>,
    #[diesel(sql_type = Nullable<Array<BigInt>>)]
    resolution_business_wide: Option<Vec<i64>>,
    #[diesel(sql_type = BigInt)]
    resolution_business_count: i64,
}

/// The durations, by the prefix of their columns.
const DURATIONS: [&str; 4] = [
    "first_response",
    "first_response_business",
    "resolution",
    "resolution_business",
];

/// The scope's filters that are set: column and value, bound from `$5` on.
fn filters(scope: &Scope) -> Vec<(&'static str, String)> {
    [
        ("unit_id", scope.unit_id.map(|u| u.to_string())),
        ("topic_id", scope.topic_id.map(|t| t.to_string())),
        ("team_id", scope.team_id.map(|t| t.to_string())),
    ]
    .into_iter()
    .filter_map(|(column, value)| Some((column, value?)))
    .collect()
}

/// The rows of the period in scope; `p(n)` writes placeholder `n`, `any`
/// how the backend matches a column against a subquery. Only the filters in
/// use are written.
fn period(scope: &Scope, p: impl Fn(usize) -> String, any: impl Fn(&str) -> String) -> String {
    let mut scopes = format!("SELECT id FROM report_scopes WHERE district_id = {}", p(1));
    for (n, (column, _)) in filters(scope).into_iter().enumerate() {
        scopes.push_str(&format!(" AND {column} = {}", p(5 + n)));
    }
    format!(
        "FROM report_facts WHERE scope_id {} AND created_at >= {} AND created_at < {}",
        any(&scopes),
        p(2),
        p(3),
    )
}

/// PostgreSQL: plain aggregates, and the `kept` durations for the quantiles.
fn postgres_sql(scope: &Scope, kept: Kept) -> String {
    let sum = |cond: &str| format!("COALESCE(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END), 0)");
    let mut columns = vec![
        "COUNT(*) AS received".to_owned(),
        "COUNT(resolution_seconds) AS resolved".to_owned(),
        // Answered with a due time, or unanswered and past due as of now.
        format!(
            "{} AS standard_decided",
            sum("first_response_on_time IS NOT NULL OR \
                 (first_response_seconds IS NULL AND first_response_due_at < $4)")
        ),
        format!("{} AS standard_met", sum("first_response_on_time")),
    ];
    for name in [
        "overall",
        "courtesy",
        "communication",
        "responsiveness",
        "environment",
    ] {
        columns.push(format!(
            "CAST(COALESCE(SUM(feedback_{name}), 0) AS BIGINT) AS {name}_sum"
        ));
        columns.push(format!("COUNT(feedback_{name}) AS {name}_count"));
    }
    columns.extend([
        "COUNT(feedback_recommend) AS recommend_answers".to_owned(),
        format!(
            "{} AS promoters",
            sum(&format!("feedback_recommend >= {PROMOTER_FROM}"))
        ),
        format!(
            "{} AS detractors",
            sum(&format!("feedback_recommend <= {DETRACTOR_UP_TO}"))
        ),
        format!(
            "{} AS resolved_with_feedback",
            sum("resolution_seconds IS NOT NULL AND feedback_overall IS NOT NULL")
        ),
        format!("{} AS repeat_contacts", sum("repeat_contact")),
        format!("{} AS rerouted", sum("rerouted")),
    ]);
    // The durations themselves, for the quantiles: PostgreSQL's
    // percentile_cont sorts each of the four (two thirds of the query's
    // time); handing the whole seconds over and selecting the two closest
    // ranks takes a fraction of that. In 4 bytes each where they fit (the
    // client library holds the whole answer while it is decoded), the rare
    // rest in 8.
    const FITS: &str = "BETWEEN -2147483648 AND 2147483647";
    for (d, kept) in DURATIONS.into_iter().zip(kept.0) {
        if kept {
            columns.push(format!(
                "array_agg(CAST({d}_seconds AS INTEGER)) FILTER (WHERE {d}_seconds {FITS}) AS {d}_narrow"
            ));
            columns.push(format!(
                "array_agg({d}_seconds) FILTER (WHERE {d}_seconds NOT {FITS}) AS {d}_wide"
            ));
            // Counted by the lists' lengths: one aggregate less per row.
            columns.push(format!("CAST(0 AS BIGINT) AS {d}_count"));
        } else {
            columns.push(format!("CAST(NULL AS INTEGER[]) AS {d}_narrow"));
            columns.push(format!("CAST(NULL AS BIGINT[]) AS {d}_wide"));
            columns.push(format!("COUNT({d}_seconds) AS {d}_count"));
        }
    }
    format!(
        "SELECT {} {}",
        columns.join(", "),
        // An array of scope ids: one index range per scope.
        period(scope, |n| format!("${n}"), |q| format!("= ANY(ARRAY({q}))"))
    )
}

/// SQLite: the Rust aggregate over the same columns.
fn sqlite_sql(scope: &Scope) -> String {
    format!(
        "SELECT {} AS rows {}",
        crate::reports::sqlite_totals::call("?4"),
        period(scope, |n| format!("?{n}"), |q| format!("IN ({q})"))
    )
}

/// What the SQLite query returns: the rows the aggregate added up.
#[derive(Debug, QueryableByName)]
struct Rows {
    #[diesel(sql_type = BigInt)]
    rows: i64,
}

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// The part of the period `[from, to)` of the district in scope, added up
/// by the database on `conn`, as of `now`, with the `kept` durations whole
/// (the others counted). Parts of one period add up with [`Part::append`];
/// [`Part::finish`] gives the totals.
pub fn part(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    (from, to): (NaiveDateTime, NaiveDateTime),
    now: NaiveDateTime,
    scope: &Scope,
    kept: Kept,
) -> Result<Part, StoreError> {
    macro_rules! run {
        ($c:expr, $sql:expr, $row:ty) => {{
            let mut q = diesel::sql_query($sql)
                .into_boxed()
                .bind::<Text, _>(district_id.to_string())
                .bind::<Timestamp, _>(from)
                .bind::<Timestamp, _>(to)
                .bind::<Timestamp, _>(now);
            for (_, value) in filters(scope) {
                q = q.bind::<Text, _>(value);
            }
            q.get_result::<$row>($c)
        }};
    }
    let r = match conn {
        AnyConnection::Sqlite(c) => {
            return crate::reports::sqlite_totals::take_part(kept, || {
                Ok(run!(c, sqlite_sql(scope), Rows)?.rows)
            });
        }
        AnyConnection::Postgresql(c) => run!(c, postgres_sql(scope, kept), SummaryRow)?,
    };
    let mean = |sum, n| Mean {
        sum,
        count: count(n),
    };
    let seconds =
        |kept: bool, narrow: Option<Vec<i32>>, wide: Option<Vec<i64>>, n: i64| match (kept, wide) {
            (false, _) => Seconds::Counted(count(n)),
            (true, Some(wide)) if !wide.is_empty() => {
                let mut all = Seconds::Wide(wide);
                all.append(Seconds::Narrow(narrow.unwrap_or_default()));
                all
            }
            (true, _) => Seconds::Narrow(narrow.unwrap_or_default()),
        };
    let [fr, frb, res, resb] = kept.0;
    Ok(Part {
        totals: Totals {
            received: count(r.received),
            resolved: count(r.resolved),
            standard_decided: count(r.standard_decided),
            standard_met: count(r.standard_met),
            overall: mean(r.overall_sum, r.overall_count),
            courtesy: mean(r.courtesy_sum, r.courtesy_count),
            communication: mean(r.communication_sum, r.communication_count),
            responsiveness: mean(r.responsiveness_sum, r.responsiveness_count),
            environment: mean(r.environment_sum, r.environment_count),
            recommend_answers: count(r.recommend_answers),
            promoters: count(r.promoters),
            detractors: count(r.detractors),
            resolved_with_feedback: count(r.resolved_with_feedback),
            repeat_contacts: count(r.repeat_contacts),
            rerouted: count(r.rerouted),
            ..Totals::default()
        },
        durations: [
            seconds(
                fr,
                r.first_response_narrow,
                r.first_response_wide,
                r.first_response_count,
            ),
            seconds(
                frb,
                r.first_response_business_narrow,
                r.first_response_business_wide,
                r.first_response_business_count,
            ),
            seconds(
                res,
                r.resolution_narrow,
                r.resolution_wide,
                r.resolution_count,
            ),
            seconds(
                resb,
                r.resolution_business_narrow,
                r.resolution_business_wide,
                r.resolution_business_count,
            ),
        ],
    })
}

/// `[from, to)` in as many pieces as there are cores (at most two), each
/// holding about as many inquiries (none arrive after `now`), to be read
/// side by side on as many connections with [`part`].
pub fn pieces(
    from: NaiveDateTime,
    to: NaiveDateTime,
    now: NaiveDateTime,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let end = to.min(now);
    if cores < 2 || end - from < chrono::Duration::hours(1) {
        return vec![(from, to)];
    }
    let mid = from + (end - from) / 2;
    vec![(from, mid), (mid, to)]
}

/// The totals of the inquiries of the district created in `[from, to)` in
/// scope, as of `now` (an unanswered inquiry has missed its standard once
/// its due time is before `now`), read in one piece on `conn`.
pub fn totals(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    from: NaiveDateTime,
    to: NaiveDateTime,
    now: NaiveDateTime,
    scope: &Scope,
) -> Result<Totals, StoreError> {
    Ok(part(conn, district_id, (from, to), now, scope, Kept::ALL)?.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_backend_gets_its_own_query_and_placeholders() {
        let team = Scope {
            team_id: Some(heard_domain::TeamId::new()),
            ..Scope::default()
        };
        let s = sqlite_sql(&team);
        assert!(s.contains("(+first_response_due_at < ?4)"));
        assert!(s.contains(
            "scope_id IN (SELECT id FROM report_scopes WHERE district_id = ?1 AND team_id = ?5)"
        ));
        assert!(!s.contains('$'));
        let all = Scope {
            unit_id: Some(heard_domain::UnitId::new()),
            topic_id: Some(heard_domain::TopicId::new()),
            team_id: Some(heard_domain::TeamId::new()),
        };
        let p = postgres_sql(&all, Kept::ALL);
        assert!(p.contains("array_agg(CAST(resolution_business_seconds AS INTEGER)) FILTER (WHERE resolution_business_seconds BETWEEN -2147483648 AND 2147483647) AS resolution_business_narrow"));
        assert!(p.contains("array_agg(resolution_business_seconds) FILTER (WHERE resolution_business_seconds NOT BETWEEN -2147483648 AND 2147483647) AS resolution_business_wide"));
        let goals = postgres_sql(&all, Kept([false, true, false, false]));
        assert!(goals.contains("CAST(NULL AS INTEGER[]) AS resolution_narrow"));
        assert!(goals.contains("COUNT(resolution_seconds) AS resolution_count"));
        assert!(goals.contains("AS first_response_business_narrow"));
        assert!(goals.contains("CAST(0 AS BIGINT) AS first_response_business_count"));
        assert!(p.contains("AND unit_id = $5 AND topic_id = $6 AND team_id = $7))"));
        assert!(!p.contains('?'));
        assert!(!postgres_sql(&Scope::default(), Kept::ALL).contains("$5"));
    }
}
