//! Adding or changing one topic: its name and description in each of the
//! district's languages, the team it goes to, who answers for it when a
//! person leaves, and its place in the list, saved against the version read.

use crate::api::{self, Tagged};
use crate::components::form::{Choice, ErrorSummary, SelectField, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{chosen, focus_on_open, same_names, Editing, EditorFoot, EditorWords};
use heard_domain::api::{TeamList, Topic, TopicForm, TopicText};
use heard_domain::{FieldError, Invalid, StaffId, TeamId};
use leptos::prelude::*;
use std::collections::BTreeMap;

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
    let editing = Editing::new(topic.as_ref().map(|t| t.version).unwrap_or_default());
    let errors = editing.errors;

    let save = {
        let tasks = tasks.clone();
        let draft = draft.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.save(
                &tasks,
                draft.form(),
                move |form, base| async move {
                    match id {
                        Some(id) => api::save_topic(id, base, &form).await,
                        None => api::create_topic(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                same_names,
            );
        }
    };
    let reload = {
        let draft = draft.clone();
        Callback::new(move |()| {
            if let Some(id) = id {
                let draft = draft.clone();
                editing.reload(&tasks, api::topic(id), move |t| draft.fill(&t.value));
            }
        })
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
    focus_on_open(first_field);
    let foot = EditorWords {
        stale: |l| td_string!(l, topics_stale),
        reloaded: |l| td_string!(l, topics_reloaded),
        taken: |l| td_string!(l, topics_taken),
        add: |l| td_string!(l, topics_add_submit),
    };
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
                <EditorFoot editing=editing words=foot is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
        </section>
    }
}
