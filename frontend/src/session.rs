//! The staff session: tokens kept in the tab's session storage (gone when the
//! tab closes, which suits shared front-office computers), and the signed-in
//! person as a signal shared through context.

use heard_domain::access::{Action, CaseAccess, Subject};
use heard_domain::api::{DistrictInfo, LoginResponse, Me};
use leptos::prelude::*;

const ACCESS: &str = "heard.access_token";
const REFRESH: &str = "heard.refresh_token";
const ME: &str = "heard.me";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The current access token.
pub fn access_token() -> Option<String> {
    get(ACCESS)
}

/// The current refresh token.
pub fn refresh_token() -> Option<String> {
    get(REFRESH)
}

/// Keeps new tokens and the signed-in person.
pub fn store(resp: &LoginResponse) {
    set(ACCESS, &resp.access_token);
    set(REFRESH, &resp.refresh_token);
    if let Ok(me) = serde_json::to_string(&resp.user) {
        set(ME, &me);
    }
}

/// Forgets the session.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(ACCESS);
        let _ = s.remove_item(REFRESH);
        let _ = s.remove_item(ME);
    }
    if let Some(ctx) = use_context::<Session>() {
        ctx.me.set(None);
    }
}

/// Keeps the signed-in person's district as it is now (after an admin
/// renamed it, say), here and in the tab's storage, so the header and a
/// reload show the new name.
pub fn keep_district(session: Session, district: DistrictInfo) {
    session.me.update(|me| {
        if let Some(me) = me {
            me.district = district;
            if let Ok(raw) = serde_json::to_string(me) {
                set(ME, &raw);
            }
        }
    });
}

/// The person stored with the session.
pub fn stored_me() -> Option<Me> {
    let raw = get(ME)?;
    access_token()?;
    serde_json::from_str(&raw).ok()
}

/// Who is signed in, shared with every staff page.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in staff member.
    pub me: RwSignal<Option<Me>>,
}

impl Session {
    /// Provides the session, restored from storage.
    pub fn provide() -> Self {
        let s = Session {
            me: RwSignal::new(stored_me()),
        };
        provide_context(s);
        s
    }
}

/// The session from context.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session {
        me: RwSignal::new(stored_me()),
    })
}

/// Whether this person may open the district reports (the dashboard): the
/// same policy the API applies.
pub fn reads_reports(me: &Me) -> bool {
    me.viewer().may(Action::See, Subject::Reports)
}

/// Whether this person administers the district (its settings and its
/// background jobs): the same policy the API applies.
pub fn administers(me: &Me) -> bool {
    me.viewer().may(Action::Administer, Subject::Settings)
}

/// Whether this person sees a case with `access`, as the API decides it.
pub fn sees_case(me: &Me, access: &CaseAccess) -> bool {
    me.viewer().may(Action::See, Subject::Case(access))
}
