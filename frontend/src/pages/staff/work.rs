//! Who somebody is at work, as an admin types it: their name, roles,
//! teams and languages (what an invitation and a change share), and the
//! dates they are away.

use super::Offered;
use crate::components::form::{CheckboxGroup, Choice, Errors, TextInput};
use crate::i18n::*;
use crate::labels;
use chrono::NaiveDate;
use heard_domain::api::{Away, InvitationForm, StaffForm, StaffMember};
use heard_domain::{FieldError, Invalid, Role, TeamId};
use leptos::prelude::*;

/// The fields, one signal each; lists hold the values of their boxes.
#[derive(Clone, Copy)]
pub struct Work {
    /// Their name.
    pub name: RwSignal<String>,
    /// Their roles' stable names.
    pub roles: RwSignal<Vec<String>>,
    /// Their teams' ids.
    pub teams: RwSignal<Vec<String>>,
    /// Their languages' tags.
    pub languages: RwSignal<Vec<String>>,
    /// The first day away, `YYYY-MM-DD`; empty when not away.
    pub away_from: RwSignal<String>,
    /// The last day away.
    pub away_until: RwSignal<String>,
}

/// The fields' values, to compare a draft with what it started from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Values {
    name: String,
    roles: Vec<String>,
    teams: Vec<String>,
    languages: Vec<String>,
    away_from: String,
    away_until: String,
}

impl Values {
    fn of(m: &StaffMember) -> Self {
        Values {
            name: m.name.clone(),
            roles: m.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            teams: m.teams.iter().map(|t| t.id.to_string()).collect(),
            languages: m.languages.clone(),
            away_from: m.away.map(|a| a.from.to_string()).unwrap_or_default(),
            away_until: m.away.map(|a| a.until.to_string()).unwrap_or_default(),
        }
    }
}

/// A date as a date field holds it, `YYYY-MM-DD`.
fn date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            Invalid::InvalidFormat {
                hint: "a date, e.g. 2026-12-21",
            },
        ));
    }
    parsed
}

impl Work {
    /// Empty fields, for an invitation.
    pub fn empty() -> Self {
        Work {
            name: RwSignal::new(String::new()),
            roles: RwSignal::new(Vec::new()),
            teams: RwSignal::new(Vec::new()),
            languages: RwSignal::new(Vec::new()),
            away_from: RwSignal::new(String::new()),
            away_until: RwSignal::new(String::new()),
        }
    }

    /// The fields of `m` as the server holds them.
    pub fn of(m: &StaffMember) -> Self {
        let w = Work::empty();
        w.set(&Values::of(m));
        w
    }

    fn set(self, v: &Values) {
        self.name.set(v.name.clone());
        self.roles.set(v.roles.clone());
        self.teams.set(v.teams.clone());
        self.languages.set(v.languages.clone());
        self.away_from.set(v.away_from.clone());
        self.away_until.set(v.away_until.clone());
    }

    fn values(self) -> Values {
        Values {
            name: self.name.get_untracked(),
            roles: self.roles.get_untracked(),
            teams: self.teams.get_untracked(),
            languages: self.languages.get_untracked(),
            away_from: self.away_from.get_untracked(),
            away_until: self.away_until.get_untracked(),
        }
    }

    /// Brings in what changed from `base` to `now` where the admin left a
    /// field as it was, keeping what they changed: their draft on top of
    /// the member as they are now.
    pub fn rebase(self, base: &StaffMember, now: &StaffMember) {
        let (base, now, mine) = (Values::of(base), Values::of(now), self.values());
        let pick = |b: &String, n: &String, m: &String| if m == b { n.clone() } else { m.clone() };
        let pick_list = |b: &Vec<String>, n: &Vec<String>, m: &Vec<String>| {
            if m == b {
                n.clone()
            } else {
                m.clone()
            }
        };
        // The two dates are one thing: both taken, or both kept.
        let away_mine = (mine.away_from.clone(), mine.away_until.clone());
        let (away_from, away_until) =
            if away_mine == (base.away_from.clone(), base.away_until.clone()) {
                (now.away_from.clone(), now.away_until.clone())
            } else {
                away_mine
            };
        self.set(&Values {
            name: pick(&base.name, &now.name, &mine.name),
            roles: pick_list(&base.roles, &now.roles, &mine.roles),
            teams: pick_list(&base.teams, &now.teams, &mine.teams),
            languages: pick_list(&base.languages, &now.languages, &mine.languages),
            away_from,
            away_until,
        });
    }

