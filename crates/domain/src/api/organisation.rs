use super::UnitKind;
use crate::ids::{StaffId, TeamId, UnitId};
use crate::refs::StaffRef;
use serde::{Deserialize, Serialize};

/// A school or department as its admins keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    /// The unit's id, as inquiries name it.
    pub id: UnitId,
    /// Its name, e.g. "Lakeview High School".
    pub name: String,
    /// A school or a department.
    pub kind: UnitKind,
    /// The grades a school teaches, e.g. "9–12"; absent for a department.
    pub grade_band: Option<String>,
    /// Its street address, as families would write it.
    pub address: Option<String>,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A school or department as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Cedar Park Elementary", "kind": "school", "grade_band": "K–5", "address": "410 Cedar Park Road\nLakeview, IL 60610"})))]
pub struct UnitForm {
    /// Its name, 1 to 120 characters, different from the district's other units.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// A school or a department.
    pub kind: UnitKind,
    /// The grades a school teaches, up to 20 characters; blank or absent for none.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 20, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")
    )]
    pub grade_band: Option<String>,
    /// Its street address, up to 300 characters on a few lines; blank or absent for none.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 300,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
        )
    )]
    pub address: Option<String>,
}

/// A page of schools and departments, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPage {
    /// The units of this page.
    pub items: Vec<Unit>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A team as its admins keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    /// The team's id, as inquiries and topics name it.
    pub id: TeamId,
    /// Its name, e.g. "Transportation Team".
    pub name: String,
    /// Who takes over the open inquiries of a member who leaves.
    pub fallback_owner: Option<StaffRef>,
    /// Its active members, by name.
    pub members: Vec<StaffRef>,
    /// Its version: send it in `If-Match` to change or delete it.
    pub version: i64,
}

/// A team as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Transportation Team", "fallback_owner_id": null})))]
pub struct TeamForm {
    /// Its name, 1 to 120 characters, different from the district's other teams.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
        )
    )]
    pub name: String,
    /// An active member of the team who takes over the open inquiries of a
    /// member who leaves; absent for none.
    #[serde(default)]
    pub fallback_owner_id: Option<StaffId>,
}

/// A page of teams, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPage {
    /// The teams of this page.
    pub items: Vec<Team>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Who joins a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberForm {
    /// An active staff member of the district.
    pub staff_id: StaffId,
}
