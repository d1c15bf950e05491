//! How ids, enums and validated text sit in the text columns of SQLite and
//! PostgreSQL (behind the `diesel` feature, which only the store enables):
//! written as their stable text, and read back only if they are what the
//! type allows. A value that is not is an error naming it, never a default.

/// A stored value its column's type does not allow.
#[derive(Debug, thiserror::Error)]
#[error("stored {what} {value:?} is not valid")]
pub struct Unreadable {
    /// What the column holds, e.g. "Status".
    pub what: &'static str,
    /// The text found there (its first 80 characters).
    pub value: String,
}

impl Unreadable {
    /// The error for `value` in a column of `what`.
    pub fn boxed(what: &'static str, value: &str) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(Self {
            what,
            value: value.chars().take(80).collect(),
        })
    }
}

/// Implements `ToSql<Text>` and `FromSql<Text>` for SQLite and PostgreSQL:
/// `text_column!(Type, "what", |v| text of v, |raw| Option<Type> from raw)`.
macro_rules! text_column {
    ($t:ty, $what:expr, |$v:ident| $to:expr, |$raw:ident| $from:expr) => {
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $t {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                let $v = self;
                out.set_value($to);
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $t {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                use std::io::Write as _;
                let $v = self;
                let text = $to;
                out.write_all(AsRef::<str>::as_ref(&text).as_bytes())?;
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $t {
            fn from_sql(
                value: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let text = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::sqlite::Sqlite,
                >>::from_sql(value)?;
                let $raw: &str = &text;
                let read: Option<$t> = $from;
                read.ok_or_else(|| $crate::db::Unreadable::boxed($what, &text))
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $t {
            fn from_sql(
                value: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let text = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::pg::Pg,
                >>::from_sql(value)?;
                let $raw: &str = &text;
                let read: Option<$t> = $from;
                read.ok_or_else(|| $crate::db::Unreadable::boxed($what, &text))
            }
        }
    };
}
pub(crate) use text_column;
