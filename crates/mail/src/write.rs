//! Writing one message: its wording in the recipient's language, filled in
//! and laid out as plain text and HTML with the district's name and colour,
//! with the ids that keep one inquiry in one thread of the mail client.

use crate::catalogue::{Catalogue, Wording};
use crate::headers::{AutoSubmitted, ContentLanguage};
use crate::MailError;
use chrono::DateTime;
use chrono_tz::Tz;
use heard_domain::colour;
use heard_domain::notify::Notice;
use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Address, Message};
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// How a district signs its mail (DKIM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// The signing domain (`d=`).
    pub domain: String,
    /// The key's selector in DNS (`s=`).
    pub selector: String,
    /// An RSA key as PKCS#1 PEM, or an Ed25519 key as base64 of its 32 bytes.
    pub key: String,
}

impl Signing {
    fn config(&self) -> Result<DkimConfig, MailError> {
        let algorithm = if self.key.contains("BEGIN RSA PRIVATE KEY") {
            DkimSigningAlgorithm::Rsa
        } else {
            DkimSigningAlgorithm::Ed25519
        };
        let key = DkimSigningKey::new(self.key.trim(), algorithm)
            .map_err(|e| MailError::Setting(format!("DKIM key: {e}")))?;
        Ok(DkimConfig::default_config(
            self.selector.clone(),
            self.domain.clone(),
            key,
        ))
    }

    /// Whether the key can sign at all.
    pub fn check(&self) -> Result<(), MailError> {
        self.config().map(|_| ())
    }
}

/// Everything one message says and where it goes.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    /// What is said.
    pub notice: &'a Notice,
    /// The recipient's language (English when it has no wording).
    pub language: &'a str,
    /// The district's name, shown as the sender and in the banner.
    pub district: &'a str,
    /// The district's colour, `#rrggbb`.
    pub color: &'a str,
    /// The inquiry's reference.
    pub reference: &'a str,
    /// The inquiry's subject.
    pub subject: &'a str,
    /// The team whose queue holds it.
    pub team: &'a str,
    /// Where the button leads: the family's tracking link, or the case for staff.
    pub link: &'a str,
    /// When the first answer is due, in the district's time zone.
    pub due: Option<DateTime<Tz>>,
    /// The recipient's name, if known.
    pub name: Option<&'a str>,
    /// The recipient's address.
    pub to: &'a str,
    /// This message's id (the part before `@`), the same however often it is sent.
    pub message_id: &'a str,
    /// The id of the first message of its thread; equal to `message_id` for that one.
    pub thread: &'a str,
    /// The district's DKIM key, if it signs.
    pub signing: Option<&'a Signing>,
}

/// Who a message is from and to, and the thread it is in.
struct Addressing<'a> {
    district: &'a str,
    to: &'a str,
    name: Option<&'a str>,
    message_id: &'a str,
    thread: &'a str,
    signing: Option<&'a Signing>,
}

/// The words a message's wording is filled in with.
#[derive(Serialize)]
struct Fields<'a> {
    reference: &'a str,
    subject: &'a str,
    district: &'a str,
    team: &'a str,
    name: Option<&'a str>,
    author: Option<&'a str>,
    due: Option<String>,
}

/// What the layouts show.
#[derive(Serialize)]
struct Page<'a> {
    lang: &'a str,
    subject: &'a str,
    district: &'a str,
    color: &'a str,
    on_color: &'a str,
    heading: String,
    paragraphs: Vec<String>,
    quote: Option<&'a str>,
    link_intro: Option<String>,
    button: String,
    link: &'a str,
    footer: String,
}

/// Writes messages from one sender address.
pub struct Mailer {
    catalogue: Catalogue,
    env: Environment<'static>,
    from: Address,
}

