//! Receiving an inquiry: validate, route, compute due times, and store it
//! with its timeline and idempotency record in one durable write.

use crate::auth::{sha256_hex, tracking_key};
use crate::directory::DistrictConfig;
use crate::error::ApiError;
use crate::routes::read;
use crate::state::AppState;
use actix_web::web;
use heard_domain::api::{NewInquiry, SubmitReceipt, ValidInquiry};
use heard_domain::case::{Arrival, Case};
use heard_domain::routing::{routable, route, RoutingInput, RoutingTrace};
use heard_domain::validation::Invalid;
use heard_domain::{
    Channel, InquiryId, Reference, ServiceStandard, Status, TeamRef, TopicRef, UnitRef,
};
use heard_store::queries::inquiries;
use heard_store::rows::{DistrictRow, IdempotencyRow};
use heard_store::{cases, clock};
use std::sync::Arc;

/// What was decided before the write.
struct Prepared {
    district: DistrictRow,
    inquiry: ValidInquiry,
    topic: TopicRef,
    unit: Option<UnitRef>,
    team: TeamRef,
    trace: RoutingTrace,
}

/// The family's private link to the inquiry with tracking token `token`.
pub fn tracking_url(state: &AppState, token: &str) -> String {
    format!("{}/track/{token}", state.settings.public_url)
}

fn request_hash(body: &NewInquiry) -> Result<String, ApiError> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| ApiError::Internal(format!("submission does not serialise: {e}")))?;
    Ok(sha256_hex(&bytes))
}

/// The original response for a reused idempotency key, or 422 if the body
/// differs. `stored_key` is the inquiry's tracking key: the link handed out
/// then is handed out again.
fn replay(
    state: &AppState,
    row: &IdempotencyRow,
    stored_key: &str,
    hash: &str,
) -> Result<SubmitReceipt, ApiError> {
    if row.request_hash != hash {
        return Err(ApiError::IdempotencyMismatch);
    }
    let mut receipt: SubmitReceipt = serde_json::from_str(&row.response)
        .map_err(|e| ApiError::Internal(format!("stored idempotent response: {e}")))?;
    let token = state
        .keys
        .tracking_token_stored_as(row.inquiry_id.0, stored_key);
    receipt.tracking_url = tracking_url(state, &token);
    receipt.tracking_token = token;
    Ok(receipt)
}

/// Checks the submission against the district's configuration and routes it.
fn prepare(cfg: &DistrictConfig, body: &NewInquiry) -> Result<Prepared, ApiError> {
    let district = cfg.district.clone();
    let mut errors = heard_domain::ValidationErrors::new();
    // A topic with no team to go to is not offered to families (see the
    // portal), so to a caller it is as unknown as one never made.
    let topic = cfg
        .topics
        .iter()
        .find(|t| t.id == body.topic_id && routable(t.default_team_id, district.fallback_team_id));
    if topic.is_none() {
        errors.add("topic_id", Invalid::Unknown { what: "a topic" });
    }
    let unit = match body.unit_id {
        Some(u) => {
            let found = cfg.units.iter().find(|x| x.id == u);
            if found.is_none() {
                errors.add(
                    "unit_id",
                    Invalid::Unknown {
                        what: "a school or department",
                    },
                );
            }
            found
        }
        None => None,
    };
    let offered: Vec<String> = district
        .languages
        .0
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    let inquiry = match body.parse(&offered) {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(errors.into()),
        Err(mut e) => {
            e.0.extend(errors.0);
            return Err(e.into());
        }
    };
    let topic = topic.ok_or_else(|| ApiError::Internal("topic vanished".into()))?;
    let text = format!("{}\n{}", inquiry.subject.as_str(), inquiry.body.as_str());
    let decision = route(
        &RoutingInput {
            topic_id: inquiry.topic_id,
            topic_name: &topic.name,
            topic_default_team: topic.default_team_id,
            unit_id: inquiry.unit_id,
            kind: inquiry.kind,
            role: inquiry.requester.role,
            text: &text,
        },
        district.fallback_team_id,
    )
    .ok_or_else(|| ApiError::field("topic_id", Invalid::Unknown { what: "a topic" }))?;
    let team = cfg
        .teams
        .iter()
        .find(|t| t.id == decision.team_id)
        .ok_or_else(|| ApiError::Internal("routed to a team that does not exist".into()))?;
    Ok(Prepared {
        inquiry,
        topic: TopicRef {
            id: topic.id,
            name: topic.name.clone(),
        },
        unit: unit.map(|u| UnitRef {
            id: u.id,
            name: u.name.clone(),
        }),
        team: TeamRef {
            id: team.id,
            name: team.name.clone(),
        },
        trace: decision.trace,
        district,
    })
}

