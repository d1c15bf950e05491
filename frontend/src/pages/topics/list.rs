//! The topics in the portal's order, a page at a time, with the editor
//! and the removal question above them.

use super::editor::TopicEditor;
use crate::api::{self, ApiError, ApiResult, Tagged};
use crate::components::form::focus_id;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::{ConfirmRemove, Listing, Notice, NoticeView};
use heard_domain::api::{TeamList, Topic, TopicPage};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

const ADD_ID: &str = "add-topic";

/// What is open above the list.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    /// The form of a new one.
    New,
    /// The form of this one.
    Change(Tagged<Topic>),
    /// The question whether to remove this one.
    Remove(Topic),
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> Pin<Box<dyn Future<Output = ApiResult<TopicPage>>>> {
    Box::pin(async move { api::topics(cursor.as_deref()).await })
}

/// The list, starting from `first`; `languages` are the district's,
/// default first, and `teams` those a topic can go to.
#[component]
pub fn TopicList(first: TopicPage, languages: Vec<String>, teams: TeamList) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let list = Listing::new(first, load);
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let languages = StoredValue::new(languages);
    let teams = StoredValue::new(teams);

    let done = {
        let tasks = tasks.clone();
        Callback::new(move |(topic, new): (Topic, bool)| {
            open.set(None);
            notice.set(Some(if new {
                Notice::Added(topic.name.clone())
            } else {
                Notice::Saved(topic.name.clone())
            }));
            // A topic moved or added changes the order: read it again.
            tasks.spawn(list.reload());
        })
    };
    let cancel = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(ADD_ID));
    });
    let remove = {
        let tasks = tasks.clone();
        Callback::new(move |()| {
            let Some(Open::Remove(topic)) = open.get_untracked() else {
                return;
            };
            busy.set(true);
            tasks.spawn(async move {
                let answer = api::delete_topic(topic.id, topic.version).await;
                busy.set(false);
                open.set(None);
                match answer {
                    Ok(()) => {
                        list.items.update(|i| i.retain(|t| t.id != topic.id));
                        notice.set(Some(Notice::Removed(topic.name)));
                    }
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        notice.set(Some(Notice::Kept(topic.name, p.detail)))
                    }
                    Err(e) if matches!(e.status(), Some(412 | 404)) => {
                        notice.set(Some(Notice::Moved(topic.name)));
                        list.reload().await;
                    }
                    Err(e) => notice.set(Some(Notice::Failed(e))),
                }
            });
        })
    };
    let keep = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(ADD_ID));
    });
    let editor = move |topic: Option<Tagged<Topic>>| {
        view! {
            <TopicEditor
                topic=topic
                languages=languages.get_value()
                teams=teams.get_value()
                on_done=done
                on_cancel=cancel
            />
        }
    };

    view! {
        <NoticeView notice=notice />
        {move || match open.get() {
            Some(Open::New) => editor(None).into_any(),
            Some(Open::Change(t)) => editor(Some(t)).into_any(),
            Some(Open::Remove(t)) => view! {
                <ConfirmRemove name=t.name busy=busy.into() on_yes=remove on_no=keep />
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
                    {t!(i18n, topics_add)}
                </button>
            }
            .into_any(),
        }}
        <Show
            when=move || list.items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="heard-empty">{t!(i18n, topics_empty)}</p> }
        >
            <table class="usa-table usa-table--borderless usa-table--stacked heard-admin__table">
                <caption>{t!(i18n, topics_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, field_name)}</th>
                        <th scope="col">{t!(i18n, topics_other_languages)}</th>
                        <th scope="col">{t!(i18n, field_default_team)}</th>
                        <th scope="col">{t!(i18n, field_fallback_owner)}</th>
                        <th scope="col">{t!(i18n, topics_articles)}</th>
                        <th scope="col">{t!(i18n, admin_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || list.items.get() key=|t| (t.id, t.version) let(topic)>
                        <TopicRow topic=topic languages=languages.get_value() open=open notice=notice />
                    </For>
                </tbody>
            </table>
        </Show>
        {list.foot(tasks)}
    }
}

#[component]
fn TopicRow(
    topic: Topic,
    languages: Vec<String>,
    open: RwSignal<Option<Open>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
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
    let change = {
        let topic = topic.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Change(Tagged {
                version: topic.version,
                value: topic.clone(),
            })));
        }
    };
    let remove = {
        let topic = topic.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Remove(topic.clone())));
        }
    };
    view! {
        <tr>
            <th scope="row" data-label=label(|l| td_string!(l, field_name))>{topic.name.clone()}</th>
            <td data-label=label(|l| td_string!(l, topics_other_languages))>
                <ul class="heard-admin__plain-list">{others}</ul>
            </td>
            <td data-label=label(|l| td_string!(l, field_default_team))>
                {match topic.default_team.clone() {
                    Some(t) => t.name.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, topics_fallback_team)}</span> }.into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, field_fallback_owner))>
                {match topic.fallback_owner.clone() {
                    Some(o) => o.name.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, topics_articles))>
                {move || t_string!(i18n, topics_article_count, count = articles).to_string()}
            </td>
            <td data-label=label(|l| td_string!(l, admin_actions))>
                <div class="heard-admin__row-actions">
                    <button type="button" class="usa-button usa-button--outline" on:click=change>
                        {t!(i18n, admin_edit)}
                        <span class="usa-sr-only">" " {topic.name.clone()}</span>
                    </button>
                    <button type="button" class="usa-button usa-button--unstyled heard-admin__remove" on:click=remove>
                        {t!(i18n, admin_remove)}
                        <span class="usa-sr-only">" " {topic.name.clone()}</span>
                    </button>
                </div>
            </td>
        </tr>
    }
}