fn quoted(text: String) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Mailer {
    /// A mailer sending as `from` (an address such as `no-reply@district.org`).
    pub fn new(from: &str) -> Result<Self, MailError> {
        let from: Address = from
            .trim()
            .parse()
            .map_err(|e| MailError::Setting(format!("sender address {from:?}: {e}")))?;
        let mut env = Environment::new();
        // A misspelt placeholder fails the message instead of vanishing from it.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.add_template("message.html", include_str!("../templates/message.html"))?;
        env.add_template("message.txt", include_str!("../templates/message.txt"))?;
        env.add_filter("quoted", quoted);
        Ok(Self {
            catalogue: Catalogue::load()?,
            env,
            from,
        })
    }

    /// The domain message ids are made in: the sender's.
    pub fn domain(&self) -> &str {
        self.from.domain()
    }

    /// Whether messages can be written in `language`.
    pub fn offers(&self, language: &str) -> bool {
        self.catalogue.offers(language)
    }

    fn fill(&self, text: &str, fields: &impl Serialize) -> Result<String, MailError> {
        Ok(self.env.render_str(text, fields)?)
    }

    /// The message `d` describes, signed when the district has a key.
    pub fn write(&self, d: &Draft<'_>) -> Result<Message, MailError> {
        let w = self.catalogue.wording(d.language);
        let section = d.notice.name();
        let author = match d.notice {
            Notice::Reply { author, .. } => Some(author.as_str()),
            _ => None,
        };
        let fields = Fields {
            reference: d.reference,
            subject: d.subject,
            district: d.district,
            team: d.team,
            name: d.name,
            author,
            due: d
                .due
                .map(|t| t.format_localized(&w.due_format, w.locale).to_string()),
        };
        let text = |key: &str| self.fill(w.text(section, key)?, &fields);
        let due = |key: &str| match fields.due {
            Some(_) => text(key).map(Some),
            None => Ok(None),
        };
        let mut paragraphs = Vec::new();
        let mut quote = None;
        let mut button = text("button")?;
        match d.notice {
            Notice::Acknowledgement => {
                paragraphs.push(text("received")?);
                paragraphs.extend(due("due")?);
            }
            Notice::Reply { body, .. } => quote = Some(body.as_str()),
            Notice::Resolved { survey } => {
                paragraphs.push(text("resolved")?);
                if *survey {
                    paragraphs.push(text("survey")?);
                    button = text("button_survey")?;
                }
            }
            Notice::Assignment { .. } => {
                paragraphs.push(text("assigned")?);
                paragraphs.extend(due("due")?);
            }
            Notice::Critical => paragraphs.push(text("arrived")?),
        }
        let family = d.notice.to_family();
        let common = |key: &str| self.fill(w.text("common", key)?, &fields);
        let subject = text("subject")?;
        let page = Page {
            lang: w.language,
            subject: &subject,
            district: d.district,
            color: d.color,
            on_color: colour::text_on(d.color),
            heading: text("heading")?,
            paragraphs,
            quote,
            link_intro: family.then(|| common("link_intro")).transpose()?,
            button,
            link: d.link,
            footer: common(if family {
                "footer_family"
            } else {
                "footer_staff"
            })?,
        };
        let html = self.env.get_template("message.html")?.render(&page)?;
        let plain = self.env.get_template("message.txt")?.render(&page)?;
        let to = Addressing {
            district: d.district,
            to: d.to,
            name: d.name,
            message_id: d.message_id,
            thread: d.thread,
            signing: d.signing,
        };
        self.envelope(&to, w, subject, plain, html)
    }

    fn envelope(
        &self,
        d: &Addressing<'_>,
        w: &Wording,
        subject: String,
        plain: String,
        html: String,
    ) -> Result<Message, MailError> {
        let sender = Mailbox::new(Some(d.district.to_owned()), self.from.clone());
        let to: Address =
            d.to.trim()
                .parse()
                .map_err(|e| MailError::Setting(format!("recipient address: {e}")))?;
        let id = |local: &str| format!("<{local}@{}>", self.domain());
        let mut builder = Message::builder()
            .from(sender.clone())
            // Replies are not read: the message says to answer through the link.
            .reply_to(sender)
            .to(Mailbox::new(d.name.map(str::to_owned), to))
            .subject(subject)
            .message_id(Some(id(d.message_id)))
            .header(AutoSubmitted)
            .header(ContentLanguage(w.language.to_owned()));
        if d.thread != d.message_id {
            builder = builder.in_reply_to(id(d.thread)).references(id(d.thread));
        }
        let mut message = builder.multipart(MultiPart::alternative_plain_html(plain, html))?;
        if let Some(s) = d.signing {
            message.sign(&s.config()?);
        }
        Ok(message)
    }
}

mod account;
pub use account::{AccountDraft, AccountNotice};

#[cfg(test)]
mod tests;
