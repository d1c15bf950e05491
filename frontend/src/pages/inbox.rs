//! `/staff`: the triage queue — view tabs, filters, and the list of inquiries.

use crate::api::{self, ApiError, InboxQuery};
use crate::components::feedback::{ErrorAlert, FlashMessage, Loading, PriorityTag, StatusTag};
use crate::components::form::Choice;
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::{latest, ViewTasks};
use crate::session::use_session;
use heard_domain::api::{InboxItem, InboxPage, InboxView};
use heard_domain::Status;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::{use_navigate, use_query_map};

const VIEWS: [InboxView; 5] = [
    InboxView::Mine,
    InboxView::Team,
    InboxView::Unassigned,
    InboxView::Overdue,
    InboxView::All,
];

/// Sends people without a staff session to sign in.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    // Drawn again only on signing in or out: a change to the person (their
    // district renamed) leaves the page and what is typed in it alone.
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    move || {
        if signed_in.get() {
            children().into_any()
        } else {
            let next = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            view! { <Redirect path=format!("/staff/login?next={}", api::encode(&next)) /> }
                .into_any()
        }
    }
}

fn href(view: InboxView, status: &str, q: &str) -> String {
    let mut s = format!("/staff?view={}", api::view_name(view));
    if !status.is_empty() {
        s.push_str(&format!("&status={status}"));
    }
    if !q.trim().is_empty() {
        s.push_str(&format!("&q={}", api::encode(q.trim())));
    }
    s
}

/// The address of the inbox showing this query.
pub fn inbox_href(q: &InboxQuery) -> String {
    href(
        q.view,
        q.status.map(|s| s.as_str()).unwrap_or_default(),
        q.q.as_deref().unwrap_or_default(),
    )
}

/// The query of the inbox in the address bar.
pub fn query_from_url() -> Memo<InboxQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| InboxQuery {
            view: q
                .get("view")
                .and_then(|v| api::parse_view(&v))
                .unwrap_or_default(),
            status: q.get("status").and_then(|s| Status::parse(&s)),
            q: q.get("q").filter(|s| !s.trim().is_empty()),
            limit: Some(50),
            ..Default::default()
        })
    })
}

/// The inbox page.
#[component]
pub fn Inbox() -> impl IntoView {
    view! {
        <RequireStaff>
            <InboxBody />
        </RequireStaff>
    }
}

