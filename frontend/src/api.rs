//! The one typed client for the Heard REST API. Every non-2xx answer becomes an
//! [`ApiError`] carrying the server's problem+json, so pages never parse
//! responses themselves.

use crate::session;
use gloo_net::http::{Request, RequestBuilder, Response};
use heard_domain::api::{
    AssignForm, CalendarImport, FeedbackView, GoalList, ImportReport, InboxPage, InboxView,
    InquiryDetail, JobPage, JobView, LoginRequest, LoginResponse, LogoutRequest, Me, NewInquiry,
    PasswordChange, Portal, Problem, PublicMessage, RefreshRequest, ReplyForm, StaffMessageForm,
    StatusForm, SubmitReceipt, SummaryReport, TeamList, TrackedInquiry,
};
use heard_domain::jobs::JobState;
use heard_domain::validation::FieldError;
use heard_domain::{FeedbackForm, InquiryId, JobId, Status, TeamId, TopicId, UnitId};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod account;
mod admin;
mod articles;
mod goals;
mod members;
mod templates;
mod topics;

pub use admin::*;
pub use articles::*;
pub use goals::*;
pub use members::*;
pub use templates::*;
pub use topics::*;

const BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    Network(String),
    /// The server answered with a problem.
    Problem(Problem),
    /// The answer was not what the contract says.
    Decode(String),
    /// The staff session is over; sign in again.
    SignedOut,
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::SignedOut => Some(401),
            _ => None,
        }
    }

    /// The invalid fields the server reported.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Problem(p) => p.errors.clone(),
            _ => Vec::new(),
        }
    }

    /// Whether sending the very same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
            ApiError::Problem(p) => p.status >= 500 || p.status == 429,
            _ => false,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(e) => write!(f, "network error: {e}"),
            ApiError::Problem(p) => match &p.detail {
                Some(d) => write!(f, "{}: {d}", p.title),
                None => f.write_str(&p.title),
            },
            ApiError::Decode(e) => write!(f, "unexpected answer: {e}"),
            ApiError::SignedOut => f.write_str("signed out"),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<gloo_net::Error> for ApiError {
    fn from(e: gloo_net::Error) -> Self {
        ApiError::Network(e.to_string())
    }
}

/// Result of an API call.
pub type ApiResult<T> = Result<T, ApiError>;

async fn problem_of(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.json::<Problem>().await {
        Ok(p) => ApiError::Problem(p),
        Err(_) => ApiError::Problem(Problem {
            kind: "about:blank".into(),
            title: resp.status_text(),
            status,
            detail: None,
            errors: Vec::new(),
        }),
    }
}

/// The body of a successful answer. Kept apart from parsing so the async
/// part is compiled once, not once per answer type.
async fn ok_body(resp: Response) -> ApiResult<String> {
    if !resp.ok() {
        return Err(problem_of(resp).await);
    }
    resp.text()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

fn parse<T: DeserializeOwned>(body: &str) -> ApiResult<T> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

async fn decode<T: DeserializeOwned>(resp: Response) -> ApiResult<T> {
    parse(&ok_body(resp).await?)
}

fn to_json<B: Serialize>(b: &B) -> ApiResult<String> {
    serde_json::to_string(b).map_err(|e| ApiError::Decode(e.to_string()))
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

/// Percent-encodes one query or path component.
pub fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// What the API's bodies are, but for the files some operations read.
const JSON: &str = "application/json";

fn with_json(req: RequestBuilder, body: String) -> ApiResult<Request> {
    with_body(req, body, JSON)
}

fn with_body(req: RequestBuilder, body: String, content_type: &str) -> ApiResult<Request> {
    req.header("Accept", "application/json")
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|e| ApiError::Decode(e.to_string()))
}

async fn get_public<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let resp = Request::get(&url(path))
        .header("Accept", "application/json")
        .send()
        .await?;
    decode(resp).await
}

async fn post_public<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let resp = with_json(Request::post(&url(path)), to_json(body)?)?
        .send()
        .await?;
    decode(resp).await
}

// ---------------------------------------------------------------- public

/// A district as listed publicly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictListing {
    /// Id.
    pub id: uuid::Uuid,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Time zone.
    pub time_zone: String,
}

/// `GET /districts`.
pub async fn districts() -> ApiResult<Vec<DistrictListing>> {
    get_public("/districts").await
}

