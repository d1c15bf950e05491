//! The settings form: every setting at once, saved against the version last
//! read, with what came of the save said beside the button.

use super::draft::Draft;
use super::languages::LanguagesFieldset;
use super::logo::LogoFieldset;
use super::service::{PillarsFieldset, PrivacyFieldset, ServiceFieldset};
use super::tab::TabFieldset;
use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning, SuccessAlert};
use crate::components::form::{field_id, focus_id, ErrorSummary, Errors, TextInput};
use crate::components::layout::use_brand;
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::session::{keep_district, use_session};
use heard_domain::api::DistrictSettings;
use leptos::prelude::*;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Saved; the form shows the settings as stored.
    Saved,
    /// Read again after a stale save; the admin's typing is gone.
    Reloaded,
    /// Someone else saved first; nothing was changed.
    Stale,
    /// Another district's address is this slug.
    SlugTaken(String),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The settings form, starting from `initial`.
#[component]
pub fn SettingsForm(initial: Tagged) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let brand = use_brand();
    let tasks = ViewTasks::new();
    let draft = Draft::new(&initial.value);
    // The version the next save is based on: the `ETag` of the last read or save.
    let version = RwSignal::new(initial.version);
    let held = RwSignal::new(initial.value);
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let teams = LocalResource::new(api::teams);

    // Takes the settings as the server now holds them, everywhere they show.
    let accept = move |t: Tagged| {
        version.set(t.version);
        draft.fill(&t.value);
        keep_district(session, t.value.district.clone());
        // The header names the district from the session once no page
        // has named it otherwise.
        brand.name.set(None);
        held.set(t.value);
    };

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            outcome.set(None);
            errors.set(Vec::new());
            let form = match draft.form() {
                Ok(f) => f,
                Err(local) => {
                    errors.set(local);
                    return;
                }
            };
            busy.set(true);
            let base = version.get_untracked();
            tasks.spawn(async move {
                match api::save_district_settings(base, &form).await {
                    Ok(t) => {
                        accept(t);
                        outcome.set(Some(Outcome::Saved));
                    }
                    // The admin's typing stays on screen: they decide
                    // whether to reload.
                    Err(e) if e.status() == Some(412) => outcome.set(Some(Outcome::Stale)),
                    Err(e) if e.status() == Some(409) => {
                        outcome.set(Some(Outcome::SlugTaken(form.slug.clone())))
                    }
                    Err(e) => {
                        let fields = e.field_errors();
                        if fields.is_empty() {
                            outcome.set(Some(Outcome::Failed(e)));
                        } else {
                            errors.set(fields);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };

    let reload = move |()| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        tasks.spawn(async move {
            match api::district_settings().await {
                Ok(t) => {
                    accept(t);
                    errors.set(Vec::new());
                    outcome.set(Some(Outcome::Reloaded));
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
            busy.set(false);
        });
    };

    view! {
        <form class="usa-form heard-form heard-settings" novalidate on:submit=save>
            <ErrorSummary errors=errors />
            <DistrictFieldset draft=draft errors=errors />
            <LanguagesFieldset draft=draft errors=errors />
            <TabFieldset draft=draft errors=errors />
            <LogoFieldset version=version held=held reload=Callback::new(reload.clone()) />
            <ServiceFieldset draft=draft errors=errors teams=teams held=held />
            <PillarsFieldset draft=draft errors=errors />
            <PrivacyFieldset draft=draft errors=errors />
            <div class="heard-live heard-settings__outcome" role="status">
                {move || match outcome.get() {
                    Some(Outcome::Saved) => Some(view! {
                        <SuccessAlert text=Signal::derive(move || t_string!(i18n, settings_saved).to_string()) />
                    }),
                    Some(Outcome::Reloaded) => Some(view! {
                        <SuccessAlert text=Signal::derive(move || t_string!(i18n, settings_reloaded).to_string()) />
                    }),
                    _ => None,
                }}
            </div>
            {move || match outcome.get() {
                Some(Outcome::Stale) => Some(view! {
                    <StaleWarning text=|l| td_string!(l, settings_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                }
                .into_any()),
                Some(Outcome::SlugTaken(slug)) => Some(view! { <SlugTaken slug=slug /> }.into_any()),
                Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                _ => None,
            }}
            <button type="submit" class="usa-button heard-settings__save" disabled=move || busy.get()>
                {t!(i18n, settings_save)}
            </button>
        </form>
    }
}

/// The district's name, address and clock.
#[component]
fn DistrictFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let slug_hint = Signal::derive(move || {
        let slug = draft.slug.get();
        t_string!(i18n, settings_slug_hint, slug = slug.trim().to_owned()).to_string()
    });
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_district_legend)}</legend>
            <TextInput
                field="name"
                label=Signal::derive(move || t_string!(i18n, settings_name_label).to_string())
                value=draft.name
                errors=errors
                autocomplete="organization"
                required=true
            />
            <TextInput
                field="slug"
                label=Signal::derive(move || t_string!(i18n, settings_slug_label).to_string())
                hint=slug_hint
                value=draft.slug
                errors=errors
                required=true
                class="heard-settings__short"
            />
            <TextInput
                field="time_zone"
                label=Signal::derive(move || t_string!(i18n, settings_time_zone_label).to_string())
                hint=Signal::derive(move || t_string!(i18n, settings_time_zone_hint).to_string())
                value=draft.time_zone
                errors=errors
                required=true
                class="heard-settings__short"
            />
        </fieldset>
    }
}

/// Says that another district has the address asked for, and leads to it.
#[component]
fn SlugTaken(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let target = field_id("slug");
    let href = format!("#{target}");
    view! {
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div class="usa-alert__body">
                <p class="usa-alert__text">
                    {move || t_string!(i18n, settings_slug_taken, slug = slug.clone()).to_string()}
                    " "
                    <a
                        href=href
                        on:click=move |ev| {
                            ev.prevent_default();
                            focus_id(&target);
                        }
                    >
                        {t!(i18n, settings_slug_change)}
                    </a>
                </p>
            </div>
        </div>
    }
}

/// The settings last read or saved, for what the form shows beside the
/// fields (the business day's length).
pub type Held = RwSignal<DistrictSettings>;
