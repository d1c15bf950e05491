//! `heard-bench`: what `make bench` measures Heard against, and the generator
//! of a large history.
//!
//! - `empty`: an actix-web server whose one handler answers 201 with a small
//!   JSON body and does nothing else — the framework's ceiling on this machine;
//! - `raw-inserts`: the same inquiry row inserted and committed one at a time
//!   with Heard's database settings — the storage ceiling without group commit;
//! - `generate`: a year of inquiries in bulk, for the read benchmarks.

mod generate;

use actix_web::{post, App, HttpResponse, HttpServer};
use clap::{Parser, Subcommand};
use heard_store::DatabaseUrl;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve an empty handler at POST /empty.
    Empty {
        #[arg(long)]
        bind: String,
    },
    /// Insert and commit one inquiry at a time for SECONDS; prints inserts per second as JSON.
    RawInserts {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Add COUNT inquiries spread over the past year to the demo district.
    Generate {
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
    },
}

#[post("/empty")]
async fn empty() -> HttpResponse {
    HttpResponse::Created()
        .content_type("application/json")
        .body(r#"{"id":"00000000-0000-0000-0000-000000000000","status":"new"}"#)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Empty { bind } => {
            let run = actix_web::rt::System::new().block_on(async move {
                HttpServer::new(|| App::new().service(empty))
                    .bind(bind)?
                    .run()
                    .await
            });
            match run {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("heard-bench: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::RawInserts { db, seconds } => match raw_inserts(&db, Duration::from_secs(seconds))
        {
            Ok(rate) => {
                println!("{}", serde_json::json!({ "inserts_per_second": rate }));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("heard-bench: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Generate { db, count } => match generate::run(&db, count) {
            Ok(n) => {
                println!("generated {n} inquiries");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("heard-bench: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn raw_inserts(db: &str, how_long: Duration) -> Result<f64, String> {
    use diesel::Connection;
    let url = DatabaseUrl::parse(db).map_err(|e| e.to_string())?;
    let mut conn = url.connect().map_err(|e| e.to_string())?;
    heard_store::migrate::run_pending(&mut conn).map_err(|e| e.to_string())?;
    let template = generate::template(&mut conn).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < how_long {
        let mut row = template.clone();
        row.id = heard_domain::InquiryId::new();
        row.tracking_token_hash = row.id.to_string();
        row.reference_number = -(n as i64) - 1;
        conn.transaction::<_, diesel::result::Error, _>(|c| {
            heard_store::insert_batch!(c, heard_store::schema::inquiries::table, &row)?;
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}
