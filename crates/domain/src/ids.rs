//! Typed identifiers, so a team id can never be passed where a unit id is expected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh identifier. Version 7: ordered by creation time, so new
            /// rows land at the end of the indexes keyed by them instead of on
            /// a random page each.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A district (tenant).
    DistrictId
);
id_type!(
    /// A school or department.
    UnitId
);
id_type!(
    /// A staff team that works a queue.
    TeamId
);
id_type!(
    /// A staff member.
    StaffId
);
id_type!(
    /// A topic a family can pick.
    TopicId
);
id_type!(
    /// An inquiry (the case).
    InquiryId
);
id_type!(
    /// A message on an inquiry.
    MessageId
);
id_type!(
    /// A strategic-plan goal.
    GoalId
);
