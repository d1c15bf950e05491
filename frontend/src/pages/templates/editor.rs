//! Writing or changing one reply template: its language, its name, and its
//! text with placeholders, inserted where the cursor is and shown filled
//! in with an example before it is saved against the version read.

use crate::api::{self, Tagged};
use crate::components::form::{field_id, Choice, ErrorSummary, RadioGroup, TextArea, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{focus_on_open, Editing, EditorFoot, EditorWords};
use crate::session::use_session;
use heard_domain::api::{ReplyTemplate, TemplateForm};
use heard_domain::template::{self, Placeholder, Values};
use heard_domain::text::Language;
use heard_domain::{FieldError, ValidationErrors};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The text's field: `body` in the request body, named apart here from an
/// inquiry's message.
const BODY: &str = "template_body";

/// The server's field errors, under their names here.
fn own_names(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        if e.field == "body" {
            e.field = BODY.to_owned();
        }
    }
    errors
}

/// The fields as typed.
#[derive(Clone, Copy)]
struct Draft {
    language: RwSignal<String>,
    name: RwSignal<String>,
    body: RwSignal<String>,
}

impl Draft {
    fn new(t: Option<&ReplyTemplate>, default_language: String) -> Self {
        let d = Draft {
            language: RwSignal::new(default_language),
            name: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
        };
        if let Some(t) = t {
            d.fill(t);
        }
        d
    }

    fn fill(self, t: &ReplyTemplate) {
        self.language.set(t.language.clone());
        self.name.set(t.name.clone());
        self.body.set(t.body.clone());
    }

    /// The form, checked by the same rules the server applies, so a
    /// placeholder it does not know is named before anything is sent.
    fn form(self, offered: &[Language]) -> Result<TemplateForm, Vec<FieldError>> {
        let form = TemplateForm {
            language: self.language.get_untracked(),
            name: self.name.get_untracked(),
            body: self.body.get_untracked(),
        };
        match template::validate(&form, offered) {
            Ok(_) => Ok(form),
            Err(ValidationErrors(errors)) => Err(own_names(errors)),
        }
    }
}

/// Where the cursor is in the text area, in bytes of `text`: the browser
/// counts in UTF-16 units. The end when the area cannot be read.
fn cursor(area: Option<&web_sys::HtmlTextAreaElement>, text: &str) -> (usize, usize) {
    let at = |units: Option<u32>| {
        let Some(units) = units else {
            return text.len();
        };
        let mut seen = 0u32;
        for (i, ch) in text.char_indices() {
            if seen >= units {
                return i;
            }
            seen += ch.len_utf16() as u32;
        }
        text.len()
    };
    match area {
        Some(a) => (
            at(a.selection_start().ok().flatten()),
            at(a.selection_end().ok().flatten()),
        ),
        None => (text.len(), text.len()),
    }
}

/// Puts `p` where the cursor is in the text (replacing any selection),
/// then gives the area focus again with the cursor after it.
fn insert(body: RwSignal<String>, p: Placeholder) {
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&field_id(BODY)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    let text = body.get_untracked();
    let (start, end) = cursor(area.as_ref(), &text);
    let written = p.written();
    let mut next = String::with_capacity(text.len() + written.len());
    next.push_str(&text[..start]);
    next.push_str(&written);
    next.push_str(&text[end..]);
    let after = next[..start + written.len()].encode_utf16().count() as u32;
    body.set(next);
    if let Some(area) = area {
        request_animation_frame(move || {
            let _ = area.focus();
            let _ = area.set_selection_range(after, after);
        });
    }
}

