//! A staff member's own account before they are signed in: the invitation
//! their email links to, and accepting it.

use super::{encode, get_public, post_public, session, ApiResult};
use heard_domain::api::{AcceptInvitation, InvitationInfo, LoginResponse};

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
