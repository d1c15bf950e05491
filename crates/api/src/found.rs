//! A district from nothing: `heard district create` stores an empty
//! district (its name, address, time zone and languages; office hours on
//! weekdays until its admin sets its own) and invites its first admin,
//! whose invitation is sent at once (or written to the mail folder).

use crate::audit::Author;
use crate::error::ApiError;
use crate::state::AppState;
use heard_domain::account::InvitationChange;
use heard_domain::api::{AuditAction, AuditResource, TabPosition};
use heard_domain::district::{default_tab_label, valid_slug, MAX_LANGUAGES};
use heard_domain::text::{DistrictName, Email, Language, PersonName};
use heard_domain::{DistrictId, Role};
use heard_store::queries::districts;
use heard_store::rows::DistrictRow;
use heard_store::sql::Languages;
use heard_store::{clock, schema, views, AnyConnection};
use std::collections::BTreeMap;

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct NewDistrict {
    /// The district's address in Heard, e.g. `lakeview`.
    pub slug: String,
    /// Its full name.
    pub name: String,
    /// Its time zone, e.g. `America/Chicago`.
    pub time_zone: String,
    /// Its languages, the default first, e.g. `en,es`.
    pub languages: Vec<String>,
    /// The first admin's email.
    pub admin_email: String,
    /// The first admin's name.
    pub admin_name: String,
}

/// The letters references start with: the slug's first letters, e.g.
/// `LAK` for `lakeview`; `HRD` for a slug without three letters.
fn reference_prefix(slug: &str) -> String {
    let letters: String = slug
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    if letters.len() == 3 {
        letters
    } else {
        "HRD".into()
    }
}

fn problem(what: &str, why: impl std::fmt::Display) -> String {
    format!("{what} {why}")
}

/// Checks `new`, naming every problem, into the district row and the
/// first admin's invitation.
fn checked(
    new: &NewDistrict,
    translated: &[&str],
) -> Result<(DistrictRow, InvitationChange), String> {
    let mut problems = Vec::new();
    if !valid_slug(&new.slug) {
        problems.push(problem(
            "--slug",
            "must be 2 to 40 lower-case letters, digits and single hyphens, e.g. lakeview",
        ));
    }
    let name = DistrictName::parse(&new.name).map_err(|e| problems.push(problem("--name", e)));
    if new.time_zone.parse::<chrono_tz::Tz>().is_err() {
        problems.push(problem(
            "--time-zone",
            "is not a time zone such as America/Chicago",
        ));
    }
    let mut languages = Vec::new();
    for raw in &new.languages {
        match Language::parse(raw) {
            Ok(l) if translated.contains(&l.as_str()) && !languages.contains(&l) => {
                languages.push(l)
            }
            Ok(l) if languages.contains(&l) => problems.push(problem(
                "--languages",
                format!("lists {l:?} twice", l = l.as_str()),
            )),
            _ => problems.push(problem(
                "--languages",
                format!("{raw:?} is not one of: {}", translated.join(", ")),
            )),
        }
    }
    if languages.is_empty() || languages.len() > MAX_LANGUAGES {
        problems.push(problem(
            "--languages",
            format!("needs 1 to {MAX_LANGUAGES} languages"),
        ));
    }
    let email =
        Email::parse(&new.admin_email).map_err(|e| problems.push(problem("--admin-email", e)));
    let admin =
        PersonName::parse(&new.admin_name).map_err(|e| problems.push(problem("--admin-name", e)));
    let (Ok(name), Ok(email), Ok(admin), true) = (name, email, admin, problems.is_empty()) else {
        return Err(problems.join("\n"));
    };
    let labels: BTreeMap<String, String> = languages
        .iter()
        .map(|l| {
            (
                l.as_str().to_owned(),
                default_tab_label(l.as_str()).to_owned(),
            )
        })
        .collect();
    let tab_label = labels
        .get(languages[0].as_str())
        .cloned()
        .unwrap_or_default();
    let row = DistrictRow {
        id: DistrictId::new(),
        slug: new.slug.clone(),
        name: name.into(),
        reference_prefix: reference_prefix(&new.slug),
        time_zone: new.time_zone.clone(),
        languages: Languages(languages.clone()),
        tab_label,
        color: "#1a4480".into(),
        first_response_minutes: 510,
        resolution_minutes: 5 * 510,
        fallback_team_id: None,
        next_reference: 1001,
        created_at: clock::now().naive_utc(),
        tab_labels: serde_json::to_string(&labels).map_err(|e| e.to_string())?,
        tab_position: TabPosition::BottomRight,
        pillar_standards: "{}".into(),
        past_due_business_days: 5,
        requester_retention_days: None,
        version: 1,
        weekly_hours: serde_json::to_string(&heard_domain::api::WeeklyHours::school_office())
            .map_err(|e| e.to_string())?,
        closures: "[]".into(),
        calendar_version: 1,
        logo: None,
    };
    let admin = InvitationChange {
        email: email.as_str().to_owned(),
        name: admin.into(),
        roles: vec![Role::Admin],
        team_ids: Vec::new(),
        languages: vec![languages[0].clone()],
    };
    Ok((row, admin))
}

