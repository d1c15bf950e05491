//! `/staff/inquiries/:id`: one case — queue rail, thread and reply box in the
//! middle, and the context panel (requester, routing, timeline) beside it.

mod assign;
mod panels;
mod thread;

use crate::api::{self, ApiError, ApiResult, InboxQuery};
use crate::components::feedback::{ErrorAlert, Loading, PriorityTag, StatusTag, SuccessAlert};
use crate::components::form::Errors;
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::{latest, ViewTasks};
use crate::pages::inbox::RequireStaff;
use crate::session::use_session;
use assign::AssignPanel;
use heard_domain::api::{InquiryDetail, StatusForm, TeamList};
use heard_domain::case::Permitted;
use heard_domain::lifecycle::StatusAction;
use heard_domain::InquiryId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use panels::{DetailsPanel, FeedbackPanel, RequesterPanel, RoutingPanel, TimelinePanel};
use thread::{Composer, Thread};

/// The inbox query last used, so the queue rail beside a case shows the same list.
#[derive(Clone, Copy)]
pub struct LastQuery(pub RwSignal<InboxQuery>);

/// The case page.
#[component]
pub fn Case() -> impl IntoView {
    view! {
        <RequireStaff>
            <CaseBody />
        </RequireStaff>
    }
}

#[component]
fn CaseBody() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<InquiryId>().ok())));
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move {
            let answer = match id {
                Some(id) => api::inquiry(id).await,
                None => Err(ApiError::Problem(heard_domain::api::Problem {
                    kind: "about:blank".into(),
                    title: "Not Found".into(),
                    status: 404,
                    detail: None,
                    errors: Vec::new(),
                })),
            };
            (id, answer)
        }
    });
    // The district's teams are the same for every case: loaded once for the
    // page, not again with each case opened.
    let teams = LocalResource::new(api::teams);
    // The case on screen stays until the one in the address has arrived, and
    // goes together with its signals (see `latest`): agents move from case
    // to case faster than cases load.
    let shown = latest(detail, id);
    super::title_effect(move || {
        shown
            .with(|s| match s {
                Some((_, Ok(d))) => Some(format!("{} {}", d.reference, d.subject)),
                _ => None,
            })
            .unwrap_or_else(|| t_string!(i18n, case_title).to_string())
    });
    view! {
        <div class="heard-container heard-wide heard-triage">
            <QueueRail current=id />
            <div class="heard-triage__case">
                <p class="heard-back"><A href="/staff">{t!(i18n, back_to_inbox)}</A></p>
                {move || match shown.get().map(|(_, answer)| answer) {
                    None => view! { <Loading /> }.into_any(),
                    Some(Ok(d)) => view! { <CaseView initial=d teams=teams /> }.into_any(),
                    Some(Err(e)) if e.status() == Some(404) => view! {
                        <h1>{t!(i18n, case_gone_title)}</h1>
                        <p>{t!(i18n, case_gone_text)}</p>
                        <p><A href="/staff">{t!(i18n, back_to_inbox)}</A></p>
                    }
                    .into_any(),
                    Some(Err(e)) => view! {
                        <h1>{t!(i18n, case_title)}</h1>
                        <ErrorAlert error=e />
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}

/// A compact list of the queue, beside the case on wide screens.
#[component]
fn QueueRail(current: Memo<Option<InquiryId>>) -> impl IntoView {
    let i18n = use_i18n();
    let last = use_context::<LastQuery>().map(|l| l.0);
    let asked = Memo::new(move |_| last.map(|l| l.get()).unwrap_or_default());
    let queue = LocalResource::new(move || {
        let q = asked.get();
        async move {
            let answer = api::inbox(&q, None).await;
            (q, answer)
        }
    });
    let shown = latest(queue, asked);
    view! {
        <nav class="heard-triage__rail" aria-label=move || t_string!(i18n, queue_label)>
            <h2 class="heard-rail__heading">{t!(i18n, queue_label)}</h2>
            {move || match shown.get().map(|(_, answer)| answer) {
                None => view! { <Loading /> }.into_any(),
                Some(Err(_)) => ().into_any(),
                Some(Ok(p)) => view! {
                    <ul class="heard-rail">
                        {p.items.into_iter().map(|item| {
                            let is_current = move || current.get() == Some(item.id);
                            view! {
                                <li class:heard-rail__item--current=is_current class="heard-rail__item">
                                    <a
                                        href=format!("/staff/inquiries/{}", item.id)
                                        aria-current=move || is_current().then_some("page")
                                    >
                                        <span class="heard-rail__ref">{item.reference.clone()}</span>
                                        {item.overdue.then(|| view! { <span class="heard-rail__dot" title=move || t_string!(i18n, overdue)>"●"</span> })}
                                        <span class="heard-rail__subject">{item.subject.clone()}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </nav>
    }
}

/// What the case view shares with the panels that change the case.
#[derive(Clone, Copy)]
struct CaseState {
    /// The case as last seen.
    detail: RwSignal<InquiryDetail>,
    /// Someone else changed the case since it was loaded (a 412).
    stale: RwSignal<bool>,
    /// The district's teams and their members.
    teams: LocalResource<ApiResult<TeamList>>,
    /// What the signed-in member may do to the case now: the policy and
    /// lifecycle the server applies, asked ahead so only what works is offered.
    permitted: Memo<Permitted>,
}

impl CaseState {
    /// Fetches the case again in place, keeping drafts in the forms.
    fn reload(self, tasks: &ViewTasks) {
        let id = self.detail.with_untracked(|d| d.id);
        tasks.spawn(async move {
            if let Ok(d) = api::inquiry(id).await {
                self.detail.set(d);
                self.stale.set(false);
            }
        });
    }

    /// Takes the result of a change: the new case, or the reason it failed.
    /// A stale version raises the "reload" warning rather than an error.
    fn handle(
        self,
        result: Result<InquiryDetail, ApiError>,
        failure: RwSignal<Option<ApiError>>,
        errors: Errors,
    ) -> bool {
        match result {
            Ok(d) => {
                self.stale.set(false);
                self.detail.set(d);
                true
            }
            Err(e) if e.status() == Some(412) => {
                self.stale.set(true);
                false
            }
            Err(e) => {
                let f = e.field_errors();
                if f.is_empty() {
                    failure.set(Some(e));
                } else {
                    errors.set(f);
                }
                false
            }
        }
    }
}

#[component]
fn CaseView(initial: InquiryDetail, teams: LocalResource<ApiResult<TeamList>>) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let detail = RwSignal::new(initial);
    let stale = RwSignal::new(false);
    let session = use_session();
    let permitted = Memo::new(move |_| {
        session.me.with(|me| match me {
            Some(me) => detail.with(|d| Permitted::of(&me.viewer(), &d.access(), d.status)),
            None => Permitted::default(),
        })
    });
    let case = CaseState {
        detail,
        stale,
        teams,
        permitted,
    };
    // The warning may appear far from the control that was used: bring it to
    // the person, with focus on its button.
    let reload_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let (true, Some(b)) = (stale.get(), reload_button.get()) {
            b.scroll_into_view();
            let _ = b.focus();
        }
    });
    let done = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let status_errors: Errors = RwSignal::new(Vec::new());

    let change_status = {
        let tasks = tasks.clone();
        move |a: StatusAction| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            failure.set(None);
            done.set(None);
            let (id, version) = detail.with_untracked(|d| (d.id, d.version));
            tasks.spawn(async move {
                let r = api::set_status(id, version, &StatusForm { status: a }).await;
                let now = r.as_ref().map(|d| d.status).ok();
                if let (true, Some(now)) = (case.handle(r, failure, status_errors), now) {
                    let l = i18n.get_locale_untracked();
                    done.set(Some(
                        td_string!(l, status_changed, status = labels::status(l, now)).to_string(),
                    ));
                }
                busy.set(false);
            });
        }
    };

    let reload = move |_: leptos::ev::MouseEvent| case.reload(&tasks);

    let actions = move || permitted.with(|p| p.statuses.clone());

    view! {
        {move || detail.with(|d| {
            let d = d.clone();
            let overdue = d.first_response_at.is_none()
                && d.status.is_open()
                && d.first_response_due_at.is_some_and(|due| due < fmt::now());
            view! {
                <header class="heard-case__head">
                    <p class="heard-eyebrow">
                        {d.reference.clone()} " · " {move || labels::kind(i18n.get_locale(), d.kind)}
                    </p>
                    <h1 class="heard-case__title">{d.subject.clone()}</h1>
                    <div class="heard-case__tags">
                        <StatusTag status=d.status />
                        <PriorityTag priority=d.priority />
                        {overdue.then(|| view! { <span class="usa-tag heard-overdue">{t!(i18n, overdue)}</span> })}
                    </div>
                </header>
            }
        })}
        <Show when=move || stale.get()>
            <div class="usa-alert usa-alert--warning usa-alert--slim heard-stale" role="alert">
                <div class="usa-alert__body">
                    <p class="usa-alert__text">{t!(i18n, error_stale)}</p>
                    <button
                        type="button"
                        class="usa-button usa-button--outline heard-stale__reload"
                        node_ref=reload_button
                        on:click=reload.clone()
                    >
                        {t!(i18n, reload)}
                    </button>
                </div>
            </div>
        </Show>
        <div class="heard-case__actions" role="group" aria-label=move || t_string!(i18n, status_actions_label)>
            {move || actions().into_iter().map(|a| {
                let primary = a == StatusAction::Resolved;
                let change_status = change_status.clone();
                view! {
                    <button
                        type="button"
                        class="usa-button"
                        class:usa-button--outline=!primary
                        disabled=move || busy.get()
                        on:click=move |_| change_status(a)
                    >
                        {move || labels::action(i18n.get_locale(), a)}
                    </button>
                }
            }).collect_view()}
        </div>
        <div role="status" class="heard-live">
            {move || done.get().map(|t| view! { <SuccessAlert text=t /> })}
        </div>
        {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
        <div class="heard-case__grid">
            <div class="heard-case__main">
                <Thread detail=detail />
                <Composer case=case />
            </div>
            <aside class="heard-case__side" aria-label=move || t_string!(i18n, case_context_label)>
                <RequesterPanel detail=detail />
                <DetailsPanel detail=detail />
                <AssignPanel case=case />
                <RoutingPanel detail=detail />
                <FeedbackPanel detail=detail />
                <TimelinePanel case=case />
            </aside>
        </div>
    }
}
