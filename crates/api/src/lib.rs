//! Heard's REST API server: routes, auth, errors as problem+json, the OpenAPI
//! document, and the web app served beside them.

pub mod app;
pub mod audit;
pub mod auth;
pub mod config;
pub mod directory;
pub mod error;
pub mod extract;
pub mod forwarded;
pub mod found;
pub mod handover;
pub mod ical;
pub mod intake;
pub mod invite;
pub mod limits;
pub mod metrics;
pub mod routes;
pub mod security_headers;
pub mod seed;
pub mod spec;
pub mod spec_finish;
pub mod spreadsheet;
pub mod state;
pub mod telemetry;
pub mod work;
