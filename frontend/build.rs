//! Generates the typed translation module from `locales/*.json`, so a missing
//! key in any language is a compile error.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let i18n_dir = PathBuf::from(out).join("i18n");
    // Interpolated strings are also needed as plain `String`s (attributes,
    // status messages), which `interpolate_display` allows.
    let cfg = Config::new("en")?
        .add_locale("es")?
        .parse_options(ParseOptions::default().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(i18n_dir)?;
    Ok(())
}
