//! Loading, error and success messages.

use crate::api::ApiError;
use crate::i18n::*;
use heard_domain::{Priority, Status};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// A quiet loading line, announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="heard-loading" role="status">
            {t!(i18n, loading)}
        </p>
    }
}

/// What went wrong with a call, in plain words. A finished staff session
/// sends the person to sign in instead.
#[component]
pub fn ErrorAlert(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    if matches!(error, ApiError::SignedOut) {
        let next = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        let path = format!("/staff/login?next={}", crate::api::encode(&next));
        return view! { <Redirect path=path /> }.into_any();
    }
    // The details stay in the console for whoever debugs; people get plain words.
    leptos::logging::warn!("{error}");
    let (title, detail) = describe(i18n.get_locale_untracked(), &error);
    view! {
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div class="usa-alert__body">
                <p class="usa-alert__text">
                    <strong>{title}</strong>
                    {detail.map(|d| view! { " " {d} })}
                </p>
            </div>
        </div>
    }
    .into_any()
}

/// A title and optional detail for an error.
pub fn describe(l: Locale, error: &ApiError) -> (String, Option<String>) {
    match error {
        ApiError::Network(_) => (td_string!(l, error_network).to_string(), None),
        ApiError::Decode(_) => (td_string!(l, error_unexpected).to_string(), None),
        ApiError::SignedOut => (td_string!(l, error_signed_out).to_string(), None),
        ApiError::Problem(p) => match p.status {
            404 => (td_string!(l, error_not_found).to_string(), None),
            403 => (td_string!(l, error_forbidden).to_string(), None),
            412 => (td_string!(l, error_stale).to_string(), None),
            429 => (td_string!(l, error_rate_limited).to_string(), None),
            s if s >= 500 => (td_string!(l, error_server).to_string(), None),
            _ => (p.title.clone(), p.detail.clone()),
        },
    }
}

/// A success message, announced politely.
#[component]
pub fn SuccessAlert(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! {
        <div class="usa-alert usa-alert--success usa-alert--slim">
            <div class="usa-alert__body">
                <p class="usa-alert__text">{move || text.get()}</p>
            </div>
        </div>
    }
}

/// A message that outlives a change of page, such as "Sent to Transportation
/// Team" once a case has left the person's queues.
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>);

impl Flash {
    /// Provides an empty flash.
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    /// The flash from context.
    pub fn use_flash() -> Flash {
        use_context::<Flash>().unwrap_or_else(|| Flash(RwSignal::new(None)))
    }

    /// Keeps `text` for the next page that shows flashes.
    pub fn set(self, text: String) {
        self.0.set(Some(text));
    }

    /// Takes the waiting message, if any, so it is shown once.
    pub fn take(self) -> Option<String> {
        let text = self.0.get_untracked();
        if text.is_some() {
            self.0.set(None);
        }
        text
    }
}

/// The waiting flash message as a success alert that takes focus, so screen
/// readers announce it on the new page.
#[component]
pub fn FlashMessage() -> impl IntoView {
    let text = Flash::use_flash().take();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    text.map(|t| {
        view! {
            <div class="usa-alert usa-alert--success usa-alert--slim heard-flash" tabindex="-1" node_ref=node>
                <div class="usa-alert__body">
                    <p class="usa-alert__text">{t}</p>
                </div>
            </div>
        }
    })
}

/// A status as a coloured tag.
#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("usa-tag heard-status heard-status--{}", status.as_str());
    view! { <span class=class>{move || crate::labels::status(i18n.get_locale(), status)}</span> }
}

/// A priority as a tag; normal priority shows nothing.
#[component]
pub fn PriorityTag(priority: Priority) -> impl IntoView {
    let i18n = use_i18n();
    (priority != Priority::Normal).then(|| {
        let class = format!("usa-tag heard-priority heard-priority--{}", priority.as_str());
        view! { <span class=class>{move || crate::labels::priority(i18n.get_locale(), priority)}</span> }
    })
}

/// Says that someone else saved first, so nothing was, and offers to read
/// it again. The reload button takes focus and comes into view: it is what
/// the warning asks for, and it may show at the foot of a long form.
#[component]
pub fn StaleWarning(
    /// What happened and what reloading does, in the page's language.
    text: fn(Locale) -> &'static str,
    /// Whether a save or reload is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Reads the thing again.
    on_reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get() {
            b.scroll_into_view();
            let _ = b.focus();
        }
    });
    view! {
        <div class="usa-alert usa-alert--warning usa-alert--slim heard-stale" role="alert">
            <div class="usa-alert__body">
                <p class="usa-alert__text">{move || text(i18n.get_locale())}</p>
                <button
                    type="button"
                    class="usa-button usa-button--outline heard-stale__reload"
                    node_ref=button
                    disabled=move || busy.get()
                    on:click=move |_| on_reload.run(())
                >
                    {t!(i18n, reload)}
                </button>
            </div>
        </div>
    }
}
