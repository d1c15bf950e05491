//! The teams, a page at a time, with the editor and the removal question
//! above them.

use super::editor::TeamEditor;
use crate::api::{self, ApiResult};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{Team, TeamPage};
use heard_domain::TeamId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for Team {
    type Id = TeamId;
    fn id(&self) -> TeamId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_team(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<TeamPage> {
    Box::pin(async move { api::admin_teams(cursor.as_deref()).await })
}

/// The list, starting from `first`; `directory` lists the people teams
/// can take in.
#[component]
pub fn TeamList(
    first: TeamPage,
    directory: LocalResource<ApiResult<heard_domain::api::TeamList>>,
) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-team");
    let list = register.list;
    let people = Signal::derive(move || {
        let listed = TeamPage {
            items: list.items.get(),
            next_cursor: None,
        };
        super::people(directory.get(), &listed)
    });
    let (done, back) = (register.saved(&tasks, false), register.cancelled());
    // Members join and leave at once: the row follows while the form stays open.
    let changed = Callback::new(move |team: Team| register.replace(team));
    let words = Words {
        add: |l| td_string!(l, teams_add),
        empty: |l| td_string!(l, teams_empty),
        caption: |l| td_string!(l, teams_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> =
        vec![|l| td_string!(l, field_fallback_owner), |l| {
            td_string!(l, field_members)
        }];
    register.view(
        tasks,
        words,
        columns,
        move |team| {
            view! { <TeamEditor team=team people=people on_done=done on_change=changed on_cancel=back /> }
                .into_any()
        },
        move |team| view! { <TeamRow team=team register=register /> }.into_any(),
    )
}

#[component]
fn TeamRow(team: Team, register: Register<TeamPage>) -> impl IntoView {
    let i18n = use_i18n();
    let members = team
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr>
            <NameCell name=team.name.clone() />
            <td data-label=cell_label(|l| td_string!(l, field_fallback_owner))>
                {match team.fallback_owner.clone() {
                    Some(o) => o.name.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, teams_no_owner)}</span> }.into_any(),
                }}
            </td>
            <td data-label=cell_label(|l| td_string!(l, field_members))>
                {if members.is_empty() {
                    view! { <span class="heard-muted">{t!(i18n, teams_no_members)}</span> }.into_any()
                } else {
                    members.into_any()
                }}
            </td>
            <RowActions register=register item=team />
        </tr>
    }
}
