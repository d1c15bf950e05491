//! `/`: sends families to their district's portal.

use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Redirects to the only (or first) district.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let districts = LocalResource::new(api::districts);
    super::title_effect(move || t_string!(i18n, home_title).to_string());
    view! {
        <div class="heard-container heard-narrow">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match districts.await {
                        Ok(list) => match list.first() {
                            Some(d) => view! { <Redirect path=format!("/{}", d.slug) /> }.into_any(),
                            None => view! {
                                <h1>{t!(i18n, home_title)}</h1>
                                <p>{t!(i18n, home_no_district)}</p>
                            }.into_any(),
                        },
                        Err(e) => view! {
                            <h1>{t!(i18n, home_title)}</h1>
                            <ErrorAlert error=e />
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
