//! Who may do what: one policy for every role, asked by the server before it
//! changes or shows anything and by the browser to leave out what a role
//! cannot do (never relied on there).
//!
//! - admins see and do everything in their district;
//! - leads and agents see and work the cases of their teams and the cases
//!   assigned to them; leads, analysts and admins read the reports;
//! - recorders see the cases they entered on a family's behalf;
//! - analysts see every case but change none;
//! - secret shoppers record assessments of schools, not family cases;
//! - a confidential case is seen only by its owner (the assignee) and admins.

use crate::ids::{StaffId, TeamId};
use crate::inquiry::named_enum;

named_enum!(
    /// A staff role, as product.md defines them.
    Role {
        /// Configures the district; sees and does everything in it.
        Admin = "admin",
        /// Leads teams: balances their work, watches overdue items, reads reports.
        Lead = "lead",
        /// Works their teams' queues.
        Agent = "agent",
        /// Front-office staff who log phone calls and walk-ins for families.
        Recorder = "recorder",
        /// Leadership and analysts: read every case and report, change nothing.
        Analyst = "analyst",
        /// A community volunteer recording Red Carpet assessments.
        Shopper = "shopper",
    }
);

impl Role {
    /// A role that changes cases: replies, notes, assignments, status.
    pub fn works_cases(self) -> bool {
        matches!(self, Role::Admin | Role::Lead | Role::Agent)
    }
}

/// What someone wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read it.
    See,
    /// Change it: reply, add a note, move its status.
    Work,
    /// Give it to a team or a person.
    Assign,
    /// Configure or manage it.
    Administer,
}

impl Action {
    /// Every action, in order.
    pub const ALL: [Action; 4] = [
        Action::See,
        Action::Work,
        Action::Assign,
        Action::Administer,
    ];
}

/// What a case's access depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseAccess {
    /// The team whose queue holds it.
    pub team_id: TeamId,
    /// Its owner, if any.
    pub assignee_id: Option<StaffId>,
    /// The staff member who entered it on a family's behalf, if any.
    pub recorded_by: Option<StaffId>,
    /// Visible only to its owner and admins.
    pub confidential: bool,
}

/// What is being acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    /// One case.
    Case(&'a CaseAccess),
    /// The district's reports and goals.
    Reports,
    /// The district's settings (units, teams, staff, topics, standards…).
    Settings,
}

/// A signed-in staff member as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// Who.
    pub id: StaffId,
    /// Their roles; several add up.
    pub roles: Vec<Role>,
    /// The teams they belong to.
    pub teams: Vec<TeamId>,
}

/// Which cases a viewer may see, in a form a query can apply: every case
/// that matches one of the parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseScope {
    /// Every case of the district that is not confidential.
    pub every_team: bool,
    /// Cases of these teams that are not confidential.
    pub teams: Vec<TeamId>,
    /// Cases, confidential or not, assigned to this staff member (their owner).
    pub assigned_to: Option<StaffId>,
    /// Cases that are not confidential and were entered by this staff member.
    pub recorded_by: Option<StaffId>,
    /// Every case, confidential ones included.
    pub everything: bool,
}

impl CaseScope {
    /// Every case of the district, confidential ones included (an admin's).
    pub fn everything() -> Self {
        Self {
            every_team: true,
            teams: Vec::new(),
            assigned_to: None,
            recorded_by: None,
            everything: true,
        }
    }

    /// Whether the scope holds `case`: the same answer as [`Viewer::may`]
    /// with [`Action::See`], which a property test holds it to.
    pub fn contains(&self, case: &CaseAccess) -> bool {
        self.everything
            || (self.assigned_to.is_some() && case.assignee_id == self.assigned_to)
            || (!case.confidential
                && (self.every_team
                    || self.teams.contains(&case.team_id)
                    || (self.recorded_by.is_some() && case.recorded_by == self.recorded_by)))
    }
}

impl Viewer {
    fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Has a role that changes cases.
    pub fn works_cases(&self) -> bool {
        self.roles.iter().any(|r| r.works_cases())
    }

    fn in_team(&self, team: TeamId) -> bool {
        self.teams.contains(&team)
    }

    fn sees_case(&self, c: &CaseAccess) -> bool {
        let owner = c.assignee_id == Some(self.id);
        if self.has(Role::Admin) || owner {
            return true;
        }
        if c.confidential {
            return false;
        }
        self.has(Role::Analyst)
            || (self.works_cases() && self.in_team(c.team_id))
            || (self.has(Role::Recorder) && c.recorded_by == Some(self.id))
    }

    fn works_case(&self, c: &CaseAccess) -> bool {
        let owner = c.assignee_id == Some(self.id);
        self.has(Role::Admin)
            || (self.works_cases() && (owner || (!c.confidential && self.in_team(c.team_id))))
    }

    /// Whether this viewer may do `action` to `subject`.
    pub fn may(&self, action: Action, subject: Subject<'_>) -> bool {
        match (subject, action) {
            (Subject::Case(c), Action::See) => self.sees_case(c),
            (Subject::Case(c), Action::Work | Action::Assign) => self.works_case(c),
            (Subject::Case(_), Action::Administer) => self.has(Role::Admin),
            (Subject::Reports, Action::See) => {
                self.has(Role::Admin) || self.has(Role::Lead) || self.has(Role::Analyst)
            }
            (Subject::Reports, Action::Work | Action::Assign) => false,
            (Subject::Reports | Subject::Settings, Action::Administer) => self.has(Role::Admin),
            (Subject::Settings, Action::See) => self.has(Role::Admin),
            (Subject::Settings, Action::Work | Action::Assign) => false,
        }
    }

