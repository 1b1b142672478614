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
//! are `{"error": message, "code": code}` with 400/401/403/404/405/413/414/415/421/
//! 422/500/503.
//!
//! **Access** ([`Access`]): `rasd serve` is read-only unless started with
//! `--allow-writes`; writes then need `Authorization: Bearer TOKEN`. The `Host`
//! header must be an IP address, `localhost` or a `--host-name` (no DNS rebinding).
//! Every response carries a Content-Security-Policy (`frame-ancestors 'none'`),
//! `Referrer-Policy: no-referrer` and `X-Content-Type-Options: nosniff`.
//!
//! **Limits**: extractions and exports run in bounded pools (503 `busy` with
//! `Retry-After` when full); a request gets [`REQUEST_TIMEOUT`] (503 `timeout`);
//! a connection [`ServeConfig::header_read_timeout`] to send its headers and
//! [`ServeConfig::idle_timeout`] of silence; on Ctrl-C/SIGTERM open connections get
//! [`ServeConfig::shutdown_deadline`] to finish. Exports stream.
//!
//! **Architecture invariant**: reads never touch SQLite on the request path except
//! for a document and its events; they filter an immutable in-memory catalog that
//! is rebuilt and swapped after each ingest, and after writes by other processes
//! (SQLite's `data_version`, checked every [`ServeConfig::refresh_interval`]).
#![warn(missing_docs)]

mod api;
mod assets;
mod catalog;
mod error;
mod export;
mod filter;
mod guard;
mod input;
mod live;
mod openapi;
mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::get;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use api::ROUTES;
pub use error::AppError;
pub use guard::{host_allowed, new_token, CSP, MAX_URI_BYTES, REQUEST_TIMEOUT};
pub use state::{actor_rows, Access, AppState};

/// Connection-level limits of [`serve_listener`].
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Time a client has to send a request's headers (slow-header attacks).
    pub header_read_timeout: Duration,
    /// A connection silent this long (no bytes either way) is closed.
    pub idle_timeout: Duration,
    /// After Ctrl-C/SIGTERM, open connections get this long to finish; then they
    /// are closed.
    pub shutdown_deadline: Duration,
    /// How often the database is checked for writes by other processes.
    pub refresh_interval: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            shutdown_deadline: Duration::from_secs(10),
            refresh_interval: Duration::from_secs(1),
        }
    }
}

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
    #[error("{addr}")]
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
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("handler panicked".into()).into_response_box()
        }))
        .layer(TraceLayer::new_for_http())
}

async fn method_not_allowed(method: Method) -> AppError {
    AppError::MethodNotAllowed(format!("method {method} not allowed here"))
}

async fn not_found(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("no route for {}", uri.path()))
}

impl AppError {
    fn into_response_box(self) -> axum::response::Response {
        axum::response::IntoResponse::into_response(self)
    }
}

/// Opens `db` (creating it if missing; writes allowed without a token, any Host) and
/// serves the API and UI on `addr` until the process is stopped (Ctrl-C or SIGTERM).
pub async fn serve(db: PathBuf, addr: SocketAddr) -> Result<(), ServerError> {
    let state = tokio::task::spawn_blocking(move || AppState::open(&db))
        .await
        .map_err(|e| ServerError::Store(e.to_string()))??;
    serve_state(state, addr).await
}

/// The blocking entry point of `rasd serve`: builds a Tokio runtime, binds `addr`
/// first (so a port in use creates no database), opens `db` under `access` with
/// `extractor` (which may carry user dictionaries) and serves until stopped.
pub fn run(
    db: PathBuf,
    addr: SocketAddr,
    extractor: std::sync::Arc<rasd_extract::Extractor>,
    access: Access,
    config: ServeConfig,
) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io { addr, source })?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Io { addr, source })?;
        let state =
            tokio::task::spawn_blocking(move || AppState::with_access(&db, extractor, access))
                .await
                .map_err(|e| ServerError::Store(e.to_string()))??;
        serve_listener(state, listener, config, shutdown()).await
    })
}

/// Serves `state` on `addr` until the process is stopped.
pub async fn serve_state(state: AppState, addr: SocketAddr) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Io { addr, source })?;
    serve_listener(state, listener, ServeConfig::default(), shutdown()).await
}

/// Serves `state` on a bound `listener` until `stop` completes, then stops
/// accepting, lets open connections finish their requests for at most
/// [`ServeConfig::shutdown_deadline`] and closes the rest. Each connection has a
/// header-read timeout and an idle timeout; the catalog is refreshed when another
/// process writes to the database.
pub async fn serve_listener(
    state: AppState,
    listener: tokio::net::TcpListener,
    config: ServeConfig,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let addr = listener.local_addr().map_err(|source| ServerError::Io {
        addr: SocketAddr::from(([0, 0, 0, 0], 0)),
        source,
    })?;
    tracing::info!("rasd serving on http://{addr}/");
    eprintln!("rasd: serving http://{addr}/");
    let router = app(state.clone());
    let refresher = tokio::spawn({
        let st = state.clone();
        let every = config.refresh_interval;
        async move {
            loop {
                tokio::time::sleep(every).await;
                let st = st.clone();
                match tokio::task::spawn_blocking(move || st.refresh_if_changed()).await {
                    Ok(Ok(true)) => tracing::info!("database changed: catalog reloaded"),
                    Ok(Err(e)) => tracing::warn!(error = %e, "checking the database for changes"),
                    _ => {}
                }
            }
        }
    });
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut conns = tokio::task::JoinSet::new();
    let mut stop = pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors, say: wait a little, don't spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let svc = hyper_util::service::TowerToHyperService::new(router.clone());
                conns.spawn(connection(stream, svc, config.clone(), stop_rx.clone()));
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let open = conns.len();
    let drained = tokio::time::timeout(config.shutdown_deadline, async {
        while conns.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        eprintln!(
            "rasd: {} of {open} connections still open at the shutdown deadline; closed",
            conns.len()
        );
        conns.abort_all();
    }
    refresher.abort();
    Ok(())
}

/// Serves one connection: HTTP/1 with a header-read timeout, closed gracefully
/// (after the request in flight) when idle too long or when the server stops.
async fn connection<S>(
    stream: tokio::net::TcpStream,
    svc: S,
    config: ServeConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) where
    S: hyper::service::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = axum::response::Response,
        > + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let start = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = hyper_util::rt::TokioIo::new(Activity {
        inner: stream,
        start,
        last: last.clone(),
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .keep_alive(true);
    let conn = builder.serve_connection(io, svc);
    let mut conn = pin!(conn);
    let tick = (config.idle_timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
    let mut closing = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            _ = stop.changed(), if !closing => {
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = tokio::time::sleep(tick), if !closing => {
                let idle = start.elapsed().saturating_sub(Duration::from_millis(last.load(Ordering::Relaxed)));
                if idle >= config.idle_timeout {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }
}

/// A TCP stream that records when bytes last moved (milliseconds since `start`).
struct Activity {
    inner: tokio::net::TcpStream,
    start: Instant,
    last: Arc<AtomicU64>,
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }
}

impl tokio::io::AsyncRead for Activity {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        r
    }
}

impl tokio::io::AsyncWrite for Activity {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown() {
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
