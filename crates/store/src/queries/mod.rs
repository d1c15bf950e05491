//! Queries, written once for both backends.

pub mod auth;
pub mod districts;
pub mod inquiries;
pub mod links;
pub mod mail;
pub mod organisation;
pub mod people;
pub mod threads;

diesel::define_sql_function! {
    /// Lower-cases text, so searches ignore case on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}
