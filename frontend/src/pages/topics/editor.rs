//! Adding or changing one topic: its name and description in each of the
//! district's languages, the team it goes to, who answers for it when a
//! person leaves, and its place in the list, saved against the version read.

use crate::api::{self, ApiError, Tagged};
use crate::components::feedback::{ErrorAlert, StaleWarning};
use crate::components::form::{Choice, ErrorSummary, Errors, SelectField, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::Refusal;
use heard_domain::api::{TeamList, Topic, TopicForm, TopicText};
use heard_domain::{FieldError, Invalid, StaffId, TeamId};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Someone else changed it first; nothing was saved.
    Stale,
    /// Read again after a stale save.
    Reloaded,
    /// Another topic has that name in a language (409).
    Taken(Option<String>),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// One language's words as typed.
#[derive(Clone)]
struct Words {
    tag: String,
    name: RwSignal<String>,
    description: RwSignal<String>,
}

/// The fields as typed.
#[derive(Clone)]
struct Draft {
    words: Vec<Words>,
    team: RwSignal<String>,
    owner: RwSignal<String>,
    position: RwSignal<String>,
}

impl Draft {
    fn new(languages: &[String], t: Option<&Topic>) -> Self {
        let d = Draft {
            words: languages
                .iter()
                .map(|tag| Words {
                    tag: tag.clone(),
                    name: RwSignal::new(String::new()),
                    description: RwSignal::new(String::new()),
                })
                .collect(),
            team: RwSignal::new(String::new()),
            owner: RwSignal::new(String::new()),
            position: RwSignal::new(String::new()),
        };
        if let Some(t) = t {
            d.fill(t);
        }
        d
    }

    fn fill(&self, t: &Topic) {
        for w in &self.words {
            let text = t.texts.get(&w.tag);
            w.name.set(text.map(|x| x.name.clone()).unwrap_or_default());
            w.description
                .set(text.map(|x| x.description.clone()).unwrap_or_default());
        }
        self.team.set(
            t.default_team
                .as_ref()
                .map(|x| x.id.to_string())
                .unwrap_or_default(),
        );
        self.owner.set(
            t.fallback_owner
                .as_ref()
                .map(|x| x.id.to_string())
                .unwrap_or_default(),
        );
        self.position.set(t.position.to_string());
    }

    /// The form to send; what cannot be put in it is named here.
    fn form(&self) -> Result<TopicForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let team = chosen::<TeamId>(self.team, "default_team_id", &mut errors);
        let owner = chosen::<StaffId>(self.owner, "fallback_owner_id", &mut errors);
        let raw = self.position.get_untracked();
        let position = match raw.trim() {
            "" => None,
            p => match p.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(FieldError::new(
                        "position",
                        Invalid::OutOfRange { min: 0, max: 999 },
                    ));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let texts: BTreeMap<String, TopicText> = self
            .words
            .iter()
            .map(|w| {
                (
                    w.tag.clone(),
                    TopicText {
                        name: w.name.get_untracked(),
                        description: w.description.get_untracked(),
                    },
                )
            })
            .collect();
        Ok(TopicForm {
            texts,
            default_team_id: team,
            fallback_owner_id: owner,
            position,
        })
    }
}

/// The id chosen in a drop-down; none for its empty choice.
fn chosen<T: std::str::FromStr>(
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

/// The form of a new topic (`topic` absent) or of `topic`, in each of
/// `languages` (the district's, default first), sent to one of `teams`;
/// `on_done` gets what was saved and whether it is new, `on_cancel` is
/// called when the admin leaves it.
#[component]
pub fn TopicEditor(
    topic: Option<Tagged<Topic>>,
    languages: Vec<String>,
    teams: TeamList,
    on_done: Callback<(Topic, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = topic.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_name = topic.as_ref().map(|t| t.value.name.clone());
    let kept_owner = topic.as_ref().and_then(|t| t.value.fallback_owner.clone());
    let draft = Draft::new(&languages, topic.as_ref().map(|t| &t.value));
    let version = RwSignal::new(topic.as_ref().map(|t| t.version).unwrap_or_default());
    let errors: Errors = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

    let save = {
        let tasks = tasks.clone();
        let draft = draft.clone();
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
            tasks.spawn(async move {
                let answer = match id {
                    Some(id) => api::save_topic(id, base, &form).await,
                    None => api::create_topic(&form).await,
                };
                busy.set(false);
                match answer {
                    Ok(t) => on_done.run((t.value, is_new)),
                    Err(e) if e.status() == Some(412) => outcome.set(Some(Outcome::Stale)),
                    Err(ApiError::Problem(p)) if p.status == 409 => {
                        outcome.set(Some(Outcome::Taken(p.detail)))
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

    let reload = {
        let draft = draft.clone();
        move |()| {
            let Some(id) = id else { return };
            busy.set(true);
            let draft = draft.clone();
            tasks.spawn(async move {
                match api::topic(id).await {
                    Ok(t) => {
                        version.set(t.version);
                        draft.fill(&t.value);
                        errors.set(Vec::new());
                        outcome.set(Some(Outcome::Reloaded));
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                busy.set(false);
            });
        }
    };

    let heading = move || match &heading_name {
        Some(name) => t_string!(i18n, topics_edit_heading, name = name.clone()).to_string(),
        None => t_string!(i18n, topics_new_heading).to_string(),
    };
    let teams = StoredValue::new(teams);
    let team_choices = Signal::derive(move || {
        let mut c = vec![Choice::new(
            "",
            t_string!(i18n, topics_fallback_team).to_string(),
        )];
        teams.with_value(|t| {
            c.extend(
                t.items
                    .iter()
                    .map(|team| Choice::new(team.id.to_string(), team.name.clone())),
            )
        });
        c
    });
    // Who can answer for it: the members of the team it goes to (the
    // district's fallback team when none is chosen), and whoever does now.
    let team = draft.team;
    let owner_choices = Signal::derive(move || {
        let chosen = team.get();
        let mut c = vec![Choice::new(
            "",
            t_string!(i18n, topics_no_owner).to_string(),
        )];
        teams.with_value(|t| {
            let members = t
                .items
                .iter()
                .find(|x| {
                    if chosen.is_empty() {
                        x.fallback
                    } else {
                        x.id.to_string() == chosen
                    }
                })
                .map(|x| x.members.clone())
                .unwrap_or_default();
            c.extend(
                members
                    .iter()
                    .map(|m| Choice::new(m.id.to_string(), m.name.clone())),
            );
        });
        if let Some(o) = &kept_owner {
            if !c.iter().any(|x| x.value == o.id.to_string()) {
                c.push(Choice::new(o.id.to_string(), o.name.clone()));
            }
        }
        c
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let first_field = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = first_field.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
    let words = draft
        .words
        .iter()
        .map(|w| {
            let legend = labels::language_name(&w.tag);
            let (tag, name, description) = (w.tag.clone(), w.name, w.description);
            let in_language = move |key: fn(Locale, &str) -> String, tag: String| {
                Signal::derive(move || key(i18n.get_locale(), &tag))
            };
            view! {
                <fieldset class="usa-fieldset heard-admin__language">
                    // The language's own name, in that language; the
                    // labels stay in the page's.
                    <legend class="usa-legend heard-admin__language-legend" lang=tag.clone()>{legend}</legend>
                    <TextInput
                        field=format!("texts.{tag}.name")
                        label=in_language(labels::topic_name_label, tag.clone())
                        value=name
                        errors=errors
                        required=true
                    />
                    <TextInput
                        field=format!("texts.{tag}.description")
                        label=in_language(labels::topic_description_label, tag.clone())
                        hint=label(|l| td_string!(l, topics_description_hint))
                        value=description
                        errors=errors
                    />
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <section class="heard-admin__editor" aria-labelledby="topic-editor-title">
            <h2 id="topic-editor-title" tabindex="-1" node_ref=first_field>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                {words}
                <SelectField
                    field="default_team_id"
                    label=label(|l| td_string!(l, field_default_team))
                    hint=label(|l| td_string!(l, topics_team_hint))
                    choices=team_choices
                    value=draft.team
                    errors=errors
                />
                <SelectField
                    field="fallback_owner_id"
                    label=label(|l| td_string!(l, field_fallback_owner))
                    hint=label(|l| td_string!(l, topics_owner_hint))
                    choices=owner_choices
                    value=draft.owner
                    errors=errors
                />
                <TextInput
                    field="position"
                    label=label(|l| td_string!(l, field_topic_position))
                    hint=label(|l| td_string!(l, topics_position_hint))
                    value=draft.position
                    errors=errors
                    class="heard-settings__number"
                    inputmode="numeric"
                />
                {move || match outcome.get() {
                    Some(Outcome::Stale) => Some(view! {
                        <StaleWarning text=|l| td_string!(l, topics_stale) busy=busy on_reload=Callback::new(reload.clone()) />
                    }
                    .into_any()),
                    Some(Outcome::Reloaded) => Some(view! {
                        <div class="heard-live" role="status">
                            <p class="heard-muted">{t!(i18n, topics_reloaded)}</p>
                        </div>
                    }
                    .into_any()),
                    Some(Outcome::Taken(detail)) => Some(view! {
                        <Refusal title=t_string!(i18n, topics_taken).to_string() detail=detail />
                    }
                    .into_any()),
                    Some(Outcome::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                    None => None,
                }}
                <div class="heard-admin__buttons">
                    <button type="submit" class="usa-button" disabled=move || busy.get()>
                        {move || if is_new {
                            t_string!(i18n, topics_add_submit).to_string()
                        } else {
                            t_string!(i18n, admin_save_changes).to_string()
                        }}
                    </button>
                    <button type="button" class="usa-button usa-button--outline" on:click=move |_| on_cancel.run(())>
                        {t!(i18n, admin_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
