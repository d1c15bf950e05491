//! Request extractors that turn unreadable input into problem+json naming the
//! field, instead of actix's plain-text errors.

use crate::error::ApiError;
use actix_web::dev::{Decompress, Payload};
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use heard_domain::validation::Invalid;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// Largest JSON body accepted.
const MAX_BODY: usize = 64 * 1024;

/// Largest file accepted (a calendar, a spreadsheet).
pub const MAX_FILE: usize = 256 * 1024;

/// The body as sent, decompressed when its `Content-Encoding` says so.
fn body_of(req: &HttpRequest, payload: &mut Payload) -> Decompress<Payload> {
    Decompress::from_headers(payload.take(), req.headers())
}

/// The body, read while it is at most `limit` bytes once decompressed: a
/// larger one is 413 as problem+json, not actix's plain text.
async fn read_limited(body: Decompress<Payload>, limit: usize) -> Result<web::Bytes, ApiError> {
    use futures_util::StreamExt;
    let mut body = Box::pin(body);
    let mut read = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk =
            chunk.map_err(|_| ApiError::BadRequest("the request body could not be read".into()))?;
        if read.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge(limit));
        }
        read.extend_from_slice(&chunk);
    }
    Ok(read.freeze())
}

/// A file sent as the body, up to [`MAX_FILE`] bytes, of any content type.
pub struct FileBody(pub web::Bytes);

/// How the document describes a [`FileBody`]: bytes, so that generated
/// clients send a file as it is (`application/octet-stream`), whatever their
/// generator knows of `text/csv` or `text/calendar`.
pub struct UploadedFile;

impl utoipa::PartialSchema for UploadedFile {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for UploadedFile {}

impl FromRequest for FileBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = body_of(req, payload);
        Box::pin(async move { read_limited(body, MAX_FILE).await.map(FileBody) })
    }
}

