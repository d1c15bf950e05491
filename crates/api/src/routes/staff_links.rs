//! What an invitation and a password-reset link share: opening the link
//! while it can be used, saying whose it is, and choosing a password
//! through it, which signs the member in.

use crate::audit::Author;
use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{web, HttpRequest};
use heard_domain::account::{self, LinkPurpose};
use heard_domain::api::{AuditAction, AuditResource, InvitationInfo, LoginResponse};
use heard_store::queries::{auth as tokens, districts, links, people};
use heard_store::rows::StaffLinkRow;
use heard_store::{clock, AnyConnection};

/// One kind of emailed staff link, with the words its answers use.
pub(super) struct LinkKind {
    pub purpose: LinkPurpose,
    /// What a 404 says there is no such one of, e.g. "invitation".
    pub unknown: &'static str,
    /// What a 410 says about a used or expired link.
    pub used_up: &'static str,
    /// What the audit log records once a password is chosen through it.
    pub action: AuditAction,
}

impl LinkKind {
    /// The link `token` names, while it can be used: 404 for no such
    /// link of this kind, 410 for a used or expired one.
    pub fn open(&self, c: &mut AnyConnection, token: &str) -> Result<StaffLinkRow, ApiError> {
        let not_found = ApiError::NotFound(self.unknown);
        let Some((id, hash)) = auth::staff_link_key(token) else {
            return Err(not_found);
        };
        let link = links::by_id(c, id)?
            .filter(|l| l.token_hash == hash && l.purpose == self.purpose)
            .ok_or(not_found)?;
        if link.used_at.is_some() || link.expires_at <= clock::now().naive_utc() {
            return Err(ApiError::Gone(self.used_up));
        }
        Ok(link)
    }

    /// Whose link `token` is, shown on the page it opens.
    pub async fn info(
        &'static self,
        state: &web::Data<AppState>,
        token: String,
    ) -> ApiResult<InvitationInfo> {
        super::read(state, move |c| {
            let link = self.open(c, &token)?;
            let staff = people::staff_by_id(c, link.staff_id)?;
            let d = districts::by_id(c, link.district_id)?;
            Ok(InvitationInfo {
                district: d.name,
                district_slug: d.slug,
                name: staff.name,
                email: staff.email,
                expires_at: link.expires_at.and_utc(),
            })
        })
        .await
    }

    /// Sets the password chosen through the link and signs the member in.
    /// The link is used up, and every other session of the member ends, so
    /// whoever knew an old password is signed out too.
    pub async fn choose_password(
        &'static self,
        state: &web::Data<AppState>,
        req: &HttpRequest,
        token: String,
        password: String,
    ) -> ApiResult<LoginResponse> {
        if let Some(problem) = account::new_password_problem(&password, None) {
            return Err(ApiError::field("password", problem));
        }
        // Checked before the slow hash, so a wrong link costs no hashing.
        let checked = token.clone();
        super::read(state, move |c| self.open(c, &checked).map(|_| ())).await?;
        let hash = super::hashing(state, move || auth::hash_password(&password)).await??;
        let address = crate::audit::address(req);
        let staff = state
            .store
            .writer
            .write(move |c| {
                let link = self.open(c, &token)?;
                let staff = people::staff_by_id(c, link.staff_id)?;
                let now = clock::now().naive_utc();
                if !staff.active || !links::use_up(c, link.id, now)? {
                    return Err(ApiError::Gone(self.used_up));
                }
                people::set_password_hash(c, staff.id, &hash)?;
                tokens::sign_out_elsewhere(c, staff.id, "", now)?;
                Author::member(link.district_id, staff.id, &staff.name, address).record::<()>(
                    c,
                    AuditResource::Staff,
                    &staff.id.to_string(),
                    self.action,
                    None,
                    None,
                )?;
                Ok::<_, ApiError>(staff)
            })
            .await?;
        tracing::info!(staff = %staff.id, purpose = ?self.purpose, "password chosen through a link");
        super::staff_auth::sign_in(state, staff).await
    }
}
