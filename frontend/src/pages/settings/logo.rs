//! The district's logo: the one families see now, choosing another (saved
//! as soon as it is chosen, apart from the rest of the form) or none.

use super::form::Held;
use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning, SuccessAlert};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Outcome {
    Saved,
    Removed,
    /// The server would not take the file named.
    Refused(String),
    Stale,
    Failed(ApiError),
}

/// The logo's part of the settings. `version` is the form's: a logo change
/// moves the settings to their next version, which the form's next save
/// is then based on; the admin's typing elsewhere stays as it is.
#[component]
pub fn LogoFieldset(version: RwSignal<i64>, held: Held, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let input = NodeRef::<leptos::html::Input>::new();
    let took = move |t: Tagged| {
        version.set(t.version);
        held.set(t.value);
    };
    let upload = {
        let tasks = tasks.clone();
        move |_| {
            let Some(el) = input.get_untracked() else {
                return;
            };
            let el: web_sys::HtmlInputElement = el.unchecked_into();
            let Some(file) = el.files().and_then(|f| f.get(0)) else {
                return;
            };
            busy.set(true);
            outcome.set(None);
            tasks.spawn(async move {
                let next = match api::upload_logo(version.get_untracked(), &file).await {
                    Ok(t) => {
                        took(t);
                        Outcome::Saved
                    }
                    Err(e) if e.status() == Some(412) => Outcome::Stale,
                    Err(ApiError::Problem(p)) if p.status == 422 || p.status == 413 => {
                        Outcome::Refused(file.name())
                    }
                    Err(e) => Outcome::Failed(e),
                };
                outcome.set(Some(next));
                el.set_value("");
                busy.set(false);
            });
        }
    };
    let remove = Callback::new(move |()| {
        busy.set(true);
        outcome.set(None);
        tasks.spawn(async move {
            let next = match api::remove_logo(version.get_untracked()).await {
                Ok(t) => {
                    took(t);
                    Outcome::Removed
                }
                Err(e) if e.status() == Some(412) => Outcome::Stale,
                Err(e) => Outcome::Failed(e),
            };
            outcome.set(Some(next));
            busy.set(false);
        });
    });
    let current = move || {
        let l = i18n.get_locale();
        match held.with(|h| h.branding.logo.clone()) {
            Some(logo) => {
                let size = td_string!(
                    l,
                    settings_logo_current,
                    width = logo.width,
                    height = logo.height
                )
                .to_string();
                view! {
                    <figure class="heard-settings__logo">
                        <img
                            src=logo.url
                            alt=td_string!(l, settings_logo_alt)
                            width=logo.width
                            height=logo.height
                        />
                        <figcaption class="usa-hint">{size}</figcaption>
                    </figure>
                    <button
                        type="button"
                        class="usa-button usa-button--outline heard-settings__logo-remove"
                        disabled=move || busy.get()
                        on:click=move |_| remove.run(())
                    >
                        {td_string!(l, settings_logo_remove)}
                    </button>
                }
                .into_any()
            }
            None => {
                view! { <p class="heard-muted">{td_string!(l, settings_logo_none)}</p> }.into_any()
            }
        }
    };
    let said = move || {
        let l = i18n.get_locale();
        match outcome.get()? {
            Outcome::Saved => Some(
                view! {
                    <SuccessAlert text=Signal::derive(move || td_string!(l, settings_logo_saved).to_string()) />
                }
                .into_any(),
            ),
            Outcome::Removed => Some(
                view! {
                    <SuccessAlert text=Signal::derive(move || td_string!(l, settings_logo_removed).to_string()) />
                }
                .into_any(),
            ),
            Outcome::Refused(file) => {
                let text = td_string!(l, settings_logo_refused, file = file).to_string();
                Some(
                    view! {
                        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{text}</p>
                            </div>
                        </div>
                    }
                    .into_any(),
                )
            }
            Outcome::Stale => Some(
                view! {
                    <StaleWarning text=|l| td_string!(l, settings_logo_stale) busy=busy on_reload=reload />
                }
                .into_any(),
            ),
            Outcome::Failed(e) => Some(view! { <ErrorAlert error=e /> }.into_any()),
        }
    };
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_logo_legend)}</legend>
            <p class="usa-hint heard-settings__note">{t!(i18n, settings_logo_intro)}</p>
            {current}
            <div class="usa-form-group">
                <label class="usa-label" for="logo-file">{t!(i18n, settings_logo_label)}</label>
                <div class="usa-hint" id="logo-file-hint">{t!(i18n, settings_logo_hint)}</div>
                <input
                    class="heard-calendar__file"
                    id="logo-file"
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    aria-describedby="logo-file-hint"
                    disabled=move || busy.get()
                    node_ref=input
                    on:change=upload
                />
            </div>
            <div role="status" class="heard-live">{said}</div>
        </fieldset>
    }
}
