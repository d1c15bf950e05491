//! The frame of every page: skip link, header with the language switcher,
//! the main landmark and a slim footer.

use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The district name shown in the header, set by whichever page knows it.
#[derive(Clone, Copy)]
pub struct Brand {
    /// District name; the product name when unknown.
    pub name: RwSignal<Option<String>>,
    /// Where the title links to.
    pub home: RwSignal<String>,
    /// The district's logo, drawn before its name on the family's pages.
    pub logo: RwSignal<Option<heard_domain::api::Logo>>,
}

impl Brand {
    /// Provides an empty brand.
    pub fn provide() -> Self {
        let b = Brand {
            name: RwSignal::new(None),
            home: RwSignal::new("/".into()),
            logo: RwSignal::new(None),
        };
        provide_context(b);
        b
    }
}

/// The height a logo is drawn at in the header, in CSS pixels.
const LOGO_HEIGHT: u32 = 40;

/// The brand from context.
pub fn use_brand() -> Brand {
    expect_context::<Brand>()
}

/// Sets the district colour as a CSS custom property, when it is a valid `#RRGGBB`.
pub fn set_district_color(color: &str) {
    let valid = color.len() == 7
        && color.starts_with('#')
        && color.chars().skip(1).all(|c| c.is_ascii_hexdigit());
    if !valid {
        return;
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let style = format!("--heard-district: {color};");
        let _ = root.set_attribute("style", &style);
    }
}

const LANGUAGE_KEY: &str = "heard.lang";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Applies the language a person chose on an earlier visit; without one, the
/// browser's languages decide.
fn restore_language(i18n: leptos_i18n::I18nContext<Locale>) {
    let stored = local_storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten());
    let locale = match stored.as_deref() {
        Some("en") => Locale::en,
        Some("es") => Locale::es,
        _ => return,
    };
    if i18n.get_locale_untracked() != locale {
        i18n.set_locale(locale);
    }
}

/// Switches between English and Spanish, and remembers the choice on this
/// device; each option is written in its own language.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::en => (Locale::es, "es", "Español"),
        Locale::es => (Locale::en, "en", "English"),
    };
    view! {
        <button
            type="button"
            class="usa-button usa-button--unstyled heard-lang"
            lang=move || other().1
            on:click=move |_| {
                let (locale, tag, _) = other();
                i18n.set_locale(locale);
                if let Some(s) = local_storage() {
                    let _ = s.set_item(LANGUAGE_KEY, tag);
                }
            }
        >
            <span class="usa-sr-only">{t!(i18n, switch_language)} " "</span>
            {move || other().2}
        </button>
    }
}

/// The header of the staff pages: navigation and sign-out.
#[component]
fn StaffNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            crate::api::logout().await;
            session.me.set(None);
            navigate("/staff/login", Default::default());
        });
    };
    view! {
        <Show when=move || session.me.with(Option::is_some)>
            <nav class="heard-staffnav" aria-label=move || t_string!(i18n, staff_nav_label)>
                <ul class="heard-staffnav__list">
                    <li>
                        <A href="/staff" exact=true>{t!(i18n, nav_inbox)}</A>
                    </li>
                    <Show when=move || session.me.with(|m| m.as_ref().is_some_and(crate::session::reads_reports))>
                        <li>
                            <A href="/staff/dashboard">{t!(i18n, nav_dashboard)}</A>
                        </li>
                    </Show>
                    <Show when=move || session.me.with(|m| m.as_ref().is_some_and(crate::session::administers))>
                        <li>
                            <A href="/staff/admin/jobs">{t!(i18n, nav_jobs)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/settings">{t!(i18n, nav_settings)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/calendar">{t!(i18n, nav_calendar)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/units">{t!(i18n, nav_units)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/teams">{t!(i18n, nav_teams)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/topics">{t!(i18n, nav_topics)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/articles">{t!(i18n, nav_articles)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/templates">{t!(i18n, nav_templates)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/goals">{t!(i18n, nav_goals)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/staff">{t!(i18n, nav_staff)}</A>
                        </li>
                        <li>
                            <A href="/staff/admin/audit">{t!(i18n, nav_audit)}</A>
                        </li>
                    </Show>
                    <li class="heard-staffnav__me">
                        <A href="/staff/account">
                            <span class="usa-sr-only">{t!(i18n, account_title)} ": "</span>
                            {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}
                        </A>
                    </li>
                    <li>
                        <button type="button" class="usa-button usa-button--unstyled" on:click=sign_out.clone()>
                            {t!(i18n, sign_out)}
                        </button>
                    </li>
                </ul>
            </nav>
        </Show>
    }
}

/// Skip link, header, `<main>` and footer around a page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // Before the first render, and once more after the i18n context's own
    // first effect, which sets the browser's language.
    restore_language(i18n);
    Effect::new(move |_| restore_language(i18n));
    let brand = use_brand();
    let session = use_session();
    let title = move || {
        brand
            .name
            .get()
            .or_else(|| {
                session
                    .me
                    .with(|m| m.as_ref().map(|m| m.district.name.clone()))
            })
            .unwrap_or_else(|| "Heard".into())
    };
    view! {
        <a class="usa-skipnav" href="#main-content">
            {t!(i18n, skip_to_main)}
        </a>
        <header class="heard-header">
            <div class="heard-header__inner">
                <a class="heard-header__title" href=move || brand.home.get()>
                    // The name beside it says what the link is: the image adds nothing to say.
                    {move || brand.logo.get().map(|logo| {
                        let height = LOGO_HEIGHT;
                        let width = (u64::from(logo.width) * u64::from(height) / u64::from(logo.height.max(1))).max(1);
                        view! { <img class="heard-header__logo" src=logo.url alt="" width=width height=height /> }
                    })}
                    <span>{title}</span>
                </a>
                <div class="heard-header__tools">
                    <StaffNav />
                    <LanguageSwitcher />
                </div>
            </div>
        </header>
        <main id="main-content" tabindex="-1" class="heard-main">
            {children()}
        </main>
        <footer class="heard-footer">
            <div class="heard-footer__inner">
                <p>{t!(i18n, footer_text)}</p>
            </div>
        </footer>
    }
}
