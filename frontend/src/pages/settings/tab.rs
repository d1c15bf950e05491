//! The "Contact us" tab: its words in each language, its colour with the
//! contrast it has on white, where it sits, and a preview of it.

use super::draft::{tab_label_field, Draft};
use crate::components::form::{
    describedby, error_for, field_id, Choice, Errors, FieldMessage, RadioGroup, TextInput,
};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use heard_domain::api::TabPosition;
use heard_domain::colour;
use heard_domain::district::{color_contrast, MIN_COLOR_CONTRAST};
use leptos::prelude::*;

/// Everything about the tab.
#[component]
pub fn TabFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let positions = Signal::derive(move || {
        let l = i18n.get_locale();
        TabPosition::ALL
            .iter()
            .map(|p| Choice::new(p.as_str(), labels::tab_position(l, *p)))
            .collect::<Vec<_>>()
    });
    view! {
        <fieldset class="usa-fieldset heard-settings__set">
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_tab_legend)}</legend>
            <p class="usa-hint heard-settings__note">{t!(i18n, settings_tab_intro)}</p>
            // Drawn again only when the languages change; the words typed
            // live in the draft.
            {move || draft.in_order().into_iter().map(|l| {
                let tag = labels::lang(l);
                view! {
                    <TextInput
                        field=tab_label_field(l)
                        label=Signal::derive(move || {
                            t_string!(i18n, settings_tab_label, language = labels::language_name(tag)).to_string()
                        })
                        value=draft.tab_labels.of(l)
                        errors=errors
                        required=true
                        class="heard-settings__short"
                    />
                }
            }).collect_view()}
            <ColourField draft=draft errors=errors />
            <RadioGroup
                field="branding.position"
                legend=Signal::derive(move || t_string!(i18n, settings_position_legend).to_string())
                choices=positions
                value=draft.position
                errors=errors
                required=true
            />
            <TabPreview draft=draft />
        </fieldset>
    }
}

/// The colour as typed, with a picker beside it and its contrast against
/// white read out as it changes: the server refuses less than 3:1.
#[component]
fn ColourField(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    const FIELD: &str = "branding.color";
    let id = field_id(FIELD);
    let hint_id = format!("{id}-hint");
    let readout_id = format!("{id}-contrast");
    let msg = error_for(errors, FIELD);
    let contrast = Memo::new(move |_| draft.color.with(|c| color_contrast(c)));
    let low = move || contrast.with(|c| c.as_ref().is_some_and(|(_, r)| *r < MIN_COLOR_CONTRAST));
    let readout = move || {
        let l = i18n.get_locale();
        let lang = labels::lang(l);
        let needed = fmt::number(MIN_COLOR_CONTRAST, 1, lang);
        match contrast.get() {
            None => td_string!(l, settings_contrast_unknown).to_string(),
            // Rounded down, as the server says it: 2.96 is not "3:1".
            Some((_, r)) => {
                let ratio = fmt::number((r * 10.0).floor() / 10.0, 1, lang);
                if r >= MIN_COLOR_CONTRAST {
                    td_string!(l, settings_contrast_ok, ratio = ratio, needed = needed).to_string()
                } else {
                    td_string!(l, settings_contrast_low, ratio = ratio, needed = needed).to_string()
                }
            }
        }
    };
    // A colour input holds only a whole `#rrggbb`; while the text is
    // something else, it keeps the last one that was.
    let picked = Memo::new(move |last: Option<&String>| {
        contrast
            .with(|c| c.as_ref().map(|(hex, _)| hex.clone()))
            .or_else(|| last.cloned())
            .unwrap_or_else(|| "#000000".to_owned())
    });
    let described = {
        let (hint_id, readout_id) = (hint_id.clone(), readout_id.clone());
        move || {
            let rest = describedby(FIELD, false, msg.with(Option::is_some));
            let mut ids = format!("{hint_id} {readout_id}");
            if let Some(r) = rest {
                ids.push(' ');
                ids.push_str(&r);
            }
            ids
        }
    };
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || msg.with(Option::is_some)>
            <label class="usa-label" for=id.clone()>{t!(i18n, settings_color_label)}</label>
            <div class="usa-hint" id=hint_id>{t!(i18n, settings_color_hint)}</div>
            <FieldMessage field=FIELD errors=errors />
            <div class="heard-colour">
                <input
                    class="usa-input heard-colour__hex"
                    class:usa-input--error=move || msg.with(Option::is_some)
                    id=id
                    name=FIELD
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || msg.with(Option::is_some).then_some("true")
                    aria-required="true"
                    bind:value=draft.color
                />
                <input
                    class="heard-colour__picker"
                    type="color"
                    aria-label=move || t_string!(i18n, settings_color_picker)
                    prop:value=move || picked.get()
                    on:input:target=move |ev| draft.color.set(ev.target().value())
                />
            </div>
            <p class="heard-contrast" class:heard-contrast--low=low id=readout_id aria-live="polite">
                {readout}
            </p>
        </div>
    }
}

/// The tab as families would see it on a page, once per offered language,
/// in the colour typed (the last whole colour while it is being typed) and
/// the text colour that reads best on it.
#[component]
fn TabPreview(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Memo::new(move |last: Option<&String>| {
        draft
            .color
            .with(|c| color_contrast(c).map(|(hex, _)| hex))
            .or_else(|| last.cloned())
            .unwrap_or_else(|| "#565c65".to_owned())
    });
    let style = move || {
        let bg = shown.get();
        format!("background-color: {bg}; color: {};", colour::text_on(&bg))
    };
    let page_class = move || {
        format!(
            "heard-tabpreview__page heard-tabpreview__page--{}",
            draft.position.get()
        )
    };
    view! {
        <div class="heard-tabpreview" role="group" aria-labelledby="tabpreview-title">
            <p class="heard-tabpreview__title" id="tabpreview-title">{t!(i18n, settings_preview_title)}</p>
            <ul class="heard-tabpreview__pages">
                {move || draft.in_order().into_iter().map(|l| {
                    let tag = labels::lang(l);
                    let label = draft.tab_labels.of(l);
                    view! {
                        <li class=page_class>
                            <span class="heard-tabpreview__lang" lang=tag>{labels::language_name(tag)}</span>
                            <span class="heard-tabpreview__tab" lang=tag style=style>
                                {move || label.get()}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
