//! Settings, read from `HEARD_*` environment variables and checked at start-up.

use heard_store::DatabaseUrl;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server needs to know about its installation.
#[derive(Clone)]
pub struct Settings {
    /// `HEARD_DATABASE_URL`: `sqlite://PATH` (default `sqlite://./heard.db`) or `postgres://…`.
    pub database_url: DatabaseUrl,
    /// `HEARD_BIND`: address to listen on (default `127.0.0.1:8080`).
    pub bind: SocketAddr,
    /// `HEARD_STATIC_DIR`: the built web app (default `./dist`).
    pub static_dir: PathBuf,
    /// `HEARD_SECRET`: signs tokens; when unset, a secret generated once and kept in the database.
    pub secret: Option<String>,
    /// `HEARD_PUBLIC_URL`: the address families reach (default `http://localhost:8080`).
    pub public_url: String,
    /// `HEARD_ACCESS_TOKEN_MINUTES`: lifetime of staff access tokens (default 15).
    pub access_token_minutes: i64,
    /// `HEARD_REFRESH_TOKEN_DAYS`: lifetime of refresh tokens (default 14).
    pub refresh_token_days: i64,
    /// `HEARD_LOG_FORMAT`: `pretty` (default) or `json`.
    pub log_json: bool,
    /// `HEARD_RATE_LIMIT_PUBLIC`: submissions and family replies per minute per address (default 30; 0 turns it off).
    pub public_writes_per_minute: u32,
    /// `HEARD_RATE_LIMIT_SIGN_IN`: sign-in and refresh attempts per minute per address (default 10; 0 turns it off).
    pub sign_in_per_minute: u32,
    /// `HEARD_WRITE_QUEUE_DEPTH`: writes that may wait for the database
    /// before more are answered 503 (default 8192).
    pub write_queue_depth: usize,
    /// `HEARD_TRUSTED_PROXIES`: reverse proxies whose `Forwarded` and
    /// `X-Forwarded-For` headers name the client (default none).
    pub trusted_proxies: crate::forwarded::TrustedProxies,
    /// `HEARD_SMTP_URL`: where mail is sent (`smtps://user:pass@host:465`,
    /// `smtp://user:pass@host:587?tls=required` for STARTTLS, `smtp://host:25`);
    /// when unset, each message is written to `mail_dir` instead.
    pub smtp_url: Option<String>,
    /// `HEARD_MAIL_FROM`: the sender address (default `no-reply@` the public URL's host).
    pub mail_from: String,
    /// `HEARD_MAIL_DIR`: where messages are written without SMTP (default `./mail-outbox`).
    pub mail_dir: PathBuf,
    /// `HEARD_JOB_WORKERS`: jobs this server runs at once (default 16; 0: it runs none).
    pub job_workers: usize,
}

impl std::fmt::Debug for Settings {
    // The secret never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &self.database_url.backend())
            .field("bind", &self.bind)
            .field("static_dir", &self.static_dir)
            .field("secret", &self.secret.as_ref().map(|_| "<set>"))
            .field("public_url", &self.public_url)
            .field("access_token_minutes", &self.access_token_minutes)
            .field("refresh_token_days", &self.refresh_token_days)
            .field("public_writes_per_minute", &self.public_writes_per_minute)
            .field("sign_in_per_minute", &self.sign_in_per_minute)
            .field("write_queue_depth", &self.write_queue_depth)
            .field("trusted_proxies", &self.trusted_proxies.to_string())
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<set>"))
            .field("mail_from", &self.mail_from)
            .field("mail_dir", &self.mail_dir)
            .field("job_workers", &self.job_workers)
            .finish()
    }
}

/// A setting that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {problem}")]
pub struct SettingError {
    /// The variable.
    pub name: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number(
    name: &'static str,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, SettingError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| SettingError {
                name,
                problem: format!(
                    "must be a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            }),
    }
}

impl Settings {
    /// Reads and checks every setting.
    pub fn from_env() -> Result<Self, SettingError> {
        let raw_url = var("HEARD_DATABASE_URL").unwrap_or_else(|| "sqlite://./heard.db".into());
        let database_url = DatabaseUrl::parse(&raw_url).map_err(|e| SettingError {
            name: "HEARD_DATABASE_URL",
            problem: e.to_string(),
        })?;
        let bind = var("HEARD_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|_| SettingError {
                name: "HEARD_BIND",
                problem: "must be an address and port like 127.0.0.1:8080".into(),
            })?;
        let secret = var("HEARD_SECRET");
        if secret.as_ref().is_some_and(|s| s.len() < 32) {
            return Err(SettingError {
                name: "HEARD_SECRET",
                problem: "must be at least 32 characters".into(),
            });
        }
        let public_url = var("HEARD_PUBLIC_URL").unwrap_or_else(|| "http://localhost:8080".into());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(SettingError {
                name: "HEARD_PUBLIC_URL",
                problem: "must start with http:// or https://".into(),
            });
        }
        let log_json = match var("HEARD_LOG_FORMAT").as_deref() {
            None | Some("pretty") => false,
            Some("json") => true,
            Some(_) => {
                return Err(SettingError {
                    name: "HEARD_LOG_FORMAT",
                    problem: "must be pretty or json".into(),
                })
            }
        };
        let trusted_proxies = crate::forwarded::TrustedProxies::parse(
            &var("HEARD_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|problem| SettingError {
            name: "HEARD_TRUSTED_PROXIES",
            problem,
        })?;
        let smtp_url = var("HEARD_SMTP_URL");
        if let Some(url) = &smtp_url {
            heard_mail::Postman::check_url(url).map_err(|e| SettingError {
                name: "HEARD_SMTP_URL",
                problem: format!("{e} (expected smtp://… or smtps://…)"),
            })?;
        }
        let mail_from = var("HEARD_MAIL_FROM").unwrap_or_else(|| default_sender(&public_url));
        heard_mail::Mailer::new(&mail_from).map_err(|e| SettingError {
            name: "HEARD_MAIL_FROM",
            problem: e.to_string(),
        })?;
        Ok(Self {
            database_url,
            bind,
            static_dir: var("HEARD_STATIC_DIR")
                .unwrap_or_else(|| "./dist".into())
                .into(),
            secret,
            public_url: public_url.trim_end_matches('/').to_owned(),
            access_token_minutes: number("HEARD_ACCESS_TOKEN_MINUTES", 15, 1..=24 * 60)?,
            refresh_token_days: number("HEARD_REFRESH_TOKEN_DAYS", 14, 1..=365)?,
            log_json,
            public_writes_per_minute: number("HEARD_RATE_LIMIT_PUBLIC", 30, 0..=1_000_000)? as u32,
            sign_in_per_minute: number("HEARD_RATE_LIMIT_SIGN_IN", 10, 0..=1_000_000)? as u32,
            write_queue_depth: number(
                "HEARD_WRITE_QUEUE_DEPTH",
                heard_store::writer::DEFAULT_QUEUE_DEPTH as i64,
                1..=1_000_000,
            )? as usize,
            trusted_proxies,
            smtp_url,
            mail_from,
            mail_dir: var("HEARD_MAIL_DIR")
                .unwrap_or_else(|| "./mail-outbox".into())
                .into(),
            job_workers: number("HEARD_JOB_WORKERS", 16, 0..=1024)? as usize,
        })
    }
}

/// `no-reply@` the host families reach.
fn default_sender(public_url: &str) -> String {
    let host = public_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost");
    format!("no-reply@{host}")
}
