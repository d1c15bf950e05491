//! Adding or changing one team: its name and its fallback owner, saved
//! against the version read; a team already saved also shows its members.

use super::members::Members;
use crate::api::{self, Tagged};
use crate::components::form::{Choice, ErrorSummary, SelectField, TextInput};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{focus_on_open, same_names, Editing, EditorFoot, EditorWords};
use heard_domain::api::{Team, TeamForm};
use heard_domain::{FieldError, Invalid, StaffId, StaffRef};
use leptos::prelude::*;

/// The form of a new team (`team` absent) or of `team`. `people` are
/// those it can take in; `on_done` gets what was saved and whether it is
/// new, `on_change` each change to its members, `on_cancel` is called
/// when the admin leaves it.
#[component]
pub fn TeamEditor(
    team: Option<Tagged<Team>>,
    #[prop(into)] people: Signal<Vec<StaffRef>>,
    on_done: Callback<(Team, bool)>,
    on_change: Callback<Team>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = team.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_name = team.as_ref().map(|t| t.value.name.clone());
    let held = RwSignal::new(team.as_ref().map(|t| t.value.clone()));
    let name = RwSignal::new(
        team.as_ref()
            .map(|t| t.value.name.clone())
            .unwrap_or_default(),
    );
    let owner = RwSignal::new(
        team.as_ref()
            .and_then(|t| t.value.fallback_owner.as_ref())
            .map(|o| o.id.to_string())
            .unwrap_or_default(),
    );
    let editing = Editing::new(team.as_ref().map(|t| t.version).unwrap_or_default());
    let (version, errors) = (editing.version, editing.errors);

    let form = move || -> Result<TeamForm, Vec<FieldError>> {
        let raw = owner.get_untracked();
        let fallback_owner_id = if raw.is_empty() {
            None
        } else {
            match raw.parse::<StaffId>() {
                Ok(id) => Some(id),
                Err(_) => {
                    return Err(vec![FieldError::new(
                        "fallback_owner_id",
                        Invalid::InvalidId,
                    )])
                }
            }
        };
        Ok(TeamForm {
            name: name.get_untracked(),
            fallback_owner_id,
        })
    };

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.save(
                &tasks,
                form(),
                move |form, base| async move {
                    match id {
                        Some(id) => api::save_team(id, base, &form).await,
                        None => api::create_team(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                same_names,
            );
        }
    };

    // Takes the team as the server holds it now; `fill` puts it in the
    // fields too (a reload), otherwise they stay as typed (a member added).
    let accept = move |t: Tagged<Team>, fill: bool| {
        version.set(t.version);
        if fill {
            name.set(t.value.name.clone());
            owner.set(
                t.value
                    .fallback_owner
                    .as_ref()
                    .map(|o| o.id.to_string())
                    .unwrap_or_default(),
            );
        }
        on_change.run(t.value.clone());
        held.set(Some(t.value));
    };

    let reload = Callback::new(move |()| {
        if let Some(id) = id {
            editing.reload(&tasks, api::admin_team(id), move |t| accept(t, true));
        }
    });

    let heading = move || match &heading_name {
        Some(n) => t_string!(i18n, teams_edit_heading, name = n.clone()).to_string(),
        None => t_string!(i18n, teams_new_heading).to_string(),
    };
    let owners = Signal::derive(move || {
        let l = i18n.get_locale();
        let mut choices = vec![Choice::new("", td_string!(l, teams_no_owner))];
        let mut known = people.get();
        // The owner chosen shows even when the directory does not list them.
        if let Some(o) = held.with(|t| t.as_ref().and_then(|t| t.fallback_owner.clone())) {
            if !known.iter().any(|p| p.id == o.id) {
                known.push(o);
            }
        }
        choices.extend(
            known
                .into_iter()
                .map(|p| Choice::new(p.id.to_string(), p.name)),
        );
        choices
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let title = NodeRef::<leptos::html::H2>::new();
    focus_on_open(title);
    let words = EditorWords {
        stale: |l| td_string!(l, teams_stale),
        reloaded: |l| td_string!(l, teams_reloaded),
        taken: |l| td_string!(l, units_taken),
        add: |l| td_string!(l, teams_add_submit),
    };

    view! {
        <section class="heard-admin__editor" aria-labelledby="team-editor-title">
            <h2 id="team-editor-title" tabindex="-1" node_ref=title>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <TextInput
                    field="name"
                    label=label(|l| td_string!(l, teams_name_label))
                    hint=label(|l| td_string!(l, teams_name_hint))
                    value=name
                    errors=errors
                    required=true
                />
                <SelectField
                    field="fallback_owner_id"
                    label=label(|l| td_string!(l, field_fallback_owner))
                    hint=label(|l| td_string!(l, teams_owner_hint))
                    choices=owners
                    value=owner
                    errors=errors
                />
                {is_new.then(|| view! { <p class="usa-hint">{t!(i18n, teams_members_later)}</p> })}
                <EditorFoot editing=editing words=words is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
            {id.map(|id| view! {
                <Members team=id held=held people=people on_change=Callback::new(move |t| accept(t, false)) />
            })}
        </section>
    }
}