/// Validates, routes and stores a new inquiry; returns the receipt for the family.
///
/// With the district's configuration in memory this touches the database
/// only through the writer, which also answers a reused idempotency key.
pub async fn submit(
    state: &web::Data<AppState>,
    slug: String,
    body: NewInquiry,
    idempotency_key: Option<String>,
    channel: Channel,
) -> Result<SubmitReceipt, ApiError> {
    let hash = request_hash(&body)?;
    let cfg = match state.directory.cached(&slug) {
        Some(cfg) => cfg,
        None => {
            let directory = state.directory.clone();
            read(state, move |c| {
                directory
                    .get(c, &slug)
                    .map_err(crate::routes::portal::not_found_district)
            })
            .await?
        }
    };
    let p = prepare(&cfg, &body)?;

    let now = clock::now();
    let standard = ServiceStandard {
        first_response_minutes: p.district.first_response_minutes,
        resolution_minutes: p.district.resolution_minutes,
    };
    let first_due = cfg
        .calendar
        .add_business_minutes(now, standard.first_response_minutes);
    let resolution_due = cfg
        .calendar
        .add_business_minutes(now, standard.resolution_minutes);
    let shared = Arc::clone(&cfg);
    let id = InquiryId::new();
    let token = state.keys.tracking_token(id.0);
    let district_id = p.district.id;
    let prefix = p.district.reference_prefix.clone();
    let key = idempotency_key.clone();
    let token_key = tracking_key(&token)
        .ok_or_else(|| ApiError::Internal("tracking token has no key".into()))?;
    let hash_for_row = hash.clone();
    let written = state
        .store
        .writer
        .intake(district_id, idempotency_key.clone(), move |number| {
            let number_u64 = u64::try_from(number)
                .map_err(|_| ApiError::Internal(format!("reference number {number}")))?;
            let reference = Reference::new(&prefix, number_u64)
                .map_err(|e| ApiError::Internal(format!("reference: {e}")))?
                .to_string();
            let (case, events) = Case::receive(
                Arrival {
                    id,
                    district_id,
                    reference: reference.clone(),
                    kind: p.inquiry.kind,
                    channel,
                    topic: p.topic.clone(),
                    unit: p.unit.clone(),
                    team: p.team.clone(),
                    routing: p.trace.clone(),
                    language: p.inquiry.requester.preferred_language.clone(),
                    recorded_by: None,
                    first_response_due_at: first_due,
                    resolution_due_at: resolution_due,
                },
                now,
            );
            let receipt = SubmitReceipt {
                id,
                reference,
                status: Status::New,
                tracking_token: String::new(),
                tracking_url: String::new(),
                team: p.team.clone(),
                first_response_due_at: first_due,
            };
            let idempotency = match key {
                Some(k) => Some(IdempotencyRow {
                    district_id,
                    idempotency_key: k,
                    request_hash: hash_for_row,
                    inquiry_id: id,
                    response: serde_json::to_string(&receipt)
                        .map_err(|e| ApiError::Internal(e.to_string()))?,
                    created_at: now.naive_utc(),
                }),
                None => None,
            };
            let arrival = cases::arrival(
                &case, number, &p.inquiry, &p.trace, token_key, &events, standard,
            )?;
            let rows = cases::new_inquiry_rows(arrival, idempotency, &shared.calendar)?;
            Ok::<_, ApiError>((rows, receipt))
        })
        .await;
    match written {
        Ok(mut receipt) => {
            receipt.tracking_url = tracking_url(state, &token);
            receipt.tracking_token = token;
            Ok(receipt)
        }
        // The key was used before (a retry, or a concurrent twin): answer as
        // the request that stored it was answered.
        Err(ApiError::Conflict(_)) if idempotency_key.is_some() => {
            let k = idempotency_key.unwrap_or_default();
            let (existing, stored_key) = read(state, move |c| {
                let row = inquiries::idempotency(c, district_id, &k)?
                    .ok_or_else(|| ApiError::Internal("idempotency record vanished".into()))?;
                let stored_key =
                    inquiries::by_id(c, district_id, row.inquiry_id)?.tracking_token_hash;
                Ok::<_, ApiError>((row, stored_key))
            })
            .await?;
            replay(state, &existing, &stored_key, &hash)
        }
        Err(e) => Err(e),
    }
}
