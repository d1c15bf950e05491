//! Report facts from stored rows. The numbers come from the domain
//! (`heard_domain::metrics::ReportFacts`); this module only turns rows into
//! its inputs and its answer into rows, for every path that writes them.

use crate::conn::{AnyConnection, Backend};
use crate::error::StoreError;
use crate::reports;
use crate::rows::{ContactRow, DistrictRow, FeedbackRow, InquiryRow, ReportFactRow};
use crate::schema::feedback;
use crate::schema::inquiries;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use heard_domain::calendar::form::CalendarChange;
use heard_domain::calendar::BusinessCalendar;
use heard_domain::feedback::PillarRatings;
use heard_domain::metrics::{FeedbackFacts, FeedbackNumbers, InquiryFacts, ReportFacts};
use heard_domain::{DistrictId, InquiryId, TeamId, TopicId, UnitId};

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("stored {what} {value:?} is not valid"))
}

/// The district's business calendar as its admins wrote it.
pub fn calendar_settings(d: &DistrictRow) -> Result<CalendarChange, StoreError> {
    Ok(CalendarChange {
        weekly_hours: serde_json::from_str(&d.weekly_hours)
            .map_err(|_| corrupt("weekly hours", &d.weekly_hours))?,
        closures: serde_json::from_str(&d.closures)
            .map_err(|_| corrupt("closures", &d.closures))?,
    })
}

/// The district's business calendar.
pub fn calendar(d: &DistrictRow) -> Result<BusinessCalendar, StoreError> {
    calendar_settings(d)?
        .calendar(&d.time_zone)
        .map_err(|e| StoreError::Corrupt(format!("district calendar: {e}")))
}

/// The columns of an inquiry its report facts depend on.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = inquiries)]
pub struct FactInputs {
    pub id: InquiryId,
    pub district_id: DistrictId,
    pub created_at: NaiveDateTime,
    pub unit_id: Option<UnitId>,
    pub topic_id: TopicId,
    pub team_id: TeamId,
    pub contact_keys: String,
    pub rerouted: bool,
    pub first_response_due_at: Option<NaiveDateTime>,
    pub first_response_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
}

impl From<&InquiryRow> for FactInputs {
    fn from(r: &InquiryRow) -> Self {
        Self {
            id: r.id,
            district_id: r.district_id,
            created_at: r.created_at,
            unit_id: r.unit_id,
            topic_id: r.topic_id,
            team_id: r.team_id,
            contact_keys: r.contact_keys.clone(),
            rerouted: r.rerouted,
            first_response_due_at: r.first_response_due_at,
            first_response_at: r.first_response_at,
            resolved_at: r.resolved_at,
        }
    }
}

impl FactInputs {
    /// The same inquiry with its times as `backend` stores them.
    pub fn as_stored(mut self, backend: Backend) -> Self {
        self.created_at = backend.stored_time(self.created_at);
        for t in [
            &mut self.first_response_due_at,
            &mut self.first_response_at,
            &mut self.resolved_at,
        ] {
            *t = t.map(|v| backend.stored_time(v));
        }
        self
    }
}

/// The requester's distinct normalised email and phone.
pub fn contact_keys(joined: &str) -> Vec<String> {
    let mut keys: Vec<String> = joined
        .split(',')
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A stored rating of 0–10, which a wider number is not.
fn rating(v: i64, what: &str) -> Result<u8, StoreError> {
    u8::try_from(v)
        .ok()
        .filter(|r| *r <= 10)
        .ok_or_else(|| corrupt(what, &v.to_string()))
}

/// The numbers of stored feedback, as the metrics read them.
pub fn feedback_facts(f: &FeedbackRow) -> Result<FeedbackFacts, StoreError> {
    Ok(FeedbackFacts {
        overall: rating(f.overall, "overall rating")?,
        pillars: PillarRatings {
            courtesy: f.courtesy,
            communication: f.communication,
            responsiveness: f.responsiveness,
            environment: f.environment,
        },
        recommend: f
            .recommend
            .map(|r| rating(r, "recommend rating"))
            .transpose()?,
    })
}

/// What the metrics definition reads of a stored inquiry.
pub fn inquiry_facts(
    i: &FactInputs,
    feedback: Option<&FeedbackRow>,
) -> Result<InquiryFacts, StoreError> {
    Ok(InquiryFacts {
        created_at: i.created_at.and_utc(),
        first_response_at: i.first_response_at.map(|t| t.and_utc()),
        first_response_due_at: i.first_response_due_at.map(|t| t.and_utc()),
        resolved_at: i.resolved_at.map(|t| t.and_utc()),
        requester_keys: contact_keys(&i.contact_keys),
        rerouted: i.rerouted,
        feedback: feedback.map(feedback_facts).transpose()?,
    })
}

/// The fact-row columns of feedback, in [`FeedbackNumbers`] order (all unknown without it).
pub fn feedback_columns(f: Option<&FeedbackFacts>) -> FeedbackNumbers {
    f.map(FeedbackFacts::numbers).unwrap_or_default()
}

/// Where an inquiry is reported: its district, school or department (empty
/// for none), topic and current team.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    pub district_id: String,
    pub unit_id: String,
    pub topic_id: String,
    pub team_id: String,
}

