//! Setting or changing one strategic goal: its name, the metric it tracks,
//! whether that should reach or stay under the target, the period's days,
//! and what it is for, checked by the domain's rules before it is saved
//! against the version read.

use super::Scopes;
use crate::api::{self, Tagged};
use crate::components::form::{Choice, ErrorSummary, RadioGroup, SelectField, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{focus_on_open, Editing, EditorFoot, EditorWords};
use heard_domain::api::{Goal, GoalForm};
use heard_domain::goals::{self, METRICS};
use heard_domain::{FieldError, Invalid, ValidationErrors};
use leptos::prelude::*;

/// The server's field errors, under their names here: what a goal is for
/// is one drop-down.
fn own_names(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        if matches!(e.field.as_str(), "unit_id" | "topic_id" | "team_id") {
            e.field = "scope".to_owned();
        }
    }
    errors
}

/// The fields as typed.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    metric: RwSignal<String>,
    comparison: RwSignal<String>,
    target: RwSignal<String>,
    first_day: RwSignal<String>,
    last_day: RwSignal<String>,
    scope: RwSignal<String>,
}

impl Draft {
    fn new(g: Option<&Goal>) -> Self {
        let d = Draft {
            name: RwSignal::new(String::new()),
            metric: RwSignal::new(String::new()),
            comparison: RwSignal::new("at_least".to_owned()),
            target: RwSignal::new(String::new()),
            first_day: RwSignal::new(String::new()),
            last_day: RwSignal::new(String::new()),
            scope: RwSignal::new(String::new()),
        };
        if let Some(g) = g {
            d.fill(g);
        }
        d
    }

    fn fill(self, g: &Goal) {
        self.name.set(g.name.clone());
        self.metric.set(g.metric.clone());
        self.comparison.set(g.comparison.clone());
        self.target.set(g.target.to_string());
        self.first_day.set(g.first_day.to_string());
        self.last_day.set(g.last_day.to_string());
        let scope = g
            .unit
            .as_ref()
            .map(|u| format!("unit:{}", u.id))
            .or_else(|| g.topic.as_ref().map(|t| format!("topic:{}", t.id)))
            .or_else(|| g.team.as_ref().map(|t| format!("team:{}", t.id)));
        self.scope.set(scope.unwrap_or_default());
    }

    /// The form, checked by the same rules the server applies; what only
    /// the browser can get wrong (a number or a day not typed) is named too.
    fn form(self) -> Result<GoalForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let target = self.target.get_untracked();
        let target = match target.trim().replace(',', ".").parse::<f64>() {
            Ok(t) => Some(t),
            Err(_) if target.trim().is_empty() => {
                errors.push(FieldError::new("target", Invalid::Required));
                None
            }
            Err(_) => {
                let expected = "a number".to_owned();
                errors.push(FieldError::new("target", Invalid::WrongType { expected }));
                None
            }
        };
        let mut day = |field: &str, value: RwSignal<String>| {
            let raw = value.get_untracked();
            let parsed = raw.parse::<chrono::NaiveDate>().ok();
            if parsed.is_none() {
                let invalid = if raw.is_empty() {
                    Invalid::Required
                } else {
                    Invalid::InvalidFormat {
                        hint: "a day such as 2026-08-01",
                    }
                };
                errors.push(FieldError::new(field, invalid));
            }
            parsed
        };
        let first_day = day("first_day", self.first_day);
        let last_day = day("last_day", self.last_day);
        let scope = self.scope.get_untracked();
        let (kind, id) = scope.split_once(':').unwrap_or(("", ""));
        let (Some(target), Some(first_day), Some(last_day)) = (target, first_day, last_day) else {
            return Err(errors);
        };
        let form = GoalForm {
            name: self.name.get_untracked(),
            metric: self.metric.get_untracked(),
            comparison: self.comparison.get_untracked(),
            target,
            first_day,
            last_day,
            unit_id: (kind == "unit").then(|| id.parse().ok()).flatten(),
            topic_id: (kind == "topic").then(|| id.parse().ok()).flatten(),
            team_id: (kind == "team").then(|| id.parse().ok()).flatten(),
        };
        match goals::validate(&form) {
            Ok(_) => Ok(form),
            Err(ValidationErrors(errors)) => Err(own_names(errors)),
        }
    }
}

