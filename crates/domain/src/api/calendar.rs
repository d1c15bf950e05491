//! The district's business calendar as the admin API shows and takes it:
//! open periods for each day of the week and the days it is closed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One stretch of open time in a day, in the district's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"opens": "08:00", "closes": "12:00"})))]
pub struct OpenPeriod {
    /// When it opens, `HH:MM` on a 24-hour clock.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub opens: String,
    /// When it closes, `HH:MM`, later than `opens` on the same day.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub closes: String,
}

/// The open periods of each day of the week, earliest first; a day with
/// none is closed. Two periods make a lunch break.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyHours {
    /// Monday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub mon: Vec<OpenPeriod>,
    /// Tuesday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub tue: Vec<OpenPeriod>,
    /// Wednesday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub wed: Vec<OpenPeriod>,
    /// Thursday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub thu: Vec<OpenPeriod>,
    /// Friday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub fri: Vec<OpenPeriod>,
    /// Saturday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub sat: Vec<OpenPeriod>,
    /// Sunday's open periods.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub sun: Vec<OpenPeriod>,
}

impl WeeklyHours {
    /// Monday to Friday, 8:00 to 16:30: a new district's hours until its
    /// admins set their own.
    pub fn school_office() -> Self {
        let day = || {
            vec![OpenPeriod {
                opens: "08:00".into(),
                closes: "16:30".into(),
            }]
        };
        Self {
            mon: day(),
            tue: day(),
            wed: day(),
            thu: day(),
            fri: day(),
            ..Default::default()
        }
    }

    /// Each day's key and periods, Monday first.
    pub fn days(&self) -> [(&'static str, &Vec<OpenPeriod>); 7] {
        [
            ("mon", &self.mon),
            ("tue", &self.tue),
            ("wed", &self.wed),
            ("thu", &self.thu),
            ("fri", &self.fri),
            ("sat", &self.sat),
            ("sun", &self.sun),
        ]
    }

    /// Each day's periods to change, Monday first.
    pub fn days_mut(&mut self) -> [&mut Vec<OpenPeriod>; 7] {
        [
            &mut self.mon,
            &mut self.tue,
            &mut self.wed,
            &mut self.thu,
            &mut self.fri,
            &mut self.sat,
            &mut self.sun,
        ]
    }
}

/// Days the district is closed although the weekday has open hours: a
/// holiday is one day, a school break many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({"name": "Winter break", "first_day": "2026-12-21", "last_day": "2027-01-01"}))
)]
pub struct Closure {
    /// What it is, as staff know it, e.g. "Thanksgiving".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: String,
    /// The first closed day.
    pub first_day: NaiveDate,
    /// The last closed day: the same as `first_day` for one day.
    pub last_day: NaiveDate,
}

/// The district's business calendar, as its admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarSettings {
    /// The IANA time zone every time is in (a district setting).
    pub time_zone: String,
    /// When it is open, day by day.
    pub weekly_hours: WeeklyHours,
    /// Holidays and breaks, earliest first.
    pub closures: Vec<Closure>,
    /// Minutes in one business day: the longest open weekday.
    pub business_day_minutes: i64,
    /// Whether due times and report facts are still being recomputed
    /// after the last change.
    pub recomputing: bool,
    /// The calendar's version: send it in `If-Match` to change it.
    pub version: i64,
}

crate::inquiry::named_enum!(
    /// Why an event of an iCalendar file is not a closure.
    SkipReason {
        /// It has a time of day: a meeting or an evening event, not a day
        /// the district is closed.
        Timed = "timed",
        /// It was cancelled.
        Cancelled = "cancelled",
        /// It repeats; each closed day must be listed on its own.
        Repeats = "repeats",
        /// It has no start day.
        NoDate = "no_date",
        /// It ends before it starts.
        EndsBeforeStart = "ends_before_start",
    }
);

/// An event of an iCalendar file that is not a closure, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkippedEvent {
    /// Its summary as written in the file; empty when it has none.
    pub summary: String,
    /// Its first day, when it has one.
    pub first_day: Option<NaiveDate>,
    /// Why it is not a closure.
    pub reason: SkipReason,
}

/// What an iCalendar file holds for the business calendar. Nothing is
/// stored: add the closures to the calendar and save it as usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarImport {
    /// Each all-day event as a closure, earliest first; its name is the
    /// event's summary (cut to 120 characters), or "Closed".
    pub closures: Vec<Closure>,
    /// The events that are not closures, in the file's order.
    pub skipped: Vec<SkippedEvent>,
}

/// A new business calendar, replacing the whole of the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarForm {
    /// When it is open, day by day; a day left out has no open hours.
    pub weekly_hours: WeeklyHours,
    /// Holidays and breaks, in any order; they may overlap.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub closures: Vec<Closure>,
}
