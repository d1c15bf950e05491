//! The reports, gathered: the report facts kept beside each inquiry
//! ([`facts`], [`arrivals`] for new ones, [`backfill`] for old ones), the
//! summary of a period added up from them ([`summary`], [`period`], and
//! on SQLite [`sqlite_totals`]), and the threads that read periods side by
//! side ([`readers`]). The numbers are the domain's
//! (`heard_domain::metrics`); this is where they meet the database.

pub mod arrivals;
pub mod backfill;
pub mod facts;
pub mod period;
pub mod readers;
pub mod recompute;
pub mod sqlite_totals;
pub mod summary;

use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::reports::facts::{FactInputs, ReportFact, ScopeKey};
use crate::rows::*;
use crate::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::metrics::REPEAT_WINDOW;
use heard_domain::{DistrictId, InquiryId, TeamId, TopicId, UnitId};
use std::collections::HashMap;

pub use period::{Kept, Part};
pub use summary::{part, pieces, totals};

/// What a report covers within its district: every inquiry, or those of a
/// school or department, a topic, a team (the team that has it now).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    /// Only this school or department.
    pub unit_id: Option<UnitId>,
    /// Only this topic.
    pub topic_id: Option<TopicId>,
    /// Only this team.
    pub team_id: Option<TeamId>,
}

/// Whether any of `keys` filed an inquiry in the district in the 30 days before `at`.
pub fn is_repeat_contact(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    keys: &[String],
    at: NaiveDateTime,
) -> Result<bool, StoreError> {
    if keys.is_empty() {
        return Ok(false);
    }
    Ok(diesel::select(diesel::dsl::exists(
        contacts::table
            .filter(contacts::district_id.eq(district_id))
            .filter(contacts::contact_key.eq_any(keys))
            .filter(contacts::created_at.ge(at - REPEAT_WINDOW))
            .filter(contacts::created_at.lt(at)),
    ))
    .get_result(conn)?)
}

/// Report scope ids already looked up, by scope.
pub type ScopeIds = HashMap<ScopeKey, i64>;

fn lookup_scope(conn: &mut AnyConnection, key: &ScopeKey) -> Result<Option<i64>, StoreError> {
    Ok(report_scopes::table
        .filter(report_scopes::district_id.eq(&key.district_id))
        .filter(report_scopes::unit_id.eq(&key.unit_id))
        .filter(report_scopes::topic_id.eq(&key.topic_id))
        .filter(report_scopes::team_id.eq(&key.team_id))
        .select(report_scopes::id)
        .first(conn)
        .optional()?)
}

/// The id of a report scope, made the first time it is needed.
pub fn scope_id(
    conn: &mut AnyConnection,
    key: &ScopeKey,
    known: &mut ScopeIds,
) -> Result<i64, StoreError> {
    if let Some(id) = known.get(key) {
        return Ok(*id);
    }
    let id = match lookup_scope(conn, key)? {
        Some(id) => id,
        None => {
            // Another writer may make the same scope at the same moment.
            let values = (
                report_scopes::district_id.eq(&key.district_id),
                report_scopes::unit_id.eq(&key.unit_id),
                report_scopes::topic_id.eq(&key.topic_id),
                report_scopes::team_id.eq(&key.team_id),
            );
            match &mut *conn {
                AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(report_scopes::table)
                    .values(values)
                    .execute(c)?,
                AnyConnection::Postgresql(c) => diesel::insert_into(report_scopes::table)
                    .values(values)
                    .on_conflict_do_nothing()
                    .execute(c)?,
            };
            lookup_scope(conn, key)?.ok_or(StoreError::NotFound)?
        }
    };
    known.insert(key.clone(), id);
    Ok(id)
}

/// The rows to store for `facts`, with their scope ids.
pub(crate) fn rows(
    conn: &mut AnyConnection,
    facts: &[ReportFact],
    known: &mut ScopeIds,
) -> Result<Vec<ReportFactRow>, StoreError> {
    facts
        .iter()
        .map(|f| {
            let mut row = f.row.clone();
            row.scope_id = scope_id(conn, &f.scope, known)?;
            Ok(row)
        })
        .collect()
}

/// Stores the facts and contacts of newly received inquiries (many rows per
/// statement). An inquiry that arrives after a later one of the same
/// requester was already stored (writers run side by side) makes that later
/// one a repeat contact, so those are marked here too.
pub fn insert_new(
    conn: &mut AnyConnection,
    facts: &[ReportFact],
    contacts: &[ContactRow],
) -> Result<(), StoreError> {
    let rows = rows(conn, facts, &mut ScopeIds::new())?;
    for chunk in contacts.chunks(2000) {
        crate::insert_batch!(&mut *conn, contacts::table, chunk)?;
    }
    for chunk in rows.chunks(1000) {
        crate::insert_batch!(&mut *conn, report_facts::table, chunk)?;
    }
    for f in &rows {
        let mine: Vec<&ContactRow> = contacts
            .iter()
            .filter(|c| c.inquiry_id == f.inquiry_id)
            .collect();
        let Some(district) = mine.first().map(|c| c.district_id) else {
            continue;
        };
        let keys: Vec<&str> = mine.iter().map(|c| c.contact_key.as_str()).collect();
        let later = contacts::table
            .filter(contacts::district_id.eq(district))
            .filter(contacts::contact_key.eq_any(keys))
            .filter(contacts::created_at.gt(f.created_at))
            .filter(contacts::created_at.le(f.created_at + REPEAT_WINDOW))
            .select(contacts::inquiry_id);
        diesel::update(
            report_facts::table
                .filter(report_facts::repeat_contact.eq(false))
                .filter(report_facts::inquiry_id.eq_any(later)),
        )
        .set(report_facts::repeat_contact.eq(true))
        .execute(conn)?;
    }
    Ok(())
}

