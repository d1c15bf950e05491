//! Behind a reverse proxy, over HTTP: the client address the rate limits
//! count by comes from forwarding headers only when the peer is a trusted
//! proxy, and only from the right of them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use heard_api::forwarded::TrustedProxies;
use reqwest::StatusCode;

/// Two submissions a minute per client, with `trusted` as the proxies.
async fn app_behind(trusted: &str) -> TestApp {
    let trusted = TrustedProxies::parse(trusted).expect("proxies");
    TestApp::configured(|s| {
        s.public_writes_per_minute = 2;
        s.trusted_proxies = trusted;
    })
    .await
}

/// Submits with the given forwarding headers; the answer's status.
async fn submit_via(app: &TestApp, headers: &[(&str, &str)]) -> StatusCode {
    let mut req = app
        .post(&format!("/api/v1/districts/{SLUG}/inquiries"))
        .json(&app.inquiry_body());
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().await.expect("send").status()
}

const CREATED: StatusCode = StatusCode::CREATED;
const LIMITED: StatusCode = StatusCode::TOO_MANY_REQUESTS;

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    // The test server's peer is 127.0.0.1: here, a trusted proxy.
    let app = app_behind("127.0.0.1").await;
    let parent = [("x-forwarded-for", "203.0.113.1")];
    let neighbour = [("x-forwarded-for", "203.0.113.2")];
    assert_eq!(submit_via(&app, &parent).await, CREATED);
    assert_eq!(submit_via(&app, &parent).await, CREATED);
    assert_eq!(submit_via(&app, &parent).await, LIMITED);
    // Another family behind the same proxy is still served.
    assert_eq!(submit_via(&app, &neighbour).await, CREATED);
    // RFC 7239's header names the client as well.
    let by_forwarded = [("forwarded", "for=\"[2001:db8::5]:4711\";proto=https")];
    assert_eq!(submit_via(&app, &by_forwarded).await, CREATED);
    assert_eq!(submit_via(&app, &by_forwarded).await, CREATED);
    assert_eq!(submit_via(&app, &by_forwarded).await, LIMITED);
    assert_eq!(submit_via(&app, &neighbour).await, CREATED);
    assert_eq!(submit_via(&app, &neighbour).await, LIMITED);
}

#[tokio::test]
async fn a_peer_that_is_no_trusted_proxy_has_one_allowance_whatever_it_forwards() {
    let app = app_behind("10.0.0.0/8, 192.0.2.1").await;
    assert_eq!(
        submit_via(&app, &[("x-forwarded-for", "203.0.113.1")]).await,
        CREATED
    );
    assert_eq!(
        submit_via(&app, &[("forwarded", "for=203.0.113.2")]).await,
        CREATED
    );
    for headers in [
        [("x-forwarded-for", "203.0.113.3")],
        [("x-forwarded-for", "10.0.0.1")],
        [("forwarded", "for=203.0.113.4")],
    ] {
        assert_eq!(submit_via(&app, &headers).await, LIMITED, "{headers:?}");
    }
}

#[tokio::test]
async fn what_the_client_writes_left_of_the_proxy_cannot_escape_the_limit() {
    let app = app_behind("127.0.0.1").await;
    // The proxy appends the real client; the client chose what is before it.
    let mut statuses = Vec::new();
    for spoofed in ["1.2.3.4", "5.6.7.8", "9.9.9.9", "203.0.113.2"] {
        let chain = format!("{spoofed}, 203.0.113.1");
        statuses.push(submit_via(&app, &[("x-forwarded-for", &chain)]).await);
    }
    assert_eq!(statuses, [CREATED, CREATED, LIMITED, LIMITED]);
    // A forged Forwarded beside the proxy's X-Forwarded-For earns no
    // allowance of its own either.
    let forged = [
        ("forwarded", "for=198.51.100.77"),
        ("x-forwarded-for", "203.0.113.1"),
    ];
    assert_eq!(submit_via(&app, &forged).await, CREATED);
    assert_eq!(submit_via(&app, &forged).await, CREATED);
    let forged_again = [
        ("forwarded", "for=198.51.100.78"),
        ("x-forwarded-for", "203.0.113.1"),
    ];
    assert_eq!(submit_via(&app, &forged_again).await, LIMITED);
}

#[tokio::test]
async fn malformed_forwarding_headers_fall_back_to_the_proxy_and_never_fail() {
    let app = app_behind("127.0.0.1").await;
    let malformed: [&[(&str, &str)]; 6] = [
        &[("x-forwarded-for", "not an address")],
        &[("x-forwarded-for", "203.0.113.1, unknown")],
        &[("x-forwarded-for", "")],
        &[("forwarded", "for=_hidden")],
        &[("forwarded", "proto=https")],
        &[("x-forwarded-for", "[2001:db8::1")],
    ];
    let mut statuses = Vec::new();
    for headers in malformed {
        statuses.push(submit_via(&app, headers).await);
    }
    // All share the proxy's own allowance: two, then refused, never a 5xx.
    assert_eq!(
        statuses,
        [CREATED, CREATED, LIMITED, LIMITED, LIMITED, LIMITED]
    );
    assert_eq!(submit_via(&app, &[]).await, LIMITED, "the proxy itself");
    assert_eq!(
        submit_via(&app, &[("x-forwarded-for", "203.0.113.9")]).await,
        CREATED,
        "a well-formed client is still served"
    );
}

#[test]
fn a_proxy_list_that_cannot_be_read_stops_the_start_naming_the_setting() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_heard"))
        .arg("serve")
        .env_clear()
        .env("HEARD_TRUSTED_PROXIES", "127.0.0.1, proxy.internal")
        .output()
        .expect("run heard");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("HEARD_TRUSTED_PROXIES") && said.contains("\"proxy.internal\""),
        "{said}"
    );
}
