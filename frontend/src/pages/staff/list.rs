//! The staff, a page at a time, with the invitation form, a member's form,
//! the question before deactivating and what came of it above them.

use super::editor::StaffEditor;
use super::invite::InviteForm;
use super::leaving::{ConfirmDeactivate, Handover};
use super::row::{Actions, StaffRow};
use super::Offered;
use crate::api::{self, ApiError, StaffQuery, Tagged};
use crate::components::feedback::{ErrorAlert, SuccessAlert};
use crate::components::form::focus_id;
use crate::components::spreadsheet::{Sheet, Spreadsheet};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use crate::lifetime::ViewTasks;
use crate::pages::admin::{Listing, Refusal};
use heard_domain::api::{Deactivation, StaffMember, StaffPage};
use leptos::prelude::*;
use leptos_router::components::A;

const INVITE_ID: &str = "invite-staff";

/// What is open above the list.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Open {
    /// The invitation form.
    Invite,
    /// The form of this member.
    Change(Tagged<StaffMember>),
    /// The question whether to deactivate this member.
    Deactivate(StaffMember),
    /// What became of a deactivated member's work.
    Deactivated(Deactivation),
}

/// What the list says after a change.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Notice {
    /// Invited: their name and email.
    Invited(String, String),
    /// Changed; their name.
    Saved(String),
    /// Active again; their name.
    Reactivated(String),
    /// Sent a new invitation: their name, email and when it stops working.
    Reinvited(String, String, String),
    /// The server kept them as they were (409): their name and its reason.
    Refused(String, Option<String>),
    /// They changed since the list was read; it is read again.
    Moved(String),
    /// The server said no otherwise, or could not be reached.
    Failed(ApiError),
}

/// Shows `member` as they are now in their row.
fn replace(list: Listing<StaffPage>, member: StaffMember) {
    list.items.update(|i| {
        if let Some(m) = i.iter_mut().find(|m| m.id == member.id) {
            *m = member;
        }
    });
}

/// What the server's answer to a change of `name` means for the list.
fn refusal(name: String, e: ApiError) -> Notice {
    match e {
        ApiError::Problem(p) if p.status == 409 => Notice::Refused(name, p.detail),
        e if matches!(e.status(), Some(412 | 404)) => Notice::Moved(name),
        e => Notice::Failed(e),
    }
}

