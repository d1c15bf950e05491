//! Handing the outbox on, and deciding what it says.
//!
//! A pass reads what the outbox holds and, in one write, replaces it with
//! one `notify` job per district for the events that may cause a notice
//! ([`heard_domain::notify::may_notify`]). It reads nothing else: while
//! families keep the writer busy, a pass costs a read and a row or two, and
//! the reading of cases waits for a worker's slot like any other job.
//!
//! A `notify` job decides its events (`heard_domain::notify` says who is
//! told what) and finishes by enqueueing one mail job per letter. An event
//! whose effects cannot be decided leaves its batch as a `notify` job of its
//! own, tried again with backoff and shown to admins if it never succeeds,
//! so one bad event holds up neither the rest nor the outbox.

use super::run::{blocking, Failure};
use super::Ctx;
use chrono::{DateTime, Utc};
use heard_domain::jobs::JobKind;
use heard_domain::notify::{may_notify, notices, FamilyContact, Letter, Notice, Recipient};
use heard_domain::{DistrictId, EventId, InquiryId, TimelineEvent};
use heard_store::queries::mail::{self, Addressee};
use heard_store::rows::{EventRow, JobRow, OutboxRow};
use heard_store::timeline::{self, Context, Names};
use heard_store::{clock, jobs, outbox, AnyConnection, StoreError};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Entries handed on per pass; a full pass means another follows at once.
pub const BATCH: i64 = 500;

/// What a `notify` job carries: events of one district, oldest first.
#[derive(Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Undecided {
    /// The events.
    pub events: Vec<EventId>,
    /// Their case, when they are all of one (an event split off its batch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inquiry_id: Option<InquiryId>,
}

/// Hands on up to [`BATCH`] entries; answers how many.
pub async fn pass(ctx: &Ctx) -> Result<usize, StoreError> {
    let store = ctx.state.store.clone();
    let entries = blocking(&ctx.state, move || {
        store.read(|c| outbox::pending(c, BATCH))
    })
    .await?;
    if entries.is_empty() {
        return Ok(0);
    }
    let new_jobs = batches(&entries, clock::now())?;
    let ids: Vec<EventId> = entries.iter().map(|e| e.event_id).collect();
    let added = ctx
        .state
        .store
        .writer
        .write(move |c| outbox::hand_on(c, &ids, &new_jobs))
        .await?;
    if added > 0 {
        ctx.wake.notify_one();
    }
    Ok(entries.len())
}

/// The `notify` jobs `entries` become: one per district, of the events
/// that may cause a notice.
pub fn batches(entries: &[OutboxRow], now: DateTime<Utc>) -> Result<Vec<JobRow>, StoreError> {
    let mut by_district: BTreeMap<DistrictId, Vec<&OutboxRow>> = BTreeMap::new();
    for e in entries.iter().filter(|e| may_notify(&e.kind)) {
        by_district.entry(e.district_id).or_default().push(e);
    }
    by_district
        .into_iter()
        .map(|(district, mut events)| {
            events.sort_by_key(|e| e.event_id);
            let first = events.first().map(|e| e.inquiry_id);
            let one_case = events.iter().all(|e| Some(e.inquiry_id) == first);
            let undecided = Undecided {
                events: events.iter().map(|e| e.event_id).collect(),
                inquiry_id: first.filter(|_| one_case),
            };
            notify_job(&undecided, district, now)
        })
        .collect()
}

/// A `notify` job for `undecided`, made once however often it is handed on:
/// its key names the events it decides.
fn notify_job(
    undecided: &Undecided,
    district: DistrictId,
    now: DateTime<Utc>,
) -> Result<JobRow, StoreError> {
    let key = match undecided.events.as_slice() {
        [one] => one.to_string(),
        [first, .., last] => format!("{first}..{last}+{}", undecided.events.len()),
        [] => return Err(StoreError::Corrupt("a notify job without events".into())),
    };
    let payload = serde_json::to_string(undecided)
        .map_err(|e| StoreError::Corrupt(format!("notify job does not serialise: {e}")))?;
    Ok(jobs::new_job(
        JobKind::Notify,
        key,
        Some(district),
        payload,
        now,
        now,
    ))
}

