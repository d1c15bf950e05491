//! The settings as the admin is editing them: one signal per field, filled
//! from what the server holds and turned back into the whole form it takes.

use crate::i18n::*;
use crate::labels;
use heard_domain::api::{
    BrandingForm, DistrictForm, DistrictSettings, PillarStandards, StandardSettings, TabPosition,
};
use heard_domain::{FieldError, Invalid, Pillar, TeamId};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The languages a district can offer: those Heard is translated into.
pub fn offered() -> &'static [Locale] {
    Locale::get_all()
}

/// The path of a language's tab label in the request body.
pub fn tab_label_field(l: Locale) -> &'static str {
    match l {
        Locale::en => "branding.tab_labels.en",
        Locale::es => "branding.tab_labels.es",
    }
}

/// The path of a pillar's standard in one language in the request body.
pub fn pillar_field(p: Pillar, l: Locale) -> &'static str {
    match (p, l) {
        (Pillar::Courtesy, Locale::en) => "pillar_standards.courtesy.en",
        (Pillar::Courtesy, Locale::es) => "pillar_standards.courtesy.es",
        (Pillar::Communication, Locale::en) => "pillar_standards.communication.en",
        (Pillar::Communication, Locale::es) => "pillar_standards.communication.es",
        (Pillar::Responsiveness, Locale::en) => "pillar_standards.responsiveness.en",
        (Pillar::Responsiveness, Locale::es) => "pillar_standards.responsiveness.es",
        (Pillar::Environment, Locale::en) => "pillar_standards.environment.en",
        (Pillar::Environment, Locale::es) => "pillar_standards.environment.es",
    }
}

/// One text for each language a district can offer.
#[derive(Clone, Copy)]
pub struct PerLanguage {
    en: RwSignal<String>,
    es: RwSignal<String>,
}

impl PerLanguage {
    fn new(texts: &BTreeMap<String, String>) -> Self {
        let text =
            |l: Locale| RwSignal::new(texts.get(labels::lang(l)).cloned().unwrap_or_default());
        PerLanguage {
            en: text(Locale::en),
            es: text(Locale::es),
        }
    }

    /// The text in `l`.
    pub fn of(self, l: Locale) -> RwSignal<String> {
        match l {
            Locale::en => self.en,
            Locale::es => self.es,
        }
    }

    fn fill(self, texts: &BTreeMap<String, String>) {
        for l in offered() {
            let text = texts.get(labels::lang(*l)).cloned().unwrap_or_default();
            self.of(*l).set(text);
        }
    }

    /// The texts of the languages in `languages`; those left blank are
    /// absent unless `keep_blank` (the server then says they are required).
    fn collect(self, languages: &[String], keep_blank: bool) -> BTreeMap<String, String> {
        offered()
            .iter()
            .filter(|l| languages.iter().any(|t| t == labels::lang(**l)))
            .filter_map(|l| {
                let text = self.of(*l).get_untracked();
                (keep_blank || !text.trim().is_empty()).then(|| (labels::lang(*l).to_owned(), text))
            })
            .collect()
    }
}

/// Every setting an admin changes, as typed.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The district's full name.
    pub name: RwSignal<String>,
    /// The short name in its addresses.
    pub slug: RwSignal<String>,
    /// Its IANA time zone.
    pub time_zone: RwSignal<String>,
    /// The language tags it offers, its default first.
    pub languages: RwSignal<Vec<String>>,
    /// The tab's words per language.
    pub tab_labels: PerLanguage,
    /// The tab's colour, `#rrggbb`.
    pub color: RwSignal<String>,
    /// Where the tab sits, by its stable name.
    pub position: RwSignal<String>,
    /// Business minutes to a first answer.
    pub first_response: RwSignal<String>,
    /// Business minutes to resolution.
    pub resolution: RwSignal<String>,
    /// The fallback team's id; empty for none.
    pub fallback_team: RwSignal<String>,
    /// The written standard of each pillar, in `Pillar::ALL` order.
    pillars: [PerLanguage; 4],
    /// Business days to past due.
    pub past_due: RwSignal<String>,
    /// Days requester details are kept after closing; empty to keep them.
    pub retention: RwSignal<String>,
}

fn pillar_index(p: Pillar) -> usize {
    Pillar::ALL.iter().position(|x| *x == p).unwrap_or_default()
}

impl Draft {
    /// The settings as the server holds them.
    pub fn new(s: &DistrictSettings) -> Self {
        let pillars = s
            .pillar_standards
            .each()
            .map(|(_, texts)| PerLanguage::new(texts));
        let draft = Draft {
            name: RwSignal::new(String::new()),
            slug: RwSignal::new(String::new()),
            time_zone: RwSignal::new(String::new()),
            languages: RwSignal::new(Vec::new()),
            tab_labels: PerLanguage::new(&s.branding.tab_labels),
            color: RwSignal::new(String::new()),
            position: RwSignal::new(String::new()),
            first_response: RwSignal::new(String::new()),
            resolution: RwSignal::new(String::new()),
            fallback_team: RwSignal::new(String::new()),
            pillars,
            past_due: RwSignal::new(String::new()),
            retention: RwSignal::new(String::new()),
        };
        draft.fill(s);
        draft
    }

