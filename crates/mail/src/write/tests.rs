use super::*;
use chrono::TimeZone;
use heard_domain::ids::MessageId;
use mail_parser::MessageParser;

fn mailer() -> Mailer {
    Mailer::new("no-reply@lakeview.example.org").expect("mailer")
}

fn draft<'a>(notice: &'a Notice, language: &'a str) -> Draft<'a> {
    Draft {
        notice,
        language,
        district: "Lakeview Unified",
        color: "#0b5c7a",
        reference: "LKV-1042",
        subject: "Bus stop <moved>?",
        team: "Transportation",
        link: "https://heard.example.org/track/abc",
        due: Some(
            chrono_tz::America::Chicago
                .with_ymd_and_hms(2026, 12, 2, 15, 0, 0)
                .single()
                .expect("time"),
        ),
        name: Some("María López"),
        to: "maria@example.org",
        message_id: "inquiry-1",
        thread: "inquiry-1",
        signing: None,
    }
}

fn parsed(m: &Message) -> (Vec<u8>, String, String) {
    let raw = m.formatted();
    let p = MessageParser::default().parse(&raw).expect("parses");
    // Mail travels with CRLF line ends.
    let text = p.body_text(0).expect("text").replace("\r\n", "\n");
    let html = p.body_html(0).expect("html").into_owned();
    (raw, text, html)
}

fn header(raw: &[u8], name: &str) -> Option<String> {
    let p = MessageParser::default().parse(raw).expect("parses");
    p.header_raw(name).map(|v| v.trim().to_owned())
}

