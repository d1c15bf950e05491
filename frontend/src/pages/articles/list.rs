//! The help articles by language then title, a page at a time, with the
//! editor and the removal question above them.

use super::editor::ArticleEditor;
use crate::api::{self, ApiResult};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{ArticlePage, HelpArticle, Topic};
use heard_domain::ArticleId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for HelpArticle {
    type Id = ArticleId;
    fn id(&self) -> ArticleId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.title.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_article(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<ArticlePage> {
    Box::pin(async move { api::articles(cursor.as_deref()).await })
}

/// The list, starting from `first`; `languages` are the district's,
/// default first, and `topics` those an article can answer.
#[component]
pub fn ArticleList(
    first: ArticlePage,
    languages: Vec<String>,
    topics: Vec<Topic>,
) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-article");
    let languages = StoredValue::new(languages);
    let topics = StoredValue::new(topics);
    // A new or retitled article moves in the order: the list is read again.
    let (done, cancel) = (register.saved(&tasks, true), register.cancelled());
    let words = Words {
        add: |l| td_string!(l, articles_add),
        empty: |l| td_string!(l, articles_empty),
        caption: |l| td_string!(l, articles_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> = vec![
        |l| td_string!(l, field_language),
        |l| td_string!(l, field_topic),
        |l| td_string!(l, articles_standing),
    ];
    register.view(
        tasks,
        words,
        columns,
        move |article| {
            view! {
                <ArticleEditor
                    article=article
                    languages=languages.get_value()
                    topics=topics.get_value()
                    on_done=done
                    on_cancel=cancel
                />
            }
            .into_any()
        },
        move |article| view! { <ArticleRow article=article register=register /> }.into_any(),
    )
}

#[component]
fn ArticleRow(article: HelpArticle, register: Register<ArticlePage>) -> impl IntoView {
    let i18n = use_i18n();
    let published = article.published;
    let language = labels::language_name(&article.language);
    view! {
        <tr>
            <NameCell name=article.title.clone() />
            <td data-label=cell_label(|l| td_string!(l, field_language))>{language}</td>
            <td data-label=cell_label(|l| td_string!(l, field_topic))>
                {match article.topic.clone() {
                    Some(t) => t.name.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, audit_none)}</span> }.into_any(),
                }}
            </td>
            <td data-label=cell_label(|l| td_string!(l, articles_standing))>
                <span class="heard-standing">
                    {move || if published {
                        t_string!(i18n, articles_published).to_string()
                    } else {
                        t_string!(i18n, articles_draft).to_string()
                    }}
                </span>
            </td>
            <RowActions register=register item=article />
        </tr>
    }
}
