//! A list the district keeps as a spreadsheet (its schools and
//! departments, its staff): downloaded in the columns the import reads; a
//! file chosen is first tried without storing, so the admin sees what each
//! row would do and every row's problem, then imported with one button.

use crate::api::{self, ApiError, ApiResult};
use crate::components::feedback::{ErrorAlert, SuccessAlert};
use crate::components::files::{chosen_file, download};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use heard_domain::api::{ImportAction, ImportReport, ImportRow};
use heard_domain::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the import stands.
#[derive(Clone)]
enum Step {
    /// A file was tried: its name, its text and what it would do.
    Tried(String, String, ImportReport),
    /// It was imported.
    Done(ImportReport),
    /// The server read no spreadsheet in it: its name.
    Unreadable(String),
    /// The server could not be reached, or said no otherwise.
    Failed(ApiError),
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// The schools and departments, matched by name.
    Units,
    /// The staff, matched by email; new ones are invited.
    Staff,
}

impl Sheet {
    /// What the ids of the section's elements start with.
    fn id(self) -> &'static str {
        match self {
            Sheet::Units => "units",
            Sheet::Staff => "staff",
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Sheet::Units => "schools-and-departments.csv",
            Sheet::Staff => "staff.csv",
        }
    }

    async fn export(self) -> ApiResult<String> {
        match self {
            Sheet::Units => api::export_units().await,
            Sheet::Staff => api::export_staff().await,
        }
    }

    async fn import(self, text: &str, dry_run: bool) -> ApiResult<ImportReport> {
        match self {
            Sheet::Units => api::import_units(text, dry_run).await,
            Sheet::Staff => api::import_staff(text, dry_run).await,
        }
    }

    fn intro(self, l: Locale) -> &'static str {
        match self {
            Sheet::Units => td_string!(l, units_spreadsheet_intro),
            Sheet::Staff => td_string!(l, staff_spreadsheet_intro),
        }
    }

    fn export_label(self, l: Locale) -> &'static str {
        match self {
            Sheet::Units => td_string!(l, units_export),
            Sheet::Staff => td_string!(l, staff_export),
        }
    }

    fn import_label(self, l: Locale) -> &'static str {
        match self {
            Sheet::Units => td_string!(l, units_import_label),
            Sheet::Staff => td_string!(l, staff_import_label),
        }
    }

    fn import_hint(self, l: Locale) -> &'static str {
        match self {
            Sheet::Units => td_string!(l, units_import_hint),
            Sheet::Staff => td_string!(l, staff_import_hint),
        }
    }

    fn unreadable(self, l: Locale, file: String) -> String {
        match self {
            Sheet::Units => td_string!(l, import_unreadable, file = file).to_string(),
            Sheet::Staff => td_string!(l, staff_import_unreadable, file = file).to_string(),
        }
    }

    /// The heading of the column that says which row is which.
    fn key_column(self, l: Locale) -> &'static str {
        match self {
            Sheet::Units => td_string!(l, field_name),
            Sheet::Staff => td_string!(l, field_email),
        }
    }

    /// A row's problem under the name of its column in the list's form:
    /// a units file's `kind` is the form's school or department, a staff
    /// file's `teams` the form's teams.
    fn own_name(self, e: &FieldError) -> FieldError {
        let mut e = e.clone();
        match (self, e.field.as_str()) {
            (Sheet::Units, "kind") => e.field = "unit_kind".to_owned(),
            (Sheet::Staff, "teams") => e.field = "team_ids".to_owned(),
            _ => {}
        }
        e
    }
}

/// What a row does, in words.
fn action_text(l: Locale, a: ImportAction) -> &'static str {
    match a {
        ImportAction::Create => td_string!(l, import_create),
        ImportAction::Update => td_string!(l, import_update),
        ImportAction::Unchanged => td_string!(l, import_unchanged),
        ImportAction::Refused => td_string!(l, import_refused),
    }
}

