//! The migration to periods and named closures keeps each district's
//! calendar: its open days and hours become one period on each open day,
//! its holidays closures of one day. Its way back keeps what the old
//! columns can hold. Runs on SQLite, or on PostgreSQL when
//! `HEARD_TEST_DATABASE_URL` is set.

use diesel::prelude::*;
use diesel::sql_types::Text;
use heard_domain::api::{Closure, OpenPeriod};
use heard_store::queries::districts;
use heard_store::reports::facts;
use heard_store::testing::{self, TestDatabase};
use heard_store::{migrate, AnyConnection};

#[derive(QueryableByName)]
struct Old {
    #[diesel(sql_type = Text)]
    open_days: String,
    #[diesel(sql_type = Text)]
    holidays: String,
}

fn old_columns(c: &mut AnyConnection) -> Old {
    diesel::sql_query("SELECT open_days, holidays FROM districts")
        .get_result(c)
        .expect("old columns")
}

#[test]
fn the_calendar_comes_through_the_migration_both_ways() {
    let db = TestDatabase::new();
    let mut c = db.url.connect().expect("connect");
    migrate::run_pending(&mut c).expect("up");
    let row = heard_store::rows::DistrictRow {
        closures: r#"[{"name":"Thanksgiving","first_day":"2026-11-26","last_day":"2026-11-27"},{"name":"Christmas Day","first_day":"2026-12-25","last_day":"2026-12-25"}]"#.into(),
        ..testing::district_row("d1")
    };
    let d = testing::insert_district(&mut c, row).expect("district");

    // Back: open days from the weekly hours, the one-day closure a holiday.
    migrate::revert_through(&mut c, "2026-12-08-000001").expect("back to open days");
    let old = old_columns(&mut c);
    assert_eq!(old.open_days, "1111100");
    assert_eq!(old.holidays, "2026-12-25");

    // A district as the old columns kept it: Saturdays too, and two holidays.
    diesel::sql_query(
        "UPDATE districts SET open_days = '1111110', opens_at = '07:45', closes_at = '15:15', \
         holidays = '2026-11-26,2027-01-01'",
    )
    .execute(&mut c)
    .expect("old calendar");
    migrate::run_pending(&mut c).expect("up again");

    let stored = districts::by_id(&mut c, d.id).expect("district");
    let written = facts::calendar_settings(&stored).expect("calendar");
    let day = [OpenPeriod {
        opens: "07:45".into(),
        closes: "15:15".into(),
    }];
    for (name, periods) in written.weekly_hours.days() {
        let expected = if name == "sun" { &[][..] } else { &day[..] };
        assert_eq!(periods.as_slice(), expected, "{name}");
    }
    let holiday = |d: &str| Closure {
        name: "Holiday".into(),
        first_day: d.parse().expect("date"),
        last_day: d.parse().expect("date"),
    };
    assert_eq!(
        written.closures,
        vec![holiday("2026-11-26"), holiday("2027-01-01")]
    );
    let calendar = facts::calendar(&stored).expect("a calendar");
    assert_eq!(calendar.minutes_per_day(), 450);
    assert!(calendar.is_closed("2027-01-01".parse().expect("date")));
    assert_eq!(stored.calendar_version, 1);
}
