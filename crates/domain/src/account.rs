//! What a staff account's password must be. Length is what makes a
//! password hard to guess (NIST SP 800-63B): no rules about symbols, a long
//! minimum, and room for a passphrase.

use crate::inquiry::named_enum;
use crate::text::is_blank;
use crate::validation::Invalid;
use chrono::Duration;

named_enum!(
    /// What a one-time staff link is for.
    LinkPurpose {
        /// Joining: an admin invited them.
        Invitation = "invitation",
        /// They forgot their password.
        PasswordReset = "password_reset",
    }
);

impl LinkPurpose {
    /// How long a link works: a week to accept an invitation, an hour to
    /// use a reset, as a reset link in a mailbox is a key to the account.
    pub fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::Invitation => Duration::days(7),
            LinkPurpose::PasswordReset => Duration::hours(1),
        }
    }
}

/// The fewest characters a password has.
pub const MIN_PASSWORD: usize = 12;
/// The most: Argon2 takes any length, this bounds the work one sign-in costs.
pub const MAX_PASSWORD: usize = 1024;

/// What is wrong with `new` as the password replacing `current`, if anything.
pub fn new_password_problem(new: &str, current: Option<&str>) -> Option<Invalid> {
    let n = new.chars().count();
    if is_blank(new) {
        Some(Invalid::Required)
    } else if n < MIN_PASSWORD {
        Some(Invalid::TooShort {
            min: MIN_PASSWORD as i64,
        })
    } else if n > MAX_PASSWORD {
        Some(Invalid::TooLong {
            max: MAX_PASSWORD as i64,
        })
    } else if current == Some(new) {
        Some(Invalid::Unchanged)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_new() {
        assert_eq!(new_password_problem("   ", None), Some(Invalid::Required));
        assert_eq!(
            new_password_problem("short pass", None),
            Some(Invalid::TooShort { min: 12 })
        );
        assert_eq!(
            new_password_problem(&"x".repeat(1025), None),
            Some(Invalid::TooLong { max: 1024 })
        );
        let phrase = "correct horse battery staple";
        assert_eq!(
            new_password_problem(phrase, Some(phrase)),
            Some(Invalid::Unchanged)
        );
        assert_eq!(new_password_problem(phrase, Some("old one here!")), None);
        // Letters count, not bytes: twelve accented letters are enough.
        assert_eq!(
            new_password_problem("ñññññññññññ", None),
            Some(Invalid::TooShort { min: 12 })
        );
        assert_eq!(new_password_problem("ññññññññññññ", None), None);
    }
}

/// An invitation that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationChange {
    /// Where it goes, trimmed.
    pub email: String,
    /// Their name, trimmed.
    pub name: String,
    /// Their roles, each once.
    pub roles: Vec<crate::Role>,
    /// Their teams, each once.
    pub team_ids: Vec<crate::TeamId>,
    /// Their languages, each one the district offers; the default when none.
    pub languages: Vec<crate::text::Language>,
}

/// Checks an invitation against the languages the district offers (its
/// default first).
pub fn invitation(
    form: &crate::api::InvitationForm,
    offered: &[crate::text::Language],
) -> Result<InvitationChange, crate::ValidationErrors> {
    use crate::text::Email;
    let mut errors = crate::ValidationErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let work = work(
        &mut errors,
        &form.name,
        &form.roles,
        &form.team_ids,
        &form.languages,
        offered,
    );
    match (email, work, errors.is_empty()) {
        (Some(email), Some(w), true) => Ok(InvitationChange {
            email: email.as_str().to_owned(),
            name: w.name,
            roles: w.roles,
            team_ids: w.team_ids,
            languages: w.languages,
        }),
        _ => Err(errors),
    }
}

/// A change to a staff member that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffChange {
    /// Their name, trimmed.
    pub name: String,
    /// Their roles, each once.
    pub roles: Vec<crate::Role>,
    /// Their teams, each once.
    pub team_ids: Vec<crate::TeamId>,
    /// Their languages, each one the district offers; the default when none.
    pub languages: Vec<crate::text::Language>,
    /// When they are out of the office.
    pub away: Option<crate::api::Away>,
}

/// Checks an admin's change to a staff member against the languages the
/// district offers (its default first).
pub fn staff_change(
    form: &crate::api::StaffForm,
    offered: &[crate::text::Language],
) -> Result<StaffChange, crate::ValidationErrors> {
    let mut errors = crate::ValidationErrors::new();
    let work = work(
        &mut errors,
        &form.name,
        &form.roles,
        &form.team_ids,
        &form.languages,
        offered,
    );
    if let Some(a) = form.away {
        if a.until < a.from {
            errors.add("away.until", Invalid::EmptyPeriod);
        }
    }
    match (work, errors.is_empty()) {
        (Some(w), true) => Ok(StaffChange {
            name: w.name,
            roles: w.roles,
            team_ids: w.team_ids,
            languages: w.languages,
            away: form.away,
        }),
        _ => Err(errors),
    }
}

/// Who somebody is at work: what an invitation and a change share.
struct Work {
    name: String,
    roles: Vec<crate::Role>,
    team_ids: Vec<crate::TeamId>,
    languages: Vec<crate::text::Language>,
}

