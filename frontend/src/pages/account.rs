//! `/staff/account`: a signed-in staff member's own account — whom they are
//! signed in as, choosing a new password (which signs them out everywhere
//! else), and signing out on every browser and device at once, as after a
//! lost phone or a shared computer.

use crate::api::{self, ApiError};
use crate::components::feedback::ErrorAlert;
use crate::components::form::{ErrorSummary, Errors, TextInput};
use crate::i18n::*;
use crate::pages::inbox::RequireStaff;
use crate::session::use_session;
use heard_domain::account::new_password_problem;
use heard_domain::api::PasswordChange;
use heard_domain::validation::{FieldError, Invalid};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The account page, for anyone signed in.
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, account_title).to_string());
    view! {
        <RequireStaff>
            <AccountPage />
        </RequireStaff>
    }
}

#[component]
fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let who = move || {
        session.me.with(|m| {
            m.as_ref().map(|m| {
                t_string!(
                    i18n,
                    account_signed_in_as,
                    name = m.name.clone(),
                    email = m.email.clone(),
                    district = m.district.name.clone()
                )
                .to_string()
            })
        })
    };
    view! {
        <div class="heard-container heard-narrow">
            <h1>{t!(i18n, account_title)}</h1>
            <p class="usa-intro">{who}</p>
            <NewPassword />
            <Everywhere />
        </div>
    }
}

/// The current password and a new one typed twice; the domain's rule is
/// checked here before the server checks it again.
#[component]
fn NewPassword() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let changed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        changed.set(false);
        let (now, new) = (current.get_untracked(), chosen.get_untracked());
        let mut found = Vec::new();
        if now.is_empty() {
            found.push(FieldError::new("current_password", Invalid::Required));
        }
        if let Some(problem) = new_password_problem(&new, Some(&now)) {
            found.push(FieldError::new("new_password", problem));
        } else if again.get_untracked() != new {
            found.push(FieldError::new("new_password_again", Invalid::Mismatch));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            let form = PasswordChange {
                current_password: now,
                new_password: new,
            };
            match api::change_password(&form).await {
                Ok(()) => {
                    for field in [current, chosen, again] {
                        field.set(String::new());
                    }
                    changed.set(true);
                }
                Err(ApiError::SignedOut) => session.me.set(None),
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
    let username = move || session.me.with(|m| m.as_ref().map(|m| m.email.clone()));
    view! {
        <section class="heard-section" aria-labelledby="password-heading">
            <h2 id="password-heading">{t!(i18n, account_password_heading)}</h2>
            <p>{t!(i18n, account_password_intro)}</p>
            <ErrorSummary errors=errors />
            {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
            <div role="status">
                <Show when=move || changed.get()>
                    <div class="usa-alert usa-alert--success usa-alert--slim">
                        <div class="usa-alert__body">
                            <p class="usa-alert__text">{t!(i18n, account_password_changed)}</p>
                        </div>
                    </div>
                </Show>
            </div>
            <form class="usa-form heard-form" novalidate on:submit=submit>
                <input type="hidden" name="username" autocomplete="username" value=username />
                <TextInput
                    field="current_password"
                    label=Signal::derive(move || t_string!(i18n, field_current_password).to_string())
                    value=current
                    errors=errors
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                />
                <TextInput
                    field="new_password"
                    label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
                    hint=Signal::derive(move || t_string!(i18n, welcome_password_hint).to_string())
                    value=chosen
                    errors=errors
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                />
                <TextInput
                    field="new_password_again"
                    label=Signal::derive(move || t_string!(i18n, account_new_again).to_string())
                    value=again
                    errors=errors
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                />
                <button type="submit" class="usa-button" disabled=move || busy.get()>
                    {t!(i18n, account_password_submit)}
                </button>
            </form>
        </section>
    }
}

/// Ends every sign-in of this member, this one too.
#[component]
fn Everywhere() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::sign_out_everywhere().await {
                Ok(()) | Err(ApiError::SignedOut) => {
                    session.me.set(None);
                    navigate("/staff/login", Default::default());
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="heard-section" aria-labelledby="everywhere-heading">
            <h2 id="everywhere-heading">{t!(i18n, account_everywhere_heading)}</h2>
            <p>{t!(i18n, account_everywhere_intro)}</p>
            {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
            <button type="button" class="usa-button usa-button--secondary" disabled=move || busy.get() on:click=sign_out>
                {t!(i18n, account_everywhere_submit)}
            </button>
        </section>
    }
}
