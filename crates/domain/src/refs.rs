//! Things referred to by id and shown by name: the name as it was when the
//! reference was made, so a timeline keeps saying who and where even after
//! a team is renamed.

use crate::ids::{StaffId, TeamId, TopicId, UnitId};
use serde::{Deserialize, Serialize};

macro_rules! named_ref {
    ($(#[$doc:meta])* $name:ident, $id:ty, $what:literal, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01", "name": $example})))]
        pub struct $name {
            #[doc = concat!("The ", $what, "'s id.")]
            pub id: $id,
            #[doc = concat!("The ", $what, "'s name, e.g. \"", $example, "\".")]
            pub name: String,
        }
    };
}

named_ref!(
    /// A staff team, by id and name.
    TeamRef, TeamId, "team", "Transportation Team"
);
named_ref!(
    /// A staff member, by id and name.
    StaffRef, StaffId, "staff member", "Dana Whitfield"
);
named_ref!(
    /// A topic, by id and name.
    TopicRef, TopicId, "topic", "Bus & transportation"
);
named_ref!(
    /// A school or department, by id and name.
    UnitRef, UnitId, "school or department", "Lakeview High School"
);
