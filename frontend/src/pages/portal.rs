//! `/:district`: the family portal's contact form and its confirmation.

use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::form::{
    Choice, ErrorSummary, Errors, RadioGroup, SelectField, TextArea, TextInput,
};
use crate::components::layout::{set_district_color, use_brand};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::latest;
use heard_domain::api::{NewInquiry, Portal, RequesterForm, SubmitReceipt, UnitKind};
use heard_domain::validation::{FieldError, Invalid};
use heard_domain::{Kind, RequesterRole, TopicId, UnitId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use wasm_bindgen::JsCast;

/// The portal of the district in the address.
#[component]
pub fn PortalPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("district").unwrap_or_default()));
    let portal = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            let answer = api::portal(&slug).await;
            (slug, answer)
        }
    });
    // The form on screen stays until the portal in the address has arrived,
    // and goes together with its signals (see `latest`).
    let shown = latest(portal, slug);
    let brand = use_brand();
    Effect::new(move |_| {
        if let Some((_, Ok(p))) = shown.get() {
            brand.name.set(Some(p.district.name.clone()));
            brand.home.set(format!("/{}", p.district.slug));
            brand.logo.set(p.branding.logo.clone());
            set_district_color(&p.branding.color);
        }
    });
    super::title_effect(move || {
        let name = shown
            .get()
            .and_then(|(_, r)| r.ok())
            .map(|p| p.district.name)
            .unwrap_or_default();
        format!("{} {name}", t_string!(i18n, portal_title_prefix))
    });
    view! {
        <div class="heard-container heard-narrow">
            {move || match shown.get() {
                None => view! { <Loading /> }.into_any(),
                // A district still being set up has no topic to choose, so
                // its form could never be sent.
                Some((_, Ok(p))) if p.topics.is_empty() => view! {
                    <h1>{t!(i18n, portal_heading)}</h1>
                    <div class="usa-alert usa-alert--info" role="status">
                        <div class="usa-alert__body">
                            <p class="usa-alert__heading">{t!(i18n, portal_not_open, district = p.district.name.clone())}</p>
                            <p class="usa-alert__text">{t!(i18n, portal_not_open_hint)}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Some((slug, Ok(p))) => view! { <ContactForm portal=p slug=slug /> }.into_any(),
                Some((_, Err(e))) => view! {
                    <h1>{t!(i18n, portal_heading)}</h1>
                    <ErrorAlert error=e />
                }
                .into_any(),
            }}
        </div>
    }
}

