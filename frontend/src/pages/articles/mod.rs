//! `/staff/admin/articles`: the help articles families find before they
//! write, for the district's admins — by language then title, a page at a
//! time; each a question and its answer in Markdown, linked to a topic,
//! published or kept as a draft, added, changed and removed in place.

mod editor;
mod list;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api::{self, ApiResult};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use heard_domain::api::{ArticlePage, Topic};
use leptos::prelude::*;

/// The help articles page.
#[component]
pub fn Articles() -> impl IntoView {
    view! {
        <RequireStaff>
            <ArticlesBody />
        </RequireStaff>
    }
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

#[component]
fn ArticlesBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, articles_title).to_string());
    let allowed = allowed();
    let loaded = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                start().await
            } else {
                Err(forbidden())
            }
        }
    });
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, articles_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, articles_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, articles_intro)}</p>
                {move || match loaded.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(s)) => view! {
                        <list::ArticleList first=s.first languages=s.languages topics=s.topics />
                    }
                    .into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}
