//! A mail job: the letter is written from the case as it is stored now, in
//! the recipient's language, and handed to the SMTP server (or the folder).
//! Nobody who cannot receive it is written to: an anonymous family, an
//! address the district marked as bouncing, a staff member who left.

use super::run::{blocking, Failure};
use super::Ctx;
use crate::auth::Keys;
use crate::metrics::Email;
use chrono::DateTime;
use chrono_tz::Tz;
use heard_domain::notify::{Letter, Notice, Recipient};
use heard_domain::DistrictId;
use heard_mail::{Draft, SendError, Signing};
use heard_store::queries::{districts, inquiries, mail, people};
use heard_store::rows::JobRow;
use heard_store::{AnyConnection, StoreError};

/// A letter ready to be written, with everything read from the store.
#[derive(Debug)]
pub struct Prepared {
    notice: Notice,
    language: String,
    district: String,
    color: String,
    reference: String,
    subject: String,
    team: String,
    link: String,
    due: Option<DateTime<Tz>>,
    name: Option<String>,
    to: String,
    message_id: String,
    thread: String,
    signing: Option<Signing>,
    /// The file it is written to without SMTP, e.g. `LKV-1042.inquiry-….eml`.
    pub file_name: String,
}

impl Prepared {
    fn draft(&self) -> Draft<'_> {
        Draft {
            notice: &self.notice,
            language: &self.language,
            district: &self.district,
            color: &self.color,
            reference: &self.reference,
            subject: &self.subject,
            team: &self.team,
            link: &self.link,
            due: self.due,
            name: self.name.as_deref(),
            to: &self.to,
            message_id: &self.message_id,
            thread: &self.thread,
            signing: self.signing.as_ref(),
        }
    }
}

/// Where the letter's links lead and who it goes to.
pub struct Links<'a> {
    /// Signs tracking links.
    pub keys: &'a Keys,
    /// The address families and staff reach, e.g. `https://heard.example.org`.
    pub public_url: &'a str,
}

/// Reads what `letter` of `district` needs; `None` when nobody can receive it.
pub fn prepare(
    c: &mut AnyConnection,
    district: DistrictId,
    letter: &Letter,
    links: &Links<'_>,
) -> Result<Option<Prepared>, StoreError> {
    let case = inquiries::by_id(c, district, letter.inquiry_id)?;
    let d = districts::by_id(c, district)?;
    let team = mail::team_name(c, district, case.team_id)?;
    let tz: Tz = d
        .time_zone
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("district time zone {:?}", d.time_zone)))?;
    let default_language = d.languages.0.first().map(|l| l.as_str().to_owned());
    let dedupe = letter.dedupe_key().replace(':', ".");
    let (to, name, language, link, thread, message_id) = match letter.to {
        Recipient::Family => {
            let Some(email) = case.requester_email.clone().filter(|_| !case.anonymous) else {
                return Ok(None);
            };
            let token = links
                .keys
                .tracking_token_stored_as(case.id.0, &case.tracking_token_hash);
            let mut link = format!("{}/track/{token}", links.public_url);
            if matches!(letter.notice, Notice::Resolved { survey: true }) {
                link.push_str("#feedback-heading");
            }
            let thread = format!("inquiry-{}", case.id);
            // The acknowledgement starts the family's thread; the rest answer it.
            let message_id = match letter.notice {
                Notice::Acknowledgement => thread.clone(),
                _ => dedupe,
            };
            let language = case.requester_language.as_str().to_owned();
            (
                email,
                case.requester_name.clone(),
                language,
                link,
                thread,
                message_id,
            )
        }
        Recipient::Staff { id } => {
            let s = people::staff_by_id(c, id)?;
            if !s.active || s.email.trim().is_empty() || s.district_id != district {
                return Ok(None);
            }
            let language = s
                .languages
                .0
                .first()
                .map(|l| l.as_str().to_owned())
                .or(default_language)
                .unwrap_or_else(|| "en".into());
            let link = format!("{}/staff/inquiries/{}", links.public_url, case.id);
            let thread = format!("inquiry-{}-staff-{id}", case.id);
            (s.email, Some(s.name), language, link, thread, dedupe)
        }
    };
    if !mail::suppressed(c, district, std::slice::from_ref(&to))?.is_empty() {
        return Ok(None);
    }
    let signing = mail::signing(c, district)?.map(|s| Signing {
        domain: s.dkim_domain,
        selector: s.dkim_selector,
        key: s.dkim_private_key,
    });
    let due = case
        .first_response_due_at
        .filter(|_| case.first_response_at.is_none())
        .map(|t| t.and_utc().with_timezone(&tz));
    Ok(Some(Prepared {
        file_name: format!("{}.{message_id}", case.reference),
        notice: letter.notice.clone(),
        language,
        district: d.name,
        color: d.color,
        reference: case.reference,
        subject: case.subject,
        team,
        link,
        due,
        name,
        to,
        message_id,
        thread,
        signing,
    }))
}

/// Runs the mail job `job`.
pub async fn run(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let letter: Letter = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable letter: {e}")))?;
    let district = job
        .district_id
        .ok_or_else(|| Failure::permanent("a letter without its district".into()))?;
    let state = ctx.state.clone();
    let prepared = blocking(&ctx.state, move || {
        state.store.read(|c| {
            let links = Links {
                keys: &state.keys,
                public_url: &state.settings.public_url,
            };
            prepare(c, district, &letter, &links)
        })
    })
    .await
    .map_err(|e| Failure::transient(e.to_string()))?;
    let Some(p) = prepared else {
        ctx.state.metrics.email(Email::Skipped);
        tracing::info!(job = %job.id, "nobody can receive this letter; not sent");
        return Ok(Vec::new());
    };
    let message = ctx
        .outgoing
        .mailer
        .write(&p.draft())
        .map_err(|e| Failure::permanent(e.to_string()))?;
    match ctx.outgoing.postman.send(&p.file_name, &message).await {
        Ok(()) => {
            ctx.state.metrics.email(Email::Sent);
            tracing::info!(job = %job.id, to = %redacted(&p.to), "email sent");
            Ok(Vec::new())
        }
        Err(e) => {
            ctx.state.metrics.email(Email::Failed);
            Err(match e {
                SendError::Permanent(m) => Failure::permanent(m),
                SendError::Transient(m) => Failure::transient(m),
            })
        }
    }
}

/// An address as the log shows it: its domain only.
fn redacted(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((_, domain)) => format!("…@{domain}"),
        None => "…".into(),
    }
}
