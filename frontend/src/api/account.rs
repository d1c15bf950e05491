//! A staff member's own account before they are signed in: the invitation
//! their email links to and accepting it, and resetting a forgotten password.

use super::{encode, get_public, post_public, session, ApiResult};
use heard_domain::api::{AcceptInvitation, InvitationInfo, LoginResponse, PasswordResetRequest};

/// `GET /invitations/{token}`: whose invitation it is.
pub async fn invitation(token: &str) -> ApiResult<InvitationInfo> {
    get_public(&format!("/invitations/{}", encode(token))).await
}

/// `POST /invitations/{token}/accept`: choose the password and sign in.
pub async fn accept_invitation(token: &str, password: String) -> ApiResult<LoginResponse> {
    let resp: LoginResponse = post_public(
        &format!("/invitations/{}/accept", encode(token)),
        &AcceptInvitation { password },
    )
    .await?;
    session::store(&resp);
    Ok(resp)
}

/// `POST /password-resets`: email a reset link to this address, if it is
/// on the district's staff (the answer does not say).
pub async fn request_password_reset(req: &PasswordResetRequest) -> ApiResult<()> {
    let resp = super::with_json(
        gloo_net::http::Request::post(&super::url("/password-resets")),
        super::to_json(req)?,
    )?
    .send()
    .await?;
    super::ok_body(resp).await.map(|_| ())
}

/// `GET /password-resets/{token}`: whose password the link resets.
pub async fn password_reset(token: &str) -> ApiResult<InvitationInfo> {
    get_public(&format!("/password-resets/{}", encode(token))).await
}

/// `POST /password-resets/{token}/accept`: set the new password and sign in.
pub async fn reset_password(token: &str, password: String) -> ApiResult<LoginResponse> {
    let resp: LoginResponse = post_public(
        &format!("/password-resets/{}/accept", encode(token)),
        &AcceptInvitation { password },
    )
    .await?;
    session::store(&resp);
    Ok(resp)
}
