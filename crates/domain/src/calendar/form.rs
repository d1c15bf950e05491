//! The business calendar an admin writes, checked field by field before it
//! is stored: times as `HH:MM`, periods in order without overlap, named
//! closures of at most a year each.

use super::{BusinessCalendar, CalendarError, Periods};
use crate::api::{CalendarForm, Closure, OpenPeriod, WeeklyHours};
use crate::text::ClosureName;
use crate::validation::{Invalid, ValidationErrors};
use chrono::{NaiveDate, NaiveTime};

/// The most open periods in one day.
pub const MAX_PERIODS_PER_DAY: usize = 6;
/// The most closures a calendar holds (years of holidays and breaks).
pub const MAX_CLOSURES: usize = 500;
/// The most days one closure spans.
pub const MAX_CLOSURE_DAYS: i64 = 366;

const TIME_HINT: &str = "a time of day as HH:MM, e.g. \"08:00\"";

/// A time of day written `HH:MM` on a 24-hour clock, and nothing else.
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    let b = raw.as_bytes();
    let shaped =
        b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|i| b[*i].is_ascii_digit());
    shaped
        .then(|| NaiveTime::parse_from_str(raw, "%H:%M").ok())
        .flatten()
}

/// A time of day as the API writes it.
pub fn format_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A calendar that passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarChange {
    /// Each day's periods, Monday first, as written (times normalised).
    pub weekly_hours: WeeklyHours,
    /// The closures, names trimmed, earliest first.
    pub closures: Vec<Closure>,
}

impl CalendarChange {
    /// The calendar it makes in `time_zone`.
    pub fn calendar(&self, time_zone: &str) -> Result<BusinessCalendar, CalendarError> {
        BusinessCalendar::new(
            time_zone,
            week_of(&self.weekly_hours)?,
            self.closures.iter().map(|c| (c.first_day, c.last_day)),
        )
    }

    /// Whether business time differs from `before`'s: other hours, or
    /// other days closed (a closure renamed moves nothing).
    pub fn moves_business_time(&self, before: &CalendarChange) -> bool {
        let days = |c: &CalendarChange| -> Vec<(NaiveDate, NaiveDate)> {
            c.closures
                .iter()
                .map(|c| (c.first_day, c.last_day))
                .collect()
        };
        self.weekly_hours != before.weekly_hours || days(self) != days(before)
    }
}

/// Each weekday's periods, Monday first, from their written times.
fn week_of(hours: &WeeklyHours) -> Result<[Periods; 7], CalendarError> {
    let mut week: [Periods; 7] = Default::default();
    for ((_, periods), out) in hours.days().into_iter().zip(week.iter_mut()) {
        for p in periods {
            let time = |raw: &str| parse_time(raw).ok_or(CalendarError::Time);
            out.push((time(&p.opens)?, time(&p.closes)?));
        }
    }
    Ok(week)
}

