use crate::ids::{AuditId, StaffId};
use crate::inquiry::named_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

named_enum!(
    /// What kind of setting an audit entry is about.
    AuditResource {
        /// The district's own settings.
        District = "district",
        /// The district's business calendar: open hours, holidays and breaks.
        Calendar = "calendar",
        /// An address the district does not write to.
        MailSuppression = "mail_suppression",
        /// A job of work after a commit.
        Job = "job",
        /// A school or department.
        Unit = "unit",
        /// A team.
        Team = "team",
        /// A staff member's place in a team (`team id/staff id`).
        TeamMember = "team_member",
        /// A staff member's account.
        Staff = "staff",
        /// A topic families pick from.
        Topic = "topic",
        /// A help article.
        Article = "article",
        /// A reply template.
        Template = "template",
        /// A strategic goal.
        Goal = "goal",
    }
);

named_enum!(
    /// What was done to it.
    AuditAction {
        /// Made.
        Created = "created",
        /// Changed.
        Updated = "updated",
        /// Removed.
        Deleted = "deleted",
        /// Tried again after it failed for good.
        Retried = "retried",
        /// Its password was changed (what it is never appears).
        PasswordChanged = "password_changed",
        /// Its invitation was accepted and a password chosen.
        Joined = "joined",
        /// A new password was chosen through an emailed reset link.
        PasswordReset = "password_reset",
        /// A new invitation was sent to a member who had not joined yet;
        /// earlier links stopped working.
        Reinvited = "reinvited",
        /// A staff member left: they no longer sign in, and their open
        /// inquiries were handed over.
        Deactivated = "deactivated",
        /// A deactivated staff member came back.
        Reactivated = "reactivated",
    }
);

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditActor {
    /// The staff member; absent for changes made on the server's command line.
    pub staff_id: Option<StaffId>,
    /// Their name as it was then.
    pub name: String,
}

/// One change an admin made, with the thing before and after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// The entry's id.
    pub id: AuditId,
    /// When the change was stored.
    pub at: DateTime<Utc>,
    /// Who made the change.
    pub actor: AuditActor,
    /// The network address the change came from, when it came over the network.
    pub address: Option<String>,
    /// What kind of thing changed.
    pub resource: AuditResource,
    /// Which one: its id (or, for an address, the address).
    pub resource_id: String,
    /// What was done.
    pub action: AuditAction,
    /// The fields that differ between `before` and `after`, as dotted paths
    /// (`branding.color`).
    pub changed: Vec<String>,
    /// The thing as the API showed it before; absent for what was created.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// The thing as the API shows it after; absent for what was deleted.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries of this page.
    pub items: Vec<AuditEntry>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The dotted paths at which `before` and `after` differ: objects are
/// compared key by key, anything else (lists included) as a whole.
pub fn changed_fields(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<String> {
    fn walk(
        path: &str,
        a: Option<&serde_json::Value>,
        b: Option<&serde_json::Value>,
        out: &mut Vec<String>,
    ) {
        use serde_json::Value::Object;
        match (a, b) {
            (Some(Object(x)), Some(Object(y))) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(&p, x.get(k), y.get(k), out);
                }
            }
            (x, y) if x != y => out.push(path.to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match (before, after) {
        // Made or removed: the whole thing changed.
        (None, _) | (_, None) => {}
        (a, b) => walk("", a, b, &mut out),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_are_named_by_their_path() {
        let a = json!({"name": "Lakeview", "branding": {"color": "#000000", "position": "bottom_right"}, "languages": ["en"]});
        let b = json!({"name": "Lakeview", "branding": {"color": "#0b5c7a", "position": "bottom_right"}, "languages": ["en", "es"], "version": 2});
        assert_eq!(
            changed_fields(Some(&a), Some(&b)),
            vec!["branding.color", "languages", "version"]
        );
        assert!(changed_fields(Some(&a), Some(&a)).is_empty());
        assert!(changed_fields(None, Some(&a)).is_empty());
    }
}
