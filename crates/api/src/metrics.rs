//! `/metrics` in Prometheus text format: requests per route and status with
//! their latency, the writer's queue and batch sizes, jobs by kind and
//! state with the age of the oldest due one, emails sent and failed, and
//! the process's own memory and CPU.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{get, web, HttpResponse};
use heard_domain::jobs::{JobKind, JobState};
use heard_store::{clock, jobs, outbox};
use prometheus::{
    Encoder, GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};
use std::collections::HashMap;
use std::time::Instant;

/// Every metric the server keeps.
pub struct Metrics {
    registry: Registry,
    http_requests: IntCounterVec,
    http_seconds: HistogramVec,
    writer_batch: Histogram,
    writer_queue: IntGauge,
    jobs: IntGaugeVec,
    oldest_due: GaugeVec,
    jobs_retried: IntCounterVec,
    emails: IntCounterVec,
    outbox: IntGauge,
}

/// What became of a letter.
#[derive(Debug, Clone, Copy)]
pub enum Email {
    /// The SMTP server (or the folder) took it.
    Sent,
    /// A try failed.
    Failed,
    /// Nobody could receive it.
    Skipped,
}

impl Metrics {
    /// Metrics registered and at zero.
    pub fn new() -> Result<Self, prometheus::Error> {
        // Heard's own series start with `heard_`; the process's are the standard `process_*`.
        let registry = Registry::new();
        let http_requests = IntCounterVec::new(
            Opts::new(
                "heard_http_requests_total",
                "Requests answered, by route and status",
            ),
            &["method", "route", "status"],
        )?;
        let http_seconds = HistogramVec::new(
            HistogramOpts::new(
                "heard_http_request_duration_seconds",
                "Time to answer a request, by route and status",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route", "status"],
        )?;
        let writer_batch = Histogram::with_opts(
            HistogramOpts::new(
                "heard_writer_batch_size",
                "Writes committed together in one batch",
            )
            .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]),
        )?;
        let writer_queue = IntGauge::new(
            "heard_writer_queue_depth",
            "Writes waiting for the writer or being committed",
        )?;
        let jobs = IntGaugeVec::new(
            Opts::new("heard_jobs", "Jobs by kind and state"),
            &["kind", "state"],
        )?;
        let oldest_due = GaugeVec::new(
            Opts::new(
                "heard_jobs_oldest_due_age_seconds",
                "How long the job that has waited longest has been due, by kind",
            ),
            &["kind"],
        )?;
        let jobs_retried = IntCounterVec::new(
            Opts::new(
                "heard_jobs_retried_total",
                "Failed tries that will be tried again, by kind",
            ),
            &["kind"],
        )?;
        let emails = IntCounterVec::new(
            Opts::new(
                "heard_emails_total",
                "Emails by outcome: sent, failed (a try), skipped",
            ),
            &["outcome"],
        )?;
        let outbox = IntGauge::new("heard_outbox_waiting", "Published events not yet handed on")?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_seconds.clone()))?;
        registry.register(Box::new(writer_batch.clone()))?;
        registry.register(Box::new(writer_queue.clone()))?;
        registry.register(Box::new(jobs.clone()))?;
        registry.register(Box::new(oldest_due.clone()))?;
        registry.register(Box::new(jobs_retried.clone()))?;
        registry.register(Box::new(emails.clone()))?;
        registry.register(Box::new(outbox.clone()))?;
        registry.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        for outcome in ["sent", "failed", "skipped"] {
            emails.with_label_values(&[outcome]);
        }
        for kind in JobKind::ALL {
            jobs_retried.with_label_values(&[kind.as_str()]);
        }
        Ok(Self {
            registry,
            http_requests,
            http_seconds,
            writer_batch,
            writer_queue,
            jobs,
            oldest_due,
            jobs_retried,
            emails,
            outbox,
        })
    }

    /// Counts a letter's outcome.
    pub fn email(&self, outcome: Email) {
        let label = match outcome {
            Email::Sent => "sent",
            Email::Failed => "failed",
            Email::Skipped => "skipped",
        };
        self.emails.with_label_values(&[label]).inc();
    }

    /// Counts a failed try of a `kind` job that will be tried again.
    pub fn retried(&self, kind: JobKind) {
        self.jobs_retried.with_label_values(&[kind.as_str()]).inc();
    }

    /// Records a committed batch of `size` writes.
    pub fn batch(&self, size: usize) {
        self.writer_batch.observe(size as f64);
    }
}

/// Counts every request by its route's pattern (never its raw path, so ids
/// do not each make a series) and status.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let kept = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let method = req.method().as_str().to_owned();
    let res = next.call(req).await?;
    if let Some(m) = kept {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "other".into());
        let status = res.status().as_u16().to_string();
        let labels = [method.as_str(), route.as_str(), status.as_str()];
        m.http_requests.with_label_values(&labels).inc();
        m.http_seconds
            .with_label_values(&labels)
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(res)
}

/// The metrics, for Prometheus to scrape.
#[utoipa::path(
    tag = "health",
    operation_id = "metrics",
    responses(
        (status = 200, body = String, content_type = "text/plain", description = "Prometheus text format (version 0.0.4)"),
        (status = 503, body = heard_domain::api::Problem, content_type = "application/problem+json", description = "The database could not be read"),
    )
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = clock::now();
    let (counts, oldest, waiting) = crate::routes::read(&state, move |c| {
        Ok((
            jobs::counts(c)?,
            jobs::oldest_due(c, now)?,
            outbox::waiting(c)?,
        ))
    })
    .await?;
    let m = &state.metrics;
    let counts: HashMap<(JobKind, JobState), i64> =
        counts.into_iter().map(|(k, s, n)| ((k, s), n)).collect();
    let oldest: HashMap<JobKind, f64> = oldest
        .into_iter()
        .filter_map(|(k, t)| {
            t.map(|t| (k, (now.naive_utc() - t).num_milliseconds() as f64 / 1000.0))
        })
        .collect();
    for kind in JobKind::ALL {
        for st in JobState::ALL {
            let n = counts.get(&(*kind, *st)).copied().unwrap_or(0);
            m.jobs
                .with_label_values(&[kind.as_str(), st.as_str()])
                .set(n);
        }
        let age = oldest.get(kind).copied().unwrap_or(0.0).max(0.0);
        m.oldest_due.with_label_values(&[kind.as_str()]).set(age);
    }
    m.writer_queue.set(state.store.writer.queued() as i64);
    m.outbox.set(waiting);
    let mut body = Vec::new();
    TextEncoder::new()
        .encode(&m.registry.gather(), &mut body)
        .map_err(|e| ApiError::Internal(format!("metrics: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(prometheus::TEXT_FORMAT)
        .body(body))
}