/// Checks every field of `form`, naming each problem by its path, e.g.
/// `weekly_hours.mon[1].opens` or `closures[3].last_day`.
pub fn calendar_change(form: &CalendarForm) -> Result<CalendarChange, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut weekly_hours = WeeklyHours::default();
    for ((day, periods), out) in form
        .weekly_hours
        .days()
        .into_iter()
        .zip(weekly_hours.days_mut())
    {
        if periods.len() > MAX_PERIODS_PER_DAY {
            let max = MAX_PERIODS_PER_DAY as i64;
            errors.add(
                format!("weekly_hours.{day}"),
                Invalid::OutOfRange { min: 0, max },
            );
            continue;
        }
        let mut previous_close: Option<NaiveTime> = None;
        for (i, p) in periods.iter().enumerate() {
            let field = |part: &str| format!("weekly_hours.{day}[{i}].{part}");
            let time = |errors: &mut ValidationErrors, part: &str, raw: &str| {
                let t = parse_time(raw);
                if t.is_none() {
                    errors.add(field(part), Invalid::InvalidFormat { hint: TIME_HINT });
                }
                t
            };
            let (opens, closes) = (
                time(&mut errors, "opens", &p.opens),
                time(&mut errors, "closes", &p.closes),
            );
            let (Some(opens), Some(closes)) = (opens, closes) else {
                continue;
            };
            if closes <= opens {
                errors.add(field("opens"), Invalid::EmptyPeriod);
            } else if previous_close.is_some_and(|c| opens < c) {
                errors.add(field("opens"), Invalid::Overlaps);
            }
            previous_close = Some(closes.max(previous_close.unwrap_or(closes)));
            out.push(OpenPeriod {
                opens: format_time(opens),
                closes: format_time(closes),
            });
        }
    }
    if errors.is_empty() && weekly_hours.days().iter().all(|(_, p)| p.is_empty()) {
        errors.add("weekly_hours", Invalid::Required);
    }
    if form.closures.len() > MAX_CLOSURES {
        let max = MAX_CLOSURES as i64;
        errors.add("closures", Invalid::OutOfRange { min: 0, max });
        return Err(errors);
    }
    let mut closures = Vec::with_capacity(form.closures.len());
    for (i, c) in form.closures.iter().enumerate() {
        let name = errors.check(&format!("closures[{i}].name"), ClosureName::parse(&c.name));
        let span = (c.last_day - c.first_day).num_days();
        if span < 0 {
            errors.add(format!("closures[{i}].first_day"), Invalid::EmptyPeriod);
        } else if span >= MAX_CLOSURE_DAYS {
            let max = MAX_CLOSURE_DAYS - 1;
            errors.add(
                format!("closures[{i}].last_day"),
                Invalid::TooManyDays { max },
            );
        }
        if let Some(name) = name {
            closures.push(Closure {
                name: name.as_str().to_owned(),
                first_day: c.first_day,
                last_day: c.last_day,
            });
        }
    }
    closures.sort_by(|a, b| {
        (a.first_day, a.last_day, &a.name).cmp(&(b.first_day, b.last_day, &b.name))
    });
    errors.finish(|| {
        Some(CalendarChange {
            weekly_hours,
            closures,
        })
    })
}

