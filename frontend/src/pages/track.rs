//! `/track/:token`: the family's private view of its inquiry — status, replies,
//! a reply box, and the feedback form once the inquiry is resolved.

use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, Loading, StatusTag, SuccessAlert};
use crate::components::form::{Choice, ErrorSummary, Errors, RadioGroup, TextArea};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::{latest, ViewTasks};
use heard_domain::api::{Author, FeedbackView, TrackedInquiry};
use heard_domain::text::Body;
use heard_domain::validation::{FieldError, Invalid};
use heard_domain::{FeedbackForm, Pillar, PillarRatings, Status};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The tracking page.
#[component]
pub fn Track() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let inquiry = LocalResource::new(move || {
        let token = token.get();
        async move {
            let answer = api::track(&token).await;
            (token, answer)
        }
    });
    // The page on screen stays until a reload has arrived, and goes together
    // with its signals (see `latest`).
    let shown = latest(inquiry, token);
    let brand = crate::components::layout::use_brand();
    Effect::new(move |_| {
        if let Some((_, Ok(t))) = shown.get() {
            brand.name.set(Some(t.district_name.clone()));
        }
    });
    super::title_effect(move || match shown.get().map(|(_, answer)| answer) {
        Some(Err(e)) if e.status() == Some(404) => {
            t_string!(i18n, track_not_found_title).to_string()
        }
        r => {
            let reference = r
                .and_then(|r| r.ok())
                .map(|t| t.reference)
                .unwrap_or_default();
            format!("{} {reference}", t_string!(i18n, track_title))
        }
    });
    view! {
        <div class="heard-container heard-narrow">
            {move || match shown.get().map(|(_, answer)| answer) {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(t)) => view! {
                    <Tracked inquiry=t token=token.get_untracked() reload=move || inquiry.refetch() />
                }
                .into_any(),
                Some(Err(e)) if e.status() == Some(404) => view! { <TrackNotFound /> }.into_any(),
                Some(Err(e)) => view! {
                    <h1>{t!(i18n, track_title)}</h1>
                    <ErrorAlert error=e />
                }
                .into_any(),
            }}
        </div>
    }
}

/// A link that leads nowhere: most often a link cut short when it was copied.
#[component]
fn TrackNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, track_not_found_title)}</h1>
        <p class="usa-intro">{t!(i18n, track_not_found_text)}</p>
        <ul class="usa-list">
            <li>{t!(i18n, track_not_found_check)}</li>
            <li>{t!(i18n, track_not_found_help)}</li>
        </ul>
        <p>
            <a class="usa-button" href="/">{t!(i18n, track_not_found_contact)}</a>
        </p>
    }
}

#[component]
fn Tracked(
    inquiry: TrackedInquiry,
    token: String,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let messages = RwSignal::new(inquiry.messages.clone());
    let created = inquiry.created_at;
    let due = inquiry.first_response_due_at;
    let unit = inquiry.unit.clone();
    let closed = inquiry.status == Status::Closed;
    let status = inquiry.status;
    let feedback = RwSignal::new(inquiry.feedback.clone());
    let feedback_open = inquiry.feedback_open;
    let given_before = inquiry.feedback.is_some();
    view! {
        <p class="heard-eyebrow">{t!(i18n, track_eyebrow)} " " {inquiry.reference.clone()}</p>
        <h1>{inquiry.subject.clone()}</h1>
        <div class="heard-status-line">
            <span>{t!(i18n, status_label)} " "</span>
            <StatusTag status=status />
        </div>
        <p class="heard-status-explainer">{move || status_explainer(i18n.get_locale(), status)}</p>
        <dl class="heard-facts">
            <dt>{t!(i18n, fact_received)}</dt>
            <dd>
                <time datetime=fmt::iso(created)>
                    {move || fmt::date_time(created, labels::lang(i18n.get_locale()))}
                </time>
            </dd>
            <dt>{t!(i18n, fact_topic)}</dt>
            <dd>{inquiry.topic.clone()}</dd>
            {unit.map(|u| view! { <dt>{t!(i18n, fact_unit)}</dt><dd>{u}</dd> })}
            {due.filter(|_| status.is_open()).map(|d| view! {
                <dt>{t!(i18n, fact_due)}</dt>
                <dd>
                    <time datetime=fmt::iso(d)>
                        {move || fmt::date_time(d, labels::lang(i18n.get_locale()))}
                    </time>
                </dd>
            })}
        </dl>

        <section aria-labelledby="conversation-heading" class="heard-section">
            <h2 id="conversation-heading">{t!(i18n, conversation_heading)}</h2>
            <ol class="heard-thread">
                <li class="heard-msg heard-msg--requester">
                    <p class="heard-msg__meta">
                        <strong>{t!(i18n, you_wrote)}</strong> " · "
                        {move || fmt::date_time(created, labels::lang(i18n.get_locale()))}
                    </p>
                    <div class="heard-msg__body">{inquiry.body.clone()}</div>
                </li>
                <For
                    each=move || messages.get()
                    key=|m| m.id
                    let(m)
                >
                    {
                        let mine = m.author == Author::Requester;
                        let who = m.author_name.clone();
                        let at = m.created_at;
                        view! {
                            <li class="heard-msg" class:heard-msg--requester=mine class:heard-msg--staff=!mine>
                                <p class="heard-msg__meta">
                                    <strong>
                                        {move || if mine {
                                            t_string!(i18n, you_wrote).to_string()
                                        } else {
                                            who.clone().unwrap_or_else(|| t_string!(i18n, district_staff).to_string())
                                        }}
                                    </strong>
                                    " · "
                                    <time datetime=fmt::iso(at)>
                                        {move || fmt::date_time(at, labels::lang(i18n.get_locale()))}
                                    </time>
                                </p>
                                <div class="heard-msg__body">{m.body.clone()}</div>
                            </li>
                        }
                    }
                </For>
            </ol>
            {(!closed).then(|| view! { <ReplyBox token=token.clone() messages=messages /> })}
        </section>

        <section aria-labelledby="feedback-heading" class="heard-section">
            {move || match feedback.get() {
                Some(f) => view! { <FeedbackThanks feedback=f focus=!given_before /> }.into_any(),
                None if feedback_open => view! {
                    <FeedbackFormView token=token.clone() feedback=feedback reload=reload.clone() />
                }
                .into_any(),
                None => view! {
                    <h2 id="feedback-heading" class="usa-sr-only">{t!(i18n, feedback_heading)}</h2>
                }
                .into_any(),
            }}
        </section>
    }
}

