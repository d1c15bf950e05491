//! The router and the providers every page shares.

use crate::components::layout::{Brand, Shell};
use crate::i18n::*;
use crate::pages;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    leptos_meta::provide_meta_context();
    let session = Session::provide();
    // A stored session may have ended while the tab was away: check it once.
    if session.me.get_untracked().is_some() {
        leptos::task::spawn_local(async move {
            match crate::api::me().await {
                Ok(me) => session.me.set(Some(me)),
                Err(crate::api::ApiError::SignedOut) => session.me.set(None),
                Err(_) => {}
            }
        });
    }
    Brand::provide();
    crate::components::feedback::Flash::provide();
    provide_context(pages::case::LastQuery(RwSignal::new(Default::default())));
    view! {
        <I18nContextProvider>
            <Router>
                <Shell>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::Home />
                        <Route path=path!("/staff/login") view=pages::login::Login />
                        <Route path=path!("/staff/dashboard") view=pages::dashboard::Dashboard />
                        <Route path=path!("/staff/inquiries/:id") view=pages::case::Case />
                        <Route path=path!("/staff") view=pages::inbox::Inbox />
                        <Route path=path!("/track/:token") view=pages::track::Track />
                        <Route path=path!("/:district") view=pages::portal::PortalPage />
                    </Routes>
                </Shell>
            </Router>
        </I18nContextProvider>
    }
}
