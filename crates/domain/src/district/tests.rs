use super::*;
use proptest::prelude::*;

fn form() -> DistrictForm {
    DistrictForm {
        name: "  Lakeview Unified School District ".into(),
        slug: "lakeview".into(),
        time_zone: "America/Chicago".into(),
        languages: vec!["en".into(), "es".into()],
        branding: crate::api::BrandingForm {
            tab_labels: [("en", "Contact us"), ("es", "Contáctenos")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            color: "#0B5C7A".into(),
            position: TabPosition::BottomRight,
        },
        standard: StandardSettings {
            first_response_minutes: 960,
            resolution_minutes: 2400,
        },
        fallback_team_id: None,
        pillar_standards: PillarStandards::default(),
        past_due_business_days: 5,
        requester_retention_days: Some(730),
    }
}

const TRANSLATED: &[&str] = &["en", "es"];

fn fields(form: &DistrictForm) -> Vec<(String, crate::ErrorCode)> {
    match validate(form, TRANSLATED) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.into_iter().map(|f| (f.field, f.code)).collect(),
    }
}

#[test]
fn good_settings_are_kept_trimmed_and_lower_cased() {
    let c = validate(&form(), TRANSLATED).expect("valid");
    assert_eq!(c.name, "Lakeview Unified School District");
    assert_eq!(c.color, "#0b5c7a");
    assert_eq!(c.default_tab_label(), "Contact us");
    assert_eq!(c.languages.len(), 2);
}

#[test]
fn every_problem_is_named_at_once() {
    let mut f = form();
    f.name = " ".into();
    f.slug = "Lake View".into();
    f.time_zone = "Mars/Olympus".into();
    f.branding.color = "#ffff00".into();
    f.past_due_business_days = 0;
    f.requester_retention_days = Some(7);
    use crate::ErrorCode as E;
    assert_eq!(
        fields(&f),
        vec![
            ("name".into(), E::Required),
            ("slug".into(), E::InvalidFormat),
            ("time_zone".into(), E::UnknownTimeZone),
            ("branding.color".into(), E::LowContrast),
            ("past_due_business_days".into(), E::OutOfRange),
            ("requester_retention_days".into(), E::OutOfRange),
        ]
    );
}

#[test]
fn each_offered_language_needs_its_tab_label_and_only_those_are_taken() {
    use crate::ErrorCode as E;
    let mut f = form();
    f.branding.tab_labels.remove("es");
    f.branding.tab_labels.insert("fr".into(), "Contact".into());
    assert_eq!(
        fields(&f),
        vec![
            ("branding.tab_labels.fr".into(), E::NotOffered),
            ("branding.tab_labels.es".into(), E::Required),
        ]
    );
}

#[test]
fn languages_are_translated_ones_each_once() {
    use crate::ErrorCode as E;
    let mut f = form();
    f.languages = vec!["en".into(), "fr".into(), "EN".into(), "e1".into()];
    f.branding.tab_labels.remove("es");
    assert_eq!(
        fields(&f),
        vec![
            ("languages[1]".into(), E::NotOffered),
            ("languages[2]".into(), E::Duplicate),
            ("languages[3]".into(), E::InvalidLanguage),
        ]
    );
    f.languages.clear();
    assert_eq!(fields(&f)[0], ("languages".into(), E::Required));
}

#[test]
fn a_resolution_sooner_than_the_first_answer_is_refused() {
    let mut f = form();
    f.standard.resolution_minutes = 60;
    assert_eq!(
        fields(&f),
        vec![(
            "standard.resolution_minutes".into(),
            crate::ErrorCode::OutOfRange
        )]
    );
}

#[test]
fn pillar_standards_are_per_offered_language_and_bounded() {
    use crate::ErrorCode as E;
    let mut f = form();
    f.pillar_standards
        .courtesy
        .insert("es".into(), "Saludamos a cada familia.".into());
    f.pillar_standards
        .environment
        .insert("de".into(), "Sauber".into());
    f.pillar_standards
        .communication
        .insert("en".into(), "x".repeat(2001));
    assert_eq!(
        fields(&f),
        vec![
            ("pillar_standards.communication.en".into(), E::TooLong),
            ("pillar_standards.environment.de".into(), E::NotOffered),
        ]
    );
    f.pillar_standards.environment.clear();
    f.pillar_standards.communication.clear();
    let c = validate(&f, TRANSLATED).expect("valid");
    assert_eq!(
        c.pillar_standards.courtesy["es"],
        "Saludamos a cada familia."
    );
}

#[test]
fn the_contrast_message_gives_the_ratio() {
    let mut f = form();
    f.branding.color = "#8ab4f8".into();
    let e = validate(&f, TRANSLATED).expect_err("too pale");
    assert!(
        e.0[0].message.contains(":1 against white"),
        "{}",
        e.0[0].message
    );
}

proptest! {
    /// A slug accepted is one the portal's address can carry as it is.
    #[test]
    fn accepted_slugs_are_url_safe(s in "[a-z0-9-]{0,45}") {
        if valid_slug(&s) {
            prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
            prop_assert!((2..=40).contains(&s.len()));
        }
    }

    /// Every colour accepted keeps at least 3:1 against white, and the
    /// tab's text on it (black or white) at least 4.5:1.
    #[test]
    fn accepted_colours_are_readable(r: u8, g: u8, b: u8) {
        let mut f = form();
        f.branding.color = format!("#{r:02x}{g:02x}{b:02x}");
        if let Ok(c) = validate(&f, TRANSLATED) {
            let rgb = crate::colour::rgb(&c.color).expect("hex");
            prop_assert!(crate::colour::contrast(rgb, [255, 255, 255]) >= MIN_COLOR_CONTRAST);
            let text = crate::colour::rgb(crate::colour::text_on(&c.color)).expect("hex");
            prop_assert!(crate::colour::contrast(rgb, text) >= 4.5);
        }
    }
}
