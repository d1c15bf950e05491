//! Every error code a client may receive has its words in every locale of
//! the web app, and every locale has every text the default one has: a
//! missing text would otherwise show in English, or not at all.

use heard_domain::ErrorCode;
use std::collections::BTreeSet;
use std::path::Path;

fn locales() -> Vec<(String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/locales");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("frontend/locales") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("locale file");
        let keys: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).expect("a locale is a JSON object");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        found.push((name, keys.keys().cloned().collect()));
    }
    found.sort();
    found
}

#[test]
fn every_error_code_is_translated_in_every_locale() {
    let locales = locales();
    assert!(locales.len() >= 2, "English and Spanish at least");
    let mut missing = Vec::new();
    for (name, keys) in &locales {
        for code in ErrorCode::ALL {
            let key = format!("err_{}", code.as_str());
            if !keys.contains(&key) {
                missing.push(format!("{name}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "untranslated codes: {missing:?}");
}

#[test]
fn every_locale_has_every_text() {
    let locales = locales();
    let (_, english) = locales
        .iter()
        .find(|(n, _)| n == "en")
        .expect("the default locale");
    for (name, keys) in &locales {
        let missing: Vec<_> = english.difference(keys).collect();
        let extra: Vec<_> = keys.difference(english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:?}, not in English {extra:?}"
        );
    }
}
