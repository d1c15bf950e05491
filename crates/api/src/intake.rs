//! Receiving an inquiry: validate, route, compute due times, and store it
//! with its timeline and idempotency record in one durable write.

use crate::auth::{sha256_hex, tracking_key};
use crate::directory::DistrictConfig;
use crate::error::ApiError;
use crate::routes::read;
use crate::state::AppState;
use crate::views::{self, naive};
use actix_web::web;
use chrono::Utc;
use heard_domain::api::{NamedRef, NewInquiry, SubmitReceipt, ValidInquiry};
use heard_domain::routing::{route, RoutingInput};
use heard_domain::{Channel, EventKind, InquiryId, Priority, Reference, Status};
use heard_store::facts::{self, FactInputs};
use heard_store::queries::inquiries;
use heard_store::rows::{DistrictRow, EventRow, IdempotencyRow, InquiryRow, TeamRow};
use heard_store::NewInquiryRows;

/// What was decided before the write.
struct Prepared {
    district: DistrictRow,
    inquiry: ValidInquiry,
    team: TeamRow,
    trace: heard_domain::routing::RoutingTrace,
}

fn tracking_url(state: &AppState, token: &str) -> String {
    format!("{}/track/{token}", state.settings.public_url)
}

fn request_hash(body: &NewInquiry) -> String {
    sha256_hex(&serde_json::to_vec(body).unwrap_or_default())
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
    let id = views::id(&row.inquiry_id)?;
    let mut token = state.keys.tracking_token(id);
    if tracking_key(&token).as_deref() != Some(stored_key) {
        token = state.keys.legacy_tracking_token(id);
    }
    receipt.tracking_url = tracking_url(state, &token);
    receipt.tracking_token = token;
    Ok(receipt)
}

