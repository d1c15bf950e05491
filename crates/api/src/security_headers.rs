//! Security headers on every answer, whatever produced it: the API, the web
//! app's files, the API documentation, a 404 or an error.
//!
//! The web app is served with a Content-Security-Policy that lets only its
//! own files run (and compile its WebAssembly); no inline script anywhere, so
//! text that reaches a page from an inquiry can never run as code there.

use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error};

/// The policy of the web app and of every other answer. Styles come from
/// its own files, but a `style` attribute may be set (the app sets the
/// district's colour on the page that way); images may be `data:` URLs
/// (the page's empty icon, USWDS's inline SVGs).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; style-src-attr 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The policy of the API documentation at `/docs/`: Swagger UI runs only its
/// own files too, and compiles no WebAssembly. Its script adds one `<style>`
/// element of its own, allowed by that element's hash alone (Swagger UI
/// 5.32.6, vendored by utoipa-swagger-ui 10; the e2e policy check fails
/// should a new version add another).
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self'; \
    style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Browser features none of Heard's pages use, denied to them and to
/// anything they might embed; copying to the clipboard (the family's
/// tracking link) is the one allowed, to the page itself.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), \
    clipboard-read=(), clipboard-write=(self), display-capture=(), encrypted-media=(), \
    fullscreen=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), \
    magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), \
    publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), \
    xr-spatial-tracking=()";

/// HTTPS only, for a year. Subdomains are left alone: they may be the
/// district's other sites, which Heard does not speak for.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// The middleware: adds the headers to the answer, also when an inner
/// service failed and the answer is the one its error renders.
pub async fn add<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.public_url.starts_with("https://"));
    let docs = req.path() == "/docs" || req.path().starts_with("/docs/");
    match next.call(req).await {
        Ok(mut res) => {
            set_all(res.headers_mut(), docs, https);
            Ok(res)
        }
        // The server renders a failure itself, past every middleware: the
        // error is handed on with its answer rendered here, headers and all.
        Err(e) => {
            let mut res = e.error_response();
            set_all(res.headers_mut(), docs, https);
            Err(InternalError::from_response(e, res).into())
        }
    }
}

fn set_all(headers: &mut HeaderMap, docs: bool, https: bool) {
    let policy = if docs {
        DOCS_CONTENT_SECURITY_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, policy);
    set(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Tracking links carry a secret token: never leak it in a Referer.
    set(header::REFERRER_POLICY, "no-referrer");
    if https {
        set(header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
}
