//! One module per route.

pub mod account;
pub mod admin;
pub mod articles;
pub mod audit;
pub mod calendar;
pub mod case;
pub mod dashboard;
pub mod editing;
pub mod forgot;
pub mod goals;
pub mod home;
pub mod inbox;
pub mod jobs;
pub mod login;
pub mod not_found;
pub mod portal;
pub mod register;
pub mod settings;
pub mod staff;
pub mod teams;
pub mod templates;
pub mod topics;
pub mod track;
pub mod units;
pub mod welcome;

use leptos::prelude::*;

/// Sets the document title, "Page – Heard".
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&format!("{title} – Heard"));
    }
}

/// Keeps the document title in step with a reactive page title.
pub fn title_effect(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| set_title(&title()));
}
