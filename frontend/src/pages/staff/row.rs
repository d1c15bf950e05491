//! A member's row: who they are, where they stand, and the buttons that
//! change them.

use super::list::{Notice, Open};
use crate::api::{self, Tagged};
use crate::fmt;
use crate::i18n::*;
use crate::labels;
use chrono::{NaiveDate, NaiveTime, Utc};
use heard_domain::api::{StaffMember, StaffStanding};
use leptos::prelude::*;

/// A day as people read it, in the page's language.
fn day(d: NaiveDate, lang: &str) -> String {
    // Noon: the same day on every clock of the Americas and Europe.
    fmt::date(
        d.and_time(NaiveTime::MIN + chrono::Duration::hours(12))
            .and_utc(),
        lang,
    )
}

/// What a row's buttons reach.
#[derive(Clone, Copy)]
pub struct Actions {
    pub open: RwSignal<Option<Open>>,
    pub notice: RwSignal<Option<Notice>>,
    pub busy: RwSignal<bool>,
    pub reactivate: Callback<StaffMember>,
    pub reinvite: Callback<StaffMember>,
}

/// Where a member stands: the tag, an expired invitation, time away.
#[component]
fn Standing(member: StaffMember) -> impl IntoView {
    let i18n = use_i18n();
    let standing = member.standing;
    let class = format!(
        "usa-tag heard-standing heard-standing--{}",
        api::standing_name(standing)
    );
    // No link that still works, because it ran out or was retired (as when
    // they were deactivated): a new invitation is what they need.
    let expired = standing == StaffStanding::Invited
        && member
            .invitation_expires_at
            .is_none_or(|at| at < Utc::now());
    let today = fmt::now().date_naive();
    let away = member.away.filter(|a| a.until >= today);
    view! {
        <span class=class>{move || labels::standing(i18n.get_locale(), standing)}</span>
        {expired.then(|| view! {
            <span class="heard-staff__note heard-staff__note--expired">{t!(i18n, staff_invitation_expired)}</span>
        })}
        {away.map(|a| view! {
            <span class="heard-staff__note">
                {move || {
                    let lang = labels::lang(i18n.get_locale());
                    if a.from > today {
                        t_string!(i18n, staff_away_from_until, from = day(a.from, lang), until = day(a.until, lang)).to_string()
                    } else {
                        t_string!(i18n, staff_away_until, until = day(a.until, lang)).to_string()
                    }
                }}
            </span>
        })}
    }
}

/// The row of `member`.
#[component]
pub fn StaffRow(member: StaffMember, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: fn(Locale) -> &'static str| move || key(i18n.get_locale());
    let teams = member
        .teams
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let roles = {
        let roles = member.roles.clone();
        move || {
            let l = i18n.get_locale();
            roles
                .iter()
                .map(|r| labels::staff_role(l, *r))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let name = member.name.clone();
    let standing = member.standing;
    let change = {
        let member = member.clone();
        move |_| {
            actions.notice.set(None);
            actions.open.set(Some(Open::Change(Tagged {
                version: member.version,
                value: member.clone(),
            })));
        }
    };
    let deactivate = {
        let member = member.clone();
        move |_| {
            actions.notice.set(None);
            actions.open.set(Some(Open::Deactivate(member.clone())));
        }
    };
    let reactivate = {
        let member = member.clone();
        move |_| actions.reactivate.run(member.clone())
    };
    let reinvite = {
        let member = member.clone();
        move |_| actions.reinvite.run(member.clone())
    };
    let busy = actions.busy;
    let reinvite_label = {
        let name = member.name.clone();
        move || t_string!(i18n, staff_reinvite_to, name = name.clone()).to_string()
    };
    let sr_name = move || view! { <span class="usa-sr-only">" " {name.clone()}</span> };
    view! {
        <tr>
            <th scope="row" data-label=label(|l| td_string!(l, field_name))>{member.name.clone()}</th>
            <td data-label=label(|l| td_string!(l, field_email))>
                <span class="heard-staff__address">{member.email.clone()}</span>
            </td>
            <td data-label=label(|l| td_string!(l, field_roles))>{roles}</td>
            <td data-label=label(|l| td_string!(l, field_teams))>
                {if teams.is_empty() {
                    view! { <span class="heard-muted">{t!(i18n, staff_no_team)}</span> }.into_any()
                } else {
                    teams.into_any()
                }}
            </td>
            <td data-label=label(|l| td_string!(l, staff_standing_label))>
                <div class="heard-staff__standing"><Standing member=member.clone() /></div>
            </td>
            <td data-label=label(|l| td_string!(l, admin_actions))>
                <div class="heard-admin__row-actions">
                    <button type="button" class="usa-button usa-button--outline" on:click=change>
                        {t!(i18n, admin_edit)}
                        {sr_name.clone()}
                    </button>
                    {(standing == StaffStanding::Invited).then(|| view! {
                        <button
                            type="button"
                            class="usa-button usa-button--unstyled"
                            aria-label=reinvite_label.clone()
                            disabled=move || busy.get()
                            on:click=reinvite
                        >
                            {t!(i18n, staff_reinvite)}
                        </button>
                    })}
                    {if standing == StaffStanding::Deactivated {
                        view! {
                            <button type="button" class="usa-button usa-button--unstyled" disabled=move || busy.get() on:click=reactivate>
                                {t!(i18n, staff_reactivate)}
                                {sr_name.clone()}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="usa-button usa-button--unstyled heard-admin__remove" on:click=deactivate>
                                {t!(i18n, staff_deactivate)}
                                {sr_name.clone()}
                            </button>
                        }
                        .into_any()
                    }}
                </div>
            </td>
        </tr>
    }
}
