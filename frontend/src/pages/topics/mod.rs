//! `/staff/admin/topics`: what families pick from, for the district's
//! admins — in the portal's order, a page at a time; each written in every
//! language the district offers, sent to a team, added, changed and removed
//! in place. One that inquiries are about stays, and the page says why.

mod editor;
mod list;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api::{self, ApiResult};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use heard_domain::api::{TeamList, TopicPage};
use leptos::prelude::*;

/// The topics page.
#[component]
pub fn Topics() -> impl IntoView {
    view! {
        <RequireStaff>
            <TopicsBody />
        </RequireStaff>
    }
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

#[component]
fn TopicsBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, topics_title).to_string());
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
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, topics_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, topics_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, topics_intro)}</p>
                {move || match loaded.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(s)) => view! {
                        <list::TopicList first=s.first languages=s.languages teams=s.teams />
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
