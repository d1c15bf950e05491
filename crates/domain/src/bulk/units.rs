//! Schools and departments from a spreadsheet: every row checked by the
//! same rules as the admin form and matched by name to what the district
//! has.

use super::refused;
use crate::api::{ImportAction, ImportRow, Unit, UnitForm};
use crate::ids::UnitId;
use crate::organisation::{same_name, unit, UnitChange};
use crate::validation::{FieldError, Invalid};

/// One row of a file as read: its row number (the header is row 1), the
/// name as written, and the form it makes or what stops it from making one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRowIn {
    /// Its row number as a spreadsheet shows it.
    pub row: i64,
    /// The name in the row, as written.
    pub name: String,
    /// Its form, or the problems of its cells.
    pub form: Result<UnitForm, Vec<FieldError>>,
}

/// What to do with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedUnit {
    /// The row as reported.
    pub report: ImportRow,
    /// The unit to change (`Some`) or add (`None`), and the change, for
    /// rows that create or update.
    pub change: Option<(Option<UnitId>, UnitChange)>,
}

fn unit_refused(row: &UnitRowIn, errors: Vec<FieldError>) -> PlannedUnit {
    PlannedUnit {
        report: refused(row.row, &row.name, errors),
        change: None,
    }
}

/// Plans every row against the district's `existing` units: a name it has
/// (in any letter case) is an update, or unchanged; any other a new unit.
/// A name a row before already used is refused at `name`.
pub fn plan_units(rows: &[UnitRowIn], existing: &[Unit]) -> Vec<PlannedUnit> {
    let mut planned: Vec<PlannedUnit> = Vec::with_capacity(rows.len());
    let mut seen: Vec<String> = Vec::new();
    for row in rows {
        let form = match &row.form {
            Ok(form) => form,
            Err(errors) => {
                planned.push(unit_refused(row, errors.clone()));
                continue;
            }
        };
        let change = match unit(form) {
            Ok(change) => change,
            Err(errors) => {
                planned.push(unit_refused(row, errors.0));
                continue;
            }
        };
        if seen.iter().any(|s| same_name(s, &change.name)) {
            planned.push(unit_refused(
                row,
                vec![FieldError::new("name", Invalid::Duplicate)],
            ));
            continue;
        }
        seen.push(change.name.clone());
        let theirs = existing.iter().find(|u| same_name(&u.name, &change.name));
        let action = match theirs {
            None => ImportAction::Create,
            Some(u)
                if u.name == change.name
                    && u.kind == change.kind
                    && u.grade_band == change.grade_band
                    && u.address == change.address =>
            {
                ImportAction::Unchanged
            }
            Some(_) => ImportAction::Update,
        };
        let todo = (action != ImportAction::Unchanged).then(|| (theirs.map(|u| u.id), change));
        planned.push(PlannedUnit {
            report: ImportRow {
                row: row.row,
                name: row.name.clone(),
                action,
                errors: Vec::new(),
            },
            change: todo,
        });
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::super::{problems, report};
    use super::*;
    use crate::api::UnitKind;
    use crate::validation::ErrorCode;

    fn row(n: i64, name: &str, kind: UnitKind, grades: Option<&str>) -> UnitRowIn {
        UnitRowIn {
            row: n,
            name: name.into(),
            form: Ok(UnitForm {
                name: name.into(),
                kind,
                grade_band: grades.map(str::to_owned),
                address: None,
            }),
        }
    }

    fn existing() -> Vec<Unit> {
        vec![
            Unit {
                id: UnitId::new(),
                name: "Cedar Park Elementary".into(),
                kind: UnitKind::School,
                grade_band: Some("K–5".into()),
                address: None,
                version: 3,
            },
            Unit {
                id: UnitId::new(),
                name: "Transportation".into(),
                kind: UnitKind::Department,
                grade_band: None,
                address: None,
                version: 1,
            },
        ]
    }

    #[test]
    fn each_row_is_matched_by_name_to_what_the_district_has() {
        let units = existing();
        let rows = [
            row(2, "cedar park elementary", UnitKind::School, Some("K–5")),
            row(3, "Transportation", UnitKind::Department, None),
            row(4, "Lakeview High School", UnitKind::School, Some("9–12")),
            row(5, "LAKEVIEW HIGH SCHOOL", UnitKind::School, None),
            UnitRowIn {
                row: 6,
                name: "Odd".into(),
                form: Err(vec![FieldError::new(
                    "kind",
                    Invalid::InvalidChoice { allowed: vec![] },
                )]),
            },
            row(7, "", UnitKind::School, None),
        ];
        let planned = plan_units(&rows, &units);
        let actions: Vec<_> = planned
            .iter()
            .map(|p| (p.report.row, p.report.action))
            .collect();
        assert_eq!(
            actions,
            [
                (2, ImportAction::Update),
                (3, ImportAction::Unchanged),
                (4, ImportAction::Create),
                (5, ImportAction::Refused),
                (6, ImportAction::Refused),
                (7, ImportAction::Refused),
            ]
        );
        // The update is to the unit of that name, renamed as the file writes it.
        let (id, change) = planned[0].change.clone().expect("update");
        assert_eq!(id, Some(units[0].id));
        assert_eq!(change.name, "cedar park elementary");
        assert!(
            planned[1].change.is_none()
                && planned[2].change.as_ref().is_some_and(|c| c.0.is_none())
        );
        assert_eq!(planned[3].report.errors[0].code, ErrorCode::Duplicate);
        let rows: Vec<_> = planned.iter().map(|p| &p.report).collect();
        let r = report(&rows, true, false);
        assert_eq!((r.created, r.updated, r.unchanged, r.refused), (1, 1, 1, 3));
        let fields: Vec<_> = problems(&rows).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["rows[5].name", "rows[6].kind", "rows[7].name"]);
    }
}
