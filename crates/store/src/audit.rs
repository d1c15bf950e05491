//! The district's audit log: every change an admin makes, written in the
//! change's own transaction, read back newest first.

use crate::error::StoreError;
use crate::queries::contains_pattern;
use crate::rows::AuditRow;
use crate::schema::audit_log;
use crate::AnyConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::api::AuditResource;
use heard_domain::{AuditId, DistrictId, StaffId};

diesel::define_sql_function! {
    /// Lower-cases text, as the queries' own does, for this module.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}
diesel::define_sql_function! {
    /// Lower-cases text that may be absent.
    #[sql_name = "lower"]
    fn lower_nullable(x: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Nullable<diesel::sql_types::Text>;
}

/// Records `entry`; call it inside the transaction that makes the change.
pub fn record(c: &mut AnyConnection, entry: &AuditRow) -> Result<(), StoreError> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(c)?;
    Ok(())
}

/// Which entries an admin is looking for.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Of this kind of setting only.
    pub resource: Option<AuditResource>,
    /// About this one thing only (its id).
    pub resource_id: Option<String>,
    /// Made by this staff member only.
    pub actor: Option<StaffId>,
    /// At or after.
    pub from: Option<NaiveDateTime>,
    /// Before.
    pub to: Option<NaiveDateTime>,
    /// Text found, ignoring ASCII case, in the actor's name, the thing's id
    /// or the thing before or after.
    pub text: Option<String>,
}

/// Up to `limit` entries of `district` matching `filter`, newest first,
/// after the entry `after` of a previous page.
pub fn list(
    c: &mut AnyConnection,
    district: DistrictId,
    filter: &AuditFilter,
    after: Option<AuditId>,
    limit: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    let mut q = audit_log::table
        .filter(audit_log::district_id.eq(district))
        .into_boxed();
    if let Some(r) = filter.resource {
        q = q.filter(audit_log::resource.eq(r));
    }
    if let Some(id) = &filter.resource_id {
        q = q.filter(audit_log::resource_id.eq(id.clone()));
    }
    if let Some(s) = filter.actor {
        q = q.filter(audit_log::actor_staff_id.eq(s));
    }
    if let Some(t) = filter.from {
        q = q.filter(audit_log::at.ge(t));
    }
    if let Some(t) = filter.to {
        q = q.filter(audit_log::at.lt(t));
    }
    if let Some(text) = &filter.text {
        let p = contains_pattern(text);
        q = q.filter(
            lower(audit_log::actor_name)
                .like(p.clone())
                .escape('\\')
                .or(lower(audit_log::resource_id).like(p.clone()).escape('\\'))
                .nullable()
                .or(lower_nullable(audit_log::before)
                    .like(p.clone())
                    .escape('\\'))
                .or(lower_nullable(audit_log::after).like(p).escape('\\')),
        );
    }
    if let Some(a) = after {
        q = q.filter(audit_log::id.lt(a));
    }
    Ok(q.order(audit_log::id.desc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(c)?)
}
