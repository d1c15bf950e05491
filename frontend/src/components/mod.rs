//! Reusable pieces of the pages.

pub mod feedback;
pub mod form;
pub mod layout;