/// `GET /districts/{slug}/portal`.
pub async fn portal(slug: &str) -> ApiResult<Portal> {
    get_public(&format!("/districts/{}/portal", encode(slug))).await
}

/// `POST /districts/{slug}/inquiries`, with the idempotency key of this attempt.
pub async fn submit_inquiry(
    slug: &str,
    form: &NewInquiry,
    idempotency_key: &str,
) -> ApiResult<SubmitReceipt> {
    let req = Request::post(&url(&format!("/districts/{}/inquiries", encode(slug))))
        .header("Idempotency-Key", idempotency_key);
    let resp = with_json(req, to_json(form)?)?.send().await?;
    decode(resp).await
}

/// `GET /track/{token}`.
pub async fn track(token: &str) -> ApiResult<TrackedInquiry> {
    get_public(&format!("/track/{}", encode(token))).await
}

/// `POST /track/{token}/messages`.
pub async fn track_reply(token: &str, body: String) -> ApiResult<PublicMessage> {
    post_public(
        &format!("/track/{}/messages", encode(token)),
        &ReplyForm { body },
    )
    .await
}

/// `POST /track/{token}/feedback`.
pub async fn track_feedback(token: &str, form: &FeedbackForm) -> ApiResult<FeedbackView> {
    post_public(&format!("/track/{}/feedback", encode(token)), form).await
}

// ---------------------------------------------------------------- staff

/// `POST /auth/login`; keeps the tokens for later calls.
pub async fn login(req: &LoginRequest) -> ApiResult<LoginResponse> {
    let resp: LoginResponse = post_public("/auth/login", req).await?;
    session::store(&resp);
    Ok(resp)
}

/// `POST /auth/logout`: ends this sign-in on the server, so its tokens stop
/// working at once, then forgets them here. Forgotten even when the server
/// cannot be reached: the person asked to be signed out of this browser.
pub async fn logout() {
    if let Some(refresh_token) = session::refresh_token() {
        let body = LogoutRequest {
            refresh_token,
            everywhere: false,
        };
        if let Ok(req) =
            to_json(&body).and_then(|b| with_json(Request::post(&url("/auth/logout")), b))
        {
            let _ = req.send().await;
        }
    }
    session::clear();
}

/// `POST /me/password`: a new password for the signed-in member; every
/// other sign-in of theirs ends, this one stays.
pub async fn change_password(form: &PasswordChange) -> ApiResult<()> {
    staff_body(Method::Post, "/me/password", Some(to_json(form)?), None)
        .await
        .map(|_| ())
}

/// `POST /auth/logout` with `everywhere`: ends every sign-in of this
/// member, on every browser and device, then forgets this one. Kept when
/// the server did not confirm, so the member can try again rather than
/// believe a lost device is signed out.
pub async fn sign_out_everywhere() -> ApiResult<()> {
    let Some(refresh_token) = session::refresh_token() else {
        return Err(ApiError::SignedOut);
    };
    let body = LogoutRequest {
        refresh_token,
        everywhere: true,
    };
    let resp = with_json(Request::post(&url("/auth/logout")), to_json(&body)?)?
        .send()
        .await?;
    ok_body(resp).await?;
    session::clear();
    Ok(())
}

async fn refresh() -> ApiResult<()> {
    let Some(refresh_token) = session::refresh_token() else {
        return Err(ApiError::SignedOut);
    };
    let resp = with_json(
        Request::post(&url("/auth/refresh")),
        to_json(&RefreshRequest { refresh_token })?,
    )?
    .send()
    .await?;
    if !resp.ok() {
        return Err(ApiError::SignedOut);
    }
    let tokens: LoginResponse = decode(resp).await?;
    session::store(&tokens);
    Ok(())
}

/// An HTTP method for staff calls.
#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// What a staff call sends.
#[derive(Clone, Copy)]
enum Payload<'a> {
    /// Text of a content type: JSON, a CSV or iCalendar file.
    Text(&'a str, &'a str),
    /// A file as the browser holds it, sent as it is (an image, say).
    File(&'a web_sys::Blob),
}

