//! The schools and departments, a page at a time, with the editor and the
//! removal question above them.

use super::editor::UnitEditor;
use crate::api::{self, ApiError, ApiResult, Tagged};
use crate::components::form::focus_id;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::{ConfirmRemove, Listing, Notice, NoticeView};
use heard_domain::api::{Unit, UnitPage};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

const ADD_ID: &str = "add-unit";

/// What is open above the list.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    /// The form of a new one.
    New,
    /// The form of this one.
    Change(Tagged<Unit>),
    /// The question whether to remove this one.
    Remove(Unit),
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> Pin<Box<dyn Future<Output = ApiResult<UnitPage>>>> {
    Box::pin(async move { api::units(cursor.as_deref()).await })
}

/// The list, starting from `first`.
#[component]
pub fn UnitList(first: UnitPage) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let list = Listing::new(first, load);
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);

    let done = {
        let tasks = tasks.clone();
        Callback::new(move |(unit, new): (Unit, bool)| {
            open.set(None);
            if new {
                notice.set(Some(Notice::Added(unit.name.clone())));
                tasks.spawn(list.reload());
            } else {
                notice.set(Some(Notice::Saved(unit.name.clone())));
                list.items.update(|i| {
                    if let Some(u) = i.iter_mut().find(|u| u.id == unit.id) {
                        *u = unit;
                    }
                });
            }
        })
    };
    let cancel = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(ADD_ID));
    });
    let remove = {
        let tasks = tasks.clone();
        Callback::new(move |()| {
            let Some(Open::Remove(unit)) = open.get_untracked() else {
                return;
            };
            busy.set(true);
            tasks.spawn(async move {
                let answer = api::delete_unit(unit.id, unit.version).await;
                busy.set(false);
                open.set(None);
                match answer {
                    Ok(()) => {
                        list.items.update(|i| i.retain(|u| u.id != unit.id));
                        notice.set(Some(Notice::Removed(unit.name)));
                    }
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        notice.set(Some(Notice::Kept(unit.name, p.detail)))
                    }
                    Err(e) if matches!(e.status(), Some(412 | 404)) => {
                        notice.set(Some(Notice::Moved(unit.name)));
                        list.reload().await;
                    }
                    Err(e) => notice.set(Some(Notice::Failed(e))),
                }
            });
        })
    };
    let keep = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(ADD_ID));
    });

    view! {
        <NoticeView notice=notice />
        {move || match open.get() {
            Some(Open::New) => view! { <UnitEditor unit=None on_done=done on_cancel=cancel /> }.into_any(),
            Some(Open::Change(t)) => view! { <UnitEditor unit=Some(t) on_done=done on_cancel=cancel /> }.into_any(),
            Some(Open::Remove(u)) => view! {
                <ConfirmRemove name=u.name busy=busy.into() on_yes=remove on_no=keep />
            }
            .into_any(),
            None => view! {
                <button
                    type="button"
                    class="usa-button heard-admin__add"
                    id=ADD_ID
                    on:click=move |_| {
                        notice.set(None);
                        open.set(Some(Open::New));
                    }
                >
                    {t!(i18n, units_add)}
                </button>
            }
            .into_any(),
        }}
        <Show
            when=move || list.items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="heard-empty">{t!(i18n, units_empty)}</p> }
        >
            <table class="usa-table usa-table--borderless usa-table--stacked heard-admin__table">
                <caption>{t!(i18n, units_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, field_name)}</th>
                        <th scope="col">{t!(i18n, field_unit_kind)}</th>
                        <th scope="col">{t!(i18n, field_grade_band)}</th>
                        <th scope="col">{t!(i18n, field_address)}</th>
                        <th scope="col">{t!(i18n, admin_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || list.items.get() key=|u| (u.id, u.version) let(unit)>
                        <UnitRow unit=unit open=open notice=notice />
                    </For>
                </tbody>
            </table>
        </Show>
        {list.foot(tasks)}
    }
}

#[component]
fn UnitRow(
    unit: Unit,
    open: RwSignal<Option<Open>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
    let kind = unit.kind;
    let none = move || view! { <span class="heard-muted">{t!(i18n, audit_none)}</span> };
    let change = {
        let unit = unit.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Change(Tagged {
                version: unit.version,
                value: unit.clone(),
            })));
        }
    };
    let remove = {
        let unit = unit.clone();
        move |_| {
            notice.set(None);
            open.set(Some(Open::Remove(unit.clone())));
        }
    };
    view! {
        <tr>
            <th scope="row" data-label=label(|l| td_string!(l, field_name))>{unit.name.clone()}</th>
            <td data-label=label(|l| td_string!(l, field_unit_kind))>{move || labels::unit_kind(i18n.get_locale(), kind)}</td>
            <td data-label=label(|l| td_string!(l, field_grade_band))>
                {match unit.grade_band.clone() {
                    Some(g) => g.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, field_address)) class="heard-admin__address">
                {match unit.address.clone() {
                    Some(a) => a.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, admin_actions))>
                <div class="heard-admin__row-actions">
                    <button type="button" class="usa-button usa-button--outline" on:click=change>
                        {t!(i18n, admin_edit)}
                        <span class="usa-sr-only">" " {unit.name.clone()}</span>
                    </button>
                    <button type="button" class="usa-button usa-button--unstyled heard-admin__remove" on:click=remove>
                        {t!(i18n, admin_remove)}
                        <span class="usa-sr-only">" " {unit.name.clone()}</span>
                    </button>
                </div>
            </td>
        </tr>
    }
}
