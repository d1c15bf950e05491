//! `/staff/admin/topics`: what families pick from, for the district's
//! admins — in the portal's order, a page at a time; each written in every
//! language the district offers, sent to a team, added, changed and removed
//! in place. One that inquiries are about stays, and the page says why.

mod editor;
mod list;

use super::admin::{admin_page, PageWords};
use crate::api::{self, ApiResult};
use crate::i18n::*;
use heard_domain::api::{TeamList, TopicPage};
use leptos::prelude::*;

/// The topics page.
#[component]
pub fn Topics() -> impl IntoView {
    let words = PageWords {
        title: |l| td_string!(l, topics_title),
        intro: |l| td_string!(l, topics_intro),
        forbidden: |l| td_string!(l, topics_forbidden),
    };
    admin_page(words, start, |s| {
        view! { <list::TopicList first=s.first languages=s.languages teams=s.teams /> }.into_any()
    })
}

/// What the page needs before it can show anything: the first page, the
/// languages the district writes in (default first), and its teams.
#[derive(Debug, Clone)]
struct Start {
    first: TopicPage,
    languages: Vec<String>,
    teams: TeamList,
}

async fn start() -> ApiResult<Start> {
    let first = api::topics(None).await?;
    let settings = api::district_settings().await?;
    let teams = api::teams().await?;
    Ok(Start {
        first,
        languages: settings.value.languages,
        teams,
    })
}
