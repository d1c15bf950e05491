//! Audit entries for admin changes: who made the change, from which
//! address, and the thing before and after it as the API shows it. Each
//! entry is written in the same write as the change it records.

use crate::auth::AuthStaff;
use crate::error::ApiError;
use crate::forwarded::client_addr;
use actix_web::HttpRequest;
use heard_domain::api::{changed_fields, AuditAction, AuditActor, AuditEntry, AuditResource};
use heard_domain::{AuditId, DistrictId, StaffId};
use heard_store::rows::AuditRow;
use heard_store::{audit, clock, AnyConnection};
use serde::Serialize;

/// The address a request came from, as the audit log keeps it.
pub fn address(req: &HttpRequest) -> Option<String> {
    client_addr(req).map(|a| a.to_string())
}

/// Who is changing something, and from where.
#[derive(Debug, Clone)]
pub struct Author {
    district: DistrictId,
    staff_id: Option<StaffId>,
    name: String,
    address: Option<String>,
}

impl Author {
    /// A signed-in admin, over the network.
    pub fn of(who: &AuthStaff, req: &HttpRequest) -> Self {
        Self {
            district: who.district_id,
            staff_id: Some(who.id),
            name: who.name.clone(),
            address: address(req),
        }
    }

    /// A staff member acting on their own account before they are signed
    /// in (accepting an invitation, resetting a password).
    /// `address` is [`address`] of their request.
    pub fn member(district: DistrictId, id: StaffId, name: &str, address: Option<String>) -> Self {
        Self {
            district,
            staff_id: Some(id),
            name: name.to_owned(),
            address,
        }
    }

    /// Whoever runs the server's command line.
    pub fn command_line(district: DistrictId) -> Self {
        Self {
            district,
            staff_id: None,
            name: "heard command line".into(),
            address: None,
        }
    }

    /// Records that this author did `action` to the `resource` `id`, which
    /// looked like `before` and now like `after`.
    pub fn record<T: Serialize>(
        &self,
        c: &mut AnyConnection,
        resource: AuditResource,
        id: &str,
        action: AuditAction,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<(), ApiError> {
        let row = AuditRow {
            id: AuditId::new(),
            district_id: self.district,
            at: clock::now().naive_utc(),
            actor_staff_id: self.staff_id,
            actor_name: self.name.clone(),
            address: self.address.clone(),
            resource,
            resource_id: id.to_owned(),
            action,
            before: before.map(snapshot).transpose()?,
            after: after.map(snapshot).transpose()?,
        };
        Ok(audit::record(c, &row)?)
    }
}

/// The thing as JSON, without its version: every change moves the version,
/// so it says nothing about what changed.
fn snapshot<T: Serialize>(thing: &T) -> Result<String, ApiError> {
    let mut v = serde_json::to_value(thing)
        .map_err(|e| ApiError::Internal(format!("audit snapshot: {e}")))?;
    if let Some(o) = v.as_object_mut() {
        o.remove("version");
    }
    Ok(v.to_string())
}

/// An entry as admins read it.
pub fn view(row: AuditRow) -> Result<AuditEntry, ApiError> {
    let parse = |raw: Option<String>| -> Result<Option<serde_json::Value>, ApiError> {
        raw.map(|r| serde_json::from_str(&r))
            .transpose()
            .map_err(|e| ApiError::Internal(format!("stored audit snapshot: {e}")))
    };
    let before = parse(row.before)?;
    let after = parse(row.after)?;
    Ok(AuditEntry {
        id: row.id,
        at: row.at.and_utc(),
        actor: AuditActor {
            staff_id: row.actor_staff_id,
            name: row.actor_name,
        },
        address: row.address,
        resource: row.resource,
        resource_id: row.resource_id,
        action: row.action,
        changed: changed_fields(before.as_ref(), after.as_ref()),
        before,
        after,
    })
}
