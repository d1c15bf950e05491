//! Holidays and school breaks from an iCalendar file (RFC 5545), as a
//! district's calendar app or its school board exports them: each all-day
//! event is a closure; anything else is listed with the reason it is not.

use chrono::{Duration, NaiveDate};
use heard_domain::api::{CalendarImport, Closure, SkipReason, SkippedEvent};
use heard_domain::text::ClosureName;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventStatus};

/// The most events a file may hold: a district's years of holidays, not a
/// staff member's whole diary.
pub const MAX_EVENTS: usize = 2_000;

/// What a file that is not read says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not iCalendar at all; the parser's words.
    NotICalendar(String),
    /// More than [`MAX_EVENTS`] events.
    TooManyEvents(usize),
}

fn day_of(t: &DatePerhapsTime) -> NaiveDate {
    match t {
        DatePerhapsTime::Date(d) => *d,
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => t.date(),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => t.date_naive(),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, .. }) => {
            date_time.date()
        }
    }
}

/// The event's summary as a closure's name: control characters out, cut
/// to the longest name a closure takes, "Closed" when nothing is left.
fn name_of(summary: &str) -> String {
    let clean: String = summary
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut: String = clean.trim().chars().take(ClosureName::MAX).collect();
    let cut = cut.trim();
    if cut.is_empty() {
        "Closed".to_owned()
    } else {
        cut.to_owned()
    }
}

/// The closures and the skipped events of `text`, an iCalendar file.
pub fn read(text: &str) -> Result<CalendarImport, Unreadable> {
    let calendar: icalendar::Calendar = text.parse().map_err(Unreadable::NotICalendar)?;
    let events: Vec<_> = calendar.events().collect();
    if events.len() > MAX_EVENTS {
        return Err(Unreadable::TooManyEvents(events.len()));
    }
    let mut closures = Vec::new();
    let mut skipped = Vec::new();
    for event in events {
        let summary = event.get_summary().unwrap_or_default().trim().to_owned();
        let start = event.get_start();
        let first_day = start.as_ref().map(day_of);
        let reason = if event.get_status() == Some(EventStatus::Cancelled) {
            Some(SkipReason::Cancelled)
        } else if event.property_value("RRULE").is_some() || event.property_value("RDATE").is_some()
        {
            Some(SkipReason::Repeats)
        } else {
            None
        };
        let closure = match (reason, &start) {
            (Some(r), _) => Err(r),
            (None, None) => Err(SkipReason::NoDate),
            (None, Some(DatePerhapsTime::DateTime(_))) => Err(SkipReason::Timed),
            (None, Some(DatePerhapsTime::Date(first))) => match event.get_end() {
                // An all-day event ends at the start of the day after its last.
                Some(DatePerhapsTime::Date(end)) if end > *first => {
                    Ok((*first, end - Duration::days(1)))
                }
                // Some calendars end a one-day event on the day itself.
                Some(DatePerhapsTime::Date(end)) if end == *first => Ok((*first, *first)),
                Some(DatePerhapsTime::Date(_)) => Err(SkipReason::EndsBeforeStart),
                Some(DatePerhapsTime::DateTime(_)) => Err(SkipReason::Timed),
                None => Ok((*first, *first)),
            },
        };
        match closure {
            Ok((first_day, last_day)) => closures.push(Closure {
                name: name_of(&summary),
                first_day,
                last_day,
            }),
            Err(reason) => skipped.push(SkippedEvent {
                summary,
                first_day,
                reason,
            }),
        }
    }
    closures.sort_by_key(|c| (c.first_day, c.last_day));
    Ok(CalendarImport { closures, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    const DISTRICT: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Lakeview Unified//Board calendar//EN\r\n\
BEGIN:VEVENT\r\n\
UID:winter@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART;VALUE=DATE:20261221\r\n\
DTEND;VALUE=DATE:20270102\r\n\
SUMMARY:Winter break\\, all schools\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:thanks@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART;VALUE=DATE:20261126\r\n\
DTEND;VALUE=DATE:20261128\r\n\
SUMMARY:Thanksgiving re\r\n\
\x20cess\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:labor@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART;VALUE=DATE:20260907\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:board@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART:20260915T180000Z\r\n\
DTEND:20260915T200000Z\r\n\
SUMMARY:Board meeting\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:snow@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART;VALUE=DATE:20270115\r\n\
STATUS:CANCELLED\r\n\
SUMMARY:Snow day\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:mlk@lakeview\r\n\
DTSTAMP:20260801T000000Z\r\n\
DTSTART;VALUE=DATE:20270118\r\n\
RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=3MO\r\n\
SUMMARY:Martin Luther King Jr. Day\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

    #[test]
    fn all_day_events_become_closures_and_the_rest_say_why_not() {
        let found = read(DISTRICT).expect("read");
        let closures: Vec<_> = found
            .closures
            .iter()
            .map(|c| (c.name.as_str(), c.first_day, c.last_day))
            .collect();
        assert_eq!(
            closures,
            [
                ("Closed", day("2026-09-07"), day("2026-09-07")),
                ("Thanksgiving recess", day("2026-11-26"), day("2026-11-27")),
                (
                    "Winter break, all schools",
                    day("2026-12-21"),
                    day("2027-01-01")
                ),
            ]
        );
        let skipped: Vec<_> = found
            .skipped
            .iter()
            .map(|s| (s.summary.as_str(), s.reason))
            .collect();
        assert_eq!(
            skipped,
            [
                ("Board meeting", SkipReason::Timed),
                ("Snow day", SkipReason::Cancelled),
                ("Martin Luther King Jr. Day", SkipReason::Repeats),
            ]
        );
        assert_eq!(found.skipped[0].first_day, Some(day("2026-09-15")));
    }

    #[test]
    fn a_long_or_odd_summary_still_names_a_closure() {
        assert_eq!(name_of("  \u{7}Spring\tbreak "), "Spring break");
        assert_eq!(name_of(&"x".repeat(300)).chars().count(), ClosureName::MAX);
        assert_eq!(name_of("   "), "Closed");
    }

    #[test]
    fn what_is_not_a_calendar_is_refused() {
        assert!(matches!(
            read("name,first_day\nWinter,2026-12-21\n"),
            Err(Unreadable::NotICalendar(_))
        ));
        let many = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}END:VCALENDAR\r\n",
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\n".repeat(MAX_EVENTS + 1)
        );
        assert_eq!(read(&many), Err(Unreadable::TooManyEvents(MAX_EVENTS + 1)));
    }
}
