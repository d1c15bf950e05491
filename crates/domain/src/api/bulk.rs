//! Bulk import from a spreadsheet (CSV): what became, or would become, of
//! each row of the file.

use crate::inquiry::named_enum;
use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

named_enum!(
    /// What a row of an imported file does.
    ImportAction {
        /// Adds what the district does not have yet.
        Create = "create",
        /// Changes what the district has under that name.
        Update = "update",
        /// Matches what the district has already.
        Unchanged = "unchanged",
        /// Has a problem: nothing of the file is stored until it is fixed.
        Refused = "refused",
    }
);

/// One row of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// Its row number as a spreadsheet shows it: the header is row 1.
    pub row: i64,
    /// The name in the row, as written.
    pub name: String,
    /// What it does, or would do.
    pub action: ImportAction,
    /// What is wrong with it, by column; empty unless `refused`.
    pub errors: Vec<FieldError>,
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Whether this was a dry run, which stores nothing.
    pub dry_run: bool,
    /// Whether the rows were stored: never in a dry run, and never while
    /// any row is refused.
    pub stored: bool,
    /// Rows that add something.
    pub created: i64,
    /// Rows that change something.
    pub updated: i64,
    /// Rows that match what is there.
    pub unchanged: i64,
    /// Rows with a problem.
    pub refused: i64,
    /// Every row, in the file's order.
    pub rows: Vec<ImportRow>,
}
