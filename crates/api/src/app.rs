//! The application factory shared by `heard serve`, the tests and `heard gen-openapi`.

use crate::auth::Keys;
use crate::config::Settings;
use crate::error::ApiError;
use crate::routes::*;
use crate::state::AppState;
use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::ContentType;
use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use heard_store::queries::districts;
use heard_store::Store;
use std::net::TcpListener;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Heard API",
        description = "Customer service for K-12 school districts: families submit inquiries, staff answer them, leadership sees whether service goals are met.\n\nErrors are `application/problem+json` (RFC 9457). Lists are cursor-paginated. Submissions accept `Idempotency-Key`; changes to an inquiry or to settings carry `If-Match` with the version they are based on.",
        license(name = "AGPL-3.0-or-later"),
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "portal", description = "Public: what a district offers and submitting an inquiry"),
        (name = "tracking", description = "Public, with the family's private tracking token"),
        (name = "staff", description = "Staff sign-in"),
        (name = "inbox", description = "Staff: the inbox and working a case"),
        (name = "reports", description = "Leadership: summary and goals"),
        (name = "admin", description = "District administration"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

fn api_routes(cfg: &mut ServiceConfig) {
    cfg.service(portal::list_districts)
        .service(portal::portal)
        .service(portal::articles)
        .service(portal::submit)
        .service(track::track)
        .service(track::reply)
        .service(track::feedback)
        .service(staff_auth::login)
        .service(staff_auth::refresh)
        .service(staff_auth::logout)
        .service(staff_auth::whoami)
        .service(staff_auth::change_password)
        .service(invitations::get_invitation)
        .service(invitations::accept_invitation)
        .service(invitations::invite_staff)
        .service(invitations::reinvite_staff)
        .service(password_resets::request_password_reset)
        .service(password_resets::get_password_reset)
        .service(password_resets::reset_password)
        .service(teams::list)
        .service(inbox::list)
        .service(inbox::detail)
        .service(staff_actions::add_message)
        .service(staff_actions::assign)
        .service(staff_actions::set_status)
        .service(reports::summary_report)
        .service(reports::goal_list)
        .service(admin::district_settings)
        .service(admin::update_district_settings)
        .service(logo::upload_logo)
        .service(logo::remove_logo)
        .service(calendar::get_calendar)
        .service(calendar::update_calendar)
        .service(calendar::import_calendar)
        .service(audit::list_audit)
        .service(units::list_units)
        .service(units::create_unit)
        // Before `{id}`, which would take "export" for an id.
        .service(units_bulk::export_units)
        .service(units_bulk::import_units)
        .service(units::get_unit)
        .service(units::update_unit)
        .service(units::delete_unit)
        .service(admin_teams::list_teams)
        .service(admin_teams::create_team)
        .service(admin_teams::get_team)
        .service(admin_teams::update_team)
        .service(admin_teams::delete_team)
        .service(admin_teams::add_member)
        .service(admin_teams::remove_member)
        .service(topics::list_topics)
        .service(topics::create_topic)
        .service(topics::get_topic)
        .service(topics::update_topic)
        .service(topics::delete_topic)
        .service(articles::list_articles)
        .service(articles::create_article)
        .service(articles::get_article)
        .service(articles::update_article)
        .service(articles::delete_article)
        .service(templates::list_templates)
        .service(templates::create_template)
        .service(templates::get_template)
        .service(templates::update_template)
        .service(templates::delete_template)
        .service(goals::list_goals)
        .service(goals::create_goal)
        .service(goals::get_goal)
        .service(goals::update_goal)
        .service(goals::delete_goal)
        .service(staff_admin::list_staff)
        .service(staff_bulk::export_staff)
        .service(staff_bulk::import_staff)
        .service(staff_admin::get_staff)
        .service(staff_admin::update_staff)
        .service(staff_admin::deactivate_staff)
        .service(staff_admin::reactivate_staff)
        .service(jobs::list_jobs)
        .service(jobs::retry_job)
        .service(mail::list_suppressions)
        .service(mail::add_suppression)
        .service(mail::remove_suppression);
}

/// Where the server publishes its OpenAPI document.
pub const SPEC_PATH: &str = "/api/v1/openapi.json";

/// The OpenAPI document, generated from the same routes the server runs.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(health::healthz)
        .service(health::readyz)
        .service(crate::metrics::metrics)
        .service(scope("/api/v1").configure(api_routes))
        .split_for_parts();
    let mut api = api;
    // Runs on the collected paths, so it cannot be a modifier of ApiDoc.
    crate::spec::ErrorResponses.modify(&mut api);
    crate::spec_finish::finish(api)
}

