//! The district's schools and departments as a spreadsheet: exported in
//! the columns the import reads, and imported with a dry run that names
//! every row's problem before anything is stored. Rows are matched to
//! units by name; a name the district does not have yet is a new unit.

use super::units::{view, ADMINS_ONLY};
use super::{admins_only, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{FileBody, Query};
use crate::spreadsheet;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::{AuditAction, AuditResource, ImportReport, Problem, Unit};
use heard_domain::bulk::{self, PlannedUnit};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, UnitId, ValidationErrors};
use heard_store::queries::organisation as org;
use heard_store::rows::{UnitChangeRow, UnitRecord};
use heard_store::{clock, AnyConnection};
use serde::Deserialize;
use utoipa::IntoParams;

/// Every unit of the district, by name.
fn all_units(c: &mut AnyConnection, district: DistrictId) -> Result<Vec<UnitRecord>, ApiError> {
    super::every(
        |after: Option<&String>, n| org::units(c, district, after.map(String::as_str), n),
        |u: &UnitRecord| u.name.clone(),
    )
}

/// The district's schools and departments as a CSV file, by name: the
/// columns `name`, `kind` (`school` or `department`), `grade_band` and
/// `address`, as the import reads them. A cell a spreadsheet would run as
/// a formula starts with an apostrophe.
#[utoipa::path(
    tag = "admin",
    operation_id = "export_units",
    security(("bearer" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String, description = "The file", headers(("Content-Disposition" = String, description = "attachment; filename=\"schools-and-departments.csv\""))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
    )
)]
#[get("/admin/units/export")]
pub async fn export_units(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let district = who.district_id;
    let units = read(&state, move |c| all_units(c, district)).await?;
    let units: Vec<Unit> = units.into_iter().map(view).collect();
    let text = spreadsheet::write_units(&units)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"schools-and-departments.csv\"",
        ))
        .body(text))
}

/// Whether to store.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true` answers what the import would do and stores nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// Adds and changes schools and departments from a CSV file, in the
/// columns of the export (`name` and `kind` required). Each row is checked
/// by the rules of the admin form and matched by name to the district's
/// units. With `dry_run=true` the answer lists what each row would do and
/// every row's problem, and nothing is stored. Otherwise the rows are
/// stored together, each change audited, or, when any row has a problem,
/// none is: 422 names each at `rows[N].column`, N the row number as a
/// spreadsheet shows it.
#[utoipa::path(
    tag = "admin",
    operation_id = "import_units",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = inline(crate::extract::UploadedFile), content_type = "application/octet-stream", description = "The CSV file, UTF-8, up to 256 KiB and 5,000 rows, sent as the body (`text/csv` is read the same)"),
    responses(
        (status = 200, body = ImportReport, description = "What each row did, or would do in a dry run"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "The file is larger than 256 KiB"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The file has no header of its columns (`body`), or rows have problems (`rows[N].column`); nothing was stored"),
    )
)]
#[post("/admin/units/import")]
pub async fn import_units(
    state: web::Data<AppState>,
    who: AuthStaff,
    req: HttpRequest,
    query: Query<ImportQuery>,
    body: FileBody,
) -> ApiResult<web::Json<ImportReport>> {
    admins_only(&who, ADMINS_ONLY)?;
    let text = std::str::from_utf8(&body.0).map_err(|_| {
        ApiError::field(
            "body",
            Invalid::InvalidFormat {
                hint: "a CSV file in UTF-8",
            },
        )
    })?;
    let rows = spreadsheet::read_units(text)?;
    let district = who.district_id;
    if query.0.dry_run {
        let planned = read(&state, move |c| {
            let existing: Vec<Unit> = all_units(c, district)?.into_iter().map(view).collect();
            Ok(bulk::plan_units(&rows, &existing))
        })
        .await?;
        let rows: Vec<_> = planned.iter().map(|p| &p.report).collect();
        return Ok(web::Json(bulk::report(&rows, true, false)));
    }
    let author = Author::of(&who, &req);
    let report = state
        .store
        .writer
        .write(move |c| {
            let existing: Vec<Unit> = all_units(c, district)?.into_iter().map(view).collect();
            let planned = bulk::plan_units(&rows, &existing);
            let rows: Vec<_> = planned.iter().map(|p| &p.report).collect();
            let problems = bulk::problems(&rows);
            if !problems.is_empty() {
                return Err(ApiError::from(ValidationErrors(problems)));
            }
            for p in &planned {
                store(c, district, &author, &existing, p)?;
            }
            Ok::<_, ApiError>(bulk::report(&rows, false, true))
        })
        .await?;
    tracing::info!(by = %who.id, created = report.created, updated = report.updated, "units imported");
    Ok(web::Json(report))
}

/// Adds or changes the unit of one planned row, with its audit entry.
fn store(
    c: &mut AnyConnection,
    district: DistrictId,
    author: &Author,
    existing: &[Unit],
    p: &PlannedUnit,
) -> Result<(), ApiError> {
    let Some((id, change)) = p.change.clone() else {
        return Ok(());
    };
    match id.and_then(|id| existing.iter().find(|u| u.id == id)) {
        Some(before) => {
            let row = UnitChangeRow {
                name: change.name,
                kind: change.kind,
                grade_band: change.grade_band,
                address: change.address,
            };
            org::update_unit(c, district, before.id, before.version, &row)?;
            let after = view(org::unit(c, district, before.id)?);
            author.record(
                c,
                AuditResource::Unit,
                &before.id.to_string(),
                AuditAction::Updated,
                Some(before),
                Some(&after),
            )?;
        }
        None => {
            let row = UnitRecord {
                id: UnitId::new(),
                district_id: district,
                name: change.name,
                kind: change.kind,
                created_at: clock::now().naive_utc(),
                grade_band: change.grade_band,
                address: change.address,
                version: 1,
            };
            org::insert_unit(c, &row)?;
            let unit = view(row);
            author.record(
                c,
                AuditResource::Unit,
                &unit.id.to_string(),
                AuditAction::Created,
                None,
                Some(&unit),
            )?;
        }
    }
    Ok(())
}
