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
    // The request line is read here first: hyper answers a target over 64 KiB with a
    // bodiless 414 of its own, this answers it with the documented JSON error.
    let mut stream = stream;
    let prefix = match tokio::time::timeout(
        config.header_read_timeout,
        read_request_line(&mut stream),
    )
    .await
    {
        Ok(Ok(RequestLine::Read(prefix))) => prefix,
        Ok(Ok(RequestLine::TooLong(len))) => {
            let _ = answer_uri_too_long(&mut stream, len).await;
            return;
        }
        // A client that sends no request line in time, or an error: close.
        _ => return,
    };
    let io = hyper_util::rt::TokioIo::new(Activity {
        inner: stream,
        prefix,
        prefix_pos: 0,
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

/// The longest request line (method, target, version) read; a longer one gets a JSON
/// 414 before hyper, whose own limit on the target is 64 KiB, sees it.
const MAX_REQUEST_LINE: usize = 60 * 1024;

/// What the first read of a connection found.
enum RequestLine {
    /// The bytes read so far (the request line and maybe more), for hyper.
    Read(Vec<u8>),
    /// No line end within [`MAX_REQUEST_LINE`] bytes: the bytes read.
    TooLong(usize),
}

/// Reads until the end of the first line, the end of the stream or the limit.
async fn read_request_line(stream: &mut tokio::net::TcpStream) -> std::io::Result<RequestLine> {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(RequestLine::Read(buf));
        }
        let seen = buf.len();
        buf.extend_from_slice(&chunk[..n]);
        if buf[seen..].contains(&b'\n') {
            return Ok(RequestLine::Read(buf));
        }
        if buf.len() > MAX_REQUEST_LINE {
            return Ok(RequestLine::TooLong(buf.len()));
        }
    }
}

/// Writes the JSON 414 `uri_too_long` and closes the connection.
async fn answer_uri_too_long(
    stream: &mut tokio::net::TcpStream,
    len: usize,
) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let body = serde_json::json!({
        "error": format!(
            "the request line is over {len} bytes; at most {} are accepted",
            guard::MAX_URI_BYTES
        ),
        "code": "uri_too_long",
    })
    .to_string();
    let head = format!(
        "HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         x-content-type-options: nosniff\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

/// A TCP stream that records when bytes last moved (milliseconds since `start`), with
/// the bytes already read for the request line served first.
struct Activity {
    inner: tokio::net::TcpStream,
    prefix: Vec<u8>,
    prefix_pos: usize,
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
        if self.prefix_pos < self.prefix.len() {
            let n = buf.remaining().min(self.prefix.len() - self.prefix_pos);
            let from = self.prefix_pos;
            buf.put_slice(&self.prefix[from..from + n]);
            self.prefix_pos += n;
            if self.prefix_pos == self.prefix.len() {
                self.prefix = Vec::new();
                self.prefix_pos = 0;
            }
            self.touch();
            return Poll::Ready(Ok(()));
        }
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
