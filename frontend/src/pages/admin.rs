//! What the admin pages (jobs, settings, audit log) share: who may see them,
//! and what everyone else is told.

use crate::api::ApiError;
use crate::i18n::*;
use crate::session::{administers, use_session};
use heard_domain::api::Problem;
use leptos::prelude::*;
use leptos_router::components::A;

/// Whether the signed-in member administers the district. A memo, so that
/// pages asking it load again only when the answer changes (roles can
/// change while a session lasts), not when the session changes otherwise,
/// as when an admin renames the district.
pub fn allowed() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| session.me.with(|m| m.as_ref().is_some_and(administers)))
}

/// What the server would answer someone who is no admin; the pages say it
/// without asking.
pub fn forbidden() -> ApiError {
    ApiError::Problem(Problem {
        kind: "about:blank".into(),
        title: "Forbidden".into(),
        status: 403,
        detail: None,
        errors: Vec::new(),
    })
}

/// Said to staff who are not the district's admins: who looks after this
/// page (`why`), and the way back to their own work.
#[component]
pub fn NotForYourRole(why: fn(Locale) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="usa-alert usa-alert--info heard-forbidden">
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading">{t!(i18n, admin_forbidden_title)}</h2>
                <p class="usa-alert__text">{move || why(i18n.get_locale())}</p>
            </div>
        </div>
        <p><A href="/staff">{t!(i18n, go_to_inbox)}</A></p>
    }
}
