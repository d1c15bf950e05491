//! Keeps the OpenAPI document complete about errors, and answers requests
//! for a known path with an unknown method as the document says: 405.

use crate::error::ApiError;
use actix_web::HttpRequest;
use std::sync::OnceLock;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

fn problem_builder(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        "application/problem+json",
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    )
}

fn problem(description: &str) -> RefOr<Response> {
    RefOr::T(problem_builder(description).build())
}

/// 503 for a write turned away by a full write queue.
fn busy() -> RefOr<Response> {
    let seconds = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0));
    let retry_after = HeaderBuilder::new()
        .schema(Some(seconds))
        .description(Some("Seconds to wait"))
        .build();
    RefOr::T(
        problem_builder(
            "More changes are arriving than can be stored right now; nothing was stored. Send it again after `Retry-After` seconds (with the same `Idempotency-Key`, where the operation takes one).",
        )
        .header("Retry-After", retry_after)
        .build(),
    )
}

/// Each operation of a path, and whether it changes anything.
fn operations(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = (&mut Operation, bool)> {
    [
        (item.get.as_mut(), false),
        (item.put.as_mut(), true),
        (item.post.as_mut(), true),
        (item.delete.as_mut(), true),
        (item.patch.as_mut(), true),
    ]
    .into_iter()
    .filter_map(|(op, writes)| op.map(|op| (op, writes)))
}

/// Adds the error answers every operation can give, where a handler's own
/// list leaves them out: 400 (unreadable body), 401 (secured), 422 (invalid
/// input), 503 with `Retry-After` (a write the write queue has no room for).
pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for (op, writes) in operations(item) {
                let has_body = op.request_body.is_some();
                let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty()) || has_body;
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let responses = &mut op.responses.responses;
                if has_body {
                    responses.entry("400".into()).or_insert_with(|| {
                        problem("The body is not JSON, or not sent as application/json")
                    });
                }
                if has_params {
                    responses
                        .entry("422".into())
                        .or_insert_with(|| problem("Invalid input; `errors` names each field"));
                }
                if secured {
                    responses
                        .entry("401".into())
                        .or_insert_with(|| problem("No valid access token"));
                }
                if writes {
                    responses.entry("503".into()).or_insert_with(busy);
                }
            }
        }
    }
}

/// Path templates of the API and the methods each takes.
fn routes() -> &'static Vec<(Vec<String>, Vec<&'static str>)> {
    static ROUTES: OnceLock<Vec<(Vec<String>, Vec<&'static str>)>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        let mut spec = crate::app::openapi();
        spec.paths
            .paths
            .iter_mut()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, present)| present.then_some(m))
                .collect();
                (path.split('/').map(String::from).collect(), methods)
            })
            .collect()
    })
}

fn matches(template: &[String], path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == template.len()
        && template
            .iter()
            .zip(&parts)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

/// Whether a request may reach a handler whose last segment is a
/// placeholder (`/units/{id}`): not when the path is one spelled out in full
/// beside it (`/units/export`, `/staff/invitations`), which answers its
/// other methods with 405 like every path rather than being read as an id.
pub fn an_id(ctx: &actix_web::guard::GuardContext) -> bool {
    let path = ctx.head().uri.path();
    !routes()
        .iter()
        .any(|(t, _)| t.iter().all(|p| !p.starts_with('{')) && matches(t, path))
}

/// 405 with `Allow` when the path exists with other methods, else 404.
pub fn not_found_or_wrong_method(req: &HttpRequest) -> ApiError {
    let path = req.path();
    // `/staff/invitations` is that path, not a member's `/staff/{id}`.
    let literal = |t: &[String]| t.iter().filter(|p| !p.starts_with('{')).count();
    match routes()
        .iter()
        .filter(|(t, _)| matches(t, path))
        .max_by_key(|(t, _)| literal(t))
    {
        Some((_, methods)) => ApiError::MethodNotAllowed(methods.join(", ")),
        None => ApiError::NotFound("route"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_whole_segments() {
        let t: Vec<String> = "/api/v1/track/{token}"
            .split('/')
            .map(String::from)
            .collect();
        assert!(matches(&t, "/api/v1/track/abc"));
        assert!(!matches(&t, "/api/v1/track/"));
        assert!(!matches(&t, "/api/v1/track/abc/messages"));
    }
}
