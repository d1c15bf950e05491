//! Form pieces in the public-service pattern: label above the field, a plain
//! hint, the error right above the input, and an error summary at the top
//! whose links move focus to each field.

use crate::i18n::*;
use crate::labels;
use heard_domain::validation::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The errors of one form, as a signal.
pub type Errors = RwSignal<Vec<FieldError>>;

/// The element id of a field, from its path in the request body.
pub fn field_id(path: &str) -> String {
    format!("f-{}", path.replace(['.', '_'], "-"))
}

/// Moves keyboard focus to the element with this id and brings it into view.
pub fn focus_id(id: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    el.scroll_into_view();
    let _ = el.focus();
}

/// The message for `field`, in the page's language.
pub fn error_for(errors: Errors, field: impl Into<String>) -> Signal<Option<String>> {
    let i18n = use_i18n();
    let field: String = field.into();
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| labels::message(i18n.get_locale(), e))
        })
    })
}

/// The list of problems at the top of a form; takes focus when it appears.
#[component]
pub fn ErrorSummary(errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let has = errors.with(|e| !e.is_empty());
        if let (true, Some(el)) = (has, node.get()) {
            let _ = el.focus();
        }
    });
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div
                class="usa-alert usa-alert--error heard-error-summary"
                tabindex="-1"
                node_ref=node
                aria-labelledby="error-summary-title"
            >
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading" id="error-summary-title">
                        {t!(i18n, error_summary_title)}
                    </h2>
                    <ul class="usa-list heard-error-summary__list">
                        {move || {
                            let l = i18n.get_locale();
                            errors
                                .get()
                                .into_iter()
                                .map(|e| {
                                    let id = field_id(&e.field);
                                    let href = format!("#{id}");
                                    let text = labels::message(l, &e);
                                    view! {
                                        <li>
                                            <a
                                                href=href
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    focus_id(&id);
                                                }
                                            >
                                                {text}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
        </Show>
    }
}

/// The inline error line above a field.
#[component]
pub fn FieldMessage(#[prop(into)] field: String, errors: Errors) -> impl IntoView {
    let id = format!("{}-error", field_id(&field));
    let msg = error_for(errors, field);
    move || {
        msg.get().map(|m| {
            view! {
                <span class="usa-error-message" id=id.clone()>
                    {m}
                </span>
            }
        })
    }
}

/// The ids of a field's hint and error, for `aria-describedby`.
pub fn describedby(field: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let id = field_id(field);
    let mut parts = Vec::new();
    if has_hint {
        parts.push(format!("{id}-hint"));
    }
    if has_error {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A labelled one-line text input.
#[component]
pub fn TextInput(
    /// Path of the field in the request body.
    #[prop(into)]
    field: String,
    /// Label text.
    #[prop(into)]
    label: Signal<String>,
    /// Words read before the label by screen readers only, where the
    /// label alone is one of many alike ("Monday, period 2:" before "Opens").
    #[prop(optional, into)]
    context: Option<Signal<String>>,
    /// Value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// Plain-language hint.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// `type` attribute.
    #[prop(default = "text")]
    input_type: &'static str,
    /// `autocomplete` attribute.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Whether the field is required.
    #[prop(optional)]
    required: bool,
    /// Extra classes on the input, e.g. a width.
    #[prop(optional)]
    class: &'static str,
    /// `inputmode` attribute: `numeric` brings up the digits on a phone
    /// without the quirks of `type="number"`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(&field);
    let msg = error_for(errors, field.clone());
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || msg.with(Option::is_some)>
            <label class="usa-label" for=id.clone()>
                {context.map(|c| view! { <span class="usa-sr-only">{move || c.get()} " "</span> })}
                {move || label.get()}
                {(!required).then(|| view! { <OptionalMark /> })}
            </label>
            {hint.map(|h| view! { <div class="usa-hint" id=hint_id>{move || h.get()}</div> })}
            <FieldMessage field=field.clone() errors=errors />
            <input
                class=format!("usa-input {class}")
                class:usa-input--error=move || msg.with(Option::is_some)
                id=id
                name=field.clone()
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=move || describedby(&field, has_hint, msg.with(Option::is_some))
                aria-invalid=move || msg.with(Option::is_some).then_some("true")
                aria-required=required.then_some("true")
                bind:value=value
            />
        </div>
    }
}

/// A labelled multi-line text area.
#[component]
pub fn TextArea(
    /// Path of the field in the request body.
    field: &'static str,
    /// Label text.
    #[prop(into)]
    label: Signal<String>,
    /// Value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// Plain-language hint.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Whether the field is required.
    #[prop(optional)]
    required: bool,
    /// Visible rows.
    #[prop(default = 6)]
    rows: u32,
) -> impl IntoView {
    let id = field_id(field);
    let msg = error_for(errors, field);
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || msg.with(Option::is_some)>
            <label class="usa-label" for=id.clone()>
                {move || label.get()}
                {(!required).then(|| view! { <OptionalMark /> })}
            </label>
            {hint.map(|h| view! { <div class="usa-hint" id=hint_id>{move || h.get()}</div> })}
            <FieldMessage field=field errors=errors />
            <textarea
                class="usa-textarea"
                class:usa-input--error=move || msg.with(Option::is_some)
                id=id
                name=field
                rows=rows
                aria-describedby=move || describedby(field, has_hint, msg.with(Option::is_some))
                aria-invalid=move || msg.with(Option::is_some).then_some("true")
                aria-required=required.then_some("true")
                bind:value=value
            ></textarea>
        </div>
    }
}

/// "(optional)" after a label.
#[component]
pub fn OptionalMark() -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class="heard-optional">" " {t!(i18n, optional)}</span> }
}

