//! The teams, a page at a time, with the editor and the removal question
//! above them.

use super::editor::TeamEditor;
use crate::api::{self, ApiError, ApiResult, Tagged};
use crate::components::form::focus_id;
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::{ConfirmRemove, Listing, Notice, NoticeView};
use heard_domain::api::{Team, TeamPage};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

const ADD_ID: &str = "add-team";

/// What is open above the list.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    /// The form of a new one.
    New,
    /// The form of this one.
    Change(Tagged<Team>),
    /// The question whether to remove this one.
    Remove(Team),
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> Pin<Box<dyn Future<Output = ApiResult<TeamPage>>>> {
    Box::pin(async move { api::admin_teams(cursor.as_deref()).await })
}

/// Shows `team` as it is now in its row.
fn replace(list: Listing<TeamPage>, team: Team) {
    list.items.update(|i| {
        if let Some(t) = i.iter_mut().find(|t| t.id == team.id) {
            *t = team;
        }
    });
}

/// The list, starting from `first`; `directory` lists the people teams
/// can take in.
#[component]
pub fn TeamList(
    first: TeamPage,
    directory: LocalResource<ApiResult<heard_domain::api::TeamList>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let list = Listing::new(first, load);
    let people = Signal::derive(move || {
        let listed = TeamPage {
            items: list.items.get(),
            next_cursor: None,
        };
        super::people(directory.get(), &listed)
    });
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);

    let done = {
        let tasks = tasks.clone();
        Callback::new(move |(team, new): (Team, bool)| {
            open.set(None);
            if new {
                notice.set(Some(Notice::Added(team.name.clone())));
                tasks.spawn(list.reload());
            } else {
                notice.set(Some(Notice::Saved(team.name.clone())));
                replace(list, team);
            }
        })
    };
    let changed = Callback::new(move |team: Team| replace(list, team));
    let back = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(ADD_ID));
    });
    let remove = {
        let tasks = tasks.clone();
        Callback::new(move |()| {
            let Some(Open::Remove(team)) = open.get_untracked() else {
                return;
            };
            busy.set(true);
            tasks.spawn(async move {
                let answer = api::delete_team(team.id, team.version).await;
                busy.set(false);
                open.set(None);
                match answer {
                    Ok(()) => {
                        list.items.update(|i| i.retain(|t| t.id != team.id));
                        notice.set(Some(Notice::Removed(team.name)));
                    }
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        notice.set(Some(Notice::Kept(team.name, p.detail)))
                    }
                    Err(e) if matches!(e.status(), Some(412 | 404)) => {
                        notice.set(Some(Notice::Moved(team.name)));
                        list.reload().await;
                    }
                    Err(e) => notice.set(Some(Notice::Failed(e))),
                }
            });
        })
    };

    view! {
        <NoticeView notice=notice />
        {move || match open.get() {
            Some(Open::New) => view! {
                <TeamEditor team=None people=people on_done=done on_change=changed on_cancel=back />
            }
            .into_any(),
            Some(Open::Change(t)) => view! {
                <TeamEditor team=Some(t) people=people on_done=done on_change=changed on_cancel=back />
            }
            .into_any(),
            Some(Open::Remove(t)) => view! {
                <ConfirmRemove name=t.name busy=busy.into() on_yes=remove on_no=back />
            }
            .into_any(),
            None => view! {
                <button
                    type="button"
                    class="usa-button heard-admin__add"
                    id=ADD_ID
                    on:click=move |_| {
                        notice.set(None);
                        open.set(Some(Open::New));
                    }
                >
                    {t!(i18n, teams_add)}
                </button>
            }
            .into_any(),
        }}
        <Show
            when=move || list.items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="heard-empty">{t!(i18n, teams_empty)}</p> }
        >
            <table class="usa-table usa-table--borderless usa-table--stacked heard-admin__table">
                <caption>{t!(i18n, teams_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, field_name)}</th>
                        <th scope="col">{t!(i18n, field_fallback_owner)}</th>
                        <th scope="col">{t!(i18n, field_members)}</th>
                        <th scope="col">{t!(i18n, admin_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || list.items.get() key=|t| (t.id, t.version) let(team)>
                        <TeamRow team=team open=open notice=notice />
                    </For>
                </tbody>
            </table>
        </Show>
        {list.foot(tasks)}
    }
}

#[component]
fn TeamRow(
    team: Team,
    open: RwSignal<Option<Open>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
    let members = team
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let change = {
        let team = team.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Change(Tagged {
                version: team.version,
                value: team.clone(),
            })));
        }
    };
    let remove = {
        let team = team.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Remove(team.clone())));
        }
    };
    view! {
        <tr>
            <th scope="row" data-label=label(|l| td_string!(l, field_name))>{team.name.clone()}</th>
            <td data-label=label(|l| td_string!(l, field_fallback_owner))>
                {match team.fallback_owner.clone() {
                    Some(o) => o.name.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, teams_no_owner)}</span> }.into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, field_members))>
                {if members.is_empty() {
                    view! { <span class="heard-muted">{t!(i18n, teams_no_members)}</span> }.into_any()
                } else {
                    members.into_any()
                }}
            </td>
            <td data-label=label(|l| td_string!(l, admin_actions))>
                <div class="heard-admin__row-actions">
                    <button type="button" class="usa-button usa-button--outline" on:click=change>
                        {t!(i18n, admin_edit)}
                        <span class="usa-sr-only">" " {team.name.clone()}</span>
                    </button>
                    <button type="button" class="usa-button usa-button--unstyled heard-admin__remove" on:click=remove>
                        {t!(i18n, admin_remove)}
                        <span class="usa-sr-only">" " {team.name.clone()}</span>
                    </button>
                </div>
            </td>
        </tr>
    }
}
