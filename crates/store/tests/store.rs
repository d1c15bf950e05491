//! Store tests; they run on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use chrono::SubsecRound;
use chrono::Utc;
use diesel::prelude::*;
use heard_domain::access::CaseScope;
use heard_domain::{DistrictId, InquiryId, Status};
use heard_store::queries::districts;
use heard_store::queries::inquiries::{self, InboxFilter};
use heard_store::rows::*;
use heard_store::schema;
use heard_store::testing::{self, TestDatabase, TestDistrict};
use heard_store::{migrate, Store, StoreError};

fn district_row(id: &str) -> DistrictRow {
    DistrictRow {
        slug: format!("d-{id}"),
        ..testing::district_row(id)
    }
}

#[test]
fn migrations_go_up_down_and_up_again() {
    let db = TestDatabase::new();
    let mut conn = db.url.connect().expect("connect");
    assert!(migrate::run_pending(&mut conn).expect("up") >= 1);
    assert_eq!(migrate::run_pending(&mut conn).expect("nothing left"), 0);
    assert!(migrate::revert_all(&mut conn).expect("down") >= 1);
    // Down really removed the tables.
    assert!(schema::districts::table
        .count()
        .get_result::<i64>(&mut conn)
        .is_err());
    assert!(migrate::run_pending(&mut conn).expect("up again") >= 1);
    assert_eq!(
        schema::districts::table
            .count()
            .get_result::<i64>(&mut conn)
            .expect("table"),
        0
    );
}

