//! The district's business calendar and service standards: due times and
//! elapsed time counted in business hours only (the open periods of each
//! weekday, less the days it is closed, in the district's own time zone).

pub mod form;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The open periods of one weekday, `(opens, closes)`, earliest first.
pub type Periods = Vec<(NaiveTime, NaiveTime)>;

/// When the district is open to answer.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCalendar {
    tz: Tz,
    /// Monday first.
    week: [Periods; 7],
    /// Closed days as `(first, last)` ranges, earliest first, merged so that
    /// none overlaps or touches the next.
    closed: Vec<(NaiveDate, NaiveDate)>,
}

/// A calendar that could never be open, or not as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not a time zone name from the IANA database.
    #[error("is not a known time zone")]
    TimeZone,
    /// A period closes at or before it opens.
    #[error("closing time must be after opening time")]
    Hours,
    /// A period begins before the one before it ends.
    #[error("the periods of a day must not overlap")]
    Overlap,
    /// A time that is not `HH:MM`.
    #[error("times of day must be written HH:MM")]
    Time,
    /// No open period in the whole week.
    #[error("at least one day of the week must have open hours")]
    NoOpenHours,
}

/// Looking further than this for an open minute means the calendar is broken.
const MAX_DAYS_SCANNED: i64 = 3 * 366;

/// The instant a clock in `tz` reads `local`.
pub(crate) fn at_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        // Inside a daylight-saving gap: the hour does not exist, take the next one.
        None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&local)),
    }
}

impl BusinessCalendar {
    /// A calendar in `time_zone` (IANA name), open in `week`'s periods
    /// (Monday first) except on the days of `closures`, `(first, last)`
    /// inclusive, which may overlap.
    pub fn new(
        time_zone: &str,
        week: [Periods; 7],
        closures: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
    ) -> Result<Self, CalendarError> {
        let tz: Tz = time_zone.parse().map_err(|_| CalendarError::TimeZone)?;
        for day in &week {
            for (i, (opens, closes)) in day.iter().enumerate() {
                if closes <= opens {
                    return Err(CalendarError::Hours);
                }
                if i > 0 && *opens < day[i - 1].1 {
                    return Err(CalendarError::Overlap);
                }
            }
        }
        if week.iter().all(Vec::is_empty) {
            return Err(CalendarError::NoOpenHours);
        }
        Ok(Self {
            tz,
            week,
            closed: merged(closures),
        })
    }

    /// Monday to Friday, 8:00 to 16:30, the usual district office hours.
    pub fn school_office(time_zone: &str) -> Result<Self, CalendarError> {
        let weekday = vec![(at(8, 0), at(16, 30))];
        let mut week: [Periods; 7] = Default::default();
        for day in week.iter_mut().take(5) {
            *day = weekday.clone();
        }
        Self::new(time_zone, week, [])
    }

    /// The IANA name of the time zone.
    pub fn time_zone(&self) -> &str {
        self.tz.name()
    }

    /// Minutes in one business day: those of the longest open weekday, so a
    /// short Friday does not shorten what "one business day" means.
    pub fn minutes_per_day(&self) -> i64 {
        self.week
            .iter()
            .map(|day| day.iter().map(|(o, c)| (*c - *o).num_minutes()).sum())
            .max()
            .unwrap_or(0)
    }

    /// Whether `day` falls in a closure (a holiday or a break).
    pub fn is_closed(&self, day: NaiveDate) -> bool {
        let i = self.closed.partition_point(|(first, _)| *first <= day);
        i > 0 && day <= self.closed[i - 1].1
    }

    fn utc(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        at_local(self.tz, day.and_time(time))
    }

