//! Moving a case to any team of the district and, optionally, one of its members.

use super::panels::Panel;
use super::{CaseState, LastQuery};
use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, Flash, SuccessAlert};
use crate::components::form::{Choice, ErrorSummary, Errors, SelectField, TextInput};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::inbox::inbox_href;
use crate::session::{sees_case, use_session};
use heard_domain::api::AssignForm;
use heard_domain::text::Reason;
use heard_domain::validation::{FieldError, Invalid};
use heard_domain::{StaffId, TeamId};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Gives the case to any team of the district and, optionally, one of its
/// members. Another team is a re-route; when the person cannot see the case
/// in its new place, they are told where it went and taken back to the inbox.
#[component]
pub(super) fn AssignPanel(case: CaseState) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let session = use_session();
    let flash = Flash::use_flash();
    // Where to go once the case has left this person's queues.
    let gone = RwSignal::new(None::<String>);
    let last = use_context::<LastQuery>();
    let detail = case.detail;
    let teams = case.teams;
    let team = RwSignal::new(detail.with_untracked(|d| d.team.id.to_string()));
    let assignee = RwSignal::new(detail.with_untracked(|d| {
        d.assignee
            .as_ref()
            .map(|a| a.id.to_string())
            .unwrap_or_default()
    }));
    // Another team's members are other people: start again from its queue.
    Effect::new(move |first: Option<()>| {
        team.track();
        if first.is_some() {
            assignee.set(String::new());
        }
    });
    let reason = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let allowed = Memo::new(move |_| case.permitted.with(|p| p.assign));
    let all_teams = move || {
        teams
            .get()
            .and_then(Result::ok)
            .map(|l| l.items)
            .unwrap_or_default()
    };
    let team_choices = Signal::derive(move || {
        let current = detail.with(|d| d.team.clone());
        let l = i18n.get_locale();
        let mut c = vec![Choice::new(
            current.id.to_string(),
            td_string!(l, team_current, team = current.name.clone()).to_string(),
        )];
        c.extend(
            all_teams()
                .into_iter()
                .filter(|t| t.id != current.id)
                .map(|t| Choice::new(t.id.to_string(), t.name)),
        );
        c
    });
    let me_id = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let member_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        let chosen = team.get();
        let mut c = vec![Choice::new("", td_string!(l, leave_in_queue).to_string())];
        let members = all_teams()
            .into_iter()
            .find(|t| t.id.to_string() == chosen)
            .map(|t| t.members)
            .or_else(|| {
                // Until the teams arrive, the current assignee stays choosable.
                detail.with(|d| {
                    (d.team.id.to_string() == chosen).then(|| d.assignee.iter().cloned().collect())
                })
            })
            .unwrap_or_default();
        let me = me_id();
        c.extend(members.into_iter().map(|m| {
            let label = if Some(m.id) == me {
                td_string!(l, member_you, name = m.name.clone()).to_string()
            } else {
                m.name
            };
            Choice::new(m.id.to_string(), label)
        }));
        c
    });
    let moving = move || detail.with(|d| d.team.id.to_string()) != team.get();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        done.set(None);
        let mut found = Vec::new();
        let team_id = team.get_untracked().parse::<TeamId>().ok();
        if team_id.is_none() {
            found.push(FieldError::new("team_id", Invalid::Required));
        }
        if let Err(e) = Reason::parse(&reason.get_untracked()) {
            found.push(FieldError::new("reason", e.into()));
        }
        let (Some(team_id), true) = (team_id, found.is_empty()) else {
            errors.set(found);
            return;
        };
        errors.set(Vec::new());
        let assignee_id = assignee.get_untracked().parse::<StaffId>().ok();
        let form = AssignForm {
            team_id,
            assignee_id,
            reason: reason.get_untracked().trim().to_string(),
        };
        busy.set(true);
        let (id, version, old_team) = detail.with_untracked(|d| (d.id, d.version, d.team.id));
        tasks.spawn(async move {
            let r = api::assign(id, version, &form).await;
            let l = i18n.get_locale_untracked();
            let (moved, team_name) = match &r {
                Ok(d) => (old_team != d.team.id, d.team.name.clone()),
                Err(_) => (false, String::new()),
            };
            let assignee_name = r
                .as_ref()
                .ok()
                .and_then(|d| d.assignee.as_ref().map(|a| a.name.clone()));
            let access = match &r {
                Ok(d) => d.access(),
                Err(_) => detail.with_untracked(|d| d.access()),
            };
            let still_mine = session
                .me
                .with_untracked(|m| m.as_ref().is_some_and(|m| sees_case(m, &access)));
            if r.is_ok() && !still_mine {
                // The case has left this person's queues: say where it went.
                flash.set(td_string!(l, sent_to_team, team = team_name).to_string());
                let query = last.map(|q| q.0.get_untracked()).unwrap_or_default();
                gone.set(Some(inbox_href(&query)));
                return;
            }
            if case.handle(r, failure, errors) {
                reason.set(String::new());
                let text = match (moved, assignee_name) {
                    (true, _) => td_string!(l, sent_to_team, team = team_name).to_string(),
                    (false, Some(name)) => td_string!(l, assigned_to, name = name).to_string(),
                    (false, None) => td_string!(l, left_in_queue, team = team_name).to_string(),
                };
                done.set(Some(text));
            }
            busy.set(false);
        });
    };
    view! {
        {move || gone.get().map(|path| view! { <Redirect path=path /> })}
        <Show when=move || allowed.get()>
            {
                let submit = submit.clone();
                view! {
                    <Panel title=Signal::derive(move || t_string!(i18n, assign_heading).to_string()) id="panel-assign">
                        <ErrorSummary errors=errors />
                        {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
                        <div role="status">{move || done.get().map(|t| view! { <SuccessAlert text=t /> })}</div>
                        <form class="heard-form heard-form--compact" novalidate on:submit=submit>
                            <SelectField
                                field="team_id"
                                label=Signal::derive(move || t_string!(i18n, field_team).to_string())
                                hint=Signal::derive(move || t_string!(i18n, team_hint).to_string())
                                choices=team_choices
                                value=team
                                errors=errors
                                required=true
                            />
                            <SelectField
                                field="assignee_id"
                                label=Signal::derive(move || t_string!(i18n, field_assignee).to_string())
                                choices=member_choices
                                value=assignee
                                errors=errors
                            />
                            <TextInput
                                field="reason"
                                label=Signal::derive(move || t_string!(i18n, field_reason).to_string())
                                hint=Signal::derive(move || t_string!(i18n, reason_hint).to_string())
                                value=reason
                                errors=errors
                                required=true
                            />
                            <button type="submit" class="usa-button usa-button--outline" disabled=move || busy.get()>
                                {move || if moving() { t_string!(i18n, move_submit) } else { t_string!(i18n, assign_submit) }}
                            </button>
                        </form>
                    </Panel>
                }
            }
        </Show>
    }
}
