//! `/staff/welcome/:token` and `/staff/reset/:token`: the pages an
//! invitation's and a password reset's emails open. Each says whose link it
//! is and for which district, lets the member choose a password (the
//! domain's rule: long enough, checked here and again by the server), and
//! signs them in.

use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::form::{ErrorSummary, Errors, TextInput};
use crate::i18n::*;
use crate::session::use_session;
use heard_domain::account::{new_password_problem, LinkPurpose};
use heard_domain::validation::{FieldError, Invalid};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Why a link cannot be used, in words for the person holding it.
#[component]
fn Unusable(error: ApiError, purpose: LinkPurpose) -> impl IntoView {
    let i18n = use_i18n();
    let reset = purpose == LinkPurpose::PasswordReset;
    match error.status() {
        Some(410) if reset => view! {
            <div class="usa-alert usa-alert--warning" role="alert">
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading">{t!(i18n, reset_gone_heading)}</h2>
                    <p class="usa-alert__text">
                        {t!(i18n, reset_gone)}" "
                        <a class="usa-link" href="/staff/forgot">{t!(i18n, reset_ask_again)}</a>
                    </p>
                </div>
            </div>
        }
        .into_any(),
        Some(404) if reset => view! {
            <div class="usa-alert usa-alert--error" role="alert">
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading">{t!(i18n, reset_unknown_heading)}</h2>
                    <p class="usa-alert__text">
                        {t!(i18n, reset_unknown)}" "
                        <a class="usa-link" href="/staff/forgot">{t!(i18n, reset_ask_again)}</a>
                    </p>
                </div>
            </div>
        }
        .into_any(),
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

/// The page of an invitation's or a password reset's link.
#[component]
pub fn Welcome(purpose: LinkPurpose) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let reset = purpose == LinkPurpose::PasswordReset;
    let plain_title = move || {
        if reset {
            t_string!(i18n, reset_title_plain).to_string()
        } else {
            t_string!(i18n, welcome_title_plain).to_string()
        }
    };
    super::title_effect(plain_title);
    let invitation = LocalResource::new(move || {
        let t = token();
        async move {
            if reset {
                api::account::password_reset(&t).await
            } else {
                api::account::invitation(&t).await
            }
        }
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
            let done = if reset {
                api::account::reset_password(&t, chosen).await
            } else {
                api::account::accept_invitation(&t, chosen).await
            };
            match done {
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
                        <h1>{plain_title}</h1>
                        <Unusable error=e purpose=purpose />
                    }.into_any(),
                    Ok(inv) => {
                        let district = inv.district.clone();
                        let submit = submit.clone();
                        view! {
                            {if reset {
                                view! {
                                    <h1>{t!(i18n, reset_title, district = district.clone())}</h1>
                                    <p>{t!(i18n, reset_intro, name = inv.name.clone(), email = inv.email.clone())}</p>
                                }.into_any()
                            } else {
                                view! {
                                    <h1>{t!(i18n, welcome_title, district = district.clone())}</h1>
                                    <p>{t!(i18n, welcome_intro, name = inv.name.clone(), email = inv.email.clone())}</p>
                                }.into_any()
                            }}
                            <ErrorSummary errors=errors />
                            {move || failure.get().map(|e| view! { <Unusable error=e purpose=purpose /> })}
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
                                    {move || if reset {
                                        t_string!(i18n, reset_submit).to_string()
                                    } else {
                                        t_string!(i18n, welcome_submit).to_string()
                                    }}
                                </button>
                            </form>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}
