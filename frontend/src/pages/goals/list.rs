//! The strategic goals by name, a page at a time, with the editor and the
//! removal question above them.

use super::editor::GoalEditor;
use super::Scopes;
use crate::api::{self, ApiResult};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{Goal, GoalPage};
use heard_domain::GoalId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for Goal {
    type Id = GoalId;
    fn id(&self) -> GoalId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_goal(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<GoalPage> {
    Box::pin(async move { api::admin_goals(cursor.as_deref()).await })
}

/// The list, starting from `first`; `scopes` are what a goal can be for.
#[component]
pub fn GoalList(first: GoalPage, scopes: Scopes) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-goal");
    let scopes = StoredValue::new(scopes);
    // A new or renamed goal moves in the order: the list is read again.
    let (done, cancel) = (register.saved(&tasks, true), register.cancelled());
    let words = Words {
        add: |l| td_string!(l, goals_add),
        empty: |l| td_string!(l, goals_empty),
        caption: |l| td_string!(l, goals_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> = vec![
        |l| td_string!(l, goals_target_column),
        |l| td_string!(l, goals_for),
        |l| td_string!(l, goals_period),
    ];
    register.view(
        tasks,
        words,
        columns,
        move |goal| {
            view! { <GoalEditor goal=goal scopes=scopes.get_value() on_done=done on_cancel=cancel /> }
                .into_any()
        },
        move |goal| view! { <GoalRow goal=goal register=register /> }.into_any(),
    )
}

/// "Answered within standard ≥ 90": the metric, the comparison and the
/// target, in the page's language.
pub fn target_text(l: Locale, goal: &Goal) -> String {
    let sign = if goal.comparison == "at_most" {
        "≤"
    } else {
        "≥"
    };
    let target = fmt::number(goal.target, 1, labels::lang(l));
    format!("{} {sign} {target}", labels::goal_metric(l, &goal.metric))
}

#[component]
fn GoalRow(goal: Goal, register: Register<GoalPage>) -> impl IntoView {
    let i18n = use_i18n();
    let scope = goal
        .unit
        .as_ref()
        .map(|u| u.name.clone())
        .or_else(|| goal.topic.as_ref().map(|t| t.name.clone()))
        .or_else(|| goal.team.as_ref().map(|t| t.name.clone()));
    let period = format!("{} – {}", goal.first_day, goal.last_day);
    let shown = goal.clone();
    view! {
        <tr>
            <NameCell name=goal.name.clone() />
            <td data-label=cell_label(|l| td_string!(l, goals_target_column))>
                {move || target_text(i18n.get_locale(), &shown)}
            </td>
            <td data-label=cell_label(|l| td_string!(l, goals_for))>
                {move || scope.clone().unwrap_or_else(|| t_string!(i18n, goals_whole_district).to_string())}
            </td>
            <td data-label=cell_label(|l| td_string!(l, goals_period))>{period}</td>
            <RowActions register=register item=goal />
        </tr>
    }
}
