//! Shown for an address that is no page.

use crate::i18n::*;
use leptos::prelude::*;

/// Page not found.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, not_found_title).to_string());
    view! {
        <div class="heard-container heard-narrow">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <p><a href="/">{t!(i18n, not_found_home)}</a></p>
        </div>
    }
}