async fn staff_send(
    method: Method,
    path: &str,
    body: Option<Payload<'_>>,
    if_match: Option<i64>,
) -> ApiResult<Response> {
    let Some(token) = session::access_token() else {
        return Err(ApiError::SignedOut);
    };
    let builder = match method {
        Method::Get => Request::get(&url(path)),
        Method::Post => Request::post(&url(path)),
        Method::Put => Request::put(&url(path)),
        Method::Delete => Request::delete(&url(path)),
    };
    let mut builder = builder
        .header("Authorization", &format!("Bearer {token}"))
        .header("Accept", "application/json");
    if let Some(v) = if_match {
        builder = builder.header("If-Match", &format!("\"{v}\""));
    }
    let resp = match body {
        Some(Payload::Text(b, content_type)) => {
            with_body(builder, b.to_string(), content_type)?
                .send()
                .await?
        }
        Some(Payload::File(blob)) => {
            builder
                .header("Content-Type", "application/octet-stream")
                .body(wasm_bindgen::JsValue::from(blob.clone()))
                .map_err(|e| ApiError::Decode(e.to_string()))?
                .send()
                .await?
        }
        None => builder.send().await?,
    };
    Ok(resp)
}

/// A staff call's answer: bearer token, one refresh on 401, then signed out.
async fn staff_response(
    method: Method,
    path: &str,
    body: Option<String>,
    if_match: Option<i64>,
) -> ApiResult<Response> {
    let body = body.as_deref().map(|b| Payload::Text(b, JSON));
    staff_response_of(method, path, body, if_match).await
}

/// A staff call's answer, its body (if any) of the content type given.
async fn staff_response_of(
    method: Method,
    path: &str,
    body: Option<Payload<'_>>,
    if_match: Option<i64>,
) -> ApiResult<Response> {
    let mut resp = staff_send(method, path, body, if_match).await?;
    if resp.status() == 401 {
        if refresh().await.is_err() {
            session::clear();
            return Err(ApiError::SignedOut);
        }
        resp = staff_send(method, path, body, if_match).await?;
        if resp.status() == 401 {
            session::clear();
            return Err(ApiError::SignedOut);
        }
    }
    Ok(resp)
}

/// A staff call's answer body.
async fn staff_body(
    method: Method,
    path: &str,
    body: Option<String>,
    if_match: Option<i64>,
) -> ApiResult<String> {
    ok_body(staff_response(method, path, body, if_match).await?).await
}

/// A staff call, its answer parsed.
async fn staff<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<String>,
    if_match: Option<i64>,
) -> ApiResult<T> {
    parse(&staff_body(method, path, body, if_match).await?)
}

/// `POST /admin/calendar/import`: the closures of an iCalendar file's
/// text; nothing is stored.
pub async fn import_calendar(ics: &str) -> ApiResult<CalendarImport> {
    let body = Some(Payload::Text(ics, "text/calendar"));
    let resp = staff_response_of(Method::Post, "/admin/calendar/import", body, None).await?;
    parse(&ok_body(resp).await?)
}

/// `GET /admin/units/export`: the schools and departments as a CSV file.
pub async fn export_units() -> ApiResult<String> {
    staff_body(Method::Get, "/admin/units/export", None, None).await
}

/// `POST /admin/units/import`: the rows of a CSV file, stored unless
/// `dry_run`.
pub async fn import_units(csv: &str, dry_run: bool) -> ApiResult<ImportReport> {
    import_sheet("units", csv, dry_run).await
}

/// `POST /admin/{what}/import` of a CSV file, stored unless `dry_run`.
async fn import_sheet(what: &str, csv: &str, dry_run: bool) -> ApiResult<ImportReport> {
    let path = format!("/admin/{what}/import?dry_run={dry_run}");
    let body = Some(Payload::Text(csv, "text/csv"));
    parse(&ok_body(staff_response_of(Method::Post, &path, body, None).await?).await?)
}

/// `GET /admin/staff/export`: the staff as a CSV file.
pub async fn export_staff() -> ApiResult<String> {
    staff_body(Method::Get, "/admin/staff/export", None, None).await
}

/// `POST /admin/staff/import`: the rows of a CSV file, stored (and the
/// new members invited) unless `dry_run`.
pub async fn import_staff(csv: &str, dry_run: bool) -> ApiResult<ImportReport> {
    import_sheet("staff", csv, dry_run).await
}

/// `GET /me`.
pub async fn me() -> ApiResult<Me> {
    staff(Method::Get, "/me", None, None).await
}

/// Inbox filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboxQuery {
    /// Which queue.
    pub view: InboxView,
    /// Only this status.
    pub status: Option<Status>,
    /// Only this topic.
    pub topic_id: Option<TopicId>,
    /// Only this unit.
    pub unit_id: Option<UnitId>,
    /// Only this team.
    pub team_id: Option<TeamId>,
    /// Free text.
    pub q: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// The stable name of an inbox view.
