//! Report facts and contacts for inquiries stored without them: those of a
//! database from before the report facts existed, and bulk-loaded histories.
//! Each district's inquiries are read oldest first in chunks, remembering
//! who wrote in the last 30 days, so repeat contacts come out exactly as the
//! definition says without a lookup per inquiry.

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::reports;
use crate::reports::facts::{self, FactInputs};
use crate::rows::{DistrictRow, FeedbackRow};
use crate::schema::{districts, feedback, inquiries, report_facts, report_facts_backfill};
use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use heard_domain::metrics::REPEAT_WINDOW;
use heard_domain::{DistrictId, InquiryId};
use std::collections::HashMap;

/// Inquiries read per chunk.
const CHUNK: i64 = 5000;

/// Whether some inquiry has no report facts. Inquiries are never deleted, and
/// facts exist only for inquiries, so equal counts mean none is missing.
/// Counting reads every index entry: a second or more on a cold million.
pub fn needed(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    let inquiries: i64 = inquiries::table.count().get_result(conn)?;
    let facts: i64 = report_facts::table.count().get_result(conn)?;
    Ok(inquiries != facts)
}

/// Whether a backfill already completed on this database. From then on
/// every inquiry gets its facts in the transaction that stores it; only a
/// bulk load outside Heard's write paths (or a server of an older version)
/// needs [`run`] again, which `heard migrate` does.
pub fn completed(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        report_facts_backfill::table.select(report_facts_backfill::id),
    ))
    .get_result(conn)?)
}

