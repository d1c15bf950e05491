//! Request and response bodies of the REST API, shared by the server and the
//! browser so both sides agree on every field.

mod admin;
mod articles;
mod audit;
mod bulk;
mod calendar;
mod common;
mod goals;
mod jobs;
mod members;
mod organisation;
mod portal;
mod reports;
mod staff;
mod templates;
mod topics;
mod track;

pub use admin::*;
pub use articles::*;
pub use audit::*;
pub use bulk::*;
pub use calendar::*;
pub use common::*;
pub use goals::*;
pub use jobs::*;
pub use members::*;
pub use organisation::*;
pub use portal::*;
pub use reports::*;
pub use staff::*;
pub use templates::*;
pub use topics::*;
pub use track::*;
