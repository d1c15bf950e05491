//! `heard`: serve, migrate, seed the demo district, print the OpenAPI document.

use clap::{Parser, Subcommand};
use heard_api::{app, config::Settings, seed, telemetry};
use std::net::TcpListener;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "heard",
    version,
    about = "Customer service for K-12 school districts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (settings from HEARD_* variables).
    Serve,
    /// Apply pending database migrations, then add report facts to inquiries stored without them.
    Migrate {
        /// Revert every migration instead (empties the database).
        #[arg(long)]
        revert_all: bool,
    },
    /// Create the Lakeview Unified School District demo with a year of history (once).
    SeedDemo,
    /// Print the OpenAPI document as JSON.
    GenOpenapi,
    /// Copy the live SQLite database to PATH, consistent even while it takes writes.
    Backup {
        /// Where to write the copy (must not exist).
        path: std::path::PathBuf,
    },
    /// Sign a district's email with a DKIM key, or stop signing it (--remove).
    MailSigning {
        /// The district's slug, e.g. lakeview.
        #[arg(long)]
        district: String,
        /// The signing domain (d=), usually the sender address's domain.
        #[arg(long, required_unless_present = "remove")]
        domain: Option<String>,
        /// The key's selector in DNS (s=): the TXT record is SELECTOR._domainkey.DOMAIN.
        #[arg(long, required_unless_present = "remove")]
        selector: Option<String>,
        /// The private key: RSA as PKCS#1 PEM, or Ed25519 as base64 of its 32 bytes.
        #[arg(long, required_unless_present = "remove")]
        key_file: Option<std::path::PathBuf>,
        /// Stop signing this district's email.
        #[arg(long)]
        remove: bool,
    },
    /// Districts: `heard district create` makes one from nothing.
    District {
        #[command(subcommand)]
        action: DistrictCommand,
    },
    /// Replace the SQLite database with a backup (stop `heard serve` first).
    Restore {
        /// The backup to restore.
        path: std::path::PathBuf,
        /// Restore even though the database looks in use.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum DistrictCommand {
    /// Create an empty district and invite its first admin by email (written
    /// to the mail folder when no SMTP server is set).
    Create {
        /// Its address in Heard: lower-case letters, digits and hyphens, e.g. lakeview.
        #[arg(long)]
        slug: String,
        /// Its full name, e.g. "Lakeview Unified School District".
        #[arg(long)]
        name: String,
        /// The first admin's email; the invitation goes there.
        #[arg(long)]
        admin_email: String,
        /// The first admin's name (the email's part before @ when not given).
        #[arg(long)]
        admin_name: Option<String>,
        /// Its IANA time zone.
        #[arg(long, default_value = "America/Chicago")]
        time_zone: String,
        /// Its languages, the default first, e.g. en,es.
        #[arg(long, value_delimiter = ',', default_value = "en")]
        languages: Vec<String>,
    },
}

fn settings() -> Result<Settings, ExitCode> {
    Settings::from_env().map_err(|e| {
        eprintln!("heard: invalid setting {e}");
        ExitCode::from(2)
    })
}

fn fail(what: &str, e: impl std::fmt::Display) -> ExitCode {
    eprintln!("heard: {what}: {e}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::GenOpenapi => match serde_json::to_string_pretty(&app::openapi()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => fail("serialising the OpenAPI document", e),
        },
        Command::Migrate { revert_all } => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            telemetry::init(s.log_json);
            let result = s
                .database_url
                .connect()
                .map_err(|e| e.to_string())
                .and_then(|mut c| {
                    if revert_all {
                        let n =
                            heard_store::migrate::revert_all(&mut c).map_err(|e| e.to_string())?;
                        Ok(format!("{n} migration(s) reverted"))
                    } else {
                        let n =
                            heard_store::migrate::run_pending(&mut c).map_err(|e| e.to_string())?;
                        let facts = heard_store::reports::backfill::run(&mut c)
                            .map_err(|e| e.to_string())?;
                        Ok(format!(
                            "{n} migration(s) applied; report facts added for {facts} inquiries"
                        ))
                    }
                });
            match result {
                Ok(done) => {
                    println!("{done}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail("migrating", e),
            }
        }
        Command::SeedDemo => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            telemetry::init(s.log_json);
            let state = match app::state(s) {
                Ok(st) => st,
                Err(e) => return fail("opening the database", e),
            };
            match seed::demo(&state.store, &seed::demo_password()) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail("seeding the demo district", e),
            }
        }
        Command::Backup { path } => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            match heard_store::backup::backup(&s.database_url, &path) {
                Ok(()) => {
                    println!("Backed up to {} (integrity checked)", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail("backing up", e),
            }
        }
        Command::Restore { path, force } => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            match heard_store::backup::restore(&s.database_url, &path, force) {
                Ok(()) => {
                    println!("Restored {} (integrity checked)", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail("restoring", e),
            }
        }
        Command::MailSigning {
            district,
            domain,
            selector,
            key_file,
            remove,
        } => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            match mail_signing(&s, &district, domain, selector, key_file, remove) {
                Ok(done) => {
                    println!("{done}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail("setting up mail signing", e),
            }
        }
        Command::District {
            action:
                DistrictCommand::Create {
                    slug,
                    name,
                    admin_email,
                    admin_name,
                    time_zone,
                    languages,
                },
        } => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            telemetry::init(s.log_json);
            let admin_name = admin_name
                .unwrap_or_else(|| admin_email.split('@').next().unwrap_or_default().to_owned());
            let new = heard_api::found::NewDistrict {
                slug,
                name,
                time_zone,
                languages,
                admin_email,
                admin_name,
            };
            let state = match app::state(s) {
                Ok(st) => st,
                Err(e) => return fail("opening the database", e),
            };
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => return fail("starting", e),
            };
            match runtime.block_on(heard_api::found::create(&state, &new)) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("heard: the district was not created:\n{e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve => {
            let s = match settings() {
                Ok(s) => s,
                Err(code) => return code,
            };
            telemetry::init(s.log_json);
            serve(s)
        }
    }
}

