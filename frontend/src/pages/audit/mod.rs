//! `/staff/admin/audit`: the district's audit log for its admins — each
//! change to its settings, to the addresses it does not write to and each
//! retried job, with who made it, when, from where, and the thing before
//! and after. Searched and filtered through the address, so a search can be
//! shared and survives a reload.

mod entry;
mod list;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api::{self, AuditQuery};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::form::Choice;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::latest;
use crate::pages::inbox::RequireStaff;
use crate::session::use_session;
use heard_domain::api::AuditResource;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The address of the log showing `q`.
fn href(q: &AuditQuery) -> String {
    let mut params = Vec::new();
    if let Some(r) = q.resource {
        params.push(format!("resource={}", r.as_str()));
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        params.push(format!("q={}", api::encode(text)));
    }
    if params.is_empty() {
        "/staff/admin/audit".to_owned()
    } else {
        format!("/staff/admin/audit?{}", params.join("&"))
    }
}

/// The search in the address bar.
fn query_from_url() -> Memo<AuditQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| AuditQuery {
            resource: q.get("resource").and_then(|r| AuditResource::parse(&r)),
            q: q.get("q")
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
        })
    })
}

/// The audit log page.
#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <RequireStaff>
            <AuditBody />
        </RequireStaff>
    }
}

#[component]
fn AuditBody() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    super::title_effect(move || t_string!(i18n, audit_title).to_string());
    let allowed = allowed();
    let query = query_from_url();
    let page = LocalResource::new(move || {
        let q = query.get();
        let allowed = allowed.get();
        async move {
            let answer = if allowed {
                api::audit(&q, None).await
            } else {
                Err(forbidden())
            };
            (q, answer)
        }
    });
    // The entries on screen stay until those for the search in the address
    // have arrived, and go together with their signals (see `latest`).
    let shown = latest(page, query);
    // Everyone reads the log on the district's clock.
    let time_zone = Signal::derive(move || {
        session.me.with(|m| {
            m.as_ref()
                .map(|m| m.district.time_zone.clone())
                .unwrap_or_default()
        })
    });
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, audit_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, audit_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-audit__intro">{t!(i18n, audit_intro)}</p>
                <Filters query=query />
                <p class="heard-muted heard-audit__clock">
                    {move || t_string!(i18n, audit_time_zone, time_zone = time_zone.get()).to_string()}
                </p>
                {move || match shown.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some((q, Ok(first))) => view! {
                        <list::AuditList query=q first=first time_zone=time_zone />
                    }
                    .into_any(),
                    // Roles can change while a session lasts.
                    Some((_, Err(e))) if e.status() == Some(403) => not_yours().into_any(),
                    Some((_, Err(e))) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// The kind of thing and the text searched for; applied through the address.
#[component]
fn Filters(query: Memo<AuditQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let resource = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    // The fields follow the address: back and forward, a link followed.
    Effect::new(move |_| {
        let q = query.get();
        resource.set(
            q.resource
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
        );
        search.set(q.q.unwrap_or_default());
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = AuditQuery {
            resource: AuditResource::parse(&resource.get_untracked()),
            q: Some(search.get_untracked()),
        };
        navigate(&href(&q), Default::default());
    };
    let choices = move || {
        let l = i18n.get_locale();
        let mut c = vec![Choice::new("", td_string!(l, audit_resource_any))];
        c.extend(
            AuditResource::ALL
                .iter()
                .map(|r| Choice::new(r.as_str(), labels::audit_resource(l, *r))),
        );
        c
    };
    view! {
        <form class="heard-filters" role="search" on:submit=apply>
            <div class="heard-filters__field">
                <label class="usa-label" for="audit-resource">{t!(i18n, audit_resource_label)}</label>
                <select
                    class="usa-select"
                    id="audit-resource"
                    on:change:target=move |ev| resource.set(ev.target().value())
                    prop:value=move || resource.get()
                >
                    {move || choices().into_iter().map(|c| {
                        let v = c.value.clone();
                        view! { <option value=c.value selected=move || resource.with(|r| *r == v)>{c.label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="heard-filters__field heard-filters__search">
                <label class="usa-label" for="audit-q">{t!(i18n, search_label)}</label>
                <div class="usa-hint" id="audit-q-hint">{t!(i18n, audit_search_hint)}</div>
                <input
                    class="usa-input"
                    id="audit-q"
                    type="search"
                    maxlength="200"
                    aria-describedby="audit-q-hint"
                    bind:value=search
                />
            </div>
            <button type="submit" class="usa-button usa-button--outline heard-filters__go">
                {t!(i18n, apply_filters)}
            </button>
        </form>
    }
}
