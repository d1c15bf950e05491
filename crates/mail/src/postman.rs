//! Delivery: to an SMTP server (`smtp://`, `smtps://`, STARTTLS with
//! `?tls=required`, user and password in the URL), or, without one, to a
//! folder of `.eml` files that any mail client opens.

use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};

/// Why a message was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the server is away, busy, or said "later".
    #[error("{0}")]
    Transient(String),
    /// The server refused the message for good (e.g. no such mailbox).
    #[error("{0}")]
    Permanent(String),
}

impl From<SmtpError> for SendError {
    fn from(e: SmtpError) -> Self {
        // Only an explicit 5xx is final; a lost connection or a timeout is not.
        if e.is_permanent() {
            SendError::Permanent(e.to_string())
        } else {
            SendError::Transient(e.to_string())
        }
    }
}

/// Where messages go.
#[derive(Clone)]
pub enum Postman {
    /// An SMTP server.
    Smtp {
        /// The pooled connection to it.
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// Its address without the password, for logs.
        server: String,
    },
    /// A folder of `.eml` files.
    Folder(PathBuf),
}

/// `url` without its password, for the log.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

impl Postman {
    /// Checks that `url` names an SMTP server the way [`Postman::smtp`]
    /// takes it, without connecting (and outside any async runtime).
    pub fn check_url(url: &str) -> Result<(), crate::MailError> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|_| ())
            .map_err(|e| crate::MailError::Setting(format!("SMTP URL: {e}")))
    }

    /// Delivers through the SMTP server at `url`. Its connection pool runs
    /// on the current Tokio runtime, so this is called inside one.
    pub fn smtp(url: &str) -> Result<Self, crate::MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| crate::MailError::Setting(format!("SMTP URL: {e}")))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(Postman::Smtp {
            transport,
            server: without_password(url),
        })
    }

    /// Writes each message as a file in `dir`, made if need be.
    pub fn folder(dir: &Path) -> Result<Self, crate::MailError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            crate::MailError::Setting(format!("mail folder {}: {e}", dir.display()))
        })?;
        Ok(Postman::Folder(dir.to_owned()))
    }

    /// Where mail goes, for people to read.
    pub fn describe(&self) -> String {
        match self {
            Postman::Smtp { server, .. } => format!("SMTP server {server}"),
            Postman::Folder(dir) => format!("folder {}", dir.display()),
        }
    }

    /// Delivers `message`; `name` (letters, digits, `-`, `.`) names its file
    /// in a folder, so a message sent twice is one file.
    pub async fn send(&self, name: &str, message: &Message) -> Result<(), SendError> {
        match self {
            Postman::Smtp { transport, .. } => {
                transport.send(message.clone()).await?;
                Ok(())
            }
            Postman::Folder(dir) => {
                let safe: String = name
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let path = dir.join(format!("{safe}.eml"));
                let partial = dir.join(format!(".{safe}.partial"));
                // Written aside and renamed, so a reader never sees half a message.
                let io =
                    |e: std::io::Error| SendError::Transient(format!("{}: {e}", path.display()));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(io)?;
                tokio::fs::rename(&partial, &path).await.map_err(io)?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_stay_out_of_the_description() {
        assert_eq!(
            without_password("smtps://heard:s3cret@mail.example.org:465"),
            "smtps://…@mail.example.org:465"
        );
        assert_eq!(
            without_password("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
        assert!(Postman::check_url("http://mail.example.org").is_err());
        assert!(Postman::check_url("smtps://u:p@mail.example.org:465").is_ok());
        assert!(Postman::check_url("smtp://mail.example.org:587?tls=required").is_ok());
    }
}
