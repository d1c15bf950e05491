//! The write path: every write is a job on one queue. A writer thread takes
//! all jobs waiting, runs them inside one transaction, and answers them only
//! after that transaction commits — so many concurrent submissions share one
//! durable commit (group commit), and nobody is told "saved" before it is.
//!
//! New inquiries are the hot path and get a lane of their own: the batch's
//! submissions are numbered with one update per district and inserted with
//! one multi-row statement per table. Any other write runs in a savepoint of
//! its own, so its failure undoes only itself.
//!
//! A write whose own code panics fails alone, like any other failed write,
//! and the writer keeps serving: with one writer on SQLite, a thread lost to
//! one bad job would leave the installation unable to store anything again.
//! When the queue is full, a write is turned away at once with
//! [`StoreError::Busy`] rather than holding up the async worker that sent it.

use crate::checkpoint::Checkpoints;
use crate::conn::{AnyConnection, Pool};
use crate::error::StoreError;
use crate::queries::districts;
use crate::reports::facts::ReportFact;
use crate::rows::{ContactRow, EventRow, IdempotencyRow, InquiryRow};
use crate::schema;
use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::Connection;
use heard_domain::DistrictId;
use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use tokio::sync::oneshot;

/// Told how its write ended: stored and committed, or why not.
type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
/// Runs inside the shared transaction.
pub(crate) type Work = Box<dyn FnOnce(&mut AnyConnection) -> Completion + Send>;

/// Everything one submission stores.
#[derive(Debug, Clone)]
pub struct NewInquiryRows {
    /// The inquiry.
    pub inquiry: InquiryRow,
    /// Its first timeline events.
    pub events: Vec<EventRow>,
    /// The idempotency record, when the client sent a key.
    pub idempotency: Option<IdempotencyRow>,
    /// What the reports keep about it; the writer decides whether it is a
    /// repeat contact.
    pub fact: ReportFact,
    /// The requester's email and phone, for recognising repeat contacts.
    pub contacts: Vec<ContactRow>,
}

/// A submission waiting for its reference number.
pub(crate) trait Submission: Send {
    /// Builds the rows for `number`; `None` when building failed, in which
    /// case the caller has been answered already.
    fn build(self: Box<Self>, number: i64) -> Option<(NewInquiryRows, Completion)>;
    /// Nothing is stored for it: the caller is told `why` once the batch
    /// has committed, or why the commit failed.
    fn refuse(self: Box<Self>, why: StoreError) -> Completion;
    /// The idempotency key it was sent with.
    fn key(&self) -> Option<&str>;
}

struct Pending<F, T, E> {
    build: F,
    key: Option<String>,
    answer: oneshot::Sender<Result<T, E>>,
}

impl<F, T, E> Submission for Pending<F, T, E>
where
    F: FnOnce(i64) -> Result<(NewInquiryRows, T), E> + Send + 'static,
    T: Send + 'static,
    E: From<StoreError> + Send + 'static,
{
    fn build(self: Box<Self>, number: i64) -> Option<(NewInquiryRows, Completion)> {
        let Pending { build, answer, .. } = *self;
        // Building runs the caller's code on the writer thread: a panic in
        // it is this submission's failure, not the batch's.
        let built = panic::catch_unwind(AssertUnwindSafe(move || build(number)))
            .unwrap_or_else(|payload| Err(E::from(panicked(payload.as_ref()))));
        match built {
            Ok((rows, value)) => {
                let done: Completion = Box::new(move |stored: Result<(), StoreError>| {
                    // The caller may have gone away (client disconnected); the write stands.
                    let _ = answer.send(stored.map(|()| value).map_err(E::from));
                });
                Some((rows, done))
            }
            Err(e) => {
                let _ = answer.send(Err(e));
                None
            }
        }
    }

    fn refuse(self: Box<Self>, why: StoreError) -> Completion {
        let answer = self.answer;
        Box::new(move |commit: Result<(), StoreError>| {
            let _ = answer.send(Err(E::from(commit.err().unwrap_or(why))));
        })
    }

    fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

pub(crate) enum Job {
    Write(Work),
    Intake {
        district_id: DistrictId,
        submission: Box<dyn Submission>,
    },
}

/// The most jobs one commit carries; bounds the latency of the batch.
const MAX_BATCH: usize = 256;

/// Writes that may wait for the writer before new ones are turned away:
/// at the measured intake rate, a few seconds of work.
pub const DEFAULT_QUEUE_DEPTH: usize = 8192;

/// What a caller is told when the writer ended without answering it.
fn unanswered() -> StoreError {
    StoreError::Unavailable("the writer did not confirm this write".into())
}

/// Told the size of each batch the writer commits (for metrics).
pub type BatchObserver = Box<dyn Fn(usize) + Send + Sync>;

/// What the writer shows of itself: how many writes are pending (waiting
/// or in the batch being committed), and a hook told each batch's size.
#[derive(Default)]
struct Gauges {
    queued: AtomicUsize,
    on_batch: OnceLock<BatchObserver>,
}

/// Takes a batch's writes off the pending count when dropped. Every write
/// was counted before it was sent (see `Writer::send`); saturating only
/// guards the gauge should that ever change.
struct InFlight<'a>(&'a AtomicUsize, usize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let n = self.1;
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |q| {
                Some(q.saturating_sub(n))
            });
    }
}

