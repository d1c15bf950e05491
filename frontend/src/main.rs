//! Heard's browser app: the family portal, the private tracking page, the
//! staff inbox and the leadership dashboard, all talking only to the REST API.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

mod api;
mod app;
mod components;
mod fmt;
mod labels;
mod lifetime;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
