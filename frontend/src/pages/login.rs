//! `/staff/login`: staff sign-in.

use crate::api::{self, ApiError};
use crate::components::feedback::ErrorAlert;
use crate::components::form::{Choice, ErrorSummary, Errors, SelectField, TextInput};
use crate::i18n::*;
use crate::session::use_session;
use heard_domain::api::LoginRequest;
use heard_domain::validation::{FieldError, Invalid};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Where to go after signing in: only a path inside the staff area.
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with("/staff") && !n.starts_with("/staff/login") && !n.contains("//"))
        .unwrap_or_else(|| "/staff".into())
}

/// Which district and which work email: the fields the sign-in and
/// forgotten-password forms share. The district is asked only when more
/// than one is served here; until the person picks, it is the first.
#[component]
pub fn DistrictAndEmail(
    district: RwSignal<String>,
    email: RwSignal<String>,
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    let districts = LocalResource::new(api::districts);
    Effect::new(move |_| {
        if let Some(Ok(list)) = districts.get() {
            if district.get_untracked().is_empty() {
                if let Some(d) = list.first() {
                    district.set(d.slug.clone());
                }
            }
        }
    });
    let choices = Signal::derive(move || {
        districts
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .into_iter()
            .map(|d| Choice::new(d.slug, d.name))
            .collect::<Vec<_>>()
    });
    let many_districts = move || choices.with(|c| c.len() > 1);
    view! {
        <Show when=many_districts>
            <SelectField
                field="district"
                label=Signal::derive(move || t_string!(i18n, district_label).to_string())
                choices=choices
                value=district
                errors=errors
                required=true
            />
        </Show>
        <TextInput
            field="email"
            label=Signal::derive(move || t_string!(i18n, work_email_label).to_string())
            value=email
            errors=errors
            input_type="email"
            autocomplete="username"
            required=true
        />
    }
}

/// The sign-in form.
#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    super::title_effect(move || t_string!(i18n, login_title).to_string());

    let district = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let req = LoginRequest {
            district: district.get_untracked(),
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let mut found = Vec::new();
        if req.email.is_empty() {
            found.push(FieldError::new("email", Invalid::Required));
        }
        if req.password.is_empty() {
            found.push(FieldError::new("password", Invalid::Required));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        let next = safe_next(query.with_untracked(|q| q.get("next")));
        spawn_local(async move {
            match api::login(&req).await {
                Ok(resp) => {
                    session.me.set(Some(resp.user));
                    navigate(&next, Default::default());
                }
                Err(e) => {
                    let f = e.field_errors();
                    if !f.is_empty() {
                        errors.set(f);
                    } else {
                        failure.set(Some(e));
                    }
                }
            }
            busy.set(false);
        });
    };

    view! {
        <div class="heard-container heard-narrow heard-login">
            <h1>{t!(i18n, login_title)}</h1>
            <p>{t!(i18n, login_intro)}</p>
            <ErrorSummary errors=errors />
            {move || failure.get().map(|e| {
                if matches!(&e, ApiError::Problem(p) if p.status == 401 || p.status == 400) {
                    view! {
                        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{t!(i18n, login_failed)}</p>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    view! { <ErrorAlert error=e /> }.into_any()
                }
            })}
            <form class="usa-form heard-form" novalidate on:submit=submit>
                <DistrictAndEmail district=district email=email errors=errors />
                <TextInput
                    field="password"
                    label=Signal::derive(move || t_string!(i18n, password_label).to_string())
                    value=password
                    errors=errors
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                />
                <button type="submit" class="usa-button" disabled=move || busy.get()>
                    {t!(i18n, sign_in)}
                </button>
            </form>
            <p>
                <a class="usa-link" href="/staff/forgot">{t!(i18n, login_forgot)}</a>
            </p>
        </div>
    }
}
