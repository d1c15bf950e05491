//! The jobs as a table: one row per job, stacked into cards on a phone
//! (USWDS's stacked table, each cell labelled by its column).

use super::Filter;
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use chrono::{DateTime, Utc};
use heard_domain::api::JobView;
use heard_domain::jobs::JobState;
use heard_domain::JobId;
use leptos::prelude::*;
use leptos_router::components::A;

/// The jobs of one filter, or what it means that there are none.
#[component]
pub fn JobTable(
    filter: Filter,
    #[prop(into)] items: Signal<Vec<JobView>>,
    #[prop(into)] pending: Signal<Vec<JobId>>,
    on_retry: Callback<JobView>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The action column only when a job shown can be retried.
    let actions =
        Signal::derive(move || items.with(|i| i.iter().any(|j| j.state == JobState::Dead)));
    view! {
        <Show
            when=move || items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="heard-empty">{move || filter.empty(i18n.get_locale())}</p> }
        >
            <table class="usa-table usa-table--borderless usa-table--stacked heard-jobs">
                <caption>{move || filter.caption(i18n.get_locale())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, jobs_col_what)}</th>
                        <th scope="col">{t!(i18n, jobs_col_state)}</th>
                        <th scope="col">{t!(i18n, jobs_col_tries)}</th>
                        <th scope="col">{t!(i18n, jobs_col_error)}</th>
                        <th scope="col">{t!(i18n, jobs_col_when)}</th>
                        {move || actions.get().then(|| view! { <th scope="col">{t!(i18n, jobs_col_action)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    // A row is drawn again only when its job changed, so
                    // focus stays on the others while the list refreshes.
                    <For
                        each=move || items.get()
                        key=|j| (j.id, j.state, j.attempts, j.run_at, j.finished_at)
                        let(job)
                    >
                        <JobRow job=job pending=pending on_retry=on_retry actions=actions />
                    </For>
                </tbody>
            </table>
        </Show>
    }
}

/// A moment in a job's life: "Created Nov 23, 2026, 2:05 PM".
#[component]
fn Moment(label: fn(Locale) -> &'static str, at: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="heard-jobs__moment">
            <span class="heard-jobs__moment-label">{move || label(i18n.get_locale())}</span>
            " "
            <time datetime=fmt::iso(at)>
                {move || fmt::date_time(at, labels::lang(i18n.get_locale()))}
            </time>
        </span>
    }
}

#[component]
fn JobRow(
    job: JobView,
    pending: Signal<Vec<JobId>>,
    on_retry: Callback<JobView>,
    actions: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = job.id;
    let state = job.state;
    let busy = move || pending.with(|p| p.contains(&id));
    // Summaries and errors come from the server in English; saying so lets
    // a screen reader read them right on the Spanish page.
    let summary = job.summary.clone();
    let what = {
        let summary = summary.clone();
        match job.inquiry_id {
            Some(inquiry) => view! {
                <A href=format!("/staff/inquiries/{inquiry}") attr:lang="en">{summary.clone()}</A>
            }
            .into_any(),
            None => view! { <span lang="en">{summary}</span> }.into_any(),
        }
    };
    let kind = job.kind;
    let tries = (job.attempts, job.max_attempts);
    let error = job.last_error.clone();
    let next_try = (state == JobState::Due && job.attempts > 0).then_some(job.run_at);
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
    let created = job.created_at;
    let finished = job.finished_at;
    let action = move || {
        if state != JobState::Dead {
            return view! { <td class="heard-jobs__no-action"></td> }.into_any();
        }
        let job = job.clone();
        let summary = summary.clone();
        view! {
            <td data-label=label(|l| td_string!(l, jobs_col_action))>
                <button
                    type="button"
                    class="usa-button usa-button--outline heard-jobs__retry"
                    disabled=busy
                    on:click=move |_| on_retry.run(job.clone())
                >
                    {t!(i18n, jobs_retry)}
                    " "<span class="usa-sr-only" lang="en">{summary}</span>
                </button>
            </td>
        }
        .into_any()
    };
    view! {
        <tr class=format!("heard-jobs__row heard-jobs__row--{}", state.as_str())>
            <th scope="row" data-label=label(|l| td_string!(l, jobs_col_what))>
                {what}
                <span class="heard-jobs__kind">{move || labels::job_kind(i18n.get_locale(), kind)}</span>
            </th>
            <td data-label=label(|l| td_string!(l, jobs_col_state))>
                <span class=format!("usa-tag heard-job-state heard-job-state--{}", state.as_str())>
                    {move || labels::job_state(i18n.get_locale(), state)}
                </span>
            </td>
            <td data-label=label(|l| td_string!(l, jobs_col_tries))>
                {move || t_string!(i18n, jobs_tries, attempts = tries.0.to_string(), max = tries.1.to_string()).to_string()}
            </td>
            <td data-label=label(|l| td_string!(l, jobs_col_error)) class="heard-jobs__error-cell">
                {match error {
                    Some(e) => view! { <code class="heard-jobs__error" lang="en">{e}</code> }.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, jobs_no_error)}</span> }.into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, jobs_col_when))>
                <Moment label=|l| td_string!(l, jobs_created) at=created />
                {finished.map(|at| view! { <Moment label=|l| td_string!(l, jobs_finished) at=at /> })}
                {next_try.map(|at| view! { <Moment label=|l| td_string!(l, jobs_next_try) at=at /> })}
            </td>
            {move || actions.get().then(&action)}
        </tr>
    }
}
