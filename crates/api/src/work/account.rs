//! An account-mail job: the invitation or password reset of one staff
//! link, written in the member's language with the link's token made again
//! from the installation's secret. A link used or expired in the meantime
//! is not sent.

use super::run::{blocking, Failure};
use super::Ctx;
use crate::metrics::Email;
use chrono_tz::Tz;
use heard_domain::account::LinkPurpose;
use heard_domain::jobs::AccountLetter;
use heard_mail::{AccountDraft, AccountNotice, SendError, Signing};
use heard_store::queries::{districts, links, mail, people};
use heard_store::rows::JobRow;
use heard_store::{clock, StoreError};

/// The path of the page a link opens, after the server's public address.
pub fn page(purpose: LinkPurpose) -> &'static str {
    match purpose {
        LinkPurpose::Invitation => "/staff/welcome/",
        LinkPurpose::PasswordReset => "/staff/reset/",
    }
}

/// What the message needs, read from the store; `None` when the link can
/// no longer be used.
struct Prepared {
    notice: AccountNotice,
    language: String,
    district: String,
    color: String,
    name: String,
    to: String,
    purpose: LinkPurpose,
    expires: chrono::DateTime<Tz>,
    signing: Option<Signing>,
}

fn prepare(
    c: &mut heard_store::AnyConnection,
    letter: AccountLetter,
) -> Result<Option<Prepared>, StoreError> {
    let Some(link) = links::by_id(c, letter.link)? else {
        return Ok(None);
    };
    let now = clock::now().naive_utc();
    if link.used_at.is_some() || link.expires_at <= now {
        return Ok(None);
    }
    let staff = people::staff_by_id(c, link.staff_id)?;
    if !staff.active {
        return Ok(None);
    }
    let d = districts::by_id(c, link.district_id)?;
    let tz: Tz = d
        .time_zone
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("district time zone {:?}", d.time_zone)))?;
    let inviter = match link.created_by {
        Some(by) if link.purpose == LinkPurpose::Invitation => {
            Some(people::staff_by_id(c, by)?.name)
        }
        _ => None,
    };
    let notice = match link.purpose {
        LinkPurpose::Invitation => AccountNotice::Invitation { inviter },
        LinkPurpose::PasswordReset => AccountNotice::PasswordReset,
    };
    let language = staff
        .languages
        .0
        .first()
        .or(d.languages.0.first())
        .map_or_else(|| "en".to_owned(), |l| l.as_str().to_owned());
    let signing = mail::signing(c, d.id)?.map(|s| Signing {
        domain: s.dkim_domain,
        selector: s.dkim_selector,
        key: s.dkim_private_key,
    });
    Ok(Some(Prepared {
        notice,
        language,
        district: d.name,
        color: d.color,
        name: staff.name,
        to: staff.email,
        purpose: link.purpose,
        expires: link.expires_at.and_utc().with_timezone(&tz),
        signing,
    }))
}

/// Runs the account-mail job `job`.
pub async fn run(ctx: &Ctx, job: &JobRow) -> Result<Vec<JobRow>, Failure> {
    let letter: AccountLetter = serde_json::from_str(&job.payload)
        .map_err(|e| Failure::permanent(format!("unreadable account letter: {e}")))?;
    let state = ctx.state.clone();
    let prepared = blocking(&ctx.state, move || state.store.read(|c| prepare(c, letter)))
        .await
        .map_err(|e| Failure::transient(e.to_string()))?;
    let Some(p) = prepared else {
        ctx.state.metrics.email(Email::Skipped);
        tracing::info!(job = %job.id, "the link was used or expired; not sent");
        return Ok(Vec::new());
    };
    let token = ctx.state.keys.staff_link_token(letter.link);
    let link = format!(
        "{}{}{token}",
        ctx.state.settings.public_url,
        page(p.purpose)
    );
    let message_id = format!("staff-link-{}", letter.link);
    let message = ctx
        .outgoing
        .mailer
        .write_account(&AccountDraft {
            notice: &p.notice,
            language: &p.language,
            district: &p.district,
            color: &p.color,
            name: &p.name,
            to: &p.to,
            link: &link,
            expires: p.expires,
            message_id: &message_id,
            signing: p.signing.as_ref(),
        })
        .map_err(|e| Failure::permanent(e.to_string()))?;
    let file = format!("{}.{message_id}", p.purpose);
    match ctx.outgoing.postman.send(&file, &message).await {
        Ok(()) => {
            ctx.state.metrics.email(Email::Sent);
            tracing::info!(job = %job.id, purpose = %p.purpose, "account email sent");
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
