//! HTTP routes, one module per audience.

pub mod admin;
pub mod admin_teams;
pub mod articles;
pub mod audit;
pub mod calendar;
pub mod goals;
pub mod health;
pub mod inbox;
pub mod invitations;
pub mod jobs;
pub mod logo;
pub mod mail;
pub mod password_resets;
pub mod portal;
pub mod reports;
pub mod staff_actions;
pub mod staff_admin;
pub mod staff_auth;
pub mod staff_bulk;
mod staff_links;
pub mod teams;
pub mod templates;
pub mod topics;
pub mod track;
pub mod units;
pub mod units_bulk;

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{web, HttpRequest};
use heard_domain::case::{Case, TimelineEvent};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, InquiryId};
use heard_store::{cases, AnyConnection, StoreError};

/// Runs a read on a blocking thread.
pub async fn read<T: Send + 'static>(
    state: &web::Data<AppState>,
    f: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _slot = state
        .gates
        .reads
        .acquire()
        .await
        .map_err(|_| ApiError::Unavailable("shutting down".into()))?;
    let store = state.store.clone();
    web::block(move || {
        let mut conn = store.pool.get().map_err(StoreError::from)?;
        f(&mut conn)
    })
    .await?
}

/// Runs `f` (a password hash or check) on a blocking thread, within the
/// server's bound on hashes at once: each holds megabytes while it runs.
pub async fn hashing<T: Send + 'static>(
    state: &web::Data<AppState>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _slot = state
        .gates
        .passwords
        .acquire()
        .await
        .map_err(|_| ApiError::Unavailable("shutting down".into()))?;
    Ok(web::block(f).await?)
}

/// `body` answered with its `version` as the `ETag`, which the next change
/// sends back in `If-Match`.
pub fn with_etag<T: serde::Serialize>(
    mut res: actix_web::HttpResponseBuilder,
    body: &T,
    version: i64,
) -> actix_web::HttpResponse {
    res.insert_header(("ETag", format!("\"{version}\"")))
        .json(body)
}

/// A setting as the JSON its text column holds; `what` names it should it
/// not serialise.
pub fn column_json<T: serde::Serialize>(v: &T, what: &str) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::Internal(format!("{what}: {e}")))
}

/// Every row of a list read `PAGE` at a time, each page after the key of
/// the last row before it: what an export writes.
pub fn every<T, K>(
    mut fetch: impl FnMut(Option<&K>, i64) -> Result<Vec<T>, heard_store::StoreError>,
    key: impl Fn(&T) -> K,
) -> Result<Vec<T>, ApiError> {
    const PAGE: i64 = 500;
    let mut all: Vec<T> = Vec::new();
    loop {
        let after = all.last().map(&key);
        let page = fetch(after.as_ref(), PAGE)?;
        let done = (page.len() as i64) < PAGE;
        all.extend(page);
        if done {
            return Ok(all);
        }
    }
}

/// The version in `If-Match` (`"3"`, `W/"3"` or `3`).
pub fn if_match(req: &HttpRequest, required: bool) -> Result<Option<i64>, ApiError> {
    match req.headers().get("If-Match") {
        None if required => Err(ApiError::PreconditionRequired),
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
            .filter(|s| (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<i64>().ok())
            .map(Some)
            .ok_or_else(|| {
                ApiError::field(
                    "If-Match",
                    Invalid::InvalidFormat {
                        hint: "the version, e.g. \"3\"",
                    },
                )
            }),
    }
}

/// 412 unless the thing is still at the version the change was based on.
pub fn at_version(current: i64, expected: i64) -> Result<(), ApiError> {
    if current == expected {
        Ok(())
    } else {
        Err(ApiError::Stale(expected))
    }
}

/// Refuses anyone who may not administer the district's settings, saying `why`.
pub fn admins_only(who: &crate::auth::AuthStaff, why: &'static str) -> Result<(), ApiError> {
    use heard_domain::access::{Action, Subject};
    if who.may(Action::Administer, Subject::Settings) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(why))
    }
}