/// The download and the import; `on_imported` is called once rows were stored.
#[component]
pub fn Spreadsheet(sheet: Sheet, on_imported: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let step = RwSignal::new(None::<Step>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();

    let export = {
        let tasks = tasks.clone();
        move |_| {
            tasks.spawn(async move {
                match sheet.export().await {
                    Ok(text) => {
                        download(sheet.file_name(), &text, "text/csv");
                    }
                    Err(e) => step.set(Some(Step::Failed(e))),
                }
            });
        }
    };
    let try_file = {
        let tasks = tasks.clone();
        move |_| {
            let Some(el) = input.get_untracked() else {
                return;
            };
            let el: web_sys::HtmlInputElement = el.unchecked_into();
            busy.set(true);
            tasks.spawn(async move {
                if let Some((name, text)) = chosen_file(&el).await {
                    let next = match sheet.import(&text, true).await {
                        Ok(report) => Step::Tried(name, text, report),
                        Err(ApiError::Problem(p)) if p.status == 422 || p.status == 413 => {
                            Step::Unreadable(name)
                        }
                        Err(e) => Step::Failed(e),
                    };
                    step.set(Some(next));
                }
                el.set_value("");
                busy.set(false);
            });
        }
    };
    let import = Callback::new(move |text: String| {
        busy.set(true);
        tasks.spawn(async move {
            let next = match sheet.import(&text, false).await {
                Ok(report) => {
                    on_imported.run(());
                    Step::Done(report)
                }
                Err(e) => Step::Failed(e),
            };
            step.set(Some(next));
            busy.set(false);
        });
    });

    let shown = move || {
        let l = i18n.get_locale();
        match step.get()? {
            Step::Tried(name, text, report) => {
                let said = td_string!(
                    l,
                    import_tried,
                    file = name,
                    created = report.created,
                    updated = report.updated,
                    unchanged = report.unchanged,
                    refused = report.refused
                )
                .to_string();
                let changes = report.created + report.updated;
                let rows: Vec<ImportRow> = report
                    .rows
                    .into_iter()
                    .filter(|r| r.action != ImportAction::Unchanged)
                    .collect();
                let next = if report.refused > 0 {
                    view! { <p class="heard-import__fix">{td_string!(l, import_fix_first)}</p> }
                        .into_any()
                } else if changes == 0 {
                    view! { <p>{td_string!(l, import_nothing)}</p> }.into_any()
                } else {
                    let label = td_string!(l, import_confirm, n = changes).to_string();
                    view! {
                        <button
                            type="button"
                            class="usa-button"
                            disabled=move || busy.get()
                            on:click=move |_| import.run(text.clone())
                        >
                            {label}
                        </button>
                    }
                    .into_any()
                };
                Some(
                    view! {
                        <div class="heard-import__report">
                            <p>{said}</p>
                            {(!rows.is_empty()).then(|| view! { <ImportTable sheet=sheet rows=rows /> })}
                            {next}
                        </div>
                    }
                    .into_any(),
                )
            }
            Step::Done(report) => {
                let said = td_string!(
                    l,
                    import_done,
                    created = report.created,
                    updated = report.updated
                )
                .to_string();
                Some(
                    view! { <SuccessAlert text=Signal::derive(move || said.clone()) /> }.into_any(),
                )
            }
            Step::Unreadable(name) => {
                let said = sheet.unreadable(l, name);
                Some(
                    view! {
                        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
                            <div class="usa-alert__body">
                                <p class="usa-alert__text">{said}</p>
                            </div>
                        </div>
                    }
                    .into_any(),
                )
            }
            Step::Failed(e) => Some(view! { <ErrorAlert error=e /> }.into_any()),
        }
    };

    let id = |part: &str| format!("{}-{part}", sheet.id());
    view! {
        <section class="heard-import" aria-labelledby=id("spreadsheet-title")>
            <h2 id=id("spreadsheet-title")>{t!(i18n, spreadsheet_title)}</h2>
            <p class="heard-settings__intro">{move || sheet.intro(i18n.get_locale())}</p>
            <button type="button" class="usa-button usa-button--outline" on:click=export>
                {move || sheet.export_label(i18n.get_locale())}
            </button>
            <div class="usa-form-group">
                <label class="usa-label" for=id("import-file")>
                    {move || sheet.import_label(i18n.get_locale())}
                </label>
                <div class="usa-hint" id=id("import-hint")>
                    {move || sheet.import_hint(i18n.get_locale())}
                </div>
                <input
                    class="heard-calendar__file"
                    id=id("import-file")
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby=id("import-hint")
                    disabled=move || busy.get()
                    node_ref=input
                    on:change=try_file
                />
            </div>
            <div role="status" class="heard-live">{shown}</div>
        </section>
    }
}

/// The rows that add, change or are refused, with their problems.
#[component]
fn ImportTable(sheet: Sheet, rows: Vec<ImportRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="usa-table usa-table--borderless heard-import__table">
            <caption>{t!(i18n, import_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, import_row)}</th>
                    <th scope="col">{move || sheet.key_column(i18n.get_locale())}</th>
                    <th scope="col">{t!(i18n, import_what)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let errors = r.errors.clone();
                        let action = r.action;
                        view! {
                            <tr class:heard-import__refused=action == ImportAction::Refused>
                                <td>{r.row}</td>
                                <th scope="row">{r.name}</th>
                                <td>
                                    {move || action_text(i18n.get_locale(), action)}
                                    {(!errors.is_empty()).then(|| {
                                        let errors = errors.clone();
                                        view! {
                                            <ul class="usa-list heard-import__problems">
                                                {move || {
                                                    let l = i18n.get_locale();
                                                    errors
                                                        .iter()
                                                        .map(|e| view! { <li>{labels::message(l, &sheet.own_name(e))}</li> })
                                                        .collect_view()
                                                }}
                                            </ul>
                                        }
                                    })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