pub fn view_name(v: InboxView) -> &'static str {
    match v {
        InboxView::Mine => "mine",
        InboxView::Team => "team",
        InboxView::Unassigned => "unassigned",
        InboxView::Overdue => "overdue",
        InboxView::All => "all",
    }
}

/// The inbox view with this stable name.
pub fn parse_view(s: &str) -> Option<InboxView> {
    [
        InboxView::Mine,
        InboxView::Team,
        InboxView::Unassigned,
        InboxView::Overdue,
        InboxView::All,
    ]
    .into_iter()
    .find(|v| view_name(*v) == s)
}

/// `GET /inquiries`.
pub async fn inbox(q: &InboxQuery, cursor: Option<&str>) -> ApiResult<InboxPage> {
    let mut params = vec![format!("view={}", view_name(q.view))];
    if let Some(s) = q.status {
        params.push(format!("status={}", s.as_str()));
    }
    if let Some(t) = q.topic_id {
        params.push(format!("topic_id={t}"));
    }
    if let Some(u) = q.unit_id {
        params.push(format!("unit_id={u}"));
    }
    if let Some(t) = q.team_id {
        params.push(format!("team_id={t}"));
    }
    if let Some(text) = q.q.as_deref().filter(|s| !s.trim().is_empty()) {
        params.push(format!("q={}", encode(text.trim())));
    }
    if let Some(l) = q.limit {
        params.push(format!("limit={l}"));
    }
    if let Some(c) = cursor {
        params.push(format!("cursor={}", encode(c)));
    }
    staff(
        Method::Get,
        &format!("/inquiries?{}", params.join("&")),
        None,
        None,
    )
    .await
}

/// `GET /teams`: every team of the district with its members.
pub async fn teams() -> ApiResult<TeamList> {
    staff(Method::Get, "/teams", None, None).await
}

/// `GET /inquiries/{id}`.
pub async fn inquiry(id: InquiryId) -> ApiResult<InquiryDetail> {
    staff(Method::Get, &format!("/inquiries/{id}"), None, None).await
}

/// `POST /inquiries/{id}/messages`.
pub async fn add_message(id: InquiryId, form: &StaffMessageForm) -> ApiResult<InquiryDetail> {
    staff(
        Method::Post,
        &format!("/inquiries/{id}/messages"),
        Some(to_json(form)?),
        None,
    )
    .await
}

/// `POST /inquiries/{id}/assign`, guarded by the version seen.
pub async fn assign(id: InquiryId, version: i64, form: &AssignForm) -> ApiResult<InquiryDetail> {
    staff(
        Method::Post,
        &format!("/inquiries/{id}/assign"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `POST /inquiries/{id}/status`, guarded by the version seen.
pub async fn set_status(
    id: InquiryId,
    version: i64,
    form: &StatusForm,
) -> ApiResult<InquiryDetail> {
    staff(
        Method::Post,
        &format!("/inquiries/{id}/status"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `GET /reports/summary`.
pub async fn summary(from: &str, to: &str) -> ApiResult<SummaryReport> {
    staff(
        Method::Get,
        &format!("/reports/summary?from={}&to={}", encode(from), encode(to)),
        None,
        None,
    )
    .await
}

/// `GET /goals`.
pub async fn goals() -> ApiResult<GoalList> {
    staff(Method::Get, "/goals", None, None).await
}

/// `GET /admin/jobs`: the district's jobs in `state` (every state when
/// `None`), newest first, continuing after `cursor`.
pub async fn jobs(state: Option<JobState>, cursor: Option<&str>) -> ApiResult<JobPage> {
    let mut params = vec!["limit=50".to_string()];
    if let Some(s) = state {
        params.push(format!("state={}", s.as_str()));
    }
    if let Some(c) = cursor {
        params.push(format!("cursor={}", encode(c)));
    }
    staff(
        Method::Get,
        &format!("/admin/jobs?{}", params.join("&")),
        None,
        None,
    )
    .await
}

/// `POST /admin/jobs/{id}/retry`: a dead job is due again, with every try.
pub async fn retry_job(id: JobId) -> ApiResult<JobView> {
    staff(Method::Post, &format!("/admin/jobs/{id}/retry"), None, None).await
}
