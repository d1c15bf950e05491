//! Inviting somebody to a district's staff: the member is stored without a
//! password (so nobody can sign in as them yet), with a one-time link and
//! the job that emails it, all in one write. The admin API and the
//! command line that creates a district both invite this way.

use crate::audit::Author;
use crate::error::ApiError;
use heard_domain::account::{InvitationChange, LinkPurpose};
use heard_domain::api::{AuditAction, AuditResource, Invitation};
use heard_domain::jobs::{AccountLetter, JobKind};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, StaffId, StaffLinkId, StaffRef};
use heard_store::queries::{districts, links, people};
use heard_store::rows::{StaffLinkRow, StaffRow};
use heard_store::sql::{Languages, Roles};
use heard_store::{clock, jobs, AnyConnection};

/// Stores the invitation `change` to `district`, from `by` (an admin, or
/// nobody for the command line), inside the caller's write.
pub fn invite(
    c: &mut AnyConnection,
    keys: &crate::auth::Keys,
    district: DistrictId,
    change: InvitationChange,
    by: Option<StaffId>,
    author: &Author,
) -> Result<Invitation, ApiError> {
    if people::anyone_with_email(c, district, &change.email)?.is_some() {
        return Err(ApiError::Conflict(format!(
            "{} is already on the district's staff",
            change.email
        )));
    }
    for (i, team) in change.team_ids.iter().enumerate() {
        if !districts::has_team(c, district, *team)? {
            return Err(ApiError::field(
                &format!("team_ids[{i}]"),
                Invalid::Unknown { what: "a team" },
            ));
        }
    }
    let now = clock::now();
    let staff = StaffRow {
        id: StaffId::new(),
        district_id: district,
        email: change.email.clone(),
        name: change.name.clone(),
        // No hash matches an empty string: nobody signs in until they accept.
        password_hash: String::new(),
        roles: Roles(change.roles.clone()),
        languages: Languages(change.languages.clone()),
        active: true,
        created_at: now.naive_utc(),
    };
    people::insert(c, &staff, &change.team_ids)?;
    let expires = send_link(c, keys, district, staff.id, LinkPurpose::Invitation, by)?;
    let invitation = Invitation {
        staff: StaffRef {
            id: staff.id,
            name: staff.name,
        },
        email: staff.email,
        roles: change.roles,
        team_ids: change.team_ids,
        expires_at: expires,
    };
    author.record(
        c,
        AuditResource::Staff,
        &invitation.staff.id.to_string(),
        AuditAction::Created,
        None,
        Some(&invitation),
    )?;
    Ok(invitation)
}

/// Stores a one-time link of `purpose` for `staff` and the job that emails
/// it, inside the caller's write; answers when the link expires. Only the
/// token's hash is stored: the email job makes the token again.
pub fn send_link(
    c: &mut AnyConnection,
    keys: &crate::auth::Keys,
    district: DistrictId,
    staff: StaffId,
    purpose: LinkPurpose,
    by: Option<StaffId>,
) -> Result<chrono::DateTime<chrono::Utc>, ApiError> {
    let now = clock::now();
    let link_id = StaffLinkId::new();
    let expires = now + purpose.lifetime();
    let token = keys.staff_link_token(link_id);
    links::insert(
        c,
        &StaffLinkRow {
            id: link_id,
            district_id: district,
            staff_id: staff,
            purpose,
            token_hash: crate::auth::token_hash(&token),
            created_by: by,
            created_at: now.naive_utc(),
            expires_at: expires.naive_utc(),
            used_at: None,
        },
    )?;
    let payload = serde_json::to_string(&AccountLetter { link: link_id })
        .map_err(|e| ApiError::Internal(format!("account letter: {e}")))?;
    jobs::enqueue(
        c,
        &[jobs::new_job(
            JobKind::AccountMail,
            link_id.to_string(),
            Some(district),
            payload,
            now,
            now,
        )],
    )?;
    Ok(expires)
}
