//! Dates, durations and numbers as people read them, in the page's language.

use chrono::{DateTime, Utc};
use wasm_bindgen::{JsCast, JsValue};

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn js_date(at: DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
}

/// A date and time, e.g. "Nov 23, 2026, 2:05 PM", in the viewer's time zone.
pub fn date_time(at: DateTime<Utc>, lang: &str) -> String {
    js_date(at)
        .to_locale_string(
            lang,
            &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
        )
        .into()
}

/// A date and time as [`date_time`] writes it, on the clock of `time_zone`
/// (an IANA name such as the district's `America/Chicago`), so everyone
/// reading a log sees the same time whatever their own clock; the viewer's
/// clock when the browser does not know that zone.
pub fn date_time_in(at: DateTime<Utc>, lang: &str, time_zone: &str) -> String {
    let date = js_date(at);
    let o = options(&[
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
        ("timeZone", time_zone),
    ]);
    // An unknown zone throws a RangeError; called through `Reflect`, it
    // comes back as an error instead of stopping the app.
    let formatted = js_sys::Reflect::get(&date, &JsValue::from_str("toLocaleString"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            let args = js_sys::Array::of2(&JsValue::from_str(lang), &o);
            js_sys::Reflect::apply(&f, &date, &args).ok()
        })
        .and_then(|s| s.as_string());
    formatted.unwrap_or_else(|| date_time(at, lang))
}

/// A date only, e.g. "Nov 23, 2026".
pub fn date(at: DateTime<Utc>, lang: &str) -> String {
    js_date(at)
        .to_locale_date_string(lang, &options(&[("dateStyle", "medium")]))
        .into()
}

/// The machine-readable value for `<time datetime>`.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Now, from the browser clock.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// How long ago, compactly: "now", "5 min", "3 h", "2 d".
pub fn age(since: DateTime<Utc>, just_now: &str) -> String {
    let mins = (now() - since).num_minutes().max(0);
    if mins < 1 {
        just_now.to_string()
    } else if mins < 60 {
        format!("{mins} min")
    } else if mins < 48 * 60 {
        format!("{} h", mins / 60)
    } else {
        format!("{} d", mins / (24 * 60))
    }
}

/// A number with at most `digits` decimals, in the page's language.
pub fn number(v: f64, digits: u32, lang: &str) -> String {
    let o = options(&[]);
    let _ = js_sys::Reflect::set(
        &o,
        &JsValue::from_str("maximumFractionDigits"),
        &JsValue::from_f64(f64::from(digits)),
    );
    let locales = js_sys::Array::of1(&JsValue::from_str(lang));
    js_sys::Intl::NumberFormat::new(&locales, &o)
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(v))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{v:.1}"))
}