/// One choice of a radio group or a select.
#[derive(Clone, PartialEq)]
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// What people read.
    pub label: String,
    /// The heading it is listed under in a drop-down, if any.
    pub group: Option<String>,
}

impl Choice {
    /// A choice outside any group.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
            group: None,
        }
    }
}

fn option_view(c: Choice, value: RwSignal<String>) -> impl IntoView {
    let selected = {
        let v = c.value.clone();
        move || value.with(|cur| *cur == v)
    };
    view! {
        <option value=c.value selected=selected>
            {c.label}
        </option>
    }
}

/// A group of radio buttons in a fieldset; the first radio carries the field id
/// so the error summary can focus it.
#[component]
pub fn RadioGroup(
    /// Path of the field in the request body.
    field: &'static str,
    /// The question.
    #[prop(into)]
    legend: Signal<String>,
    /// The choices.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// The chosen value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// Plain-language hint.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Lay the choices out as a compact numbered scale.
    #[prop(optional)]
    scale: bool,
    /// Whether an answer is required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let id = field_id(field);
    let msg = error_for(errors, field);
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let group_class = if scale { "heard-scale" } else { "heard-radios" };
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || msg.with(Option::is_some)>
            <fieldset
                class="usa-fieldset"
                aria-describedby=move || describedby(field, has_hint, msg.with(Option::is_some))
            >
                <legend class="usa-legend">
                    {move || legend.get()}
                    {(!required).then(|| view! { <OptionalMark /> })}
                </legend>
                {hint.map(|h| view! { <div class="usa-hint" id=hint_id>{move || h.get()}</div> })}
                <FieldMessage field=field errors=errors />
                <div class=group_class>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let input_id = if i == 0 {
                                    id.clone()
                                } else {
                                    format!("{id}-{i}")
                                };
                                let v = c.value.clone();
                                let checked = {
                                    let v = v.clone();
                                    move || value.with(|cur| *cur == v)
                                };
                                let (wrap, input_class, label_class) = if scale {
                                    ("heard-scale__item", "heard-scale__input", "heard-scale__label")
                                } else {
                                    ("usa-radio", "usa-radio__input", "usa-radio__label")
                                };
                                view! {
                                    <div class=wrap>
                                        <input
                                            class=input_class
                                            type="radio"
                                            id=input_id.clone()
                                            name=field
                                            value=v.clone()
                                            prop:checked=checked
                                            on:change=move |_| value.set(v.clone())
                                        />
                                        <label class=label_class for=input_id>
                                            {c.label}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </div>
    }
}