fn trimmed(s: &RwSignal<String>) -> Option<String> {
    let v = s.get_untracked();
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The contact form, then the confirmation once the inquiry is stored.
#[component]
fn ContactForm(portal: Portal, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let languages = portal.languages.clone();
    let ui_lang = labels::lang(i18n.get_locale_untracked()).to_string();
    let default_lang = if languages.contains(&ui_lang) {
        ui_lang
    } else {
        languages.first().cloned().unwrap_or_else(|| "en".into())
    };

    let kind = RwSignal::new(Kind::Question.as_str().to_string());
    let topic = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let anonymous = RwSignal::new(false);
    let role = RwSignal::new(RequesterRole::Parent.as_str().to_string());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let language = RwSignal::new(default_lang);
    let website = RwSignal::new(String::new());

    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<ApiError>);
    let submitting = RwSignal::new(false);
    let receipt = RwSignal::new(None::<SubmitReceipt>);
    // One key per submission attempt: kept when a retry may succeed, renewed
    // once the server has refused the content.
    let idempotency_key = StoredValue::new(None::<String>);

    let topics = portal.topics.clone();
    let topic_choices = Signal::derive({
        let topics = topics.clone();
        move || {
            let lang = labels::lang(i18n.get_locale());
            let mut c = vec![Choice::new("", t_string!(i18n, topic_choose).to_string())];
            c.extend(
                topics
                    .iter()
                    .map(|t| Choice::new(t.id.to_string(), t.name_in(lang).to_owned())),
            );
            c
        }
    });
    let topic_hint = Signal::derive({
        let topics = topics.clone();
        move || {
            let chosen = topic.get();
            topics
                .iter()
                .find(|t| t.id.to_string() == chosen)
                .map(|t| t.description_in(labels::lang(i18n.get_locale())).to_owned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| t_string!(i18n, topic_hint).to_string())
        }
    });
    let units = portal.units.clone();
    let unit_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        let schools = td_string!(l, unit_group_schools).to_string();
        let departments = td_string!(l, unit_group_departments).to_string();
        let mut c = vec![Choice::new("", td_string!(l, unit_none).to_string())];
        for (k, g) in [
            (UnitKind::School, schools),
            (UnitKind::Department, departments),
        ] {
            c.extend(units.iter().filter(|u| u.kind == k).map(|u| Choice {
                value: u.id.to_string(),
                label: u.name.clone(),
                group: Some(g.clone()),
            }));
        }
        c
    });
    let kind_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        Kind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), labels::kind(l, *k)))
            .collect::<Vec<_>>()
    });
    let role_choices = Signal::derive(move || {
        let l = i18n.get_locale();
        RequesterRole::ALL
            .iter()
            .map(|r| Choice::new(r.as_str(), labels::role(l, *r)))
            .collect::<Vec<_>>()
    });
    let language_choices = Signal::derive({
        let languages = languages.clone();
        move || {
            languages
                .iter()
                .map(|t| Choice::new(t.clone(), labels::language_name(t)))
                .collect::<Vec<_>>()
        }
    });

    let build = move || -> NewInquiry {
        let anon = anonymous.get_untracked();
        let contact = |s: &RwSignal<String>| if anon { None } else { trimmed(s) };
        NewInquiry {
            kind: Kind::parse(&kind.get_untracked()).unwrap_or(Kind::Question),
            topic_id: topic
                .get_untracked()
                .parse::<TopicId>()
                .unwrap_or(TopicId(uuid::Uuid::nil())),
            unit_id: unit.get_untracked().parse::<UnitId>().ok(),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
            requester: RequesterForm {
                name: contact(&name),
                email: contact(&email),
                phone: contact(&phone),
                role: RequesterRole::parse(&role.get_untracked()).unwrap_or(RequesterRole::Parent),
                preferred_language: Some(language.get_untracked()),
            },
            anonymous: anon,
            website: trimmed(&website),
        }
    };

    let submit = {
        let languages = languages.clone();
        let slug = slug.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if submitting.get_untracked() {
                return;
            }
            failure.set(None);
            let form = build();
            let mut found = Vec::new();
            if topic.get_untracked().parse::<TopicId>().is_err() {
                found.push(FieldError::new("topic_id", Invalid::Required));
            }
            if let Err(e) = form.parse(&languages) {
                // The honeypot is for robots; people never see it.
                found.extend(e.0.into_iter().filter(|e| e.field != "website"));
            }
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            errors.set(Vec::new());
            let key = idempotency_key
                .get_value()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            idempotency_key.set_value(Some(key.clone()));
            submitting.set(true);
            let slug = slug.clone();
            spawn_local(async move {
                match api::submit_inquiry(&slug, &form, &key).await {
                    Ok(r) => {
                        idempotency_key.set_value(None);
                        receipt.set(Some(r));
                    }
                    Err(e) => {
                        if !e.is_retryable() {
                            idempotency_key.set_value(None);
                        }
                        let fields = e.field_errors();
                        if fields.is_empty() {
                            failure.set(Some(e));
                        } else {
                            errors.set(fields);
                        }
                    }
                }
                submitting.set(false);
            });
        }
    };

    let district_name = portal.district.name.clone();
    view! {
        <Show
            when=move || receipt.with(Option::is_none)
            fallback=move || {
                receipt
                    .get()
                    .map(|r| view! { <Confirmation receipt=r /> })
            }
        >
            <h1>{t!(i18n, portal_heading)}</h1>
            <p class="usa-intro">{t!(i18n, portal_intro, district = district_name.clone())}</p>
            <p class="heard-muted">{t!(i18n, portal_required_note)}</p>
            <ErrorSummary errors=errors />
            {move || failure.get().map(|e| view! { <ErrorAlert error=e /> })}
            <form class="usa-form usa-form--large heard-form" novalidate on:submit=submit.clone()>
                <RadioGroup
                    field="kind"
                    legend=Signal::derive(move || t_string!(i18n, kind_legend).to_string())
                    choices=kind_choices
                    value=kind
                    errors=errors
                    required=true
                />
                <SelectField
                    field="topic_id"
                    label=Signal::derive(move || t_string!(i18n, topic_label).to_string())
                    hint=topic_hint
                    choices=topic_choices
                    value=topic
                    errors=errors
                    required=true
                />
                <SelectField
                    field="unit_id"
                    label=Signal::derive(move || t_string!(i18n, unit_label).to_string())
                    hint=Signal::derive(move || t_string!(i18n, unit_hint).to_string())
                    choices=unit_choices
                    value=unit
                    errors=errors
                />
                <TextInput
                    field="subject"
                    label=Signal::derive(move || t_string!(i18n, subject_label).to_string())
                    hint=Signal::derive(move || t_string!(i18n, subject_hint).to_string())
                    value=subject
                    errors=errors
                    required=true
                />
                <TextArea
                    field="body"
                    label=Signal::derive(move || t_string!(i18n, body_label).to_string())
                    hint=Signal::derive(move || t_string!(i18n, body_hint).to_string())
                    value=body
                    errors=errors
                    required=true
                    rows=8
                />

                <fieldset class="usa-fieldset heard-about">
                    <legend class="usa-legend usa-legend--large">{t!(i18n, about_you_legend)}</legend>
                    <RadioGroup
                        field="requester.role"
                        legend=Signal::derive(move || t_string!(i18n, role_legend).to_string())
                        choices=role_choices
                        value=role
                        errors=errors
                        required=true
                    />
                    <div class="usa-form-group">
                        <div class="usa-checkbox">
                            <input
                                class="usa-checkbox__input"
                                id="f-anonymous"
                                type="checkbox"
                                name="anonymous"
                                bind:checked=anonymous
                                aria-describedby="f-anonymous-hint"
                            />
                            <label class="usa-checkbox__label" for="f-anonymous">
                                {t!(i18n, anonymous_label)}
                                <span class="usa-checkbox__label-description" id="f-anonymous-hint">
                                    {t!(i18n, anonymous_hint)}
                                </span>
                            </label>
                        </div>
                    </div>
                    <Show when=move || !anonymous.get()>
                        <TextInput
                            field="requester.name"
                            label=Signal::derive(move || t_string!(i18n, name_label).to_string())
                            value=name
                            errors=errors
                            autocomplete="name"
                        />
                        <p class="heard-muted heard-contact-note">{t!(i18n, contact_note)}</p>
                        <TextInput
                            field="requester.email"
                            label=Signal::derive(move || t_string!(i18n, email_label).to_string())
                            hint=Signal::derive(move || t_string!(i18n, email_hint).to_string())
                            value=email
                            errors=errors
                            input_type="email"
                            autocomplete="email"
                        />
                        <TextInput
                            field="requester.phone"
                            label=Signal::derive(move || t_string!(i18n, phone_label).to_string())
                            hint=Signal::derive(move || t_string!(i18n, phone_hint).to_string())
                            value=phone
                            errors=errors
                            input_type="tel"
                            autocomplete="tel"
                            class="usa-input--xl"
                        />
                    </Show>
                    <SelectField
                        field="requester.preferred_language"
                        label=Signal::derive(move || t_string!(i18n, language_label).to_string())
                        choices=language_choices
                        value=language
                        errors=errors
                        required=true
                    />
                </fieldset>

                <div class="heard-hp" aria-hidden="true">
                    <label for="website">"Website"</label>
                    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" bind:value=website />
                </div>

                <button type="submit" class="usa-button usa-button--big heard-primary" disabled=move || submitting.get()>
                    {move || if submitting.get() {
                        t_string!(i18n, sending).to_string()
                    } else {
                        t_string!(i18n, send_inquiry).to_string()
                    }}
                </button>
                <p class="usa-sr-only" role="status">
                    {move || submitting.get().then(|| t_string!(i18n, sending).to_string())}
                </p>
            </form>
        </Show>
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// What the family sees once the inquiry is stored: the reference and the
/// private tracking link.
#[component]
fn Confirmation(receipt: SubmitReceipt) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    let path = format!("/track/{}", receipt.tracking_token);
    let link = format!("{}{}", origin(), path);
    let copied = RwSignal::new(None::<bool>);
    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let ok = match web_sys::window() {
                    Some(w) => {
                        let promise = w.navigator().clipboard().write_text(&link);
                        wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                if !ok {
                    select_link();
                }
                copied.set(Some(ok));
            });
        }
    };
    let due = receipt.first_response_due_at;
    let team = receipt.team.name.clone();
    let reference = receipt.reference.clone();
    view! {
        <div class="heard-confirmation">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, confirm_heading)}</h1>
            <div class="usa-summary-box heard-reference-box">
                <div class="usa-summary-box__body">
                    <p class="usa-summary-box__heading">{t!(i18n, confirm_reference_label)}</p>
                    <p class="heard-reference" data-testid="reference">{reference}</p>
                    <p>{t!(i18n, confirm_team, team = team.clone())}</p>
                    <p>
                        {t!(i18n, confirm_due)} " "
                        <time datetime=fmt::iso(due)>
                            {move || fmt::date_time(due, labels::lang(i18n.get_locale()))}
                        </time>
                    </p>
                </div>
            </div>
            <h2>{t!(i18n, confirm_link_heading)}</h2>
            <p>{t!(i18n, confirm_link_advice)}</p>
            <label class="usa-label" for="tracking-link">{t!(i18n, confirm_link_label)}</label>
            <div class="heard-copy">
                <input class="usa-input heard-copy__input" id="tracking-link" type="text" readonly value=link.clone() />
                <button type="button" class="usa-button usa-button--outline" on:click=copy>
                    {t!(i18n, copy_link)}
                </button>
            </div>
            <p role="status" class="heard-copy__status">
                {move || match copied.get() {
                    Some(true) => t_string!(i18n, copied).to_string(),
                    Some(false) => t_string!(i18n, copy_failed).to_string(),
                    None => String::new(),
                }}
            </p>
            <p>
                <a class="usa-button" href=path>{t!(i18n, open_tracking)}</a>
            </p>
        </div>
    }
}

fn select_link() {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("tracking-link"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}
