//! Bulk import from a spreadsheet: every row checked by the same rules as
//! the admin form and matched to what the district has, before anything
//! is stored, so a dry run can list each row's problem.

mod staff;
mod units;

pub use staff::{plan_staff, PlannedStaff, StaffCells, StaffPlan, StaffRowIn, StaffSheet};
pub use units::{plan_units, PlannedUnit, UnitRowIn};

use crate::api::{ImportAction, ImportReport, ImportRow};
use crate::validation::FieldError;

/// The report of a row that has problems.
fn refused(row: i64, name: &str, errors: Vec<FieldError>) -> ImportRow {
    ImportRow {
        row,
        name: name.to_owned(),
        action: ImportAction::Refused,
        errors,
    }
}

/// The report of planned `rows`; `stored` when they were.
pub fn report(rows: &[&ImportRow], dry_run: bool, stored: bool) -> ImportReport {
    let count = |a: ImportAction| rows.iter().filter(|r| r.action == a).count() as i64;
    ImportReport {
        dry_run,
        stored,
        created: count(ImportAction::Create),
        updated: count(ImportAction::Update),
        unchanged: count(ImportAction::Unchanged),
        refused: count(ImportAction::Refused),
        rows: rows.iter().map(|r| (*r).clone()).collect(),
    }
}

/// Every refused row's problems, each at `rows[N].column` for the file's
/// row number N: what a real import answers with 422.
pub fn problems(rows: &[&ImportRow]) -> Vec<FieldError> {
    rows.iter()
        .flat_map(|r| {
            r.errors.iter().map(move |e| FieldError {
                field: format!("rows[{}].{}", r.row, e.field),
                ..e.clone()
            })
        })
        .collect()
}