/// A handle to the write queue; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::SyncSender<Job>,
    gauges: Arc<Gauges>,
}

impl Writer {
    /// Starts `threads` writer threads on connections from `pool`, taking
    /// up to `queue_depth` waiting writes; with `checkpoints`, they leave
    /// SQLite's checkpoints to its thread.
    pub fn start(
        pool: Pool,
        threads: usize,
        queue_depth: usize,
        checkpoints: Option<Arc<Checkpoints>>,
    ) -> Result<Self, StoreError> {
        // A depth of 0 would be a rendezvous: every write turned away unless
        // a writer happened to be waiting at that instant.
        let (queue, jobs) = mpsc::sync_channel::<Job>(queue_depth.max(1));
        let jobs = Arc::new(Mutex::new(jobs));
        let gauges = Arc::new(Gauges::default());
        for n in 0..threads.max(1) {
            let jobs = Arc::clone(&jobs);
            let pool = pool.clone();
            let checkpoints = checkpoints.clone();
            let gauges = Arc::clone(&gauges);
            std::thread::Builder::new()
                .name(format!("heard-writer-{n}"))
                .spawn(move || run(pool, jobs, checkpoints.as_deref(), &gauges))
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        }
        Ok(Self { queue, gauges })
    }

    /// Writes waiting for the writer or in the batch it is committing now:
    /// how busy it is with what callers wait for.
    pub fn queued(&self) -> usize {
        self.gauges.queued.load(Ordering::Relaxed)
    }

    /// Has `observe` told the size of every batch from now on (once: a
    /// second observer is ignored).
    pub fn observe_batches(&self, observe: BatchObserver) {
        let _ = self.gauges.on_batch.set(observe);
    }

    /// Queues `job`, or says at once why not: the async worker calling
    /// this must never wait for room.
    pub(crate) fn send(&self, job: Job) -> Result<(), StoreError> {
        // Counted before it is sent, so the writer never takes a job it
        // has not been told of.
        self.gauges.queued.fetch_add(1, Ordering::Relaxed);
        self.queue.try_send(job).map_err(|e| {
            self.gauges.queued.fetch_sub(1, Ordering::Relaxed);
            match e {
                TrySendError::Full(_) => StoreError::Busy,
                TrySendError::Disconnected(_) => StoreError::Unavailable("writer stopped".into()),
            }
        })
    }

    /// Runs `f` in a savepoint of the next group commit and returns its result
    /// once the commit is durable. An `Err` from `f`, or a panic in it
    /// ([`StoreError::Panicked`]), undoes only `f`'s writes; a full queue is
    /// [`StoreError::Busy`] at once.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<diesel::result::Error> + From<StoreError> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, E>>();
        let work: Work = Box::new(move |conn| {
            let outcome = in_own_savepoint(conn, f);
            Box::new(move |commit: Result<(), StoreError>| {
                let answer = match commit {
                    Ok(()) => outcome,
                    Err(e) => Err(E::from(e)),
                };
                // The caller may have gone away (client disconnected); the write stands.
                let _ = tx.send(answer);
            })
        });
        self.send(Job::Write(work))?;
        rx.await.map_err(|_| E::from(unanswered()))?
    }

    /// Stores a new inquiry of `district_id` in the next group commit.
    /// `build` receives the inquiry's reference number and returns its rows
    /// and the caller's answer, which is handed back once the commit is
    /// durable. An idempotency key already stored comes back as
    /// [`StoreError::Conflict`] once the commit that stored it is durable,
    /// without taking a number; a number taken by a submission that then
    /// failed is not reused, as with a database sequence.
    pub async fn intake<T, E, F>(
        &self,
        district_id: DistrictId,
        key: Option<String>,
        build: F,
    ) -> Result<T, E>
    where
        F: FnOnce(i64) -> Result<(NewInquiryRows, T), E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (answer, rx) = oneshot::channel::<Result<T, E>>();
        let submission = Box::new(Pending { build, key, answer });
        self.send(Job::Intake {
            district_id,
            submission,
        })
        .map_err(E::from)?;
        rx.await.map_err(|_| E::from(unanswered()))?
    }
}

