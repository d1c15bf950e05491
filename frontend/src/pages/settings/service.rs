//! The district's service standard, what it promises on each pillar, and
//! how long it keeps families' contact details.

use super::draft::{pillar_field, Draft};
use super::form::Held;
use crate::api::ApiResult;
use crate::components::form::{Choice, Errors, SelectField, TextArea, TextInput};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use heard_domain::api::TeamList;
use heard_domain::Pillar;
use leptos::prelude::*;

/// The hint of a field in business minutes: how long a business day is
/// here, and how many days the number typed makes.
fn minutes_hint(
    i18n: leptos_i18n::I18nContext<Locale>,
    held: Held,
    value: RwSignal<String>,
) -> Signal<String> {
    Signal::derive(move || {
        let l = i18n.get_locale();
        let lang = labels::lang(l);
        let day = held.with(|s| s.business_day_minutes);
        if day <= 0 {
            return td_string!(l, settings_minutes_hint_plain).to_string();
        }
        let mut hint = td_string!(
            l,
            settings_minutes_hint,
            day = fmt::number(day as f64, 0, lang)
        )
        .to_string();
        if let Ok(n) = value.with(|v| v.trim().parse::<i64>()) {
            let days = fmt::number(n as f64 / day as f64, 1, lang);
            hint.push(' ');
            hint.push_str(&td_string!(l, settings_minutes_days, days = days).to_string());
        }
        hint
    })
}

/// The standard clock, when an inquiry is past due, and the team for
/// what no rule routes.
#[component]
pub fn ServiceFieldset(
    draft: Draft,
    errors: Errors,
    teams: LocalResource<ApiResult<TeamList>>,
    held: Held,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let team_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        let mut choices = vec![Choice::new("", td_string!(l, settings_no_fallback_team))];
        match teams.get() {
            Some(Ok(list)) => choices.extend(
                list.items
                    .into_iter()
                    .map(|t| Choice::new(t.id.to_string(), t.name)),
            ),
            // Until the teams are in (or if they cannot be), the one chosen still shows.
            _ => choices.extend(held.with(|s| {
                s.fallback_team
                    .as_ref()
                    .map(|t| Choice::new(t.id.to_string(), t.name.clone()))
            })),
        }
        choices
    });
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_service_legend)}</legend>
            <TextInput
                field="standard.first_response_minutes"
                label=label(|l| td_string!(l, settings_first_response_label))
                hint=minutes_hint(i18n, held, draft.first_response)
                value=draft.first_response
                errors=errors
                required=true
                inputmode="numeric"
                class="heard-settings__number"
            />
            <TextInput
                field="standard.resolution_minutes"
                label=label(|l| td_string!(l, settings_resolution_label))
                hint=minutes_hint(i18n, held, draft.resolution)
                value=draft.resolution
                errors=errors
                required=true
                inputmode="numeric"
                class="heard-settings__number"
            />
            <TextInput
                field="past_due_business_days"
                label=label(|l| td_string!(l, settings_past_due_label))
                hint=label(|l| td_string!(l, settings_past_due_hint))
                value=draft.past_due
                errors=errors
                required=true
                inputmode="numeric"
                class="heard-settings__number"
            />
            <SelectField
                field="fallback_team_id"
                label=label(|l| td_string!(l, settings_fallback_team_label))
                hint=label(|l| td_string!(l, settings_fallback_team_hint))
                choices=team_choices
                value=draft.fallback_team
                errors=errors
            />
        </fieldset>
    }
}

/// What the district promises on each pillar, in each language it offers.
#[component]
pub fn PillarsFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_pillars_legend)}</legend>
            <p class="usa-hint heard-settings__note">{t!(i18n, settings_pillars_hint)}</p>
            {Pillar::ALL.iter().map(|p| {
                let p = *p;
                view! {
                    <fieldset class="usa-fieldset heard-settings__pillar">
                        <legend class="usa-legend">{move || labels::pillar(i18n.get_locale(), p)}</legend>
                        {move || {
                            draft
                                .in_order()
                                .into_iter()
                                .map(|l| {
                                    let tag = labels::lang(l);
                                    view! {
                                        <TextArea
                                            field=pillar_field(p, l)
                                            label=Signal::derive(move || labels::language_name(tag))
                                            value=draft.pillar(p).of(l)
                                            errors=errors
                                            rows=3
                                        />
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// How long families' contact details are kept after an inquiry closes.
#[component]
pub fn PrivacyFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_privacy_legend)}</legend>
            <TextInput
                field="requester_retention_days"
                label=Signal::derive(move || t_string!(i18n, settings_retention_label).to_string())
                hint=Signal::derive(move || t_string!(i18n, settings_retention_hint).to_string())
                value=draft.retention
                errors=errors
                inputmode="numeric"
                class="heard-settings__number"
            />
        </fieldset>
    }
}
