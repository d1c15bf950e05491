//! Erasing requester details once a district's retention period has
//! passed (the rule is [`heard_domain::retention`]). Each erasure goes
//! through the case like any change: a `requester_erased` event on its
//! timeline and in the outbox, and a new version. The name, email and
//! phone are cleared, with the contact keys that repeat contacts were
//! found by; the repeat flag already counted in the report facts stays.

use crate::cases::{self, stored};
use crate::error::StoreError;
use crate::schema::{contacts, inquiries};
use crate::AnyConnection;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use heard_domain::inquiry::Status;
use heard_domain::retention::Retention;
use heard_domain::{DistrictId, InquiryId};

/// The statuses a case is finished in.
const FINISHED: [Status; 2] = [Status::Resolved, Status::Closed];

/// The inquiries of `$district` last changed at or before `$cutoff` that
/// are finished and still hold requester details, oldest change first. The
/// details condition is the one of the partial index
/// `inquiries_requester_kept`, written the same way: SQLite uses such an
/// index only for a query that repeats its condition.
macro_rules! due_query {
    ($district:expr, $cutoff:expr, $limit:expr) => {
        inquiries::table
            .filter(inquiries::district_id.eq($district))
            .filter(inquiries::status.eq_any(FINISHED))
            .filter(inquiries::updated_at.le($cutoff))
            .filter(
                inquiries::requester_name
                    .is_not_null()
                    .or(inquiries::requester_email.is_not_null())
                    .or(inquiries::requester_phone.is_not_null()),
            )
            .order((inquiries::updated_at.asc(), inquiries::id.asc()))
            .limit($limit)
            .select(inquiries::id)
    };
}

/// Up to `limit` inquiries of `district` whose requester details are due
/// to go at `now`, oldest change first.
pub fn due(
    c: &mut AnyConnection,
    district: DistrictId,
    retention: Retention,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<InquiryId>, StoreError> {
    let cutoff = stored(retention.cutoff(now));
    Ok(due_query!(district, cutoff, limit).load(c)?)
}

/// Erases the requester details of `ids` (found by [`due`]) in the
/// caller's transaction; answers how many were erased. One changed since
/// it was found (reopened, say) is no longer due and is left as it is.
pub fn erase(
    c: &mut AnyConnection,
    district: DistrictId,
    ids: &[InquiryId],
    retention: Retention,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut erased = 0;
    for &id in ids {
        let case = cases::load(c, district, id)?;
        let Ok(events) = case.erase_requester(retention, now) else {
            continue;
        };
        match cases::apply(c, &case, &events) {
            // Changed by somebody else since it was loaded: no longer due.
            Err(StoreError::Stale(_)) => continue,
            other => other?,
        };
        diesel::update(inquiries::table.find(id))
            .set((
                inquiries::requester_name.eq(None::<String>),
                inquiries::requester_email.eq(None::<String>),
                inquiries::requester_phone.eq(None::<String>),
                inquiries::contact_keys.eq(""),
            ))
            .execute(c)?;
        diesel::delete(contacts::table.filter(contacts::inquiry_id.eq(id))).execute(c)?;
        erased += 1;
    }
    Ok(erased)
}

/// The districts that keep requester details for a period, with it.
pub fn districts(c: &mut AnyConnection) -> Result<Vec<(DistrictId, Retention)>, StoreError> {
    use crate::schema::districts;
    let rows: Vec<(DistrictId, Option<i64>)> = districts::table
        .filter(districts::requester_retention_days.is_not_null())
        .select((districts::id, districts::requester_retention_days))
        .load(c)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, days)| Retention::of(days).map(|r| (id, r)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestDatabase;
    use diesel::sql_types::Text;

    #[derive(QueryableByName)]
    struct PlanStep {
        #[diesel(sql_type = Text)]
        detail: String,
    }

    /// The daily pass reads the partial index, not every finished inquiry.
    #[test]
    fn finding_what_is_due_reads_the_partial_index_on_sqlite() {
        let db = TestDatabase::sqlite();
        let store = crate::Store::open(&db.url).expect("open");
        let plan = store
            .read(|c| {
                let AnyConnection::Sqlite(lite) = c else {
                    return Err(StoreError::Corrupt("not SQLite".into()));
                };
                let query = due_query!(
                    DistrictId::new(),
                    chrono::DateTime::UNIX_EPOCH.naive_utc(),
                    500
                );
                let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
                let sql = sql.split(" -- binds").next().unwrap_or_default().to_owned();
                let steps: Vec<PlanStep> =
                    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}")).load(lite)?;
                Ok(steps.into_iter().map(|s| s.detail).collect::<Vec<_>>())
            })
            .expect("plan");
        assert!(
            plan.iter().any(|d| d.contains("inquiries_requester_kept")),
            "{plan:?}"
        );
    }
}
