//! What the admin pages (jobs, settings, calendar, schools, teams, topics,
//! help articles, staff, audit log) share: who may see them, what everyone
//! else is told, the frame of a page, and how a list page says what came of
//! a change.

use crate::api::{ApiError, ApiResult};
use crate::components::feedback::{ErrorAlert, SuccessAlert};
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::session::{administers, use_session};
use heard_domain::api::Problem;
use heard_domain::api::{
    ArticlePage, Goal, GoalPage, HelpArticle, ReplyTemplate, StaffMember, StaffPage, Team,
    TeamPage, TemplatePage, Topic, TopicPage, Unit, UnitPage,
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::future::Future;
use std::pin::Pin;

/// Whether the signed-in member administers the district. A memo, so that
/// pages asking it load again only when the answer changes (roles can
/// change while a session lasts), not when the session changes otherwise,
/// as when an admin renames the district.
pub fn allowed() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| session.me.with(|m| m.as_ref().is_some_and(administers)))
}

/// What the server would answer someone who is no admin; the pages say it
/// without asking.
pub fn forbidden() -> ApiError {
    ApiError::Problem(Problem {
        kind: "about:blank".into(),
        title: "Forbidden".into(),
        status: 403,
        detail: None,
        errors: Vec::new(),
    })
}

/// Said to staff who are not the district's admins: who looks after this
/// page (`why`), and the way back to their own work.
#[component]
pub fn NotForYourRole(why: fn(Locale) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="usa-alert usa-alert--info heard-forbidden">
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading">{t!(i18n, admin_forbidden_title)}</h2>
                <p class="usa-alert__text">{move || why(i18n.get_locale())}</p>
            </div>
        </div>
        <p><A href="/staff">{t!(i18n, go_to_inbox)}</A></p>
    }
}

/// The words of an admin page: its heading, what it is for, and who looks
/// after it, for staff who are not its admins.
#[derive(Clone, Copy)]
pub struct PageWords {
    /// The heading and the window's title.
    pub title: fn(Locale) -> &'static str,
    /// The paragraph under the heading.
    pub intro: fn(Locale) -> &'static str,
    /// Said to staff who are not the district's admins.
    pub forbidden: fn(Locale) -> &'static str,
}

/// An admin page for signed-in staff: its heading and intro, what it needs
/// first (`load`, asked only for admins and again when that changes), and
/// what is drawn from it (`body`). A refusal from the server says the page
/// is not for this role, as roles can change while a session lasts.
pub fn admin_page<T, Fut>(
    words: PageWords,
    load: fn() -> Fut,
    body: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    view! {
        <crate::pages::inbox::RequireStaff>
            {move || admin_body(words, load, body)}
        </crate::pages::inbox::RequireStaff>
    }
}

fn admin_body<T, Fut>(words: PageWords, load: fn() -> Fut, body: fn(T) -> AnyView) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let i18n = use_i18n();
    super::title_effect(move || (words.title)(i18n.get_locale()).to_string());
    let allowed = allowed();
    let loaded = LocalResource::new(move || {
        let allowed = allowed.get();
        async move {
            if allowed {
                load().await
            } else {
                Err(forbidden())
            }
        }
    });
    let not_yours = move || view! { <NotForYourRole why=words.forbidden /> };
    view! {
        <div class="heard-container heard-wide">
            <h1>{move || (words.title)(i18n.get_locale())}</h1>
            <Show when=move || allowed.get() fallback=not_yours>
                <p class="heard-settings__intro">{move || (words.intro)(i18n.get_locale())}</p>
                {move || match loaded.get() {
                    None => view! { <crate::components::feedback::Loading /> }.into_any(),
                    Some(Ok(first)) => body(first),
                    Some(Err(e)) if e.status() == Some(403) => not_yours().into_any(),
                    Some(Err(e)) => view! { <ErrorAlert error=e /> }.into_any(),
                }}
            </Show>
        </div>
    }
}