/// The form of a new goal (`goal` absent) or of `goal`, for the district
/// or one of `scopes`; `on_done` gets what was saved and whether it is
/// new, `on_cancel` is called when the admin leaves it.
#[component]
pub fn GoalEditor(
    goal: Option<Tagged<Goal>>,
    scopes: Scopes,
    on_done: Callback<(Goal, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = goal.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_name = goal.as_ref().map(|t| t.value.name.clone());
    let draft = Draft::new(goal.as_ref().map(|t| &t.value));
    let editing = Editing::new(goal.as_ref().map(|t| t.version).unwrap_or_default());
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
                        Some(id) => api::save_goal(id, base, &form).await,
                        None => api::create_goal(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                own_names,
            );
        }
    };
    let reload = Callback::new(move |()| {
        if let Some(id) = id {
            editing.reload(&tasks, api::goal(id), move |t| draft.fill(&t.value));
        }
    });

    let heading = move || match &heading_name {
        Some(name) => t_string!(i18n, goals_edit_heading, name = name.clone()).to_string(),
        None => t_string!(i18n, goals_new_heading).to_string(),
    };
    let metric_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        let mut c = vec![Choice::new("", td_string!(l, goals_choose_metric))];
        c.extend(
            METRICS
                .iter()
                .map(|m| Choice::new(*m, labels::goal_metric(l, m))),
        );
        c
    });
    let comparisons = Signal::derive(move || {
        let l = i18n.get_locale();
        vec![
            Choice::new("at_least", td_string!(l, goals_at_least)),
            Choice::new("at_most", td_string!(l, goals_at_most)),
        ]
    });
    let scope_choices = Signal::derive(move || scopes.choices(i18n.get_locale()));
    // The range of the metric chosen, so the hint says what the target can be.
    let target_hint = Signal::derive(move || {
        let metric = draft.metric.get();
        if metric.is_empty() {
            return t_string!(i18n, goals_target_hint_none).to_string();
        }
        let (lo, hi) = goals::target_range(&metric);
        t_string!(i18n, goals_target_hint, lo = lo, hi = hi).to_string()
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let first_field = NodeRef::<leptos::html::H2>::new();
    focus_on_open(first_field);
    let words = EditorWords {
        stale: |l| td_string!(l, goals_stale),
        reloaded: |l| td_string!(l, goals_reloaded),
        taken: |l| td_string!(l, goals_taken),
        add: |l| td_string!(l, goals_add_submit),
    };

    view! {
        <section class="heard-admin__editor" aria-labelledby="goal-editor-title">
            <h2 id="goal-editor-title" tabindex="-1" node_ref=first_field>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <TextInput
                    field="name"
                    label=label(|l| td_string!(l, field_goal_name))
                    hint=label(|l| td_string!(l, goals_name_hint))
                    value=draft.name
                    errors=errors
                    required=true
                />
                <SelectField
                    field="metric"
                    label=label(|l| td_string!(l, field_metric))
                    choices=metric_choices
                    value=draft.metric
                    errors=errors
                    required=true
                />
                <RadioGroup
                    field="comparison"
                    legend=label(|l| td_string!(l, field_comparison))
                    choices=comparisons
                    value=draft.comparison
                    errors=errors
                    required=true
                />
                <TextInput
                    field="target"
                    label=label(|l| td_string!(l, field_target))
                    hint=target_hint
                    value=draft.target
                    errors=errors
                    input_type="text"
                    required=true
                    class="usa-input--small"
                />
                <div class="heard-staff__dates">
                    <TextInput
                        field="first_day"
                        label=label(|l| td_string!(l, field_goal_first_day))
                        value=draft.first_day
                        errors=errors
                        input_type="date"
                        required=true
                        class="heard-staff__date"
                    />
                    <TextInput
                        field="last_day"
                        label=label(|l| td_string!(l, field_goal_last_day))
                        value=draft.last_day
                        errors=errors
                        input_type="date"
                        required=true
                        class="heard-staff__date"
                    />
                </div>
                <SelectField
                    field="scope"
                    label=label(|l| td_string!(l, goals_for))
                    hint=label(|l| td_string!(l, goals_for_hint))
                    choices=scope_choices
                    value=draft.scope
                    errors=errors
                />
                <EditorFoot editing=editing words=words is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
        </section>
    }
}
