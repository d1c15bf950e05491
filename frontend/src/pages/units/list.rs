//! The schools and departments, a page at a time, with the editor and the
//! removal question above them.

use super::editor::UnitEditor;
use crate::api::{self, ApiResult};
use crate::components::spreadsheet::{Sheet, Spreadsheet};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{Unit, UnitPage};
use heard_domain::UnitId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for Unit {
    type Id = UnitId;
    fn id(&self) -> UnitId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_unit(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<UnitPage> {
    Box::pin(async move { api::units(cursor.as_deref()).await })
}

/// The list, starting from `first`.
#[component]
pub fn UnitList(first: UnitPage) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-unit");
    let (done, cancel) = (register.saved(&tasks, false), register.cancelled());
    let words = Words {
        add: |l| td_string!(l, units_add),
        empty: |l| td_string!(l, units_empty),
        caption: |l| td_string!(l, units_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> = vec![
        |l| td_string!(l, field_unit_kind),
        |l| td_string!(l, field_grade_band),
        |l| td_string!(l, field_address),
    ];
    // Rows imported from a file change the list: it is read again.
    let imported = {
        let tasks = tasks.clone();
        Callback::new(move |()| tasks.spawn(register.list.reload()))
    };
    let list = register.view(
        tasks,
        words,
        columns,
        move |unit| view! { <UnitEditor unit=unit on_done=done on_cancel=cancel /> }.into_any(),
        move |unit| view! { <UnitRow unit=unit register=register /> }.into_any(),
    );
    view! {
        {list}
        <Spreadsheet sheet=Sheet::Units on_imported=imported />
    }
}

#[component]
fn UnitRow(unit: Unit, register: Register<UnitPage>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = unit.kind;
    let none = move || view! { <span class="heard-muted">{t!(i18n, audit_none)}</span> };
    view! {
        <tr>
            <NameCell name=unit.name.clone() />
            <td data-label=cell_label(|l| td_string!(l, field_unit_kind))>{move || labels::unit_kind(i18n.get_locale(), kind)}</td>
            <td data-label=cell_label(|l| td_string!(l, field_grade_band))>
                {match unit.grade_band.clone() {
                    Some(g) => g.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <td data-label=cell_label(|l| td_string!(l, field_address)) class="heard-admin__address">
                {match unit.address.clone() {
                    Some(a) => a.into_any(),
                    None => none().into_any(),
                }}
            </td>
            <RowActions register=register item=unit />
        </tr>
    }
}