/// What an admin list page says after a change: what was done, or why it
/// was not.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Added; its name.
    Added(String),
    /// Changed; its name.
    Saved(String),
    /// Removed; its name.
    Removed(String),
    /// The server kept it (409): its name and the server's reason.
    Kept(String, Option<String>),
    /// It changed, or went, since the list was read; the list is read again.
    Moved(String),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// The notice of a list page: successes announced politely in a region
/// that takes focus (the button pressed may have gone with its row),
/// refusals as alerts.
#[component]
pub fn NoticeView(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let (Some(_), Some(el)) = (notice.get(), node.get()) {
            let _ = el.focus();
        }
    });
    let done = move |text: String| {
        Some(view! { <SuccessAlert text=Signal::derive(move || text.clone()) /> }.into_any())
    };
    view! {
        <div class="heard-live heard-admin__notice" role="status" tabindex="-1" node_ref=node>
            {move || {
                let l = i18n.get_locale();
                match notice.get() {
                    Some(Notice::Added(name)) => done(td_string!(l, admin_added, name = name).to_string()),
                    Some(Notice::Saved(name)) => done(td_string!(l, admin_saved, name = name).to_string()),
                    Some(Notice::Removed(name)) => done(td_string!(l, admin_removed, name = name).to_string()),
                    _ => None,
                }
            }}
        </div>
        {move || {
            let l = i18n.get_locale();
            match notice.get() {
                Some(Notice::Kept(name, detail)) => Some(view! {
                    <Refusal title=td_string!(l, admin_kept, name = name).to_string() detail=detail />
                }.into_any()),
                Some(Notice::Moved(name)) => Some(view! {
                    <div class="usa-alert usa-alert--warning usa-alert--slim heard-admin__alert" role="alert">
                        <div class="usa-alert__body">
                            <p class="usa-alert__text">{td_string!(l, admin_moved, name = name).to_string()}</p>
                        </div>
                    </div>
                }.into_any()),
                Some(Notice::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                _ => None,
            }
        }}
    }
}

/// A refusal in plain words, with the server's own reason after it: it
/// writes in English, which the element says so screen readers read it right.
#[component]
pub fn Refusal(title: String, detail: Option<String>) -> impl IntoView {
    view! {
        <div class="usa-alert usa-alert--error usa-alert--slim heard-admin__alert" role="alert">
            <div class="usa-alert__body">
                <p class="usa-alert__text">
                    <strong>{title}</strong>
                    {detail.map(|d| view! { " " <span lang="en">{d}</span> })}
                </p>
            </div>
        </div>
    }
}