/// A labelled drop-down list.
#[component]
pub fn SelectField(
    /// Path of the field in the request body.
    field: &'static str,
    /// Label text.
    #[prop(into)]
    label: Signal<String>,
    /// The choices; an empty value is the "choose" placeholder.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// The chosen value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// Plain-language hint.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Whether an answer is required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let id = field_id(field);
    let msg = error_for(errors, field);
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || msg.with(Option::is_some)>
            <label class="usa-label" for=id.clone()>
                {move || label.get()}
                {(!required).then(|| view! { <OptionalMark /> })}
            </label>
            {hint.map(|h| view! { <div class="usa-hint" id=hint_id>{move || h.get()}</div> })}
            <FieldMessage field=field errors=errors />
            <select
                class="usa-select"
                class:usa-input--error=move || msg.with(Option::is_some)
                id=id
                name=field
                aria-describedby=move || describedby(field, has_hint, msg.with(Option::is_some))
                aria-invalid=move || msg.with(Option::is_some).then_some("true")
                aria-required=required.then_some("true")
                on:change:target=move |ev| value.set(ev.target().value())
                prop:value=move || value.get()
            >
                {move || {
                    let mut groups: Vec<(Option<String>, Vec<Choice>)> = Vec::new();
                    for c in choices.get() {
                        match groups.last_mut() {
                            Some((g, items)) if *g == c.group => items.push(c),
                            _ => groups.push((c.group.clone(), vec![c])),
                        }
                    }
                    groups
                        .into_iter()
                        .map(|(g, items)| {
                            let options = items
                                .into_iter()
                                .map(|c| option_view(c, value))
                                .collect_view();
                            match g {
                                Some(label) => view! { <optgroup label=label>{options}</optgroup> }.into_any(),
                                None => options.into_any(),
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The element id of the box of `value` in a group of checkboxes. The
/// server names a ticked choice by its place in the list sent
/// (`team_ids[1]`), so a ticked box's id is that place and the error
/// summary's links reach it; the group's own problems (`roles`) lead to
/// its fieldset.
fn checkbox_id(field: &str, ticked: &[String], value: &str) -> String {
    match ticked.iter().position(|v| v == value) {
        Some(i) => field_id(&format!("{field}[{i}]")),
        None => format!("{}-{}", field_id(field), value.replace(['.', '_'], "-")),
    }
}

/// A group of checkboxes in a fieldset, its values kept in the order of
/// `choices`; every problem with the list or one of its places is said
/// above the boxes and read with the legend.
#[component]
pub fn CheckboxGroup(
    /// Path of the list in the request body.
    field: &'static str,
    /// The question.
    #[prop(into)]
    legend: Signal<String>,
    /// The choices.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// The values ticked.
    value: RwSignal<Vec<String>>,
    /// The form's errors.
    errors: Errors,
    /// Plain-language hint.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Said when there is nothing to choose from.
    #[prop(optional, into)]
    none: Option<Signal<String>>,
    /// Whether at least one is required.
    #[prop(optional)]
    required: bool,
    /// Whether each value is a language tag its label is written in.
    #[prop(optional)]
    languages: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let messages = move || {
        let l = i18n.get_locale();
        let place = format!("{field}[");
        errors.with(|es| {
            es.iter()
                .filter(|e| e.field == field || e.field.starts_with(&place))
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
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids: Vec<String> = has_hint.then(|| hint_id.clone()).into_iter().collect();
            ids.extend(messages().into_iter().map(|(id, _)| id));
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let toggle = move |v: String, on: bool| {
        let order = choices.get_untracked();
        value.update(|vs| {
            vs.retain(|x| *x != v);
            if on {
                vs.push(v);
            }
            vs.sort_by_key(|x| order.iter().position(|c| c.value == *x));
        });
    };
    view! {
        <div class="usa-form-group" class:usa-form-group--error=has_error>
            <fieldset class="usa-fieldset heard-checks" id=id tabindex="-1" aria-describedby=described>
                <legend class="usa-legend">
                    {move || legend.get()}
                    {(!required).then(|| view! { <OptionalMark /> })}
                </legend>
                {hint.map(|h| view! { <div class="usa-hint" id=hint_id>{move || h.get()}</div> })}
                {move || messages().into_iter().map(|(id, text)| view! {
                    <span class="usa-error-message" id=id>{text}</span>
                }).collect_view()}
                <div class="heard-checks__boxes">
                    {move || {
                        let all = choices.get();
                        if all.is_empty() {
                            return none.map(|n| view! { <p class="heard-muted">{move || n.get()}</p> }).into_any();
                        }
                        all.into_iter().map(|c| {
                            let v = c.value.clone();
                            let box_id = {
                                let v = v.clone();
                                move || value.with(|vs| checkbox_id(field, vs, &v))
                            };
                            let checked = {
                                let v = v.clone();
                                move || value.with(|vs| vs.contains(&v))
                            };
                            let lang = languages.then(|| v.clone());
                            view! {
                                <div class="usa-checkbox">
                                    <input
                                        class="usa-checkbox__input"
                                        type="checkbox"
                                        id=box_id.clone()
                                        name=field
                                        value=v.clone()
                                        prop:checked=checked
                                        on:change:target=move |ev| toggle(v.clone(), ev.target().checked())
                                    />
                                    <label class="usa-checkbox__label" for=box_id lang=lang>
                                        {c.label}
                                    </label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </div>
            </fieldset>
        </div>
    }
}
