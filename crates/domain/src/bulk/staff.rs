//! Staff from a spreadsheet: each row is somebody to invite, or a change
//! to a member the district has, matched by email. A row is checked by the
//! rules of the invitation and the staff form, and by what an admin may not
//! do to a member (take their own admin role, leave a team they are the
//! fallback owner of) — so a dry run names every problem a real import
//! would meet.

use super::refused;
use crate::access::Role;
use crate::account::{self, InvitationChange, StaffChange};
use crate::api::{ImportAction, ImportRow, InvitationForm, StaffMember, StaffStanding};
use crate::ids::{StaffId, TeamId};
use crate::organisation::same_name;
use crate::refs::TeamRef;
use crate::text::Language;
use crate::validation::{FieldError, Invalid};

/// A row's cells, lists already split.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffCells {
    /// Their email, which matches them to a member.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their roles' names, e.g. `agent`.
    pub roles: Vec<String>,
    /// Their teams' names.
    pub teams: Vec<String>,
    /// Their languages, e.g. `es`.
    pub languages: Vec<String>,
}

/// One row of a staff file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRowIn {
    /// Its row number as a spreadsheet shows it (the header is row 1).
    pub row: i64,
    /// Its cells, or what is wrong with the row's shape.
    pub cells: Result<StaffCells, (String, Vec<FieldError>)>,
}

/// What the district has that rows are checked against.
pub struct StaffSheet<'a> {
    /// Every member, deactivated ones too.
    pub staff: &'a [StaffMember],
    /// Every team.
    pub teams: &'a [TeamRef],
    /// Each team that has a fallback owner, with them.
    pub fallbacks: &'a [(TeamRef, StaffId)],
    /// The languages the district answers in, its default first.
    pub offered: &'a [Language],
    /// The admin importing.
    pub me: StaffId,
}

/// What a row will store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffPlan {
    /// Invites somebody new.
    Invite(InvitationChange),
    /// Changes the member `id`, at `version`.
    Update {
        /// Who.
        id: StaffId,
        /// Their version when the file was read.
        version: i64,
        /// The change.
        change: StaffChange,
    },
}

/// What to do with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStaff {
    /// The row as reported; its `name` is the email written.
    pub report: ImportRow,
    /// What it stores, unless it is refused or unchanged.
    pub plan: Option<StaffPlan>,
}

fn staff_refused(row: i64, email: &str, errors: Vec<FieldError>) -> PlannedStaff {
    PlannedStaff {
        report: refused(row, email, errors),
        plan: None,
    }
}

/// A problem from the invitation's rules, at the file's column: `roles[1]`
/// is `roles`, `team_ids[0]` is `teams`.
fn at_column(mut e: FieldError) -> FieldError {
    let base = e.field.split('[').next().unwrap_or_default();
    e.field = match base {
        "team_ids" => "teams".to_owned(),
        other => other.to_owned(),
    };
    e
}

/// The roles and teams named in `cells`, with any unknown name's problem.
fn resolve(
    cells: &StaffCells,
    teams: &[TeamRef],
    errors: &mut Vec<FieldError>,
) -> (Vec<Role>, Vec<TeamId>) {
    let mut roles = Vec::new();
    for name in &cells.roles {
        match Role::parse(&name.to_ascii_lowercase()) {
            Some(r) => roles.push(r),
            None => {
                let allowed = Role::ALL.iter().map(|r| r.as_str().to_owned()).collect();
                errors.push(FieldError::new("roles", Invalid::InvalidChoice { allowed }));
            }
        }
    }
    let mut team_ids = Vec::new();
    for name in &cells.teams {
        match teams.iter().find(|t| same_name(&t.name, name)) {
            Some(t) => team_ids.push(t.id),
            None => errors.push(FieldError::new(
                "teams",
                Invalid::Unknown { what: "a team" },
            )),
        }
    }
    (roles, team_ids)
}

fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// Whether `change` leaves `member` as they are.
fn unchanged(member: &StaffMember, change: &InvitationChange) -> bool {
    let teams: Vec<TeamId> = member.teams.iter().map(|t| t.id).collect();
    let languages: Vec<&str> = change.languages.iter().map(Language::as_str).collect();
    member.name == change.name
        && same_set(&member.roles, &change.roles)
        && same_set(&teams, &change.team_ids)
        && member.languages == languages
}

