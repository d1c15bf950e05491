//! `/staff/admin/jobs`: the district's background jobs for its admins —
//! what was sent, what waits, and the jobs that failed every try, with a
//! retry for each.

mod list;
mod table;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::i18n::*;
use crate::lifetime::latest;
use crate::pages::inbox::RequireStaff;
use heard_domain::jobs::JobState;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Which jobs the page lists: those in one state, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Only jobs in this state.
    Only(JobState),
    /// Every job.
    All,
}

/// The filters in the order offered; the first is the default, since dead
/// jobs are the ones waiting for an admin.
const FILTERS: [Filter; 5] = [
    Filter::Only(JobState::Dead),
    Filter::Only(JobState::Due),
    Filter::Only(JobState::Running),
    Filter::Only(JobState::Done),
    Filter::All,
];

impl Filter {
    /// Its name in the address, `?state=…`.
    fn name(self) -> &'static str {
        match self {
            Filter::Only(s) => s.as_str(),
            Filter::All => "all",
        }
    }

    /// The filter named in the address; failed jobs when none or unknown.
    fn from_query(name: Option<&str>) -> Self {
        match name {
            Some("all") => Filter::All,
            Some(n) => JobState::parse(n).map_or(FILTERS[0], Filter::Only),
            None => FILTERS[0],
        }
    }

    /// The state the API is asked for.
    pub fn state(self) -> Option<JobState> {
        match self {
            Filter::Only(s) => Some(s),
            Filter::All => None,
        }
    }

    fn href(self) -> String {
        format!("/staff/admin/jobs?state={}", self.name())
    }

    fn label(self, l: Locale) -> &'static str {
        match self.state() {
            Some(JobState::Dead) => td_string!(l, jobs_filter_dead),
            Some(JobState::Due) => td_string!(l, jobs_filter_due),
            Some(JobState::Running) => td_string!(l, jobs_filter_running),
            Some(JobState::Done) => td_string!(l, jobs_filter_done),
            None => td_string!(l, jobs_filter_all),
        }
    }

    /// The table's caption.
    pub fn caption(self, l: Locale) -> &'static str {
        match self.state() {
            Some(JobState::Dead) => td_string!(l, jobs_caption_dead),
            Some(JobState::Due) => td_string!(l, jobs_caption_due),
            Some(JobState::Running) => td_string!(l, jobs_caption_running),
            Some(JobState::Done) => td_string!(l, jobs_caption_done),
            None => td_string!(l, jobs_caption_all),
        }
    }

    /// What an empty list means.
    pub fn empty(self, l: Locale) -> &'static str {
        match self.state() {
            Some(JobState::Dead) => td_string!(l, jobs_empty_dead),
            Some(JobState::Due) => td_string!(l, jobs_empty_due),
            Some(JobState::Running) => td_string!(l, jobs_empty_running),
            Some(JobState::Done) => td_string!(l, jobs_empty_done),
            None => td_string!(l, jobs_empty_all),
        }
    }
}

/// The jobs page.
#[component]
pub fn Jobs() -> impl IntoView {
    view! {
        <RequireStaff>
            <JobsBody />
        </RequireStaff>
    }
}

#[component]
fn JobsBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, jobs_title).to_string());
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| Filter::from_query(q.get("state").as_deref())));
    let allowed = allowed();
    let page = LocalResource::new(move || {
        let f = filter.get();
        let allowed = allowed.get();
        async move {
            let answer = if allowed {
                api::jobs(f.state(), None).await
            } else {
                Err(forbidden())
            };
            (f, answer)
        }
    });
    // The list on screen stays until the one for the filter in the address
    // has arrived, and goes together with its signals (see `latest`).
    let shown = latest(page, filter);
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, jobs_title)}</h1>
            <Show when=move || allowed.get() fallback=|| view! { <NotForYourRole why=|l| td_string!(l, jobs_forbidden) /> }>
                <p class="heard-jobs__intro">{t!(i18n, jobs_intro)}</p>
                <nav class="heard-tabs" aria-label=move || t_string!(i18n, jobs_filter_label)>
                    <ul>
                        {FILTERS.into_iter().map(|f| {
                            let current = move || filter.get() == f;
                            view! {
                                <li>
                                    <a
                                        class="heard-tab"
                                        class:heard-tab--current=current
                                        aria-current=move || current().then_some("page")
                                        href=f.href()
                                    >
                                        {move || f.label(i18n.get_locale())}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                {move || match shown.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some((f, Ok(first))) => view! { <list::JobList filter=f first=first /> }.into_any(),
                    // Roles can change while a session lasts.
                    Some((_, Err(e))) if e.status() == Some(403) => view! {
                        <NotForYourRole why=|l| td_string!(l, jobs_forbidden) />
                    }
                    .into_any(),
                    Some((_, Err(e))) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}
