//! The district's business calendar: open periods for each day of the
//! week, holidays and school breaks. A change that moves business time is
//! counted again into the due times and report facts of the inquiries it
//! affects, by a job that walks them after the change is stored.

use super::{admins_only, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{FileBody, Json};
use crate::ical::{self, Unreadable};
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use heard_domain::api::{
    AuditAction, AuditResource, CalendarForm, CalendarImport, CalendarSettings, Problem,
};
use heard_domain::calendar::form::{calendar_change, CalendarChange};
use heard_domain::jobs::{CalendarRecompute, JobKind};
use heard_domain::validation::Invalid;
use heard_domain::DistrictId;
use heard_store::queries::districts;
use heard_store::reports::facts;
use heard_store::{clock, jobs, AnyConnection};

const ADMINS_ONLY: &str = "the business calendar is for the district's admins";

/// The calendar as its admins see it.
pub(crate) fn settings(
    c: &mut AnyConnection,
    district: DistrictId,
) -> Result<CalendarSettings, ApiError> {
    let d = districts::by_id(c, district)?;
    let written = facts::calendar_settings(&d)?;
    let calendar = facts::calendar(&d)?;
    Ok(CalendarSettings {
        time_zone: d.time_zone,
        weekly_hours: written.weekly_hours,
        closures: written.closures,
        business_day_minutes: calendar.minutes_per_day(),
        recomputing: jobs::pending(c, JobKind::RecomputeCalendar, district)?,
        version: d.calendar_version,
    })
}

/// Asks for the district's due times and report facts to be counted again
/// on the calendar as it is now (after a change made at `now`).
pub(crate) fn recompute(
    c: &mut AnyConnection,
    district: DistrictId,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let payload = CalendarRecompute {
        district,
        changed_at: now,
        since: None,
        after: None,
    };
    let body = serde_json::to_string(&payload)
        .map_err(|e| ApiError::Internal(format!("recompute: {e}")))?;
    let key = format!("{district}:{version}:{}", now.timestamp_micros());
    jobs::enqueue(
        c,
        &[jobs::new_job(
            JobKind::RecomputeCalendar,
            key,
            Some(district),
            body,
            now,
            now,
        )],
    )?;
    Ok(())
}

/// The district's business calendar: when it is open on each day of the
/// week, and its holidays and breaks. The `ETag` is the calendar's
/// version, for `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_calendar",
    security(("bearer" = [])),
    responses(
        (status = 200, body = CalendarSettings, description = "The business calendar", headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
    )
)]
#[get("/admin/calendar")]
pub async fn get_calendar(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let district = who.district_id;
    let calendar = read(&state, move |c| settings(c, district)).await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &calendar,
        calendar.version,
    ))
}

/// Replaces the business calendar: all the weekly hours and closures, with
/// the version read in `If-Match`. Every problem is named at once (422); a
/// change made by someone else since is 412. When business time moved, the
/// due times and report facts of the district's inquiries are counted again
/// in the background (`recomputing` says while). Each change is in the
/// audit log with the calendar before and after.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_calendar",
    security(("bearer" = [])),
    request_body = CalendarForm,
    params(
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = CalendarSettings, description = "Changed; the calendar as it is now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The calendar changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/calendar")]
pub async fn update_calendar(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<CalendarForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let expected = super::if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let change = calendar_change(&body.0).map_err(ApiError::from)?;
    let weekly_hours = super::column_json(&change.weekly_hours, "weekly_hours")?;
    let closures = super::column_json(&change.closures, "closures")?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let (slug, after) = state
        .store
        .writer
        .write(move |c| -> Result<(String, CalendarSettings), ApiError> {
            let before = settings(c, district)?;
            if before.version != expected {
                return Err(ApiError::Stale(expected));
            }
            districts::set_calendar(c, district, expected, &weekly_hours, &closures)?;
            let old = CalendarChange {
                weekly_hours: before.weekly_hours.clone(),
                closures: before.closures.clone(),
            };
            if change.moves_business_time(&old) {
                recompute(c, district, expected + 1, clock::now())?;
            }
            let after = settings(c, district)?;
            author.record(
                c,
                AuditResource::Calendar,
                &district.to_string(),
                AuditAction::Updated,
                Some(&before),
                Some(&after),
            )?;
            Ok((districts::by_id(c, district)?.slug, after))
        })
        .await?;
    // Intake here counts due times on the new calendar at once; the other
    // servers within seconds, and the recompute comes back for what they took in meanwhile.
    state.directory.forget(&slug);
    tracing::info!(by = %who.id, version = after.version, recomputing = after.recomputing, "business calendar changed");
    Ok(super::with_etag(HttpResponse::Ok(), &after, after.version))
}

/// Reads the holidays and school breaks of an iCalendar file (`.ics`, as a
/// calendar app or a school board exports it) and answers them as
/// closures; nothing is stored. Each all-day event is a closure, its
/// summary its name; timed, cancelled and repeating events are listed in
/// `skipped` with the reason. Add the closures to the calendar and save it
/// with `PUT /admin/calendar`.
#[utoipa::path(
    tag = "admin",
    operation_id = "import_calendar",
    security(("bearer" = [])),
    request_body(content = inline(crate::extract::UploadedFile), content_type = "application/octet-stream", description = "The iCalendar file, up to 256 KiB and 2,000 events, sent as the body (`text/calendar` is read the same)"),
    responses(
        (status = 200, body = CalendarImport, description = "What the file holds; nothing was stored"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "The file is larger than 256 KiB"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The body is not an iCalendar file of at most 2,000 events; `errors` names `body`"),
    )
)]
#[post("/admin/calendar/import")]
pub async fn import_calendar(
    who: AuthStaff,
    body: FileBody,
) -> ApiResult<web::Json<CalendarImport>> {
    admins_only(&who, ADMINS_ONLY)?;
    let not_ics = || {
        ApiError::field(
            "body",
            Invalid::InvalidFormat {
                hint: "an iCalendar (.ics) file",
            },
        )
    };
    let text = std::str::from_utf8(&body.0).map_err(|_| not_ics())?;
    match ical::read(text) {
        Ok(found) => Ok(web::Json(found)),
        Err(Unreadable::NotICalendar(why)) => {
            tracing::info!(%why, "calendar file not read");
            Err(not_ics())
        }
        Err(Unreadable::TooManyEvents(_)) => Err(ApiError::field(
            "body",
            Invalid::InvalidFormat {
                hint: "a file of at most 2,000 events",
            },
        )),
    }
}
