//! `/staff/admin/settings`: the district's settings for its admins — its
//! name and address, the languages it answers in, the tab families click,
//! its service standard, what it promises on each pillar, and how long it
//! keeps families' contact details.

mod draft;
mod form;
mod languages;
mod logo;
mod service;
mod tab;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use leptos::prelude::*;

/// The settings page.
#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <RequireStaff>
            <SettingsBody />
        </RequireStaff>
    }
}

#[component]
fn SettingsBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, settings_title).to_string());
    let allowed = allowed();
    let current = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                api::district_settings().await
            } else {
                Err(forbidden())
            }
        }
    });
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, settings_forbidden) /> };
    view! {
        <div class="heard-container">
            <h1>{t!(i18n, settings_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, settings_intro)}</p>
                {move || match current.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(t)) => view! { <form::SettingsForm initial=t /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}
