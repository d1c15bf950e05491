//! The district's staff, for its admins: listed and searched, invited,
//! changed with `If-Match`, deactivated when they leave and reactivated
//! when they come back.

use super::admin::tagged_call;
use super::{encode, staff, to_json, ApiResult, Method, Tagged, Versioned};
use heard_domain::api::{
    Deactivation, Invitation, InvitationForm, StaffForm, StaffMember, StaffPage, StaffStanding,
};
use heard_domain::StaffId;

impl Versioned for StaffMember {
    fn version(&self) -> i64 {
        self.version
    }
}

/// Which staff members to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffQuery {
    /// Only those whose name or email contains this text.
    pub q: Option<String>,
    /// Only those standing so.
    pub standing: Option<StaffStanding>,
}

impl StaffQuery {
    /// Whether it leaves anybody out.
    pub fn narrows(&self) -> bool {
        self.q.is_some() || self.standing.is_some()
    }
}

/// The stable name of a standing, as the API takes it.
pub fn standing_name(s: StaffStanding) -> &'static str {
    match s {
        StaffStanding::Invited => "invited",
        StaffStanding::Active => "active",
        StaffStanding::Deactivated => "deactivated",
    }
}

/// `GET /admin/staff`: by name, continuing after `cursor`.
pub async fn staff_members(query: &StaffQuery, cursor: Option<&str>) -> ApiResult<StaffPage> {
    let mut params = vec!["limit=50".to_string()];
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        params.push(format!("q={}", encode(q)));
    }
    if let Some(s) = query.standing {
        params.push(format!("standing={}", standing_name(s)));
    }
    if let Some(c) = cursor {
        params.push(format!("cursor={}", encode(c)));
    }
    staff(
        Method::Get,
        &format!("/admin/staff?{}", params.join("&")),
        None,
        None,
    )
    .await
}

/// `GET /admin/staff/{id}`.
pub async fn staff_member(id: StaffId) -> ApiResult<Tagged<StaffMember>> {
    tagged_call(Method::Get, &format!("/admin/staff/{id}"), None, None).await
}

/// `PUT /admin/staff/{id}`, based on `version`: 412 when someone else
/// changed them since, 409 for what the district's rules keep.
pub async fn save_staff_member(
    id: StaffId,
    version: i64,
    form: &StaffForm,
) -> ApiResult<Tagged<StaffMember>> {
    tagged_call(
        Method::Put,
        &format!("/admin/staff/{id}"),
        Some(to_json(form)?),
        Some(version),
    )
    .await
}

/// `POST /admin/staff/{id}/deactivate`, based on `version`: what became of
/// their open work.
pub async fn deactivate_staff_member(id: StaffId, version: i64) -> ApiResult<Deactivation> {
    staff(
        Method::Post,
        &format!("/admin/staff/{id}/deactivate"),
        None,
        Some(version),
    )
    .await
}

/// `POST /admin/staff/{id}/reactivate`, based on `version`.
pub async fn reactivate_staff_member(id: StaffId, version: i64) -> ApiResult<Tagged<StaffMember>> {
    tagged_call(
        Method::Post,
        &format!("/admin/staff/{id}/reactivate"),
        None,
        Some(version),
    )
    .await
}

/// `POST /admin/staff/invitations`: 409 for an email already on the staff.
pub async fn invite_staff(form: &InvitationForm) -> ApiResult<Invitation> {
    staff(
        Method::Post,
        "/admin/staff/invitations",
        Some(to_json(form)?),
        None,
    )
    .await
}

/// `POST /admin/staff/{id}/invitation`: a new link for someone who has not
/// joined yet; the earlier ones stop working.
pub async fn reinvite_staff(id: StaffId) -> ApiResult<Invitation> {
    staff(
        Method::Post,
        &format!("/admin/staff/{id}/invitation"),
        None,
        None,
    )
    .await
}
