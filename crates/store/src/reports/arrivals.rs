//! The report facts of newly received inquiries, stored a batch at a time by
//! the intake lane: one lookup of earlier and later contacts per district
//! instead of one per inquiry.

use super::{rows, ScopeIds};
use crate::conn::AnyConnection;
use crate::error::StoreError;
use crate::reports::facts::ReportFact;
use crate::rows::ContactRow;
use crate::schema::{contacts, report_facts};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, Text, Timestamp};
use heard_domain::metrics::REPEAT_WINDOW;
use heard_domain::{DistrictId, InquiryId};
use std::collections::{HashMap, HashSet};

/// One contact: who (key), when, and with which inquiry.
type Contact = (String, NaiveDateTime, InquiryId);

/// Stores the facts and contacts of new inquiries. Each is a repeat contact
/// if its requester filed another inquiry in the window before it, in the
/// database or in this batch; an inquiry stored earlier but received later
/// (writers run side by side) becomes a repeat of one of these.
///
/// Per district and batch this reads, for each requester, only the latest
/// contact before the batch (an index seek, however often they wrote) and
/// the contacts stored since the batch's first inquiry was received.
pub fn insert_received(
    conn: &mut AnyConnection,
    facts: &mut [ReportFact],
    contacts: &[ContactRow],
) -> Result<(), StoreError> {
    let mut by_district: HashMap<DistrictId, Vec<&ContactRow>> = HashMap::new();
    for c in contacts {
        by_district.entry(c.district_id).or_default().push(c);
    }
    lock_districts(conn, by_district.keys().copied().collect())?;
    let batch: HashSet<InquiryId> = facts.iter().map(|f| f.row.inquiry_id).collect();
    let mut repeats: HashSet<InquiryId> = HashSet::new();
    let mut stored_repeats: Vec<InquiryId> = Vec::new();
    for (district, mine) in by_district {
        let Some(first) = mine.iter().map(|c| c.created_at).min() else {
            continue;
        };
        let mut keys: Vec<&str> = mine.iter().map(|c| c.contact_key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        let latest_before = latest_contacts_before(conn, district, &keys, first)?;
        let since = contacts_since(conn, district, &keys, first)?;
        let nearby: Vec<Contact> = since
            .iter()
            .cloned()
            .chain(
                mine.iter()
                    .map(|c| (c.contact_key.clone(), c.created_at, c.inquiry_id)),
            )
            .collect();
        for c in &mine {
            let window = c.created_at - REPEAT_WINDOW;
            let before_batch = latest_before
                .get(c.contact_key.as_str())
                .is_some_and(|t| *t >= window);
            let near = nearby.iter().any(|(k, t, id)| {
                *k == c.contact_key && *id != c.inquiry_id && *t >= window && *t < c.created_at
            });
            if before_batch || near {
                repeats.insert(c.inquiry_id);
            }
            for (k, t, id) in &since {
                let later = *t > c.created_at && *t <= c.created_at + REPEAT_WINDOW;
                if *k == c.contact_key && later && !batch.contains(id) {
                    stored_repeats.push(*id);
                }
            }
        }
    }
    for f in facts.iter_mut() {
        f.row.repeat_contact = repeats.contains(&f.row.inquiry_id);
    }
    let rows = rows(conn, facts, &mut ScopeIds::new())?;
    for chunk in contacts.chunks(2000) {
        crate::insert_batch!(&mut *conn, contacts::table, chunk)?;
    }
    for chunk in rows.chunks(1000) {
        crate::insert_batch!(&mut *conn, report_facts::table, chunk)?;
    }
    if !stored_repeats.is_empty() {
        diesel::update(
            report_facts::table
                .filter(report_facts::repeat_contact.eq(false))
                .filter(report_facts::inquiry_id.eq_any(&stored_repeats)),
        )
        .set(report_facts::repeat_contact.eq(true))
        .execute(conn)?;
    }
    Ok(())
}

/// PostgreSQL's writers run side by side, and two of them would not see each
/// other's uncommitted contacts: from here to its commit a batch holds a lock
/// per district, so the next batch of the district sees this one's contacts.
/// (SQLite has one writer.) Locks are taken in order, so writers never wait
/// on each other in a circle.
fn lock_districts(
    conn: &mut AnyConnection,
    mut districts: Vec<DistrictId>,
) -> Result<(), StoreError> {
    if let AnyConnection::Postgresql(pg) = conn {
        districts.sort_unstable();
        for d in districts {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind::<diesel::sql_types::Text, _>(d.to_string())
                .execute(pg)?;
        }
    }
    Ok(())
}

/// Each requester's latest contact before `at`, each an index seek.
/// PostgreSQL gets all the keys in one statement; SQLite, in process, asks
/// key by key.
fn latest_contacts_before(
    conn: &mut AnyConnection,
    district: DistrictId,
    keys: &[&str],
    at: NaiveDateTime,
) -> Result<HashMap<String, NaiveDateTime>, StoreError> {
    let mut latest = HashMap::new();
    match conn {
        AnyConnection::Postgresql(pg) => {
            #[derive(QueryableByName)]
            struct Latest {
                #[diesel(sql_type = Text)]
                key: String,
                #[diesel(sql_type = Nullable<Timestamp>)]
                at: Option<NaiveDateTime>,
            }
            let rows: Vec<Latest> = diesel::sql_query(
                "SELECT k AS key, (SELECT max(created_at) FROM contacts \
                 WHERE district_id = $1 AND contact_key = k AND created_at < $3) AS at \
                 FROM unnest($2::text[]) AS k",
            )
            .bind::<Text, _>(district.to_string())
            .bind::<Array<Text>, _>(keys)
            .bind::<Timestamp, _>(at)
            .load(pg)?;
            latest.extend(rows.into_iter().filter_map(|r| Some((r.key, r.at?))));
        }
        AnyConnection::Sqlite(_) => {
            for k in keys {
                let t: Option<NaiveDateTime> = contacts::table
                    .filter(contacts::district_id.eq(district))
                    .filter(contacts::contact_key.eq(k))
                    .filter(contacts::created_at.lt(at))
                    .select(diesel::dsl::max(contacts::created_at))
                    .first(conn)?;
                if let Some(t) = t {
                    latest.insert((*k).to_owned(), t);
                }
            }
        }
    }
    Ok(latest)
}

/// The district's stored contacts with these keys from `at` on.
fn contacts_since(
    conn: &mut AnyConnection,
    district: DistrictId,
    keys: &[&str],
    at: NaiveDateTime,
) -> Result<Vec<Contact>, StoreError> {
    Ok(contacts::table
        .filter(contacts::district_id.eq(district))
        .filter(contacts::contact_key.eq_any(keys))
        .filter(contacts::created_at.ge(at))
        .select((
            contacts::contact_key,
            contacts::created_at,
            contacts::inquiry_id,
        ))
        .load(conn)?)
}
