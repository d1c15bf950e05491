//! `/staff/admin/calendar`: the district's business calendar for its
//! admins — when it is open on each day of the week (a lunch break is two
//! periods), and the holidays and school breaks it is closed. Service
//! standards count only open time, so a change here moves due times; the
//! server counts them again in the background and the page says how that
//! stands.

mod closures;
mod draft;
mod form;
mod week;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use leptos::prelude::*;

/// The calendar page.
#[component]
pub fn Calendar() -> impl IntoView {
    view! {
        <RequireStaff>
            <CalendarBody />
        </RequireStaff>
    }
}

#[component]
fn CalendarBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, calendar_title).to_string());
    let allowed = allowed();
    let current = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                api::calendar().await
            } else {
                Err(forbidden())
            }
        }
    });
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, calendar_forbidden) /> };
    view! {
        <div class="heard-container">
            <h1>{t!(i18n, calendar_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, calendar_intro)}</p>
                {move || match current.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(t)) => view! { <form::CalendarForm initial=t /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// The name of a day of the week in a language.
pub type DayName = fn(Locale) -> &'static str;

/// The days of the week, Monday first: their key in the API's paths
/// (`weekly_hours.mon`) and their name.
pub const DAYS: [(&str, DayName); 7] = [
    ("mon", |l| td_string!(l, day_mon)),
    ("tue", |l| td_string!(l, day_tue)),
    ("wed", |l| td_string!(l, day_wed)),
    ("thu", |l| td_string!(l, day_thu)),
    ("fri", |l| td_string!(l, day_fri)),
    ("sat", |l| td_string!(l, day_sat)),
    ("sun", |l| td_string!(l, day_sun)),
];

/// The name of the day whose key is `key`.
pub fn day_name(l: Locale, key: &str) -> Option<&'static str> {
    DAYS.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, name)| name(l))
}
