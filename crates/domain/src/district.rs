//! What a district sets about itself, and the rules each setting keeps: a
//! readable colour, a label on the tab in every language it offers, a
//! standard a clock can keep.

use crate::api::{DistrictForm, PillarStandards, StandardSettings, TabPosition};
use crate::colour;
use crate::ids::TeamId;
use crate::text::{DistrictName, Language, StandardText, TabLabel};
use crate::validation::{Invalid, ValidationErrors};
use std::collections::BTreeMap;

/// The least contrast the district's colour must have against white: it
/// draws borders, bars and focus marks on white pages (WCAG 1.4.11).
pub const MIN_COLOR_CONTRAST: f64 = 3.0;
/// The most business minutes a standard can give (90 business days of 8 hours).
pub const MAX_STANDARD_MINUTES: i64 = 43_200;
/// The longest past-due threshold, in business days.
pub const MAX_PAST_DUE_DAYS: i64 = 60;
/// The shortest and longest time requester details can be kept after closing.
pub const RETENTION_DAYS: (i64, i64) = (30, 3_650);
/// The most languages a district offers.
pub const MAX_LANGUAGES: usize = 8;

/// The words on the tab of a new district, in `language` (English for one
/// Heard has no default for).
pub fn default_tab_label(language: &str) -> &'static str {
    match language {
        "es" => "Contáctenos",
        _ => "Contact us",
    }
}

/// Settings that passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictChange {
    /// The full name.
    pub name: String,
    /// The short name in its addresses.
    pub slug: String,
    /// The IANA time zone.
    pub time_zone: String,
    /// Offered languages, the default first.
    pub languages: Vec<Language>,
    /// The tab's words per language, one for each offered language.
    pub tab_labels: BTreeMap<String, String>,
    /// `#rrggbb`, lower case.
    pub color: String,
    /// Where the tab sits.
    pub position: TabPosition,
    /// The district-wide service standard.
    pub standard: StandardSettings,
    /// The team for what nothing else catches.
    pub fallback_team_id: Option<TeamId>,
    /// Written standards per pillar and language.
    pub pillar_standards: PillarStandards,
    /// Business days to past due.
    pub past_due_business_days: i64,
    /// Days requester details are kept after closing.
    pub requester_retention_days: Option<i64>,
}

impl DistrictChange {
    /// The words on the tab in the default language.
    pub fn default_tab_label(&self) -> &str {
        self.languages
            .first()
            .and_then(|l| self.tab_labels.get(l.as_str()))
            .map_or("", String::as_str)
    }
}

