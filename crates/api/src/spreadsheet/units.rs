//! Schools and departments as a spreadsheet.

use super::{records, write, Record};
use crate::error::ApiError;
use heard_domain::api::{Unit, UnitForm, UnitKind};
use heard_domain::bulk::UnitRowIn;
use heard_domain::validation::{FieldError, Invalid};

/// The columns of a units file, in the order they are written.
pub const UNIT_COLUMNS: [&str; 4] = ["name", "kind", "grade_band", "address"];

/// The rows of a units file, each with its form or its cells' problems.
/// A file without a header naming `name` and `kind` (and only the
/// columns of [`UNIT_COLUMNS`]) is refused as a whole.
pub fn read_units(text: &str) -> Result<Vec<UnitRowIn>, ApiError> {
    const HEADER_HINT: &str = "a CSV file whose first row names its columns: name, kind, and optionally grade_band and address";
    let rows = records(text, &UNIT_COLUMNS, 2, HEADER_HINT)?;
    Ok(rows.iter().map(unit_row).collect())
}

fn unit_row(r: &Record) -> UnitRowIn {
    let name = r.cell(0).to_owned();
    let mut errors: Vec<FieldError> = r.shape_problem().into_iter().collect();
    let kind_text = r.cell(1).to_ascii_lowercase();
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
    let form = match kind {
        Some(kind) if errors.is_empty() => Ok(UnitForm {
            name: name.clone(),
            kind,
            grade_band: r.optional(2),
            address: r.optional(3),
        }),
        _ => Err(errors),
    };
    UnitRowIn {
        row: r.row,
        name,
        form,
    }
}

/// The units as a file in [`UNIT_COLUMNS`], a header first.
pub fn write_units(units: &[Unit]) -> Result<String, ApiError> {
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|u| {
            vec![
                u.name.clone(),
                u.kind.as_str().to_owned(),
                u.grade_band.clone().unwrap_or_default(),
                u.address.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write("units", &UNIT_COLUMNS, &rows)
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