/// Checks the submission against the district's configuration and routes it.
fn prepare(cfg: &DistrictConfig, body: &NewInquiry) -> Result<Prepared, ApiError> {
    let district = cfg.district.clone();
    let mut errors = heard_domain::ValidationErrors::new();
    let topic = cfg
        .topics
        .iter()
        .find(|t| t.id == body.topic_id.to_string());
    if topic.is_none() {
        errors.add("topic_id", "is not a topic of this district");
    }
    if let Some(u) = body.unit_id {
        if !cfg.units.iter().any(|x| x.id == u.to_string()) {
            errors.add("unit_id", "is not a school or department of this district");
        }
    }
    let inquiry = match body.parse(&views::languages(&district)) {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(errors.into()),
        Err(mut e) => {
            e.0.extend(errors.0);
            return Err(e.into());
        }
    };
    let topic = topic.ok_or_else(|| ApiError::Internal("topic vanished".into()))?;
    let fallback = district
        .fallback_team_id
        .as_deref()
        .map(views::id)
        .transpose()?;
    let text = format!("{}\n{}", inquiry.subject.as_str(), inquiry.body.as_str());
    let decision = route(
        &RoutingInput {
            topic_id: inquiry.topic_id,
            topic_name: &topic.name,
            topic_default_team: topic
                .default_team_id
                .as_deref()
                .map(views::id)
                .transpose()?,
            unit_id: inquiry.unit_id,
            kind: inquiry.kind,
            role: inquiry.requester.role,
            text: &text,
        },
        fallback.ok_or_else(|| ApiError::Internal("district has no fallback team".into()))?,
    );
    let team = cfg
        .teams
        .iter()
        .find(|t| t.id == decision.team_id.to_string())
        .cloned()
        .ok_or_else(|| ApiError::Internal("routed to a team that does not exist".into()))?;
    Ok(Prepared {
        district,
        inquiry,
        team,
        trace: decision.trace,
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
    let hash = request_hash(&body);
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

    let now = Utc::now();
    let calendar = views::calendar(&p.district)?;
    let standard = views::standard(&p.district);
    let first_due = calendar.add_business_minutes(now, standard.first_response_minutes);
    let resolution_due = calendar.add_business_minutes(now, standard.resolution_minutes);
    let id = InquiryId::new();
    let token = state.keys.tracking_token(id.0);
    let team_ref = NamedRef {
        id: views::id(&p.team.id)?,
        name: p.team.name.clone(),
    };

    let district_id = p.district.id.clone();
    let district_for_retry = p.district.id.clone();
    let prefix = p.district.reference_prefix.clone();
    let key = idempotency_key.clone();
    let backend = state.store.backend;
    let token_for_row = tracking_key(&token)
        .ok_or_else(|| ApiError::Internal("tracking token has no key".into()))?;
    let hash_for_row = hash.clone();
    let written = state
        .store
        .writer
        .intake(district_id.clone(), idempotency_key.clone(), move |number| {
            let reference = Reference::new(&prefix, u64::try_from(number).unwrap_or(0))
                .map_err(|e| ApiError::Internal(format!("reference: {e}")))?
                .to_string();
            let v = &p.inquiry;
            let r = &v.requester;
            let inquiry = InquiryRow {
                id: id.to_string(),
                district_id: district_id.clone(),
                reference_number: number,
                reference: reference.clone(),
                kind: v.kind.as_str().into(),
                channel: channel.as_str().into(),
                status: Status::New.as_str().into(),
                priority: Priority::Normal.as_str().into(),
                topic_id: v.topic_id.to_string(),
                unit_id: v.unit_id.map(|u| u.to_string()),
                team_id: p.team.id.clone(),
                assignee_id: None,
                subject: v.subject.as_str().into(),
                body: v.body.as_str().into(),
                requester_name: r.name.as_ref().map(|n| n.as_str().into()),
                requester_email: r.email.as_ref().map(|e| e.as_str().into()),
                requester_phone: r.phone.as_ref().map(|p| p.as_str().into()),
                requester_role: r.role.as_str().into(),
                requester_language: r.preferred_language.as_str().into(),
                anonymous: v.anonymous,
                contact_keys: r.contact_keys().join(","),
                tracking_token_hash: token_for_row,
                routing_rule: p.trace.rule.clone(),
                routing_reason: p.trace.reason.clone(),
                rerouted: false,
                version: 1,
                created_at: naive(now),
                updated_at: naive(now),
                first_response_due_at: Some(naive(first_due)),
                resolution_due_at: Some(naive(resolution_due)),
                first_response_at: None,
                resolved_at: None,
            };
            let events: Vec<EventRow> = [
                (EventKind::Created, serde_json::json!({ "channel": channel.as_str(), "reference": reference })),
                (
                    EventKind::Assigned,
                    serde_json::json!({ "team_id": p.team.id, "team": p.team.name, "rule": p.trace.rule, "reason": p.trace.reason }),
                ),
            ]
            .into_iter()
            .map(|(kind, data)| EventRow {
                id: uuid::Uuid::now_v7().to_string(),
                inquiry_id: inquiry.id.clone(),
                district_id: district_id.clone(),
                kind: kind.as_str().into(),
                actor_kind: "system".into(),
                actor_staff_id: None,
                data: data.to_string(),
                created_at: naive(now),
            })
            .collect();
            let receipt = SubmitReceipt {
                id,
                reference,
                status: Status::New,
                tracking_token: String::new(),
                tracking_url: String::new(),
                team: team_ref,
                first_response_due_at: first_due,
            };
            let idempotency = match key {
                Some(k) => Some(IdempotencyRow {
                    district_id: district_id.clone(),
                    idempotency_key: k,
                    request_hash: hash_for_row,
                    inquiry_id: inquiry.id.clone(),
                    response: serde_json::to_string(&receipt)
                        .map_err(|e| ApiError::Internal(e.to_string()))?,
                    created_at: naive(now),
                }),
                None => None,
            };
            let inputs = FactInputs::from(&inquiry).as_stored(backend);
            let rows = NewInquiryRows {
                fact: facts::fact_row(&inputs, None, &calendar, false),
                contacts: facts::contact_rows(&inputs),
                inquiry,
                events,
                idempotency,
            };
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
                let row = inquiries::idempotency(c, &district_for_retry, &k)?
                    .ok_or_else(|| ApiError::Internal("idempotency record vanished".into()))?;
                let stored_key =
                    inquiries::by_id(c, &district_for_retry, &row.inquiry_id)?.tracking_token_hash;
                Ok::<_, ApiError>((row, stored_key))
            })
            .await?;
            replay(state, &existing, &stored_key, &hash)
        }
        Err(e) => Err(e),
    }
}
