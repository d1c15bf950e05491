//! Aggregates SQLite lacks, written in Rust and registered on every SQLite
//! connection (PostgreSQL has its own `percentile_cont`).

use diesel::sql_types::{Double, Nullable};
use diesel::sqlite::SqliteAggregateFunction;
use diesel::SqliteConnection;

diesel::define_sql_function! {
    /// The value at quantile `q` (0–1) of the non-null `x`, interpolating
    /// linearly between closest ranks, as `percentile_cont` does; NULL when
    /// there is none.
    #[aggregate]
    fn heard_quantile(x: Nullable<Double>, q: Double) -> Nullable<Double>;
}

/// The state of one `heard_quantile` over a group.
#[derive(Debug, Default)]
struct Quantile {
    values: Vec<f64>,
    q: f64,
}

impl SqliteAggregateFunction<(Option<f64>, f64)> for Quantile {
    type Output = Option<f64>;

    fn step(&mut self, (x, q): (Option<f64>, f64)) {
        if let Some(x) = x {
            self.values.push(x);
        }
        self.q = q;
    }

    fn finalize(state: Option<Self>) -> Option<f64> {
        let mut state = state?;
        heard_domain::metrics::quantile_unsorted(&mut state.values, state.q)
    }
}

/// Registers the aggregates on `conn`.
pub fn register(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    heard_quantile_utils::register_impl::<Quantile, _, _>(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    #[derive(QueryableByName, Debug, PartialEq)]
    struct Row {
        #[diesel(sql_type = Nullable<Double>)]
        median: Option<f64>,
        #[diesel(sql_type = Nullable<Double>)]
        p90: Option<f64>,
    }

    #[test]
    fn quantiles_interpolate_and_skip_nulls() {
        let mut c = SqliteConnection::establish(":memory:").expect("memory database");
        register(&mut c).expect("register");
        c.batch_execute(
            "CREATE TABLE t (g INTEGER, x REAL);
             INSERT INTO t VALUES (1, 4), (1, NULL), (1, 1), (1, 3), (1, 2), (2, NULL);",
        )
        .expect("data");
        let rows: Vec<Row> = diesel::sql_query(
            "SELECT heard_quantile(x, 0.5) AS median, heard_quantile(x, 0.9) AS p90
             FROM t GROUP BY g ORDER BY g",
        )
        .load(&mut c)
        .expect("query");
        assert_eq!(
            rows,
            vec![
                Row {
                    median: Some(2.5),
                    p90: Some(3.0 + 0.7 * 1.0)
                },
                Row {
                    median: None,
                    p90: None
                },
            ]
        );
        let empty: Vec<Row> = diesel::sql_query(
            "SELECT heard_quantile(x, 0.5) AS median, heard_quantile(x, 0.9) AS p90 FROM t WHERE g = 3",
        )
        .load(&mut c)
        .expect("query");
        assert_eq!(
            empty,
            vec![Row {
                median: None,
                p90: None
            }]
        );
    }
}