    fn roles_sent(self) -> Vec<Role> {
        self.roles
            .get_untracked()
            .iter()
            .filter_map(|r| Role::parse(r))
            .collect()
    }

    fn teams_sent(self) -> Vec<TeamId> {
        self.teams
            .get_untracked()
            .iter()
            .filter_map(|t| t.parse::<TeamId>().ok())
            .collect()
    }

    /// The change to send, or what stops it from being sent: a date that
    /// is no date, or only one of the two. Every other rule is the
    /// server's to apply.
    pub fn change(self) -> Result<StaffForm, Vec<FieldError>> {
        let (from, until) = (
            self.away_from.get_untracked(),
            self.away_until.get_untracked(),
        );
        let mut errors = Vec::new();
        let away = match (from.trim().is_empty(), until.trim().is_empty()) {
            (true, true) => None,
            (false, true) => {
                errors.push(FieldError::new("away.until", Invalid::Required));
                None
            }
            (true, false) => {
                errors.push(FieldError::new("away.from", Invalid::Required));
                None
            }
            (false, false) => {
                match (
                    date("away.from", &from, &mut errors),
                    date("away.until", &until, &mut errors),
                ) {
                    (Some(from), Some(until)) => Some(Away { from, until }),
                    _ => None,
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StaffForm {
            name: self.name.get_untracked(),
            roles: self.roles_sent(),
            team_ids: self.teams_sent(),
            languages: self.languages.get_untracked(),
            away,
        })
    }

    /// The invitation to send to `email`.
    pub fn invitation(self, email: String) -> InvitationForm {
        InvitationForm {
            email,
            name: self.name.get_untracked(),
            roles: self.roles_sent(),
            team_ids: self.teams_sent(),
            languages: self.languages.get_untracked(),
        }
    }
}

/// The name, roles, teams and languages fields.
#[component]
pub fn WorkFields(work: Work, errors: Errors, offered: Offered) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    let roles = Signal::derive(move || {
        let l = i18n.get_locale();
        Role::ALL
            .iter()
            .map(|r| Choice::new(r.as_str(), labels::staff_role(l, *r)))
            .collect::<Vec<_>>()
    });
    let teams = Signal::derive(move || {
        offered
            .teams
            .get()
            .into_iter()
            .map(|t| Choice::new(t.id.to_string(), t.name))
            .collect::<Vec<_>>()
    });
    let languages = Signal::derive(move || {
        offered
            .languages
            .get()
            .into_iter()
            .map(|tag| {
                let name = labels::language_name(&tag);
                Choice::new(tag, name)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <TextInput
            field="name"
            label=text(|l| td_string!(l, staff_name_label))
            hint=text(|l| td_string!(l, staff_name_hint))
            value=work.name
            errors=errors
            autocomplete="off"
            required=true
        />
        <CheckboxGroup
            field="roles"
            legend=text(|l| td_string!(l, field_roles))
            hint=text(|l| td_string!(l, staff_roles_hint))
            choices=roles
            value=work.roles
            errors=errors
            required=true
        />
        <CheckboxGroup
            field="team_ids"
            legend=text(|l| td_string!(l, field_teams))
            hint=text(|l| td_string!(l, staff_teams_hint))
            none=text(|l| td_string!(l, staff_no_teams))
            choices=teams
            value=work.teams
            errors=errors
        />
        <CheckboxGroup
            field="languages"
            legend=text(|l| td_string!(l, field_languages))
            hint=text(|l| td_string!(l, staff_languages_hint))
            choices=languages
            value=work.languages
            errors=errors
            languages=true
        />
    }
}

/// The dates someone is away, both or neither.
#[component]
pub fn AwayFields(work: Work, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |key: fn(Locale) -> &'static str| {
        Signal::derive(move || key(i18n.get_locale()).to_string())
    };
    view! {
        <fieldset class="usa-fieldset heard-staff__away" aria-describedby="staff-away-hint">
            <legend class="usa-legend">{t!(i18n, field_away)}</legend>
            <div class="usa-hint" id="staff-away-hint">{t!(i18n, staff_away_hint)}</div>
            <div class="heard-staff__dates">
                <TextInput
                    field="away.from"
                    label=text(|l| td_string!(l, field_away_from))
                    value=work.away_from
                    errors=errors
                    input_type="date"
                    class="heard-staff__date"
                />
                <TextInput
                    field="away.until"
                    label=text(|l| td_string!(l, field_away_until))
                    value=work.away_until
                    errors=errors
                    input_type="date"
                    class="heard-staff__date"
                />
            </div>
        </fieldset>
    }
}
