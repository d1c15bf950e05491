//! The request log names the client as the rate limits see it: behind a
//! trusted proxy the forwarded client, otherwise the peer; and it keeps
//! tracking tokens out. A test binary of its own, as it installs the
//! process's tracing subscriber.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;
use heard_api::forwarded::TrustedProxies;
use reqwest::StatusCode;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

type Spans = Arc<Mutex<HashMap<String, HashMap<String, String>>>>;

/// The fields of each request's span, by user agent.
fn request_spans() -> &'static Spans {
    use tracing_subscriber::layer::SubscriberExt;
    static SPANS: OnceLock<Spans> = OnceLock::new();
    SPANS.get_or_init(|| {
        let spans = Spans::default();
        let subscriber = tracing_subscriber::registry().with(RequestSpans(Arc::clone(&spans)));
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        spans
    })
}

struct RequestSpans(Spans);

#[derive(Default)]
struct Fields(HashMap<String, String>);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for RequestSpans {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        if attrs.metadata().name() != "HTTP request" {
            return;
        }
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(agent) = fields.0.get("http.user_agent").cloned() {
            self.0.lock().unwrap().insert(agent, fields.0);
        }
    }
}

#[tokio::test]
async fn the_request_log_names_the_client_the_limits_see() {
    let spans = request_spans();
    for (trusted, agent, logged) in [
        ("127.0.0.1", "log-test-trusted", "203.0.113.50"),
        ("10.0.0.0/8", "log-test-untrusted", "127.0.0.1"),
    ] {
        let trusted_proxies = TrustedProxies::parse(trusted).unwrap();
        let app = TestApp::configured(|s| s.trusted_proxies = trusted_proxies).await;
        let token = "x".repeat(64);
        let res = app
            .get(&format!("/api/v1/track/{token}"))
            .header("user-agent", agent)
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.50")
            .header("forwarded", "for=203.0.113.50")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let span = spans.lock().unwrap().get(agent).cloned().expect("a span");
        assert_eq!(span["http.client_ip"], logged, "trusting {trusted}");
        assert_eq!(
            span["http.target"], "/api/v1/track/{tracking_token}",
            "the tracking token stays out of the log"
        );
        assert!(!format!("{span:?}").contains(&token), "{span:?}");
    }
}
