//! Inviting staff: an admin sends an invitation, and the invited member
//! opens its link, sees whose it is, and chooses a password, which signs
//! them in. A link works once and for a week.

use super::admins_only;
use super::staff_links::LinkKind;
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::invite;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::account::{self, LinkPurpose};
use heard_domain::api::{
    AcceptInvitation, AuditAction, AuditResource, Invitation, InvitationForm, InvitationInfo,
    LoginResponse, Problem,
};
use heard_domain::{StaffId, StaffRef};
use heard_store::queries::{districts, links, members, people};
use heard_store::{clock, StoreError};

/// Invitations' links, and what their answers say.
static INVITATION: LinkKind = LinkKind {
    purpose: LinkPurpose::Invitation,
    unknown: "invitation",
    used_up: "this invitation was accepted already, or has expired; ask your district's administrator for a new one",
    action: AuditAction::Joined,
};

/// Invites somebody to the district's staff: they get an email with a
/// link to choose their password, valid for a week.
#[utoipa::path(
    tag = "admin",
    operation_id = "invite_staff",
    security(("bearer" = [])),
    request_body = InvitationForm,
    responses(
        (status = 201, body = Invitation, description = "Invited; the email is on its way"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Somebody on the staff has this email"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
    )
)]
#[post("/admin/staff/invitations")]
pub async fn invite_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<InvitationForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, "inviting staff is for the district's admins")?;
    let form = body.0;
    let author = Author::of(&who, &req);
    let (district, by) = (who.district_id, who.id);
    let keys = state.keys.clone();
    let invitation = state
        .store
        .writer
        .write(move |c| {
            let offered = districts::by_id(c, district)?.languages.0;
            let change = account::invitation(&form, &offered)?;
            invite::invite(c, &keys, district, change, Some(by), &author)
        })
        .await?;
    tracing::info!(by = %who.id, staff = %invitation.staff.id, "staff member invited");
    Ok(HttpResponse::Created().json(invitation))
}

/// Sends a new invitation to a staff member who has not joined yet: the
/// earlier links stop working and the new one works for a week.
#[utoipa::path(
    tag = "admin",
    operation_id = "reinvite_staff",
    security(("bearer" = [])),
    params(("id" = StaffId, Path, description = "The staff member to invite again")),
    responses(
        (status = 201, body = Invitation, description = "Invited again; the email is on its way"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Nobody on the district's staff has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "They joined already, or were deactivated"),
    )
)]
#[post("/admin/staff/{id}/invitation")]
pub async fn reinvite_staff(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, "inviting staff is for the district's admins")?;
    let staff_id: StaffId = super::path_id(&id, "staff member")?;
    let author = Author::of(&who, &req);
    let (district, by) = (who.district_id, who.id);
    let keys = state.keys.clone();
    let invitation = state
        .store
        .writer
        .write(move |c| {
            let staff = match people::staff_by_id(c, staff_id) {
                Ok(s) if s.district_id == district => s,
                Ok(_) | Err(StoreError::NotFound) => {
                    return Err(ApiError::NotFound("staff member"))
                }
                Err(e) => return Err(e.into()),
            };
            if !staff.active {
                return Err(ApiError::Conflict(format!(
                    "{} was deactivated; reactivate them before inviting them again",
                    staff.email
                )));
            }
            if !staff.password_hash.is_empty() {
                return Err(ApiError::Conflict(format!(
                    "{} joined already; a forgotten password is reset from the sign-in page",
                    staff.email
                )));
            }
            links::retire_unused(
                c,
                staff.id,
                LinkPurpose::Invitation,
                clock::now().naive_utc(),
            )?;
            let expires = invite::send_link(
                c,
                &keys,
                district,
                staff.id,
                LinkPurpose::Invitation,
                Some(by),
            )?;
            // Their admin view now shows the new link's expiry.
            members::touch(c, staff.id)?;
            let invitation = Invitation {
                staff: StaffRef {
                    id: staff.id,
                    name: staff.name.clone(),
                },
                email: staff.email.clone(),
                roles: staff.roles.0.clone(),
                team_ids: people::teams_of(c, staff.id)?
                    .into_iter()
                    .map(|t| t.id)
                    .collect(),
                expires_at: expires,
            };
            author.record(
                c,
                AuditResource::Staff,
                &staff.id.to_string(),
                AuditAction::Reinvited,
                None,
                Some(&invitation),
            )?;
            Ok::<_, ApiError>(invitation)
        })
        .await?;
    tracing::info!(by = %who.id, staff = %invitation.staff.id, "staff member invited again");
    Ok(HttpResponse::Created().json(invitation))
}

/// Who an invitation is for, before it is accepted.
#[utoipa::path(
    tag = "staff",
    operation_id = "get_invitation",
    params(("token" = String, Path, description = "The token of the invitation's link")),
    responses(
        (status = 200, body = InvitationInfo, description = "The invitation"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No invitation has this token"),
        (status = 410, body = Problem, content_type = "application/problem+json", description = "Accepted already, or expired"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[get("/invitations/{token}")]
pub async fn get_invitation(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<web::Json<InvitationInfo>> {
    state.limits.sign_in.check(&req)?;
    Ok(web::Json(
        INVITATION.info(&state, token.into_inner()).await?,
    ))
}

/// Accepts an invitation with the password chosen, which signs the new
/// member in. The link is used up.
#[utoipa::path(
    tag = "staff",
    operation_id = "accept_invitation",
    request_body = AcceptInvitation,
    params(("token" = String, Path, description = "The token of the invitation's link")),
    responses(
        (status = 200, body = LoginResponse, description = "Joined and signed in"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No invitation has this token"),
        (status = 410, body = Problem, content_type = "application/problem+json", description = "Accepted already, or expired"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The password is too short or too long"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many attempts from this address", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/invitations/{token}/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    body: Json<AcceptInvitation>,
) -> ApiResult<web::Json<LoginResponse>> {
    state.limits.sign_in.check(&req)?;
    let signed_in = INVITATION
        .choose_password(&state, &req, token.into_inner(), body.0.password)
        .await?;
    Ok(web::Json(signed_in))
}
