//! The conversation and the reply box.

use super::CaseState;
use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, SuccessAlert};
use crate::components::form::{ErrorSummary, Errors, TextArea};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use heard_domain::api::{InquiryDetail, StaffMessageForm};
use heard_domain::text::Body;
use heard_domain::validation::FieldError;
use leptos::prelude::*;

#[component]
pub(super) fn Thread(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="thread-heading">
            <h2 id="thread-heading">{t!(i18n, conversation_heading)}</h2>
            <ol class="heard-thread">
                {move || detail.with(|d| {
                    let requester = d.requester.name.clone().unwrap_or_else(|| if d.requester.anonymous { t_string!(i18n, requester_anonymous).to_string() } else { t_string!(i18n, actor_requester).to_string() });
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
pub(super) fn Composer(case: CaseState) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let detail = case.detail;
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<String>);
    let can_reply = Memo::new(move |_| case.permitted.with(|p| p.reply));
    let can_note = Memo::new(move |_| case.permitted.with(|p| p.note));
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
            errors.set(vec![FieldError::new("body", e.into())]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let note = internal.get_untracked();
        let id = detail.with_untracked(|d| d.id);
        tasks.spawn(async move {
            let r = api::add_message(
                id,
                &StaffMessageForm {
                    body: text,
                    internal: note,
                },
            )
            .await;
            if case.handle(r, failure, errors) {
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
        <Show when=move || can_reply.get() || can_note.get()>
        <section aria-labelledby="composer-heading" class="heard-composer" class:heard-composer--note=move || internal.get()>
            <h2 id="composer-heading">
                {move || if internal.get() { t_string!(i18n, composer_note_heading) } else { t_string!(i18n, composer_reply_heading) }}
            </h2>
            <ErrorSummary errors=errors />
            {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
            <div role="status">{move || sent.get().map(|t| view! { <SuccessAlert text=t /> })}</div>
            <form class="heard-form heard-composer__form" novalidate on:submit=submit.clone()>
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
        </Show>
    }
}