/// A list's page size as asked for: 1 to 200, 50 when not given.
pub fn page_size(limit: Option<i64>) -> Result<i64, ApiError> {
    let limit = limit.unwrap_or(50);
    if (1..=200).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::field(
            "limit",
            Invalid::OutOfRange { min: 1, max: 200 },
        ))
    }
}

/// The first `limit` of `rows` (read as `limit + 1`) and the cursor of the
/// page after them, when there is one.
pub fn page<T>(
    rows: Vec<T>,
    limit: i64,
    cursor: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    let items: Vec<T> = rows.into_iter().take(limit as usize).collect();
    let next = if more {
        items.last().map(&cursor)
    } else {
        None
    };
    (items, next)
}

/// A text parameter of at most `max` characters on one line; blank means absent.
pub fn query_text(
    field: &str,
    raw: Option<String>,
    max: usize,
) -> Result<Option<String>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    if raw.chars().count() > max {
        return Err(ApiError::field(
            field,
            Invalid::TooLong {
                max: i64::try_from(max).unwrap_or(i64::MAX),
            },
        ));
    }
    // Nothing stored holds them, and PostgreSQL refuses a NUL in text.
    if raw.chars().any(char::is_control) {
        return Err(ApiError::field(field, Invalid::InvalidCharacters));
    }
    let t = raw.trim();
    Ok((!t.is_empty()).then(|| t.to_owned()))
}

/// Parses an id from the path; a text that is not an id names no resource.
pub fn path_id<T: std::str::FromStr>(raw: &str, what: &'static str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound(what))
}

/// Which case a change is to.
#[derive(Debug, Clone)]
pub enum Which {
    /// A case of the staff member's district.
    Staff(DistrictId, InquiryId),
    /// The case a family's tracking link opens, by its tracking key.
    Tracked(String),
}

fn load(c: &mut AnyConnection, which: &Which) -> Result<Case, ApiError> {
    let found = match which {
        Which::Staff(district, id) => cases::load(c, *district, *id),
        Which::Tracked(key) => cases::load_tracked(c, key),
    };
    found.map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound("inquiry"),
        other => other.into(),
    })
}

/// Loads the case, lets `decide` authorise and decide what happens to it,
/// and applies the events — all in one write, so nothing changes in
/// between. With `expected` (from `If-Match`), a case at another version
/// is 412. Without it, a change that lost a race with another server
/// (PostgreSQL) is decided again on the case as it now is.
pub async fn change<F>(
    state: &web::Data<AppState>,
    which: Which,
    expected: Option<i64>,
    decide: F,
) -> Result<(Case, Vec<TimelineEvent>), ApiError>
where
    F: Fn(&Case) -> Result<Vec<TimelineEvent>, ApiError> + Send + Clone + 'static,
{
    const ATTEMPTS: usize = 3;
    for attempt in 1..=ATTEMPTS {
        let (which, decide) = (which.clone(), decide.clone());
        let outcome = state
            .store
            .writer
            .write(move |c| -> Result<(Case, Vec<TimelineEvent>), ApiError> {
                let case = load(c, &which)?;
                if let Some(v) = expected {
                    if v != case.version {
                        return Err(ApiError::Stale(v));
                    }
                }
                let events = decide(&case)?;
                Ok((cases::apply(c, &case, &events)?, events))
            })
            .await;
        match outcome {
            Err(ApiError::Stale(_)) if expected.is_none() && attempt < ATTEMPTS => continue,
            other => return other,
        }
    }
    Err(ApiError::Internal("a change kept losing races".into()))
}

/// 422 naming `field` unless `staff` is an active staff member of `district`.
pub fn active_staff(
    c: &mut heard_store::AnyConnection,
    district: heard_domain::DistrictId,
    staff: heard_domain::StaffId,
    field: &str,
) -> Result<(), ApiError> {
    match heard_store::queries::people::staff_by_id(c, staff) {
        Ok(s) if s.district_id == district && s.active => Ok(()),
        Ok(_) | Err(heard_store::StoreError::NotFound) => Err(ApiError::field(
            field,
            heard_domain::validation::Invalid::Unknown {
                what: "an active staff member",
            },
        )),
        Err(e) => Err(e.into()),
    }
}
