//! Changing one staff member: their name, roles, teams, languages and time
//! away, saved against the version read.

use super::work::{AwayFields, Work, WorkFields};
use super::Offered;
use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning};
use crate::components::form::{ErrorSummary, Errors};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::api::StaffMember;
use leptos::prelude::*;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Someone else changed them first; nothing was saved.
    Stale,
    /// Read again after a stale save, the admin's changes kept on top.
    Reloaded,
    /// The district's rules keep it (409): the server's reason.
    Refused(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The form of `member`; `on_done` gets them as saved, `on_cancel` is
/// called when the admin leaves it.
#[component]
pub fn StaffEditor(
    member: Tagged<StaffMember>,
    offered: Offered,
    on_done: Callback<StaffMember>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = member.value.id;
    let heading_name = member.value.name.clone();
    let email = member.value.email.clone();
    let work = Work::of(&member.value);
    // What the draft started from, and the version the save is based on.
    let base = StoredValue::new(member.value);
    let version = RwSignal::new(member.version);
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            outcome.set(None);
            errors.set(Vec::new());
            let form = match work.change() {
                Ok(f) => f,
                Err(local) => {
                    errors.set(local);
                    return;
                }
            };
            busy.set(true);
            let at = version.get_untracked();
            tasks.spawn(async move {
                let answer = api::save_staff_member(id, at, &form).await;
                busy.set(false);
                match answer {
                    Ok(t) => on_done.run(t.value),
                    // The admin's typing stays on screen: they decide
                    // whether to reload.
                    Err(e) if e.status() == Some(412) => outcome.set(Some(Outcome::Stale)),
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        outcome.set(Some(Outcome::Refused(p.detail)))
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
        }
    };

    let reload = move |()| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        tasks.spawn(async move {
            match api::staff_member(id).await {
                Ok(t) => {
                    base.with_value(|b| work.rebase(b, &t.value));
                    version.set(t.version);
                    base.set_value(t.value);
                    errors.set(Vec::new());
                    outcome.set(Some(Outcome::Reloaded));
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
            busy.set(false);
        });
    };

    let heading =
        move || t_string!(i18n, staff_edit_heading, name = heading_name.clone()).to_string();
    let title = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = title.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });

    view! {
        <section class="heard-admin__editor" aria-labelledby="staff-editor-title">
            <h2 id="staff-editor-title" tabindex="-1" node_ref=title>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <p class="heard-staff__email">
                    <span class="heard-muted">{t!(i18n, field_email)} ": "</span>
                    <span class="heard-staff__address">{email}</span>
                </p>
                <WorkFields work=work errors=errors offered=offered />
                <AwayFields work=work errors=errors />
                <div class="heard-live" role="status">
                    {move || (outcome.get() == Some(Outcome::Reloaded)).then(|| view! {
                        <p class="heard-admin__said">{t!(i18n, staff_reloaded)}</p>
                    })}
                </div>
                {move || match outcome.get() {
                    Some(Outcome::Stale) => Some(view! {
                        <StaleWarning text=|l| td_string!(l, staff_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                    }
                    .into_any()),
                    Some(Outcome::Refused(detail)) => Some(view! {
                        <Refusal title=t_string!(i18n, staff_not_saved).to_string() detail=detail />
                    }
                    .into_any()),
                    Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                    _ => None,
                }}
                <div class="heard-admin__buttons">
                    <button type="submit" class="usa-button" disabled=move || busy.get()>
                        {t!(i18n, admin_save_changes)}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
