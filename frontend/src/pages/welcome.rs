//! `/staff/welcome/:token`: the page an invitation's email opens. It says
//! whose invitation it is and for which district, lets the new member
//! choose a password (the domain's rule: long enough, checked here as they
//! type and again by the server), and signs them in.

use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::form::{ErrorSummary, Errors, TextInput};
use crate::i18n::*;
use crate::session::use_session;
use heard_domain::account::new_password_problem;
use heard_domain::validation::{FieldError, Invalid};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Why an invitation cannot be accepted, in words for the person holding it.
#[component]
fn Unusable(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    match error.status() {
        Some(410) => view! {
            <div class="usa-alert usa-alert--warning" role="alert">
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading">{t!(i18n, welcome_gone_heading)}</h2>
                    <p class="usa-alert__text">{t!(i18n, welcome_gone)}</p>
                </div>
            </div>
        }
        .into_any(),
        Some(404) => view! {
            <div class="usa-alert usa-alert--error" role="alert">
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading">{t!(i18n, welcome_unknown_heading)}</h2>
                    <p class="usa-alert__text">{t!(i18n, welcome_unknown)}</p>
                </div>
            </div>
        }
        .into_any(),
        _ => view! { <ErrorAlert error=error /> }.into_any(),
    }
}

/// The invitation's page.
#[component]
pub fn Welcome() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    super::title_effect(move || t_string!(i18n, welcome_title_plain).to_string());
    let invitation = LocalResource::new(move || {
        let t = token();
        async move { api::account::invitation(&t).await }
    });

    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let chosen = password.get_untracked();
        let mut found = Vec::new();
        if let Some(problem) = new_password_problem(&chosen, None) {
            found.push(FieldError::new("password", problem));
        } else if again.get_untracked() != chosen {
            found.push(FieldError::new("password_again", Invalid::Mismatch));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        let t = token();
        spawn_local(async move {
            match api::account::accept_invitation(&t, chosen).await {
                Ok(resp) => {
                    session.me.set(Some(resp.user));
                    navigate("/staff", Default::default());
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
        <div class="heard-container heard-narrow heard-login">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || invitation.get().map(|r| match r {
                    Err(e) => view! {
                        <h1>{t!(i18n, welcome_title_plain)}</h1>
                        <Unusable error=e />
                    }.into_any(),
                    Ok(inv) => {
                        let district = inv.district.clone();
                        let submit = submit.clone();
                        view! {
                            <h1>{t!(i18n, welcome_title, district = district.clone())}</h1>
                            <p>{t!(i18n, welcome_intro, name = inv.name.clone(), email = inv.email.clone())}</p>
                            <ErrorSummary errors=errors />
                            {move || failure.get().map(|e| view! { <Unusable error=e /> })}
                            <form class="usa-form heard-form" novalidate on:submit=submit>
                                <input type="hidden" name="username" autocomplete="username" value=inv.email.clone() />
                                <TextInput
                                    field="password"
                                    label=Signal::derive(move || t_string!(i18n, welcome_password_label).to_string())
                                    hint=Signal::derive(move || t_string!(i18n, welcome_password_hint).to_string())
                                    value=password
                                    errors=errors
                                    input_type="password"
                                    autocomplete="new-password"
                                    required=true
                                />
                                <TextInput
                                    field="password_again"
                                    label=Signal::derive(move || t_string!(i18n, welcome_again_label).to_string())
                                    value=again
                                    errors=errors
                                    input_type="password"
                                    autocomplete="new-password"
                                    required=true
                                />
                                <button type="submit" class="usa-button" disabled=move || busy.get()>
                                    {t!(i18n, welcome_submit)}
                                </button>
                            </form>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}
