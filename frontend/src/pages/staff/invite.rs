//! Inviting somebody to the district's staff: their email, name, roles,
//! teams and languages. They get a link to choose a password.

use super::work::{Work, WorkFields};
use super::Offered;
use crate::api::{self, ApiError};
use crate::components::feedback::ErrorAlert;
use crate::components::form::{ErrorSummary, Errors, TextInput};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::api::Invitation;
use leptos::prelude::*;

/// What came of the last attempt.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Somebody on the staff has that email (409): the server's words.
    Taken(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The invitation form; `on_done` gets the invitation sent, `on_cancel`
/// is called when the admin leaves it.
#[component]
pub fn InviteForm(
    offered: Offered,
    on_done: Callback<Invitation>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let email = RwSignal::new(String::new());
    let work = Work::empty();
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        outcome.set(None);
        errors.set(Vec::new());
        let form = work.invitation(email.get_untracked());
        busy.set(true);
        tasks.spawn(async move {
            let answer = api::invite_staff(&form).await;
            busy.set(false);
            match answer {
                Ok(invitation) => on_done.run(invitation),
                Err(ApiError::Problem(p)) if p.status == 409 => {
                    outcome.set(Some(Outcome::Taken(p.detail)))
                }
                Err(e) => {
                    let fields = e.field_errors();
                    if fields.is_empty() {
                        outcome.set(Some(Outcome::Failed(e)));
                    } else {
                        errors.set(fields);
                    }
                }
            }
        });
    };

    let text = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let title = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = title.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });

    view! {
        <section class="heard-admin__editor" aria-labelledby="staff-invite-title">
            <h2 id="staff-invite-title" tabindex="-1" node_ref=title>{t!(i18n, staff_invite_heading)}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=send>
                <ErrorSummary errors=errors />
                <TextInput
                    field="email"
                    label=text(|l| td_string!(l, staff_email_label))
                    hint=text(|l| td_string!(l, staff_email_hint))
                    value=email
                    errors=errors
                    input_type="email"
                    required=true
                />
                <WorkFields work=work errors=errors offered=offered />
                {move || match outcome.get() {
                    Some(Outcome::Taken(detail)) => Some(view! {
                        <Refusal title=t_string!(i18n, staff_email_taken).to_string() detail=detail />
                    }
                    .into_any()),
                    Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                    None => None,
                }}
                <div class="heard-admin__buttons">
                    <button type="submit" class="usa-button" disabled=move || busy.get()>
                        {t!(i18n, staff_invite_submit)}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