#[test]
fn an_acknowledgement_in_spanish_is_text_and_html_with_the_district() {
    let m = mailer()
        .write(&draft(&Notice::Acknowledgement, "es"))
        .expect("written");
    let (raw, text, html) = parsed(&m);
    let p = MessageParser::default().parse(&raw).expect("parses");
    assert_eq!(p.subject(), Some("[LKV-1042] Bus stop <moved>?"));
    assert_eq!(header(&raw, "Content-Language").as_deref(), Some("es"));
    assert_eq!(
        header(&raw, "Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert_eq!(
        header(&raw, "Message-ID").as_deref(),
        Some("<inquiry-1@lakeview.example.org>")
    );
    assert!(
        header(&raw, "In-Reply-To").is_none(),
        "the first of its thread"
    );
    match p.from().and_then(|f| f.first()) {
        Some(a) => {
            assert_eq!(a.name(), Some("Lakeview Unified"));
            assert_eq!(a.address(), Some("no-reply@lakeview.example.org"));
        }
        None => panic!("no sender"),
    }
    assert!(
        text.contains("Gracias, María López. Recibimos su mensaje."),
        "{text}"
    );
    assert!(
        text.contains("miércoles 2 de diciembre a las 15:00"),
        "{text}"
    );
    assert!(
        text.contains("https://heard.example.org/track/abc"),
        "{text}"
    );
    assert!(html.contains("<html lang=\"es\">"));
    assert!(
        html.contains("background:#0b5c7a;color:#ffffff"),
        "banner colours"
    );
    // The family's words are text, never markup.
    assert!(html.contains("Bus stop &lt;moved&gt;?"), "{html}");
    assert!(!html.contains("<moved>"));
}

#[test]
fn a_reply_joins_the_thread_and_quotes_the_answer() {
    let notice = Notice::Reply {
        message_id: MessageId::new(),
        body: "The stop moves Monday.\n\nBring the form.".into(),
        author: "Ana Ruiz".into(),
    };
    let d = Draft {
        message_id: "e1.reply.family",
        ..draft(&notice, "en")
    };
    let m = mailer().write(&d).expect("written");
    let (raw, text, html) = parsed(&m);
    assert_eq!(
        header(&raw, "In-Reply-To").as_deref(),
        Some("<inquiry-1@lakeview.example.org>")
    );
    assert_eq!(
        header(&raw, "References").as_deref(),
        Some("<inquiry-1@lakeview.example.org>")
    );
    let p = MessageParser::default().parse(&raw).expect("parses");
    assert_eq!(p.subject(), Some("Re: [LKV-1042] Bus stop <moved>?"));
    assert!(text.contains("Ana Ruiz answered your inquiry"), "{text}");
    assert!(
        text.contains("> The stop moves Monday.\n>\n> Bring the form."),
        "{text}"
    );
    assert!(html.contains("The stop moves Monday."));
    assert!(
        text.contains("Replies to this email are not read"),
        "{text}"
    );
}

#[test]
fn a_resolution_invites_a_rating_until_one_is_given() {
    let m = mailer()
        .write(&draft(&Notice::Resolved { survey: true }, "en"))
        .expect("written");
    let (_, text, _) = parsed(&m);
    assert!(
        text.contains("Rate this interaction: https://heard.example.org/track/abc"),
        "{text}"
    );
    let m = mailer()
        .write(&draft(&Notice::Resolved { survey: false }, "en"))
        .expect("written");
    let (_, text, _) = parsed(&m);
    assert!(!text.contains("Rate this interaction"), "{text}");
    assert!(text.contains("See your inquiry"), "{text}");
}

#[test]
fn staff_messages_carry_no_family_link_wording() {
    let to = heard_domain::StaffRef {
        id: heard_domain::StaffId::new(),
        name: "Ben".into(),
    };
    for notice in [Notice::Assignment { to }, Notice::Critical] {
        let m = mailer().write(&draft(&notice, "en")).expect("written");
        let (_, text, _) = parsed(&m);
        assert!(
            text.contains("Sent by Heard for Lakeview Unified"),
            "{text}"
        );
        assert!(!text.contains("private link"), "{text}");
    }
}

#[test]
fn every_message_is_written_in_every_language() {
    let to = heard_domain::StaffRef {
        id: heard_domain::StaffId::new(),
        name: "Ben".into(),
    };
    let notices = [
        Notice::Acknowledgement,
        Notice::Reply {
            message_id: MessageId::new(),
            body: "b".into(),
            author: "a".into(),
        },
        Notice::Resolved { survey: true },
        Notice::Resolved { survey: false },
        Notice::Assignment { to },
        Notice::Critical,
    ];
    for (language, _) in crate::LANGUAGES {
        for notice in &notices {
            for due in [None, draft(notice, language).due] {
                for name in [None, Some("Kim")] {
                    let d = Draft {
                        due,
                        name,
                        ..draft(notice, language)
                    };
                    mailer()
                        .write(&d)
                        .unwrap_or_else(|e| panic!("{language} {notice:?}: {e}"));
                }
            }
        }
    }
}

#[test]
fn a_district_key_signs_the_message() {
    // An Ed25519 key: base64 of its 32 secret bytes.
    let signing = Signing {
        domain: "lakeview.example.org".into(),
        selector: "heard".into(),
        key: "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=".into(),
    };
    signing.check().expect("a usable key");
    let d = Draft {
        signing: Some(&signing),
        ..draft(&Notice::Acknowledgement, "en")
    };
    let m = mailer().write(&d).expect("written");
    let raw = m.formatted();
    let sig = header(&raw, "DKIM-Signature").expect("signed");
    assert!(sig.contains("d=lakeview.example.org"), "{sig}");
    assert!(sig.contains("s=heard"), "{sig}");
    assert!(sig.contains("a=ed25519-sha256"), "{sig}");
    let bad = Signing {
        key: "not a key".into(),
        ..signing
    };
    assert!(bad.check().is_err());
}

#[test]
fn unusable_addresses_are_refused() {
    assert!(Mailer::new("not an address").is_err());
    let d = Draft {
        to: "nobody",
        ..draft(&Notice::Acknowledgement, "en")
    };
    assert!(mailer().write(&d).is_err());
}
