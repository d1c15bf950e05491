//! Typed columns: the domain's ids, enums and validated text reach the
//! database and come back through diesel's `ToSql`/`FromSql`, so a row holds
//! a `TeamId` or a `Status`, never a string a rule could misread. On disk
//! they are portable text on both backends (the mapping for each backend is
//! the domain's `diesel` feature; the one for the connection that picks a
//! backend at run time is here). A value that cannot be read back is an
//! error naming it, never a default.

use crate::conn::MultiBackend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use heard_domain::api::{AuditAction, AuditResource, Author, TabPosition, UnitKind};
use heard_domain::jobs::{JobKind, JobState};
use heard_domain::text::Language;
use heard_domain::*;
use std::io::Write;

/// Lets the connection that chooses its backend at run time bind and read
/// types that each backend already maps to text.
macro_rules! on_any_backend {
    ($($t:ty),* $(,)?) => {$(
        impl ToSql<Text, MultiBackend> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self));
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, MultiBackend> for $t {
            fn from_sql(value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                value.from_sql::<Self, Text>()
            }
        }
    )*};
}

on_any_backend!(
    DistrictId,
    UnitId,
    TeamId,
    StaffId,
    TopicId,
    InquiryId,
    MessageId,
    GoalId,
    EventId,
    ArticleId,
    TemplateId,
    JobId,
    StaffLinkId,
    heard_domain::account::LinkPurpose,
    AuditId,
    AuditAction,
    AuditResource,
    TabPosition,
    JobKind,
    JobState,
    Kind,
    Channel,
    Status,
    Priority,
    RequesterRole,
    UnitKind,
    Role,
    Author,
    Language,
    Roles,
    Languages,
);

/// Comma-separated names, read back only if each is one `parse` accepts.
fn names<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    if raw.is_empty() {
        return Some(Vec::new());
    }
    raw.split(',').map(parse).collect()
}

/// A list kept in one text column as names joined by commas.
macro_rules! list_column {
    ($(#[$doc:meta])* $name:ident($item:ty), $what:literal, |$v:ident| $to:expr, |$raw:ident| $from:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = Text)]
        pub struct $name(pub Vec<$item>);

        impl $name {
            fn text(&self) -> String {
                self.0.iter().map(|$v| $to).collect::<Vec<_>>().join(",")
            }

            fn read(text: &str) -> deserialize::Result<Self> {
                names(text, |$raw| $from)
                    .map($name)
                    .ok_or_else(|| heard_domain::db::Unreadable::boxed($what, text))
            }
        }

        impl ToSql<Text, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                out.set_value(self.text());
                Ok(IsNull::No)
            }
        }

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                out.write_all(self.text().as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl FromSql<Text, Sqlite> for $name {
            fn from_sql(value: <Sqlite as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                Self::read(&<String as FromSql<Text, Sqlite>>::from_sql(value)?)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(value: <Pg as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                Self::read(&<String as FromSql<Text, Pg>>::from_sql(value)?)
            }
        }
    };
}

list_column!(
    /// A staff member's roles.
    Roles(Role), "role list", |r| r.as_str(), |raw| Role::parse(raw)
);
list_column!(
    /// Languages, the default first.
    Languages(Language), "language list", |l| l.as_str(), |raw| Language::parse(raw).ok().filter(|l| l.as_str() == raw)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_or_fail() {
        let read = |t: &str| Roles::read(t).ok();
        assert_eq!(
            read("agent,lead"),
            Some(Roles(vec![Role::Agent, Role::Lead]))
        );
        assert_eq!(read(""), Some(Roles(vec![])));
        assert_eq!(
            read("agent,janitor"),
            None,
            "an unknown role is not skipped"
        );
        assert_eq!(read("agent, lead"), None);
        assert_eq!(Languages::read("en,es").map(|l| l.0.len()).ok(), Some(2));
        assert!(Languages::read("EN").is_err());
        assert_eq!(Roles(vec![Role::Admin, Role::Agent]).text(), "admin,agent");
    }
}