/// Selecting every column diesel knows from every table proves `schema.rs`
/// matches the migrations in names and types.
#[test]
fn schema_matches_migrations() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    store
        .read(|c| {
            schema::installation::table
                .select(schema::installation::all_columns)
                .load::<(i32, String, chrono::NaiveDateTime)>(c)?;
            schema::districts::table
                .select(DistrictRow::as_select())
                .load(c)?;
            schema::units::table.select(UnitRow::as_select()).load(c)?;
            schema::teams::table.select(TeamRow::as_select()).load(c)?;
            schema::staff::table.select(StaffRow::as_select()).load(c)?;
            schema::team_members::table
                .select(TeamMemberRow::as_select())
                .load(c)?;
            schema::topics::table
                .select(TopicRow::as_select())
                .load(c)?;
            schema::inquiries::table
                .select(InquiryRow::as_select())
                .load(c)?;
            schema::messages::table
                .select(MessageRow::as_select())
                .load(c)?;
            schema::events::table
                .select(EventRow::as_select())
                .load(c)?;
            schema::feedback::table
                .select(FeedbackRow::as_select())
                .load(c)?;
            schema::refresh_tokens::table
                .select(RefreshTokenRow::as_select())
                .load(c)?;
            schema::idempotency_keys::table
                .select(IdempotencyRow::as_select())
                .load(c)?;
            schema::goals::table.select(GoalRow::as_select()).load(c)?;
            schema::help_articles::table
                .select(HelpArticleRow::as_select())
                .load(c)?;
            schema::report_scopes::table
                .select(ReportScopeRow::as_select())
                .load(c)?;
            schema::report_facts::table
                .select(ReportFactRow::as_select())
                .load(c)?;
            schema::contacts::table
                .select(ContactRow::as_select())
                .load(c)?;
            schema::report_facts_backfill::table
                .select(schema::report_facts_backfill::all_columns)
                .load::<(i32, chrono::NaiveDateTime)>(c)?;
            Ok(())
        })
        .expect("every column readable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_share_commits_and_references_never_repeat() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    store
        .writer
        .write(|c| districts::take_reference_number(c, DistrictId::new()).map(|_| ()))
        .await
        .expect_err("unknown district");
    let row = district_row("d1");
    let d1 = row.id;
    store
        .writer
        .write(move |c| {
            diesel::insert_into(schema::districts::table)
                .values(&row)
                .execute(c)?;
            Ok::<_, StoreError>(())
        })
        .await
        .expect("insert district");

    let mut tasks = Vec::new();
    for _ in 0..200 {
        let w = store.writer.clone();
        tasks.push(tokio::spawn(async move {
            w.write(move |c| districts::take_reference_number(c, d1))
                .await
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.expect("join").expect("write"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1001..1201).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_failing_job_undoes_only_itself() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let a = district_row("a");
    let dup = district_row("a");
    let b = district_row("b");
    let w1 = store.writer.clone();
    let w2 = store.writer.clone();
    let w3 = store.writer.clone();
    let (r1, r2, r3) = tokio::join!(
        w1.write(move |c| {
            diesel::insert_into(schema::districts::table)
                .values(&a)
                .execute(c)?;
            Ok::<_, StoreError>(())
        }),
        w2.write(move |c| {
            diesel::insert_into(schema::districts::table)
                .values(&dup)
                .execute(c)?;
            Ok::<_, StoreError>(())
        }),
        w3.write(move |c| {
            diesel::insert_into(schema::districts::table)
                .values(&b)
                .execute(c)?;
            Ok::<_, StoreError>(())
        }),
    );
    // Writers may run side by side (PostgreSQL), so either copy of "a" can be
    // the one refused; exactly one is, and "b" is untouched by it.
    assert!(r3.is_ok(), "{r3:?}");
    let refused: Vec<_> = [r1, r2].into_iter().filter(|r| r.is_err()).collect();
    assert_eq!(refused.len(), 1);
    assert!(
        matches!(refused[0], Err(StoreError::Conflict(_))),
        "{:?}",
        refused[0]
    );
    let n: i64 = store
        .read(|c| Ok(schema::districts::table.count().get_result(c)?))
        .expect("count");
    assert_eq!(n, 2);
}

#[test]
fn installation_secret_is_made_once() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let first = store
        .read(|c| districts::installation_secret(c, || "s1".into()))
        .expect("create");
    let second = store
        .read(|c| districts::installation_secret(c, || "s2".into()))
        .expect("read");
    assert_eq!((first.as_str(), second.as_str()), ("s1", "s1"));
}

/// Pages of the inbox filtered by status hold exactly the matching inquiries,
/// newest first, across pages, whether one status is asked for or several,
/// also behind a burst of new inquiries of another status.
#[tokio::test]
async fn inbox_pages_by_status_are_complete_and_in_order() {
    let db = TestDatabase::new();
    let store = Store::open(&db.url).expect("open");
    let start = Utc::now().naive_utc().trunc_subsecs(6) - chrono::Duration::days(3);
    use Status::*;
    let statuses = [InProgress, Resolved, Closed, AwaitingRequester];
    let d = TestDistrict::numbered(1);
    let rows: Vec<InquiryRow> = (0..160)
        .map(|n: i64| {
            // Pairs share an instant, so the id breaks ties.
            let at = start + chrono::Duration::minutes(n / 2);
            let status = if n >= 110 {
                New
            } else {
                statuses[(n % 4) as usize]
            };
            InquiryRow {
                status,
                ..testing::inquiry_row(&d, 1001 + n, at)
            }
        })
        .collect();
    let all = rows.clone();
    store
        .writer
        .write(move |c| {
            let district = DistrictRow {
                id: d.id,
                ..testing::district_row("d1")
            };
            testing::insert_district(c, district)?;
            heard_store::insert_batch!(&mut *c, schema::inquiries::table, &rows)?;
            Ok::<_, StoreError>(())
        })
        .await
        .expect("insert");
    for wanted in [
        vec![InProgress],
        vec![Resolved, InProgress],
        vec![New, Closed, New],
        vec![Assigned],
        vec![],
    ] {
        let mut expected: Vec<&InquiryRow> = all
            .iter()
            .filter(|r| wanted.is_empty() || wanted.contains(&r.status))
            .collect();
        expected.sort_by_key(|r| std::cmp::Reverse((r.created_at, r.id)));
        let expected: Vec<InquiryId> = expected.into_iter().map(|r| r.id).collect();
        let mut got = Vec::new();
        let mut filter = InboxFilter {
            statuses: wanted.clone(),
            ..InboxFilter::within(CaseScope::everything())
        };
        loop {
            let f = filter.clone();
            let mut page = store
                .read(move |c| inquiries::inbox(c, d.id, &f, 7))
                .expect("page");
            let more = page.len() > 7;
            page.truncate(7);
            filter.before = page.last().map(|r| (r.created_at, r.id));
            got.extend(page.into_iter().map(|r| r.id));
            if !more {
                break;
            }
        }
        assert_eq!(got, expected, "statuses {wanted:?}");
    }
}
