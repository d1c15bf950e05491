//! `/staff/admin/teams`: the district's teams for its admins — listed by
//! name, a page at a time; added, renamed, given a fallback owner, their
//! members added and taken out, and removed once nothing uses them.

mod editor;
mod list;
mod members;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api::{self, ApiResult};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use heard_domain::api::{TeamList, TeamPage};
use heard_domain::StaffRef;
use leptos::prelude::*;

/// The teams page.
#[component]
pub fn Teams() -> impl IntoView {
    view! {
        <RequireStaff>
            <TeamsBody />
        </RequireStaff>
    }
}

#[component]
fn TeamsBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, teams_title).to_string());
    let allowed = allowed();
    let first = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                api::admin_teams(None).await
            } else {
                Err(forbidden())
            }
        }
    });
    // The people a team can take in: everyone in a team who works cases.
    let directory = LocalResource::new(api::teams);
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, teams_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, teams_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, teams_intro)}</p>
                {move || match first.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(page)) => view! { <list::TeamList first=page directory=directory /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// Everyone known to the page, by name, once each: the members of the
/// teams in the directory and of those listed here.
pub fn people(directory: Option<ApiResult<TeamList>>, listed: &TeamPage) -> Vec<StaffRef> {
    let mut all: Vec<StaffRef> = Vec::new();
    let from_directory = directory
        .and_then(Result::ok)
        .map(|d| {
            d.items
                .into_iter()
                .flat_map(|t| t.members)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let from_list = listed
        .items
        .iter()
        .flat_map(|t| t.members.iter().cloned().chain(t.fallback_owner.clone()));
    for p in from_directory.into_iter().chain(from_list) {
        if !all.iter().any(|a| a.id == p.id) {
            all.push(p);
        }
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}
