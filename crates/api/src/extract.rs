//! Request extractors that turn unreadable input into problem+json naming the
//! field, instead of actix's plain-text errors.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// Largest JSON body accepted.
const MAX_BODY: usize = 64 * 1024;

/// Turns a serde error at `path` into a field error, naming a missing or
/// unknown field itself rather than the object holding it.
fn field_error(path: String, message: String) -> ApiError {
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    // serde_path_to_error's path ends at the object missing a field, but
    // at the unknown field itself.
    let (field, what) = match (named("missing field `"), named("unknown field `")) {
        (Some(m), _) if path == "." => (m, "is required".to_owned()),
        (Some(m), _) => (format!("{path}.{m}"), "is required".to_owned()),
        (None, Some(u)) if path == "." => (u, "is not a field of this request".to_owned()),
        (None, Some(_)) => (path, "is not a field of this request".to_owned()),
        // serde appends the position; the field name says where.
        (None, None) => (
            if path == "." { "body".to_owned() } else { path },
            message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned(),
        ),
    };
    ApiError::field(&field, what)
}

/// A JSON body, parsed with field-level errors.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let mime = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::BadRequest(
                    "send the body as application/json".into(),
                ));
            }
            let bytes = body
                .await
                .map_err(|_| ApiError::BadRequest("the request body could not be read".into()))?;
            if bytes.len() > MAX_BODY {
                return Err(ApiError::BadRequest(format!(
                    "the body is larger than {MAX_BODY} bytes"
                )));
            }
            // Syntax first (400), then shape (422 naming the field): serde's own
            // classification calls some wrong-type errors syntax errors.
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
            serde_path_to_error::deserialize::<_, T>(value)
                .map(Json)
                .map_err(|e| {
                    let path = e.path().to_string();
                    field_error(path, e.into_inner().to_string())
                })
        })
    }
}

/// Query-string parameters, parsed with field-level errors.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(
            req.query_string().as_bytes(),
        ));
        std::future::ready(
            serde_path_to_error::deserialize::<_, T>(de)
                .map(Query)
                .map_err(|e| field_error(e.path().to_string(), e.into_inner().to_string())),
        )
    }
}
