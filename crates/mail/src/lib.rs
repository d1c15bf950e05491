//! Heard's email: what families and staff are sent, written in the
//! recipient's language with the district's name and colour
//! ([`Mailer::write`]), and its delivery ([`Postman`]): over SMTP, or as
//! `.eml` files in a folder when no SMTP server is configured, so a demo
//! shows real messages.

mod catalogue;
mod headers;
mod postman;
mod write;

pub use catalogue::{Catalogue, LANGUAGES};
pub use postman::{Postman, SendError};
pub use write::{AccountDraft, AccountNotice, Draft, Mailer, Signing};

/// Why mail could not be set up or written.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// A language file is broken or lacks a key.
    #[error("wording: {0}")]
    Wording(String),
    /// A template could not be rendered.
    #[error("template: {0}")]
    Template(#[from] minijinja::Error),
    /// An address, a URL or a key is not usable.
    #[error("{0}")]
    Setting(String),
    /// The message could not be put together.
    #[error("message: {0}")]
    Message(#[from] lettre::error::Error),
}
