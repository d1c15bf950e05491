//! The spreadsheets (CSV) a district keeps its schools, departments and
//! staff in: read into rows for an import, written for an export, in the
//! same columns, so an export edited and imported again is a change.

mod staff;
mod units;

pub use staff::{read_staff, write_staff, STAFF_COLUMNS};
pub use units::{read_units, write_units, UNIT_COLUMNS};

use crate::error::ApiError;
use heard_domain::validation::{FieldError, Invalid};

/// The most rows a file may hold: a large district's schools many times over.
pub const MAX_ROWS: usize = 5_000;

/// A cell a spreadsheet would run as a formula: written with a leading
/// apostrophe, which the import takes off again.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn safe(s: &str) -> String {
    if formula_like(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn unsafe_again(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

fn body_error(hint: &'static str) -> ApiError {
    ApiError::field("body", Invalid::InvalidFormat { hint })
}

/// One row of a file: its number as a spreadsheet shows it, the cell of
/// each known column (by its place in the file's columns), and whether it
/// has as many cells as the header has columns.
pub struct Record {
    pub row: i64,
    cells: Vec<Option<String>>,
    pub misshapen: bool,
}

impl Record {
    /// The cell of column `at`, as written, blank when the file lacks it.
    pub fn cell(&self, at: usize) -> &str {
        self.cells
            .get(at)
            .and_then(|c| c.as_deref())
            .unwrap_or_default()
    }

    /// The cell of column `at`, absent when blank.
    pub fn optional(&self, at: usize) -> Option<String> {
        Some(self.cell(at))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// The problem of a row whose cells do not match the header.
    pub fn shape_problem(&self) -> Option<FieldError> {
        self.misshapen.then(|| {
            FieldError::new(
                "row",
                Invalid::InvalidFormat {
                    hint: "as many cells as the header has columns",
                },
            )
        })
    }
}

/// The non-blank rows of a file whose header names some of `columns`
/// (in any order and letter case, each once) and every one of the first
/// `required`; `hint` says so when it does not.
fn records(
    text: &str,
    columns: &[&str],
    required: usize,
    hint: &'static str,
) -> Result<Vec<Record>, ApiError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|_| body_error(hint))?.clone();
    let mut place = vec![None; columns.len()];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().to_ascii_lowercase();
        match columns.iter().position(|c| *c == h) {
            Some(p) if place[p].is_none() => place[p] = Some(i),
            _ => return Err(body_error(hint)),
        }
    }
    if place[..required].iter().any(Option::is_none) {
        return Err(body_error(hint));
    }
    let mut rows = Vec::new();
    // Row numbers as a spreadsheet shows them: one per record, however
    // many lines its quoted cells take, and one per blank line, which the
    // reader skips (the header is row 1).
    let (mut ended_at, mut row) = (reader.position().byte() as usize, 1i64);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(body_error("a CSV file in UTF-8")),
        }
        if rows.len() == MAX_ROWS {
            return Err(body_error("a file of at most 5,000 rows"));
        }
        let from = record.position().map_or(ended_at, |p| p.byte() as usize);
        let rest = text.get(from..).unwrap_or_default();
        let start = from + rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        let blank = text
            .get(ended_at..start)
            .map_or(0, |gap| gap.matches('\n').count());
        row += 1 + blank as i64;
        ended_at = reader.position().byte() as usize;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cells = place
            .iter()
            .map(|at| {
                at.and_then(|i| record.get(i))
                    .map(|c| unsafe_again(c).to_owned())
            })
            .collect();
        rows.push(Record {
            row,
            cells,
            misshapen: record.len() != header.len(),
        });
    }
    Ok(rows)
}

/// A file of `columns`, a header first, then `rows`, each cell safe to
/// open in a spreadsheet.
fn write(what: &str, columns: &[&str], rows: &[Vec<String>]) -> Result<String, ApiError> {
    let failed = |e: String| ApiError::Internal(format!("{what} file: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns).map_err(|e| failed(e.to_string()))?;
    for r in rows {
        w.write_record(r.iter().map(|c| safe(c)))
            .map_err(|e| failed(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| failed(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| failed(e.to_string()))
}
