//! A member leaving: the question asked before deactivating them, and
//! what became of their work once they are.

use crate::i18n::*;
use heard_domain::api::{Deactivation, HandedOver};
use leptos::prelude::*;
use leptos_router::components::A;

/// Asks whether to deactivate `name`, with focus on the question.
#[component]
pub fn ConfirmDeactivate(
    name: String,
    busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
    let question = {
        let name = name.clone();
        move || t_string!(i18n, staff_deactivate_question, name = name.clone()).to_string()
    };
    view! {
        <div
            class="usa-alert usa-alert--warning heard-admin__confirm"
            role="alertdialog"
            aria-labelledby="confirm-deactivate-title"
            aria-describedby="confirm-deactivate-text"
            tabindex="-1"
            node_ref=node
        >
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading" id="confirm-deactivate-title">{question}</h2>
                <p class="usa-alert__text" id="confirm-deactivate-text">{t!(i18n, staff_deactivate_warning)}</p>
                <div class="heard-admin__buttons">
                    <button
                        type="button"
                        class="usa-button usa-button--secondary"
                        disabled=move || busy.get()
                        on:click=move |_| on_yes.run(())
                    >
                        {t!(i18n, staff_deactivate_yes)}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_no.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// Where one inquiry went.
#[component]
fn HandedOverItem(item: HandedOver) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/staff/inquiries/{}", item.inquiry_id);
    let team = item.team.name.clone();
    let whereto = move || match &item.assignee {
        Some(a) => t_string!(
            i18n,
            staff_handed_to,
            name = a.name.clone(),
            team = team.clone()
        )
        .to_string(),
        None => t_string!(i18n, staff_handed_to_queue, team = team.clone()).to_string(),
    };
    view! {
        <li>
            <A href=href>{item.reference.clone()}</A>
            " " {whereto}
        </li>
    }
}

/// What became of a deactivated member's work: each open inquiry and who
/// has it now, and the teams left without a fallback owner. Takes focus,
/// since the button pressed went with the question.
#[component]
pub fn Handover(done: Deactivation, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
    let name = done.staff.name.clone();
    let count = done.handed_over.len();
    let heading = {
        let name = name.clone();
        move || t_string!(i18n, staff_deactivated, name = name.clone()).to_string()
    };
    let summary = move || {
        if count == 0 {
            t_string!(i18n, staff_handed_none).to_string()
        } else {
            t_string!(i18n, staff_handed_count, count = count.to_string()).to_string()
        }
    };
    let cleared = done
        .fallback_cleared
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let topics = done
        .topic_fallback_cleared
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let items = done.handed_over;
    view! {
        <div
            class="usa-alert usa-alert--success heard-admin__confirm heard-staff__handover"
            role="region"
            aria-labelledby="handover-title"
            tabindex="-1"
            node_ref=node
        >
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading" id="handover-title">{heading}</h2>
                <p class="usa-alert__text">{summary}</p>
                {(!items.is_empty()).then(|| view! {
                    <ul class="usa-list heard-staff__handed">
                        {items.into_iter().map(|item| view! { <HandedOverItem item=item /> }).collect_view()}
                    </ul>
                })}
                {(!cleared.is_empty()).then(|| {
                    let cleared = cleared.clone();
                    view! {
                        <p class="usa-alert__text">
                            {move || t_string!(i18n, staff_fallback_cleared, teams = cleared.clone()).to_string()}
                            " "
                            <A href="/staff/admin/teams">{t!(i18n, staff_fallback_choose)}</A>
                        </p>
                    }
                })}
                {(!topics.is_empty()).then(|| {
                    let topics = topics.clone();
                    view! {
                        <p class="usa-alert__text">
                            {move || t_string!(i18n, staff_topic_fallback_cleared, topics = topics.clone()).to_string()}
                            " "
                            <A href="/staff/admin/topics">{t!(i18n, staff_topic_fallback_choose)}</A>
                        </p>
                    }
                })}
                <div class="heard-admin__buttons">
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_close.run(())>
                        {t!(i18n, staff_handover_done)}
                    </button>
                </div>
            </div>
        </div>
    }
}