    /// The cases this viewer may see, for listing them.
    pub fn case_scope(&self) -> CaseScope {
        CaseScope {
            everything: self.has(Role::Admin),
            every_team: self.has(Role::Analyst),
            teams: if self.works_cases() {
                self.teams.clone()
            } else {
                Vec::new()
            },
            assigned_to: Some(self.id),
            recorded_by: self.has(Role::Recorder).then_some(self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn viewer(roles: &[Role], teams: &[TeamId]) -> Viewer {
        Viewer {
            id: StaffId::new(),
            roles: roles.to_vec(),
            teams: teams.to_vec(),
        }
    }

    fn case(team: TeamId) -> CaseAccess {
        CaseAccess {
            team_id: team,
            assignee_id: None,
            recorded_by: None,
            confidential: false,
        }
    }

    #[test]
    fn agents_work_their_teams_cases_only() {
        let (mine, other) = (TeamId::new(), TeamId::new());
        let agent = viewer(&[Role::Agent], &[mine]);
        assert!(agent.may(Action::Work, Subject::Case(&case(mine))));
        assert!(!agent.may(Action::See, Subject::Case(&case(other))));
        let mut assigned = case(other);
        assigned.assignee_id = Some(agent.id);
        assert!(agent.may(Action::Work, Subject::Case(&assigned)));
        assert!(!agent.may(Action::See, Subject::Reports));
        assert!(!agent.may(Action::Administer, Subject::Settings));
    }

    #[test]
    fn analysts_and_shoppers_change_no_case() {
        let team = TeamId::new();
        let analyst = viewer(&[Role::Analyst], &[team]);
        assert!(analyst.may(Action::See, Subject::Case(&case(team))));
        assert!(analyst.may(Action::See, Subject::Case(&case(TeamId::new()))));
        for action in [Action::Work, Action::Assign, Action::Administer] {
            assert!(
                !analyst.may(action, Subject::Case(&case(team))),
                "{action:?}"
            );
        }
        assert!(analyst.may(Action::See, Subject::Reports));
        let shopper = viewer(&[Role::Shopper], &[team]);
        for action in Action::ALL {
            assert!(
                !shopper.may(action, Subject::Case(&case(team))),
                "{action:?}"
            );
        }
        assert!(!shopper.may(Action::See, Subject::Reports));
    }

    #[test]
    fn recorders_see_what_they_entered() {
        let team = TeamId::new();
        let recorder = viewer(&[Role::Recorder], &[team]);
        let mut entered = case(TeamId::new());
        entered.recorded_by = Some(recorder.id);
        assert!(recorder.may(Action::See, Subject::Case(&entered)));
        assert!(!recorder.may(Action::Work, Subject::Case(&entered)));
        assert!(!recorder.may(Action::See, Subject::Case(&case(team))));
    }

    #[test]
    fn a_confidential_case_is_its_owners_and_the_admins() {
        let team = TeamId::new();
        let lead = viewer(&[Role::Lead, Role::Agent], &[team]);
        let owner = viewer(&[Role::Agent], &[team]);
        let mut c = case(team);
        c.confidential = true;
        c.assignee_id = Some(owner.id);
        assert!(!lead.may(Action::See, Subject::Case(&c)));
        assert!(!viewer(&[Role::Analyst], &[]).may(Action::See, Subject::Case(&c)));
        assert!(owner.may(Action::Work, Subject::Case(&c)));
        assert!(viewer(&[Role::Admin], &[]).may(Action::Work, Subject::Case(&c)));
    }

    #[test]
    fn only_admins_administer() {
        let admin = viewer(&[Role::Admin], &[]);
        for subject in [
            Subject::Reports,
            Subject::Settings,
            Subject::Case(&case(TeamId::new())),
        ] {
            assert!(admin.may(Action::Administer, subject));
            assert!(!viewer(&[Role::Lead], &[]).may(Action::Administer, subject));
        }
    }

    fn any_roles() -> impl Strategy<Value = Vec<Role>> {
        proptest::sample::subsequence(Role::ALL.to_vec(), 0..=Role::ALL.len())
    }

    proptest! {
        /// The scope a list query applies holds exactly the cases the policy lets one see.
        #[test]
        fn the_scope_agrees_with_the_policy(
            roles in any_roles(),
            in_team in any::<bool>(),
            assigned in any::<bool>(),
            recorded in any::<bool>(),
            confidential in any::<bool>(),
        ) {
            let team = TeamId::new();
            let teams = if in_team { vec![team] } else { vec![] };
            let v = viewer(&roles, &teams);
            let c = CaseAccess {
                team_id: team,
                assignee_id: assigned.then_some(v.id),
                recorded_by: recorded.then_some(v.id),
                confidential,
            };
            prop_assert_eq!(v.case_scope().contains(&c), v.may(Action::See, Subject::Case(&c)));
            // Whoever may change a case may see it.
            if v.may(Action::Work, Subject::Case(&c)) {
                prop_assert!(v.may(Action::See, Subject::Case(&c)));
            }
        }
    }
}
