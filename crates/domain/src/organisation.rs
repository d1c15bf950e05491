//! The district's schools, departments and teams as its admins define
//! them: names a family or colleague can tell apart, and the few details
//! each carries.

use crate::api::{TeamForm, UnitForm, UnitKind};
use crate::ids::StaffId;
use crate::text::{is_blank, GradeBand, PlaceName, PostalAddress, TextError};
use crate::validation::ValidationErrors;

/// A school or department that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChange {
    /// Trimmed name.
    pub name: String,
    /// School or department.
    pub kind: UnitKind,
    /// Grades taught, if any.
    pub grade_band: Option<String>,
    /// Street address, if any.
    pub address: Option<String>,
}

/// A team that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChange {
    /// Trimmed name.
    pub name: String,
    /// Who takes over a leaving member's inquiries.
    pub fallback_owner_id: Option<StaffId>,
}

/// Two names a reader would take for the same place or team.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// An optional text: blank is absent, anything else must parse.
fn optional(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<String, TextError>,
) -> Option<String> {
    let raw = raw.filter(|r| !is_blank(r))?;
    errors.check(field, parse(raw))
}

/// Checks a school or department.
pub fn unit(form: &UnitForm) -> Result<UnitChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", PlaceName::parse(&form.name));
    let grade_band = optional(&mut errors, "grade_band", form.grade_band.as_deref(), |t| {
        GradeBand::parse(t).map(String::from)
    });
    let address = optional(&mut errors, "address", form.address.as_deref(), |t| {
        PostalAddress::parse(t).map(String::from)
    });
    match name {
        Some(name) if errors.is_empty() => Ok(UnitChange {
            name: name.into(),
            kind: form.kind,
            grade_band,
            address,
        }),
        _ => Err(errors),
    }
}

/// Checks a team.
pub fn team(form: &TeamForm) -> Result<TeamChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    match errors.check("name", PlaceName::parse(&form.name)) {
        Some(name) => Ok(TeamChange {
            name: name.into(),
            fallback_owner_id: form.fallback_owner_id,
        }),
        None => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn form(name: &str, grade_band: Option<&str>, address: Option<&str>) -> UnitForm {
        UnitForm {
            name: name.into(),
            kind: UnitKind::School,
            grade_band: grade_band.map(Into::into),
            address: address.map(Into::into),
        }
    }

    #[test]
    fn a_unit_is_trimmed_and_blank_details_are_absent() {
        let u = unit(&form(
            " Cedar Park Elementary ",
            Some(" "),
            Some("410 Cedar Park Road\nLakeview"),
        ))
        .expect("valid");
        assert_eq!(u.name, "Cedar Park Elementary");
        assert_eq!(u.grade_band, None);
        assert_eq!(u.address.as_deref(), Some("410 Cedar Park Road\nLakeview"));
    }

    #[test]
    fn every_problem_of_a_unit_is_named() {
        let e = unit(&form("", Some(&"K".repeat(21)), Some("a\u{0}b"))).expect_err("invalid");
        let got: Vec<(String, ErrorCode)> = e.0.into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("name".into(), ErrorCode::Required),
                ("grade_band".into(), ErrorCode::TooLong),
                ("address".into(), ErrorCode::InvalidCharacters),
            ]
        );
    }

    #[test]
    fn names_differing_only_in_case_or_spaces_are_the_same() {
        assert!(same_name("Front Office ", "front office"));
        assert!(!same_name("Front Office", "Front Offices"));
        assert!(team(&TeamForm {
            name: "\t".into(),
            fallback_owner_id: None
        })
        .is_err());
    }
}
