//! The district's business calendar and service standards: due times and
//! elapsed time counted in business hours only (open days, opening hours,
//! holidays, in the district's own time zone).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// When the district is open to answer.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCalendar {
    tz: Tz,
    /// Monday first.
    open_days: [bool; 7],
    opens: NaiveTime,
    closes: NaiveTime,
    holidays: BTreeSet<NaiveDate>,
}

/// A calendar that could never be open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not a time zone name from the IANA database.
    #[error("is not a known time zone")]
    TimeZone,
    /// Closing time is not after opening time.
    #[error("closing time must be after opening time")]
    Hours,
    /// No open day in the week.
    #[error("at least one day of the week must be open")]
    NoOpenDay,
}

/// Looking further than this for an open minute means the calendar is broken.
const MAX_DAYS_SCANNED: i64 = 3 * 366;

impl BusinessCalendar {
    /// A calendar in `time_zone` (IANA name) open `opens..closes` on `open_days` (Monday first).
    pub fn new(
        time_zone: &str,
        open_days: [bool; 7],
        opens: NaiveTime,
        closes: NaiveTime,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, CalendarError> {
        let tz: Tz = time_zone.parse().map_err(|_| CalendarError::TimeZone)?;
        if closes <= opens {
            return Err(CalendarError::Hours);
        }
        if !open_days.contains(&true) {
            return Err(CalendarError::NoOpenDay);
        }
        Ok(Self {
            tz,
            open_days,
            opens,
            closes,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// Monday to Friday, 8:00 to 16:30, the usual district office hours.
    pub fn school_office(time_zone: &str) -> Result<Self, CalendarError> {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        Self::new(
            time_zone,
            [true, true, true, true, true, false, false],
            at(8, 0),
            at(16, 30),
            [],
        )
    }

    /// The IANA name of the time zone.
    pub fn time_zone(&self) -> &str {
        self.tz.name()
    }

    /// Minutes in one business day.
    pub fn minutes_per_day(&self) -> i64 {
        (self.closes - self.opens).num_minutes()
    }

    fn is_open_on(&self, day: NaiveDate) -> bool {
        self.open_days[day.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&day)
    }

    fn utc(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = day.and_time(time);
        match self.tz.from_local_datetime(&local).earliest() {
            Some(t) => t.with_timezone(&Utc),
            // Inside a daylight-saving gap: the hour does not exist, take the next one.
            None => self
                .tz
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&local)),
        }
    }

    /// The open window of `day` in UTC, if the district is open that day.
    fn window(&self, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.is_open_on(day)
            .then(|| (self.utc(day, self.opens), self.utc(day, self.closes)))
    }

    /// The instant `minutes` business minutes after `start`.
    pub fn add_business_minutes(&self, start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        // Counted in seconds so a start mid-minute does not drift.
        let mut left = minutes.max(0) * 60;
        let mut day = start.with_timezone(&self.tz).date_naive();
        for _ in 0..MAX_DAYS_SCANNED {
            if let Some((open, close)) = self.window(day) {
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
            if let Some((open, close)) = self.window(day) {
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

    fn cal() -> BusinessCalendar {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        BusinessCalendar::new(
            "America/Chicago",
            [true, true, true, true, true, false, false],
            at(8, 0),
            at(16, 30),
            [NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")],
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
            BusinessCalendar::new("Mars/Olympus", [true; 7], t, t, []),
            Err(CalendarError::TimeZone)
        );
        assert_eq!(
            BusinessCalendar::new("UTC", [true; 7], t, t, []),
            Err(CalendarError::Hours)
        );
        assert_eq!(
            BusinessCalendar::school_office("UTC").map(|c| c.minutes_per_day()),
            Ok(510)
        );
    }

    proptest! {
        /// Adding n business minutes and measuring back gives n.
        #[test]
        fn add_then_measure(start in 1_700_000_000i64..1_900_000_000, n in 0i64..20_000) {
            let c = cal();
            let s = DateTime::from_timestamp(start, 0).expect("ts");
            let due = c.add_business_minutes(s, n);
            prop_assert!(due >= s);
            prop_assert_eq!(c.business_minutes_between(s, due), n);
        }
    }
}