/// Asks whether to remove `name` for good, with focus on the question.
#[component]
pub fn ConfirmRemove(
    name: String,
    busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
    let question = {
        let name = name.clone();
        move || t_string!(i18n, admin_remove_question, name = name.clone()).to_string()
    };
    view! {
        <div
            class="usa-alert usa-alert--warning heard-admin__confirm"
            role="alertdialog"
            aria-labelledby="confirm-remove-title"
            aria-describedby="confirm-remove-text"
            tabindex="-1"
            node_ref=node
        >
            <div class="usa-alert__body">
                <h2 class="usa-alert__heading" id="confirm-remove-title">{question}</h2>
                <p class="usa-alert__text" id="confirm-remove-text">{t!(i18n, admin_remove_warning)}</p>
                <div class="heard-admin__buttons">
                    <button
                        type="button"
                        class="usa-button usa-button--secondary"
                        disabled=move || busy.get()
                        on:click=move |_| on_yes.run(())
                    >
                        {t!(i18n, admin_remove_yes)}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_no.run(())>
                        {t!(i18n, admin_remove_no)}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// A page of a list as the API answers it: its items and the cursor of
/// the next page.
pub trait Paged {
    /// What it lists.
    type Item;
    /// Its items and the next page's cursor, if there is one.
    fn parts(self) -> (Vec<Self::Item>, Option<String>);
}

impl Paged for UnitPage {
    type Item = Unit;
    fn parts(self) -> (Vec<Unit>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for TeamPage {
    type Item = Team;
    fn parts(self) -> (Vec<Team>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for TopicPage {
    type Item = Topic;
    fn parts(self) -> (Vec<Topic>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for ArticlePage {
    type Item = HelpArticle;
    fn parts(self) -> (Vec<HelpArticle>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for TemplatePage {
    type Item = ReplyTemplate;
    fn parts(self) -> (Vec<ReplyTemplate>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for GoalPage {
    type Item = Goal;
    fn parts(self) -> (Vec<Goal>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

impl Paged for StaffPage {
    type Item = StaffMember;
    fn parts(self) -> (Vec<StaffMember>, Option<String>) {
        (self.items, self.next_cursor)
    }
}

/// A page of a list on its way.
pub type PageFuture<P> = Pin<Box<dyn Future<Output = ApiResult<P>>>>;

/// Asks for a page of a list: the first for `None`, else the one after
/// that cursor. A closure, so that a searched list asks for the same
/// search again.
pub type PageLoader<P> = StoredValue<Box<dyn Fn(Option<String>) -> PageFuture<P>>, LocalStorage>;

/// A list shown a page at a time, its state shared by the buttons that
/// change it.
pub struct Listing<P: Paged + 'static>
where
    P::Item: Send + Sync + 'static,
{
    /// What is shown.
    pub items: RwSignal<Vec<P::Item>>,
    /// Where the next page starts; `None` once all is shown.
    pub next_cursor: RwSignal<Option<String>>,
    /// Why the last load failed.
    pub error: RwSignal<Option<ApiError>>,
    /// Whether a load is under way.
    pub loading: RwSignal<bool>,
    load: PageLoader<P>,
}

impl<P: Paged + 'static> Clone for Listing<P>
where
    P::Item: Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Paged + 'static> Copy for Listing<P> where P::Item: Send + Sync + 'static {}

impl<P: Paged + 'static> Listing<P>
where
    P::Item: Clone + Send + Sync + 'static,
{
    /// The list showing `first`, its next pages asked for with `load`.
    pub fn new(first: P, load: impl Fn(Option<String>) -> PageFuture<P> + 'static) -> Self {
        let (items, next) = first.parts();
        let load: Box<dyn Fn(Option<String>) -> PageFuture<P>> = Box::new(load);
        Listing {
            items: RwSignal::new(items),
            next_cursor: RwSignal::new(next),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            load: StoredValue::new_local(load),
        }
    }

    async fn fetch(self, cursor: Option<String>) {
        let again = cursor.is_none();
        // Gone with its view: nothing is left to show the page in.
        let Some(page) = self.load.try_with_value(|load| load(cursor)) else {
            return;
        };
        self.loading.set(true);
        match page.await {
            Ok(page) => {
                let (items, next) = page.parts();
                if again {
                    self.items.set(items);
                } else {
                    self.items.update(|i| i.extend(items));
                }
                self.next_cursor.set(next);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
        self.loading.set(false);
    }

    /// The first page again, in place of everything shown.
    pub async fn reload(self) {
        self.fetch(None).await;
    }

    /// The page after the last one shown.
    pub async fn more(self) {
        if let Some(cursor) = self.next_cursor.get_untracked() {
            self.fetch(Some(cursor)).await;
        }
    }

    /// The foot of the list: why a load failed, and "Load more" while
    /// there is more.
    pub fn foot(self, tasks: ViewTasks) -> impl IntoView {
        let i18n = use_i18n();
        view! {
            <div class="heard-jobs__problem">
                {move || self.error.get().map(|e| view! { <ErrorAlert error=e /> })}
            </div>
            <Show when=move || self.next_cursor.with(Option::is_some)>
                <button
                    type="button"
                    class="usa-button usa-button--outline"
                    disabled=move || self.loading.get()
                    on:click={
                        let tasks = tasks.clone();
                        move |_| tasks.spawn(self.more())
                    }
                >
                    {t!(i18n, load_more)}
                </button>
            </Show>
        }
    }
}
