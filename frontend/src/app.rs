//! The router and the providers every page shares.

use crate::components::layout::{Brand, Shell};
use crate::i18n::*;
use crate::pages;
use crate::session::Session;
use heard_domain::account::LinkPurpose;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

// The staff pages are split into their own WebAssembly chunks, loaded on the
// first visit to one of them: families on phones download only the portal
// and the tracking page.

#[derive(Debug)]
struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        LoginRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::login::Login().into_any()
    }
}

#[derive(Debug)]
struct InboxRoute;

#[lazy_route]
impl LazyRoute for InboxRoute {
    fn data() -> Self {
        InboxRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::inbox::Inbox().into_any()
    }
}

#[derive(Debug)]
struct CaseRoute;

#[lazy_route]
impl LazyRoute for CaseRoute {
    fn data() -> Self {
        CaseRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::case::Case().into_any()
    }
}

/// A staff member's own account.
#[derive(Debug)]
struct AccountRoute;

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        AccountRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::account::Account().into_any()
    }
}

#[derive(Debug)]
struct DashboardRoute;

#[lazy_route]
impl LazyRoute for DashboardRoute {
    fn data() -> Self {
        DashboardRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::dashboard::Dashboard().into_any()
    }
}

#[derive(Debug)]
struct JobsRoute;

#[lazy_route]
impl LazyRoute for JobsRoute {
    fn data() -> Self {
        JobsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::jobs::Jobs().into_any()
    }
}

/// The invitation page: for people not yet signed in, loaded with the staff part.
#[derive(Debug)]
struct WelcomeRoute;

#[lazy_route]
impl LazyRoute for WelcomeRoute {
    fn data() -> Self {
        WelcomeRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::welcome::Welcome purpose=LinkPurpose::Invitation /> }.into_any()
    }
}

/// The page of a password-reset link, for people signed out.
#[derive(Debug)]
struct ResetRoute;

#[lazy_route]
impl LazyRoute for ResetRoute {
    fn data() -> Self {
        ResetRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::welcome::Welcome purpose=LinkPurpose::PasswordReset /> }.into_any()
    }
}

/// Asking for a password-reset link, for people signed out.
#[derive(Debug)]
struct ForgotRoute;

#[lazy_route]
impl LazyRoute for ForgotRoute {
    fn data() -> Self {
        ForgotRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::forgot::Forgot().into_any()
    }
}

#[derive(Debug)]
struct GoalsRoute;

#[lazy_route]
impl LazyRoute for GoalsRoute {
    fn data() -> Self {
        GoalsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::goals::Goals().into_any()
    }
}

#[derive(Debug)]
struct TemplatesRoute;

#[lazy_route]
impl LazyRoute for TemplatesRoute {
    fn data() -> Self {
        TemplatesRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::templates::Templates().into_any()
    }
}

#[derive(Debug)]
struct ArticlesRoute;

#[lazy_route]
impl LazyRoute for ArticlesRoute {
    fn data() -> Self {
        ArticlesRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::articles::Articles().into_any()
    }
}

#[derive(Debug)]
struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        SettingsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::settings::Settings().into_any()
    }
}

#[derive(Debug)]
struct AuditRoute;

#[lazy_route]
impl LazyRoute for AuditRoute {
    fn data() -> Self {
        AuditRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::audit::Audit().into_any()
    }
}

#[derive(Debug)]
struct CalendarRoute;

#[lazy_route]
impl LazyRoute for CalendarRoute {
    fn data() -> Self {
        CalendarRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::calendar::Calendar().into_any()
    }
}

#[derive(Debug)]
struct UnitsRoute;

#[lazy_route]
impl LazyRoute for UnitsRoute {
    fn data() -> Self {
        UnitsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::units::Units().into_any()
    }
}

#[derive(Debug)]
struct TeamsRoute;

#[lazy_route]
impl LazyRoute for TeamsRoute {
    fn data() -> Self {
        TeamsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::teams::Teams().into_any()
    }
}

#[derive(Debug)]
struct TopicsRoute;

#[lazy_route]
impl LazyRoute for TopicsRoute {
    fn data() -> Self {
        TopicsRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::topics::Topics().into_any()
    }
}

#[derive(Debug)]
struct StaffAdminRoute;

#[lazy_route]
impl LazyRoute for StaffAdminRoute {
    fn data() -> Self {
        StaffAdminRoute
    }

    fn view(_this: Self) -> AnyView {
        pages::staff::StaffAdmin().into_any()
    }
}

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
                        <Route path=path!("/staff/login") view={Lazy::<LoginRoute>::new()} />
                        <Route path=path!("/staff/welcome/:token") view={Lazy::<WelcomeRoute>::new()} />
                        <Route path=path!("/staff/reset/:token") view={Lazy::<ResetRoute>::new()} />
                        <Route path=path!("/staff/forgot") view={Lazy::<ForgotRoute>::new()} />
                        <Route path=path!("/staff/dashboard") view={Lazy::<DashboardRoute>::new()} />
                        <Route path=path!("/staff/account") view={Lazy::<AccountRoute>::new()} />
                        <Route path=path!("/staff/admin/jobs") view={Lazy::<JobsRoute>::new()} />
                        <Route path=path!("/staff/admin/settings") view={Lazy::<SettingsRoute>::new()} />
                        <Route path=path!("/staff/admin/calendar") view={Lazy::<CalendarRoute>::new()} />
                        <Route path=path!("/staff/admin/units") view={Lazy::<UnitsRoute>::new()} />
                        <Route path=path!("/staff/admin/teams") view={Lazy::<TeamsRoute>::new()} />
                        <Route path=path!("/staff/admin/topics") view={Lazy::<TopicsRoute>::new()} />
                        <Route path=path!("/staff/admin/articles") view={Lazy::<ArticlesRoute>::new()} />
                        <Route path=path!("/staff/admin/templates") view={Lazy::<TemplatesRoute>::new()} />
                        <Route path=path!("/staff/admin/goals") view={Lazy::<GoalsRoute>::new()} />
                        <Route path=path!("/staff/admin/staff") view={Lazy::<StaffAdminRoute>::new()} />
                        <Route path=path!("/staff/admin/audit") view={Lazy::<AuditRoute>::new()} />
                        <Route path=path!("/staff/inquiries/:id") view={Lazy::<CaseRoute>::new()} />
                        <Route path=path!("/staff") view={Lazy::<InboxRoute>::new()} />
                        <Route path=path!("/track/:token") view=pages::track::Track />
                        <Route path=path!("/:district") view=pages::portal::PortalPage />
                    </Routes>
                </Shell>
            </Router>
        </I18nContextProvider>
    }
}