/// Stores facts and contacts computed in bulk from the whole history (repeat
/// flags included); rows already there are left alone.
pub fn insert_backfilled(
    conn: &mut AnyConnection,
    facts: &[ReportFact],
    contacts: &[ContactRow],
    known: &mut ScopeIds,
) -> Result<(), StoreError> {
    let rows = rows(conn, facts, known)?;
    // A multi-row statement has at most 32766 (SQLite) / 65535 (PostgreSQL) parameters.
    for chunk in contacts.chunks(2000) {
        match &mut *conn {
            AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(contacts::table)
                .values(chunk)
                .execute(c)?,
            AnyConnection::Postgresql(c) => diesel::insert_into(contacts::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    for chunk in rows.chunks(1000) {
        match &mut *conn {
            AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(report_facts::table)
                .values(chunk)
                .execute(c)?,
            AnyConnection::Postgresql(c) => diesel::insert_into(report_facts::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// Writes what a change to the inquiry may have changed: where it is
/// reported (unit, topic, team), re-routing, due time, first response and
/// first resolution. `Ok(false)`: the inquiry has no facts yet.
pub fn update_progress(conn: &mut AnyConnection, f: &ReportFact) -> Result<bool, StoreError> {
    let scope = scope_id(conn, &f.scope, &mut ScopeIds::new())?;
    let r = &f.row;
    let n = diesel::update(report_facts::table.find(&r.inquiry_id))
        .set((
            report_facts::scope_id.eq(scope),
            report_facts::rerouted.eq(r.rerouted),
            report_facts::first_response_due_at.eq(r.first_response_due_at),
            report_facts::first_response_on_time.eq(r.first_response_on_time),
            report_facts::first_response_seconds.eq(r.first_response_seconds),
            report_facts::first_response_business_seconds.eq(r.first_response_business_seconds),
            report_facts::resolution_seconds.eq(r.resolution_seconds),
            report_facts::resolution_business_seconds.eq(r.resolution_business_seconds),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Writes the family's ratings into the inquiry's facts.
/// `Ok(false)`: the inquiry has no facts yet.
pub fn set_feedback(
    conn: &mut AnyConnection,
    inquiry_id: InquiryId,
    [overall, courtesy, communication, responsiveness, environment, recommend]: heard_domain::metrics::FeedbackNumbers,
) -> Result<bool, StoreError> {
    let n = diesel::update(report_facts::table.find(inquiry_id))
        .set((
            report_facts::feedback_overall.eq(overall),
            report_facts::feedback_courtesy.eq(courtesy),
            report_facts::feedback_communication.eq(communication),
            report_facts::feedback_responsiveness.eq(responsiveness),
            report_facts::feedback_environment.eq(environment),
            report_facts::feedback_recommend.eq(recommend),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The stored facts of one inquiry.
pub fn fact(
    conn: &mut AnyConnection,
    inquiry_id: InquiryId,
) -> Result<Option<ReportFactRow>, StoreError> {
    Ok(report_facts::table
        .find(inquiry_id)
        .select(ReportFactRow::as_select())
        .first(conn)
        .optional()?)
}

/// Inquiries created in `[from, to)` in scope, with their feedback, read from
/// the inquiries themselves: the input of the metrics definition
/// (`heard_domain::metrics::summarize`), against which the report facts are checked.
pub fn inquiries_in_period(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    from: NaiveDateTime,
    to: NaiveDateTime,
    scope: &Scope,
) -> Result<Vec<(FactInputs, Option<FeedbackRow>)>, StoreError> {
    let mut q = inquiries::table
        .left_join(feedback::table)
        .filter(inquiries::district_id.eq(district_id))
        .filter(inquiries::created_at.ge(from))
        .filter(inquiries::created_at.lt(to))
        .select((FactInputs::as_select(), Option::<FeedbackRow>::as_select()))
        .into_boxed();
    if let Some(u) = scope.unit_id {
        q = q.filter(inquiries::unit_id.eq(u));
    }
    if let Some(t) = scope.topic_id {
        q = q.filter(inquiries::topic_id.eq(t));
    }
    if let Some(t) = scope.team_id {
        q = q.filter(inquiries::team_id.eq(t));
    }
    Ok(q.load(conn)?)
}

/// Who filed an inquiry when in `[from, to)`, anywhere in the district, read
/// from the inquiries themselves (see [`inquiries_in_period`]).
pub fn contacts_between(
    conn: &mut AnyConnection,
    district_id: DistrictId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
    Ok(inquiries::table
        .filter(inquiries::district_id.eq(district_id))
        .filter(inquiries::created_at.ge(from))
        .filter(inquiries::created_at.lt(to))
        .filter(inquiries::contact_keys.ne(""))
        .select((inquiries::contact_keys, inquiries::created_at))
        .load(conn)?)
}
