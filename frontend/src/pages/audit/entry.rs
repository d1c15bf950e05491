//! One audit entry as a table row, its changed fields opening onto what
//! each was before and after.

use crate::fmt;
use crate::i18n::*;
use crate::labels;
use heard_domain::api::{AuditEntry, AuditResource, UnitKind};
use leptos::prelude::*;
use serde_json::Value;

/// The fields an entry shows: those that changed or, for something made
/// or removed (which has no "changed"), each of its own.
fn shown_paths(e: &AuditEntry) -> Vec<String> {
    let mut paths = if e.changed.is_empty() {
        match e.after.as_ref().or(e.before.as_ref()) {
            Some(Value::Object(fields)) => fields.keys().cloned().collect(),
            _ => Vec::new(),
        }
    } else {
        e.changed.clone()
    };
    // A team's new id says nothing its new name does not; ids, versions
    // and whether a recount runs are the machine's business.
    let all = paths.clone();
    paths.retain(|p| {
        p.strip_suffix(".id")
            .is_none_or(|thing| !all.contains(&format!("{thing}.name")))
            && !matches!(p.as_str(), "id" | "version" | "recomputing")
    });
    paths
}

/// The value at a dotted `path` of `v`.
fn at<'a>(v: Option<&'a Value>, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v?, |v, key| v.get(key))
}

/// The text at `key` of an object.
fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// One item of a list as people read it: an open period as `08:00–12:00`,
/// a closure as its name and days, a person or team by name.
fn shown_item(v: &Value) -> Option<String> {
    if let Some(s) = v.as_str() {
        return Some(s.to_owned());
    }
    if let (Some(opens), Some(closes)) = (text(v, "opens"), text(v, "closes")) {
        return Some(format!("{opens}–{closes}"));
    }
    let name = text(v, "name")?;
    match (text(v, "first_day"), text(v, "last_day")) {
        (Some(first), Some(last)) if first == last => Some(format!("{name} ({first})")),
        (Some(first), Some(last)) => Some(format!("{name} ({first} – {last})")),
        _ => Some(name.to_owned()),
    }
}

/// A value as people read it: text as it is, a list by its items' names
/// or times, a school's kind in words, anything else as compact JSON.
fn shown_value(l: Locale, path: &str, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => td_string!(l, audit_none).to_owned(),
        Some(Value::String(s)) if path == "kind" => UnitKind::parse(s)
            .map(|k| labels::unit_kind(l, k))
            .unwrap_or_else(|| s.clone()),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() && path.starts_with("weekly_hours.") => {
            td_string!(l, audit_closed_day).to_owned()
        }
        Some(Value::Array(items)) if items.is_empty() => td_string!(l, audit_none).to_owned(),
        Some(Value::Array(items)) => match items.iter().map(shown_item).collect::<Option<Vec<_>>>()
        {
            Some(shown) => shown.join("; "),
            None => Value::Array(items.clone()).to_string(),
        },
        Some(other) => other.to_string(),
    }
}

/// What an entry is about, by name where it has one: a school or team as
/// it was named then (a membership by its team), or its id.
fn thing_name(e: &AuditEntry) -> Option<String> {
    let named = |v: Option<&Value>| v.and_then(|v| text(v, "name")).map(str::to_owned);
    match e.resource {
        // One of a kind: the district and its calendar.
        AuditResource::District | AuditResource::Calendar => None,
        AuditResource::Unit
        | AuditResource::Team
        | AuditResource::TeamMember
        | AuditResource::Topic
        | AuditResource::Template
        | AuditResource::Goal => named(e.after.as_ref())
            .or_else(|| named(e.before.as_ref()))
            .or_else(|| Some(e.resource_id.clone())),
        // An article by its title as it was then.
        AuditResource::Article => {
            let titled = |v: Option<&Value>| v.and_then(|v| text(v, "title")).map(str::to_owned);
            titled(e.after.as_ref())
                .or_else(|| titled(e.before.as_ref()))
                .or_else(|| Some(e.resource_id.clone()))
        }
        _ => Some(e.resource_id.clone()),
    }
}

/// A field's name: the labels of the form each kind of thing is edited
/// in, the path for anything else.
fn field_label(l: Locale, resource: AuditResource, path: &str) -> String {
    match resource {
        AuditResource::District => labels::settings_field(l, path),
        AuditResource::Calendar => labels::calendar_field_of(l, path),
        AuditResource::Unit => labels::unit_field(l, path),
        AuditResource::Team | AuditResource::TeamMember => labels::team_field(l, path),
        AuditResource::Topic => labels::topic_field(l, path),
        _ => path.to_owned(),
    }
}