fn mark_completed(conn: &mut AnyConnection) -> Result<(), StoreError> {
    if completed(conn)? {
        return Ok(());
    }
    let at = chrono::Utc::now().naive_utc();
    match diesel::insert_into(report_facts_backfill::table)
        .values((
            report_facts_backfill::id.eq(1),
            report_facts_backfill::completed_at.eq(at),
        ))
        .execute(conn)
    {
        // Another server finished at the same moment.
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// [`run`], unless a backfill already completed: what start-up does, at the
/// cost of one lookup.
pub fn run_unless_completed(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    if completed(conn)? {
        return Ok(0);
    }
    run(conn)
}

/// The latest times each contact key filed an inquiry, while walking a
/// district's inquiries oldest first.
#[derive(Default)]
struct Recent {
    /// Latest time, and the latest time strictly before it.
    by_key: HashMap<String, (NaiveDateTime, Option<NaiveDateTime>)>,
}

impl Recent {
    /// Whether any of `keys` filed an inquiry in the 30 days before `at`;
    /// then records that they filed one at `at` (never earlier than any before).
    fn repeat_then_record(&mut self, keys: &[String], at: NaiveDateTime) -> bool {
        let since = at - REPEAT_WINDOW;
        let repeat = keys.iter().any(|k| {
            self.by_key.get(k).is_some_and(|&(latest, before)| {
                let earlier = if latest < at { Some(latest) } else { before };
                earlier.is_some_and(|t| t >= since)
            })
        });
        for k in keys {
            match self.by_key.get_mut(k) {
                Some(entry) if entry.0 < at => *entry = (at, Some(entry.0)),
                Some(_) => {}
                None => {
                    self.by_key.insert(k.clone(), (at, None));
                }
            }
        }
        repeat
    }

    /// Forgets keys that cannot make anything at or after `at` a repeat.
    fn forget_before(&mut self, at: NaiveDateTime) {
        let since = at - REPEAT_WINDOW;
        self.by_key.retain(|_, (latest, _)| *latest >= since);
    }
}

type Chunk = Vec<(FactInputs, Option<FeedbackRow>, Option<String>)>;

fn chunk(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    after: Option<&(NaiveDateTime, InquiryId)>,
) -> Result<Chunk, StoreError> {
    let mut q = inquiries::table
        .left_join(feedback::table)
        .left_join(report_facts::table)
        .filter(inquiries::district_id.eq(district_id))
        .select((
            FactInputs::as_select(),
            Option::<FeedbackRow>::as_select(),
            report_facts::inquiry_id.nullable(),
        ))
        .into_boxed();
    if let Some((at, id)) = after {
        q = q.filter(
            inquiries::created_at
                .gt(*at)
                .or(inquiries::created_at.eq(*at).and(inquiries::id.gt(*id))),
        );
    }
    Ok(q.order((inquiries::created_at.asc(), inquiries::id.asc()))
        .limit(CHUNK)
        .load(conn)?)
}

/// Adds the missing facts and contacts; returns how many inquiries got facts.
/// Safe to run while inquiries are written and from several servers at once:
/// rows already there are kept.
pub fn run(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    let added = if needed(conn)? {
        // Facts and contacts go into indexes in random order: give SQLite a
        // page cache that holds them for the duration (it is 2 MB otherwise).
        // Each multi-row insert journals the pages it touches until it ends;
        // kept in memory, those journals are not written out as temporary
        // files (gigabytes over a million inquiries).
        let sqlite = matches!(conn, AnyConnection::Sqlite(_));
        if sqlite {
            conn.batch_execute("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;")?;
        }
        let added = sweep(conn);
        if sqlite {
            conn.batch_execute("PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;")?;
        }
        added?
    } else {
        0
    };
    mark_completed(conn)?;
    Ok(added)
}

fn sweep(conn: &mut AnyConnection) -> Result<usize, StoreError> {
    let backend = conn.backend();
    let mut added = 0;
    let all: Vec<DistrictRow> = districts::table
        .select(DistrictRow::as_select())
        .load(conn)?;
    for district in all {
        let calendar = facts::calendar(&district)?;
        let mut recent = Recent::default();
        let mut scopes = reports::ScopeIds::new();
        let mut after = None;
        loop {
            let rows = chunk(conn, district.id, after.as_ref())?;
            let Some((last, _, _)) = rows.last() else {
                break;
            };
            after = Some((last.created_at, last.id));
            let mut new_facts = Vec::new();
            let mut new_contacts = Vec::new();
            for (inputs, fb, existing) in &rows {
                let inputs = inputs.clone().as_stored(backend);
                let keys = facts::contact_keys(&inputs.contact_keys);
                let repeat = recent.repeat_then_record(&keys, inputs.created_at);
                if existing.is_none() {
                    new_facts.push(facts::fact_row(&inputs, fb.as_ref(), &calendar, repeat)?);
                    new_contacts.extend(facts::contact_rows(&inputs));
                }
            }
            if !new_facts.is_empty() {
                added += new_facts.len();
                conn.transaction(|c| {
                    reports::insert_backfilled(c, &new_facts, &new_contacts, &mut scopes)
                })?;
                tracing::info!(district = %district.slug, added, "report facts added");
            }
            if let Some((at, _)) = &after {
                recent.forget_before(*at);
            }
            if rows.len() < CHUNK as usize {
                break;
            }
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration};

    fn t(secs: i64) -> NaiveDateTime {
        DateTime::from_timestamp(1_790_000_000 + secs, 0)
            .expect("time")
            .naive_utc()
    }

    #[test]
    fn repeats_look_back_thirty_days_and_never_at_the_same_instant() {
        let mut r = Recent::default();
        let maria = vec!["email:maria@example.org".to_string()];
        let both = vec![
            "email:maria@example.org".to_string(),
            "phone:5550100".into(),
        ];
        let phone = vec!["phone:5550100".to_string()];
        assert!(!r.repeat_then_record(&maria, t(0)));
        assert!(!r.repeat_then_record(&maria, t(0)), "same instant");
        assert!(r.repeat_then_record(&both, t(10)));
        assert!(
            r.repeat_then_record(&phone, t(10) + Duration::days(30)),
            "exactly 30 days"
        );
        let day = 24 * 3600;
        assert!(!r.repeat_then_record(&maria, t(10) + Duration::days(30) + Duration::seconds(1)));
        r.forget_before(t(100 * day));
        assert!(r.by_key.is_empty());
        assert!(!r.repeat_then_record(&phone, t(100 * day)));
    }
}