fn status_explainer(l: Locale, s: Status) -> String {
    match s {
        Status::New | Status::Assigned => td_string!(l, explain_new),
        Status::InProgress => td_string!(l, explain_in_progress),
        Status::AwaitingRequester => td_string!(l, explain_awaiting),
        Status::Resolved => td_string!(l, explain_resolved),
        Status::Closed => td_string!(l, explain_closed),
    }
    .to_string()
}

#[component]
fn ReplyBox(
    token: String,
    messages: RwSignal<Vec<heard_domain::api::PublicMessage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let body = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        sent.set(false);
        failure.set(None);
        let text = body.get_untracked();
        if let Err(e) = Body::parse(&text) {
            errors.set(vec![FieldError::new("body", e.into())]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let token = token.clone();
        tasks.spawn(async move {
            match api::track_reply(&token, text).await {
                Ok(m) => {
                    messages.update(|ms| ms.push(m));
                    body.set(String::new());
                    sent.set(true);
                }
                Err(e) => {
                    let f = e.field_errors();
                    if f.is_empty() {
                        failure.set(Some(e));
                    } else {
                        errors.set(f);
                    }
                }
            }
            busy.set(false);
        });
    };
    view! {
        <h3 class="heard-reply-heading">{t!(i18n, reply_heading)}</h3>
        <ErrorSummary errors=errors />
        {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
        <div role="status">
            {move || sent.get().then(|| view! {
                <SuccessAlert text=Signal::derive(move || t_string!(i18n, reply_sent).to_string()) />
            })}
        </div>
        <form class="usa-form heard-form" novalidate on:submit=submit>
            <TextArea
                field="body"
                label=Signal::derive(move || t_string!(i18n, reply_label).to_string())
                value=body
                errors=errors
                required=true
                rows=4
            />
            <button type="submit" class="usa-button" disabled=move || busy.get()>
                {t!(i18n, send_reply)}
            </button>
        </form>
    }
}

fn scale(from: i64, to: i64) -> Vec<Choice> {
    (from..=to)
        .map(|n| Choice::new(n.to_string(), n.to_string()))
        .collect()
}

#[component]
fn FeedbackFormView(
    token: String,
    feedback: RwSignal<Option<FeedbackView>>,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let overall = RwSignal::new(String::new());
    let courtesy = RwSignal::new(String::new());
    let communication = RwSignal::new(String::new());
    let responsiveness = RwSignal::new(String::new());
    let environment = RwSignal::new("na".to_string());
    let recommend = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let mut found = Vec::new();
        let mut num = |field: &str, s: RwSignal<String>| -> i64 {
            match s.get_untracked().parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    found.push(FieldError::new(field, Invalid::Required));
                    0
                }
            }
        };
        let form = FeedbackForm {
            overall: num("overall", overall),
            pillars: PillarRatings {
                courtesy: num("pillars.courtesy", courtesy),
                communication: num("pillars.communication", communication),
                responsiveness: num("pillars.responsiveness", responsiveness),
                environment: environment.get_untracked().parse::<i64>().ok(),
            },
            recommend: recommend.get_untracked().parse::<i64>().ok(),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        if found.is_empty() {
            if let Err(e) = form.parse() {
                found.extend(e.0);
            }
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let token = token.clone();
        let reload = reload.clone();
        tasks.spawn(async move {
            match api::track_feedback(&token, &form).await {
                Ok(f) => feedback.set(Some(f)),
                Err(e) => {
                    let f = e.field_errors();
                    if e.status() == Some(409) {
                        reload();
                    }
                    if f.is_empty() {
                        failure.set(Some(e));
                    } else {
                        errors.set(f);
                    }
                }
            }
            busy.set(false);
        });
    };

    let pillar_group = move |p: Pillar, value: RwSignal<String>, optional: bool| {
        let field: &'static str = match p {
            Pillar::Courtesy => "pillars.courtesy",
            Pillar::Communication => "pillars.communication",
            Pillar::Responsiveness => "pillars.responsiveness",
            Pillar::Environment => "pillars.environment",
        };
        let choices = Signal::derive(move || {
            let l = i18n.get_locale();
            // Numbers only, so the five fit on one line of a phone; the
            // hint above says what 1 and 5 mean.
            let mut c = scale(1, 5);
            if optional {
                c.push(Choice::new("na", td_string!(l, rating_na).to_string()));
            }
            c
        });
        view! {
            <RadioGroup
                field=field
                legend=Signal::derive(move || labels::pillar(i18n.get_locale(), p))
                hint=Signal::derive(move || pillar_hint(i18n.get_locale(), p))
                choices=choices
                value=value
                errors=errors
                scale=true
                required=!optional
            />
        }
    };

    view! {
        <h2 id="feedback-heading">{t!(i18n, feedback_heading)}</h2>
        <p>{t!(i18n, feedback_intro)}</p>
        <ErrorSummary errors=errors />
        {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
        <form class="usa-form usa-form--large heard-form" novalidate on:submit=submit>
            <RadioGroup
                field="overall"
                legend=Signal::derive(move || t_string!(i18n, overall_legend).to_string())
                hint=Signal::derive(move || t_string!(i18n, scale_0_10_hint).to_string())
                choices=scale(0, 10)
                value=overall
                errors=errors
                scale=true
                required=true
            />
            <fieldset class="usa-fieldset heard-pillars-set">
                <legend class="usa-legend usa-legend--large heard-pillars-legend">{t!(i18n, pillars_legend)}</legend>
                <p class="usa-hint">{t!(i18n, pillars_hint)}</p>
                {pillar_group(Pillar::Courtesy, courtesy, false)}
                {pillar_group(Pillar::Communication, communication, false)}
                {pillar_group(Pillar::Responsiveness, responsiveness, false)}
                {pillar_group(Pillar::Environment, environment, true)}
            </fieldset>
            <RadioGroup
                field="recommend"
                legend=Signal::derive(move || t_string!(i18n, recommend_legend).to_string())
                hint=Signal::derive(move || t_string!(i18n, scale_0_10_hint).to_string())
                choices=scale(0, 10)
                value=recommend
                errors=errors
                scale=true
            />
            <TextArea
                field="comment"
                label=Signal::derive(move || t_string!(i18n, comment_label).to_string())
                value=comment
                errors=errors
                rows=4
            />
            <button type="submit" class="usa-button usa-button--big" disabled=move || busy.get()>
                {t!(i18n, send_feedback)}
            </button>
        </form>
    }
}

fn pillar_hint(l: Locale, p: Pillar) -> String {
    match p {
        Pillar::Courtesy => td_string!(l, pillar_courtesy_hint),
        Pillar::Communication => td_string!(l, pillar_communication_hint),
        Pillar::Responsiveness => td_string!(l, pillar_responsiveness_hint),
        Pillar::Environment => td_string!(l, pillar_environment_hint),
    }
    .to_string()
}

#[component]
fn FeedbackThanks(feedback: FeedbackView, focus: bool) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let (true, Some(h)) = (focus, heading.get()) {
            let _ = h.focus();
        }
    });
    let overall = feedback.overall;
    view! {
        <div class="usa-alert usa-alert--success" role="status">
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading" id="feedback-heading" tabindex="-1" node_ref=heading>
                    {t!(i18n, feedback_thanks)}
                </h2>
                <p class="usa-alert__text">
                    {t!(i18n, feedback_given, overall = overall.to_string())}
                </p>
            </div>
        </div>
    }
}
