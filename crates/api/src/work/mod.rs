//! Work after the commit. Every `heard serve` runs a worker: it hands the
//! outbox's events on as jobs ([`dispatch`]) and runs due jobs ([`deliver`]
//! for mail), claiming them with a lease so that several servers on one
//! PostgreSQL never run the same job at once, retrying failures with
//! backoff, and leaving a job dead for an admin once its tries are spent.

pub mod account;
pub mod deliver;
pub mod dispatch;
pub mod erase;
pub mod recompute;
mod run;

use crate::config::Settings;
use crate::state::AppState;
use heard_mail::{MailError, Mailer, Postman};
use tokio::sync::{watch, Notify};

/// How mail is written and where it goes.
pub struct Outgoing {
    /// Writes messages.
    pub mailer: Mailer,
    /// Delivers them.
    pub postman: Postman,
}

impl Outgoing {
    /// As the settings say: SMTP when a URL is set, the mail folder otherwise.
    pub fn from_settings(s: &Settings) -> Result<Self, MailError> {
        let postman = match &s.smtp_url {
            Some(url) => Postman::smtp(url)?,
            None => Postman::folder(&s.mail_dir)?,
        };
        Ok(Self {
            mailer: Mailer::new(&s.mail_from)?,
            postman,
        })
    }
}

/// What the worker's tasks share.
pub struct Ctx {
    /// The server's state: the store, keys and settings.
    pub state: AppState,
    /// Mail.
    pub outgoing: Outgoing,
    /// Names this worker's leases: host, process and a random part.
    pub owner: String,
    /// Wakes the worker early, e.g. when a job finished and more may be due.
    pub wake: Notify,
}

/// Runs the due job `id` here and now, as a worker would, for a command
/// that should not leave its one email to a server: true when it ran and
/// ended done; false when it failed (it is due again, for the servers'
/// workers) or was not due.
pub async fn run_now(state: AppState, id: heard_domain::JobId) -> Result<bool, String> {
    let outgoing = Outgoing::from_settings(&state.settings).map_err(|e| e.to_string())?;
    let owner = format!("command:{}", std::process::id());
    let ctx = Ctx {
        state,
        outgoing,
        owner: owner.clone(),
        wake: Notify::new(),
    };
    let now = heard_store::clock::now();
    let claimed = ctx
        .state
        .store
        .writer
        .write(move |c| heard_store::jobs::claim_due(c, id, &owner, now, heard_domain::jobs::LEASE))
        .await
        .map_err(|e| e.to_string())?;
    let Some(job) = claimed else {
        return Ok(false);
    };
    let outcome = run::handle(&ctx, &job).await;
    let ok = outcome.is_ok();
    run::record(&ctx, &job, outcome)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ok)
}

/// A running worker; stopping it (or dropping it) ends its loop.
pub struct Worker {
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker of this server on a thread of its own, unless the
    /// settings give it no job slots.
    pub fn start(state: AppState) -> Result<Option<Self>, MailError> {
        let slots = state.settings.job_workers;
        if slots == 0 {
            return Ok(None);
        }
        match &state.settings.smtp_url {
            Some(url) => Postman::check_url(url)?,
            None => {
                Postman::folder(&state.settings.mail_dir)?;
            }
        }
        // Checked here, so a bad setting stops the start rather than the worker.
        Mailer::new(&state.settings.mail_from)?;
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "heard".into());
        let owner = format!("{host}:{}:{}", std::process::id(), rand::random::<u32>());
        let (stop, stopped) = watch::channel(false);
        let thread = std::thread::Builder::new()
            .name("heard-worker".into())
            .spawn(move || run::on_own_runtime(state, owner, slots, stopped))
            .map_err(|e| MailError::Setting(format!("worker thread: {e}")))?;
        Ok(Some(Self {
            stop,
            thread: Some(thread),
        }))
    }

    /// Ends the loop and waits for the jobs in hand to finish.
    pub fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