#[component]
fn InboxBody() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    super::title_effect(move || t_string!(i18n, inbox_title).to_string());
    let query = query_from_url();
    if let Some(last) = use_context::<crate::pages::case::LastQuery>() {
        Effect::new(move |_| last.0.set(query.get()));
    }
    // The first page of the queue, with the query it answers: "Load more"
    // continues that query, whatever the filters say by then.
    let page = LocalResource::new(move || {
        let q = query.get();
        async move {
            let first = api::inbox(&q, None).await;
            (q, first)
        }
    });
    // The list on screen stays until the one for the filters in the address
    // has arrived, and goes together with its signals (see `latest`).
    let shown = latest(page, query);

    let status_filter = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        status_filter.set(q.status.map(|s| s.as_str().to_string()).unwrap_or_default());
        search.set(q.q.unwrap_or_default());
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = query.get_untracked().view;
        navigate(
            &href(v, &status_filter.get_untracked(), &search.get_untracked()),
            Default::default(),
        );
    };
    let status_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        let mut c = vec![Choice::new("", td_string!(l, any_status).to_string())];
        c.extend(
            Status::ALL
                .iter()
                .map(|s| Choice::new(s.as_str(), labels::status(l, *s))),
        );
        c
    });

    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, inbox_title)}</h1>
            <FlashMessage />
            <nav aria-label=move || t_string!(i18n, views_label) class="heard-tabs">
                <ul>
                    {VIEWS
                        .iter()
                        .map(|v| {
                            let v = *v;
                            let current = move || query.with(|q| q.view == v);
                            view! {
                                <li>
                                    <a
                                        href=move || href(v, "", "")
                                        class="heard-tab"
                                        class:heard-tab--current=current
                                        aria-current=move || current().then_some("page")
                                    >
                                        {move || labels::view(i18n.get_locale(), v)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <form class="heard-filters" role="search" on:submit=apply>
                <div class="heard-filters__field">
                    <label class="usa-label" for="filter-status">{t!(i18n, status_label)}</label>
                    <select
                        class="usa-select"
                        id="filter-status"
                        on:change:target=move |ev| status_filter.set(ev.target().value())
                        prop:value=move || status_filter.get()
                    >
                        {move || status_choices.get().into_iter().map(|c| {
                            let v = c.value.clone();
                            view! { <option value=c.value selected=move || status_filter.with(|s| *s == v)>{c.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="heard-filters__field heard-filters__search">
                    <label class="usa-label" for="filter-q">{t!(i18n, search_label)}</label>
                    <input class="usa-input" id="filter-q" type="search" bind:value=search />
                </div>
                <button type="submit" class="usa-button usa-button--outline heard-filters__go">
                    {t!(i18n, apply_filters)}
                </button>
            </form>
            {move || match shown.get() {
                None => view! { <Loading /> }.into_any(),
                Some((_, Err(e))) => view! { <ErrorAlert error=e /> }.into_any(),
                Some((query, Ok(first))) => view! { <QueueList query=query first=first /> }.into_any(),
            }}
        </div>
    }
}

/// One query's list: its first page, the pages loaded after it on request,
/// and how many are shown.
#[component]
fn QueueList(query: InboxQuery, first: InboxPage) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let more = RwSignal::new(Vec::<InboxItem>::new());
    let next_cursor = RwSignal::new(first.next_cursor);
    let more_error = RwSignal::new(None::<ApiError>);
    let loading_more = RwSignal::new(false);
    let first_items = first.items;
    let items = Signal::derive(move || {
        let mut all = first_items.clone();
        more.with(|m| all.extend(m.iter().cloned()));
        all
    });
    let load_more = move |_: leptos::ev::MouseEvent| {
        let Some(cursor) = next_cursor.get_untracked() else {
            return;
        };
        loading_more.set(true);
        more_error.set(None);
        let q = query.clone();
        tasks.spawn(async move {
            match api::inbox(&q, Some(&cursor)).await {
                Ok(p) => {
                    more.update(|m| m.extend(p.items));
                    next_cursor.set(p.next_cursor);
                }
                Err(e) => more_error.set(Some(e)),
            }
            loading_more.set(false);
        });
    };
    view! {
        <p class="heard-muted" role="status">
            {move || t_string!(i18n, inbox_count, count = items.with(Vec::len).to_string()).to_string()}
        </p>
        <QueueTable items=items />
        {move || more_error.get().map(|e| view! { <ErrorAlert error=e /> })}
        <Show when=move || next_cursor.with(Option::is_some)>
            <button
                type="button"
                class="usa-button usa-button--outline"
                disabled=move || loading_more.get()
                on:click=load_more.clone()
            >
                {t!(i18n, load_more)}
            </button>
        </Show>
    }
}

/// The queue as a table; stacked into cards on narrow screens.
#[component]
pub fn QueueTable(#[prop(into)] items: Signal<Vec<InboxItem>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show
            when=move || items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="heard-empty">{t!(i18n, inbox_empty)}</p> }
        >
            <table class="usa-table usa-table--borderless usa-table--compact heard-queue">
                <caption class="usa-sr-only">{t!(i18n, inbox_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_reference)}</th>
                        <th scope="col">{t!(i18n, col_subject)}</th>
                        <th scope="col">{t!(i18n, col_status)}</th>
                        <th scope="col">{t!(i18n, col_priority)}</th>
                        <th scope="col">{t!(i18n, col_team)}</th>
                        <th scope="col">{t!(i18n, col_age)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|i| (i.id, i.updated_at) let(item)>
                        <QueueRow item=item />
                    </For>
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn QueueRow(item: InboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let link = format!("/staff/inquiries/{}", item.id);
    let created = item.created_at;
    let overdue = item.overdue;
    let requester = item.requester_name.clone();
    view! {
        <tr class:heard-queue__overdue=overdue>
            <th scope="row" class="q-ref">
                <A href=link.clone()>{item.reference.clone()}</A>
            </th>
            <td class="q-subject">
                <A href=link.clone() attr:class="heard-queue__subject">{item.subject.clone()}</A>
                <span class="heard-queue__sub">
                    {item.topic.name.clone()}
                    {requester.map(|r| format!(" · {r}"))}
                </span>
            </td>
            <td class="q-status">
                <StatusTag status=item.status />
            </td>
            <td class="q-priority">
                <PriorityTag priority=item.priority />
                {(item.priority == heard_domain::Priority::Normal).then(|| view! {
                    <span class="heard-muted heard-queue__normal">{move || labels::priority(i18n.get_locale(), heard_domain::Priority::Normal)}</span>
                })}
            </td>
            <td class="q-team">
                {item.team.name.clone()}
                <span class="heard-queue__sub">
                    {match item.assignee.as_ref() {
                        Some(a) => a.name.clone().into_any(),
                        None => view! { {move || t_string!(i18n, nobody_yet)} }.into_any(),
                    }}
                </span>
            </td>
            <td class="q-age">
                <time datetime=fmt::iso(created) title=move || fmt::date_time(created, labels::lang(i18n.get_locale()))>
                    {move || fmt::age(created, t_string!(i18n, just_now))}
                </time>
                {overdue.then(|| view! {
                    " " <span class="usa-tag heard-overdue">{t!(i18n, overdue)}</span>
                })}
            </td>
        </tr>
    }
}
