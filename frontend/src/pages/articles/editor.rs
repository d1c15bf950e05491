//! Writing or changing one help article: its language, the question as
//! families ask it, the answer in Markdown, the topic it answers, and
//! whether families see it yet, saved against the version read.

use crate::api::{self, Tagged};
use crate::components::form::{Choice, ErrorSummary, RadioGroup, SelectField, TextArea, TextInput};
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::editing::{chosen, focus_on_open, Editing, EditorFoot, EditorWords};
use heard_domain::api::{ArticleForm, HelpArticle, Topic};
use heard_domain::FieldError;
use leptos::prelude::*;

/// The title's and the answer's fields: `title` and `body` in the request
/// body, named apart here from an inquiry's subject and message.
const TITLE: &str = "article_title";
const BODY: &str = "article_body";
const PUBLISHED: &str = "published";
const DRAFT: &str = "draft";

/// The server's field errors, under their names here.
fn own_names(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        match e.field.as_str() {
            "title" => e.field = TITLE.to_owned(),
            "body" => e.field = BODY.to_owned(),
            _ => {}
        }
    }
    errors
}

/// The fields as typed.
#[derive(Clone, Copy)]
struct Draft {
    language: RwSignal<String>,
    title: RwSignal<String>,
    body: RwSignal<String>,
    topic: RwSignal<String>,
    standing: RwSignal<String>,
}

impl Draft {
    fn new(a: Option<&HelpArticle>, default_language: String) -> Self {
        let d = Draft {
            language: RwSignal::new(default_language),
            title: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
            topic: RwSignal::new(String::new()),
            // A new article stays a draft until its admin says otherwise.
            standing: RwSignal::new(DRAFT.to_owned()),
        };
        if let Some(a) = a {
            d.fill(a);
        }
        d
    }

    fn fill(self, a: &HelpArticle) {
        self.language.set(a.language.clone());
        self.title.set(a.title.clone());
        self.body.set(a.body.clone());
        self.topic.set(
            a.topic
                .as_ref()
                .map(|t| t.id.to_string())
                .unwrap_or_default(),
        );
        self.standing
            .set(if a.published { PUBLISHED } else { DRAFT }.to_owned());
    }

    fn form(self) -> Result<ArticleForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let topic_id = chosen(self.topic, "topic_id", &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ArticleForm {
            language: self.language.get_untracked(),
            title: self.title.get_untracked(),
            body: self.body.get_untracked(),
            topic_id,
            published: self.standing.get_untracked() == PUBLISHED,
        })
    }
}

/// The form of a new article (`article` absent) or of `article`, in one of
/// `languages` (the district's, default first), answering one of `topics`;
/// `on_done` gets what was saved and whether it is new, `on_cancel` is
/// called when the admin leaves it.
#[component]
pub fn ArticleEditor(
    article: Option<Tagged<HelpArticle>>,
    languages: Vec<String>,
    topics: Vec<Topic>,
    on_done: Callback<(HelpArticle, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let id = article.as_ref().map(|t| t.value.id);
    let is_new = id.is_none();
    let heading_title = article.as_ref().map(|t| t.value.title.clone());
    let default_language = languages.first().cloned().unwrap_or_default();
    let draft = Draft::new(article.as_ref().map(|t| &t.value), default_language);
    let editing = Editing::new(article.as_ref().map(|t| t.version).unwrap_or_default());
    let errors = editing.errors;

    let save = {
        let tasks = tasks.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.save(
                &tasks,
                draft.form(),
                move |form, base| async move {
                    match id {
                        Some(id) => api::save_article(id, base, &form).await,
                        None => api::create_article(&form).await,
                    }
                },
                move |t| on_done.run((t.value, is_new)),
                own_names,
            );
        }
    };
    let reload = Callback::new(move |()| {
        if let Some(id) = id {
            editing.reload(&tasks, api::article(id), move |t| draft.fill(&t.value));
        }
    });

    let heading = move || match &heading_title {
        Some(title) => t_string!(i18n, articles_edit_heading, title = title.clone()).to_string(),
        None => t_string!(i18n, articles_new_heading).to_string(),
    };
    let language_choices = Signal::derive(move || {
        languages
            .iter()
            .map(|tag| Choice::new(tag.clone(), labels::language_name(tag)))
            .collect::<Vec<_>>()
    });
    let topic_choices = Signal::derive(move || {
        let lang = labels::lang(i18n.get_locale());
        let mut c = vec![Choice::new(
            "",
            t_string!(i18n, articles_no_topic).to_string(),
        )];
        c.extend(topics.iter().map(|t| {
            let name = t.texts.get(lang).map_or(t.name.clone(), |w| w.name.clone());
            Choice::new(t.id.to_string(), name)
        }));
        c
    });
    let standings = Signal::derive(move || {
        vec![
            Choice::new(DRAFT, t_string!(i18n, articles_keep_draft).to_string()),
            Choice::new(PUBLISHED, t_string!(i18n, articles_publish).to_string()),
        ]
    });
    let label = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let first_field = NodeRef::<leptos::html::H2>::new();
    focus_on_open(first_field);
    let words = EditorWords {
        stale: |l| td_string!(l, articles_stale),
        reloaded: |l| td_string!(l, articles_reloaded),
        taken: |l| td_string!(l, articles_taken),
        add: |l| td_string!(l, articles_add_submit),
    };

    view! {
        <section class="heard-admin__editor" aria-labelledby="article-editor-title">
            <h2 id="article-editor-title" tabindex="-1" node_ref=first_field>{heading}</h2>
            <form class="usa-form heard-form heard-admin__form" novalidate on:submit=save>
                <ErrorSummary errors=errors />
                <RadioGroup
                    field="language"
                    legend=label(|l| td_string!(l, field_language))
                    choices=language_choices
                    value=draft.language
                    errors=errors
                    required=true
                />
                <TextInput
                    field=TITLE
                    label=label(|l| td_string!(l, field_article_title))
                    hint=label(|l| td_string!(l, articles_title_hint))
                    value=draft.title
                    errors=errors
                    required=true
                />
                <TextArea
                    field=BODY
                    label=label(|l| td_string!(l, field_article_body))
                    hint=label(|l| td_string!(l, articles_body_hint))
                    value=draft.body
                    errors=errors
                    rows=10
                    required=true
                />
                <Preview body=draft.body />
                <SelectField
                    field="topic_id"
                    label=label(|l| td_string!(l, field_topic))
                    hint=label(|l| td_string!(l, articles_topic_hint))
                    choices=topic_choices
                    value=draft.topic
                    errors=errors
                />
                <RadioGroup
                    field=PUBLISHED
                    legend=label(|l| td_string!(l, articles_standing))
                    choices=standings
                    value=draft.standing
                    errors=errors
                    required=true
                />
                <EditorFoot editing=editing words=words is_new=is_new on_reload=reload on_cancel=on_cancel />
            </form>
        </section>
    }
}

/// The answer as families will see it, rendered by the same rules as the
/// server's: HTML written in it shows as text.
#[component]
fn Preview(body: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let html = move || heard_domain::markdown::to_html(&body.get());
    view! {
        <details class="heard-article-preview">
            <summary>{t!(i18n, articles_preview)}</summary>
            <Show
                when=move || body.with(|b| !b.trim().is_empty())
                fallback=move || view! { <p class="heard-empty">{t!(i18n, articles_preview_empty)}</p> }
            >
                <div class="heard-article-preview__body" inner_html=html></div>
            </Show>
        </details>
    }
}