/// Runs `f` in a savepoint of its own. A panic in `f` is caught inside that
/// savepoint: the savepoints `f` left open and its own are rolled back, and
/// `f` fails alone with [`StoreError::Panicked`].
fn in_own_savepoint<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error> + From<StoreError>,
{
    conn.transaction(|c| {
        let ours = depth(c).ok();
        match panic::catch_unwind(AssertUnwindSafe(|| f(&mut *c))) {
            Ok(outcome) => outcome,
            Err(payload) => {
                let why = panicked(payload.as_ref());
                // diesel closes a nested transaction only when its closure
                // returns, so a panic inside one leaves it open; rolling
                // those back first makes the rollback of this savepoint
                // undo exactly `f`'s writes. Should that fail, the batch
                // finds its transaction still open and does not commit.
                while let (Ok(now), Some(mine)) = (depth(c), ours) {
                    let rolled_back = now > mine
                        && <AnyConnection as Connection>::TransactionManager::rollback_transaction(
                            c,
                        )
                        .is_ok();
                    if !rolled_back {
                        break;
                    }
                }
                Err(E::from(why))
            }
        }
    })
}

/// How many transactions and savepoints are open on `conn`.
fn depth(conn: &mut AnyConnection) -> diesel::QueryResult<u32> {
    <AnyConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .map(|d| d.map_or(0, |d| d.get()))
}

/// What a panic said.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// The error a job's panic becomes, logged with its message.
fn panicked(payload: &(dyn Any + Send)) -> StoreError {
    let message = panic_message(payload);
    tracing::error!(panic = %message, "a write panicked; it alone is undone");
    StoreError::Panicked(message)
}

fn run(
    pool: Pool,
    jobs: Arc<Mutex<mpsc::Receiver<Job>>>,
    checkpoints: Option<&Checkpoints>,
    gauges: &Gauges,
) {
    // The writer keeps its connection, and with it a page cache that stays
    // valid because nobody else writes; it takes a fresh one after a failure.
    let mut held = None;
    loop {
        let batch = {
            // Nothing panics while the receiver is held; should that change,
            // the other writers still take their turn.
            let receiver = jobs.lock().unwrap_or_else(PoisonError::into_inner);
            let Ok(first) = receiver.recv() else { return };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match receiver.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            batch
        };
        // Pending until this iteration ends: committed, failed or abandoned.
        let _in_flight = InFlight(&gauges.queued, batch.len());
        if let Some(observe) = gauges.on_batch.get() {
            observe(batch.len());
        }
        let mut conn = match held.take() {
            Some(c) => c,
            None => match pool.get() {
                Ok(mut c) => {
                    if checkpoints.is_some() {
                        // Statement and savepoint journals stay in memory:
                        // they hold each batch's touched pages only until
                        // it commits, and as files they cost a write each.
                        let pragmas = format!(
                            "PRAGMA wal_autocheckpoint = {}; PRAGMA temp_store = MEMORY;",
                            crate::checkpoint::WRITER_BACKSTOP_PAGES
                        );
                        if let Err(e) = c.batch_execute(&pragmas) {
                            tracing::warn!(
                                error = %e,
                                "writer keeps SQLite's own checkpoints and journal files"
                            );
                        }
                    }
                    c
                }
                Err(e) => {
                    tracing::error!(error = %e, "writer could not get a connection");
                    // Jobs that never ran are answered by dropping their senders.
                    continue;
                }
            },
        };
        // Each job's own code is caught in its savepoint; this catches the
        // rest, so the thread outlives any batch. The batch's callers are
        // answered by dropping their senders, and nothing of it is stored.
        match panic::catch_unwind(AssertUnwindSafe(|| commit_batch(&mut conn, batch))) {
            Ok(true) => {
                held = Some(conn);
                if let Some(c) = checkpoints {
                    c.committed();
                }
            }
            Ok(false) => {}
            Err(payload) => {
                tracing::error!(
                    panic = %panic_message(payload.as_ref()),
                    "the writer abandoned a batch; none of it was stored"
                );
                // The connection may still hold the batch's transaction; the
                // pool closes such a connection (`Manager::has_broken`),
                // which rolls it back.
                drop(conn);
            }
        }
    }
}

