//! Logs: readable by default, JSON for production, quiet in tests unless
//! `TEST_LOG` is set; and the span every request's log lines belong to.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::field::Empty;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; safe to call more than once.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The span of a request: tracing-actix-web's fields, except that the client
/// address is the one [`crate::forwarded`] works out (its default believes
/// any `Forwarded` header, whoever sent it) and tracking tokens, which open
/// a family's inquiry, are left out of the logged path.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(req: &ServiceRequest) -> Span {
        let client = crate::forwarded::client_addr(req.request())
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        let method = req.method().as_str();
        let route = req.match_pattern().unwrap_or_else(|| "default".into());
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        let target =
            without_tracking_tokens(req.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""));
        tracing::info_span!(
            "HTTP request",
            http.method = %method,
            http.route = %route,
            http.client_ip = %client,
            http.user_agent = %user_agent,
            http.target = %target,
            http.status_code = Empty,
            otel.name = %format!("{method} {route}"),
            otel.kind = "server",
            otel.status_code = Empty,
            request_id = %request_id,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// `target` with the path segment after each `track` replaced, so the log
/// keeps which page was asked for but not the link that opens it.
fn without_tracking_tokens(target: &str) -> String {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let mut after_track = false;
    let path: Vec<&str> = path
        .split('/')
        .map(|segment| {
            let hidden = after_track && !segment.is_empty();
            after_track = segment == "track";
            if hidden {
                "{tracking_token}"
            } else {
                segment
            }
        })
        .collect();
    match query {
        Some(q) => format!("{}?{q}", path.join("/")),
        None => path.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_tokens_stay_out_of_the_log() {
        for (target, logged) in [
            ("/api/v1/track/abc123", "/api/v1/track/{tracking_token}"),
            (
                "/api/v1/track/abc123/messages?x=1",
                "/api/v1/track/{tracking_token}/messages?x=1",
            ),
            ("/track/abc123", "/track/{tracking_token}"),
            ("/api/v1/inquiries?q=track", "/api/v1/inquiries?q=track"),
            ("/lakeview", "/lakeview"),
            ("/track/", "/track/"),
        ] {
            assert_eq!(without_tracking_tokens(target), logged, "{target}");
        }
    }
}
