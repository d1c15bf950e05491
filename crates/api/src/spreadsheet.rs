//! The spreadsheets (CSV) a district keeps its schools and departments
//! in: read into rows for the import, written for the export, in the same
//! columns, so an export edited and imported again is a change.

use crate::error::ApiError;
use heard_domain::api::{Unit, UnitForm, UnitKind};
use heard_domain::bulk::UnitRowIn;
use heard_domain::validation::{FieldError, Invalid};

/// The columns of a units file, in the order they are written.
pub const UNIT_COLUMNS: [&str; 4] = ["name", "kind", "grade_band", "address"];

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

/// The rows of a units file, each with its form or its cells' problems.
/// A file without a header naming `name` and `kind` (and only the
/// columns of [`UNIT_COLUMNS`]) is refused as a whole.
pub fn read_units(text: &str) -> Result<Vec<UnitRowIn>, ApiError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    const HEADER_HINT: &str = "a CSV file whose first row names its columns: name, kind, and optionally grade_band and address";
    let header = reader
        .headers()
        .map_err(|_| body_error(HEADER_HINT))?
        .clone();
    let mut place = [None; 4];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().to_ascii_lowercase();
        match UNIT_COLUMNS.iter().position(|c| *c == h) {
            Some(p) if place[p].is_none() => place[p] = Some(i),
            _ => return Err(body_error(HEADER_HINT)),
        }
    }
    let (Some(name_at), Some(kind_at)) = (place[0], place[1]) else {
        return Err(body_error(HEADER_HINT));
    };
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
        let cell = |at: Option<usize>| at.and_then(|i| record.get(i)).map(unsafe_again);
        let name = cell(Some(name_at)).unwrap_or_default().to_owned();
        let mut errors = Vec::new();
        if record.len() != header.len() {
            errors.push(FieldError::new(
                "row",
                Invalid::InvalidFormat {
                    hint: "as many cells as the header has columns",
                },
            ));
        }
        let kind_text = cell(Some(kind_at)).unwrap_or_default().to_ascii_lowercase();
        let kind = match UnitKind::parse(&kind_text) {
            Some(k) => Some(k),
            None if kind_text.is_empty() => {
                errors.push(FieldError::new("kind", Invalid::Required));
                None
            }
            None => {
                let allowed = UnitKind::ALL
                    .iter()
                    .map(|k| k.as_str().to_owned())
                    .collect();
                errors.push(FieldError::new("kind", Invalid::InvalidChoice { allowed }));
                None
            }
        };
        let optional = |at| cell(at).filter(|v| !v.is_empty()).map(str::to_owned);
        let form = match kind {
            Some(kind) if errors.is_empty() => Ok(UnitForm {
                name: name.clone(),
                kind,
                grade_band: optional(place[2]),
                address: optional(place[3]),
            }),
            _ => Err(errors),
        };
        rows.push(UnitRowIn { row, name, form });
    }
    Ok(rows)
}

/// The units as a file in [`UNIT_COLUMNS`], a header first.
pub fn write_units(units: &[Unit]) -> Result<String, ApiError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ApiError::Internal(format!("units file: {e}"));
    w.write_record(UNIT_COLUMNS).map_err(failed)?;
    for u in units {
        w.write_record([
            safe(&u.name),
            u.kind.as_str().to_owned(),
            safe(u.grade_band.as_deref().unwrap_or_default()),
            safe(u.address.as_deref().unwrap_or_default()),
        ])
        .map_err(failed)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ApiError::Internal(format!("units file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(format!("units file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use heard_domain::{ErrorCode, UnitId};

    #[test]
    fn a_file_reads_into_rows_with_their_numbers() {
        let text = "\u{feff}Name,Kind,Grade_Band,Address\n\
                    Cedar Park Elementary,school,K–5,\"12 Cedar Ave\nLakeview\"\n\
                    \n\
                    Transportation, Department ,,\n\
                    Odd Place,campus,,\n\
                    Short row\n";
        let rows = read_units(text).expect("read");
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.row, r.name.as_str(), r.form.is_ok()))
            .collect();
        assert_eq!(
            got,
            [
                (2, "Cedar Park Elementary", true),
                (4, "Transportation", true),
                (5, "Odd Place", false),
                (6, "Short row", false)
            ]
        );
        let first = rows[0].form.as_ref().expect("form");
        assert_eq!(first.address.as_deref(), Some("12 Cedar Ave\nLakeview"));
        assert_eq!(
            rows[1].form.as_ref().expect("form").kind,
            UnitKind::Department
        );
        let codes = |r: &UnitRowIn| -> Vec<(String, ErrorCode)> {
            r.form
                .clone()
                .expect_err("problems")
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        assert_eq!(
            codes(&rows[2]),
            [("kind".to_owned(), ErrorCode::InvalidChoice)]
        );
        assert_eq!(
            codes(&rows[3]),
            [
                ("row".to_owned(), ErrorCode::InvalidFormat),
                ("kind".to_owned(), ErrorCode::Required)
            ]
        );
    }

    #[test]
    fn a_file_without_its_columns_is_refused() {
        for text in [
            "school,type\nA,school\n",
            "name\nA\n",
            "name,kind,name\nA,school,B\n",
            "",
        ] {
            assert!(read_units(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn what_is_exported_reads_back_the_same() {
        let units = vec![
            Unit {
                id: UnitId::new(),
                name: "=HYPERLINK(\"x\")".into(),
                kind: UnitKind::School,
                grade_band: Some("9–12".into()),
                address: Some("1 Main St, Suite 2\nLakeview".into()),
                version: 1,
            },
            Unit {
                id: UnitId::new(),
                name: "Food Services".into(),
                kind: UnitKind::Department,
                grade_band: None,
                address: None,
                version: 4,
            },
        ];
        let text = write_units(&units).expect("write");
        assert!(
            text.starts_with("name,kind,grade_band,address\n\"'=HYPERLINK(\"\"x\"\")\""),
            "{text}"
        );
        let back = read_units(&text).expect("read");
        for (u, r) in units.iter().zip(&back) {
            let f = r.form.as_ref().expect("form");
            assert_eq!(
                (&f.name, f.kind, &f.grade_band, &f.address),
                (&u.name, u.kind, &u.grade_band, &u.address)
            );
        }
    }
}
