//! The district's logo: admins upload and remove it, as a change to the
//! district's settings (the same version, `If-Match` and audit entry), and
//! browsers fetch it at an address named by its digest, so a new logo has
//! a new address and each may be cached for good.

use super::{admins_only, read};
use crate::audit::Author;
use crate::auth::{sha256_hex, AuthStaff};
use crate::error::{ApiError, ApiResult};
use crate::extract::FileBody;
use crate::state::AppState;
use actix_web::http::header::{self, ContentEncoding};
use actix_web::{delete, put, web, HttpRequest, HttpResponse};
use heard_domain::api::{AuditAction, AuditResource, DistrictSettings, Problem};
use heard_domain::logo::{self, StoredLogo};
use heard_domain::DistrictId;
use heard_store::queries::districts;
use heard_store::views;

const ADMINS_ONLY: &str = "the logo is for the district's admins";

/// Uploads the district's logo, in place of any before: the image as the
/// body, its format read from its bytes. The settings move to their next
/// version; `branding.logo` says where the logo is served.
#[utoipa::path(
    tag = "admin",
    operation_id = "upload_district_logo",
    security(("bearer" = [])),
    params(
        ("If-Match" = String, Header, description = "The settings' version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    request_body(content = inline(crate::extract::UploadedFile), content_type = "application/octet-stream", description = "A PNG, JPEG or WebP image, up to 256 KiB and 16 to 4,096 pixels a side"),
    responses(
        (status = 200, body = DistrictSettings, description = "Uploaded; the settings as they are now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The settings changed since the version in If-Match"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "The image is larger than 256 KiB"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The body is not a PNG, JPEG or WebP image, or a side is out of range (`body`)"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[put("/admin/districts/current/logo")]
pub async fn upload_logo(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    body: FileBody,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let expected = super::if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    let image = logo::check(&body.0).map_err(|e| ApiError::field("body", e))?;
    let stored = StoredLogo {
        image,
        bytes: body.0.len() as u64,
        digest: sha256_hex(&body.0),
    };
    let described =
        serde_json::to_string(&stored).map_err(|e| ApiError::Internal(format!("logo: {e}")))?;
    change(
        &state,
        &who,
        &req,
        expected,
        Some((described, body.0.to_vec())),
    )
    .await
}

/// Removes the district's logo; its pages show the district's name alone.
#[utoipa::path(
    tag = "admin",
    operation_id = "remove_district_logo",
    security(("bearer" = [])),
    params(
        ("If-Match" = String, Header, description = "The settings' version the change is based on", pattern = r#"^\s*(W/)?"?[0-9]{1,18}"?\s*$"#),
    ),
    responses(
        (status = 200, body = DistrictSettings, description = "Removed; the settings as they are now", headers(("ETag" = String, description = "The new version, for If-Match"))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "The district has no logo"),
        (status = 412, body = Problem, content_type = "application/problem+json", description = "The settings changed since the version in If-Match"),
        (status = 428, body = Problem, content_type = "application/problem+json", description = "If-Match is missing"),
    )
)]
#[delete("/admin/districts/current/logo")]
pub async fn remove_logo(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let expected = super::if_match(&req, true)?.ok_or(ApiError::PreconditionRequired)?;
    change(&state, &who, &req, expected, None).await
}

async fn change(
    state: &web::Data<AppState>,
    who: &AuthStaff,
    req: &HttpRequest,
    expected: i64,
    logo: Option<(String, Vec<u8>)>,
) -> ApiResult<HttpResponse> {
    let author = Author::of(who, req);
    let district = who.district_id;
    let (before, after) = state
        .store
        .writer
        .write(
            move |c| -> Result<(DistrictSettings, DistrictSettings), ApiError> {
                let before = views::district_settings(c, district)?;
                super::at_version(before.version, expected)?;
                if logo.is_none() && before.branding.logo.is_none() {
                    return Err(ApiError::NotFound("the district has no logo"));
                }
                districts::set_logo(c, district, expected, logo)?;
                let after = views::district_settings(c, district)?;
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
    state.directory.forget(&before.district.slug);
    tracing::info!(by = %who.id, version = after.version, logo = after.branding.logo.is_some(), "district logo changed");
    Ok(super::with_etag(HttpResponse::Ok(), &after, after.version))
}

/// `GET /media/logos/{district}/{digest}`: the image, for as long as it is
/// the district's logo. Outside the API and its document: pages find the
/// address in `branding.logo.url`.
pub async fn logo_image(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (district, digest) = path.into_inner();
    let Ok(district) = district.parse::<DistrictId>() else {
        return not_found();
    };
    let found = read(&state, move |c| Ok(districts::logo(c, district)?)).await;
    let (described, image) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return actix_web::ResponseError::error_response(&e),
    };
    let Ok(stored) = serde_json::from_str::<StoredLogo>(&described) else {
        return actix_web::ResponseError::error_response(&ApiError::Internal(
            "a stored logo is unreadable".into(),
        ));
    };
    if stored.digest != digest {
        return not_found();
    }
    HttpResponse::Ok()
        .content_type(stored.image.format.content_type())
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::ETAG, format!("\"{}\"", stored.digest)))
        // Already compressed: not worth compressing again.
        .insert_header(ContentEncoding::Identity)
        .body(image)
}

fn not_found() -> HttpResponse {
    actix_web::ResponseError::error_response(&ApiError::NotFound("no such logo"))
}
