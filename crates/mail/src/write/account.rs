//! Messages about a staff member's own account: the invitation that lets
//! them choose a password, and the link that resets it. Each link works
//! once and expires; the message says when.

use super::{Addressing, Mailer, Page, Signing};
use crate::MailError;
use chrono::DateTime;
use chrono_tz::Tz;
use heard_domain::colour;
use lettre::Message;
use serde::Serialize;

/// What an account message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountNotice {
    /// Join the district's Heard: choose a password.
    Invitation {
        /// Who invited them, when a person did.
        inviter: Option<String>,
    },
    /// Somebody asked to reset the password.
    PasswordReset,
}

impl AccountNotice {
    fn section(&self) -> &'static str {
        match self {
            AccountNotice::Invitation { .. } => "invitation",
            AccountNotice::PasswordReset => "password_reset",
        }
    }
}

/// One account message and where it goes.
#[derive(Debug, Clone)]
pub struct AccountDraft<'a> {
    /// What is said.
    pub notice: &'a AccountNotice,
    /// The recipient's language (English when it has no wording).
    pub language: &'a str,
    /// The district's name.
    pub district: &'a str,
    /// The district's colour, `#rrggbb`.
    pub color: &'a str,
    /// The staff member's name.
    pub name: &'a str,
    /// Their address.
    pub to: &'a str,
    /// The one-time link.
    pub link: &'a str,
    /// When the link stops working, in the district's time zone.
    pub expires: DateTime<Tz>,
    /// This message's id (the part before `@`).
    pub message_id: &'a str,
    /// The district's DKIM key, if it signs.
    pub signing: Option<&'a Signing>,
}

#[derive(Serialize)]
struct Fields<'a> {
    district: &'a str,
    name: &'a str,
    inviter: Option<&'a str>,
    expires: String,
}

impl Mailer {
    /// The account message `d` describes, signed when the district has a key.
    pub fn write_account(&self, d: &AccountDraft<'_>) -> Result<Message, MailError> {
        let w = self.catalogue.wording(d.language);
        let section = d.notice.section();
        let fields = Fields {
            district: d.district,
            name: d.name,
            inviter: match d.notice {
                AccountNotice::Invitation { inviter } => inviter.as_deref(),
                AccountNotice::PasswordReset => None,
            },
            expires: d
                .expires
                .format_localized(&w.due_format, w.locale)
                .to_string(),
        };
        let text = |key: &str| self.fill(w.text(section, key)?, &fields);
        let subject = text("subject")?;
        let page = Page {
            lang: w.language,
            subject: &subject,
            district: d.district,
            color: d.color,
            on_color: colour::text_on(d.color),
            heading: text("heading")?,
            paragraphs: vec![text("body")?, text("expires")?],
            quote: None,
            link_intro: None,
            button: text("button")?,
            link: d.link,
            footer: text("footer")?,
        };
        let html = self.env.get_template("message.html")?.render(&page)?;
        let plain = self.env.get_template("message.txt")?.render(&page)?;
        let to = Addressing {
            district: d.district,
            to: d.to,
            name: Some(d.name),
            message_id: d.message_id,
            thread: d.message_id,
            signing: d.signing,
        };
        self.envelope(&to, w, subject, plain, html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use mail_parser::MessageParser;

    fn draft<'a>(notice: &'a AccountNotice, language: &'a str) -> AccountDraft<'a> {
        AccountDraft {
            notice,
            language,
            district: "Lakeview Unified",
            color: "#0b5c7a",
            name: "Dana Whitfield",
            to: "dana@lakeview.example.org",
            link: "https://heard.example.org/staff/welcome/abc",
            expires: chrono_tz::America::Chicago
                .with_ymd_and_hms(2026, 12, 9, 15, 0, 0)
                .single()
                .expect("time"),
            message_id: "staff-link-1",
            signing: None,
        }
    }

    #[test]
    fn an_invitation_names_who_invited_and_when_the_link_ends() {
        let notice = AccountNotice::Invitation {
            inviter: Some("Rosa Martínez".into()),
        };
        let m = Mailer::new("no-reply@lakeview.example.org")
            .expect("mailer")
            .write_account(&draft(&notice, "en"))
            .expect("written");
        let raw = m.formatted();
        let p = MessageParser::default().parse(&raw).expect("parses");
        let text = p.body_text(0).expect("text").replace("\r\n", "\n");
        assert!(p.subject().is_some_and(|s| s.contains("Lakeview Unified")));
        assert!(text.contains("Rosa Martínez"), "{text}");
        assert!(
            text.contains("https://heard.example.org/staff/welcome/abc"),
            "{text}"
        );
        assert!(text.contains("Wednesday, December 9 at 3:00 PM"), "{text}");
        // The HTML escapes the slashes of the link it writes.
        let html = p.body_html(0).expect("html").replace("&#x2f;", "/");
        assert!(
            html.contains("href=\"https://heard.example.org/staff/welcome/abc\""),
            "{html}"
        );
    }

    #[test]
    fn a_reset_in_spanish_says_to_ignore_it_if_not_asked() {
        let m = Mailer::new("no-reply@lakeview.example.org")
            .expect("mailer")
            .write_account(&draft(&AccountNotice::PasswordReset, "es"))
            .expect("written");
        let raw = m.formatted();
        let p = MessageParser::default().parse(&raw).expect("parses");
        let text = p.body_text(0).expect("text").replace("\r\n", "\n");
        assert!(text.contains("miércoles"), "{text}");
        assert!(text.contains("ignore"), "{text}");
    }
}
