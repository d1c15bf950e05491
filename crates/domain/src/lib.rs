//! Heard's domain: the rules about inquiries, decided in one place.
//!
//! Pure code only — no IO, no database, no web framework — so the server and
//! the browser (wasm32) share every type and rule defined here.

pub mod access;
pub mod account;
pub mod api;
pub mod article;
pub mod bulk;
pub mod calendar;
pub mod case;
pub mod colour;
#[cfg(feature = "diesel")]
pub mod db;
pub mod district;
pub mod feedback;
pub mod goals;
pub mod ids;
pub mod inquiry;
pub mod jobs;
pub mod lifecycle;
pub mod logo;
pub mod markdown;
pub mod metrics;
pub mod notify;
pub mod organisation;
pub mod pillar;
pub mod reference;
pub mod refs;
pub mod retention;
pub mod routing;
pub mod template;
pub mod text;
pub mod topic;
pub mod validation;

pub use access::{Action, CaseAccess, Role, Subject, Viewer};
pub use calendar::{BusinessCalendar, ServiceStandard};
pub use case::{Actor, Case, CaseError, CaseEvent, TimelineEvent};
pub use feedback::{Feedback, FeedbackForm, PillarRatings};
pub use ids::*;
pub use inquiry::{Channel, Kind, Priority, RequesterRole, Status};
pub use lifecycle::{LifecycleError, StatusChange, Transition};
pub use pillar::Pillar;
pub use reference::Reference;
pub use refs::{StaffRef, TeamRef, TopicRef, UnitRef};
pub use validation::{ErrorCode, FieldError, Invalid, ValidationErrors};