/// Runs one batch in one transaction and answers every job; false if the
/// transaction did not commit.
fn commit_batch(conn: &mut AnyConnection, batch: Vec<Job>) -> bool {
    let mut intakes: Vec<(DistrictId, Box<dyn Submission>)> = Vec::new();
    let mut writes: Vec<Work> = Vec::new();
    for job in batch {
        match job {
            Job::Write(w) => writes.push(w),
            Job::Intake {
                district_id,
                submission,
            } => intakes.push((district_id, submission)),
        }
    }
    let mut answers: Vec<(Completion, Result<(), StoreError>)> = Vec::new();
    let (intakes, repeats) = take_out_known_keys(conn, intakes);
    answers.extend(repeats);
    // PostgreSQL writers run side by side: numbers are reserved before the
    // transaction, so writers do not queue on the district row until commit.
    let reserved = match conn {
        AnyConnection::Postgresql(_) => Some(reserve_numbers(conn, &intakes, true)),
        AnyConnection::Sqlite(_) => None,
    };
    let commit = conn.transaction::<_, diesel::result::Error, _>(|c| {
        // The other writes go first: on PostgreSQL, storing the inquiries
        // takes their districts' locks (`reports::arrivals`), held until
        // commit, and what runs after them would hold those locks too.
        for work in writes {
            answers.push((work(c), Ok(())));
        }
        let numbers = match reserved {
            Some(r) => r,
            None => reserve_numbers(c, &intakes, false),
        };
        answers.extend(store_inquiries(c, build_all(intakes, numbers)));
        Ok(())
    });
    let commit = commit.map_err(|e| e.to_string()).and_then(|()| {
        // A job that left a savepoint open would have turned the commit
        // above into the release of that savepoint: nothing is durable, so
        // nobody may be told it is.
        match depth(conn) {
            Ok(0) => Ok(()),
            _ => Err("a job left its savepoint open; the batch did not commit".to_owned()),
        }
    });
    if let Err(e) = &commit {
        tracing::error!(error = %e, "group commit failed");
    }
    for (done, stored) in answers {
        done(match &commit {
            Ok(()) => stored,
            Err(e) => Err(StoreError::CommitFailed(e.clone())),
        });
    }
    commit.is_ok()
}

/// Sets aside submissions whose idempotency key is already stored, or sent
/// twice in this batch: they are retries, answered with a conflict once this
/// batch commits (so the twin they repeat is durable by then), and take no
/// reference number. One query per district and batch.
#[allow(clippy::type_complexity)]
fn take_out_known_keys(
    c: &mut AnyConnection,
    intakes: Vec<(DistrictId, Box<dyn Submission>)>,
) -> (
    Vec<(DistrictId, Box<dyn Submission>)>,
    Vec<(Completion, Result<(), StoreError>)>,
) {
    let mut keys: HashMap<DistrictId, Vec<&str>> = HashMap::new();
    for (district, s) in &intakes {
        if let Some(k) = s.key() {
            keys.entry(*district).or_default().push(k);
        }
    }
    let mut known: HashSet<(DistrictId, String)> = HashSet::new();
    for (district, keys) in keys {
        // On failure nothing is set aside here; the insert's unique key still
        // refuses a repeat, one submission at a time.
        match crate::queries::inquiries::known_idempotency_keys(c, district, &keys) {
            Ok(stored) => known.extend(stored.into_iter().map(|k| (district, k))),
            Err(e) => tracing::warn!(error = %e, "idempotency keys not looked up ahead"),
        }
    }
    let mut fresh = Vec::with_capacity(intakes.len());
    let mut repeats = Vec::new();
    for (district, s) in intakes {
        let repeat = match s.key() {
            // `insert` is false when the key is known or already in this batch.
            Some(k) => !known.insert((district, k.to_owned())),
            None => false,
        };
        if repeat {
            let conflict = StoreError::Conflict("idempotency key".into());
            repeats.push((s.refuse(conflict), Ok(())));
        } else {
            fresh.push((district, s));
        }
    }
    (fresh, repeats)
}

/// The next reference number for each district's submissions in the batch
/// (or why none could be reserved).
type Numbers = HashMap<DistrictId, Result<i64, String>>;

fn reserve_numbers(
    c: &mut AnyConnection,
    intakes: &[(DistrictId, Box<dyn Submission>)],
    own_transaction: bool,
) -> Numbers {
    let mut counts: HashMap<DistrictId, i64> = HashMap::new();
    for (district, _) in intakes {
        *counts.entry(*district).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(district, n)| {
            let first = if own_transaction {
                districts::reserve_reference_numbers(c, district, n)
            } else {
                districts::take_reference_numbers(c, district, n)
            };
            (district, first.map_err(|e| e.to_string()))
        })
        .collect()
}

