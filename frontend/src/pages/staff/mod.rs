//! `/staff/admin/staff`: the district's staff for its admins — listed by
//! name, searched and filtered through the address; invited, changed with
//! `If-Match`, deactivated after a question (their open work handed over),
//! reactivated, and sent a new invitation while they have not joined.

mod editor;
mod invite;
mod leaving;
mod list;
mod row;
mod work;

use super::admin::{allowed, forbidden, NotForYourRole};
use crate::api::{self, ApiResult, StaffQuery};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::form::Choice;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::latest;
use crate::pages::inbox::RequireStaff;
use heard_domain::api::StaffStanding;
use heard_domain::TeamRef;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const STANDINGS: [StaffStanding; 3] = [
    StaffStanding::Invited,
    StaffStanding::Active,
    StaffStanding::Deactivated,
];

/// The standing with this stable name.
fn standing_of(s: &str) -> Option<StaffStanding> {
    STANDINGS.into_iter().find(|x| api::standing_name(*x) == s)
}

/// The address of the list showing `q`.
fn href(q: &StaffQuery) -> String {
    let mut params = Vec::new();
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        params.push(format!("q={}", api::encode(text)));
    }
    if let Some(s) = q.standing {
        params.push(format!("standing={}", api::standing_name(s)));
    }
    if params.is_empty() {
        "/staff/admin/staff".to_owned()
    } else {
        format!("/staff/admin/staff?{}", params.join("&"))
    }
}

/// The search in the address bar.
fn query_from_url() -> Memo<StaffQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| StaffQuery {
            q: q.get("q")
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
            standing: q.get("standing").and_then(|s| standing_of(&s)),
        })
    })
}

/// What the forms offer to choose from: the district's teams and the
/// languages it answers in.
#[derive(Clone, Copy)]
pub struct Offered {
    /// The teams, by name.
    pub teams: Signal<Vec<TeamRef>>,
    /// The languages' tags, the district's default first.
    pub languages: Signal<Vec<String>>,
}

/// Every team of the district, a page after another.
async fn all_teams() -> ApiResult<Vec<TeamRef>> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = api::admin_teams(cursor.as_deref()).await?;
        all.extend(page.items.into_iter().map(|t| TeamRef {
            id: t.id,
            name: t.name,
        }));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return Ok(all),
        }
    }
}

/// The staff page.
#[component]
pub fn StaffAdmin() -> impl IntoView {
    view! {
        <RequireStaff>
            <StaffBody />
        </RequireStaff>
    }
}

#[component]
fn StaffBody() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, staff_title).to_string());
    let allowed = allowed();
    let query = query_from_url();
    let page = LocalResource::new(move || {
        let q = query.get();
        let allowed = allowed.get();
        async move {
            let answer = if allowed {
                api::staff_members(&q, None).await
            } else {
                Err(forbidden())
            };
            (q, answer)
        }
    });
    // The rows on screen stay until those of the search in the address
    // have arrived, and go together with their signals (see `latest`).
    let shown = latest(page, query);
    let teams = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                all_teams().await
            } else {
                Err(forbidden())
            }
        }
    });
    let settings = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                api::district_settings().await
            } else {
                Err(forbidden())
            }
        }
    });
    let offered = Offered {
        teams: Signal::derive(move || teams.get().and_then(Result::ok).unwrap_or_default()),
        languages: Signal::derive(move || {
            settings
                .get()
                .and_then(Result::ok)
                .map(|s| s.value.languages)
                .unwrap_or_default()
        }),
    };
    let not_yours = || view! { <NotForYourRole why=|l| td_string!(l, staff_forbidden) /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{t!(i18n, staff_title)}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{t!(i18n, staff_intro)}</p>
                <Filters query=query />
                {move || match shown.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some((q, Ok(first))) => view! {
                        <list::StaffList query=q first=first offered=offered />
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

/// The text searched for and the standing shown; applied through the address.
#[component]
fn Filters(query: Memo<StaffQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let standing = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    // The fields follow the address: back and forward, a link followed.
    Effect::new(move |_| {
        let q = query.get();
        standing.set(
            q.standing
                .map(|s| api::standing_name(s).to_owned())
                .unwrap_or_default(),
        );
        search.set(q.q.unwrap_or_default());
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = StaffQuery {
            q: Some(search.get_untracked()),
            standing: standing_of(&standing.get_untracked()),
        };
        navigate(&href(&q), Default::default());
    };
    let choices = move || {
        let l = i18n.get_locale();
        let mut c = vec![Choice::new("", td_string!(l, staff_standing_any))];
        c.extend(
            STANDINGS
                .iter()
                .map(|s| Choice::new(api::standing_name(*s), labels::standing(l, *s))),
        );
        c
    };
    view! {
        <form class="heard-filters" role="search" on:submit=apply>
            <div class="heard-filters__field heard-filters__search">
                <label class="usa-label" for="staff-q">{t!(i18n, search_label)}</label>
                <div class="usa-hint" id="staff-q-hint">{t!(i18n, staff_search_hint)}</div>
                <input
                    class="usa-input"
                    id="staff-q"
                    type="search"
                    maxlength="200"
                    aria-describedby="staff-q-hint"
                    bind:value=search
                />
            </div>
            <div class="heard-filters__field">
                <label class="usa-label" for="staff-standing">{t!(i18n, staff_standing_label)}</label>
                <select
                    class="usa-select"
                    id="staff-standing"
                    on:change:target=move |ev| standing.set(ev.target().value())
                    prop:value=move || standing.get()
                >
                    {move || choices().into_iter().map(|c| {
                        let v = c.value.clone();
                        view! { <option value=c.value selected=move || standing.with(|s| *s == v)>{c.label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="usa-button usa-button--outline heard-filters__go">
                {t!(i18n, apply_filters)}
            </button>
        </form>
    }
}
