//! What the admin lists of named things (schools, teams, topics) share:
//! the list a page at a time, with the add button, the editor or the
//! removal question above it, and a notice of what came of a change.

use crate::api::{ApiError, ApiResult, Tagged};
use crate::components::form::focus_id;
use crate::i18n::*;
use crate::lifetime::ViewTasks;
use crate::pages::admin::{ConfirmRemove, Listing, Notice, NoticeView, PageFuture, Paged};
use leptos::prelude::*;
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;

/// Something an admin list holds: named, kept under an id and a version,
/// and removed by its own API call.
pub trait Entry: Clone + PartialEq + Send + Sync + 'static {
    /// What tells one from another.
    type Id: Copy + Eq + Hash + Send + Sync + 'static;
    /// Its id.
    fn id(&self) -> Self::Id;
    /// Its version, for `If-Match`.
    fn version(&self) -> i64;
    /// Its name, as the notices and the questions say it.
    fn name(&self) -> String;
    /// Asks the server to remove it, at its version.
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>>;
}

/// What is open above the list.
#[derive(Debug, Clone, PartialEq)]
pub enum Open<T> {
    /// The form of a new one.
    New,
    /// The form of this one.
    Change(Tagged<T>),
    /// The question whether to remove this one.
    Remove(T),
}

/// The words of one list: its add button, its empty state and its caption.
#[derive(Clone, Copy)]
pub struct Words {
    /// The add button.
    pub add: fn(Locale) -> &'static str,
    /// Said while there is nothing: what to add first.
    pub empty: fn(Locale) -> &'static str,
    /// The table's caption.
    pub caption: fn(Locale) -> &'static str,
}

/// A list's state, shared by its rows and its editor.
pub struct Register<P: Paged + 'static>
where
    P::Item: Entry,
{
    /// What is shown, a page at a time.
    pub list: Listing<P>,
    /// The editor or the question above the list, if any.
    pub open: RwSignal<Option<Open<P::Item>>>,
    /// What came of the last change.
    pub notice: RwSignal<Option<Notice>>,
    busy: RwSignal<bool>,
    add_id: &'static str,
}

impl<P: Paged + 'static> Clone for Register<P>
where
    P::Item: Entry,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Paged + 'static> Copy for Register<P> where P::Item: Entry {}