/// The closures of `found` that `current` does not already hold (the same
/// days, named alike in any letter case), each once, in `found`'s order:
/// what importing a calendar file again adds.
pub fn new_closures(current: &[Closure], found: &[Closure]) -> Vec<Closure> {
    let same = |a: &Closure, b: &Closure| {
        a.first_day == b.first_day
            && a.last_day == b.last_day
            && a.name.trim().to_lowercase() == b.name.trim().to_lowercase()
    };
    let mut out: Vec<Closure> = Vec::new();
    for c in found {
        if !current.iter().any(|k| same(k, c)) && !out.iter().any(|k| same(k, c)) {
            out.push(c.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::ErrorCode;

    fn period(opens: &str, closes: &str) -> OpenPeriod {
        OpenPeriod {
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn closure(name: &str, first: &str, last: &str) -> Closure {
        Closure {
            name: name.into(),
            first_day: day(first),
            last_day: day(last),
        }
    }

    fn fields(form: &CalendarForm) -> Vec<(String, ErrorCode)> {
        match calendar_change(form) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.into_iter().map(|f| (f.field, f.code)).collect(),
        }
    }

    #[test]
    fn times_are_hh_mm_and_nothing_else() {
        assert_eq!(parse_time("08:00"), NaiveTime::from_hms_opt(8, 0, 0));
        assert_eq!(parse_time("23:59"), NaiveTime::from_hms_opt(23, 59, 0));
        for bad in [
            "8:00", "08:0", "24:00", "08:60", "08.00", " 08:00", "", "0a:00", "08:00:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_day_with_a_lunch_break_and_closures_in_any_order() {
        let form = CalendarForm {
            weekly_hours: WeeklyHours {
                mon: vec![period("08:00", "12:00"), period("13:00", "16:30")],
                fri: vec![period("08:00", "12:00")],
                ..Default::default()
            },
            closures: vec![
                closure(" Winter break ", "2026-12-21", "2027-01-01"),
                closure("Thanksgiving", "2026-11-26", "2026-11-27"),
            ],
        };
        let change = calendar_change(&form).expect("valid");
        assert_eq!(change.closures[0].name, "Thanksgiving");
        assert_eq!(change.closures[1].name, "Winter break");
        let cal = change.calendar("America/Chicago").expect("calendar");
        assert_eq!(cal.minutes_per_day(), 450);
        assert!(cal.is_closed(day("2026-12-31")));
    }

    #[test]
    fn every_problem_is_named_by_its_path() {
        let form = CalendarForm {
            weekly_hours: WeeklyHours {
                mon: vec![period("8am", "12:00"), period("13:00", "12:30")],
                tue: vec![period("08:00", "12:00"), period("11:00", "14:00")],
                wed: vec![period("09:00", "10:00"); 7],
                ..Default::default()
            },
            closures: vec![
                closure(" ", "2026-11-26", "2026-11-26"),
                closure("Backwards", "2026-12-02", "2026-12-01"),
                closure("Too long", "2026-01-01", "2027-01-02"),
            ],
        };
        assert_eq!(
            fields(&form),
            vec![
                ("weekly_hours.mon[0].opens".into(), ErrorCode::InvalidFormat),
                ("weekly_hours.mon[1].opens".into(), ErrorCode::EmptyPeriod),
                ("weekly_hours.tue[1].opens".into(), ErrorCode::Overlaps),
                ("weekly_hours.wed".into(), ErrorCode::OutOfRange),
                ("closures[0].name".into(), ErrorCode::Required),
                ("closures[1].first_day".into(), ErrorCode::EmptyPeriod),
                ("closures[2].last_day".into(), ErrorCode::TooManyDays),
            ]
        );
        // A leap year of days is as long as a closure goes.
        let year = CalendarForm {
            weekly_hours: WeeklyHours {
                mon: vec![period("08:00", "16:00")],
                ..Default::default()
            },
            closures: vec![closure("Rebuilding", "2028-01-01", "2028-12-31")],
        };
        assert!(calendar_change(&year).is_ok());
        let closed = CalendarForm {
            weekly_hours: WeeklyHours::default(),
            closures: Vec::new(),
        };
        assert_eq!(
            fields(&closed),
            vec![("weekly_hours".into(), ErrorCode::Required)]
        );
    }

    #[test]
    fn only_a_change_of_closed_days_or_hours_moves_business_time() {
        let hours = WeeklyHours {
            mon: vec![period("08:00", "16:00")],
            ..Default::default()
        };
        let with = |closures: Vec<Closure>| CalendarChange {
            weekly_hours: hours.clone(),
            closures,
        };
        let before = with(vec![closure("Thanksgiving", "2026-11-26", "2026-11-27")]);
        let renamed = with(vec![closure(
            "Thanksgiving break",
            "2026-11-26",
            "2026-11-27",
        )]);
        assert!(!renamed.moves_business_time(&before));
        let added = with(vec![
            closure("Labor Day", "2026-09-07", "2026-09-07"),
            closure("Thanksgiving", "2026-11-26", "2026-11-27"),
        ]);
        assert!(added.moves_business_time(&before));
        assert!(with(Vec::new()).moves_business_time(&before));
        let mut longer = before.clone();
        longer.weekly_hours.mon = vec![period("07:30", "16:00")];
        assert!(longer.moves_business_time(&before));
    }

    #[test]
    fn importing_again_adds_only_what_is_new() {
        let closure = |name: &str, first: &str, last: &str| Closure {
            name: name.into(),
            first_day: day(first),
            last_day: day(last),
        };
        let current = [closure("Thanksgiving", "2026-11-26", "2026-11-27")];
        let found = [
            closure(" thanksgiving ", "2026-11-26", "2026-11-27"),
            closure("Winter break", "2026-12-21", "2027-01-01"),
            closure("Winter break", "2026-12-21", "2027-01-01"),
            closure("Thanksgiving", "2026-11-26", "2026-11-26"),
        ];
        assert_eq!(
            new_closures(&current, &found),
            [
                closure("Winter break", "2026-12-21", "2027-01-01"),
                closure("Thanksgiving", "2026-11-26", "2026-11-26")
            ]
        );
        assert!(new_closures(&found, &found).is_empty());
    }
}
