//! `/staff/admin/units`: the district's schools and departments for its
//! admins — listed by name, a page at a time; added, changed and removed
//! in place. One that inquiries concern stays, and the page says why.

mod editor;
mod list;

use super::admin::{admin_page, PageWords};
use crate::api;
use crate::i18n::*;
use leptos::prelude::*;

/// The schools and departments page.
#[component]
pub fn Units() -> impl IntoView {
    let words = PageWords {
        title: |l| td_string!(l, units_title),
        intro: |l| td_string!(l, units_intro),
        forbidden: |l| td_string!(l, units_forbidden),
    };
    admin_page(
        words,
        || api::units(None),
        |page| view! { <list::UnitList first=page /> }.into_any(),
    )
}
