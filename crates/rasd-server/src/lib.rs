//! The rasd HTTP API and offline web UI (`rasd serve`).
//!
//! * [`app`] builds the whole [`axum::Router`] over an [`AppState`]; tests drive it
//!   with `tower::ServiceExt::oneshot`, without a socket.
//! * [`serve`] opens the database and listens.
//! * The web UI (`ui/`: HTML, JS, CSS, vendored Leaflet and d3) and the boundary
//!   GeoJSON (`data/geo/`) are embedded in the binary: nothing is fetched from a
//!   CDN or a tile server.
//!
//! Routes: `GET /api/events`, `/api/events/{id}`, `/api/actors`, `/api/actors/{id}`,
//! `/api/graph`, `/api/places`, `/api/stats`, `/api/documents/{id}`,
//! `/api/export?format=csv|jsonl|geojson|graphml`, `/api/openapi.json`;
//! `POST /api/extract` (nothing stored) and `POST /api/documents` (ingest). Errors
//! are `{"error": message}` with 400/404/405/413/415/422/500.
//!
//! **Architecture invariant**: reads never touch SQLite on the request path except
//! for a document's text; they filter an immutable in-memory catalog that is
//! rebuilt and swapped after each ingest.
#![warn(missing_docs)]

mod api;
mod assets;
mod catalog;
mod error;
mod export;
mod filter;
mod input;
mod live;
mod openapi;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode};
use axum::routing::get;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use api::ROUTES;
pub use error::AppError;
pub use state::{actor_rows, AppState};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened or read.
    #[error("store: {0}")]
    Store(String),
    /// The extractor's built-in resources did not load.
    #[error("extractor: {0}")]
    Extractor(String),
    /// Binding or serving failed.
    #[error("{addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The error.
        source: std::io::Error,
    },
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .route("/", get(assets::index))
        .route("/{*path}", get(assets::file))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(60),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("handler panicked".into()).into_response_box()
        }))
        .layer(TraceLayer::new_for_http())
}

async fn method_not_allowed(method: Method) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        StatusCode::METHOD_NOT_ALLOWED,
        axum::Json(serde_json::json!({ "error": format!("method {method} not allowed here") })),
    )
        .into_response()
}

async fn not_found(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("no route for {}", uri.path()))
}

impl AppError {
    fn into_response_box(self) -> axum::response::Response {
        axum::response::IntoResponse::into_response(self)
    }
}

/// Opens `db` (creating it if missing) and serves the API and UI on `addr`
/// until the process is stopped (Ctrl-C or SIGTERM).
pub async fn serve(db: PathBuf, addr: SocketAddr) -> Result<(), ServerError> {
    let state = tokio::task::spawn_blocking(move || AppState::open(&db))
        .await
        .map_err(|e| ServerError::Store(e.to_string()))??;
    serve_state(state, addr).await
}

/// The blocking entry point of `rasd serve`: builds a Tokio runtime, opens `db`
/// with `extractor` (which may carry user dictionaries) and serves until stopped.
pub fn run(
    db: PathBuf,
    addr: SocketAddr,
    extractor: std::sync::Arc<rasd_extract::Extractor>,
) -> Result<(), ServerError> {
    let state = AppState::with_extractor(&db, extractor)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io { addr, source })?;
    rt.block_on(serve_state(state, addr))
}

/// Serves `state` on `addr` until the process is stopped.
pub async fn serve_state(state: AppState, addr: SocketAddr) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Io { addr, source })?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!("rasd serving on http://{local}/");
    eprintln!("rasd: serving http://{local}/");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|source| ServerError::Io { addr, source })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
