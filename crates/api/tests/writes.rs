//! The write path under strain, over HTTP: a full write queue is a 503 the
//! client can retry, and a write that panics costs only its own request.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use actix_web::ResponseError;
use common::*;
use heard_api::error::ApiError;
use heard_store::testing::{self, HeldWriters};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_write_queue_is_answered_503_with_retry_after() {
    let app = TestApp::configured(|s| s.write_queue_depth = 2).await;
    let writer = &app.state.store.writer;
    let held = HeldWriters::hold(writer, app.state.store.backend.writer_threads());
    assert_eq!(testing::fill_queue(writer), 2);

    let res = app.submit(&app.inquiry_body()).await;
    let retry_after: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After is whole seconds");
    assert!(retry_after >= 1);
    let problem = expect_problem(res, 503, None).await;
    assert_eq!(problem["type"], "https://heard.example/problems/busy");
    assert_eq!(app.inquiry_count(), 0, "nothing was stored");

    held.release();
    // The client retries after the time it was given, and is served.
    tokio::time::sleep(std::time::Duration::from_secs(retry_after)).await;
    app.submit_ok().await;
    assert_eq!(app.inquiry_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_panics_is_a_500_without_internals_and_submissions_go_on() {
    let app = TestApp::new().await;
    let failed = app
        .state
        .store
        .writer
        .write(|_| -> Result<(), ApiError> { panic!("secret detail of a bug") })
        .await
        .expect_err("the panic is an error");
    let res = failed.error_response();
    assert_eq!(res.status().as_u16(), 500);
    let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    assert!(
        body.contains("https://heard.example/problems/internal"),
        "{body}"
    );
    assert!(
        !body.contains("secret detail"),
        "no internals shown: {body}"
    );

    let receipt = app.submit_ok().await;
    assert!(receipt["reference"].is_string());
    // And again: the writer did not stop after the first.
    app.submit_ok().await;
    assert_eq!(app.inquiry_count(), 2);
}

#[test]
fn a_queue_depth_that_is_no_depth_stops_the_start_naming_the_setting() {
    for depth in ["0", "lots", "-5"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_heard"))
            .arg("serve")
            .env_clear()
            .env("HEARD_WRITE_QUEUE_DEPTH", depth)
            .output()
            .expect("run heard");
        assert_eq!(out.status.code(), Some(2), "{depth}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("HEARD_WRITE_QUEUE_DEPTH"), "{said}");
    }
}