    /// The open windows of `day` in UTC, earliest first; none on a closed day.
    fn windows(&self, day: NaiveDate) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        let periods: &[(NaiveTime, NaiveTime)] = if self.is_closed(day) {
            &[]
        } else {
            &self.week[day.weekday().num_days_from_monday() as usize]
        };
        periods
            .iter()
            .map(move |(o, c)| (self.utc(day, *o), self.utc(day, *c)))
            // A period that a clock change swallows whole is not open.
            .filter(|(o, c)| o < c)
    }

    /// The instant `minutes` business minutes after `start`.
    pub fn add_business_minutes(&self, start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        // Counted in seconds so a start mid-minute does not drift.
        let mut left = minutes.max(0) * 60;
        let mut day = start.with_timezone(&self.tz).date_naive();
        for _ in 0..MAX_DAYS_SCANNED {
            for (open, close) in self.windows(day) {
                let from = open.max(start);
                if from < close {
                    let available = (close - from).num_seconds();
                    if left <= available {
                        return from + Duration::seconds(left);
                    }
                    left -= available;
                }
            }
            day = day.succ_opt().unwrap_or(day);
        }
        start + Duration::minutes(minutes)
    }

    /// Business minutes between `from` and `to` (zero when `to` is earlier).
    pub fn business_minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        let mut day = from.with_timezone(&self.tz).date_naive();
        let last = to.with_timezone(&self.tz).date_naive();
        while day <= last {
            for (open, close) in self.windows(day) {
                let a = open.max(from);
                let b = close.min(to);
                if b > a {
                    total += (b - a).num_seconds();
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        total / 60
    }
}

/// `h:m` as a time of day.
fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Closures as sorted ranges, each overlapping or adjacent pair made one.
fn merged(
    closures: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut all: Vec<_> = closures.into_iter().filter(|(f, l)| f <= l).collect();
    all.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(all.len());
    for (first, last) in all {
        match out.last_mut() {
            Some(prev) if first <= prev.1.succ_opt().unwrap_or(prev.1) => {
                prev.1 = prev.1.max(last);
            }
            _ => out.push((first, last)),
        }
    }
    out
}

/// A district's targets for answering and resolving, in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceStandard {
    /// First public response due within this many business minutes.
    pub first_response_minutes: i64,
    /// Resolution due within this many business minutes.
    pub resolution_minutes: i64,
}