/// The placeholders as buttons that insert them, and the text filled in
/// with an example, or why it cannot be.
#[component]
fn Placeholders(body: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let example = move || {
        let l = i18n.get_locale();
        let staff_name = session
            .me
            .with(|m| m.as_ref().map(|m| m.name.clone()))
            .unwrap_or_default();
        Values {
            requester_name: td_string!(l, templates_example_requester).to_string(),
            reference: "LV-2026-000123".to_owned(),
            due_date: td_string!(l, templates_example_due).to_string(),
            staff_name,
        }
    };
    let preview = move || {
        let text = body.get();
        match template::pieces(&text) {
            Ok(_) if text.trim().is_empty() => view! {
                <p class="heard-muted">{t!(i18n, templates_preview_empty)}</p>
            }
            .into_any(),
            Ok(_) => view! {
                <div class="heard-template__preview">{template::fill(&text, &example())}</div>
            }
            .into_any(),
            Err(written) => view! {
                <p class="heard-muted">
                    {move || t_string!(i18n, templates_preview_broken, written = written.clone()).to_string()}
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <div class="usa-form-group heard-template__insert" role="group" aria-labelledby="template-insert-label">
            <p class="usa-label" id="template-insert-label">{t!(i18n, templates_insert)}</p>
            <div class="heard-admin__buttons">
                {Placeholder::ALL
                    .iter()
                    .map(|&p| view! {
                        <button
                            type="button"
                            class="usa-button usa-button--outline usa-button--small"
                            on:click=move |_| insert(body, p)
                        >
                            {move || labels::placeholder(i18n.get_locale(), p)}
                            " "
                            <code>{p.written()}</code>
                        </button>
                    })
                    .collect_view()}
            </div>
        </div>
        <section class="heard-template" aria-labelledby="template-preview-title">
            <h3 id="template-preview-title">{t!(i18n, templates_preview)}</h3>
            <div aria-live="polite">{preview}</div>
        </section>
    }
}

/// The form of a new template (`template` absent) or of `template`, in one
/// of `languages` (the district's, default first); `on_done` gets what was
/// saved and whether it is new, `on_cancel` is called when the admin
/// leaves it.
#[component]
pub fn TemplateEditor(
    template: Option<Tagged<ReplyTemplate>>,
    languages: Vec<String>,
    on_done: Callback<(ReplyTemplate, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = template.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_name = template.as_ref().map(|t| t.value.name.clone());
    let default_language = languages.first().cloned().unwrap_or_default();
    let draft = Draft::new(template.as_ref().map(|t| &t.value), default_language);
    let editing = Editing::new(template.as_ref().map(|t| t.version).unwrap_or_default());
    let errors = editing.errors;
    let offered: Vec<Language> = languages
        .iter()
        .filter_map(|l| Language::parse(l).ok())
        .collect();

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.save(
                &tasks,
                draft.form(&offered),
                move |form, base| async move {
                    match id {
                        Some(id) => api::save_template(id, base, &form).await,
                        None => api::create_template(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                own_names,
            );
        }
    };
    let reload = Callback::new(move |()| {
        if let Some(id) = id {
            editing.reload(&tasks, api::template(id), move |t| draft.fill(&t.value));
        }
    });

    let heading = move || match &heading_name {
        Some(name) => t_string!(i18n, templates_edit_heading, name = name.clone()).to_string(),
        None => t_string!(i18n, templates_new_heading).to_string(),
    };
    let language_choices = Signal::derive(move || {
        languages
            .iter()
            .map(|tag| Choice::new(tag.clone(), labels::language_name(tag)))
            .collect::<Vec<_>>()
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let first_field = NodeRef::<leptos::html::H2>::new();
    focus_on_open(first_field);
    let words = EditorWords {
        stale: |l| td_string!(l, templates_stale),
        reloaded: |l| td_string!(l, templates_reloaded),
        taken: |l| td_string!(l, templates_taken),
        add: |l| td_string!(l, templates_add_submit),
    };

    view! {
        <section class="heard-admin__editor" aria-labelledby="template-editor-title">
            <h2 id="template-editor-title" tabindex="-1" node_ref=first_field>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <RadioGroup
                    field="language"
                    legend=label(|l| td_string!(l, field_language))
                    choices=language_choices
                    value=draft.language
                    errors=errors
                    required=true
                />
                <TextInput
                    field="name"
                    label=label(|l| td_string!(l, field_template_name))
                    hint=label(|l| td_string!(l, templates_name_hint))
                    value=draft.name
                    errors=errors
                    required=true
                />
                <TextArea
                    field=BODY
                    label=label(|l| td_string!(l, field_template_body))
                    hint=label(|l| td_string!(l, templates_body_hint))
                    value=draft.body
                    errors=errors
                    rows=10
                    required=true
                />
                <Placeholders body=draft.body />
                <EditorFoot editing=editing words=words is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
        </section>
    }
}
