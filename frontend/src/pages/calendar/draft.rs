//! The calendar as the admin is editing it: a signal per time, date and
//! name, in lists that grow and shrink, turned back into the whole form
//! the server takes.

use chrono::NaiveDate;
use heard_domain::api::{CalendarForm, CalendarSettings, Closure, OpenPeriod, WeeklyHours};
use heard_domain::calendar::form::new_closures;
use heard_domain::{FieldError, Invalid};
use leptos::prelude::*;

/// What a date field takes, said when it holds something else.
const DATE_HINT: &str = "a date as YYYY-MM-DD";

/// One open period of a day, as typed (`HH:MM`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PeriodDraft {
    /// Stays the same while the period is on screen, whatever its place.
    pub key: u64,
    /// When it opens.
    pub opens: RwSignal<String>,
    /// When it closes.
    pub closes: RwSignal<String>,
}

/// One holiday or break, as typed (dates `YYYY-MM-DD`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ClosureDraft {
    /// Stays the same while the closure is on screen, whatever its place.
    pub key: u64,
    /// What staff call it.
    pub name: RwSignal<String>,
    /// The first closed day.
    pub first_day: RwSignal<String>,
    /// The last closed day.
    pub last_day: RwSignal<String>,
}

/// The whole calendar being edited.
#[derive(Clone, Copy)]
pub struct Draft {
    /// Each day's periods, Monday first.
    days: [RwSignal<Vec<PeriodDraft>>; 7],
    /// The holidays and breaks, in the order shown.
    pub closures: RwSignal<Vec<ClosureDraft>>,
    next_key: StoredValue<u64>,
}

impl Draft {
    /// The calendar as the server holds it.
    pub fn new(c: &CalendarSettings) -> Self {
        let draft = Draft {
            days: std::array::from_fn(|_| RwSignal::new(Vec::new())),
            closures: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        };
        draft.fill(c);
        draft
    }

    fn key(self) -> u64 {
        let k = self.next_key.get_value();
        self.next_key.set_value(k + 1);
        k
    }

    fn period(self, opens: &str, closes: &str) -> PeriodDraft {
        PeriodDraft {
            key: self.key(),
            opens: RwSignal::new(opens.to_owned()),
            closes: RwSignal::new(closes.to_owned()),
        }
    }

    fn closure(self, name: &str, first_day: String, last_day: String) -> ClosureDraft {
        ClosureDraft {
            key: self.key(),
            name: RwSignal::new(name.to_owned()),
            first_day: RwSignal::new(first_day),
            last_day: RwSignal::new(last_day),
        }
    }

    /// Puts every field back to `c`, as after a save or a reload.
    pub fn fill(self, c: &CalendarSettings) {
        for ((_, periods), day) in c.weekly_hours.days().into_iter().zip(self.days) {
            day.set(
                periods
                    .iter()
                    .map(|p| self.period(&p.opens, &p.closes))
                    .collect(),
            );
        }
        self.closures.set(
            c.closures
                .iter()
                .map(|c| self.closure(&c.name, c.first_day.to_string(), c.last_day.to_string()))
                .collect(),
        );
    }

    /// The periods of the day at `index` (Monday is 0).
    pub fn day(self, index: usize) -> RwSignal<Vec<PeriodDraft>> {
        self.days[index % 7]
    }

    /// Adds a period to the day at `index`: after the last one, or a
    /// school office's day when it had none.
    pub fn add_period(self, index: usize) {
        let day = self.day(index);
        let last_close = day.with_untracked(|ps| ps.last().map(|p| p.closes.get_untracked()));
        let period = match last_close {
            Some(close) => self.period(&close, ""),
            None => self.period("08:00", "16:30"),
        };
        day.update(|ps| ps.push(period));
    }

    /// Takes the period `key` out of the day at `index`.
    pub fn remove_period(self, index: usize, key: u64) {
        self.day(index).update(|ps| ps.retain(|p| p.key != key));
    }

    /// Adds an empty holiday or break at the end.
    pub fn add_closure(self) {
        let c = self.closure("", String::new(), String::new());
        self.closures.update(|cs| cs.push(c));
    }

    /// Appends the closures of `found` (read from a calendar file) that
    /// the form does not already hold; answers how many were added.
    pub fn add_found(self, found: &[Closure]) -> usize {
        let current: Vec<Closure> = self.closures.with_untracked(|cs| {
            cs.iter()
                .filter_map(|c| {
                    Some(Closure {
                        name: c.name.get_untracked(),
                        first_day: c.first_day.get_untracked().trim().parse().ok()?,
                        last_day: c.last_day.get_untracked().trim().parse().ok()?,
                    })
                })
                .collect()
        });
        let added = new_closures(&current, found);
        let drafts: Vec<ClosureDraft> = added
            .iter()
            .map(|c| self.closure(&c.name, c.first_day.to_string(), c.last_day.to_string()))
            .collect();
        self.closures.update(|cs| cs.extend(drafts));
        added.len()
    }

    /// Takes the closure `key` out.
    pub fn remove_closure(self, key: u64) {
        self.closures.update(|cs| cs.retain(|c| c.key != key));
    }

    /// The form to send, or what stops it from being sent: a date that is
    /// none cannot be put in the request at all. Every other rule is the
    /// server's to apply.
    pub fn form(self) -> Result<CalendarForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut weekly_hours = WeeklyHours::default();
        for (day, out) in self.days.iter().zip(weekly_hours.days_mut()) {
            *out = day.with_untracked(|ps| {
                ps.iter()
                    .map(|p| OpenPeriod {
                        opens: p.opens.get_untracked().trim().to_owned(),
                        closes: p.closes.get_untracked().trim().to_owned(),
                    })
                    .collect()
            });
        }
        let mut closures = Vec::new();
        self.closures.with_untracked(|cs| {
            for (i, c) in cs.iter().enumerate() {
                let mut date = |part: &str, raw: RwSignal<String>| -> Option<NaiveDate> {
                    let raw = raw.get_untracked();
                    let raw = raw.trim();
                    let field = format!("closures[{i}].{part}");
                    if raw.is_empty() {
                        errors.push(FieldError::new(field, Invalid::Required));
                        return None;
                    }
                    let d = raw.parse::<NaiveDate>().ok();
                    if d.is_none() {
                        errors.push(FieldError::new(
                            field,
                            Invalid::InvalidFormat { hint: DATE_HINT },
                        ));
                    }
                    d
                };
                let first = date("first_day", c.first_day);
                let last = date("last_day", c.last_day);
                if let (Some(first_day), Some(last_day)) = (first, last) {
                    closures.push(Closure {
                        name: c.name.get_untracked(),
                        first_day,
                        last_day,
                    });
                }
            }
        });
        if errors.is_empty() {
            Ok(CalendarForm {
                weekly_hours,
                closures,
            })
        } else {
            Err(errors)
        }
    }
}