fn mail_signing(
    s: &Settings,
    slug: &str,
    domain: Option<String>,
    selector: Option<String>,
    key_file: Option<std::path::PathBuf>,
    remove: bool,
) -> Result<String, String> {
    use heard_store::queries::{districts, mail};
    let mut c = s.database_url.connect().map_err(|e| e.to_string())?;
    let district = districts::by_slug(&mut c, slug).map_err(|_| format!("no district {slug:?}"))?;
    if remove {
        let removed = mail::remove_signing(&mut c, district.id).map_err(|e| e.to_string())?;
        return Ok(if removed {
            format!("{} no longer signs its email", district.name)
        } else {
            format!("{} did not sign its email", district.name)
        });
    }
    let (Some(domain), Some(selector), Some(path)) = (domain, selector, key_file) else {
        return Err("--domain, --selector and --key-file are all needed".into());
    };
    let key = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let signing = heard_mail::Signing {
        domain: domain.trim().to_owned(),
        selector: selector.trim().to_owned(),
        key: key.trim().to_owned(),
    };
    signing.check().map_err(|e| e.to_string())?;
    mail::set_signing(
        &mut c,
        &heard_store::rows::DistrictMailRow {
            district_id: district.id,
            dkim_domain: signing.domain.clone(),
            dkim_selector: signing.selector.clone(),
            dkim_private_key: signing.key,
            updated_at: heard_store::clock::now().naive_utc(),
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(format!(
        "{} now signs its email (d={}, s={}); publish the public key as the TXT record {}._domainkey.{}",
        district.name, signing.domain, signing.selector, signing.selector, signing.domain
    ))
}

fn serve(s: Settings) -> ExitCode {
    let bind = s.bind;
    let state = match app::state(s) {
        Ok(st) => st,
        Err(e) => return fail("opening the database", e),
    };
    let listener = match TcpListener::bind(bind) {
        Ok(l) => l,
        Err(e) => return fail(&format!("listening on {bind}"), e),
    };
    if let Ok(Some(logins)) = seed::demo_logins(&state.store) {
        println!("{logins}");
    }
    let worker = match heard_api::work::Worker::start(state.clone()) {
        Ok(w) => w,
        Err(e) => return fail("starting the worker", e),
    };
    match (&state.settings.smtp_url, &worker) {
        (_, None) => {
            println!("This server runs no jobs (HEARD_JOB_WORKERS=0): another one sends the mail.")
        }
        (Some(_), Some(_)) => println!("Mail goes out through HEARD_SMTP_URL."),
        (None, Some(_)) => {
            let dir = &state.settings.mail_dir;
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            println!(
                "No HEARD_SMTP_URL: every email is written to {} as an .eml file.",
                dir.display()
            )
        }
    }
    println!("Heard is serving at http://{bind} (API docs at http://{bind}/docs/)");
    let runtime = match actix_web::rt::System::new().block_on(async move {
        match app::serve(state, listener) {
            Ok(server) => server.await,
            Err(e) => Err(e),
        }
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail("serving", e),
    };
    if let Some(w) = worker {
        w.stop();
    }
    runtime
}
