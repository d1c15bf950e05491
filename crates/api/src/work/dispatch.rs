//! Handing the outbox on: each published case event becomes the mail jobs
//! it causes (`heard_domain::notify` decides which), and leaves the outbox
//! in the same transaction. An event whose effects cannot be decided now
//! becomes a `notify` job instead, tried again with backoff and shown to
//! admins if it never succeeds, so one bad event never holds up the rest.

use super::run::{blocking, Failure};
use super::Ctx;
use chrono::{DateTime, Utc};
use heard_domain::jobs::JobKind;
use heard_domain::notify::{notices, FamilyContact, Letter, Notice, Recipient};
use heard_domain::{DistrictId, EventId, InquiryId, TimelineEvent};
use heard_store::queries::mail::{self, Addressee};
use heard_store::rows::{EventRow, JobRow, OutboxRow};
use heard_store::timeline::{self, Context, Names};
use heard_store::{clock, jobs, outbox, AnyConnection, StoreError};
use std::collections::{HashMap, HashSet};

/// Entries handed on per pass; a full pass means another follows at once.
pub const BATCH: i64 = 500;

/// What a `notify` job carries: the entry it stands for.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Undecided {
    /// The event.
    pub event_id: EventId,
    /// Its case.
    pub inquiry_id: InquiryId,
    /// The case's district.
    pub district_id: DistrictId,
    /// The event's `type` name.
    pub kind: String,
}

/// Hands on up to [`BATCH`] entries; answers how many.
pub async fn pass(ctx: &Ctx) -> Result<usize, StoreError> {
    let store = ctx.state.store.clone();
    let now = clock::now();
    let (entries, new_jobs) = blocking(&ctx.state, move || {
        store.read(|c| {
            let entries = outbox::pending(c, BATCH)?;
            let new_jobs = decide(c, &entries, now)?;
            Ok((entries, new_jobs))
        })
    })
    .await?;
    if entries.is_empty() {
        return Ok(0);
    }
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

/// What one case's events need decided: the stored events and who can be
/// written to.
struct Lookups {
    events: HashMap<EventId, EventRow>,
    addressees: HashMap<InquiryId, Addressee>,
    bouncing: HashSet<(DistrictId, String)>,
}

impl Lookups {
    fn of(c: &mut AnyConnection, entries: &[OutboxRow]) -> Result<Self, StoreError> {
        let ids: Vec<EventId> = entries.iter().map(|e| e.event_id).collect();
        let events = mail::events(c, &ids)?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut cases: Vec<InquiryId> = entries.iter().map(|e| e.inquiry_id).collect();
        cases.sort();
        cases.dedup();
        let addressees = mail::addressees(c, &cases)?;
        let mut by_district: HashMap<DistrictId, Vec<String>> = HashMap::new();
        for a in addressees.values() {
            if let Some(email) = &a.email {
                by_district
                    .entry(a.district_id)
                    .or_default()
                    .push(email.clone());
            }
        }
        let mut bouncing = HashSet::new();
        for (district, addresses) in by_district {
            for a in mail::suppressed(c, district, &addresses)? {
                bouncing.insert((district, a));
            }
        }
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
            Some(e)
                if self
                    .bouncing
                    .contains(&(a.district_id, e.trim().to_lowercase())) =>
            {
                FamilyContact::Bouncing
            }
            Some(_) => FamilyContact::Reachable,
        }
    }
}

/// The letters `entry`'s event causes.
fn letters(
    c: &mut AnyConnection,
    entry: &OutboxRow,
    found: &Lookups,
) -> Result<Vec<Letter>, StoreError> {
    let row = found.events.get(&entry.event_id).ok_or_else(|| {
        StoreError::Corrupt(format!("published event {} is not stored", entry.event_id))
    })?;
    let names = Names::default();
    let cx = Context {
        names: &names,
        messages: &[],
        feedback: None,
        created: None,
    };
    let event: TimelineEvent = timeline::read(row, &cx)?;
    let who = found.addressees.get(&entry.inquiry_id).ok_or_else(|| {
        StoreError::Corrupt(format!("inquiry {} is not stored", entry.inquiry_id))
    })?;
    let mut out = Vec::new();
    for notice in notices(&event, found.family(who), who.rated) {
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
            inquiry_id: entry.inquiry_id,
            event_id: entry.event_id,
            notice: notice.clone(),
            to,
        }));
    }
    Ok(out)
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

/// The jobs `entries` cause.
pub fn decide(
    c: &mut AnyConnection,
    entries: &[OutboxRow],
    now: DateTime<Utc>,
) -> Result<Vec<JobRow>, StoreError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let found = Lookups::of(c, entries)?;
    let mut out = Vec::new();
    for entry in entries {
        match letters(c, entry, &found) {
            Ok(letters) => {
                for l in &letters {
                    out.push(mail_job(l, entry.district_id, now)?);
                }
            }
            Err(e) => {
                tracing::warn!(event = %entry.event_id, error = %e, "event left for a retry");
                let undecided = Undecided {
                    event_id: entry.event_id,
                    inquiry_id: entry.inquiry_id,
                    district_id: entry.district_id,
                    kind: entry.kind.clone(),
                };
                let payload = serde_json::to_string(&undecided)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                out.push(jobs::new_job(
                    JobKind::Notify,
                    entry.event_id.to_string(),
                    Some(entry.district_id),
                    payload,
                    now,
                    now,
                ));
            }
        }
    }
    Ok(out)
}

/// A `notify` job: decides its event again; its letters are the follow-up jobs.
pub async fn one(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let undecided: Undecided = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable notify job: {e}")))?;
    let entry = OutboxRow {
        event_id: undecided.event_id,
        district_id: undecided.district_id,
        inquiry_id: undecided.inquiry_id,
        kind: undecided.kind,
        created_at: job.created_at,
    };
    let store = ctx.state.store.clone();
    let now = clock::now();
    blocking(&ctx.state, move || {
        store.read(|c| {
            let found = Lookups::of(c, std::slice::from_ref(&entry))?;
            letters(c, &entry, &found)?
                .iter()
                .map(|l| mail_job(l, entry.district_id, now))
                .collect()
        })
    })
    .await
    .map_err(|e| Failure::transient(e.to_string()))
}