impl<P: Paged + 'static> Register<P>
where
    P::Item: Entry,
{
    /// The list showing `first`, its next pages asked for with `load`;
    /// `add_id` is the id of its add button, where focus goes back to.
    pub fn new(
        first: P,
        load: impl Fn(Option<String>) -> PageFuture<P> + 'static,
        add_id: &'static str,
    ) -> Self {
        Register {
            list: Listing::new(first, load),
            open: RwSignal::new(None),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            add_id,
        }
    }

    /// Opens the form of `item`.
    pub fn change(self, item: &P::Item) {
        self.notice.set(None);
        self.open.set(Some(Open::Change(Tagged {
            version: item.version(),
            value: item.clone(),
        })));
    }

    /// Asks whether to remove `item`.
    pub fn ask_remove(self, item: &P::Item) {
        self.notice.set(None);
        self.open.set(Some(Open::Remove(item.clone())));
    }

    /// Closes what is open; focus goes back to the add button.
    pub fn close(self) {
        self.open.set(None);
        let id = self.add_id;
        request_animation_frame(move || focus_id(id));
    }

    /// Shows `item` as it is now in its row.
    pub fn replace(self, item: P::Item) {
        self.list.items.update(|i| {
            if let Some(old) = i.iter_mut().find(|old| old.id() == item.id()) {
                *old = item;
            }
        });
    }

    /// What an editor calls when it has saved `(item, added)`: the notice
    /// says so, and the list is read again for one added, or for any
    /// change where `reorders` (a change can move it in the list's order);
    /// otherwise the row shows it in place.
    pub fn saved(self, tasks: &ViewTasks, reorders: bool) -> Callback<(P::Item, bool)> {
        let tasks = tasks.clone();
        Callback::new(move |(item, added): (P::Item, bool)| {
            self.open.set(None);
            let name = item.name();
            self.notice.set(Some(if added {
                Notice::Added(name)
            } else {
                Notice::Saved(name)
            }));
            if added || reorders {
                tasks.spawn(self.list.reload());
            } else {
                self.replace(item);
            }
        })
    }

    /// Closes the editor or the question without a change.
    pub fn cancelled(self) -> Callback<()> {
        Callback::new(move |()| self.close())
    }

    /// Removes what the question is about: the notice says it went, or
    /// why the server kept it, and a list gone stale is read again.
    fn removal(self, tasks: &ViewTasks) -> Callback<()> {
        let tasks = tasks.clone();
        Callback::new(move |()| {
            let Some(Open::Remove(item)) = self.open.get_untracked() else {
                return;
            };
            self.busy.set(true);
            tasks.spawn(async move {
                let answer = item.remove().await;
                self.busy.set(false);
                self.open.set(None);
                let name = item.name();
                match answer {
                    Ok(()) => {
                        self.list
                            .items
                            .update(|i| i.retain(|o| o.id() != item.id()));
                        self.notice.set(Some(Notice::Removed(name)));
                    }
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        self.notice.set(Some(Notice::Kept(name, p.detail)))
                    }
                    Err(e) if matches!(e.status(), Some(412 | 404)) => {
                        self.notice.set(Some(Notice::Moved(name)));
                        self.list.reload().await;
                    }
                    Err(e) => self.notice.set(Some(Notice::Failed(e))),
                }
            });
        })
    }

    /// The whole list: the notice; the form `editor` draws (given the item
    /// to change, or none for a new one), the removal question or the add
    /// button; the table with its `columns` after the name, each item drawn
    /// by `row`, or the empty state; and its foot.
    pub fn view(
        self,
        tasks: ViewTasks,
        words: Words,
        columns: Vec<fn(Locale) -> &'static str>,
        editor: impl Fn(Option<Tagged<P::Item>>) -> AnyView + Send + Sync + 'static,
        row: impl Fn(P::Item) -> AnyView + Send + Sync + Clone + 'static,
    ) -> impl IntoView {
        let i18n = use_i18n();
        let remove = self.removal(&tasks);
        let keep = self.cancelled();
        let (add_id, busy) = (self.add_id, self.busy);
        let add = move |_| {
            self.notice.set(None);
            self.open.set(Some(Open::New));
        };
        // Drawn again each time the table reappears, so built on demand.
        let headers = move || {
            columns
                .iter()
                .map(|&c| view! { <th scope="col">{move || c(i18n.get_locale())}</th> })
                .collect_view()
        };
        view! {
            <NoticeView notice=self.notice />
            {move || match self.open.get() {
                Some(Open::New) => editor(None),
                Some(Open::Change(t)) => editor(Some(t)),
                Some(Open::Remove(item)) => view! {
                    <ConfirmRemove name=item.name() busy=busy.into() on_yes=remove on_no=keep />
                }
                .into_any(),
                None => view! {
                    <button type="button" class="usa-button heard-admin__add" id=add_id on:click=add>
                        {move || (words.add)(i18n.get_locale())}
                    </button>
                }
                .into_any(),
            }}
            <Show
                when=move || self.list.items.with(|i| !i.is_empty())
                fallback=move || view! { <p class="heard-empty">{move || (words.empty)(i18n.get_locale())}</p> }
            >
                <table class="usa-table usa-table--borderless usa-table--stacked heard-admin__table">
                    <caption>{move || (words.caption)(i18n.get_locale())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, field_name)}</th>
                            {headers.clone()()}
                            <th scope="col">{t!(i18n, admin_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || self.list.items.get()
                            key=|item| (item.id(), item.version())
                            children=row.clone()
                        />
                    </tbody>
                </table>
            </Show>
            {self.list.foot(tasks)}
        }
    }
}

/// The label a stacked table shows before a cell on a phone.
pub fn cell_label(key: fn(Locale) -> &'static str) -> impl Fn() -> &'static str + Copy {
    let i18n = use_i18n();
    move || key(i18n.get_locale())
}

/// A row's name cell.
#[component]
pub fn NameCell(name: String) -> impl IntoView {
    view! {
        <th scope="row" data-label=cell_label(|l| td_string!(l, field_name))>{name}</th>
    }
}

/// A row's last cell: change it, or remove it, each button naming it for
/// screen readers.
#[component]
pub fn RowActions<P: Paged + 'static>(register: Register<P>, item: P::Item) -> impl IntoView
where
    P::Item: Entry,
{
    let i18n = use_i18n();
    let name = item.name();
    let change = {
        let item = item.clone();
        move |_| register.change(&item)
    };
    let remove = move |_| register.ask_remove(&item);
    view! {
        <td data-label=cell_label(|l| td_string!(l, admin_actions))>
            <div class="heard-admin__row-actions">
                <button type="button" class="usa-button usa-button--outline" on:click=change>
                    {t!(i18n, admin_edit)}
                    <span class="usa-sr-only">" " {name.clone()}</span>
                </button>
                <button type="button" class="usa-button usa-button--unstyled heard-admin__remove" on:click=remove>
                    {t!(i18n, admin_remove)}
                    <span class="usa-sr-only">" " {name}</span>
                </button>
            </div>
        </td>
    }
}
