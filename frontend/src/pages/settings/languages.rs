//! The languages the district answers in, and which of them is its default.

use super::draft::{offered, Draft};
use crate::components::form::{field_id, Errors};
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;

/// The element id of `l`'s box. The server names a language by its place
/// in the list sent (`languages[1]`), so a ticked box's id is that place,
/// and with none ticked the first box stands for the list: the error
/// summary's links reach them.
fn box_id(draft: Draft, l: Locale) -> String {
    let tag = labels::lang(l);
    draft
        .languages
        .with(|ls| match ls.iter().position(|t| t == tag) {
            Some(i) => field_id(&format!("languages[{i}]")),
            None if ls.is_empty() && offered().first() == Some(&l) => field_id("languages"),
            None => format!("{}-{tag}", field_id("languages")),
        })
}

/// The offered languages as ticks, and the default among them as radios.
#[component]
pub fn LanguagesFieldset(draft: Draft, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    // Every problem with the list or one of its places, said here.
    let messages = move || {
        let l = i18n.get_locale();
        errors.with(|es| {
            es.iter()
                .filter(|e| e.field == "languages" || e.field.starts_with("languages["))
                .map(|e| {
                    (
                        format!("{}-error", field_id(&e.field)),
                        labels::message(l, e),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let has_error = move || !messages().is_empty();
    let described = move || {
        let mut ids = vec![format!("{}-hint", field_id("languages"))];
        ids.extend(messages().into_iter().map(|(id, _)| id));
        ids.join(" ")
    };
    view! {
        <fieldset class="usa-fieldset heard-settings__set" aria-describedby=described>
            <legend class="usa-legend usa-legend--large">{t!(i18n, settings_languages_legend)}</legend>
            <div class="usa-form-group" class:usa-form-group--error=has_error>
                <div class="usa-hint" id=format!("{}-hint", field_id("languages"))>
                    {t!(i18n, settings_languages_hint)}
                </div>
                {move || messages().into_iter().map(|(id, text)| view! {
                    <span class="usa-error-message" id=id>{text}</span>
                }).collect_view()}
                <div class="heard-settings__languages">
                    {offered().iter().map(|l| {
                        let l = *l;
                        let tag = labels::lang(l);
                        let id = move || box_id(draft, l);
                        view! {
                            <div class="usa-checkbox">
                                <input
                                    class="usa-checkbox__input"
                                    type="checkbox"
                                    id=id
                                    name="languages"
                                    value=tag
                                    prop:checked=move || draft.offers(l)
                                    on:change:target=move |ev| draft.set_offered(l, ev.target().checked())
                                />
                                <label class="usa-checkbox__label" for=id lang=tag>
                                    {labels::language_name(tag)}
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </div>
            <DefaultLanguage draft=draft />
        </fieldset>
    }
}

/// The default among the offered languages: the tab's words and the
/// portal start in it.
#[component]
fn DefaultLanguage(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let choices = move || {
        offered()
            .iter()
            .copied()
            .filter(|l| draft.offers(*l))
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !choices().is_empty()>
            <fieldset class="usa-fieldset usa-form-group">
                <legend class="usa-legend">{t!(i18n, settings_default_language_legend)}</legend>
                <div class="usa-hint" id="default-language-hint">{t!(i18n, settings_default_language_hint)}</div>
                <div class="heard-radios">
                    {move || choices().into_iter().map(|l| {
                        let tag = labels::lang(l);
                        let id = format!("default-language-{tag}");
                        view! {
                            <div class="usa-radio">
                                <input
                                    class="usa-radio__input"
                                    type="radio"
                                    id=id.clone()
                                    name="default_language"
                                    value=tag
                                    aria-describedby="default-language-hint"
                                    prop:checked=move || draft.is_default(l)
                                    on:change=move |_| draft.set_default(l)
                                />
                                <label class="usa-radio__label" for=id lang=tag>
                                    {labels::language_name(tag)}
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </Show>
    }
}
