//! Adding or changing one team: its name and its fallback owner, saved
//! against the version read; a team already saved also shows its members.

use super::members::Members;
use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning};
use crate::components::form::{Choice, ErrorSummary, Errors, SelectField, TextInput};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::api::{Team, TeamForm};
use heard_domain::{FieldError, Invalid, StaffId, StaffRef};
use leptos::prelude::*;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Someone else changed it first; nothing was saved.
    Stale,
    /// Read again after a stale save.
    Reloaded,
    /// The district has another team of that name (409).
    Taken(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

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
    let version = RwSignal::new(team.as_ref().map(|t| t.version).unwrap_or_default());
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

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
            if busy.get_untracked() {
                return;
            }
            outcome.set(None);
            errors.set(Vec::new());
            let form = match form() {
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
                    Some(id) => api::save_team(id, base, &form).await,
                    None => api::create_team(&form).await,
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
                            errors.set(fields);
                        }
                    }
                }
            });
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

    let reload = {
        let tasks = tasks.clone();
        move |()| {
            let Some(id) = id else { return };
            busy.set(true);
            tasks.spawn(async move {
                match api::admin_team(id).await {
                    Ok(t) => {
                        accept(t, true);
                        errors.set(Vec::new());
                        outcome.set(Some(Outcome::Reloaded));
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                busy.set(false);
            });
        }
    };

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
    Effect::new(move |_| {
        if let Some(h) = title.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });

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
                {move || match outcome.get() {
                    Some(Outcome::Stale) => Some(view! {
                        <StaleWarning text=|l| td_string!(l, teams_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                    }
                    .into_any()),
                    Some(Outcome::Reloaded) => Some(view! {
                        <div class="heard-live" role="status">
                            <p class="heard-muted">{t!(i18n, teams_reloaded)}</p>
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
                            t_string!(i18n, teams_add_submit).to_string()
                        } else {
                            t_string!(i18n, admin_save_changes).to_string()
                        }}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </form>
            {id.map(|id| view! {
                <Members team=id held=held people=people on_change=Callback::new(move |t| accept(t, false)) />
            })}
        </section>
    }
}
