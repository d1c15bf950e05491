//! Adding or changing one school or department: its name, whether it is a
//! school, the grades it teaches and its address, saved against the
//! version read.

use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning};
use crate::components::form::{Choice, ErrorSummary, Errors, RadioGroup, TextArea, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
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

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Someone else changed it first; nothing was saved.
    Stale,
    /// Read again after a stale save.
    Reloaded,
    /// The district has another of that name (409).
    Taken(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
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
    let version = RwSignal::new(unit.as_ref().map(|t| t.version).unwrap_or_default());
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

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
                let answer = match id {
                    Some(id) => api::save_unit(id, base, &form).await,
                    None => api::create_unit(&form).await,
                };
                busy.set(false);
                match answer {
                    Ok(t) => on_done.run((t.value, is_new)),
                    Err(e) if e.status() == Some(412) => outcome.set(Some(Outcome::Stale)),
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        outcome.set(Some(Outcome::Taken(p.detail)))
                    }
                    Err(e) => {
                        let fields = e.field_errors();
                        if fields.is_empty() {
                            outcome.set(Some(Outcome::Failed(e)));
                        } else {
                            errors.set(own_names(fields));
                        }
                    }
                }
            });
        }
    };

    let reload = move |()| {
        let Some(id) = id else { return };
        busy.set(true);
        tasks.spawn(async move {
            match api::unit(id).await {
                Ok(t) => {
                    version.set(t.version);
                    draft.fill(&t.value);
                    errors.set(Vec::new());
                    outcome.set(Some(Outcome::Reloaded));
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
            busy.set(false);
        });
    };

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
    Effect::new(move |_| {
        if let Some(h) = first_field.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });

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
                {move || match outcome.get() {
                    Some(Outcome::Stale) => Some(view! {
                        <StaleWarning text=|l| td_string!(l, units_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                    }
                    .into_any()),
                    Some(Outcome::Reloaded) => Some(view! {
                        <div class="heard-live" role="status">
                            <p class="heard-muted">{t!(i18n, units_reloaded)}</p>
                        </div>
                    }
                    .into_any()),
                    Some(Outcome::Taken(detail)) => Some(view! {
                        <Refusal title=t_string!(i18n, units_taken).to_string() detail=detail />
                    }
                    .into_any()),
                    Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                    None => None,
                }}
                <div class="heard-admin__buttons">
                    <button type="submit" class="usa-button" disabled=move || busy.get()>
                        {move || if is_new {
                            t_string!(i18n, units_add_submit).to_string()
                        } else {
                            t_string!(i18n, admin_save_changes).to_string()
                        }}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
