//! The intake lane of the writer: submissions numbered and inserted a batch
//! at a time. Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::{SubsecRound, Utc};
use diesel::prelude::*;
use heard_domain::calendar::BusinessCalendar;
use heard_domain::case::{Actor, Assigned, CaseEvent, TimelineEvent, Viewed};
use heard_domain::text::Language;
use heard_domain::{DistrictId, InquiryId, TeamRef};
use heard_store::reports::facts::{self, FactInputs};
use heard_store::rows::*;
use heard_store::schema;
use heard_store::sql::Languages;
use heard_store::testing::{self, TestDatabase, TestDistrict};
use heard_store::{Backend, NewInquiryRows, Store, StoreError};
use std::collections::HashSet;

const D: TestDistrict = TestDistrict::numbered(1);
const DISTRICT: DistrictId = D.id;

async fn district(store: &Store) {
    let now = Utc::now().naive_utc();
    store
        .writer
        .write(move |c| {
            testing::insert_district(
                c,
                DistrictRow {
                    id: DISTRICT,
                    languages: Languages(vec![Language::english()]),
                    created_at: now,
                    ..testing::district_row("d1")
                },
            )?;
            Ok::<_, StoreError>(())
        })
        .await
        .expect("district, team and topic");
}

fn rows(number: i64, key: Option<String>) -> NewInquiryRows {
    rows_from(number, key, "")
}

/// A submission from the requester with `contact_keys`, received now (to
/// the microsecond, as both databases keep it).
fn rows_from(number: i64, key: Option<String>, contact_keys: &str) -> NewInquiryRows {
    let now = Utc::now().naive_utc().trunc_subsecs(6);
    let id = InquiryId::new();
    let event = |event: CaseEvent| {
        let e = TimelineEvent::new(Actor::System, now.and_utc(), event);
        heard_store::timeline::row(DISTRICT, id, &e).expect("event row")
    };
    let inquiry = InquiryRow {
        id,
        contact_keys: contact_keys.into(),
        tracking_token_hash: id.to_string(),
        ..testing::inquiry_row(&D, number, now)
    };
    let inputs = FactInputs::from(&inquiry);
    let calendar = BusinessCalendar::school_office("America/Chicago").expect("calendar");
    let routed = Assigned {
        team: TeamRef {
            id: D.team,
            name: "Front Office".into(),
        },
        assignee: None,
        reason: "topic default".into(),
        rule: Some("topic_default".into()),
    };
    NewInquiryRows {
        fact: facts::fact_row(&inputs, None, &calendar, false).expect("facts"),
        contacts: facts::contact_rows(&inputs),
        inquiry,
        events: vec![
            event(CaseEvent::Viewed(Viewed {})),
            event(CaseEvent::Assigned(routed)),
        ],
        idempotency: key.map(|k| IdempotencyRow {
            district_id: DISTRICT,
            idempotency_key: k,
            request_hash: "h".into(),
            inquiry_id: id,
            response: "{}".into(),
            created_at: now,
        }),
    }
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .read(|c| {
            Ok(match table {
                "inquiries" => schema::inquiries::table.count().get_result(c)?,
                "events" => schema::events::table.count().get_result(c)?,
                "outbox" => schema::outbox::table.count().get_result(c)?,
                _ => schema::idempotency_keys::table.count().get_result(c)?,
            })
        })
        .expect("count")
}