/// The list of `query`, starting from `first`.
#[component]
pub fn StaffList(query: StaffQuery, first: StaffPage, offered: Offered) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = ViewTasks::new();
    let narrowed = query.narrows();
    let list = Listing::new(first, move |cursor: Option<String>| {
        let q = query.clone();
        Box::pin(async move { api::staff_members(&q, cursor.as_deref()).await })
            as crate::pages::admin::PageFuture<StaffPage>
    });
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);

    let invited = {
        let tasks = tasks.clone();
        Callback::new(move |inv: heard_domain::api::Invitation| {
            open.set(None);
            notice.set(Some(Notice::Invited(
                inv.staff.name.clone(),
                inv.email.clone(),
            )));
            tasks.spawn(async move {
                list.reload().await;
                // Shown even past the first page or outside the search.
                if list
                    .items
                    .with_untracked(|i| !i.iter().any(|m| m.id == inv.staff.id))
                {
                    if let Ok(m) = api::staff_member(inv.staff.id).await {
                        list.items.update(|i| i.insert(0, m.value));
                    }
                }
            });
        })
    };
    let saved = Callback::new(move |member: StaffMember| {
        open.set(None);
        notice.set(Some(Notice::Saved(member.name.clone())));
        replace(list, member);
    });
    let back = Callback::new(move |()| {
        open.set(None);
        request_animation_frame(|| focus_id(INVITE_ID));
    });
    let deactivate = {
        let tasks = tasks.clone();
        Callback::new(move |()| {
            let Some(Open::Deactivate(member)) = open.get_untracked() else {
                return;
            };
            busy.set(true);
            tasks.spawn(async move {
                let answer = api::deactivate_staff_member(member.id, member.version).await;
                busy.set(false);
                match answer {
                    Ok(done) => {
                        replace(list, done.staff.clone());
                        open.set(Some(Open::Deactivated(done)));
                    }
                    Err(e) => {
                        open.set(None);
                        let moved = matches!(e.status(), Some(412 | 404));
                        notice.set(Some(refusal(member.name, e)));
                        if moved {
                            list.reload().await;
                        }
                    }
                }
            });
        })
    };
    let reactivate = {
        let tasks = tasks.clone();
        Callback::new(move |member: StaffMember| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            notice.set(None);
            tasks.spawn(async move {
                let answer = api::reactivate_staff_member(member.id, member.version).await;
                busy.set(false);
                match answer {
                    Ok(t) => {
                        notice.set(Some(Notice::Reactivated(t.value.name.clone())));
                        replace(list, t.value);
                    }
                    Err(e) => {
                        let moved = matches!(e.status(), Some(412 | 404));
                        notice.set(Some(refusal(member.name, e)));
                        if moved {
                            list.reload().await;
                        }
                    }
                }
            });
        })
    };
    let reinvite = {
        let tasks = tasks.clone();
        Callback::new(move |member: StaffMember| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            notice.set(None);
            tasks.spawn(async move {
                let answer = api::reinvite_staff(member.id).await;
                busy.set(false);
                match answer {
                    Ok(inv) => {
                        let until =
                            fmt::date(inv.expires_at, labels::lang(i18n.get_locale_untracked()));
                        notice.set(Some(Notice::Reinvited(inv.staff.name, inv.email, until)));
                        // Their row says when the new link stops working.
                        if let Ok(t) = api::staff_member(member.id).await {
                            replace(list, t.value);
                        }
                    }
                    Err(e) => notice.set(Some(refusal(member.name, e))),
                }
            });
        })
    };
    let actions = Actions {
        open,
        notice,
        busy,
        reactivate,
        reinvite,
    };
    // Rows imported from a file change the list: it is read again.
    let imported = {
        let tasks = tasks.clone();
        Callback::new(move |()| tasks.spawn(list.reload()))
    };

    view! {
        <StaffNotice notice=notice />
        {move || match open.get() {
            Some(Open::Invite) => view! {
                <InviteForm offered=offered on_done=invited on_cancel=back />
            }
            .into_any(),
            Some(Open::Change(m)) => view! {
                <StaffEditor member=m offered=offered on_done=saved on_cancel=back />
            }
            .into_any(),
            Some(Open::Deactivate(m)) => view! {
                <ConfirmDeactivate name=m.name busy=busy.into() on_yes=deactivate on_no=back />
            }
            .into_any(),
            Some(Open::Deactivated(done)) => view! {
                <Handover done=done on_close=back />
            }
            .into_any(),
            None => view! {
                <button
                    type="button"
                    class="usa-button heard-admin__add"
                    id=INVITE_ID
                    on:click=move |_| {
                        notice.set(None);
                        open.set(Some(Open::Invite));
                    }
                >
                    {t!(i18n, staff_invite)}
                </button>
            }
            .into_any(),
        }}
        <Show
            when=move || list.items.with(|i| !i.is_empty())
            fallback=move || view! { <Empty narrowed=narrowed /> }
        >
            <table class="usa-table usa-table--borderless usa-table--stacked heard-admin__table heard-staff">
                <caption>{t!(i18n, staff_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, field_name)}</th>
                        <th scope="col">{t!(i18n, field_email)}</th>
                        <th scope="col">{t!(i18n, field_roles)}</th>
                        <th scope="col">{t!(i18n, field_teams)}</th>
                        <th scope="col">{t!(i18n, staff_standing_label)}</th>
                        <th scope="col">{t!(i18n, admin_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    // A new invitation leaves the version as it was, not the row.
                    <For each=move || list.items.get() key=|m| (m.id, m.version, m.invitation_expires_at) let(member)>
                        <StaffRow member=member actions=actions />
                    </For>
                </tbody>
            </table>
        </Show>
        {list.foot(tasks)}
        <Spreadsheet sheet=Sheet::Staff on_imported=imported />
    }
}

/// No one listed: for a search, that nobody matched and the way back to
/// everyone; otherwise, what to do first.
#[component]
fn Empty(narrowed: bool) -> impl IntoView {
    let i18n = use_i18n();
    if narrowed {
        view! {
            <div class="heard-empty">
                <p>{t!(i18n, staff_no_match)}</p>
                <p><A href="/staff/admin/staff">{t!(i18n, staff_show_everyone)}</A></p>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="heard-empty">{t!(i18n, staff_empty)}</p> }.into_any()
    }
}

/// What the list says after a change: successes announced politely in a
/// region that takes focus (the button pressed may have gone with its
/// row), refusals as alerts.
#[component]
fn StaffNotice(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let (Some(_), Some(el)) = (notice.get(), node.get()) {
            let _ = el.focus();
        }
    });
    let done = move |text: String| {
        Some(view! { <SuccessAlert text=Signal::derive(move || text.clone()) /> }.into_any())
    };
    view! {
        <div class="heard-live heard-admin__notice" role="status" tabindex="-1" node_ref=node>
            {move || {
                let l = i18n.get_locale();
                match notice.get() {
                    Some(Notice::Invited(name, email)) => done(td_string!(l, staff_invited, name = name, email = email).to_string()),
                    Some(Notice::Saved(name)) => done(td_string!(l, admin_saved, name = name).to_string()),
                    Some(Notice::Reactivated(name)) => done(td_string!(l, staff_reactivated, name = name).to_string()),
                    Some(Notice::Reinvited(name, email, until)) => done(td_string!(l, staff_reinvited, name = name, email = email, until = until).to_string()),
                    _ => None,
                }
            }}
        </div>
        {move || {
            let l = i18n.get_locale();
            match notice.get() {
                Some(Notice::Refused(name, detail)) => Some(view! {
                    <Refusal title=td_string!(l, staff_refused, name = name).to_string() detail=detail />
                }.into_any()),
                Some(Notice::Moved(name)) => Some(view! {
                    <div class="usa-alert usa-alert--warning usa-alert--slim heard-admin__alert" role="alert">
                        <div class="usa-alert__body">
                            <p class="usa-alert__text">{td_string!(l, admin_moved, name = name).to_string()}</p>
                        </div>
                    </div>
                }.into_any()),
                Some(Notice::Failed(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
                _ => None,
            }
        }}
    }
}