/// A batch's rows, one vector per table, and where each submission's are.
#[derive(Default)]
struct Built {
    inquiries: Vec<InquiryRow>,
    events: Vec<EventRow>,
    keys: Vec<IdempotencyRow>,
    facts: Vec<ReportFact>,
    contacts: Vec<ContactRow>,
    items: Vec<Item>,
}

struct Item {
    events: Range<usize>,
    key: Option<usize>,
    contacts: Range<usize>,
    done: Completion,
}

/// Gives each submission its number and builds its rows.
fn build_all(intakes: Vec<(DistrictId, Box<dyn Submission>)>, mut numbers: Numbers) -> Built {
    let mut built = Built::default();
    for (district, submission) in intakes {
        let number = match numbers.get_mut(&district) {
            Some(Ok(next)) => {
                *next += 1;
                *next - 1
            }
            Some(Err(e)) => {
                let e = StoreError::Unavailable(format!("reference number: {e}"));
                submission.refuse(e)(Ok(()));
                continue;
            }
            None => {
                let e = StoreError::Unavailable("reference number".into());
                submission.refuse(e)(Ok(()));
                continue;
            }
        };
        let Some((rows, done)) = submission.build(number) else {
            continue;
        };
        let from = built.events.len();
        built.events.extend(rows.events);
        let key = rows.idempotency.map(|k| {
            built.keys.push(k);
            built.keys.len() - 1
        });
        let first_contact = built.contacts.len();
        built.contacts.extend(rows.contacts);
        built.inquiries.push(rows.inquiry);
        built.facts.push(rows.fact);
        built.items.push(Item {
            events: from..built.events.len(),
            key,
            contacts: first_contact..built.contacts.len(),
            done,
        });
    }
    built
}

/// Inserts the batch's inquiries with one statement per table in a savepoint;
/// if that fails (a reused idempotency key, say), each on its own, so one
/// submission's failure is only its own.
fn store_inquiries(
    c: &mut AnyConnection,
    built: Built,
) -> Vec<(Completion, Result<(), StoreError>)> {
    let Built {
        inquiries,
        events,
        keys,
        mut facts,
        contacts,
        items,
    } = built;
    if items.is_empty() {
        return Vec::new();
    }
    let together = c.transaction::<_, StoreError, _>(|c| {
        let rows = Rows {
            inquiries: &inquiries,
            events: &events,
            keys: &keys,
            contacts: &contacts,
        };
        insert_rows(c, rows, &mut facts)
    });
    if together.is_ok() {
        return items.into_iter().map(|i| (i.done, Ok(()))).collect();
    }
    items
        .into_iter()
        .zip(inquiries.chunks(1))
        .zip(facts.chunks_mut(1))
        .map(|((item, inquiry), fact)| {
            let rows = Rows {
                inquiries: inquiry,
                events: events.get(item.events.clone()).unwrap_or(&[]),
                keys: item.key.and_then(|k| keys.get(k..=k)).unwrap_or(&[]),
                contacts: contacts.get(item.contacts.clone()).unwrap_or(&[]),
            };
            let stored = c.transaction::<_, StoreError, _>(|c| insert_rows(c, rows, fact));
            (item.done, stored)
        })
        .collect()
}

/// The rows of one or more submissions, one slice per table.
#[derive(Clone, Copy)]
struct Rows<'a> {
    inquiries: &'a [InquiryRow],
    events: &'a [EventRow],
    keys: &'a [IdempotencyRow],
    contacts: &'a [ContactRow],
}

fn insert_rows(
    c: &mut AnyConnection,
    rows: Rows<'_>,
    facts: &mut [ReportFact],
) -> Result<(), StoreError> {
    // Well within SQLite's limit on the values bound to one statement.
    const CHUNK: usize = 256;
    for chunk in rows.inquiries.chunks(CHUNK) {
        crate::insert_batch!(&mut *c, schema::inquiries::table, chunk)?;
    }
    for chunk in rows.events.chunks(CHUNK) {
        crate::insert_batch!(&mut *c, schema::events::table, chunk)?;
    }
    crate::outbox::publish(c, rows.events)?;
    for chunk in rows.keys.chunks(CHUNK) {
        crate::insert_batch!(&mut *c, schema::idempotency_keys::table, chunk)?;
    }
    crate::reports::arrivals::insert_received(c, facts, rows.contacts)
}
