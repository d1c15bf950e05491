//! The writer outlives the failures of its writes and turns writes away when
//! its queue is full. Runs on SQLite, or on PostgreSQL when
//! `HEARD_TEST_DATABASE_URL` is set.

use chrono::Utc;
use diesel::prelude::*;
use heard_domain::{DistrictId, TeamId};
use heard_store::rows::*;
use heard_store::schema;
use heard_store::testing::{self, HeldWriters, TestDatabase, TestDistrict};
use heard_store::{AnyConnection, NewInquiryRows, Store, StoreError, StoreOptions, Writer};
use std::time::Duration;

const DISTRICT: DistrictId = TestDistrict::numbered(1).id;

async fn district(store: &Store) {
    let now = Utc::now().naive_utc();
    store
        .writer
        .write(move |c| {
            testing::insert_district(
                c,
                DistrictRow {
                    id: DISTRICT,
                    created_at: now,
                    ..testing::district_row("d1")
                },
            )?;
            Ok::<_, StoreError>(())
        })
        .await
        .expect("district");
}

fn insert_team(c: &mut AnyConnection, name: &str) -> QueryResult<usize> {
    diesel::insert_into(schema::teams::table)
        .values(&TeamRow {
            id: TeamId::new(),
            district_id: DISTRICT,
            name: name.into(),
            created_at: Utc::now().naive_utc(),
        })
        .execute(c)
}

/// Stores a team named `name` through the writer.
async fn add_team(writer: &Writer, name: &'static str) -> Result<(), StoreError> {
    writer
        .write(move |c| {
            insert_team(c, name)?;
            Ok(())
        })
        .await
}

/// The names of the teams, read through a connection of its own rather
/// than the pool, so only what was really committed shows.
fn teams(db: &TestDatabase) -> Vec<String> {
    let mut c = db.url.connect().expect("connect");
    let mut names: Vec<String> = schema::teams::table
        .select(schema::teams::name)
        .load(&mut c)
        .expect("teams");
    names.sort();
    names
}

/// Lets the held writers go once every other future of the `join!` has
/// been polled, and so has queued its write.
async fn release_after_queueing(held: HeldWriters) {
    tokio::task::yield_now().await;
    held.release();
}

/// A write that panics half-way, inside a nested transaction of its own,
/// in the same batch as two that do not: it alone fails and is undone, and
/// the writer goes on storing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_panics_fails_alone_and_the_writer_keeps_serving() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    district(&store).await;
    let held = HeldWriters::hold(&store.writer, store.backend.writer_threads());
    let panicking = store.writer.write(|c| {
        insert_team(c, "Half done")?;
        c.transaction::<(), StoreError, _>(|c| {
            insert_team(c, "Nested")?;
            panic!("a bug in one write");
        })
    });
    let (before, panicked, after, ()) = tokio::join!(
        add_team(&store.writer, "Before"),
        panicking,
        add_team(&store.writer, "After"),
        release_after_queueing(held),
    );
    before.expect("the write before is stored");
    after.expect("the write after is stored");
    match panicked {
        Err(StoreError::Panicked(why)) => assert!(why.contains("a bug in one write"), "{why}"),
        other => panic!("expected the panic as an error, got {other:?}"),
    }
    // A second panic, alone in its batch, and the writer still serves.
    let again = store
        .writer
        .write(|_| -> Result<(), StoreError> { panic!("and another") })
        .await;
    assert!(matches!(again, Err(StoreError::Panicked(_))), "{again:?}");
    add_team(&store.writer, "Later").await.expect("later");
    assert_eq!(
        teams(&db),
        ["After", "Before", "Front Office", "Later"],
        "nothing of the panicking write is stored"
    );
}

/// Should the writer's own code panic mid-batch, that batch's callers are
/// told it failed rather than left waiting, none of it is stored, and what
/// the writer acknowledges afterwards is durable: the connection that held
/// the abandoned transaction is not used again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_that_panics_is_lost_alone_and_the_writer_lives_on() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    district(&store).await;
    let held = HeldWriters::hold(&store.writer, store.backend.writer_threads());
    let lost = add_team(&store.writer, "Lost");
    let (lost, (), ()) = tokio::join!(
        lost,
        async { testing::panic_in_batch(&store.writer, "a bug in the writer") },
        release_after_queueing(held),
    );
    assert!(
        matches!(lost, Err(StoreError::Unavailable(_))),
        "the batch's other caller is told: {lost:?}"
    );
    for name in ["Kept", "Kept too"] {
        tokio::time::timeout(Duration::from_secs(10), add_team(&store.writer, name))
            .await
            .expect("the writer answers")
            .expect("stored");
    }
    assert_eq!(teams(&db), ["Front Office", "Kept", "Kept too"]);
}

/// A full queue answers at once, for ordinary writes and submissions alike;
/// once the writer catches up, the queued writes are stored and new ones
/// are taken again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_turns_writes_away_at_once() {
    let db = TestDatabase::new();
    let options = StoreOptions {
        write_queue_depth: 3,
    };
    let store = Store::open_with(&db.url, options).expect("open");
    district(&store).await;
    let held = HeldWriters::hold(&store.writer, store.backend.writer_threads());
    assert_eq!(testing::fill_queue(&store.writer), 3, "the queue's depth");
    let write = tokio::time::timeout(
        Duration::from_millis(500),
        add_team(&store.writer, "Turned away"),
    )
    .await
    .expect("answered at once");
    assert!(matches!(write, Err(StoreError::Busy)), "{write:?}");
    let submission = tokio::time::timeout(
        Duration::from_millis(500),
        store.writer.intake(DISTRICT, None, |_| {
            Err::<(NewInquiryRows, ()), _>(StoreError::Corrupt("never built".into()))
        }),
    )
    .await
    .expect("answered at once");
    assert!(
        matches!(submission, Err(StoreError::Busy)),
        "{submission:?}"
    );
    held.release();
    // As a client told to retry would: the queue drains in moments.
    let mut tries = 0;
    loop {
        match add_team(&store.writer, "Taken").await {
            Err(StoreError::Busy) if tries < 100 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            taken => break taken.expect("room again"),
        }
    }
    assert_eq!(teams(&db), ["Front Office", "Taken"]);
}
