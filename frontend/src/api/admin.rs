//! The district's own settings, its business calendar, its schools,
//! departments and teams, and its audit log, for its admins.

use super::{
    encode, ok_body, parse, staff, staff_body, staff_response, to_json, ApiResult, Method,
};
use gloo_net::http::Response;
use heard_domain::api::{
    AuditPage, AuditResource, CalendarForm, CalendarSettings, DistrictForm, DistrictSettings,
    MemberForm, Team, TeamForm, TeamPage, Unit, UnitForm, UnitPage,
};
use heard_domain::{StaffId, TeamId, UnitId};
use serde::de::DeserializeOwned;

/// Something the server keeps with a version, to send back in `If-Match`.
pub trait Versioned {
    /// The version the body itself carries.
    fn version(&self) -> i64;
}

impl Versioned for DistrictSettings {
    fn version(&self) -> i64 {
        self.version
    }
}

impl Versioned for CalendarSettings {
    fn version(&self) -> i64 {
        self.version
    }
}

impl Versioned for Unit {
    fn version(&self) -> i64 {
        self.version
    }
}

impl Versioned for Team {
    fn version(&self) -> i64 {
        self.version
    }
}

/// What the server holds (the district's settings unless said otherwise)
/// with the version to send back in `If-Match`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<T = DistrictSettings> {
    /// The thing as the server holds it.
    pub value: T,
    /// Its version, from the answer's `ETag`.
    pub version: i64,
}

/// The version an entity tag carries: `"3"`, or the weak `W/"3"`.
fn etag_version(resp: &Response) -> Option<i64> {
    let tag = resp.headers().get("ETag")?;
    let tag = tag.trim();
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    tag.trim_matches('"').parse().ok()
}

/// The body of an answer, with the version its `ETag` names. The body
/// carries the same version; it stands in should a proxy drop the header.
async fn tagged<T: DeserializeOwned + Versioned>(resp: Response) -> ApiResult<Tagged<T>> {
    let etag = etag_version(&resp);
    let value: T = parse(&ok_body(resp).await?)?;
    let version = etag.unwrap_or_else(|| value.version());
    Ok(Tagged { value, version })
}

/// A versioned call: `body` sent as JSON, `If-Match` when `version` is given.
pub(super) async fn tagged_call<T: DeserializeOwned + Versioned>(
    method: Method,
    path: &str,
    body: Option<String>,
    version: Option<i64>,
) -> ApiResult<Tagged<T>> {
    tagged(staff_response(method, path, body, version).await?).await
}

/// `GET /admin/districts/current`.
pub async fn district_settings() -> ApiResult<Tagged> {
    tagged_call(Method::Get, "/admin/districts/current", None, None).await
}

/// `PUT /admin/districts/current`, based on `version`: a change someone
/// else made since answers 412.
pub async fn save_district_settings(version: i64, form: &DistrictForm) -> ApiResult<Tagged> {
    let body = to_json(form)?;
    tagged_call(
        Method::Put,
        "/admin/districts/current",
        Some(body),
        Some(version),
    )
    .await
}

/// `PUT /admin/districts/current/logo`, based on `version`: the image as
/// the browser holds it.
pub async fn upload_logo(version: i64, image: &web_sys::Blob) -> ApiResult<Tagged> {
    let path = "/admin/districts/current/logo";
    let body = Some(super::Payload::File(image));
    tagged(super::staff_response_of(Method::Put, path, body, Some(version)).await?).await
}

/// `DELETE /admin/districts/current/logo`, based on `version`.
pub async fn remove_logo(version: i64) -> ApiResult<Tagged> {
    tagged_call(
        Method::Delete,
        "/admin/districts/current/logo",
        None,
        Some(version),
    )
    .await
}

/// `GET /admin/calendar`.
pub async fn calendar() -> ApiResult<Tagged<CalendarSettings>> {
    tagged_call(Method::Get, "/admin/calendar", None, None).await
}

/// `PUT /admin/calendar`, based on `version`: a change someone else made
/// since answers 412.
pub async fn save_calendar(
    version: i64,
    form: &CalendarForm,
) -> ApiResult<Tagged<CalendarSettings>> {
    let body = to_json(form)?;
    tagged_call(Method::Put, "/admin/calendar", Some(body), Some(version)).await
}

/// The query of a list page continuing after `cursor`.
pub(super) fn page_query(path: &str, cursor: Option<&str>) -> String {
    match cursor {
        Some(c) => format!("{path}?limit=50&cursor={}", encode(c)),
        None => format!("{path}?limit=50"),
    }
}

/// `GET /admin/units`: the schools and departments by name, continuing
/// after `cursor`.
pub async fn units(cursor: Option<&str>) -> ApiResult<UnitPage> {
    staff(Method::Get, &page_query("/admin/units", cursor), None, None).await
}

/// `GET /admin/units/{id}`.
pub async fn unit(id: UnitId) -> ApiResult<Tagged<Unit>> {
    tagged_call(Method::Get, &format!("/admin/units/{id}"), None, None).await
}

/// `POST /admin/units`.
pub async fn create_unit(form: &UnitForm) -> ApiResult<Tagged<Unit>> {
    tagged_call(Method::Post, "/admin/units", Some(to_json(form)?), None).await
}

/// `PUT /admin/units/{id}`, based on `version`.
pub async fn save_unit(id: UnitId, version: i64, form: &UnitForm) -> ApiResult<Tagged<Unit>> {
    tagged_call(
        Method::Put,
        &format!("/admin/units/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/units/{id}`, based on `version`: 409 while inquiries
/// concern it.
pub async fn delete_unit(id: UnitId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/units/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}

/// `GET /admin/teams`: the teams with their members by name, continuing
/// after `cursor`.
pub async fn admin_teams(cursor: Option<&str>) -> ApiResult<TeamPage> {
    staff(Method::Get, &page_query("/admin/teams", cursor), None, None).await
}

/// `GET /admin/teams/{id}`.
pub async fn admin_team(id: TeamId) -> ApiResult<Tagged<Team>> {
    tagged_call(Method::Get, &format!("/admin/teams/{id}"), None, None).await
}

/// `POST /admin/teams`.
pub async fn create_team(form: &TeamForm) -> ApiResult<Tagged<Team>> {
    tagged_call(Method::Post, "/admin/teams", Some(to_json(form)?), None).await
}

/// `PUT /admin/teams/{id}`, based on `version`.
pub async fn save_team(id: TeamId, version: i64, form: &TeamForm) -> ApiResult<Tagged<Team>> {
    tagged_call(
        Method::Put,
        &format!("/admin/teams/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `DELETE /admin/teams/{id}`, based on `version`: 409 while something
/// uses it.
pub async fn delete_team(id: TeamId, version: i64) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/teams/{id}"),
        None,
        Some(version),
    )
    .await
    .map(drop)
}

/// `POST /admin/teams/{id}/members`: the team as it is after.
pub async fn add_member(id: TeamId, staff_id: StaffId) -> ApiResult<Tagged<Team>> {
    let body = to_json(&MemberForm { staff_id })?;
    tagged_call(
        Method::Post,
        &format!("/admin/teams/{id}/members"),
        Some(body),
        None,
    )
    .await
}

/// `DELETE /admin/teams/{id}/members/{staff_id}`: 409 for the team's
/// fallback owner.
pub async fn remove_member(id: TeamId, staff_id: StaffId) -> ApiResult<()> {
    staff_body(
        Method::Delete,
        &format!("/admin/teams/{id}/members/{staff_id}"),
        None,
        None,
    )
    .await
    .map(drop)
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