/// What deciding a district's events needs: the stored events and who can
/// be written to.
struct Lookups {
    events: HashMap<EventId, EventRow>,
    addressees: HashMap<InquiryId, Addressee>,
    bouncing: HashSet<String>,
}

impl Lookups {
    fn of(
        c: &mut AnyConnection,
        district: DistrictId,
        ids: &[EventId],
    ) -> Result<Self, StoreError> {
        let events: HashMap<EventId, EventRow> = mail::events(c, ids)?
            .into_iter()
            .filter(|r| r.district_id == district)
            .map(|r| (r.id, r))
            .collect();
        let mut cases: Vec<InquiryId> = events.values().map(|e| e.inquiry_id).collect();
        cases.sort();
        cases.dedup();
        let addressees = mail::addressees(c, &cases)?;
        let addresses: Vec<String> = addressees
            .values()
            .filter_map(|a| a.email.clone())
            .collect();
        let bouncing = mail::suppressed(c, district, &addresses)?
            .into_iter()
            .collect();
        Ok(Self {
            events,
            addressees,
            bouncing,
        })
    }

    fn family(&self, a: &Addressee) -> FamilyContact {
        match &a.email {
            _ if a.anonymous => FamilyContact::Anonymous,
            None => FamilyContact::NoEmail,
            Some(e) if self.bouncing.contains(&e.trim().to_lowercase()) => FamilyContact::Bouncing,
            Some(_) => FamilyContact::Reachable,
        }
    }

    /// The letters event `id` causes.
    fn letters(&self, c: &mut AnyConnection, id: EventId) -> Result<Vec<Letter>, StoreError> {
        let row = self.events.get(&id).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "published event {id} is not stored in its district"
            ))
        })?;
        let names = Names::default();
        let cx = Context {
            names: &names,
            messages: &[],
            feedback: None,
            created: None,
        };
        let event: TimelineEvent = timeline::read(row, &cx)?;
        let who = self.addressees.get(&row.inquiry_id).ok_or_else(|| {
            StoreError::Corrupt(format!("inquiry {} is not stored", row.inquiry_id))
        })?;
        let mut out = Vec::new();
        for notice in notices(&event, self.family(who), who.rated) {
            let recipients = match &notice {
                n if n.to_family() => vec![Recipient::Family],
                Notice::Assignment { to } => vec![Recipient::Staff { id: to.id }],
                Notice::Critical => mail::team_members(c, who.team_id)?
                    .into_iter()
                    .map(|id| Recipient::Staff { id })
                    .collect(),
                _ => Vec::new(),
            };
            out.extend(recipients.into_iter().map(|to| Letter {
                inquiry_id: row.inquiry_id,
                event_id: id,
                notice: notice.clone(),
                to,
            }));
        }
        Ok(out)
    }
}

fn mail_job(
    letter: &Letter,
    district: DistrictId,
    now: DateTime<Utc>,
) -> Result<JobRow, StoreError> {
    let payload = serde_json::to_string(letter)
        .map_err(|e| StoreError::Corrupt(format!("letter does not serialise: {e}")))?;
    Ok(jobs::new_job(
        JobKind::Mail,
        letter.dedupe_key(),
        Some(district),
        payload,
        now,
        now,
    ))
}