/// One entry.
#[component]
pub fn AuditRow(entry: AuditEntry, time_zone: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
    let at_time = entry.at;
    let resource = entry.resource;
    let action = entry.action;
    let actor = entry.actor.name.clone();
    let from_server = entry.actor.staff_id.is_none();
    let address = entry.address.clone();
    let thing = thing_name(&entry);
    let by_id = thing.as_deref() == Some(entry.resource_id.as_str());
    let paths = shown_paths(&entry);
    let names = {
        let paths = paths.clone();
        move || {
            let l = i18n.get_locale();
            let mut names: Vec<String> = Vec::new();
            for p in &paths {
                let name = field_label(l, resource, p);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names.join(", ")
        }
    };
    let has_paths = !paths.is_empty();
    view! {
        <tr class="heard-audit__row">
            <th scope="row" data-label=label(|l| td_string!(l, audit_col_when))>
                <time datetime=fmt::iso(at_time)>
                    {move || fmt::date_time_in(at_time, labels::lang(i18n.get_locale()), &time_zone.get())}
                </time>
            </th>
            // Cells of more than one piece hold them in one box: on a phone
            // each cell is a line, its column's name beside its content.
            <td data-label=label(|l| td_string!(l, audit_col_who))>
                <div>
                    {actor}
                    {from_server.then(|| view! {
                        <span class="heard-audit__sub">{t!(i18n, audit_command_line)}</span>
                    })}
                </div>
            </td>
            <td data-label=label(|l| td_string!(l, audit_col_from)) class="heard-audit__address">
                {match address {
                    Some(a) => a.into_any(),
                    None => view! { <span class="heard-muted">{t!(i18n, audit_no_address)}</span> }.into_any(),
                }}
            </td>
            <td data-label=label(|l| td_string!(l, audit_col_what))>
                <div>
                    {move || labels::audit_resource(i18n.get_locale(), resource)}
                    {thing.map(|t| view! { <span class="heard-audit__sub" class:heard-audit__id=by_id>{t}</span> })}
                </div>
            </td>
            <td data-label=label(|l| td_string!(l, audit_col_action))>
                {move || labels::audit_action(i18n.get_locale(), action)}
            </td>
            <td data-label=label(|l| td_string!(l, audit_col_changed)) class="heard-audit__changes">
                {if has_paths {
                    view! {
                        <div>
                            <span class="heard-audit__fields">{names}</span>
                            <BeforeAfter entry=entry paths=paths />
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <span class="heard-muted">{t!(i18n, audit_nothing_changed)}</span> }.into_any()
                }}
            </td>
        </tr>
    }
}

/// Each shown field before and after, behind a disclosure: most visits to
/// the log need only who changed what.
#[component]
fn BeforeAfter(entry: AuditEntry, paths: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let resource = entry.resource;
    view! {
        <details class="heard-audit__details">
            <summary>{t!(i18n, audit_before_after)}</summary>
            <dl class="heard-audit__diff">
                {paths.into_iter().map(|p| {
                    let before = at(entry.before.as_ref(), &p).cloned();
                    let after = at(entry.after.as_ref(), &p).cloned();
                    let name = {
                        let p = p.clone();
                        move || field_label(i18n.get_locale(), resource, &p)
                    };
                    let path_before = p.clone();
                    let path_after = p.clone();
                    let had = entry.before.is_some();
                    let has = entry.after.is_some();
                    view! {
                        <div class="heard-audit__change">
                            <dt>{name}</dt>
                            {had.then(|| {
                                let before = before.clone();
                                let path_before = path_before.clone();
                                view! {
                                    <dd class="heard-audit__before">
                                        <span class="heard-audit__when">{t!(i18n, audit_before)}</span>
                                        " "
                                        <del>{move || shown_value(i18n.get_locale(), &path_before, before.as_ref())}</del>
                                    </dd>
                                }
                            })}
                            {has.then(|| {
                                let after = after.clone();
                                let path_after = path_after.clone();
                                view! {
                                    <dd class="heard-audit__after">
                                        <span class="heard-audit__when">{t!(i18n, audit_after)}</span>
                                        " "
                                        <ins>{move || shown_value(i18n.get_locale(), &path_after, after.as_ref())}</ins>
                                    </dd>
                                }
                            })}
                        </div>
                    }
                }).collect_view()}
            </dl>
        </details>
    }
}
