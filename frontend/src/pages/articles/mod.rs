//! `/staff/admin/articles`: the help articles families find before they
//! write, for the district's admins — by language then title, a page at a
//! time; each a question and its answer in Markdown, linked to a topic,
//! published or kept as a draft, added, changed and removed in place.

mod editor;
mod list;

use super::admin::{admin_page, PageWords};
use crate::api::{self, ApiResult};
use crate::i18n::*;
use heard_domain::api::{ArticlePage, Topic};
use leptos::prelude::*;

/// The help articles page.
#[component]
pub fn Articles() -> impl IntoView {
    let words = PageWords {
        title: |l| td_string!(l, articles_title),
        intro: |l| td_string!(l, articles_intro),
        forbidden: |l| td_string!(l, articles_forbidden),
    };
    admin_page(words, start, |s| {
        view! { <list::ArticleList first=s.first languages=s.languages topics=s.topics /> }
            .into_any()
    })
}

/// What the page needs before it can show anything: the first page, the
/// languages the district writes in (default first), and its topics.
#[derive(Debug, Clone)]
struct Start {
    first: ArticlePage,
    languages: Vec<String>,
    topics: Vec<Topic>,
}

async fn start() -> ApiResult<Start> {
    let first = api::articles(None).await?;
    let settings = api::district_settings().await?;
    let mut topics = Vec::new();
    let mut cursor = None;
    loop {
        let page = api::topics(cursor.as_deref()).await?;
        topics.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(Start {
        first,
        languages: settings.value.languages,
        topics,
    })
}