/// The jobs deciding `undecided` (of `district`) leads to: a mail job per
/// letter, and a `notify` job of its own for each event of a batch that
/// could not be decided. An event alone that cannot be decided is the
/// job's failure.
pub fn decide(
    c: &mut AnyConnection,
    district: DistrictId,
    undecided: &Undecided,
    now: DateTime<Utc>,
) -> Result<Vec<JobRow>, StoreError> {
    let found = Lookups::of(c, district, &undecided.events)?;
    let alone = undecided.events.len() == 1;
    let mut out = Vec::new();
    for &id in &undecided.events {
        match found.letters(c, id) {
            Ok(letters) => {
                for l in &letters {
                    out.push(mail_job(l, district, now)?);
                }
            }
            Err(e) if alone => return Err(e),
            Err(e) => {
                tracing::warn!(event = %id, error = %e, "event left for a retry of its own");
                let inquiry_id = found.events.get(&id).map(|r| r.inquiry_id);
                let own = Undecided {
                    events: vec![id],
                    inquiry_id,
                };
                out.push(notify_job(&own, district, now)?);
            }
        }
    }
    Ok(out)
}

/// A `notify` job: decides its events; the jobs that leads to are its
/// follow-ups, enqueued as it finishes.
pub async fn one(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let undecided: Undecided = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable notify job: {e}")))?;
    let district = job
        .district_id
        .ok_or_else(|| Failure::permanent("a notify job without its district".into()))?;
    let store = ctx.state.store.clone();
    let now = clock::now();
    blocking(&ctx.state, move || {
        store.read(|c| decide(c, district, &undecided, now))
    })
    .await
    .map_err(|e| Failure::transient(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn entry(district: DistrictId, inquiry: InquiryId, kind: &str, at: &str) -> OutboxRow {
        let created_at: NaiveDateTime = at.parse().expect("time");
        OutboxRow {
            event_id: EventId::new(),
            district_id: district,
            inquiry_id: inquiry,
            kind: kind.into(),
            created_at,
        }
    }

    fn payload(job: &JobRow) -> Undecided {
        serde_json::from_str(&job.payload).expect("payload")
    }

    #[test]
    fn a_pass_makes_one_notify_job_per_district_of_the_events_that_may_notify() {
        let (lakeview, hillside) = (DistrictId::new(), DistrictId::new());
        let (a, b, c) = (InquiryId::new(), InquiryId::new(), InquiryId::new());
        let entries = vec![
            entry(lakeview, a, "created", "2026-12-02T08:00:00"),
            entry(lakeview, a, "viewed", "2026-12-02T08:00:01"),
            entry(hillside, c, "message_added", "2026-12-02T08:00:02"),
            entry(lakeview, b, "status_changed", "2026-12-02T08:00:03"),
            entry(hillside, c, "sla_warned", "2026-12-02T08:00:04"),
        ];
        let jobs = batches(&entries, clock::now()).expect("batches");
        assert_eq!(jobs.len(), 2);
        let of = |d: DistrictId| {
            jobs.iter()
                .find(|j| j.district_id == Some(d))
                .map(payload)
                .expect("a job for the district")
        };
        let mut wanted = vec![entries[0].event_id, entries[3].event_id];
        wanted.sort();
        assert_eq!(
            of(lakeview),
            Undecided {
                events: wanted,
                inquiry_id: None
            }
        );
        assert_eq!(
            of(hillside),
            Undecided {
                events: vec![entries[2].event_id],
                inquiry_id: Some(c)
            }
        );
        assert!(jobs.iter().all(|j| j.kind == JobKind::Notify));
    }

    #[test]
    fn the_same_entries_make_the_same_job_and_nothing_to_say_makes_none() {
        let d = DistrictId::new();
        let i = InquiryId::new();
        let entries = vec![
            entry(d, i, "created", "2026-12-02T08:00:00"),
            entry(d, i, "assigned", "2026-12-02T08:00:01"),
        ];
        let once = batches(&entries, clock::now()).expect("batches");
        let again = batches(&entries, clock::now()).expect("batches");
        assert_eq!(once.len(), 1);
        assert_eq!(once[0].dedupe_key, again[0].dedupe_key);
        let quiet = vec![entry(d, i, "viewed", "2026-12-02T08:00:02")];
        assert!(batches(&quiet, clock::now()).expect("batches").is_empty());
    }
}
