//! A help article's Markdown as HTML that is safe to put in a page: HTML
//! written in the Markdown shows as text, links and images keep only web,
//! mail and phone addresses (never `javascript:` or `data:`), and links
//! leave the page without handing it to the site they open. The server
//! renders what families read and the admin's preview renders the same.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Whether `url` may be followed from an article: `http(s)`, `mailto` and
/// `tel` addresses, and addresses within the site (`/…`, `#…`). Anything
/// else (`javascript:`, `data:`, `vbscript:`, `file:`) is dropped, however
/// it is spelled.
fn allowed(url: &str) -> bool {
    // Browsers ignore control characters and spaces inside a scheme.
    let plain: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match plain.split_once(':') {
        // A colon after a slash, `?` or `#` is not a scheme's.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        // No scheme: an address within the site.
        _ => true,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if allowed(&url) {
        url
    } else {
        CowStr::Borrowed("")
    }
}

/// `markdown` as HTML safe to insert into a page.
pub fn to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Written HTML is shown as written, never run; a block of it as
        // a paragraph of text.
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markdown_renders_as_families_expect() {
        let html = to_html("## When does the bus come?\n\n- Route **12** at *7:40*\n- See [the map](https://lakeview.example/bus)\n");
        assert!(html.contains("<h2>When does the bus come?</h2>"), "{html}");
        assert!(
            html.contains("<li>Route <strong>12</strong> at <em>7:40</em></li>"),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://lakeview.example/bus">the map</a>"#),
            "{html}"
        );
    }

    #[test]
    fn written_html_shows_as_text() {
        let html = to_html("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn only_web_mail_and_phone_addresses_are_kept() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java&#09;script:alert(1)",
            "&#106;avascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            let html = to_html(&format!("[click]({bad}) ![pic]({bad})"));
            assert!(html.contains(r#"<a href="">click</a>"#), "{bad}: {html}");
            assert!(
                html.contains(r#"<img src="" alt="pic" />"#),
                "{bad}: {html}"
            );
        }
        for good in [
            "https://lakeview.example/a?b=c:d",
            "mailto:help@lakeview.example",
            "tel:+15555550100",
            "/districts/lakeview",
            "#hours",
        ] {
            let html = to_html(&format!("[here]({good})"));
            assert!(
                html.contains(&format!(r#"href="{}""#, good.replace('&', "&amp;"))),
                "{good}: {html}"
            );
        }
    }

    proptest! {
        /// Whatever is written, no tag comes out but those Markdown makes,
        /// and no address can run script.
        #[test]
        fn nothing_written_becomes_markup(text in "[ -~\\n<>\"'=/:a-z]{0,200}") {
            let html = to_html(&text);
            let lower = html.to_ascii_lowercase();
            prop_assert!(!lower.contains("<script"));
            prop_assert!(!lower.contains("javascript:"));
            for tag in lower.match_indices('<').map(|(i, _)| &lower[i + 1..]) {
                let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                prop_assert!(
                    [
                        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong",
                        "a", "img", "code", "pre", "blockquote", "hr", "br", "table", "thead",
                        "tbody", "tr", "th", "td", "del", "input", "sup", "div", "span"
                    ]
                    .contains(&name.as_str()),
                    "unexpected <{}> in {}", name, html
                );
            }
        }
    }
}
