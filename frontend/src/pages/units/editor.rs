//! Adding or changing one school or department: its name, whether it is a
//! school, the grades it teaches and its address, saved against the
//! version read.

use crate::api::{self, Tagged};
use crate::components::form::{Choice, ErrorSummary, RadioGroup, TextArea, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{focus_on_open, Editing, EditorFoot, EditorWords};
use heard_domain::api::{Unit, UnitForm, UnitKind};
use heard_domain::{FieldError, Invalid};
use leptos::prelude::*;

/// The kind's field: `kind` in the request body, named apart here from
/// the kind of an inquiry, whose label the same path has elsewhere.
const KIND: &str = "unit_kind";

/// The server's field errors, the kind's under its name here.
fn own_names(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        if e.field == "kind" {
            e.field = KIND.to_owned();
        }
    }
    errors
}

/// The fields as typed.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    grade_band: RwSignal<String>,
    address: RwSignal<String>,
}

impl Draft {
    fn new(u: Option<&Unit>) -> Self {
        let d = Draft {
            name: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            grade_band: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
        };
        if let Some(u) = u {
            d.fill(u);
        }
        d
    }

    fn fill(self, u: &Unit) {
        self.name.set(u.name.clone());
        self.kind.set(u.kind.as_str().to_owned());
        self.grade_band
            .set(u.grade_band.clone().unwrap_or_default());
        self.address.set(u.address.clone().unwrap_or_default());
    }

    /// The form to send; a kind not chosen cannot be put in it.
    fn form(self) -> Result<UnitForm, Vec<FieldError>> {
        let Some(kind) = UnitKind::parse(&self.kind.get_untracked()) else {
            return Err(vec![FieldError::new(KIND, Invalid::Required)]);
        };
        let optional = |s: RwSignal<String>| {
            let t = s.get_untracked();
            (!t.trim().is_empty()).then_some(t)
        };
        Ok(UnitForm {
            name: self.name.get_untracked(),
            kind,
            grade_band: optional(self.grade_band),
            address: optional(self.address),
        })
    }
}

/// The form of a new school or department (`unit` absent) or of `unit`;
/// `on_done` gets what was saved and whether it is new, `on_cancel` is
/// called when the admin leaves it.
#[component]
pub fn UnitEditor(
    unit: Option<Tagged<Unit>>,
    on_done: Callback<(Unit, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = unit.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_name = unit.as_ref().map(|t| t.value.name.clone());
    let draft = Draft::new(unit.as_ref().map(|t| &t.value));
    let editing = Editing::new(unit.as_ref().map(|t| t.version).unwrap_or_default());
    let errors = editing.errors;

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.save(
                &tasks,
                draft.form(),
                move |form, base| async move {
                    match id {
                        Some(id) => api::save_unit(id, base, &form).await,
                        None => api::create_unit(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                own_names,
            );
        }
    };
    let reload = Callback::new(move |()| {
        if let Some(id) = id {
            editing.reload(&tasks, api::unit(id), move |t| draft.fill(&t.value));
        }
    });

    let heading = move || match &heading_name {
        Some(name) => t_string!(i18n, units_edit_heading, name = name.clone()).to_string(),
        None => t_string!(i18n, units_new_heading).to_string(),
    };
    let kinds = Signal::derive(move || {
        let l = i18n.get_locale();
        UnitKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), labels::unit_kind(l, *k)))
            .collect::<Vec<_>>()
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let first_field = NodeRef::<leptos::html::H2>::new();
    focus_on_open(first_field);
    let words = EditorWords {
        stale: |l| td_string!(l, units_stale),
        reloaded: |l| td_string!(l, units_reloaded),
        taken: |l| td_string!(l, units_taken),
        add: |l| td_string!(l, units_add_submit),
    };

    view! {
        <section class="heard-admin__editor" aria-labelledby="unit-editor-title">
            <h2 id="unit-editor-title" tabindex="-1" node_ref=first_field>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <TextInput
                    field="name"
                    label=label(|l| td_string!(l, units_name_label))
                    hint=label(|l| td_string!(l, units_name_hint))
                    value=draft.name
                    errors=errors
                    required=true
                    autocomplete="organization"
                />
                <RadioGroup
                    field=KIND
                    legend=label(|l| td_string!(l, field_unit_kind))
                    choices=kinds
                    value=draft.kind
                    errors=errors
                    required=true
                />
                <TextInput
                    field="grade_band"
                    label=label(|l| td_string!(l, field_grade_band))
                    hint=label(|l| td_string!(l, units_grade_band_hint))
                    value=draft.grade_band
                    errors=errors
                    class="heard-settings__number"
                />
                <TextArea
                    field="address"
                    label=label(|l| td_string!(l, field_address))
                    hint=label(|l| td_string!(l, units_address_hint))
                    value=draft.address
                    errors=errors
                    rows=3
                />
                <EditorFoot editing=editing words=words is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
        </section>
    }
}
