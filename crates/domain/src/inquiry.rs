//! The vocabulary of an inquiry: what kind it is, how urgent, where it came
//! from, who asked, and where it stands.

/// Implements the stable `snake_case` name used in JSON and in the database.
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(rename_all = "snake_case"))]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value with this stable name.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "diesel")]
        crate::db::text_column!($name, stringify!($name), |v| v.as_str(), |raw| $name::parse(raw));
    };
}
pub(crate) use named_enum;

named_enum!(
    /// What the family is doing by writing.
    Kind {
        /// Asking something.
        Question = "question",
        /// Raising a problem.
        Concern = "concern",
        /// Sharing a remark.
        Comment = "comment",
        /// Thanking someone.
        Compliment = "compliment",
        /// Proposing an improvement.
        Suggestion = "suggestion",
    }
);

named_enum!(
    /// How quickly the inquiry must be handled.
    Priority {
        /// Safety: self-harm, threats, abuse, weapons.
        Critical = "critical",
        /// Needs attention today.
        Urgent = "urgent",
        /// The usual.
        Normal = "normal",
        /// Can wait.
        Low = "low",
    }
);

named_enum!(
    /// Where the inquiry came from.
    Channel {
        /// The family portal.
        Portal = "portal",
        /// The "Contact us" tab embedded on a district page.
        Tab = "tab",
        /// Another system, through the API.
        Api = "api",
        /// A phone call logged by staff.
        Phone = "phone",
        /// A visit logged by staff.
        WalkIn = "walk_in",
    }
);

named_enum!(
    /// Who the requester is to the district.
    RequesterRole {
        /// Parent or guardian.
        Parent = "parent",
        /// A student.
        Student = "student",
        /// Someone from the community.
        Community = "community",
        /// A district employee asking as a requester.
        Staff = "staff",
    }
);

named_enum!(
    /// Where an inquiry stands in its lifecycle.
    Status {
        /// Just received, routed to a team, nobody has picked it up.
        New = "new",
        /// A staff member owns it.
        Assigned = "assigned",
        /// Staff asked the family something; the service clock is paused.
        AwaitingRequester = "awaiting_requester",
        /// Staff are working on it.
        InProgress = "in_progress",
        /// Answered; the family may now rate the interaction.
        Resolved = "resolved",
        /// Finished for good.
        Closed = "closed",
    }
);

impl Status {
    /// Still needs staff attention.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
            assert_eq!(
                serde_json::to_string(s).ok(),
                Some(format!("\"{}\"", s.as_str()))
            );
        }
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Priority::parse("urgent"), Some(Priority::Urgent));
        assert_eq!(RequesterRole::parse("teacher"), None);
    }
}
