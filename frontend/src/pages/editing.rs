//! What the admin editors (a school, a team, a topic) share: saving
//! against the version read, what came of it, a reload after someone
//! else's change, and the buttons under the form.

use crate::api::{ApiError, ApiResult, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning};
use crate::components::form::Errors;
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::{FieldError, Invalid};
use leptos::prelude::*;
use std::future::Future;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Someone else changed it first; nothing was saved.
    Stale,
    /// Read again after a stale save.
    Reloaded,
    /// The district has another of that name (409): the server's reason.
    Taken(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The words one editor says its outcomes in.
#[derive(Clone, Copy)]
pub struct EditorWords {
    /// Someone else saved first, and what reloading does.
    pub stale: fn(Locale) -> &'static str,
    /// Read again: the fields show what is saved now.
    pub reloaded: fn(Locale) -> &'static str,
    /// The name is taken.
    pub taken: fn(Locale) -> &'static str,
    /// The submit button of a new one.
    pub add: fn(Locale) -> &'static str,
}

/// An editor's state: the version it saves against, the fields' errors,
/// the outcome and whether a call is under way.
#[derive(Clone, Copy)]
pub struct Editing {
    /// The version read, sent in `If-Match`.
    pub version: RwSignal<i64>,
    /// Each field's problems.
    pub errors: Errors,
    /// What came of the last save or reload.
    pub outcome: RwSignal<Option<Outcome>>,
    /// Whether a save or reload is under way.
    pub busy: RwSignal<bool>,
}

impl Editing {
    /// An editor of something read at `version` (0 for a new one).
    pub fn new(version: i64) -> Self {
        Editing {
            version: RwSignal::new(version),
            errors: RwSignal::new(Vec::new()),
            outcome: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Saves `form`, or names what cannot be put in it, unless a call is
    /// under way: `send` gets the form and the version read, `saved` what
    /// the server holds. The server's field errors go to their fields,
    /// through `rename` where the page calls a field otherwise.
    pub fn save<F, T, S, Fut>(
        self,
        tasks: &ViewTasks,
        form: Result<F, Vec<FieldError>>,
        send: S,
        saved: impl FnOnce(Tagged<T>) + 'static,
        rename: fn(Vec<FieldError>) -> Vec<FieldError>,
    ) where
        F: 'static,
        T: 'static,
        S: FnOnce(F, i64) -> Fut,
        Fut: Future<Output = ApiResult<Tagged<T>>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.outcome.set(None);
        self.errors.set(Vec::new());
        let form = match form {
            Ok(f) => f,
            Err(local) => {
                self.errors.set(local);
                return;
            }
        };
        self.busy.set(true);
        let answer = send(form, self.version.get_untracked());
        tasks.spawn(async move {
            let answer = answer.await;
            self.busy.set(false);
            match answer {
                Ok(t) => saved(t),
                Err(e) if e.status() == Some(412) => self.outcome.set(Some(Outcome::Stale)),
                Err(ApiError::Problem(p)) if p.status == 409 => {
                    self.outcome.set(Some(Outcome::Taken(p.detail)))
                }
                Err(e) => {
                    let fields = e.field_errors();
                    if fields.is_empty() {
                        self.outcome.set(Some(Outcome::Failed(e)));
                    } else {
                        self.errors.set(rename(fields));
                    }
                }
            }
        });
    }

    /// Reads it again after a stale save: `fill` puts what the server
    /// holds now in the fields, and the version moves to it.
    pub fn reload<T: 'static>(
        self,
        tasks: &ViewTasks,
        read: impl Future<Output = ApiResult<Tagged<T>>> + 'static,
        fill: impl FnOnce(Tagged<T>) + 'static,
    ) {
        self.busy.set(true);
        tasks.spawn(async move {
            match read.await {
                Ok(t) => {
                    self.version.set(t.version);
                    fill(t);
                    self.errors.set(Vec::new());
                    self.outcome.set(Some(Outcome::Reloaded));
                }
                Err(e) => self.outcome.set(Some(Outcome::Failed(e))),
            }
            self.busy.set(false);
        });
    }
}

/// Field errors as the server names them.
pub fn same_names(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
}

/// Brings the editor's heading into view and focus as it opens.
pub fn focus_on_open(heading: NodeRef<leptos::html::H2>) {
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
}

/// The end of an editor's form: what came of the last save, then its
/// submit button (`words.add` for a new one) and Cancel.
#[component]
pub fn EditorFoot(
    editing: Editing,
    words: EditorWords,
    is_new: bool,
    on_reload: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = editing.busy;
    view! {
        {move || match editing.outcome.get() {
            Some(Outcome::Stale) => Some(view! {
                <StaleWarning text=words.stale busy=busy on_reload=on_reload />
            }
            .into_any()),
            Some(Outcome::Reloaded) => Some(view! {
                <div class="heard-live" role="status">
                    <p class="heard-muted">{move || (words.reloaded)(i18n.get_locale())}</p>
                </div>
            }
            .into_any()),
            Some(Outcome::Taken(detail)) => Some(view! {
                <Refusal title=(words.taken)(i18n.get_locale()).to_string() detail=detail />
            }
            .into_any()),
            Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
            None => None,
        }}
        <div class="heard-admin__buttons">
            <button type="submit" class="usa-button" disabled=move || busy.get()>
                {move || if is_new {
                    (words.add)(i18n.get_locale())
                } else {
                    td_string!(i18n.get_locale(), admin_save_changes)
                }}
            </button>
            <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                {t!(i18n, admin_cancel)}
            </button>
        </div>
    }
}

/// The id chosen in a drop-down; none for its empty choice.
pub fn chosen<T: std::str::FromStr>(
    value: RwSignal<String>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let raw = value.get_untracked();
    if raw.is_empty() {
        return None;
    }
    let id = raw.parse().ok();
    if id.is_none() {
        errors.push(FieldError::new(field, Invalid::InvalidId));
    }
    id
}
