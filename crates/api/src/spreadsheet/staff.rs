//! The district's staff as a spreadsheet. Lists in a cell are separated
//! by semicolons (`agent; lead`), as a team's name may hold a comma.

use super::{records, write, Record};
use crate::error::ApiError;
use heard_domain::api::StaffMember;
use heard_domain::bulk::{StaffCells, StaffRowIn};

/// The columns of a staff file, in the order they are written.
pub const STAFF_COLUMNS: [&str; 5] = ["name", "email", "roles", "teams", "languages"];

/// The parts of a list cell, each trimmed, blanks left out. Roles and
/// languages never hold a comma or a space, so those separate them too.
fn parts(cell: &str, also_commas: bool) -> Vec<String> {
    cell.split(|c: char| c == ';' || (also_commas && (c == ',' || c.is_whitespace())))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The rows of a staff file. A file without a header naming `name`,
/// `email` and `roles` (and only the columns of [`STAFF_COLUMNS`]) is
/// refused as a whole.
pub fn read_staff(text: &str) -> Result<Vec<StaffRowIn>, ApiError> {
    const HEADER_HINT: &str = "a CSV file whose first row names its columns: name, email, roles, and optionally teams and languages";
    let rows = records(text, &STAFF_COLUMNS, 3, HEADER_HINT)?;
    Ok(rows.iter().map(staff_row).collect())
}

fn staff_row(r: &Record) -> StaffRowIn {
    let cells = match r.shape_problem() {
        Some(problem) => Err((r.cell(1).to_owned(), vec![problem])),
        None => Ok(StaffCells {
            name: r.cell(0).to_owned(),
            email: r.cell(1).to_owned(),
            roles: parts(r.cell(2), true),
            teams: parts(r.cell(3), false),
            languages: parts(r.cell(4), true),
        }),
    };
    StaffRowIn { row: r.row, cells }
}

/// The members as a file in [`STAFF_COLUMNS`], a header first.
pub fn write_staff(staff: &[StaffMember]) -> Result<String, ApiError> {
    let rows: Vec<Vec<String>> = staff
        .iter()
        .map(|m| {
            let roles: Vec<&str> = m.roles.iter().map(|r| r.as_str()).collect();
            let teams: Vec<&str> = m.teams.iter().map(|t| t.name.as_str()).collect();
            vec![
                m.name.clone(),
                m.email.clone(),
                roles.join("; "),
                teams.join("; "),
                m.languages.join("; "),
            ]
        })
        .collect();
    write("staff", &STAFF_COLUMNS, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use heard_domain::api::StaffStanding;
    use heard_domain::{Role, StaffId, TeamId, TeamRef};

    #[test]
    fn lists_read_by_semicolons_and_team_names_keep_their_commas() {
        let text = "Email,Name,Roles,Teams,Languages\n\
                    dana@d.example,Dana Reyes,\"agent, lead\",\"Curriculum, Instruction; Transportation\",en;es\n\
                    \n\
                    sam@d.example,Sam Ortiz,analyst\n\
                    lee@d.example,Lee Park,agent,,\n";
        let rows = read_staff(text).expect("read");
        let first = rows[0].cells.as_ref().expect("cells");
        assert_eq!(first.roles, ["agent", "lead"]);
        assert_eq!(first.teams, ["Curriculum, Instruction", "Transportation"]);
        assert_eq!(first.languages, ["en", "es"]);
        assert_eq!(rows[1].row, 4);
        let (email, problems) = rows[1].cells.as_ref().expect_err("short row");
        assert_eq!(
            (email.as_str(), problems[0].field.as_str()),
            ("sam@d.example", "row")
        );
        let last = rows[2].cells.as_ref().expect("cells");
        assert!(last.teams.is_empty() && last.languages.is_empty());
    }

    #[test]
    fn a_file_without_its_columns_is_refused() {
        for text in [
            "name,email\nA,a@d.example\n",
            "name,email,roles,phone\n",
            "",
        ] {
            assert!(read_staff(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn what_is_exported_reads_back_the_same() {
        let m = StaffMember {
            id: StaffId::new(),
            name: "=Dana".into(),
            email: "dana@d.example".into(),
            roles: vec![Role::Agent, Role::Lead],
            teams: vec![TeamRef {
                id: TeamId::new(),
                name: "Curriculum, Instruction".into(),
            }],
            languages: vec!["en".into(), "es".into()],
            standing: StaffStanding::Active,
            invitation_expires_at: None,
            away: None,
            deactivated_at: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            version: 1,
        };
        let text = write_staff(std::slice::from_ref(&m)).expect("write");
        assert!(
            text.starts_with("name,email,roles,teams,languages\n'=Dana,"),
            "{text}"
        );
        let back = read_staff(&text).expect("read");
        let c = back[0].cells.as_ref().expect("cells");
        assert_eq!(
            (
                &c.name,
                &c.email,
                c.roles.as_slice(),
                c.teams.as_slice(),
                c.languages.as_slice()
            ),
            (
                &m.name,
                &m.email,
                &["agent".to_owned(), "lead".to_owned()][..],
                &["Curriculum, Instruction".to_owned()][..],
                &["en".to_owned(), "es".to_owned()][..]
            )
        );
    }
}