/// The report facts of one inquiry and where it is reported.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFact {
    /// Where it is reported.
    pub scope: ScopeKey,
    /// The row to store; its `scope_id` is filled in when it is written.
    pub row: ReportFactRow,
}

/// The report facts of an inquiry whose times are as stored (see
/// [`FactInputs::as_stored`]), with its feedback and repeat-contact flag.
pub fn fact_row(
    i: &FactInputs,
    feedback: Option<&FeedbackRow>,
    calendar: &BusinessCalendar,
    repeat_contact: bool,
) -> Result<ReportFact, StoreError> {
    let inquiry = inquiry_facts(i, feedback)?;
    let f = ReportFacts::of(&inquiry, calendar);
    let [overall, courtesy, communication, responsiveness, environment, recommend] =
        feedback_columns(inquiry.feedback.as_ref());
    Ok(ReportFact {
        scope: ScopeKey {
            district_id: i.district_id.to_string(),
            // A scope with no school or department is kept with an empty unit.
            unit_id: i.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            topic_id: i.topic_id.to_string(),
            team_id: i.team_id.to_string(),
        },
        row: ReportFactRow {
            scope_id: 0,
            created_at: i.created_at,
            inquiry_id: i.id,
            // Once answered, whether it was in time is all that matters.
            first_response_due_at: i
                .first_response_due_at
                .filter(|_| f.first_response_seconds.is_none()),
            first_response_on_time: f.first_response_on_time,
            first_response_seconds: f.first_response_seconds,
            first_response_business_seconds: f.first_response_business_seconds,
            resolution_seconds: f.resolution_seconds,
            resolution_business_seconds: f.resolution_business_seconds,
            rerouted: i.rerouted,
            repeat_contact,
            feedback_overall: overall,
            feedback_courtesy: courtesy,
            feedback_communication: communication,
            feedback_responsiveness: responsiveness,
            feedback_environment: environment,
            feedback_recommend: recommend,
        },
    })
}

/// One contact row per distinct key of the requester.
pub fn contact_rows(i: &FactInputs) -> Vec<ContactRow> {
    contact_keys(&i.contact_keys)
        .into_iter()
        .map(|k| ContactRow {
            district_id: i.district_id,
            contact_key: k,
            created_at: i.created_at,
            inquiry_id: i.id,
        })
        .collect()
}

fn calendar_of(
    c: &mut AnyConnection,
    district: DistrictId,
) -> Result<BusinessCalendar, StoreError> {
    calendar(&crate::queries::districts::by_id(c, district)?)
}

/// The facts of an inquiry stored without them (from before they existed,
/// and not yet backfilled), from everything known of it now.
fn insert_whole(
    c: &mut AnyConnection,
    inputs: &FactInputs,
    calendar: &BusinessCalendar,
) -> Result<(), StoreError> {
    let repeat = reports::is_repeat_contact(
        c,
        inputs.district_id,
        &contact_keys(&inputs.contact_keys),
        inputs.created_at,
    )?;
    let fb = feedback::table
        .find(inputs.id)
        .select(FeedbackRow::as_select())
        .first(c)
        .optional()?;
    let fact = fact_row(inputs, fb.as_ref(), calendar, repeat)?;
    reports::insert_new(c, &[fact], &contact_rows(inputs))
}

/// Brings the facts of inquiry `id` up to date after a change was saved:
/// where it is reported (its team), re-routing, first response and first
/// resolution in calendar and business time, whether the response came in
/// time; and the family's ratings when it was just `rated`.
pub fn refresh(
    c: &mut AnyConnection,
    id: InquiryId,
    rated: Option<&FeedbackRow>,
) -> Result<(), StoreError> {
    let inputs: FactInputs = inquiries::table
        .find(id)
        .select(FactInputs::as_select())
        .first(c)?;
    let calendar = calendar_of(c, inputs.district_id)?;
    // Feedback and the repeat flag are not among what this writes.
    let progress = fact_row(&inputs, None, &calendar, false)?;
    if !reports::update_progress(c, &progress)? {
        return insert_whole(c, &inputs, &calendar);
    }
    if let Some(f) = rated {
        let columns = feedback_columns(Some(&feedback_facts(f)?));
        reports::set_feedback(c, id, columns)?;
    }
    Ok(())
}
