//! The calendar form: the whole week and every closure at once, saved
//! against the version last read, with what came of the save said beside
//! the button — and, while the server counts due times again on the new
//! calendar, how that stands.

use super::closures::ClosuresFieldset;
use super::draft::Draft;
use super::week::WeekFieldset;
use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning, SuccessAlert};
use crate::components::form::{ErrorSummary, Errors};
use crate::i18n::*;
use crate::lifetime::{pause, ViewTasks};
use heard_domain::api::CalendarSettings;
use leptos::prelude::*;

/// How often the page asks whether the recount has finished, and for how
/// long: a district's year of inquiries takes seconds to a minute or two.
const WATCH_PAUSE_MS: i32 = 3_000;
const WATCH_TRIES: u32 = 100;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Saved; whether due times are being counted again because of it.
    Saved { recounting: bool },
    /// Read again after a stale save; the admin's typing is gone.
    Reloaded,
    /// Someone else saved first; nothing was changed.
    Stale,
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// Where the recount of due times stands, as far as this page knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recount {
    /// Nothing to say: none ran while the page was open.
    Quiet,
    /// The server is counting due times again.
    Running,
    /// It finished while the page was open.
    Finished,
}

/// The calendar form, starting from `initial`.
#[component]
pub fn CalendarForm(initial: Tagged<CalendarSettings>) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let draft = Draft::new(&initial.value);
    let version = RwSignal::new(initial.version);
    let time_zone = RwSignal::new(initial.value.time_zone.clone());
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let recount = RwSignal::new(if initial.value.recomputing {
        Recount::Running
    } else {
        Recount::Quiet
    });
    let watching = StoredValue::new(false);

    // Asks now and then whether the recount is over. Only that is taken
    // from the answer: the form and its version stay as the admin has them.
    let watch = {
        let tasks = tasks.clone();
        move || {
            if watching.get_value() {
                return;
            }
            watching.set_value(true);
            tasks.spawn(async move {
                for _ in 0..WATCH_TRIES {
                    pause(WATCH_PAUSE_MS).await;
                    if let Ok(t) = api::calendar().await {
                        if !t.value.recomputing {
                            recount.set(Recount::Finished);
                            break;
                        }
                    }
                }
                watching.set_value(false);
            });
        }
    };
    if initial.value.recomputing {
        watch();
    }

    let accept = move |t: Tagged<CalendarSettings>| {
        version.set(t.version);
        draft.fill(&t.value);
        time_zone.set(t.value.time_zone.clone());
        if t.value.recomputing {
            recount.set(Recount::Running);
        }
        t.value.recomputing
    };

    let save = {
        let tasks = tasks.clone();
        let watch = watch.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            outcome.set(None);
            errors.set(Vec::new());
            let form = match draft.form() {
                Ok(f) => f,
                Err(local) => {
                    errors.set(local);
                    return;
                }
            };
            busy.set(true);
            let base = version.get_untracked();
            let watch = watch.clone();
            tasks.spawn(async move {
                match api::save_calendar(base, &form).await {
                    Ok(t) => {
                        let recounting = accept(t);
                        outcome.set(Some(Outcome::Saved { recounting }));
                        if recounting {
                            watch();
                        }
                    }
                    // The admin's typing stays on screen: they decide
                    // whether to reload.
                    Err(e) if e.status() == Some(412) => outcome.set(Some(Outcome::Stale)),
                    Err(e) => {
                        let fields = e.field_errors();
                        if fields.is_empty() {
                            outcome.set(Some(Outcome::Failed(e)));
                        } else {
                            errors.set(fields);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };

    let reload = {
        let tasks = tasks.clone();
        move |()| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let watch = watch.clone();
            tasks.spawn(async move {
                match api::calendar().await {
                    Ok(t) => {
                        if accept(t) {
                            watch();
                        }
                        errors.set(Vec::new());
                        outcome.set(Some(Outcome::Reloaded));
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                busy.set(false);
            });
        }
    };

    let said = move |key: fn(Locale) -> &'static str| {
        view! { <SuccessAlert text=Signal::derive(move || key(i18n.get_locale()).to_string()) /> }
    };

    view! {
        <form class="usa-form heard-form heard-settings heard-calendar" novalidate on:submit=save>
            <ErrorSummary errors=errors />
            <WeekFieldset draft=draft errors=errors time_zone=time_zone />
            <ClosuresFieldset draft=draft errors=errors />
            <div class="heard-live heard-settings__outcome" role="status">
                {move || match outcome.get() {
                    Some(Outcome::Saved { recounting: true }) => Some(said(|l| td_string!(l, calendar_saved))),
                    Some(Outcome::Saved { recounting: false }) => Some(said(|l| td_string!(l, calendar_saved_unmoved))),
                    Some(Outcome::Reloaded) => Some(said(|l| td_string!(l, calendar_reloaded))),
                    _ => None,
                }}
                {move || match recount.get() {
                    Recount::Quiet => None,
                    Recount::Running => Some(view! {
                        <div class="usa-alert usa-alert--info usa-alert--slim heard-calendar__recount">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{t!(i18n, calendar_recomputing)}</p>
                            </div>
                        </div>
                    }
                    .into_any()),
                    Recount::Finished => Some(said(|l| td_string!(l, calendar_recomputed)).into_any()),
                }}
            </div>
            {move || match outcome.get() {
                Some(Outcome::Stale) => Some(view! {
                    <StaleWarning text=|l| td_string!(l, calendar_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                }
                .into_any()),
                Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                _ => None,
            }}
            <button type="submit" class="usa-button heard-settings__save" disabled=move || busy.get()>
                {t!(i18n, calendar_save)}
            </button>
        </form>
    }
}
