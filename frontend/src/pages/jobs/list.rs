//! One filter's jobs: the first page and those loaded after it, refreshed on
//! request and after a retry, with the retry's outcome announced.

use super::table::JobTable;
use super::Filter;
use crate::api::{self, ApiError};
use crate::components::feedback::{describe, ErrorAlert, SuccessAlert};
use crate::i18n::*;
use crate::lifetime::{pause, ViewTasks};
use heard_domain::api::{JobPage, JobView};
use heard_domain::jobs::JobState;
use heard_domain::JobId;
use leptos::prelude::*;

/// How often, and how far apart, the list is looked at again after a retry
/// until the job has finished once more: a mail job usually does within a
/// second or two.
const FOLLOW_TRIES: u32 = 10;
const FOLLOW_PAUSE_MS: i32 = 2_000;

/// What came of the last retry.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// The job is due again; its summary.
    Scheduled(String),
    /// The server said no, or could not be reached.
    Failed(ApiError),
}

/// The list's own state, shared by the refresh button, "Load more" and retries.
#[derive(Clone, Copy)]
struct Listing {
    filter: Filter,
    items: RwSignal<Vec<JobView>>,
    next_cursor: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
}

impl Listing {
    /// Loads the first page again, in place of everything shown.
    async fn reload(self) {
        self.loading.set(true);
        match api::jobs(self.filter.state(), None).await {
            Ok(page) => {
                self.items.set(page.items);
                self.next_cursor.set(page.next_cursor);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
        self.loading.set(false);
    }

    /// Adds the page after the last one shown.
    async fn more(self) {
        let Some(cursor) = self.next_cursor.get_untracked() else {
            return;
        };
        self.loading.set(true);
        match api::jobs(self.filter.state(), Some(&cursor)).await {
            Ok(page) => {
                self.items.update(|i| i.extend(page.items));
                self.next_cursor.set(page.next_cursor);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
        self.loading.set(false);
    }

    /// Whether `id` is shown finished (done, or dead again).
    fn finished(self, id: JobId) -> bool {
        self.items.with_untracked(|i| {
            i.iter()
                .any(|j| j.id == id && matches!(j.state, JobState::Done | JobState::Dead))
        })
    }
}

/// Whether keyboard focus went nowhere (its element left the page).
fn focus_lost() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.active_element().is_none_or(|e| e.tag_name() == "BODY"))
        .unwrap_or(false)
}

/// One filter's jobs, starting from `first`.
#[component]
pub fn JobList(filter: Filter, first: JobPage) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let list = Listing {
        filter,
        items: RwSignal::new(first.items),
        next_cursor: RwSignal::new(first.next_cursor),
        error: RwSignal::new(None),
        loading: RwSignal::new(false),
    };
    let pending = RwSignal::new(Vec::<JobId>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let live = NodeRef::<leptos::html::Div>::new();

    let retry = {
        let tasks = tasks.clone();
        Callback::new(move |job: JobView| {
            let id = job.id;
            if pending.with_untracked(|p| p.contains(&id)) {
                return;
            }
            pending.update(|p| p.push(id));
            outcome.set(None);
            tasks.spawn(async move {
                let answer = api::retry_job(id).await;
                let scheduled = answer.is_ok();
                match answer {
                    Ok(job) => {
                        outcome.set(Some(Outcome::Scheduled(job.summary)));
                        list.reload().await;
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                pending.update(|p| p.retain(|j| *j != id));
                // The button pressed may have gone with its row: keep the
                // keyboard where the outcome is.
                if focus_lost() {
                    if let Some(el) = live.get_untracked() {
                        let _ = el.focus();
                    }
                }
                if !scheduled {
                    return;
                }
                for _ in 0..FOLLOW_TRIES {
                    if list.finished(id) {
                        break;
                    }
                    pause(FOLLOW_PAUSE_MS).await;
                    list.reload().await;
                }
            });
        })
    };
    let refresh = {
        let tasks = tasks.clone();
        move |_: leptos::ev::MouseEvent| {
            outcome.set(None);
            tasks.spawn(list.reload());
        }
    };
    let load_more = move |_: leptos::ev::MouseEvent| tasks.spawn(list.more());

    view! {
        <div class="heard-jobs__bar">
            <button
                type="button"
                class="usa-button usa-button--outline"
                disabled=move || list.loading.get()
                on:click=refresh
            >
                {t!(i18n, jobs_refresh)}
            </button>
        </div>
        <div class="heard-live heard-jobs__live" role="status" tabindex="-1" node_ref=live>
            {move || outcome.get().map(|o| match o {
                Outcome::Scheduled(summary) => {
                    let text = Signal::derive(move || {
                        t_string!(i18n, jobs_retry_scheduled, summary = summary.clone()).to_string()
                    });
                    view! { <SuccessAlert text=text /> }.into_any()
                }
                Outcome::Failed(e @ ApiError::SignedOut) => view! { <ErrorAlert error=e /> }.into_any(),
                Outcome::Failed(e) => view! { <RetryFailed error=e /> }.into_any(),
            })}
        </div>
        <div class="heard-jobs__problem">
            {move || list.error.get().map(|e| view! { <ErrorAlert error=e /> })}
        </div>
        <JobTable
            filter=filter
            items=list.items
            pending=pending
            on_retry=retry
        />
        <Show when=move || list.next_cursor.with(Option::is_some)>
            <button
                type="button"
                class="usa-button usa-button--outline"
                disabled=move || list.loading.get()
                on:click=load_more.clone()
            >
                {t!(i18n, load_more)}
            </button>
        </Show>
    }
}

/// Why a retry did not start: the server's own words when it gave them
/// (a job no longer dead says what it is instead), plain words otherwise.
/// Shown inside the polite live region, so it is announced, not shouted.
#[component]
fn RetryFailed(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    leptos::logging::warn!("{error}");
    let why = match &error {
        ApiError::Problem(p) if p.status < 500 && p.detail.is_some() => {
            p.detail.clone().unwrap_or_default()
        }
        e => {
            let (title, detail) = describe(i18n.get_locale_untracked(), e);
            detail.map_or(title.clone(), |d| format!("{title} {d}"))
        }
    };
    view! {
        <div class="usa-alert usa-alert--error usa-alert--slim">
            <div class="usa-alert__body">
                <p class="usa-alert__text">
                    <strong>{t!(i18n, jobs_retry_failed)}</strong>
                    " "
                    {why}
                </p>
            </div>
        </div>
    }
}
