//! The reply templates by language then name, a page at a time, with the
//! editor and the removal question above them.

use super::editor::TemplateEditor;
use crate::api::{self, ApiResult};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::PageFuture;
use crate::pages::register::{cell_label, Entry, NameCell, Register, RowActions, Words};
use heard_domain::api::{ReplyTemplate, TemplatePage};
use heard_domain::TemplateId;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

impl Entry for ReplyTemplate {
    type Id = TemplateId;
    fn id(&self) -> TemplateId {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn remove(&self) -> Pin<Box<dyn Future<Output = ApiResult<()>>>> {
        Box::pin(api::delete_template(self.id, self.version))
    }
}

/// Asks for a page of the list.
fn load(cursor: Option<String>) -> PageFuture<TemplatePage> {
    Box::pin(async move { api::templates(cursor.as_deref()).await })
}

/// The list, starting from `first`; `languages` are the district's,
/// default first.
#[component]
pub fn TemplateList(first: TemplatePage, languages: Vec<String>) -> impl IntoView {
    let tasks = ViewTasks::new();
    let register = Register::new(first, load, "add-template");
    let languages = StoredValue::new(languages);
    // A new or renamed template moves in the order: the list is read again.
    let (done, cancel) = (register.saved(&tasks, true), register.cancelled());
    let words = Words {
        add: |l| td_string!(l, templates_add),
        empty: |l| td_string!(l, templates_empty),
        caption: |l| td_string!(l, templates_caption),
    };
    let columns: Vec<fn(Locale) -> &'static str> = vec![|l| td_string!(l, field_language), |l| {
        td_string!(l, templates_fills)
    }];
    register.view(
        tasks,
        words,
        columns,
        move |template| {
            view! {
                <TemplateEditor
                    template=template
                    languages=languages.get_value()
                    on_done=done
                    on_cancel=cancel
                />
            }
            .into_any()
        },
        move |template| view! { <TemplateRow template=template register=register /> }.into_any(),
    )
}

#[component]
fn TemplateRow(template: ReplyTemplate, register: Register<TemplatePage>) -> impl IntoView {
    let i18n = use_i18n();
    let language = labels::language_name(&template.language);
    let fills = template.placeholders.clone();
    view! {
        <tr>
            <NameCell name=template.name.clone() />
            <td data-label=cell_label(|l| td_string!(l, field_language))>{language}</td>
            <td data-label=cell_label(|l| td_string!(l, templates_fills))>
                {move || {
                    let l = i18n.get_locale();
                    if fills.is_empty() {
                        td_string!(l, audit_none).to_string()
                    } else {
                        fills
                            .iter()
                            .map(|p| labels::placeholder(l, *p))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                }}
            </td>
            <RowActions register=register item=template />
        </tr>
    }
}
