//! Keeping each inquiry's report facts current. Every change to an input of
//! the reports (intake, first public reply, first resolution, re-routing,
//! feedback) calls in here inside its own write, so the facts commit or roll
//! back with the change.

use crate::error::ApiError;
use heard_domain::calendar::BusinessCalendar;
use heard_store::facts::{self, FactInputs, ReportFact};
use heard_store::queries::{districts, reports, threads};
use heard_store::rows::{ContactRow, FeedbackRow, InquiryRow};
use heard_store::AnyConnection;

/// The fact row and contact rows of a newly received inquiry, with its
/// repeat-contact flag looked up (the definition looks only backwards, so
/// the flag never changes afterwards). Store them with
/// [`reports::insert_new`], one call for any number of new inquiries.
pub fn for_new_inquiry(
    c: &mut AnyConnection,
    row: &InquiryRow,
    calendar: &BusinessCalendar,
) -> Result<(ReportFact, Vec<ContactRow>), ApiError> {
    let inputs = FactInputs::from(row).as_stored(c.backend());
    let repeat = reports::is_repeat_contact(
        c,
        &inputs.district_id,
        &facts::contact_keys(&inputs.contact_keys),
        inputs.created_at,
    )?;
    let feedback = None;
    Ok((
        facts::fact_row(&inputs, feedback, calendar, repeat),
        facts::contact_rows(&inputs),
    ))
}

/// Stores the facts of a newly received inquiry (see [`for_new_inquiry`]).
pub fn record_new(
    c: &mut AnyConnection,
    row: &InquiryRow,
    calendar: &BusinessCalendar,
) -> Result<(), ApiError> {
    let (fact, contacts) = for_new_inquiry(c, row, calendar)?;
    reports::insert_new(c, &[fact], &contacts)?;
    Ok(())
}

fn calendar_of(c: &mut AnyConnection, district_id: &str) -> Result<BusinessCalendar, ApiError> {
    let district = districts::by_id(c, district_id)?;
    facts::calendar(&district).map_err(ApiError::from)
}

/// Facts for an inquiry that has none (stored before they existed and not
/// yet backfilled), from everything known about it now.
fn insert_whole(
    c: &mut AnyConnection,
    row: &InquiryRow,
    calendar: &BusinessCalendar,
) -> Result<(), ApiError> {
    let (mut fact, contacts) = for_new_inquiry(c, row, calendar)?;
    if let Some(f) = threads::feedback(c, &row.id)? {
        let [overall, courtesy, communication, responsiveness, environment, recommend] =
            facts::feedback_columns(Some(&facts::feedback_facts(&f)));
        let row = &mut fact.row;
        row.feedback_overall = overall;
        row.feedback_courtesy = courtesy;
        row.feedback_communication = communication;
        row.feedback_responsiveness = responsiveness;
        row.feedback_environment = environment;
        row.feedback_recommend = recommend;
    }
    reports::insert_new(c, &[fact], &contacts)?;
    Ok(())
}

/// Brings the facts up to date after `row` was saved: its team and
/// re-routing, its first response and first resolution (in calendar and
/// business time) and whether the response came in time.
pub fn refresh(c: &mut AnyConnection, row: &InquiryRow) -> Result<(), ApiError> {
    let calendar = calendar_of(c, &row.district_id)?;
    let inputs = FactInputs::from(row).as_stored(c.backend());
    // Feedback and the repeat flag are not among what this writes.
    let progress = facts::fact_row(&inputs, None, &calendar, false);
    if !reports::update_progress(c, &progress)? {
        insert_whole(c, row, &calendar)?;
    }
    Ok(())
}

/// Adds the family's ratings to the facts of the inquiry they rated.
pub fn record_feedback(
    c: &mut AnyConnection,
    row: &InquiryRow,
    f: &FeedbackRow,
) -> Result<(), ApiError> {
    let columns = facts::feedback_columns(Some(&facts::feedback_facts(f)));
    if !reports::set_feedback(c, &row.id, columns)? {
        let calendar = calendar_of(c, &row.district_id)?;
        insert_whole(c, row, &calendar)?;
    }
    Ok(())
}
