//! Things referred to by id and shown by name: the name as it was when the
//! reference was made, so a timeline keeps saying who and where even after
//! a team is renamed.

use crate::ids::{StaffId, TeamId, TopicId, UnitId};
use serde::{Deserialize, Serialize};

macro_rules! named_ref {
    ($(#[$doc:meta])* $name:ident, $id:ty, $id_doc:literal, $name_doc:literal, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01", "name": $example})))]
        pub struct $name {
            #[doc = $id_doc]
            pub id: $id,
            #[doc = $name_doc]
            pub name: String,
        }
    };
}

named_ref!(
    /// A staff team, by id and name.
    TeamRef, TeamId, "The team's id.", "The team's name, e.g. \"Transportation Team\".", "Transportation Team"
);
named_ref!(
    /// A staff member, by id and name.
    StaffRef, StaffId, "The staff member's id.", "The staff member's name as colleagues and families see it.", "Dana Whitfield"
);
named_ref!(
    /// A topic, by id and name.
    TopicRef, TopicId, "The topic's id.", "The topic's name, e.g. \"Bus & transportation\".", "Bus & transportation"
);
named_ref!(
    /// A school or department, by id and name.
    UnitRef, UnitId, "The school's or department's id.", "The school's or department's name, e.g. \"Lakeview High School\".", "Lakeview High School"
);