/// Checks a name, roles, teams and languages, adding each problem to
/// `errors`; the parts, when all of them pass.
fn work(
    errors: &mut crate::ValidationErrors,
    name: &str,
    roles: &[crate::Role],
    team_ids: &[crate::TeamId],
    languages: &[String],
    offered: &[crate::text::Language],
) -> Option<Work> {
    use crate::text::{Language, PersonName};
    let before = errors.0.len();
    let name = errors.check("name", PersonName::parse(name));
    if roles.is_empty() {
        errors.add("roles", Invalid::Required);
    }
    for (i, r) in roles.iter().enumerate() {
        if roles[..i].contains(r) {
            errors.add(format!("roles[{i}]"), Invalid::Duplicate);
        }
    }
    for (i, t) in team_ids.iter().enumerate() {
        if team_ids[..i].contains(t) {
            errors.add(format!("team_ids[{i}]"), Invalid::Duplicate);
        }
    }
    let mut chosen = Vec::new();
    for (i, raw) in languages.iter().enumerate() {
        let field = format!("languages[{i}]");
        let Some(l) = errors.check(&field, Language::parse(raw)) else {
            continue;
        };
        if !offered.contains(&l) {
            errors.add(
                field,
                Invalid::NotOffered {
                    allowed: offered.iter().map(|o| o.as_str().to_owned()).collect(),
                },
            );
        } else if chosen.contains(&l) {
            errors.add(field, Invalid::Duplicate);
        } else {
            chosen.push(l);
        }
    }
    if chosen.is_empty() {
        chosen.extend(offered.first().cloned());
    }
    match name {
        Some(name) if errors.0.len() == before => Some(Work {
            name: name.into(),
            roles: roles.to_vec(),
            team_ids: team_ids.to_vec(),
            languages: chosen,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod invitation_tests {
    use super::*;
    use crate::api::InvitationForm;
    use crate::text::Language;
    use crate::{ErrorCode, Role, TeamId};

    fn offered() -> Vec<Language> {
        vec![Language::english(), Language::parse("es").expect("es")]
    }

    #[test]
    fn an_invitation_takes_the_district_default_language() {
        let form = InvitationForm {
            email: " dana@lakeview.example.org ".into(),
            name: "Dana Whitfield".into(),
            roles: vec![Role::Agent],
            team_ids: vec![],
            languages: vec![],
        };
        let c = invitation(&form, &offered()).expect("valid");
        assert_eq!(c.email, "dana@lakeview.example.org");
        assert_eq!(c.languages, vec![Language::english()]);
    }

    #[test]
    fn every_problem_of_an_invitation_is_named() {
        let t = TeamId::new();
        let form = InvitationForm {
            email: "not an address".into(),
            name: "".into(),
            roles: vec![Role::Agent, Role::Agent],
            team_ids: vec![t, t],
            languages: vec!["fr".into(), "es".into(), "es".into()],
        };
        let e = invitation(&form, &offered()).expect_err("invalid");
        let got: Vec<(String, ErrorCode)> = e.0.into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("email".into(), ErrorCode::InvalidEmail),
                ("name".into(), ErrorCode::Required),
                ("roles[1]".into(), ErrorCode::Duplicate),
                ("team_ids[1]".into(), ErrorCode::Duplicate),
                ("languages[0]".into(), ErrorCode::NotOffered),
                ("languages[2]".into(), ErrorCode::Duplicate),
            ]
        );
    }
}

#[cfg(test)]
mod staff_change_tests {
    use super::*;
    use crate::api::{Away, StaffForm};
    use crate::text::Language;
    use crate::{ErrorCode, Role};
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a day")
    }

    fn form(away: Option<Away>) -> StaffForm {
        StaffForm {
            name: " Dana Whitfield ".into(),
            roles: vec![Role::Agent, Role::Analyst],
            team_ids: vec![],
            languages: vec!["es".into()],
            away,
        }
    }

    fn offered() -> Vec<Language> {
        vec![Language::english(), Language::parse("es").expect("es")]
    }

    #[test]
    fn a_change_keeps_what_passed() {
        let away = Away {
            from: day(21),
            until: day(21),
        };
        let c = staff_change(&form(Some(away)), &offered()).expect("valid");
        assert_eq!(c.name, "Dana Whitfield");
        assert_eq!(c.roles, vec![Role::Agent, Role::Analyst]);
        assert_eq!(c.languages, vec![Language::parse("es").expect("es")]);
        assert_eq!(c.away, Some(away));
    }

    #[test]
    fn time_away_ends_on_or_after_it_starts() {
        let away = Away {
            from: day(21),
            until: day(20),
        };
        let e = staff_change(&form(Some(away)), &offered()).expect_err("invalid");
        let got: Vec<(String, ErrorCode)> = e.0.into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(got, vec![("away.until".into(), ErrorCode::EmptyPeriod)]);
    }

    #[test]
    fn a_change_names_each_problem_as_an_invitation_does() {
        let mut f = form(None);
        f.name = "  ".into();
        f.roles = vec![];
        f.languages = vec!["fr".into()];
        let e = staff_change(&f, &offered()).expect_err("invalid");
        let got: Vec<(String, ErrorCode)> = e.0.into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("name".into(), ErrorCode::Required),
                ("roles".into(), ErrorCode::Required),
                ("languages[0]".into(), ErrorCode::NotOffered),
            ]
        );
    }
}