fn store(
    c: &mut AnyConnection,
    keys: &crate::auth::Keys,
    row: DistrictRow,
    admin: InvitationChange,
) -> Result<heard_domain::api::Invitation, ApiError> {
    use diesel::RunQueryDsl;
    if districts::slug_taken(c, &row.slug, row.id)? {
        return Err(ApiError::Conflict(format!(
            "a district's address is already {:?}",
            row.slug
        )));
    }
    diesel::insert_into(schema::districts::table)
        .values(&row)
        .execute(c)
        .map_err(heard_store::StoreError::from)?;
    let author = Author::command_line(row.id);
    let settings = views::district_settings(c, row.id)?;
    author.record(
        c,
        AuditResource::District,
        &row.id.to_string(),
        AuditAction::Created,
        None,
        Some(&settings),
    )?;
    crate::invite::invite(c, keys, row.id, admin, None, &author)
}

/// Creates the district `new` and sends its first admin's invitation;
/// answers what was done, for the person at the command line.
pub async fn create(state: &AppState, new: &NewDistrict) -> Result<String, String> {
    let translated: Vec<&str> = heard_mail::LANGUAGES.iter().map(|(l, _)| *l).collect();
    let (row, admin) = checked(new, &translated)?;
    let (slug, name) = (row.slug.clone(), row.name.clone());
    let keys = state.keys.clone();
    let invitation = state
        .store
        .writer
        .write(move |c| store(c, &keys, row, admin))
        .await
        .map_err(|e| e.to_string())?;
    let job = state
        .store
        .read(|c| {
            let key = invitation_key(c, invitation.staff.id)?;
            heard_store::jobs::find(c, heard_domain::jobs::JobKind::AccountMail, &key)
        })
        .map_err(|e| e.to_string())?;
    let sent = match job {
        Some(id) => crate::work::run_now(state.clone(), id).await?,
        None => false,
    };
    let whereto = match (&state.settings.smtp_url, sent) {
        (_, false) => "it could not be sent now; `heard serve` sends it when it runs".to_owned(),
        (Some(_), true) => format!("sent to {}", invitation.email),
        (None, true) => format!(
            "written to {} (no SMTP server is set: HEARD_SMTP_URL)",
            state.settings.mail_dir.display()
        ),
    };
    Ok(format!(
        "Created {name} at /{slug}.\nInvited {} <{}> as its first admin: the invitation works until {} and was {whereto}.\n",
        invitation.staff.name,
        invitation.email,
        invitation.expires_at.format("%Y-%m-%d %H:%M UTC"),
    ))
}

/// The key of the account-mail job of `staff`'s invitation: its link's id.
fn invitation_key(
    c: &mut AnyConnection,
    staff: heard_domain::StaffId,
) -> Result<String, heard_store::StoreError> {
    heard_store::queries::links::latest_of(c, staff)
        .map(|l| l.map(|l| l.id.to_string()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new() -> NewDistrict {
        NewDistrict {
            slug: "cedar-falls".into(),
            name: "Cedar Falls Community Schools".into(),
            time_zone: "America/Chicago".into(),
            languages: vec!["en".into(), "es".into()],
            admin_email: "it@cedarfalls.example.org".into(),
            admin_name: "Sam Okafor".into(),
        }
    }

    #[test]
    fn a_new_district_speaks_its_languages_and_numbers_from_its_slug() {
        let (row, admin) = checked(&new(), &["en", "es"]).expect("valid");
        assert_eq!(row.reference_prefix, "CED");
        assert_eq!(row.tab_label, "Contact us");
        assert!(row.tab_labels.contains("Contáctenos"));
        assert_eq!(admin.roles, vec![Role::Admin]);
        assert_eq!(reference_prefix("k12"), "HRD");
    }

    #[test]
    fn every_problem_is_named() {
        let mut n = new();
        n.slug = "Cedar Falls".into();
        n.time_zone = "Iowa".into();
        n.languages = vec!["fr".into()];
        n.admin_email = "sam".into();
        let e = checked(&n, &["en", "es"]).expect_err("invalid");
        for flag in ["--slug", "--time-zone", "--languages", "--admin-email"] {
            assert!(e.contains(flag), "{flag} in {e}");
        }
    }
}
