//! The holidays and school breaks: each a name and its first and last
//! closed day, added and removed in place.

use super::draft::{ClosureDraft, Draft};
use crate::components::form::{field_id, focus_id, Errors, FieldMessage, TextInput};
use crate::i18n::*;
use leptos::prelude::*;

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
