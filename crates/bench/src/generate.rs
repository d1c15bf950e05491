//! A large history in bulk: inquiries spread over the past year across the
//! demo district's topics, teams and statuses, a third of them rated, with
//! their report facts.

use chrono::Duration;
use diesel::prelude::*;
use heard_domain::{InquiryId, Status, TeamId, TopicId};
use heard_store::rows::{FeedbackRow, InquiryRow};
use heard_store::{schema, AnyConnection, DatabaseUrl};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// An inquiry of the demo district to copy.
pub fn template(c: &mut AnyConnection) -> Result<InquiryRow, String> {
    schema::inquiries::table
        .select(InquiryRow::as_select())
        .first(c)
        .map_err(|e| format!("no inquiry to copy ({e}); run `heard seed-demo` first"))
}

/// Adds `count` inquiries; returns how many.
pub fn run(db: &str, count: usize) -> Result<usize, String> {
    let url = DatabaseUrl::parse(db).map_err(|e| e.to_string())?;
    let mut conn = url.connect().map_err(|e| e.to_string())?;
    let template = template(&mut conn)?;
    let topics: Vec<(TopicId, Option<TeamId>)> = schema::topics::table
        .select((schema::topics::id, schema::topics::default_team_id))
        .load(&mut conn)
        .map_err(|e| e.to_string())?;
    let fallback: TeamId = schema::teams::table
        .select(schema::teams::id)
        .first(&mut conn)
        .map_err(|e| e.to_string())?;
    let start: i64 = schema::districts::table
        .select(schema::districts::next_reference)
        .first(&mut conn)
        .map_err(|e| e.to_string())?;
    use Status::*;
    let statuses = [
        New,
        Assigned,
        InProgress,
        AwaitingRequester,
        Resolved,
        Resolved,
        Closed,
        Closed,
        Closed,
    ];
    let mut rng = StdRng::seed_from_u64(1_000_000);
    let now = heard_store::clock::now().naive_utc();
    // Oldest first, as a live installation receives them.
    let mut ages: Vec<i64> = (0..count)
        .map(|_| rng.gen_range(60..365 * 24 * 3600))
        .collect();
    ages.sort_unstable_by(|a, b| b.cmp(a));
    let mut done = 0;
    while done < count {
        let n = (count - done).min(10_000);
        let mut rows = Vec::with_capacity(n);
        let mut ratings = Vec::new();
        for i in 0..n {
            let number = start + (done + i) as i64;
            let created = now - Duration::seconds(ages[done + i]);
            let (topic, team) = &topics[rng.gen_range(0..topics.len())];
            let status = statuses[rng.gen_range(0..statuses.len())];
            let answered = status != New && status != Assigned;
            let first = created + Duration::minutes(rng.gen_range(5..3000));
            let mut row = template.clone();
            row.id = InquiryId::new();
            row.reference_number = number;
            row.reference = format!("LKV-{number}");
            row.topic_id = *topic;
            row.team_id = team.unwrap_or(fallback);
            row.status = status;
            row.tracking_token_hash = row.id.to_string();
            row.contact_keys = format!("email:family{}@example.org", rng.gen_range(0..300_000));
            row.created_at = created;
            row.updated_at = created;
            row.first_response_due_at = Some(created + Duration::hours(24));
            row.first_response_at = answered.then_some(first);
            row.resolved_at = matches!(status, Resolved | Closed)
                .then(|| first + Duration::minutes(rng.gen_range(10..5000)));
            if row.resolved_at.is_some() && rng.gen_bool(0.35) {
                ratings.push(FeedbackRow {
                    inquiry_id: row.id,
                    overall: rng.gen_range(5..=10),
                    courtesy: rng.gen_range(3..=5),
                    communication: rng.gen_range(3..=5),
                    responsiveness: rng.gen_range(3..=5),
                    environment: None,
                    recommend: Some(rng.gen_range(5..=10)),
                    comment: None,
                    created_at: created,
                });
            }
            rows.push(row);
        }
        conn.transaction::<_, diesel::result::Error, _>(|c| {
            for chunk in rows.chunks(500) {
                heard_store::insert_batch!(c, schema::inquiries::table, chunk)?;
            }
            for chunk in ratings.chunks(1000) {
                heard_store::insert_batch!(c, schema::feedback::table, chunk)?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        done += n;
    }
    diesel::update(schema::districts::table)
        .set(schema::districts::next_reference.eq(start + count as i64))
        .execute(&mut conn)
        .map_err(|e| e.to_string())?;
    // The report facts of the new history, as `heard migrate` would add them.
    heard_store::reports::backfill::run(&mut conn).map_err(|e| e.to_string())?;
    // Fresh statistics, as a long-running installation would have, so the
    // planners pick the inbox indexes; on PostgreSQL also the vacuuming
    // autovacuum would have done over the year (left to autovacuum, it may
    // start on the new million rows in the middle of the read benchmarks), and with
    // it the visibility map, so reports read their covering index alone.
    use diesel::connection::SimpleConnection;
    // One statement per call: VACUUM refuses to run in the implicit
    // transaction of a multi-statement string.
    let maintenance: &[&str] = match conn.backend() {
        heard_store::Backend::Postgres => &["VACUUM (ANALYZE)"],
        heard_store::Backend::Sqlite => &["ANALYZE"],
    };
    for statement in maintenance {
        conn.batch_execute(statement).map_err(|e| e.to_string())?;
    }
    Ok(done)
}
