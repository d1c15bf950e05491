//! What staff do to a case: reply or note, assign, change status. Each reads
//! parse → authorise → load → decide → apply → render; the rules are the
//! domain's, the writing is the store's. Changes carry `If-Match` with the
//! version they were based on.

use super::{change, if_match, path_id, read, Which};
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use heard_domain::access::{Action, Subject};
use heard_domain::api::*;
use heard_domain::case::Case;
use heard_domain::text::{Body, Reason};
use heard_domain::validation::{Invalid, ValidationErrors};
use heard_domain::InquiryId;
use heard_store::{clock, views};

/// 404 unless `who` may see the case; 403 when they may see it but not do `action`.
pub fn authorise(who: &AuthStaff, action: Action, case: &Case) -> Result<(), ApiError> {
    let access = case.access();
    if !who.may(Action::See, Subject::Case(&access)) {
        // Another team's case is not shown, not even its existence.
        return Err(ApiError::NotFound("inquiry"));
    }
    if !who.may(action, Subject::Case(&access)) {
        return Err(ApiError::Forbidden("your role cannot change this inquiry"));
    }
    Ok(())
}

/// The case as it is now, with its version as ETag.
async fn render(
    state: &web::Data<AppState>,
    who: &AuthStaff,
    id: InquiryId,
    created: bool,
) -> ApiResult<HttpResponse> {
    let district = who.district_id;
    let detail = read(state, move |c| {
        let row = heard_store::queries::inquiries::by_id(c, district, id)?;
        Ok(views::inquiry_detail(c, &row)?)
    })
    .await?;
    let res = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(super::with_etag(res, &detail, detail.version))
}

/// Adds a public reply (the family sees it) or an internal note.
#[utoipa::path(
    tag = "inbox",
    operation_id = "add_message",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The inquiry's id"),
        ("If-Match" = Option<String>, Header, nullable = false, description = "Optional: the version the reply was written against; a case changed since is 412", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = StaffMessageForm,
    responses(
        (status = 201, body = InquiryDetail, description = "Added; the whole case as it is now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller's role cannot change cases"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such inquiry the caller may see"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not possible in the case's status: a reply to a closed case (`…/transition-not-allowed`) or a note on one (`…/closed`)"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The case changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input; `errors` names each field"),
    )
)]
#[post("/inquiries/{id}/messages")]
pub async fn add_message(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<StaffMessageForm>,
) -> ApiResult<HttpResponse> {
    let id: InquiryId = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, false)?;
    let text = Body::parse(&body.0.body).map_err(|e| ApiError::field("body", e.into()))?;
    let internal = body.0.internal;
    let staff = who.clone();
    change(
        &state,
        Which::Staff(who.district_id, id),
        expected,
        move |case| {
            authorise(&staff, Action::Work, case)?;
            let by = staff.staff_ref();
            Ok(if internal {
                case.note(&by, &text, clock::now())?
            } else {
                case.reply(&by, &text, clock::now())?
            })
        },
    )
    .await?;
    render(&state, &who, id, true).await
}

/// Gives the inquiry to a team and optionally a member; another team counts as a re-route.
#[utoipa::path(
    tag = "inbox",
    operation_id = "assign_inquiry",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The inquiry's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = AssignForm,
    responses(
        (status = 200, body = InquiryDetail, description = "Assigned; the whole case as it is now (also when it was already there)", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller's role cannot assign cases"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such inquiry the caller may see"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not possible in the case's status (`…/transition-not-allowed`)"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The case changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input: an unknown team, or an assignee who is not an active member of it who works cases"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[post("/inquiries/{id}/assign")]
pub async fn assign(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<AssignForm>,
) -> ApiResult<HttpResponse> {
    let id: InquiryId = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, true)?;
    let form = body.0;
    let reason = Reason::parse(&form.reason).map_err(|e| ApiError::field("reason", e.into()))?;
    let district = who.district_id;
    let roster = read(&state, move |c| {
        Ok(views::roster(c, district, form.team_id)?)
    })
    .await?
    .ok_or_else(|| ValidationErrors::single("team_id", Invalid::Unknown { what: "a team" }))?;
    let staff = who.clone();
    change(&state, Which::Staff(district, id), expected, move |case| {
        authorise(&staff, Action::Assign, case)?;
        Ok(case.assign(
            &staff.staff_ref(),
            &roster,
            form.assignee_id,
            &reason,
            clock::now(),
        )?)
    })
    .await?;
    // Answered without the visibility check: the caller may have handed the
    // case to a team they cannot see any more, and still gets the result.
    render(&state, &who, id, false).await
}

/// Moves the inquiry through its lifecycle.
#[utoipa::path(
    tag = "inbox",
    operation_id = "set_inquiry_status",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The inquiry's id"),
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body = StatusForm,
    responses(
        (status = 200, body = InquiryDetail, description = "Moved; the whole case as it is now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller's role cannot change cases"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such inquiry the caller may see"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not allowed from the current status (`…/transition-not-allowed`)"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The case changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid input; `errors` names each field"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[post("/inquiries/{id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    path: web::Path<String>,
    body: Json<StatusForm>,
) -> ApiResult<HttpResponse> {
    let id: InquiryId = path_id(&path.into_inner(), "inquiry")?;
    let expected = if_match(&req, true)?;
    let action = body.0.status;
    let staff = who.clone();
    change(
        &state,
        Which::Staff(who.district_id, id),
        expected,
        move |case| {
            authorise(&staff, Action::Work, case)?;
            Ok(case.change_status(&staff.staff_ref(), action, clock::now())?)
        },
    )
    .await?;
    render(&state, &who, id, false).await
}
