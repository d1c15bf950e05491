//! The district's own settings and its audit log, for its admins.

use super::{encode, ok_body, parse, staff, staff_response, to_json, ApiResult, Method};
use gloo_net::http::Response;
use heard_domain::api::{AuditPage, AuditResource, DistrictForm, DistrictSettings};

/// The district's settings with the version to send back in `If-Match`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// The settings as the server holds them.
    pub settings: DistrictSettings,
    /// Their version, from the answer's `ETag`.
    pub version: i64,
}

/// The version an entity tag carries: `"3"`, or the weak `W/"3"`.
fn etag_version(resp: &Response) -> Option<i64> {
    let tag = resp.headers().get("ETag")?;
    let tag = tag.trim();
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    tag.trim_matches('"').parse().ok()
}

/// The settings of an answer, with the version its `ETag` names. The body
/// carries the same version; it stands in should a proxy drop the header.
async fn tagged(resp: Response) -> ApiResult<Tagged> {
    let etag = etag_version(&resp);
    let settings: DistrictSettings = parse(&ok_body(resp).await?)?;
    let version = etag.unwrap_or(settings.version);
    Ok(Tagged { settings, version })
}

/// `GET /admin/districts/current`.
pub async fn district_settings() -> ApiResult<Tagged> {
    tagged(staff_response(Method::Get, "/admin/districts/current", None, None).await?).await
}

/// `PUT /admin/districts/current`, based on `version`: a change someone
/// else made since answers 412.
pub async fn save_district_settings(version: i64, form: &DistrictForm) -> ApiResult<Tagged> {
    let body = to_json(form)?;
    tagged(
        staff_response(
            Method::Put,
            "/admin/districts/current",
            Some(body),
            Some(version),
        )
        .await?,
    )
    .await
}

/// Which audit entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only changes to this kind of thing.
    pub resource: Option<AuditResource>,
    /// Only entries containing this text.
    pub q: Option<String>,
}

/// `GET /admin/audit`: newest first, continuing after `cursor`.
pub async fn audit(query: &AuditQuery, cursor: Option<&str>) -> ApiResult<AuditPage> {
    let mut params = vec!["limit=50".to_string()];
    if let Some(r) = query.resource {
        params.push(format!("resource={}", r.as_str()));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        params.push(format!("q={}", encode(q)));
    }
    if let Some(c) = cursor {
        params.push(format!("cursor={}", encode(c)));
    }
    staff(
        Method::Get,
        &format!("/admin/audit?{}", params.join("&")),
        None,
        None,
    )
    .await
}
