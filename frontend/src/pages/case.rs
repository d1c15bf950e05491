//! `/staff/inquiries/:id`: one case — queue rail, thread and reply box in the
//! middle, and the context panel (requester, routing, timeline) beside it.

use crate::api::{self, ApiError, InboxQuery};
use crate::components::feedback::{ErrorAlert, Loading, PriorityTag, StatusTag, SuccessAlert};
use crate::components::form::{Choice, ErrorSummary, Errors, SelectField, TextArea, TextInput};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::pages::inbox::RequireStaff;
use crate::session::use_session;
use heard_domain::api::{AssignForm, InquiryDetail, StaffMessageForm, StatusForm};
use heard_domain::lifecycle::{self, StatusAction};
use heard_domain::text::{Body, Reason};
use heard_domain::validation::FieldError;
use heard_domain::{InquiryId, Pillar, TeamId, Transition};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

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
            match id {
                Some(id) => api::inquiry(id).await,
                None => Err(ApiError::Problem(heard_domain::api::Problem {
                    kind: "about:blank".into(),
                    title: "Not Found".into(),
                    status: 404,
                    detail: None,
                    errors: Vec::new(),
                })),
            }
        }
    });
    let notice = RwSignal::new(None::<String>);
    super::title_effect(move || {
        detail
            .get()
            .and_then(|r| r.ok())
            .map(|d| format!("{} {}", d.reference, d.subject))
            .unwrap_or_else(|| t_string!(i18n, case_title).to_string())
    });
    let reload = move || detail.refetch();
    view! {
        <div class="heard-container heard-wide heard-triage">
            <QueueRail current=id />
            <div class="heard-triage__case">
                <p class="heard-back"><A href="/staff">{t!(i18n, back_to_inbox)}</A></p>
                {move || notice.get().map(|n| view! {
                    <div class="usa-alert usa-alert--warning usa-alert--slim" role="alert">
                        <div class="usa-alert__body"><p class="usa-alert__text">{n}</p></div>
                    </div>
                })}
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match detail.await {
                            Ok(d) => view! { <CaseView initial=d notice=notice reload=reload /> }.into_any(),
                            Err(e) => view! {
                                <h1>{t!(i18n, case_title)}</h1>
                                <ErrorAlert error=e />
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

/// A compact list of the queue, beside the case on wide screens.
#[component]
fn QueueRail(current: Memo<Option<InquiryId>>) -> impl IntoView {
    let i18n = use_i18n();
    let last = use_context::<LastQuery>().map(|l| l.0);
    let queue = LocalResource::new(move || {
        let q = last.map(|l| l.get()).unwrap_or_default();
        async move { api::inbox(&q, None).await }
    });
    view! {
        <nav class="heard-triage__rail" aria-label=move || t_string!(i18n, queue_label)>
            <h2 class="heard-rail__heading">{t!(i18n, queue_label)}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match queue.await {
                        Err(_) => ().into_any(),
                        Ok(p) => view! {
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
                    }
                })}
            </Transition>
        </nav>
    }
}

/// Shows the result of a change, or the reason it failed; a stale version reloads the case.
fn handle_result(
    i18n: leptos_i18n::I18nContext<Locale>,
    result: Result<InquiryDetail, ApiError>,
    detail: RwSignal<InquiryDetail>,
    notice: RwSignal<Option<String>>,
    failure: RwSignal<Option<ApiError>>,
    errors: Errors,
    reload: impl Fn(),
) -> bool {
    match result {
        Ok(d) => {
            notice.set(None);
            detail.set(d);
            true
        }
        Err(e) if e.status() == Some(412) => {
            notice.set(Some(t_string!(i18n, error_stale).to_string()));
            reload();
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

#[component]
fn CaseView(
    initial: InquiryDetail,
    notice: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let detail = RwSignal::new(initial);
    let status = Memo::new(move |_| detail.with(|d| d.status));
    let done = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let status_errors: Errors = RwSignal::new(Vec::new());

    let change_status = move |a: StatusAction| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        done.set(None);
        let (id, version) = detail.with_untracked(|d| (d.id, d.version));
        spawn_local(async move {
            let r = api::set_status(id, version, &StatusForm { status: a }).await;
            if handle_result(i18n, r, detail, notice, failure, status_errors, reload) {
                let l = i18n.get_locale_untracked();
                done.set(Some(
                    td_string!(
                        l,
                        status_changed,
                        status = labels::status(l, status.get_untracked())
                    )
                    .to_string(),
                ));
            }
            busy.set(false);
        });
    };

    let actions = move || {
        let s = status.get();
        StatusAction::ALL
            .iter()
            .copied()
            .filter(|a| lifecycle::apply(s, Transition::Staff(*a)).is_ok())
            .collect::<Vec<_>>()
    };

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
        <div class="heard-case__actions" role="group" aria-label=move || t_string!(i18n, status_actions_label)>
            {move || actions().into_iter().map(|a| {
                let primary = a == StatusAction::Resolved;
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
                <Composer detail=detail notice=notice reload=reload />
            </div>
            <aside class="heard-case__side" aria-label=move || t_string!(i18n, case_context_label)>
                <RequesterPanel detail=detail />
                <DetailsPanel detail=detail />
                <AssignPanel detail=detail notice=notice reload=reload />
                <RoutingPanel detail=detail />
                <FeedbackPanel detail=detail />
                <TimelinePanel detail=detail />
            </aside>
        </div>
    }
}

#[component]
fn Thread(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="thread-heading">
            <h2 id="thread-heading">{t!(i18n, conversation_heading)}</h2>
            <ol class="heard-thread">
                {move || detail.with(|d| {
                    let requester = d.requester.name.clone().unwrap_or_else(|| t_string!(i18n, requester_anonymous).to_string());
                    let created = d.created_at;
                    let first = view! {
                        <li class="heard-msg heard-msg--requester">
                            <p class="heard-msg__meta">
                                <strong>{requester.clone()}</strong> " · "
                                <time datetime=fmt::iso(created)>{fmt::date_time(created, labels::lang(i18n.get_locale()))}</time>
                            </p>
                            <div class="heard-msg__body">{d.body.clone()}</div>
                        </li>
                    };
                    let rest = d.messages.iter().map(|m| {
                        let from_requester = m.author == heard_domain::api::Author::Requester;
                        let who = if from_requester {
                            requester.clone()
                        } else {
                            m.staff.as_ref().map(|s| s.name.clone()).unwrap_or_default()
                        };
                        let internal = m.internal;
                        let at = m.created_at;
                        view! {
                            <li
                                class="heard-msg"
                                class:heard-msg--note=internal
                                class:heard-msg--staff=!internal && !from_requester
                                class:heard-msg--requester=from_requester
                            >
                                <p class="heard-msg__meta">
                                    {internal.then(|| view! { <span class="usa-tag heard-note-tag">{t!(i18n, internal_note)}</span> " " })}
                                    <strong>{who}</strong> " · "
                                    <time datetime=fmt::iso(at)>{fmt::date_time(at, labels::lang(i18n.get_locale()))}</time>
                                </p>
                                <div class="heard-msg__body">{m.body.clone()}</div>
                            </li>
                        }
                    }).collect_view();
                    view! { {first} {rest} }
                })}
            </ol>
        </section>
    }
}

#[component]
fn Composer(
    detail: RwSignal<InquiryDetail>,
    notice: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<String>);
    let can_reply = Memo::new(move |_| {
        detail.with(|d| lifecycle::apply(d.status, Transition::StaffReplied).is_ok())
    });
    Effect::new(move |_| {
        if !can_reply.get() {
            internal.set(true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        sent.set(None);
        let text = body.get_untracked();
        if let Err(e) = Body::parse(&text) {
            errors.set(vec![FieldError::new("body", e.to_string())]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let note = internal.get_untracked();
        let id = detail.with_untracked(|d| d.id);
        spawn_local(async move {
            let r = api::add_message(
                id,
                &StaffMessageForm {
                    body: text,
                    internal: note,
                },
            )
            .await;
            if handle_result(i18n, r, detail, notice, failure, errors, reload) {
                body.set(String::new());
                let l = i18n.get_locale_untracked();
                sent.set(Some(
                    if note {
                        td_string!(l, note_added)
                    } else {
                        td_string!(l, reply_sent_staff)
                    }
                    .to_string(),
                ));
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="composer-heading" class="heard-composer" class:heard-composer--note=move || internal.get()>
            <h2 id="composer-heading">
                {move || if internal.get() { t_string!(i18n, composer_note_heading) } else { t_string!(i18n, composer_reply_heading) }}
            </h2>
            <ErrorSummary errors=errors />
            {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
            <div role="status">{move || sent.get().map(|t| view! { <SuccessAlert text=t /> })}</div>
            <form class="heard-form heard-composer__form" novalidate on:submit=submit>
                <TextArea
                    field="body"
                    label=Signal::derive(move || if internal.get() { t_string!(i18n, note_label).to_string() } else { t_string!(i18n, staff_reply_label).to_string() })
                    hint=Signal::derive(move || if internal.get() { t_string!(i18n, note_hint).to_string() } else { t_string!(i18n, staff_reply_hint).to_string() })
                    value=body
                    errors=errors
                    required=true
                    rows=5
                />
                <div class="usa-checkbox heard-composer__toggle">
                    <input
                        class="usa-checkbox__input"
                        id="f-internal"
                        type="checkbox"
                        bind:checked=internal
                        disabled=move || !can_reply.get()
                    />
                    <label class="usa-checkbox__label" for="f-internal">{t!(i18n, internal_toggle)}</label>
                </div>
                <button type="submit" class="usa-button" disabled=move || busy.get()>
                    {move || if internal.get() { t_string!(i18n, add_note) } else { t_string!(i18n, send_reply) }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Panel(
    #[prop(into)] title: Signal<String>,
    id: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="heard-panel" aria-labelledby=id>
            <h2 class="heard-panel__title" id=id>{move || title.get()}</h2>
            {children()}
        </section>
    }
}

#[component]
fn RequesterPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, requester_heading).to_string()) id="panel-requester">
            {move || detail.with(|d| {
                let r = d.requester.clone();
                let l = i18n.get_locale();
                view! {
                    <dl class="heard-facts heard-facts--compact">
                        <dt>{t!(i18n, field_name)}</dt>
                        <dd>{r.name.clone().unwrap_or_else(|| if r.anonymous { td_string!(l, requester_anonymous).to_string() } else { "—".into() })}</dd>
                        <dt>{t!(i18n, field_email)}</dt>
                        <dd>{r.email.clone().map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> }.into_any()).unwrap_or_else(|| "—".into_any())}</dd>
                        <dt>{t!(i18n, field_phone)}</dt>
                        <dd>{r.phone.clone().map(|p| view! { <a href=format!("tel:{p}")>{p.clone()}</a> }.into_any()).unwrap_or_else(|| "—".into_any())}</dd>
                        <dt>{t!(i18n, requester_role_label)}</dt>
                        <dd>{labels::role(l, r.role)}</dd>
                        <dt>{t!(i18n, field_language)}</dt>
                        <dd>{labels::language_name(&r.preferred_language)}</dd>
                    </dl>
                }
            })}
        </Panel>
    }
}

#[component]
fn DetailsPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let when = move |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| fmt::date_time(t, labels::lang(i18n.get_locale())))
            .unwrap_or_else(|| "—".into())
    };
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, details_heading).to_string()) id="panel-details">
            {move || detail.with(|d| view! {
                <dl class="heard-facts heard-facts--compact">
                    <dt>{t!(i18n, fact_topic)}</dt><dd>{d.topic.name.clone()}</dd>
                    <dt>{t!(i18n, fact_unit)}</dt><dd>{d.unit.as_ref().map(|u| u.name.clone()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t!(i18n, col_team)}</dt><dd>{d.team.name.clone()}</dd>
                    <dt>{t!(i18n, assignee_label)}</dt><dd>{d.assignee.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t!(i18n, channel_label)}</dt><dd>{d.channel.as_str()}</dd>
                    <dt>{t!(i18n, fact_received)}</dt><dd>{when(Some(d.created_at))}</dd>
                    <dt>{t!(i18n, fact_due)}</dt><dd>{when(d.first_response_due_at)}</dd>
                    <dt>{t!(i18n, first_response_label)}</dt><dd>{when(d.first_response_at)}</dd>
                    <dt>{t!(i18n, resolution_due_label)}</dt><dd>{when(d.resolution_due_at)}</dd>
                </dl>
            })}
        </Panel>
    }
}

#[component]
fn AssignPanel(
    detail: RwSignal<InquiryDetail>,
    notice: RwSignal<Option<String>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let team = RwSignal::new(detail.with_untracked(|d| d.team.id.to_string()));
    let in_team = session.me.with_untracked(|m| {
        let current = detail.with_untracked(|d| d.team.id);
        m.as_ref()
            .is_some_and(|m| m.teams.iter().any(|t| t.id == current))
    });
    let to_me = RwSignal::new(in_team);
    let reason = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let allowed =
        Memo::new(move |_| detail.with(|d| lifecycle::apply(d.status, Transition::Assign).is_ok()));
    let team_choices = Signal::derive(move || {
        let mut c: Vec<Choice> = Vec::new();
        let current = detail.with(|d| d.team.clone());
        c.push(Choice::new(current.id.to_string(), current.name));
        if let Some(me) = session.me.get() {
            for t in me.teams {
                if !c.iter().any(|x| x.value == t.id.to_string()) {
                    c.push(Choice::new(t.id.to_string(), t.name));
                }
            }
        }
        c
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        done.set(None);
        let mut found = Vec::new();
        let team_id = team.get_untracked().parse::<TeamId>().ok();
        if team_id.is_none() {
            found.push(FieldError::new("team_id", "is required"));
        }
        if let Err(e) = Reason::parse(&reason.get_untracked()) {
            found.push(FieldError::new("reason", e.to_string()));
        }
        let (Some(team_id), true) = (team_id, found.is_empty()) else {
            errors.set(found);
            return;
        };
        errors.set(Vec::new());
        let form = AssignForm {
            team_id,
            assignee_id: if to_me.get_untracked() {
                session.me.with_untracked(|m| m.as_ref().map(|m| m.id))
            } else {
                None
            },
            reason: reason.get_untracked().trim().to_string(),
        };
        busy.set(true);
        let (id, version) = detail.with_untracked(|d| (d.id, d.version));
        spawn_local(async move {
            let r = api::assign(id, version, &form).await;
            if handle_result(i18n, r, detail, notice, failure, errors, reload) {
                reason.set(String::new());
                done.set(Some(t_string!(i18n, assigned_done).to_string()));
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=move || allowed.get()>
            <Panel title=Signal::derive(move || t_string!(i18n, assign_heading).to_string()) id="panel-assign">
                <ErrorSummary errors=errors />
                {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
                <div role="status">{move || done.get().map(|t| view! { <SuccessAlert text=t /> })}</div>
                <form class="heard-form heard-form--compact" novalidate on:submit=submit>
                    <SelectField
                        field="team_id"
                        label=Signal::derive(move || t_string!(i18n, field_team).to_string())
                        choices=team_choices
                        value=team
                        errors=errors
                        required=true
                    />
                    <div class="usa-checkbox">
                        <input class="usa-checkbox__input" id="f-to-me" type="checkbox" bind:checked=to_me />
                        <label class="usa-checkbox__label" for="f-to-me">{t!(i18n, assign_to_me)}</label>
                    </div>
                    <TextInput
                        field="reason"
                        label=Signal::derive(move || t_string!(i18n, field_reason).to_string())
                        hint=Signal::derive(move || t_string!(i18n, reason_hint).to_string())
                        value=reason
                        errors=errors
                        required=true
                    />
                    <button type="submit" class="usa-button usa-button--outline" disabled=move || busy.get()>
                        {t!(i18n, assign_submit)}
                    </button>
                </form>
            </Panel>
        </Show>
    }
}

#[component]
fn RoutingPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, routing_heading).to_string()) id="panel-routing">
            {move || detail.with(|d| view! {
                <p class="heard-routing"><code>{d.routing.rule.clone()}</code></p>
                <p class="heard-muted">{d.routing.reason.clone()}</p>
            })}
        </Panel>
    }
}

#[component]
fn FeedbackPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, feedback_panel_heading).to_string()) id="panel-feedback">
            {move || detail.with(|d| match &d.feedback {
                None => view! { <p class="heard-muted">{t!(i18n, no_feedback_yet)}</p> }.into_any(),
                Some(f) => {
                    let l = i18n.get_locale();
                    let rows = Pillar::ALL.iter().map(|p| {
                        let v = f.pillars.get(*p).map(|v| format!("{v} / 5")).unwrap_or_else(|| "—".into());
                        view! { <dt>{labels::pillar(l, *p)}</dt><dd>{v}</dd> }
                    }).collect_view();
                    view! {
                        <dl class="heard-facts heard-facts--compact">
                            <dt>{t!(i18n, field_overall)}</dt><dd>{format!("{} / 10", f.overall)}</dd>
                            {rows}
                            <dt>{t!(i18n, field_recommend)}</dt><dd>{f.recommend.map(|r| format!("{r} / 10")).unwrap_or_else(|| "—".into())}</dd>
                        </dl>
                        {f.comment.clone().map(|c| view! { <blockquote class="heard-quote">{c}</blockquote> })}
                    }.into_any()
                }
            })}
        </Panel>
    }
}

