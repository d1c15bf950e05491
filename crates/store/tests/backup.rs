//! Online backup of SQLite while writes go on, and restore. Always on SQLite:
//! PostgreSQL installations back up with pg_dump.

use diesel::prelude::*;
use heard_store::rows::DistrictRow;
use heard_store::{backup, schema, testing, DatabaseUrl, Store, StoreError};

fn district(n: usize) -> DistrictRow {
    DistrictRow {
        slug: format!("district-{n}"),
        name: format!("District {n}"),
        time_zone: "UTC".into(),
        ..testing::district_row(&format!("district-{n}"))
    }
}

fn count(store: &Store) -> i64 {
    store
        .read(|c| Ok(schema::districts::table.count().get_result(c)?))
        .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_is_a_consistent_prefix_and_restores() {
    let dir = std::env::temp_dir().join(format!("heard-backup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url =
        DatabaseUrl::parse(&format!("sqlite://{}", dir.join("live.db").display())).expect("url");
    let store = Store::open(&url).expect("open");
    store
        .writer
        .write(|c| {
            diesel::insert_into(schema::districts::table)
                .values(&district(0))
                .execute(c)?;
            Ok::<_, StoreError>(())
        })
        .await
        .expect("first");

    // Writers keep committing while the backup runs.
    let writer = store.writer.clone();
    let writes = tokio::spawn(async move {
        for n in 1..=400 {
            writer
                .write(move |c| {
                    diesel::insert_into(schema::districts::table)
                        .values(&district(n))
                        .execute(c)?;
                    Ok::<_, StoreError>(())
                })
                .await
                .expect("write");
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let copy = dir.join("copy.db");
    let (u, c) = (url.clone(), copy.clone());
    tokio::task::spawn_blocking(move || backup::backup(&u, &c))
        .await
        .expect("join")
        .expect("backup");
    writes.await.expect("writes");
    assert_eq!(count(&store), 401);

    // The copy holds exactly the commits before it started: ids 0..k, no gaps.
    let copy_url = DatabaseUrl::parse(&format!("sqlite://{}", copy.display())).expect("url");
    let copied = Store::open(&copy_url).expect("open copy");
    let mut numbers: Vec<usize> = copied
        .read(|c| {
            Ok(schema::districts::table
                .select(schema::districts::slug)
                .load::<String>(c)?)
        })
        .expect("slugs")
        .iter()
        .filter_map(|s| s.strip_prefix("district-")?.parse().ok())
        .collect();
    numbers.sort_unstable();
    assert!(!numbers.is_empty() && numbers.len() <= 401);
    let expected: Vec<usize> = (0..numbers.len()).collect();
    assert_eq!(numbers, expected);

    // Refuses to overwrite a backup, and refuses to restore over a database in use.
    assert!(matches!(
        backup::backup(&url, &copy),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        backup::restore(&url, &copy, false),
        Err(StoreError::Conflict(_))
    ));
    drop(store);
    drop(copied);

    // Like stopping the server: once the last connection closes, SQLite removes
    // the -wal file and the database no longer looks in use.
    let mut restored_ok = false;
    for _ in 0..100 {
        match backup::restore(&url, &copy, false) {
            Ok(()) => {
                restored_ok = true;
                break;
            }
            Err(StoreError::Conflict(_)) => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            Err(e) => panic!("restore: {e}"),
        }
    }
    assert!(
        restored_ok,
        "the database still looked in use after its store was dropped"
    );
    let restored = Store::open(&url).expect("open restored");
    assert_eq!(count(&restored) as usize, numbers.len());
    drop(restored);

    // A file that is not a Heard database is refused, and nothing is replaced.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database at all").expect("junk");
    assert!(backup::restore(&url, &junk, true).is_err());
    let again = Store::open(&url).expect("open");
    assert_eq!(count(&again) as usize, numbers.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgres_urls_point_to_pg_dump() {
    let url = DatabaseUrl::parse("postgres://u@127.0.0.1/none").expect("url");
    let err = backup::backup(&url, std::path::Path::new("/tmp/x.db")).expect_err("refused");
    assert!(err.to_string().contains("pg_dump"));
}