/// 300 concurrent submissions, 50 of them reusing another's idempotency key,
/// one failing to build, with ordinary writes in the same batches: every
/// stored one has its own number, each reused key is refused as a conflict
/// without taking any other submission of its batch down with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn batches_number_every_submission_once_and_fail_only_the_failed() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    district(&store).await;

    let mut tasks = Vec::new();
    for i in 0..300 {
        let w = store.writer.clone();
        tasks.push(tokio::spawn(async move {
            if i == 7 {
                return w
                    .intake(DISTRICT, None, |_| {
                        Err::<(NewInquiryRows, i64), _>(StoreError::Corrupt("cannot build".into()))
                    })
                    .await;
            }
            if i % 50 == 3 {
                // An ordinary write between the submissions.
                return w
                    .write(|c| {
                        diesel::update(schema::teams::table)
                            .set(schema::teams::name.eq("Front Office"))
                            .execute(c)?;
                        Ok::<_, StoreError>(-1)
                    })
                    .await;
            }
            let key = Some(format!("key-{}", i % 250));
            w.intake(DISTRICT, key.clone(), move |number| {
                Ok((rows(number, key), number))
            })
            .await
        }));
    }
    let (mut stored, mut conflicts, mut writes) = (Vec::new(), 0, 0);
    for t in tasks {
        match t.await.expect("join") {
            Ok(-1) => writes += 1,
            Ok(n) => stored.push(n),
            Err(StoreError::Conflict(_)) => conflicts += 1,
            Err(StoreError::Corrupt(_)) => {}
            Err(e) => panic!("unexpected failure: {e}"),
        }
    }
    assert_eq!(writes, 6);
    // Keys 3, 53, 103, 153 and 203 were only ever sent by the writes (253
    // is a write too); key-7 also by submission 257. So 245 keys were
    // submitted, 48 of them twice.
    let mut seen = HashSet::new();
    assert!(stored.iter().all(|n| seen.insert(*n)), "a number repeated");
    assert_eq!(stored.len() as i64, count(&store, "inquiries"));
    assert_eq!(stored.len() as i64, count(&store, "idempotency_keys"));
    assert_eq!(2 * stored.len() as i64, count(&store, "events"));
    // Every stored event is published with it, and nothing of a refused one.
    let (events, published) = store
        .read(|c| {
            let events: HashSet<heard_domain::EventId> = schema::events::table
                .select(schema::events::id)
                .load::<_>(c)?
                .into_iter()
                .collect();
            let published: HashSet<heard_domain::EventId> =
                heard_store::outbox::pending(c, 10_000)?
                    .into_iter()
                    .map(|e| e.event_id)
                    .collect();
            Ok((events, published))
        })
        .expect("outbox");
    assert_eq!(events, published);
    assert_eq!(stored.len() + conflicts, 300 - 6 - 1);
    assert_eq!(stored.len(), 245, "one submission per key");
    // A retry seen by the writer takes no number: on SQLite's single writer
    // the 245 stored and the one that failed to build used 1001..=1246.
    // PostgreSQL's writers run side by side, and twins that meet in two of
    // them at once both take a number before one is refused.
    let last = match store.backend {
        Backend::Sqlite => 1246,
        Backend::Postgres => 1246 + conflicts as i64,
    };
    assert!(
        stored.iter().all(|n| (1001..=last).contains(n)),
        "{stored:?}"
    );

    // A key stored by an earlier commit is a conflict too, and takes no number.
    let key = Some("key-0".to_string());
    let again = store
        .writer
        .intake(DISTRICT, key.clone(), move |n| {
            Ok::<_, StoreError>((rows(n, key), n))
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let key = Some("new".to_string());
    let next = store
        .writer
        .intake(DISTRICT, key.clone(), move |n| {
            Ok::<_, StoreError>((rows(n, key), n))
        })
        .await
        .expect("a new key");
    assert!(next > *stored.iter().max().expect("stored"));
    if store.backend == Backend::Sqlite {
        assert_eq!(next, 1247);
    }
}

#[tokio::test]
async fn a_submission_to_an_unknown_district_is_refused() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let result = store
        .writer
        .intake(DistrictId::new(), None, |n| {
            Ok::<_, StoreError>((rows(n, None), n))
        })
        .await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "{result:?}"
    );
    assert_eq!(count(&store, "inquiries"), 0);
}

/// Twenty submissions from one family at once: only the first received is
/// not a repeat contact, whichever batch or writer stored it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_family_writing_again_is_a_repeat_contact_across_batches_and_writers() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    district(&store).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let w = store.writer.clone();
        tasks.push(tokio::spawn(async move {
            w.intake(DISTRICT, None, |n| {
                Ok::<_, StoreError>((rows_from(n, None, "email:maria@example.org"), n))
            })
            .await
        }));
    }
    for t in tasks {
        t.await.expect("join").expect("stored");
    }
    let flags: Vec<(chrono::NaiveDateTime, bool)> = store
        .read(|c| {
            Ok(schema::report_facts::table
                .select((
                    schema::report_facts::created_at,
                    schema::report_facts::repeat_contact,
                ))
                .order(schema::report_facts::created_at.asc())
                .load(c)?)
        })
        .expect("facts");
    assert_eq!(flags.len(), 20);
    assert!(!flags[0].1, "the first is no repeat: {flags:?}");
    assert!(flags[1..].iter().all(|f| f.1), "the rest repeat: {flags:?}");
}

/// A submission whose rows panic while being built fails alone: the others
/// of its batch are stored and numbered, and the lane goes on taking them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_that_panics_while_built_fails_alone() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    district(&store).await;
    let held = testing::HeldWriters::hold(&store.writer, store.backend.writer_threads());
    let submit = |key: &'static str| {
        let key = Some(key.to_owned());
        store.writer.intake(DISTRICT, key.clone(), move |n| {
            Ok::<_, StoreError>((rows(n, key), n))
        })
    };
    let panicking = store.writer.intake(DISTRICT, None, |_| {
        if DISTRICT == D.id {
            panic!("a bug in building one submission");
        }
        Err::<(NewInquiryRows, i64), _>(StoreError::NotFound)
    });
    let (first, panicked, last, ()) =
        tokio::join!(submit("first"), panicking, submit("last"), async {
            // Every other future has queued its submission by now.
            tokio::task::yield_now().await;
            held.release();
        });
    let (first, last) = (first.expect("first stored"), last.expect("last stored"));
    assert_ne!(first, last);
    assert!(
        matches!(&panicked, Err(StoreError::Panicked(why)) if why.contains("a bug in building")),
        "{panicked:?}"
    );
    assert_eq!(count(&store, "inquiries"), 2);
    assert_eq!(count(&store, "idempotency_keys"), 2);
    let key = Some("after".to_string());
    store
        .writer
        .intake(DISTRICT, key.clone(), move |n| {
            Ok::<_, StoreError>((rows(n, key), n))
        })
        .await
        .expect("the lane goes on");
    assert_eq!(count(&store, "inquiries"), 3);
}