/// What an admin may not do to `member` by `change`, at its column.
fn forbidden(
    sheet: &StaffSheet<'_>,
    member: &StaffMember,
    change: &InvitationChange,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if member.standing == StaffStanding::Deactivated {
        errors.push(FieldError::new("email", Invalid::Deactivated));
    }
    if member.id == sheet.me && !change.roles.contains(&Role::Admin) {
        errors.push(FieldError::new("roles", Invalid::OwnAdminRole));
    }
    if sheet
        .fallbacks
        .iter()
        .any(|(team, owner)| *owner == member.id && !change.team_ids.contains(&team.id))
    {
        errors.push(FieldError::new("teams", Invalid::FallbackOwner));
    }
    errors
}

/// Plans every row against what the district has: an email it has (in
/// any letter case) changes that member, or leaves them unchanged; any
/// other invites somebody. An email a row before already used is refused.
pub fn plan_staff(rows: &[StaffRowIn], sheet: &StaffSheet<'_>) -> Vec<PlannedStaff> {
    let mut planned = Vec::with_capacity(rows.len());
    let mut seen: Vec<String> = Vec::new();
    for row in rows {
        let cells = match &row.cells {
            Ok(cells) => cells,
            Err((email, errors)) => {
                planned.push(staff_refused(row.row, email, errors.clone()));
                continue;
            }
        };
        let mut errors = Vec::new();
        let (roles, team_ids) = resolve(cells, sheet.teams, &mut errors);
        let form = InvitationForm {
            email: cells.email.clone(),
            name: cells.name.clone(),
            roles,
            team_ids,
            languages: cells.languages.clone(),
        };
        let checked = account::invitation(&form, sheet.offered);
        if let Err(e) = &checked {
            // An unknown role is reported once, not again as "required".
            let named_roles = !cells.roles.is_empty();
            errors.extend(
                e.0.iter()
                    .cloned()
                    .map(at_column)
                    .filter(|e| !(named_roles && e.field == "roles" && form.roles.is_empty())),
            );
        }
        let change = match checked {
            Ok(change) if errors.is_empty() => change,
            _ => {
                errors.dedup();
                planned.push(staff_refused(row.row, &cells.email, errors));
                continue;
            }
        };
        if seen.iter().any(|s| same_name(s, &change.email)) {
            let errors = vec![FieldError::new("email", Invalid::Duplicate)];
            planned.push(staff_refused(row.row, &cells.email, errors));
            continue;
        }
        seen.push(change.email.clone());
        let member = sheet
            .staff
            .iter()
            .find(|m| same_name(&m.email, &change.email));
        let (action, plan) = match member {
            None => (ImportAction::Create, Some(StaffPlan::Invite(change))),
            Some(m) if unchanged(m, &change) => (ImportAction::Unchanged, None),
            Some(m) => {
                let errors = forbidden(sheet, m, &change);
                if !errors.is_empty() {
                    planned.push(staff_refused(row.row, &cells.email, errors));
                    continue;
                }
                let update = StaffPlan::Update {
                    id: m.id,
                    version: m.version,
                    change: StaffChange {
                        name: change.name,
                        roles: change.roles,
                        team_ids: change.team_ids,
                        languages: change.languages,
                        away: m.away,
                    },
                };
                (ImportAction::Update, Some(update))
            }
        };
        planned.push(PlannedStaff {
            report: ImportRow {
                row: row.row,
                name: cells.email.clone(),
                action,
                errors: Vec::new(),
            },
            plan,
        });
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::ErrorCode;

    fn cells(email: &str, name: &str, roles: &[&str], teams: &[&str]) -> StaffCells {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        StaffCells {
            email: email.into(),
            name: name.into(),
            roles: owned(roles),
            teams: owned(teams),
            languages: vec!["en".into()],
        }
    }

    fn row(n: i64, c: StaffCells) -> StaffRowIn {
        StaffRowIn {
            row: n,
            cells: Ok(c),
        }
    }

    fn member(email: &str, name: &str, roles: &[Role], teams: &[TeamRef]) -> StaffMember {
        StaffMember {
            id: StaffId::new(),
            name: name.into(),
            email: email.into(),
            roles: roles.to_vec(),
            teams: teams.to_vec(),
            languages: vec!["en".into()],
            standing: StaffStanding::Active,
            invitation_expires_at: None,
            away: None,
            deactivated_at: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            version: 2,
        }
    }

    fn codes(p: &PlannedStaff) -> Vec<(String, ErrorCode)> {
        p.report
            .errors
            .iter()
            .map(|e| (e.field.clone(), e.code))
            .collect()
    }

    #[test]
    fn rows_invite_change_or_leave_members_as_they_are() {
        let transport = TeamRef {
            id: TeamId::new(),
            name: "Transportation".into(),
        };
        let teams = [transport.clone()];
        let me = member("admin@d.example", "Ada Admin", &[Role::Admin], &[]);
        let mut gone = member("gone@d.example", "Gil Gone", &[Role::Agent], &[]);
        gone.standing = StaffStanding::Deactivated;
        let dana = member(
            "dana@d.example",
            "Dana Reyes",
            &[Role::Agent],
            std::slice::from_ref(&transport),
        );
        let staff = [me.clone(), gone, dana.clone()];
        let fallbacks = [(transport.clone(), dana.id)];
        let offered = [Language::english()];
        let sheet = StaffSheet {
            staff: &staff,
            teams: &teams,
            fallbacks: &fallbacks,
            offered: &offered,
            me: me.id,
        };
        let rows = [
            row(
                2,
                cells("new@d.example", "Nia New", &["Agent"], &["transportation"]),
            ),
            row(
                3,
                cells(
                    "DANA@d.example",
                    "Dana Reyes",
                    &["agent"],
                    &["Transportation"],
                ),
            ),
            row(
                4,
                cells(
                    "dana@d.example",
                    "Dana R.",
                    &["agent", "lead"],
                    &["Transportation"],
                ),
            ),
            row(5, cells("admin@d.example", "Ada Admin", &["lead"], &[])),
            row(6, cells("gone@d.example", "Gil Gone", &["lead"], &[])),
            row(7, cells("x@d.example", "", &["boss"], &["Nowhere"])),
            row(8, cells("NEW@d.example", "Nia New", &["agent"], &[])),
        ];
        let planned = plan_staff(&rows, &sheet);
        let actions: Vec<_> = planned.iter().map(|p| p.report.action).collect();
        assert_eq!(
            actions,
            [
                ImportAction::Create,
                ImportAction::Unchanged,
                ImportAction::Refused,
                ImportAction::Refused,
                ImportAction::Refused,
                ImportAction::Refused,
                ImportAction::Refused,
            ]
        );
        match &planned[0].plan {
            Some(StaffPlan::Invite(c)) => {
                assert_eq!(
                    (c.roles.as_slice(), c.team_ids.as_slice()),
                    (&[Role::Agent][..], &[transport.id][..])
                )
            }
            other => panic!("{other:?}"),
        }
        // Row 4 repeats row 3's email; row 5 is the importing admin's own role.
        assert_eq!(codes(&planned[2]), [("email".into(), ErrorCode::Duplicate)]);
        assert_eq!(
            codes(&planned[3]),
            [("roles".into(), ErrorCode::OwnAdminRole)]
        );
        assert_eq!(
            codes(&planned[4]),
            [("email".into(), ErrorCode::Deactivated)]
        );
        assert_eq!(
            codes(&planned[5]),
            [
                ("roles".into(), ErrorCode::InvalidChoice),
                ("teams".into(), ErrorCode::Unknown),
                ("name".into(), ErrorCode::Required),
            ]
        );
        assert_eq!(codes(&planned[6]), [("email".into(), ErrorCode::Duplicate)]);
    }

    #[test]
    fn a_change_keeps_time_away_and_respects_fallback_owners() {
        let team = TeamRef {
            id: TeamId::new(),
            name: "Enrollment".into(),
        };
        let mut dana = member(
            "dana@d.example",
            "Dana",
            &[Role::Agent],
            std::slice::from_ref(&team),
        );
        let away = crate::api::Away {
            from: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).expect("date"),
            until: chrono::NaiveDate::from_ymd_opt(2027, 1, 3).expect("date"),
        };
        dana.away = Some(away);
        let teams = [team.clone()];
        let offered = [Language::english()];
        let staff = [dana.clone()];
        let no_fallbacks = [];
        let sheet = StaffSheet {
            staff: &staff,
            teams: &teams,
            fallbacks: &no_fallbacks,
            offered: &offered,
            me: StaffId::new(),
        };
        let rows = [row(
            2,
            cells("dana@d.example", "Dana Reyes", &["agent"], &[]),
        )];
        let planned = plan_staff(&rows, &sheet);
        match &planned[0].plan {
            Some(StaffPlan::Update {
                id,
                version,
                change,
            }) => {
                assert_eq!((*id, *version), (dana.id, 2));
                assert_eq!(change.away, Some(away));
                assert!(change.team_ids.is_empty());
            }
            other => panic!("{other:?}"),
        }
        let fallbacks = [(team, dana.id)];
        let sheet = StaffSheet {
            fallbacks: &fallbacks,
            ..sheet
        };
        let planned = plan_staff(&rows, &sheet);
        assert_eq!(
            codes(&planned[0]),
            [("teams".into(), ErrorCode::FallbackOwner)]
        );
    }
}
