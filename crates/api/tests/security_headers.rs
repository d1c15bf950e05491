//! Every answer carries the security headers, over HTTP: the API, the web
//! app's files, the documentation, 404s and errors; HSTS only over HTTPS.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};
use serde_json::json;
use std::path::PathBuf;

/// A built web app in a folder of its own: the page and one script.
struct StaticDir(PathBuf);

impl StaticDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("heard-static-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("app-1234")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><script type=\"module\" src=\"/app-1234/start.js\"></script>",
        )
        .unwrap();
        std::fs::write(dir.join("app-1234/start.js"), "export {};").unwrap();
        Self(dir)
    }
}

impl Drop for StaticDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("{name} is missing"))
        .to_str()
        .unwrap()
}

/// The directives of a Content-Security-Policy, by name.
fn directives(policy: &str) -> Vec<(String, String)> {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| match d.split_once(' ') {
            Some((name, values)) => (name.to_owned(), values.to_owned()),
            None => (d.to_owned(), String::new()),
        })
        .collect()
}

fn directive(policy: &str, name: &str) -> String {
    directives(policy)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{name} is missing from {policy}"))
}

/// Asserts the headers every answer carries; returns its policy.
fn assert_secured(res: &Response, what: &str) -> String {
    let h = res.headers();
    let policy = header(h, "content-security-policy").to_owned();
    assert_eq!(directive(&policy, "default-src"), "'self'", "{what}");
    assert_eq!(directive(&policy, "object-src"), "'none'", "{what}");
    assert_eq!(directive(&policy, "base-uri"), "'none'", "{what}");
    assert_eq!(directive(&policy, "frame-ancestors"), "'none'", "{what}");
    let scripts = directive(&policy, "script-src");
    assert!(
        scripts
            .split_whitespace()
            .all(|s| s != "'unsafe-inline'" && s != "'unsafe-eval'"),
        "{what}: {scripts}"
    );
    assert!(!policy.contains('*'), "{what}: no wildcard in {policy}");
    assert_eq!(header(h, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(h, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(h, "referrer-policy"), "no-referrer", "{what}");
    let features = header(h, "permissions-policy");
    for denied in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
        assert!(features.contains(denied), "{what}: {features}");
    }
    assert!(
        h.get("strict-transport-security").is_none(),
        "{what}: no HSTS over plain HTTP"
    );
    policy
}

/// The web app's own policy: its scripts and WebAssembly from itself.
fn assert_app_policy(policy: &str, what: &str) {
    assert_eq!(
        directive(policy, "script-src"),
        "'self' 'wasm-unsafe-eval'",
        "{what}"
    );
}

#[tokio::test]
async fn api_answers_errors_and_404s_carry_the_headers() {
    let app = TestApp::new().await;
    let token = app.login("admin@testville.example").await;

    let res = app
        .get(&format!("/api/v1/districts/{SLUG}/portal"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_app_policy(&assert_secured(&res, "an API answer"), "an API answer");

    let res = app
        .get("/api/v1/me")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_secured(&res, "a staff answer");

    for (res, status, what) in [
        (
            app.get("/api/v1/no/such/route").send().await.unwrap(),
            404,
            "an API 404",
        ),
        (
            app.get("/no/web/app/here").send().await.unwrap(),
            404,
            "a 404 without the web app",
        ),
        (app.get("/api/v1/me").send().await.unwrap(), 401, "a 401"),
        (
            app.post(&format!("/api/v1/districts/{SLUG}/inquiries"))
                .json(&json!({ "kind": "question" }))
                .send()
                .await
                .unwrap(),
            422,
            "a 422",
        ),
        (
            app.post("/api/v1/auth/logout")
                .header("content-type", "text/plain")
                .body("x")
                .send()
                .await
                .unwrap(),
            400,
            "a 400",
        ),
        (
            app.client
                .delete(app.url("/api/v1/goals"))
                .send()
                .await
                .unwrap(),
            405,
            "a 405",
        ),
        (app.get("/healthz").send().await.unwrap(), 200, "health"),
    ] {
        assert_eq!(res.status().as_u16(), status, "{what}");
        assert_secured(&res, what);
    }
    let not_following = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = not_following.get(app.url("/docs")).send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_secured(&res, "the docs redirect");
}

#[tokio::test]
async fn the_web_app_and_its_files_carry_the_headers() {
    let dir = StaticDir::new();
    let static_dir = dir.0.clone();
    let app = TestApp::configured(|s| s.static_dir = static_dir).await;
    for (path, what) in [
        ("/", "the page"),
        ("/lakeview", "a deep link to the app"),
        ("/track/abc", "the tracking page"),
        ("/app-1234/start.js", "a script"),
    ] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{what}");
        assert_app_policy(&assert_secured(&res, what), what);
    }
    let res = app.get("/app-1234/missing.js").send().await.unwrap();
    assert_secured(&res, "a missing file");

    // A failure inside the file service (the page gone from the disk) is
    // answered with the headers as well.
    std::fs::remove_file(dir.0.join("index.html")).unwrap();
    let res = app.get("/some/deep/link").send().await.unwrap();
    assert!(res.status().is_client_error() || res.status().is_server_error());
    assert_secured(&res, "an error of the file service");
}

#[tokio::test]
async fn the_api_documentation_runs_only_its_own_files() {
    let app = TestApp::new().await;
    for path in [
        "/docs/",
        "/docs/swagger-ui.css",
        "/docs/swagger-initializer.js",
    ] {
        let res = app.get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let policy = assert_secured(&res, path);
        assert_eq!(directive(&policy, "script-src"), "'self'", "{path}");
    }
    // Swagger UI's page starts itself from its own file, not an inline script.
    let page = app
        .get("/docs/")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("src=\"./swagger-initializer.js\""), "{page}");
    assert!(!page.contains("<script>"), "{page}");
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_address_is_https() {
    let app = TestApp::configured(|s| s.public_url = "https://help.testville.example".into()).await;
    for path in [
        &format!("/api/v1/districts/{SLUG}/portal"),
        "/api/v1/no/such/route",
        "/",
    ] {
        let res = app.get(path).send().await.unwrap();
        let hsts = header(res.headers(), "strict-transport-security");
        assert!(hsts.starts_with("max-age="), "{path}: {hsts}");
        let seconds: u64 = hsts["max-age=".len()..]
            .split(';')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(seconds >= 180 * 24 * 3600, "{path}: {hsts}");
    }
    // Plain HTTP: `assert_secured` checks there is none.
    let app = TestApp::new().await;
    let res = app.get("/").send().await.unwrap();
    assert_secured(&res, "plain HTTP");
}