/// What serde says is wrong, as one of the stable error codes. Serde's
/// messages are its own; the ones it writes are matched here (and each is
/// tested) so that a client reads a code and a sentence for people, never
/// the parser's wording.
fn classify(message: &str) -> (Option<String>, Invalid) {
    let quoted = |rest: &str| rest.split('`').next().map(str::to_owned);
    if let Some(rest) = message.strip_prefix("missing field `") {
        return (quoted(rest), Invalid::Required);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return (quoted(rest), Invalid::UnknownField);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let allowed = rest
            .split_once("expected ")
            .map(|(_, list)| {
                list.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        return (None, Invalid::InvalidChoice { allowed });
    }
    if message.starts_with(heard_domain::ids::NOT_AN_ID)
        || message.starts_with("UUID parsing failed")
    {
        return (None, Invalid::InvalidId);
    }
    if message.starts_with("must be a whole number") {
        return (None, Invalid::NotWholeNumber);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest
            .split_once(", expected ")
            .map(|(_, e)| e.split(" at line ").next().unwrap_or(e).to_owned())
            .unwrap_or_else(|| "another type".into());
        return (None, Invalid::WrongType { expected });
    }
    // chrono's words for a date or time it cannot read, such as the 30th
    // of February ("input is out of range", not a number too large).
    if [
        "premature end of input",
        "input contains invalid characters",
        "input is out of range",
        "trailing input",
        "input is not enough",
        "no possible date and time",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        return (
            None,
            Invalid::InvalidFormat {
                hint: "a real date such as 2026-08-01, or a date and time in RFC 3339 form",
            },
        );
    }
    if message.starts_with("invalid value: integer") || message.contains("out of range") {
        return (
            None,
            Invalid::WrongType {
                expected: "a smaller number".into(),
            },
        );
    }
    (
        None,
        Invalid::InvalidFormat {
            hint: "in the form the API documents",
        },
    )
}

/// Turns a serde error at `path` into a field error, naming a missing or
/// unknown field itself rather than the object holding it.
fn field_error(path: String, message: String) -> ApiError {
    let (named, invalid) = classify(&message);
    // serde_path_to_error's path ends at the object missing a field, but
    // at the unknown field itself.
    let field = match (path.as_str(), named) {
        (".", Some(m)) => m,
        (p, Some(_)) if invalid == Invalid::UnknownField => p.to_owned(),
        (p, Some(m)) => format!("{p}.{m}"),
        (".", None) => "body".to_owned(),
        (p, None) => p.to_owned(),
    };
    ApiError::field(&field, invalid)
}

/// Every body of the API is an object. serde would otherwise read a struct
/// from an array by position, so `["question", …]` would pass as an inquiry.
fn object_only(value: &serde_json::Value) -> Result<(), ApiError> {
    if value.is_object() {
        Ok(())
    } else {
        Err(ApiError::field(
            "body",
            Invalid::WrongType {
                expected: "a JSON object".into(),
            },
        ))
    }
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
        let body = body_of(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::BadRequest(
                    "send the body as application/json".into(),
                ));
            }
            // Too large for JSON stays the 400 it always was.
            let bytes = read_limited(body, MAX_BODY).await.map_err(|e| match e {
                ApiError::TooLarge(n) => {
                    ApiError::BadRequest(format!("the body is larger than {n} bytes"))
                }
                e => e,
            })?;
            // Syntax first (400), then shape (422 naming the field): serde's own
            // classification calls some wrong-type errors syntax errors.
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
            object_only(&value)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use heard_domain::api::NewInquiry;
    use heard_domain::validation::ErrorCode;

    fn code_of(json: &str) -> (String, ErrorCode) {
        let value: serde_json::Value = serde_json::from_str(json).expect("json");
        let e = serde_path_to_error::deserialize::<_, NewInquiry>(value).expect_err("invalid");
        match field_error(e.path().to_string(), e.into_inner().to_string()) {
            ApiError::Invalid(errors) => (errors[0].field.clone(), errors[0].code),
            other => panic!("{other:?}"),
        }
    }

    const GOOD: &str = r#"{"kind":"question","topic_id":"0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01","subject":"s","body":"b","requester":{"role":"parent"}}"#;

    #[test]
    fn serde_errors_become_codes_people_can_read() {
        let with = |from: &str, to: &str| GOOD.replace(from, to);
        assert_eq!(
            code_of(&with(r#""subject":"s","#, "")),
            ("subject".into(), ErrorCode::Required)
        );
        assert_eq!(
            code_of(&with(r#""kind":"question""#, r#""kind":"rant""#)),
            ("kind".into(), ErrorCode::InvalidChoice)
        );
        assert_eq!(
            code_of(&with("0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01", "nope")),
            ("topic_id".into(), ErrorCode::InvalidId)
        );
        assert_eq!(
            code_of(&with(r#""subject":"s""#, r#""subject":5"#)),
            ("subject".into(), ErrorCode::WrongType)
        );
        assert_eq!(
            code_of(&with(r#""body":"b","#, r#""body":"b","channel":"phone","#)),
            ("channel".into(), ErrorCode::UnknownField)
        );
        assert_eq!(
            code_of(&with(r#""role":"parent""#, r#""role":"parent","age":9"#)),
            ("requester.age".into(), ErrorCode::UnknownField)
        );
    }

    #[test]
    fn only_an_object_is_a_body() {
        for json in [r#"["question"]"#, "5", r#""text""#, "null"] {
            let value: serde_json::Value = serde_json::from_str(json).expect("json");
            match object_only(&value) {
                Err(ApiError::Invalid(errors)) => {
                    assert_eq!(errors[0].field, "body");
                    assert_eq!(errors[0].code, ErrorCode::WrongType);
                }
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(object_only(&serde_json::json!({})).is_ok());
    }

    #[test]
    fn a_choice_lists_what_is_allowed() {
        let (_, invalid) =
            classify("unknown variant `rant`, expected one of `question`, `concern`");
        assert_eq!(
            invalid,
            Invalid::InvalidChoice {
                allowed: vec!["question".into(), "concern".into()]
            }
        );
        assert_eq!(
            classify("UUID parsing failed: invalid character").1,
            Invalid::InvalidId
        );
    }

    #[test]
    fn a_day_that_does_not_exist_is_not_a_number_too_large() {
        assert!(matches!(
            classify("input is out of range").1,
            Invalid::InvalidFormat { .. }
        ));
        assert!(matches!(
            classify("number out of range").1,
            Invalid::WrongType { .. }
        ));
    }
}
