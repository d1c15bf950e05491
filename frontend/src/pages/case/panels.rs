//! The context panels beside the case: requester, details, routing, feedback, timeline.

use super::CaseState;
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use heard_domain::api::InquiryDetail;
use heard_domain::case::{Actor, CaseEvent, TimelineEvent};
use heard_domain::Pillar;
use leptos::prelude::*;

#[component]
pub(super) fn Panel(
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
pub(super) fn RequesterPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, requester_heading).to_string()) id="panel-requester">
            {move || detail.with(|d| {
                let r = d.requester.clone();
                let l = i18n.get_locale();
                let erased = d.events.iter().find_map(|e| match e.event {
                    CaseEvent::RequesterErased(_) => Some(e.at),
                    _ => None,
                });
                view! {
                    {erased.map(|at| view! {
                        <p class="heard-muted">
                            {td_string!(l, requester_erased_on, date = fmt::date(at, labels::lang(l))).to_string()}
                        </p>
                    })}
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
pub(super) fn DetailsPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
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
                    <dt>{t!(i18n, channel_label)}</dt><dd>{labels::channel(i18n.get_locale(), d.channel)}</dd>
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
pub(super) fn RoutingPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, routing_heading).to_string()) id="panel-routing">
            {move || detail.with(|d| view! {
                <p class="heard-routing"><code>{d.routing.rule.clone()}</code></p>
                <p class="heard-muted">{with_names(d, &d.routing.reason)}</p>
            })}
        </Panel>
    }
}

#[component]
pub(super) fn FeedbackPanel(detail: RwSignal<InquiryDetail>) -> impl IntoView {
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

/// Every change of the case, oldest first, in plain words: where it was
/// routed and why, who took it, what was said and how its status moved.
#[component]
pub(super) fn TimelinePanel(case: CaseState) -> impl IntoView {
    let i18n = use_i18n();
    let detail = case.detail;
    view! {
        <Panel title=Signal::derive(move || t_string!(i18n, timeline_heading).to_string()) id="panel-timeline">
            <ol class="heard-timeline">
                {move || {
                    let l = i18n.get_locale();
                    detail.with(|d| d.events.iter().map(|e| {
                        let at = e.at;
                        let what = event_text(l, e);
                        let reason = event_reason(&e.event).map(|(r, typed)| {
                            let r = with_names(d, r);
                            // A person's words are quoted; routing's explanation is not.
                            if typed { format!("“{r}”") } else { r }
                        });
                        let actor = match &e.actor {
                            Actor::Requester => td_string!(l, actor_requester).to_string(),
                            Actor::System => td_string!(l, actor_system).to_string(),
                            Actor::Staff { name, .. } => name.clone(),
                        };
                        view! {
                            <li>
                                <span class="heard-timeline__what">{what}</span>
                                {reason.map(|r| view! { <span class="heard-timeline__reason">{r}</span> })}
                                <span class="heard-timeline__meta">
                                    {actor} " · " <time datetime=fmt::iso(at)>{fmt::date_time(at, labels::lang(l))}</time>
                                </span>
                            </li>
                        }
                    }).collect_view())
                }}
            </ol>
        </Panel>
    }
}

/// Routing explanations may name the topic, unit or team by id; staff read names.
fn with_names(d: &InquiryDetail, text: &str) -> String {
    let mut out = text.replace(&d.topic.id.to_string(), &d.topic.name);
    out = out.replace(&d.team.id.to_string(), &d.team.name);
    if let Some(u) = &d.unit {
        out = out.replace(&u.id.to_string(), &u.name);
    }
    out
}

/// Why it happened, where it says, and whether a person typed it (rather
/// than routing explaining itself).
fn event_reason(e: &CaseEvent) -> Option<(&str, bool)> {
    match e {
        CaseEvent::Assigned(a) => Some((a.reason.as_str(), a.rule.is_none())),
        CaseEvent::Rerouted(r) => Some((r.reason.as_str(), true)),
        _ => None,
    }
}

/// One timeline entry as a sentence.
fn event_text(l: Locale, e: &TimelineEvent) -> String {
    match &e.event {
        CaseEvent::Created(_) => td_string!(l, event_created).to_string(),
        CaseEvent::Assigned(a) => match (&a.assignee, &a.rule) {
            (Some(who), _) => td_string!(l, event_assigned_to, name = who.name.clone()).to_string(),
            (None, Some(_)) => td_string!(l, event_routed, team = a.team.name.clone()).to_string(),
            (None, None) => td_string!(l, event_unassigned).to_string(),
        },
        CaseEvent::Rerouted(r) => {
            td_string!(l, event_rerouted, team = r.to_team.name.clone()).to_string()
        }
        CaseEvent::MessageAdded(m) => match (&e.actor, m.internal) {
            (_, true) => td_string!(l, event_note).to_string(),
            (Actor::Requester, false) => td_string!(l, event_family_replied).to_string(),
            _ => td_string!(l, event_reply).to_string(),
        },
        CaseEvent::StatusChanged(s) => {
            td_string!(l, event_status_to, status = labels::status(l, s.to)).to_string()
        }
        CaseEvent::FeedbackReceived(_) => td_string!(l, event_feedback).to_string(),
        CaseEvent::SlaWarned(_) => td_string!(l, event_sla_warned).to_string(),
        CaseEvent::SlaBreached(_) => td_string!(l, event_sla).to_string(),
        CaseEvent::Viewed(_) => td_string!(l, event_viewed).to_string(),
        CaseEvent::RequesterErased(r) => {
            td_string!(l, event_requester_erased, days = r.retention_days).to_string()
        }
    }
}