/// Opens the database (migrating it) and works out the signing secret.
pub fn state(settings: Settings) -> Result<AppState, StartError> {
    let options = heard_store::StoreOptions {
        write_queue_depth: settings.write_queue_depth,
    };
    let store = Store::open_with(&settings.database_url, options)?;
    let secret = match &settings.secret {
        Some(s) => s.clone(),
        None => store.read(|c| districts::installation_secret(c, crate::auth::random_token))?,
    };
    let metrics = std::sync::Arc::new(crate::metrics::Metrics::new()?);
    let observed = metrics.clone();
    store
        .writer
        .observe_batches(Box::new(move |n| observed.batch(n)));
    // The writers each hold a connection of the pool; readers share the rest.
    let readers = (store.pool.max_size() as usize).saturating_sub(store.backend.writer_threads());
    Ok(AppState {
        gates: crate::state::Gates::new(readers),
        store,
        keys: Keys::new(&secret),
        limits: crate::limits::Limits::new(
            settings.public_writes_per_minute,
            settings.sign_in_per_minute,
        ),
        directory: Default::default(),
        metrics,
        settings,
    })
}

/// A start-up failure, described.
pub type StartError = Box<dyn std::error::Error + Send + Sync>;

async fn api_not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(crate::spec::not_found_or_wrong_method(&req))
}

/// Starts serving on `listener`; the returned server runs until stopped.
pub fn serve(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let data = web::Data::new(state);
    // Written once and shared: each worker holding a document of its own
    // cost megabytes of memory at rest.
    let spec = web::Bytes::from(serde_json::to_vec(&openapi()).map_err(std::io::Error::other)?);
    let server = HttpServer::new(move || {
        let static_dir = data.settings.static_dir.clone();
        // Swagger UI's validator badge would be fetched from swagger.io,
        // which neither the page's policy nor an offline server allows.
        let docs = SwaggerUi::new("/docs/{_:.*}")
            .config(utoipa_swagger_ui::Config::new([SPEC_PATH]).validator_url("none"));
        let spec = spec.clone();
        let spec = web::resource(SPEC_PATH).route(web::get().to(move || {
            let spec = spec.clone();
            async move {
                HttpResponse::Ok()
                    .content_type(ContentType::json())
                    .body(spec)
            }
        }));
        // The routes alone: the document they make is `openapi()`'s, made once.
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(data.clone())
            // Before the API scope, whose fallback would otherwise answer for them.
            .map(|app| app.service(docs).service(spec))
            .service(health::healthz)
            .service(health::readyz)
            .service(crate::metrics::metrics)
            .map(|app| {
                // Other methods on the health paths: 405, not the web app.
                app.service(web::resource(["/healthz", "/readyz", "/metrics"]).to(api_not_found))
            })
            .service(
                scope("/api/v1")
                    .configure(api_routes)
                    .default_service(web::to(api_not_found))
                    .wrap(DefaultHeaders::new().add(("Cache-Control", "no-store"))),
            )
            .split_for_parts();
        let app = app
            .wrap(Compress::default())
            .wrap(actix_web::middleware::from_fn(crate::security_headers::add))
            .wrap(actix_web::middleware::from_fn(crate::metrics::record))
            .wrap(tracing_actix_web::TracingLogger::<crate::telemetry::RequestSpan>::new())
            .service(web::redirect("/docs", "/docs/"))
            .route(
                "/media/logos/{district}/{digest}",
                web::get().to(crate::routes::logo::logo_image),
            )
            .service(web::scope("/api").default_service(web::to(api_not_found)));
        let index = static_dir.join("index.html");
        if index.is_file() {
            app.service(
                Files::new("/", static_dir)
                    .index_file("index.html")
                    // Deep links to app routes load the app, which routes itself.
                    .default_handler(fn_service(move |req: ServiceRequest| {
                        let index = index.clone();
                        async move {
                            let (req, _) = req.into_parts();
                            let file = NamedFile::open(index)?;
                            let res = file.into_response(&req);
                            Ok(ServiceResponse::new(req, res))
                        }
                    })),
            )
        } else {
            app.default_service(web::to(|| async {
                HttpResponse::NotFound()
                    .content_type("text/plain; charset=utf-8")
                    .body("The Heard web app is not built. Run `make run`, or build it with frontend/build.sh.\nThe API is at /api/v1 and its documentation at /docs/.\n")
            }))
        }
    })
    .listen(listener)?
    .run();
    Ok(server)
}