    /// Puts every field back to `s`, as after a save or a reload.
    pub fn fill(self, s: &DistrictSettings) {
        self.name.set(s.district.name.clone());
        self.slug.set(s.district.slug.clone());
        self.time_zone.set(s.district.time_zone.clone());
        self.languages.set(s.languages.clone());
        self.tab_labels.fill(&s.branding.tab_labels);
        self.color.set(s.branding.color.clone());
        self.position.set(s.branding.position.as_str().to_owned());
        self.first_response
            .set(s.standard.first_response_minutes.to_string());
        self.resolution
            .set(s.standard.resolution_minutes.to_string());
        self.fallback_team.set(
            s.fallback_team
                .as_ref()
                .map(|t| t.id.to_string())
                .unwrap_or_default(),
        );
        for (pillar, texts) in s.pillar_standards.each() {
            self.pillar(pillar).fill(texts);
        }
        self.past_due.set(s.past_due_business_days.to_string());
        self.retention.set(
            s.requester_retention_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
    }

    /// The written standard of `p` per language.
    pub fn pillar(self, p: Pillar) -> PerLanguage {
        self.pillars[pillar_index(p)]
    }

    /// The offered languages Heard is translated into, in the district's
    /// order, its default first (reactive).
    pub fn in_order(self) -> Vec<Locale> {
        self.languages.with(|ls| {
            ls.iter()
                .filter_map(|t| offered().iter().copied().find(|l| labels::lang(*l) == t))
                .collect()
        })
    }

    /// Whether the district offers `l` (reactive).
    pub fn offers(self, l: Locale) -> bool {
        let tag = labels::lang(l);
        self.languages.with(|ls| ls.iter().any(|t| t == tag))
    }

    /// Whether `l` is the district's default language (reactive).
    pub fn is_default(self, l: Locale) -> bool {
        self.languages
            .with(|ls| ls.first().is_some_and(|t| t == labels::lang(l)))
    }

    /// Offers `l`, after the languages already offered, or stops offering it.
    pub fn set_offered(self, l: Locale, on: bool) {
        let tag = labels::lang(l);
        self.languages.update(|ls| {
            ls.retain(|t| t != tag);
            if on {
                ls.push(tag.to_owned());
            }
        });
    }

    /// Makes `l` the default language, offering it if it was not.
    pub fn set_default(self, l: Locale) {
        let tag = labels::lang(l);
        self.languages.update(|ls| {
            ls.retain(|t| t != tag);
            ls.insert(0, tag.to_owned());
        });
    }

    /// The form to send, or what stops it from being sent: a number that
    /// is no whole number cannot be put in the request at all. Every other
    /// rule is the server's to apply.
    pub fn form(self) -> Result<DistrictForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut whole = |field: &str, raw: RwSignal<String>| -> Option<i64> {
            let raw = raw.get_untracked();
            let raw = raw.trim();
            if raw.is_empty() {
                errors.push(FieldError::new(field, Invalid::Required));
                return None;
            }
            let n = raw.parse::<i64>().ok();
            if n.is_none() {
                errors.push(FieldError::new(field, Invalid::NotWholeNumber));
            }
            n
        };
        let first_response = whole("standard.first_response_minutes", self.first_response);
        let resolution = whole("standard.resolution_minutes", self.resolution);
        let past_due = whole("past_due_business_days", self.past_due);
        let retention = if self.retention.with_untracked(|r| r.trim().is_empty()) {
            Some(None)
        } else {
            whole("requester_retention_days", self.retention).map(Some)
        };
        let position = TabPosition::parse(&self.position.get_untracked());
        if position.is_none() {
            errors.push(FieldError::new(
                "branding.position",
                Invalid::InvalidChoice {
                    allowed: TabPosition::ALL
                        .iter()
                        .map(|p| p.as_str().to_owned())
                        .collect(),
                },
            ));
        }
        let team = self.fallback_team.get_untracked();
        let fallback_team_id = if team.is_empty() {
            Some(None)
        } else {
            let id = team.parse::<TeamId>().ok();
            if id.is_none() {
                errors.push(FieldError::new("fallback_team_id", Invalid::InvalidId));
            }
            id.map(Some)
        };
        let (
            Some(first_response_minutes),
            Some(resolution_minutes),
            Some(past_due_business_days),
            Some(requester_retention_days),
            Some(position),
            Some(fallback_team_id),
        ) = (
            first_response,
            resolution,
            past_due,
            retention,
            position,
            fallback_team_id,
        )
        else {
            return Err(errors);
        };
        let languages = self.languages.get_untracked();
        let mut pillar_standards = PillarStandards::default();
        for p in Pillar::ALL {
            *pillar_standards.of_mut(*p) = self.pillar(*p).collect(&languages, false);
        }
        Ok(DistrictForm {
            name: self.name.get_untracked(),
            slug: self.slug.get_untracked().trim().to_owned(),
            time_zone: self.time_zone.get_untracked().trim().to_owned(),
            branding: BrandingForm {
                tab_labels: self.tab_labels.collect(&languages, true),
                color: self.color.get_untracked(),
                position,
            },
            languages,
            standard: StandardSettings {
                first_response_minutes,
                resolution_minutes,
            },
            fallback_team_id,
            pillar_standards,
            past_due_business_days,
            requester_retention_days,
        })
    }
}
