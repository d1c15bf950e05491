//! One search's entries: the first page and the older ones loaded after it
//! on request, as a table stacked into cards on a phone.

use super::entry::AuditRow;
use crate::api::{self, ApiError, AuditQuery};
use crate::components::feedback::ErrorAlert;
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use heard_domain::api::{AuditEntry, AuditPage};
use leptos::prelude::*;

/// The entries of `query`, starting from `first`.
#[component]
pub fn AuditList(query: AuditQuery, first: AuditPage, time_zone: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let items = RwSignal::new(first.items);
    let next_cursor = RwSignal::new(first.next_cursor);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let searched = query.q.is_some() || query.resource.is_some();
    let older = move |_: leptos::ev::MouseEvent| {
        let Some(cursor) = next_cursor.get_untracked() else {
            return;
        };
        loading.set(true);
        error.set(None);
        let q = query.clone();
        tasks.spawn(async move {
            match api::audit(&q, Some(&cursor)).await {
                Ok(page) => {
                    items.update(|i| i.extend(page.items));
                    next_cursor.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <Show
            when=move || items.with(|i| !i.is_empty())
            fallback=move || view! { <Empty searched=searched /> }
        >
            <p class="heard-muted" role="status">
                {move || t_string!(i18n, audit_count, count = items.with(Vec::len).to_string()).to_string()}
            </p>
            <table class="usa-table usa-table--borderless usa-table--stacked heard-audit">
                <caption>{t!(i18n, audit_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit_col_when)}</th>
                        <th scope="col">{t!(i18n, audit_col_who)}</th>
                        <th scope="col">{t!(i18n, audit_col_from)}</th>
                        <th scope="col">{t!(i18n, audit_col_what)}</th>
                        <th scope="col">{t!(i18n, audit_col_action)}</th>
                        <th scope="col">{t!(i18n, audit_col_changed)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|e: &AuditEntry| e.id let(entry)>
                        <AuditRow entry=entry time_zone=time_zone />
                    </For>
                </tbody>
            </table>
        </Show>
        {move || error.get().map(|e| view! { <ErrorAlert error=e /> })}
        <Show when=move || next_cursor.with(Option::is_some)>
            <button
                type="button"
                class="usa-button usa-button--outline"
                disabled=move || loading.get()
                on:click=older.clone()
            >
                {t!(i18n, audit_older)}
            </button>
        </Show>
    }
}

/// No entries: for a search, that nothing matched; either way, what the
/// log holds, so an empty log is not mistaken for a broken one.
#[component]
fn Empty(searched: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="heard-empty heard-audit__empty">
            <p class="heard-audit__empty-title">
                {move || if searched {
                    t_string!(i18n, audit_empty_search)
                } else {
                    t_string!(i18n, audit_empty)
                }}
            </p>
            <p>{t!(i18n, audit_what_is_logged)}</p>
        </div>
    }
}
