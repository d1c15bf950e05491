//! Typed identifiers, so a team id can never be passed where a unit id is expected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a request is told when a value in the place of an id is none.
pub const NOT_AN_ID: &str = "is not a valid id";

/// A text that is not an id (a UUID such as `0191e3a4-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is not a valid id")]
pub struct InvalidId;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
        pub struct $name(pub Uuid);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // The parser's own wording ("UUID parsing failed: invalid
                // character…") means nothing to the person who sent it.
                let raw = std::borrow::Cow::<str>::deserialize(d)?;
                raw.parse().map_err(|_| serde::de::Error::custom(NOT_AN_ID))
            }
        }

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
            type Err = InvalidId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| InvalidId)
            }
        }

        #[cfg(feature = "diesel")]
        crate::db::text_column!($name, stringify!($name), |id| id.0.hyphenated().to_string(), |raw| Uuid::parse_str(raw).ok().map($name));

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
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
id_type!(
    /// An entry of a case's timeline.
    EventId
);
id_type!(
    /// A help article.
    ArticleId
);
id_type!(
    /// A reply template.
    TemplateId
);
id_type!(
    /// A unit of work that runs after a commit (see [`crate::jobs`]).
    JobId
);
id_type!(
    /// A one-time link that lets a staff member set their password.
    StaffLinkId
);
id_type!(
    /// An entry of the district's audit log: one change an admin made.
    AuditId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_json_and_text_with_a_plain_message() {
        let id = InquiryId::new();
        let json = serde_json::to_string(&id).expect("json");
        assert_eq!(serde_json::from_str::<InquiryId>(&json).ok(), Some(id));
        assert_eq!(id.to_string().parse::<InquiryId>(), Ok(id));
        let err = serde_json::from_str::<InquiryId>("\"nope\"").expect_err("not an id");
        assert!(err.to_string().starts_with(NOT_AN_ID), "{err}");
        assert_eq!("n0t-an-id".parse::<TeamId>(), Err(InvalidId));
    }
}