/// A slug: 2 to 40 lower-case letters and digits in runs joined by single hyphens.
pub fn valid_slug(raw: &str) -> bool {
    (2..=40).contains(&raw.len())
        && raw.split('-').all(|run| {
            !run.is_empty()
                && run
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The colour as `#rrggbb`, and its contrast against white.
pub fn color_contrast(raw: &str) -> Option<(String, f64)> {
    let t = raw.trim();
    if t.len() != 7 {
        return None;
    }
    let rgb = colour::rgb(t)?;
    Some((
        t.to_ascii_lowercase(),
        colour::contrast(rgb, [255, 255, 255]),
    ))
}

fn whole(errors: &mut ValidationErrors, field: &str, v: i64, min: i64, max: i64) {
    if !(min..=max).contains(&v) {
        errors.add(field, Invalid::OutOfRange { min, max });
    }
}

fn languages(errors: &mut ValidationErrors, raw: &[String], translated: &[&str]) -> Vec<Language> {
    if raw.is_empty() {
        errors.add("languages", Invalid::Required);
        return Vec::new();
    }
    if raw.len() > MAX_LANGUAGES {
        errors.add(
            "languages",
            Invalid::OutOfRange {
                min: 1,
                max: MAX_LANGUAGES as i64,
            },
        );
        return Vec::new();
    }
    let mut seen = Vec::new();
    for (i, tag) in raw.iter().enumerate() {
        let field = format!("languages[{i}]");
        let Some(lang) = errors.check(&field, Language::parse(tag)) else {
            continue;
        };
        if !translated.contains(&lang.as_str()) {
            errors.add(
                field,
                Invalid::NotOffered {
                    allowed: translated.iter().map(|t| (*t).to_owned()).collect(),
                },
            );
        } else if seen.contains(&lang) {
            errors.add(field, Invalid::Duplicate);
        } else {
            seen.push(lang);
        }
    }
    seen
}

/// Each offered language's text under `field`, checked by `parse`; a
/// language not offered is refused. `required` asks for every offered one.
fn per_language(
    errors: &mut ValidationErrors,
    field: &str,
    texts: &BTreeMap<String, String>,
    offered: &[Language],
    required: bool,
    parse: impl Fn(&str) -> Result<String, crate::text::TextError>,
) -> BTreeMap<String, String> {
    let tags: Vec<String> = offered.iter().map(|l| l.as_str().to_owned()).collect();
    let mut out = BTreeMap::new();
    for (tag, text) in texts {
        let at = format!("{field}.{tag}");
        if !tags.contains(tag) {
            errors.add(
                at,
                Invalid::NotOffered {
                    allowed: tags.clone(),
                },
            );
        } else if let Some(t) = errors.check(&at, parse(text)) {
            out.insert(tag.clone(), t);
        }
    }
    if required {
        for tag in &tags {
            if !texts.contains_key(tag) {
                errors.add(format!("{field}.{tag}"), Invalid::Required);
            }
        }
    }
    out
}

/// Checks every setting of `form`, given the languages Heard is translated
/// into, and reports every problem at once.
pub fn validate(
    form: &DistrictForm,
    translated: &[&str],
) -> Result<DistrictChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", DistrictName::parse(&form.name));
    if !valid_slug(&form.slug) {
        errors.add(
            "slug",
            Invalid::InvalidFormat {
                hint: "2 to 40 lower-case letters, digits and single hyphens, e.g. lakeview",
            },
        );
    }
    if form.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.add("time_zone", Invalid::UnknownTimeZone);
    }
    let languages = languages(&mut errors, &form.languages, translated);
    let tab_labels = if languages.is_empty() {
        BTreeMap::new()
    } else {
        per_language(
            &mut errors,
            "branding.tab_labels",
            &form.branding.tab_labels,
            &languages,
            true,
            |t| TabLabel::parse(t).map(String::from),
        )
    };
    let color = match color_contrast(&form.branding.color) {
        None => {
            errors.add(
                "branding.color",
                Invalid::InvalidFormat {
                    hint: "a colour as #RRGGBB, e.g. #0b5c7a",
                },
            );
            None
        }
        Some((_, ratio)) if ratio < MIN_COLOR_CONTRAST => {
            errors.add(
                "branding.color",
                Invalid::LowContrast {
                    ratio_tenths: (ratio * 10.0).floor() as i64,
                    needed_tenths: (MIN_COLOR_CONTRAST * 10.0) as i64,
                },
            );
            None
        }
        Some((hex, _)) => Some(hex),
    };
    let s = form.standard;
    whole(
        &mut errors,
        "standard.first_response_minutes",
        s.first_response_minutes,
        1,
        MAX_STANDARD_MINUTES,
    );
    whole(
        &mut errors,
        "standard.resolution_minutes",
        s.resolution_minutes,
        1,
        MAX_STANDARD_MINUTES,
    );
    if s.resolution_minutes < s.first_response_minutes
        && s.first_response_minutes <= MAX_STANDARD_MINUTES
    {
        errors.add(
            "standard.resolution_minutes",
            Invalid::OutOfRange {
                min: s.first_response_minutes.max(1),
                max: MAX_STANDARD_MINUTES,
            },
        );
    }
    let mut pillar_standards = PillarStandards::default();
    if !languages.is_empty() {
        for (pillar, texts) in form.pillar_standards.each() {
            let field = format!("pillar_standards.{}", pillar.as_str());
            let kept = per_language(&mut errors, &field, texts, &languages, false, |t| {
                StandardText::parse(t).map(String::from)
            });
            *pillar_standards.of_mut(pillar) = kept;
        }
    }
    whole(
        &mut errors,
        "past_due_business_days",
        form.past_due_business_days,
        1,
        MAX_PAST_DUE_DAYS,
    );
    if let Some(days) = form.requester_retention_days {
        whole(
            &mut errors,
            "requester_retention_days",
            days,
            RETENTION_DAYS.0,
            RETENTION_DAYS.1,
        );
    }
    match (name, color, errors.is_empty()) {
        (Some(name), Some(color), true) => Ok(DistrictChange {
            name: name.into(),
            slug: form.slug.clone(),
            time_zone: form.time_zone.clone(),
            languages,
            tab_labels,
            color,
            position: form.branding.position,
            standard: s,
            fallback_team_id: form.fallback_team_id,
            pillar_standards,
            past_due_business_days: form.past_due_business_days,
            requester_retention_days: form.requester_retention_days,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
