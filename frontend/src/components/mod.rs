//! Reusable pieces of the pages.

pub mod feedback;
pub mod files;
pub mod form;
pub mod layout;
pub mod spreadsheet;