impl ServiceStandard {
    /// One business day to respond, five to resolve (the usual "past due").
    pub fn district_default(calendar: &BusinessCalendar) -> Self {
        let day = calendar.minutes_per_day();
        Self {
            first_response_minutes: day,
            resolution_minutes: 5 * day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn weekdays(periods: Periods) -> [Periods; 7] {
        let mut week: [Periods; 7] = Default::default();
        for d in week.iter_mut().take(5) {
            *d = periods.clone();
        }
        week
    }

    fn cal() -> BusinessCalendar {
        BusinessCalendar::new(
            "America/Chicago",
            weekdays(vec![(at(8, 0), at(16, 30))]),
            [(day(2026, 11, 26), day(2026, 11, 26))],
        )
        .expect("calendar")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }

    #[test]
    fn within_the_same_day() {
        // Monday 2026-11-23 09:00 Chicago = 15:00 UTC.
        let due = cal().add_business_minutes(utc("2026-11-23T15:00:00Z"), 60);
        assert_eq!(due, utc("2026-11-23T16:00:00Z"));
    }

    #[test]
    fn rolls_over_evenings_weekends_and_holidays() {
        // Wednesday 16:00 local, 60 minutes: 30 today, Thursday is Thanksgiving,
        // so 30 more on Friday from 08:00.
        let due = cal().add_business_minutes(utc("2026-11-25T22:00:00Z"), 60);
        assert_eq!(due, utc("2026-11-27T14:30:00Z"));
        // Saturday counts from Monday's opening.
        let due = cal().add_business_minutes(utc("2026-11-28T18:00:00Z"), 10);
        assert_eq!(due, utc("2026-11-30T14:10:00Z"));
    }

    #[test]
    fn minutes_between_skip_closed_time() {
        let c = cal();
        // Friday 16:00 local to Monday 09:00 local: 30 + 60.
        assert_eq!(
            c.business_minutes_between(utc("2026-11-20T22:00:00Z"), utc("2026-11-23T15:00:00Z")),
            90
        );
        assert_eq!(
            c.business_minutes_between(utc("2026-11-23T15:00:00Z"), utc("2026-11-20T22:00:00Z")),
            0
        );
    }

    #[test]
    fn bad_calendars_are_refused() {
        let t = NaiveTime::MIN;
        assert_eq!(
            BusinessCalendar::new("Mars/Olympus", weekdays(vec![(t, at(1, 0))]), []),
            Err(CalendarError::TimeZone)
        );
        assert_eq!(
            BusinessCalendar::new("UTC", weekdays(vec![(t, t)]), []),
            Err(CalendarError::Hours)
        );
        assert_eq!(
            BusinessCalendar::new(
                "UTC",
                weekdays(vec![(at(8, 0), at(12, 0)), (at(11, 0), at(15, 0))]),
                []
            ),
            Err(CalendarError::Overlap)
        );
        assert_eq!(
            BusinessCalendar::new("UTC", Default::default(), []),
            Err(CalendarError::NoOpenHours)
        );
        assert_eq!(
            BusinessCalendar::school_office("UTC").map(|c| c.minutes_per_day()),
            Ok(510)
        );
    }

    #[test]
    fn a_lunch_break_is_not_business_time() {
        // 8:00–12:00 and 13:00–16:30: Monday 11:30 local plus 60 minutes is 13:30.
        let c = BusinessCalendar::new(
            "America/Chicago",
            weekdays(vec![(at(8, 0), at(12, 0)), (at(13, 0), at(16, 30))]),
            [],
        )
        .expect("calendar");
        assert_eq!(c.minutes_per_day(), 450);
        let due = c.add_business_minutes(utc("2026-11-23T17:30:00Z"), 60);
        assert_eq!(due, utc("2026-11-23T19:30:00Z"));
        assert_eq!(
            c.business_minutes_between(utc("2026-11-23T17:30:00Z"), utc("2026-11-23T19:30:00Z")),
            60
        );
    }

    #[test]
    fn a_break_of_many_days_is_closed_and_overlapping_closures_merge() {
        // Winter break 21 Dec – 1 Jan with Christmas Day listed again inside it.
        let c = BusinessCalendar::new(
            "America/Chicago",
            weekdays(vec![(at(8, 0), at(16, 30))]),
            [
                (day(2026, 12, 25), day(2026, 12, 25)),
                (day(2026, 12, 21), day(2027, 1, 1)),
                (day(2027, 1, 2), day(2027, 1, 3)),
            ],
        )
        .expect("calendar");
        assert_eq!(c.closed, vec![(day(2026, 12, 21), day(2027, 1, 3))]);
        assert!(c.is_closed(day(2026, 12, 21)) && c.is_closed(day(2027, 1, 3)));
        assert!(!c.is_closed(day(2026, 12, 20)) && !c.is_closed(day(2027, 1, 4)));
        // Friday 18 Dec 16:00 local + 60 minutes: 30 that day, 30 on Monday 4 Jan.
        let due = c.add_business_minutes(utc("2026-12-18T22:00:00Z"), 60);
        assert_eq!(due, utc("2027-01-04T14:30:00Z"));
    }

    #[test]
    fn periods_keep_their_local_hours_across_a_clock_change() {
        // Chicago falls back on Sunday 1 Nov 2026: 8:00 local is 13:00 UTC
        // before and 14:00 UTC after.
        let c = cal();
        assert_eq!(
            c.add_business_minutes(utc("2026-10-30T13:00:00Z"), 0),
            utc("2026-10-30T13:00:00Z")
        );
        // Friday 16:00 local + 60: 30 on Friday, 30 from Monday's 8:00 (CST).
        let due = c.add_business_minutes(utc("2026-10-30T21:00:00Z"), 60);
        assert_eq!(due, utc("2026-11-02T14:30:00Z"));
    }

    proptest! {
        /// Adding n business minutes and measuring back gives n, whatever
        /// the periods, closures and time zone.
        #[test]
        fn add_then_measure(
            start in 1_700_000_000i64..1_900_000_000,
            n in 0i64..20_000,
            zone in prop::sample::select(vec!["America/Chicago", "America/New_York", "Pacific/Auckland", "UTC"]),
            lunch in any::<bool>(),
            saturday in any::<bool>(),
            breaks in prop::collection::vec((0i64..800, 0i64..20), 0..8),
        ) {
            let mut week = weekdays(if lunch {
                vec![(at(7, 30), at(11, 45)), (at(12, 30), at(17, 0))]
            } else {
                vec![(at(8, 0), at(16, 30))]
            });
            if saturday {
                week[5] = vec![(at(9, 0), at(12, 0))];
            }
            let base = day(2023, 6, 1);
            let closures = breaks
                .iter()
                .map(|(from, len)| (base + Duration::days(*from), base + Duration::days(from + len)));
            let c = BusinessCalendar::new(zone, week, closures).expect("calendar");
            let s = DateTime::from_timestamp(start, 0).expect("ts");
            let due = c.add_business_minutes(s, n);
            prop_assert!(due >= s);
            prop_assert_eq!(c.business_minutes_between(s, due), n);
        }
    }
}
