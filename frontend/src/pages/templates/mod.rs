//! `/staff/admin/templates`: the replies staff send often, for the
//! district's admins — by language then name, a page at a time; each with
//! placeholders the inbox fills in from the inquiry, added, changed and
//! removed in place.

mod editor;
mod list;

use super::admin::{admin_page, PageWords};
use crate::api::{self, ApiResult};
use crate::i18n::*;
use heard_domain::api::TemplatePage;
use leptos::prelude::*;

/// The reply templates page.
#[component]
pub fn Templates() -> impl IntoView {
    let words = PageWords {
        title: |l| td_string!(l, templates_title),
        intro: |l| td_string!(l, templates_intro),
        forbidden: |l| td_string!(l, templates_forbidden),
    };
    admin_page(words, start, |s| {
        view! { <list::TemplateList first=s.first languages=s.languages /> }.into_any()
    })
}

/// What the page needs before it can show anything: the first page and
/// the languages the district writes in (default first).
#[derive(Debug, Clone)]
struct Start {
    first: TemplatePage,
    languages: Vec<String>,
}

async fn start() -> ApiResult<Start> {
    let first = api::templates(None).await?;
    let settings = api::district_settings().await?;
    Ok(Start {
        first,
        languages: settings.value.languages,
    })
}
