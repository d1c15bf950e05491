//! District administration: what a district has configured, and its
//! admins changing it.

use super::{admins_only, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{AuditAction, AuditResource, DistrictForm, DistrictSettings, Problem};
use heard_domain::district::{self, DistrictChange};
use heard_domain::validation::Invalid;
use heard_store::queries::districts;
use heard_store::rows::DistrictSettingsChange;
use heard_store::sql::Languages;
use heard_store::views;

const ADMINS_ONLY: &str = "settings are for the district's admins";

/// The signed-in admin's district settings: languages, branding, service
/// standards, fallback team, what it promises on each
/// pillar, when an inquiry is past due and how long requester details are
/// kept. The `ETag` is the settings' version, for `If-Match`.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_district_settings",
    security(("bearer" = [])),
    responses(
        (status = 200, body = DistrictSettings, description = "The district's settings", headers(("ETag" = String, description = "Their version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Settings are for the district's admins"),
    )
)]
#[get("/admin/districts/current")]
pub async fn district_settings(
    state: web::Data<AppState>,
    who: AuthStaff,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let district = who.district_id;
    let settings = read(&state, move |c| Ok(views::district_settings(c, district)?)).await?;
    Ok(super::with_etag(
        HttpResponse::Ok(),
        &settings,
        settings.version,
    ))
}

fn stored(change: &DistrictChange) -> Result<DistrictSettingsChange, ApiError> {
    Ok(DistrictSettingsChange {
        name: change.name.clone(),
        slug: change.slug.clone(),
        time_zone: change.time_zone.clone(),
        languages: Languages(change.languages.clone()),
        tab_label: change.default_tab_label().to_owned(),
        tab_labels: super::column_json(&change.tab_labels, "tab_labels")?,
        color: change.color.clone(),
        tab_position: change.position,
        first_response_minutes: change.standard.first_response_minutes,
        resolution_minutes: change.standard.resolution_minutes,
        fallback_team_id: change.fallback_team_id,
        pillar_standards: super::column_json(&change.pillar_standards, "pillar_standards")?,
        past_due_business_days: change.past_due_business_days,
        requester_retention_days: change.requester_retention_days,
    })
}

/// Changes the district's settings: send all of them, as read, with the
/// version read in `If-Match`. Every problem is named at once (422); a
/// change made by someone else since is 412; a slug another district has
/// is 409. Each change is in the audit log with the settings before and after.
#[utoipa::path(
    tag = "admin",
    operation_id = "update_district_settings",
    security(("bearer" = [])),
    request_body = DistrictForm,
    params(
        ("If-Match" = String, Header, description = "The version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = DistrictSettings, description = "Changed; the settings as they are now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Settings are for the district's admins"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another district has this slug"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The settings changed since the version in If-Match"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A field is not valid; `errors` names each"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/districts/current")]
pub async fn update_district_settings(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: Json<DistrictForm>,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let expected = super::if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let translated: Vec<&str> = heard_mail::LANGUAGES.iter().map(|(l, _)| *l).collect();
    let change = district::validate(&body.0, &translated).map_err(ApiError::from)?;
    let row = stored(&change)?;
    let author = Author::of(&who, &req);
    let district = who.district_id;
    let (before, after) = state
        .store
        .writer
        .write(
            move |c| -> Result<(DistrictSettings, DistrictSettings), ApiError> {
                let before = views::district_settings(c, district)?;
                if before.version != expected {
                    return Err(ApiError::Stale(expected));
                }
                if let Some(team) = row.fallback_team_id {
                    if !districts::has_team(c, district, team)? {
                        return Err(ApiError::field(
                            "fallback_team_id",
                            Invalid::Unknown { what: "a team" },
                        ));
                    }
                }
                if districts::slug_taken(c, &row.slug, district)? {
                    return Err(ApiError::Conflict(format!(
                        "another district's address is already {:?}; choose another slug",
                        row.slug
                    )));
                }
                districts::update_settings(c, district, expected, &row)?;
                // The same hours in another zone are other instants.
                if row.time_zone != before.district.time_zone {
                    let version = districts::by_id(c, district)?.calendar_version;
                    super::calendar::recompute(c, district, version, heard_store::clock::now())?;
                }
                let after = views::district_settings(c, district)?;
                if after.requester_retention_days.is_some()
                    && after.requester_retention_days != before.requester_retention_days
                {
                    crate::work::erase::on_change(
                        c,
                        district,
                        after.version,
                        heard_store::clock::now(),
                    )?;
                }
                author.record(
                    c,
                    AuditResource::District,
                    &district.to_string(),
                    AuditAction::Updated,
                    Some(&before),
                    Some(&after),
                )?;
                Ok((before, after))
            },
        )
        .await?;
    // This server stops using the old copy at once; the others within seconds.
    state.directory.forget(&before.district.slug);
    tracing::info!(by = %who.id, version = after.version, "district settings changed");
    Ok(super::with_etag(HttpResponse::Ok(), &after, after.version))
}
