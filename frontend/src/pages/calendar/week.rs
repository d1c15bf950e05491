//! The opening hours of each day of the week: a fieldset per day, each of
//! its periods an opening and a closing time, added and removed in place.

use super::draft::{Draft, PeriodDraft};
use super::{DayName, DAYS};
use crate::components::form::{field_id, focus_id, Errors, FieldMessage, TextInput};
use crate::i18n::*;
use heard_domain::calendar::form::MAX_PERIODS_PER_DAY;
use leptos::prelude::*;

/// Every day's periods, with the district's time zone said once above them.
#[component]
pub fn WeekFieldset(
    draft: Draft,
    errors: Errors,
    #[prop(into)] time_zone: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint =
        move || t_string!(i18n, calendar_hours_hint, time_zone = time_zone.get()).to_string();
    view! {
        <fieldset
            class="usa-fieldset heard-settings__set"
            id=field_id("weekly_hours")
            tabindex="-1"
            aria-describedby="calendar-hours-hint"
        >
            <legend class="usa-legend usa-legend--large">{t!(i18n, calendar_hours_legend)}</legend>
            <p class="usa-hint heard-settings__note" id="calendar-hours-hint">{hint}</p>
            <div class="usa-form-group heard-calendar__whole">
                <FieldMessage field="weekly_hours" errors=errors />
            </div>
            <div class="heard-calendar__week">
                {DAYS
                    .iter()
                    .enumerate()
                    .map(|(index, (key, name))| view! { <DayFieldset draft=draft errors=errors index=index key=key name=*name /> })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// One day: its periods, or that it is closed.
#[component]
fn DayFieldset(
    draft: Draft,
    errors: Errors,
    index: usize,
    key: &'static str,
    name: DayName,
) -> impl IntoView {
    let i18n = use_i18n();
    let periods = draft.day(index);
    let day_field = format!("weekly_hours.{key}");
    let add_id = format!("add-period-{key}");
    let add = move |_| {
        draft.add_period(index);
        errors.set(Vec::new());
        let last = periods.with_untracked(Vec::len).saturating_sub(1);
        focus_after_render(field_id(&format!("weekly_hours.{key}[{last}].opens")));
    };
    let full = move || periods.with(|ps| ps.len() >= MAX_PERIODS_PER_DAY);
    view! {
        <fieldset class="usa-fieldset heard-calendar__day" id=field_id(&day_field) tabindex="-1">
            <legend class="usa-legend heard-calendar__dayname">{move || name(i18n.get_locale())}</legend>
            <FieldMessage field=day_field.clone() errors=errors />
            {
                let add_id = add_id.clone();
                move || {
                let list = periods.get();
                if list.is_empty() {
                    return view! { <p class="heard-calendar__closed">{t!(i18n, calendar_closed_day)}</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(i, p)| view! {
                        <Period draft=draft errors=errors index=index key=key name=name place=i period=p add_id=add_id.clone() />
                    })
                    .collect_view()
                    .into_any()
            }}
            <Show when=move || !full()>
                <button
                    type="button"
                    class="usa-button usa-button--outline heard-calendar__add"
                    id=add_id.clone()
                    aria-label=move || t_string!(i18n, calendar_add_period_on, day = name(i18n.get_locale())).to_string()
                    on:click=add
                >
                    {t!(i18n, calendar_add_period)}
                </button>
            </Show>
        </fieldset>
    }
}

/// Moves focus to `id` once the element the last change adds is drawn.
fn focus_after_render(id: String) {
    request_animation_frame(move || focus_id(&id));
}

/// One period of a day: when it opens and closes, and its remove button.
#[component]
fn Period(
    draft: Draft,
    errors: Errors,
    index: usize,
    key: &'static str,
    name: DayName,
    place: usize,
    period: PeriodDraft,
    add_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = (place + 1).to_string();
    let context = {
        let n = n.clone();
        Signal::derive(move || {
            t_string!(
                i18n,
                calendar_period_context,
                day = name(i18n.get_locale()),
                n = n.clone()
            )
            .to_string()
        })
    };
    let remove_label = move || {
        t_string!(
            i18n,
            calendar_remove_period_of,
            day = name(i18n.get_locale()),
            n = n.clone()
        )
        .to_string()
    };
    let remove = move |_| {
        draft.remove_period(index, period.key);
        errors.set(Vec::new());
        focus_after_render(add_id.clone());
    };
    view! {
        <div class="heard-calendar__period">
            <TextInput
                field=format!("weekly_hours.{key}[{place}].opens")
                label=Signal::derive(move || t_string!(i18n, calendar_opens).to_string())
                context=context
                value=period.opens
                errors=errors
                input_type="time"
                required=true
                class="heard-calendar__time"
            />
            <TextInput
                field=format!("weekly_hours.{key}[{place}].closes")
                label=Signal::derive(move || t_string!(i18n, calendar_closes).to_string())
                context=context
                value=period.closes
                errors=errors
                input_type="time"
                required=true
                class="heard-calendar__time"
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
    }
}
