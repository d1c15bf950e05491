//! The topics in the portal's order, a page at a time, with the editor
//! and the removal question above them.

use super::editor::TopicEditor;
use crate::api::{self, ApiResult};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{TeamList, Topic, TopicPage};
use heard_domain::TopicId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for Topic {
    type Id = TopicId;
    fn id(&self) -> TopicId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_topic(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<TopicPage> {
    Box::pin(async move { api::topics(cursor.as_deref()).await })
}

/// The list, starting from `first`; `languages` are the district's,
/// default first, and `teams` those a topic can go to.
#[component]
pub fn TopicList(first: TopicPage, languages: Vec<String>, teams: TeamList) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-topic");
    let languages = StoredValue::new(languages);
    let teams = StoredValue::new(teams);
    // A topic moved or added changes the order: the list is read again.
    let (done, cancel) = (register.saved(&tasks, true), register.cancelled());
    let words = Words {
        add: |l| td_string!(l, topics_add),
        empty: |l| td_string!(l, topics_empty),
        caption: |l| td_string!(l, topics_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> = vec![
        |l| td_string!(l, topics_other_languages),
        |l| td_string!(l, field_default_team),
        |l| td_string!(l, field_fallback_owner),
        |l| td_string!(l, topics_articles),
    ];
    register.view(
        tasks,
        words,
        columns,
        move |topic| {
            view! {
                <TopicEditor
                    topic=topic
                    languages=languages.get_value()
                    teams=teams.get_value()
                    on_done=done
                    on_cancel=cancel
                />
            }
            .into_any()
        },
        move |topic| {
            view! { <TopicRow topic=topic languages=languages.get_value() register=register /> }
                .into_any()
        },
    )
}

#[component]
fn TopicRow(topic: Topic, languages: Vec<String>, register: Register<TopicPage>) -> impl IntoView {
    let i18n = use_i18n();
    let none = move || view! { <span class="heard-muted">{t!(i18n, audit_none)}</span> };
    // The names in the district's other languages; one missing is said so.
    let others = languages
        .iter()
        .skip(1)
        .map(|tag| {
            let language = labels::language_name(tag);
            match topic.texts.get(tag) {
                Some(t) => view! {
                    <li><span lang=tag.clone()>{t.name.clone()}</span> " (" {language} ")"</li>
                }
                .into_any(),
                None => view! {
                    <li class="heard-admin__missing">
                        {move || t_string!(i18n, topics_missing_language, language = language.clone()).to_string()}
                    </li>
                }
                .into_any(),
            }
        })
        .collect_view();
    let articles = topic.articles.len();
    view! {
        <tr>
            <NameCell name=topic.name.clone() />
            <td data-label=cell_label(|l| td_string!(l, topics_other_languages))>
                <ul class="heard-admin__plain-list">{others}</ul>
            </td>
            <td data-label=cell_label(|l| td_string!(l, field_default_team))>
                {match topic.default_team.clone() {
                    Some(t) => t.name.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, topics_fallback_team)}</span> }.into_any(),
                }}
            </td>
            <td data-label=cell_label(|l| td_string!(l, field_fallback_owner))>
                {match topic.fallback_owner.clone() {
                    Some(o) => o.name.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <td data-label=cell_label(|l| td_string!(l, topics_articles))>
                {move || t_string!(i18n, topics_article_count, count = articles).to_string()}
            </td>
            <RowActions register=register item=topic />
        </tr>
    }
}
