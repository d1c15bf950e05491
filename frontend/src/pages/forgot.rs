//! `/staff/forgot`: a staff member who forgot their password asks for a
//! reset link. The page says the same whether or not the address is on
//! the staff, as the server does, so it tells nobody who works there.

use super::login::DistrictAndEmail;
use crate::api::{self, ApiError};
use crate::components::feedback::ErrorAlert;
use crate::components::form::{ErrorSummary, Errors};
use crate::i18n::*;
use heard_domain::api::PasswordResetRequest;
use heard_domain::validation::{FieldError, Invalid};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The forgotten-password form, and what happens next once sent.
#[component]
pub fn Forgot() -> impl IntoView {
    let i18n = use_i18n();
    super::title_effect(move || t_string!(i18n, forgot_title).to_string());
    let district = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent_to = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let req = PasswordResetRequest {
            district: district.get_untracked(),
            email: email.get_untracked().trim().to_string(),
        };
        if req.email.is_empty() {
            errors.set(vec![FieldError::new("email", Invalid::Required)]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            match api::account::request_password_reset(&req).await {
                Ok(()) => sent_to.set(Some(req.email)),
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
            <h1>{t!(i18n, forgot_title)}</h1>
            {move || match sent_to.get() {
                Some(address) => view! {
                    <div class="usa-alert usa-alert--success" role="status">
                        <div class="usa-alert__body">
                            <h2 class="usa-alert__heading">{t!(i18n, forgot_sent_heading)}</h2>
                            <p class="usa-alert__text">{t!(i18n, forgot_sent, email = address)}</p>
                        </div>
                    </div>
                    <p><a class="usa-link" href="/staff/login">{t!(i18n, forgot_back)}</a></p>
                }.into_any(),
                None => view! {
                    <p>{t!(i18n, forgot_intro)}</p>
                    <ErrorSummary errors=errors />
                    {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
                    <form class="usa-form heard-form" novalidate on:submit=submit>
                        <DistrictAndEmail district=district email=email errors=errors />
                        <button type="submit" class="usa-button" disabled=move || busy.get()>
                            {t!(i18n, forgot_submit)}
                        </button>
                    </form>
                    <p><a class="usa-link" href="/staff/login">{t!(i18n, forgot_back)}</a></p>
                }.into_any(),
            }}
        </div>
    }
}
