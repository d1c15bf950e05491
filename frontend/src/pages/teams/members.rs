//! A saved team's members: each taken out with a button (all but its
//! fallback owner, who stays until another is chosen), and anyone in the
//! directory added. Each change is made at once, not with the form's save.

use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::ErrorAlert;
use crate::components::form::{Choice, Errors, SelectField};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::api::Team;
use heard_domain::{StaffId, StaffRef, TeamId};
use leptos::prelude::*;

/// What came of the last change to the members.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Someone joined; their name.
    Added(String),
    /// Someone left; their name.
    Removed(String),
    /// The server kept them (409): their name and its reason.
    Kept(String, Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The members of team `team`, as `held` has it; `on_change` gets the team
/// as the server holds it after each change.
#[component]
pub fn Members(
    team: TeamId,
    held: RwSignal<Option<Team>>,
    #[prop(into)] people: Signal<Vec<StaffRef>>,
    on_change: Callback<Tagged<Team>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let members = Signal::derive(move || {
        held.with(|t| t.as_ref().map(|t| t.members.clone()).unwrap_or_default())
    });
    let owner = Signal::derive(move || {
        held.with(|t| {
            t.as_ref()
                .and_then(|t| t.fallback_owner.as_ref().map(|o| o.id))
        })
    });
    let chosen = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let live = NodeRef::<leptos::html::Div>::new();

    let candidates = Signal::derive(move || {
        let l = i18n.get_locale();
        let inside = members.get();
        let mut c = vec![Choice::new("", td_string!(l, teams_choose_person))];
        c.extend(
            people
                .get()
                .into_iter()
                .filter(|p| !inside.iter().any(|m| m.id == p.id))
                .map(|p| Choice::new(p.id.to_string(), p.name)),
        );
        c
    });

    let add = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            errors.set(Vec::new());
            outcome.set(None);
            let Ok(staff) = chosen.get_untracked().parse::<StaffId>() else {
                errors.set(vec![heard_domain::FieldError::new(
                    "staff_id",
                    heard_domain::Invalid::Required,
                )]);
                return;
            };
            busy.set(true);
            tasks.spawn(async move {
                match api::add_member(team, staff).await {
                    Ok(t) => {
                        let name = t
                            .value
                            .members
                            .iter()
                            .find(|m| m.id == staff)
                            .map(|m| m.name.clone())
                            .unwrap_or_default();
                        on_change.run(t);
                        chosen.set(String::new());
                        outcome.set(Some(Outcome::Added(name)));
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
                busy.set(false);
            });
        }
    };

    let remove = Callback::new(move |member: StaffRef| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        tasks.spawn(async move {
            match api::remove_member(team, member.id).await {
                // The answer has no body: the team as it is now is read again.
                Ok(()) => match api::admin_team(team).await {
                    Ok(t) => {
                        on_change.run(t);
                        outcome.set(Some(Outcome::Removed(member.name)));
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                },
                Err(ApiError::Problem(p)) if p.status == 409 => {
                    outcome.set(Some(Outcome::Kept(member.name, p.detail)))
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
            busy.set(false);
            // The button pressed went with its row: keep the keyboard where the outcome is.
            if let Some(el) = live.get_untracked() {
                let _ = el.focus();
            }
        });
    });

    view! {
        <section class="heard-admin__members" aria-labelledby="members-title">
            <h3 id="members-title">{t!(i18n, field_members)}</h3>
            <div class="heard-live" role="status" tabindex="-1" node_ref=live>
                {move || {
                    let l = i18n.get_locale();
                    match outcome.get() {
                        Some(Outcome::Added(n)) => Some(view! { <p class="heard-admin__said">{td_string!(l, teams_member_added, name = n).to_string()}</p> }),
                        Some(Outcome::Removed(n)) => Some(view! { <p class="heard-admin__said">{td_string!(l, teams_member_removed, name = n).to_string()}</p> }),
                        _ => None,
                    }
                }}
            </div>
            {move || match outcome.get() {
                Some(Outcome::Kept(n, detail)) => Some(view! {
                    <Refusal title=t_string!(i18n, teams_member_kept, name = n).to_string() detail=detail />
                }.into_any()),
                Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                _ => None,
            }}
            <Show
                when=move || members.with(|m| !m.is_empty())
                fallback=move || view! { <p class="heard-muted">{t!(i18n, teams_no_members)}</p> }
            >
                <ul class="usa-list usa-list--unstyled heard-admin__member-list">
                    <For each=move || members.get() key=|m| m.id let(m)>
                        <li class="heard-admin__member">
                            <span>{m.name.clone()}</span>
                            {
                                let m = m.clone();
                                move || if owner.get() == Some(m.id) {
                                    view! { <span class="usa-tag heard-admin__owner">{t!(i18n, field_fallback_owner)}</span> }.into_any()
                                } else {
                                    let m = m.clone();
                                    let name = m.name.clone();
                                    view! {
                                        <button
                                            type="button"
                                            class="usa-button usa-button--unstyled heard-admin__remove"
                                            disabled=move || busy.get()
                                            on:click=move |_| remove.run(m.clone())
                                        >
                                            {t!(i18n, teams_take_out)}
                                            <span class="usa-sr-only">" " {name}</span>
                                        </button>
                                    }
                                    .into_any()
                                }
                            }
                        </li>
                    </For>
                </ul>
            </Show>
            <p class="usa-hint">{t!(i18n, teams_owner_stays)}</p>
            <form class="usa-form heard-admin__add-member" novalidate on:submit=add>
                <SelectField
                    field="staff_id"
                    label=Signal::derive(move || t_string!(i18n, teams_add_member_label).to_string())
                    choices=candidates
                    value=chosen
                    errors=errors
                    required=true
                />
                <button type="submit" class="usa-button usa-button--outline" disabled=move || busy.get()>
                    {t!(i18n, teams_add_member)}
                </button>
            </form>
        </section>
    }
}
