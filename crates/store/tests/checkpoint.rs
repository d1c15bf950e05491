//! SQLite's checkpoints run beside the writer: committed pages reach the
//! database file within moments, long before the log would have grown to the
//! size at which the writer checkpoints by itself. Always on SQLite.

use diesel::prelude::*;
use heard_store::rows::DistrictRow;
use heard_store::{schema, testing, DatabaseUrl, Store, StoreError};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committed_pages_reach_the_database_file_beside_the_writer() {
    let dir = std::env::temp_dir().join(format!("heard-ckpt-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("live.db");
    let url = DatabaseUrl::parse(&format!("sqlite://{}", file.display())).expect("url");
    let store = Store::open(&url).expect("open");
    let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let before = size();
    // A few hundred pages of log: a fraction of the writer's own threshold.
    for n in 0..300 {
        store
            .writer
            .write(move |c| {
                diesel::insert_into(schema::districts::table)
                    .values(&DistrictRow {
                        slug: format!("district-{n}"),
                        ..testing::district_row(&format!("d{n:04}"))
                    })
                    .execute(c)?;
                Ok::<_, StoreError>(())
            })
            .await
            .expect("write");
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while size() <= before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        size() > before,
        "the database file stayed at {before} bytes: nothing was checkpointed"
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
