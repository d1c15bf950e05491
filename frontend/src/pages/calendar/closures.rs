//! The holidays and school breaks: each a name and its first and last
//! closed day, added and removed in place.

use super::draft::{ClosureDraft, Draft};
use crate::api::{self, ApiError};
use crate::components::feedback::ErrorAlert;
use crate::components::files::chosen_file;
use crate::components::form::{field_id, focus_id, Errors, FieldMessage, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use heard_domain::api::{CalendarImport, SkippedEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What came of reading a calendar file.
#[derive(Clone)]
enum Imported {
    /// Read: its name, how many closures were added, what was skipped.
    Read(String, usize, Vec<SkippedEvent>),
    /// The server read no calendar in it (422), or it is too large (413).
    NotACalendar(String),
    /// The server could not be reached, or said no otherwise.
    Failed(ApiError),
}

/// Adds the holidays and breaks of an iCalendar file (from a calendar app
/// or the school board's website) to the form, and says what it added and
/// what it left out; the admin saves the calendar as usual.
#[component]
fn ImportFile(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let outcome = RwSignal::new(None::<Imported>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let read = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let el: web_sys::HtmlInputElement = el.unchecked_into();
        busy.set(true);
        tasks.spawn(async move {
            if let Some((name, text)) = chosen_file(&el).await {
                let result = match api::import_calendar(&text).await {
                    Ok(CalendarImport { closures, skipped }) => {
                        errors.set(Vec::new());
                        Imported::Read(name, draft.add_found(&closures), skipped)
                    }
                    Err(ApiError::Problem(p)) if p.status == 422 || p.status == 413 => {
                        Imported::NotACalendar(name)
                    }
                    Err(e) => Imported::Failed(e),
                };
                outcome.set(Some(result));
            }
            // Chosen again, the same file is read again.
            el.set_value("");
            busy.set(false);
        });
    };
    let told = move || {
        let l = i18n.get_locale();
        match outcome.get()? {
            Imported::Read(name, added, skipped) => {
                let said = td_string!(l, calendar_import_added, n = added, file = name).to_string();
                Some(
                    view! {
                        <div class="usa-alert usa-alert--info usa-alert--slim heard-calendar__imported">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{said}</p>
                                {(!skipped.is_empty()).then(|| view! {
                                    <p class="usa-alert__text">{td_string!(l, calendar_import_skipped)}</p>
                                    <ul class="usa-list">
                                        {skipped.into_iter().map(|s| {
                                            let day = s.first_day.map(|d| format!(" ({d})")).unwrap_or_default();
                                            let summary = if s.summary.is_empty() { td_string!(l, calendar_import_untitled).to_string() } else { s.summary };
                                            view! { <li>{format!("{summary}{day}: {}", labels::skip_reason(l, s.reason))}</li> }
                                        }).collect_view()}
                                    </ul>
                                })}
                            </div>
                        </div>
                    }
                    .into_any(),
                )
            }
            Imported::NotACalendar(name) => {
                let said = td_string!(l, calendar_import_unreadable, file = name).to_string();
                Some(
                    view! {
                        <div class="usa-alert usa-alert--error usa-alert--slim heard-calendar__imported" role="alert">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{said}</p>
                            </div>
                        </div>
                    }
                    .into_any(),
                )
            }
            Imported::Failed(e) => Some(view! { <ErrorAlert error=e /> }.into_any()),
        }
    };
    view! {
        <div class="usa-form-group heard-calendar__import">
            <label class="usa-label" for="calendar-import-file">{t!(i18n, calendar_import_label)}</label>
            <div class="usa-hint" id="calendar-import-hint">{t!(i18n, calendar_import_hint)}</div>
            <input
                class="heard-calendar__file"
                id="calendar-import-file"
                type="file"
                accept=".ics,text/calendar"
                aria-describedby="calendar-import-hint"
                disabled=move || busy.get()
                node_ref=input
                on:change=read
            />
            <div role="status" class="heard-live">{told}</div>
        </div>
    }
}

const ADD_ID: &str = "add-closure";

/// Every holiday and break, and the button that adds one.
#[component]
pub fn ClosuresFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        draft.add_closure();
        errors.set(Vec::new());
        let last = draft.closures.with_untracked(Vec::len).saturating_sub(1);
        let id = field_id(&format!("closures[{last}].name"));
        request_animation_frame(move || focus_id(&id));
    };
    view! {
        <fieldset
            class="usa-fieldset heard-settings__set"
            id=field_id("closures")
            tabindex="-1"
            aria-describedby="calendar-closures-hint"
        >
            <legend class="usa-legend usa-legend--large">{t!(i18n, calendar_closures_legend)}</legend>
            <p class="usa-hint heard-settings__note" id="calendar-closures-hint">{t!(i18n, calendar_closures_hint)}</p>
            <div class="usa-form-group heard-calendar__whole">
                <FieldMessage field="closures" errors=errors />
            </div>
            {move || {
                let list = draft.closures.get();
                if list.is_empty() {
                    return view! { <p class="heard-empty">{t!(i18n, calendar_no_closures)}</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(i, c)| view! { <ClosureRow draft=draft errors=errors place=i closure=c /> })
                    .collect_view()
                    .into_any()
            }}
            <button type="button" class="usa-button usa-button--outline heard-calendar__add" id=ADD_ID on:click=add>
                {t!(i18n, calendar_add_closure)}
            </button>
            <ImportFile draft=draft errors=errors />
        </fieldset>
    }
}

/// One holiday or break.
#[component]
fn ClosureRow(draft: Draft, errors: Errors, place: usize, closure: ClosureDraft) -> impl IntoView {
    let i18n = use_i18n();
    let n = (place + 1).to_string();
    let legend = {
        let n = n.clone();
        move || t_string!(i18n, calendar_closure_legend, n = n.clone()).to_string()
    };
    let context = {
        let legend = legend.clone();
        Signal::derive(move || format!("{}:", legend()))
    };
    let remove_label =
        move || t_string!(i18n, calendar_remove_closure_of, n = n.clone()).to_string();
    let remove = move |_| {
        draft.remove_closure(closure.key);
        errors.set(Vec::new());
        request_animation_frame(|| focus_id(ADD_ID));
    };
    let field = |part: &str| format!("closures[{place}].{part}");
    view! {
        <fieldset class="usa-fieldset heard-calendar__closure">
            <legend class="usa-legend heard-calendar__closure-legend">{legend}</legend>
            <div class="heard-calendar__closure-fields">
                <div class="heard-calendar__closure-name">
                    <TextInput
                        field=field("name")
                        label=Signal::derive(move || t_string!(i18n, calendar_closure_name).to_string())
                        context=context
                        value=closure.name
                        errors=errors
                        required=true
                    />
                </div>
                <TextInput
                    field=field("first_day")
                    label=Signal::derive(move || t_string!(i18n, calendar_first_day).to_string())
                    context=context
                    value=closure.first_day
                    errors=errors
                    input_type="date"
                    required=true
                    class="heard-calendar__date"
                />
                <TextInput
                    field=field("last_day")
                    label=Signal::derive(move || t_string!(i18n, calendar_last_day).to_string())
                    context=context
                    value=closure.last_day
                    errors=errors
                    input_type="date"
                    required=true
                    class="heard-calendar__date"
                />
                <button
                    type="button"
                    class="usa-button usa-button--unstyled heard-calendar__remove"
                    aria-label=remove_label
                    on:click=remove
                >
                    {t!(i18n, calendar_remove)}
                </button>
            </div>
        </fieldset>
    }
}
