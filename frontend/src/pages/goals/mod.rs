//! `/staff/admin/goals`: the strategic plan's goals, for the district's
//! admins — by name, a page at a time; each a target for one of the
//! dashboard's metrics over a period of days, for the whole district or
//! one school, topic or team, added, changed and removed in place.

mod editor;
mod list;

use super::admin::{admin_page, PageWords};
use crate::api::{self, ApiResult};
use crate::components::form::Choice;
use crate::i18n::*;
use heard_domain::api::GoalPage;
use leptos::prelude::*;

/// The strategic goals page.
#[component]
pub fn Goals() -> impl IntoView {
    let words = PageWords {
        title: |l| td_string!(l, goals_title),
        intro: |l| td_string!(l, goals_intro),
        forbidden: |l| td_string!(l, goals_forbidden),
    };
    admin_page(words, start, |s| {
        view! { <list::GoalList first=s.first scopes=s.scopes /> }.into_any()
    })
}

/// What a goal can be for, besides the whole district: each school or
/// department, topic and team, as `unit:…`, `topic:…` and `team:…`.
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    /// `(value, name)` of each school or department.
    pub units: Vec<(String, String)>,
    /// Of each topic.
    pub topics: Vec<(String, String)>,
    /// Of each team.
    pub teams: Vec<(String, String)>,
}

impl Scopes {
    /// The drop-down's choices, grouped by kind, the whole district first.
    fn choices(&self, l: Locale) -> Vec<Choice> {
        let mut c = vec![Choice::new("", td_string!(l, goals_whole_district))];
        for (group, items) in [
            (td_string!(l, goals_scope_units), &self.units),
            (td_string!(l, goals_scope_topics), &self.topics),
            (td_string!(l, goals_scope_teams), &self.teams),
        ] {
            c.extend(items.iter().map(|(value, name)| Choice {
                value: value.clone(),
                label: name.clone(),
                group: Some(group.to_owned()),
            }));
        }
        c
    }
}

/// What the page needs before it can show anything: the first page and
/// what a goal can be for.
#[derive(Debug, Clone)]
struct Start {
    first: GoalPage,
    scopes: Scopes,
}

async fn start() -> ApiResult<Start> {
    let first = api::admin_goals(None).await?;
    let mut scopes = Scopes::default();
    let mut cursor = None;
    loop {
        let page = api::units(cursor.as_deref()).await?;
        scopes.units.extend(
            page.items
                .into_iter()
                .map(|u| (format!("unit:{}", u.id), u.name)),
        );
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let mut cursor = None;
    loop {
        let page = api::topics(cursor.as_deref()).await?;
        scopes.topics.extend(
            page.items
                .into_iter()
                .map(|t| (format!("topic:{}", t.id), t.name)),
        );
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    scopes.teams = api::teams()
        .await?
        .items
        .into_iter()
        .map(|t| (format!("team:{}", t.id), t.name))
        .collect();
    Ok(Start { first, scopes })
}
