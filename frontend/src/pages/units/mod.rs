//! `/staff/admin/units`: the district's schools and departments for its
//! admins — listed by name, a page at a time; added, changed and removed
//! in place. One that inquiries concern stays, and the page says why.

mod editor;
mod list;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use leptos::prelude::*;

/// The schools and departments page.
#[component]
pub fn Units() -> impl IntoView {
    view! {
        <RequireStaff>
            <UnitsBody />
        </RequireStaff>
    }
}

#[component]
fn UnitsBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, units_title).to_string());
    let allowed = allowed();
    let first = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                api::units(None).await
            } else {
                Err(forbidden())
            }
        }
    });
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, units_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, units_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, units_intro)}</p>
                {move || match first.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(page)) => view! { <list::UnitList first=page /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}
