//! The district's staff as a spreadsheet: exported in the columns the
//! import reads, and imported with a dry run that names every row's
//! problem before anything is stored. Rows are matched to members by
//! email; an email the district does not have yet is an invitation, sent
//! once the import is stored.

use super::staff_admin::{change_member, view, ADMINS_ONLY};
use super::units_bulk::ImportQuery;
use super::{admins_only, every, read};
use crate::audit::Author;
use crate::auth::AuthStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{FileBody, Query};
use crate::invite;
use crate::spreadsheet;
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use heard_domain::api::{ImportReport, Problem, StaffMember, StaffStanding};
use heard_domain::bulk::{self, PlannedStaff, StaffPlan, StaffRowIn, StaffSheet};
use heard_domain::validation::Invalid;
use heard_domain::{DistrictId, StaffId, StaffRef, TeamRef, ValidationErrors};
use heard_store::queries::members::{self, StaffFilter};
use heard_store::queries::{districts, organisation as org};
use heard_store::rows::{StaffRecord, TeamRecord};
use heard_store::AnyConnection;

/// Every member of the district, deactivated ones too, by name.
fn all_staff(c: &mut AnyConnection, district: DistrictId) -> Result<Vec<StaffMember>, ApiError> {
    let filter = StaffFilter::default();
    let records = every(
        |after: Option<&StaffId>, n| members::page(c, district, &filter, after.copied(), n),
        |r: &StaffRecord| r.id,
    )?;
    let ids: Vec<StaffId> = records.iter().map(|r| r.id).collect();
    let expiries = members::invitation_expiries(c, &ids)?;
    records.into_iter().map(|r| view(c, r, &expiries)).collect()
}

/// Plans `rows` against what the district has now, for the admin `me`.
fn plan(
    c: &mut AnyConnection,
    district: DistrictId,
    me: StaffId,
    rows: &[StaffRowIn],
) -> Result<Vec<PlannedStaff>, ApiError> {
    let staff = all_staff(c, district)?;
    let teams = every(
        |after: Option<&String>, n| org::teams(c, district, after.map(String::as_str), n),
        |t: &TeamRecord| t.name.clone(),
    )?;
    let refs = |t: &TeamRecord| TeamRef {
        id: t.id,
        name: t.name.clone(),
    };
    let fallbacks: Vec<_> = teams
        .iter()
        .filter_map(|t| t.fallback_owner_id.map(|owner| (refs(t), owner)))
        .collect();
    let teams: Vec<TeamRef> = teams.iter().map(refs).collect();
    let offered = districts::by_id(c, district)?.languages.0;
    let sheet = StaffSheet {
        staff: &staff,
        teams: &teams,
        fallbacks: &fallbacks,
        offered: &offered,
        me,
    };
    Ok(bulk::plan_staff(rows, &sheet))
}

/// The district's staff who are invited or active, as a CSV file by name:
/// the columns `name`, `email`, `roles`, `teams` and `languages` as the
/// import reads them, lists separated by semicolons. A cell a spreadsheet
/// would run as a formula starts with an apostrophe.
#[utoipa::path(
    tag = "admin",
    operation_id = "export_staff",
    security(("bearer" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String, description = "The file", headers(("Content-Disposition" = String, description = "attachment; filename=\"staff.csv\""))),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
    )
)]
#[get("/admin/staff/export")]
pub async fn export_staff(state: web::Data<AppState>, who: AuthStaff) -> ApiResult<HttpResponse> {
    admins_only(&who, ADMINS_ONLY)?;
    let district = who.district_id;
    let staff = read(&state, move |c| all_staff(c, district)).await?;
    let staff: Vec<StaffMember> = staff
        .into_iter()
        .filter(|m| m.standing != StaffStanding::Deactivated)
        .collect();
    let text = spreadsheet::write_staff(&staff)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"staff.csv\""))
        .body(text))
}

/// Invites and changes staff from a CSV file, in the columns of the export
/// (`name`, `email` and `roles` required; lists separated by semicolons;
/// teams by name). Rows are matched to members by email: a new email is
/// invited, a member's row changes their name, roles, teams and languages
/// (time away is kept, open work they may no longer keep is handed over).
/// Each row is checked by the rules of the invitation and the staff form,
/// and may not take away the importing admin's own admin role, change a
/// deactivated member, or leave out a team the member is the fallback
/// owner of. With `dry_run=true` the answer lists what each row would do
/// and every row's problem, and nothing is stored or sent. Otherwise the
/// rows are stored together, each change audited and each invitation
/// emailed, or, when any row has a problem, none is: 422 names each at
/// `rows[N].column`, N the row number as a spreadsheet shows it.
#[utoipa::path(
    tag = "admin",
    operation_id = "import_staff",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = inline(crate::extract::UploadedFile), content_type = "application/octet-stream", description = "The CSV file, UTF-8, up to 256 KiB and 5,000 rows, sent as the body (`text/csv` is read the same)"),
    responses(
        (status = 200, body = ImportReport, description = "What each row did, or would do in a dry run; a row's `name` is the email it holds"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "For the district's admins"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "The file is larger than 256 KiB"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The file has no header of its columns (`body`), or rows have problems (`rows[N].column`); nothing was stored"),
    )
)]
#[post("/admin/staff/import")]
pub async fn import_staff(
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
    let rows = spreadsheet::read_staff(text)?;
    let (district, me) = (who.district_id, who.staff_ref());
    if query.0.dry_run {
        let planned = read(&state, move |c| plan(c, district, me.id, &rows)).await?;
        let rows: Vec<_> = planned.iter().map(|p| &p.report).collect();
        return Ok(web::Json(bulk::report(&rows, true, false)));
    }
    let author = Author::of(&who, &req);
    let keys = state.keys.clone();
    let report = state
        .store
        .writer
        .write(move |c| {
            let planned = plan(c, district, me.id, &rows)?;
            let rows: Vec<_> = planned.iter().map(|p| &p.report).collect();
            let problems = bulk::problems(&rows);
            if !problems.is_empty() {
                return Err(ApiError::from(ValidationErrors(problems)));
            }
            for p in planned.iter().filter_map(|p| p.plan.clone()) {
                store(c, &keys, district, &me, &author, p)?;
            }
            Ok::<_, ApiError>(bulk::report(&rows, false, true))
        })
        .await?;
    tracing::info!(by = %who.id, invited = report.created, updated = report.updated, "staff imported");
    Ok(web::Json(report))
}

/// Stores one planned row: an invitation, or a change to a member.
fn store(
    c: &mut AnyConnection,
    keys: &crate::auth::Keys,
    district: DistrictId,
    me: &StaffRef,
    author: &Author,
    plan: StaffPlan,
) -> Result<(), ApiError> {
    match plan {
        StaffPlan::Invite(change) => {
            invite::invite(c, keys, district, change, Some(me.id), author)?;
        }
        StaffPlan::Update {
            id,
            version,
            change,
        } => {
            change_member(c, district, me, author, id, version, change)?;
        }
    }
    Ok(())
}