#[component]
fn TimelinePanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, timeline_heading).to_string()) id="panel-timeline">
            <ol class="heard-timeline">
                {move || detail.with(|d| d.events.iter().map(|e| {
                    let at = e.at;
                    let kind = e.kind.clone();
                    let actor = e.actor.clone();
                    let change = e.data.get("to").and_then(|v| v.as_str()).map(|s| s.replace('_', " "));
                    view! {
                        <li>
                            <span class="heard-timeline__what">{event_label(i18n.get_locale(), &kind)}{change.map(|c| format!(" → {c}"))}</span>
                            <span class="heard-timeline__meta">
                                {actor} " · " <time datetime=fmt::iso(at)>{fmt::date_time(at, labels::lang(i18n.get_locale()))}</time>
                            </span>
                        </li>
                    }
                }).collect_view())}
            </ol>
        </Panel>
    }
}

fn event_label(l: Locale, kind: &str) -> String {
    match kind {
        "inquiry.created" => td_string!(l, event_created).to_string(),
        "inquiry.assigned" => td_string!(l, event_assigned).to_string(),
        "inquiry.message_added" => td_string!(l, event_message).to_string(),
        "inquiry.status_changed" => td_string!(l, event_status).to_string(),
        "feedback.received" => td_string!(l, event_feedback).to_string(),
        "sla.breached" => td_string!(l, event_sla).to_string(),
        other => other.to_string(),
    }
}
