//! Hardening (issue 10): a server started on loopback by the test, bounded in time:
//! overload, slow headers, shutdown deadline, read-only mode and the write token,
//! the Host check, security headers, JSON error bodies, fresh views after writes by
//! another process, streamed exports, and the UI's JavaScript without innerHTML.
//! The Arabic examples are written for these tests.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rasd_extract::Extractor;
use rasd_model::Document;
use rasd_server::{Access, AppState, ServeConfig};
use rasd_store::Store;
use serde_json::{json, Value};

/// "Coalition aircraft launched air strikes on Houthi positions in Sanaa on Thursday,
/// killing five people."
const SENTENCE: &str =
    "شنت طائرات التحالف غارات جوية على مواقع للحوثيين في صنعاء يوم الخميس، ما أدى إلى مقتل خمسة أشخاص.";

fn extractor() -> Arc<Extractor> {
    static EX: OnceLock<Arc<Extractor>> = OnceLock::new();
    EX.get_or_init(|| Arc::new(Extractor::builtin().expect("built-in resources load")))
        .clone()
}

fn doc(id: &str, title: &str) -> Document {
    let mut d = Document::new(id, title, SENTENCE);
    d.pub_date = chrono::NaiveDate::from_ymd_opt(2023, 11, 23);
    d
}

/// A database holding `docs`, written by a store of its own (as `rasd ingest` would).
fn ingest(db: &Path, docs: &[Document]) {
    let mut store = Store::open(db).expect("store opens");
    store
        .upsert_actors(&rasd_server::actor_rows(&extractor()))
        .expect("actors");
    let batch: Vec<_> = docs
        .iter()
        .map(|d| (d.clone(), extractor().extract(d).events))
        .collect();
    store.ingest_batch(&batch).expect("ingest");
}

/// A server on 127.0.0.1:0 in a runtime of its own; stopped (and awaited, bounded)
/// when dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: std::sync::mpsc::Receiver<Duration>,
    _rt: tokio::runtime::Runtime,
}

impl Server {
    fn start(db: &Path, access: Access, config: ServeConfig) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let state = AppState::with_access(db, extractor(), access).expect("state opens");
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (done_tx, done) = std::sync::mpsc::channel();
        rt.spawn(async move {
            let stopped_at = std::sync::Arc::new(std::sync::Mutex::new(None::<Instant>));
            let s2 = stopped_at.clone();
            let stop = async move {
                let _ = stop_rx.await;
                *s2.lock().unwrap() = Some(Instant::now());
            };
            rasd_server::serve_listener(state, listener, config, stop)
                .await
                .expect("serves");
            let t = stopped_at
                .lock()
                .unwrap()
                .map(|t| t.elapsed())
                .unwrap_or_default();
            let _ = done_tx.send(t);
        });
        Server {
            addr,
            stop: Some(stop_tx),
            done,
            _rt: rt,
        }
    }

    /// Stops the server; returns how long it took to finish after the signal.
    fn stop(&mut self) -> Duration {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.done
            .recv_timeout(Duration::from_secs(30))
            .expect("the server stops within 30 s")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.stop.is_some() {
            self.stop();
        }
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`).
fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req += &format!("Host: {addr}\r\n");
    }
    for (k, v) in headers {
        req += &format!("{k}: {v}\r\n");
    }
    if !body.is_empty() {
        req += &format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    req += "\r\n";
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").expect("a head");
    let status = head[9..12].parse().expect("status");
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Reply {
        status,
        headers: head.to_string(),
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn read_only() -> Access {
    Access {
        allow_writes: false,
        hosts: Some(vec![]),
        ..Access::default()
    }
}

fn quick() -> ServeConfig {
    ServeConfig {
        header_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        shutdown_deadline: Duration::from_secs(2),
        refresh_interval: Duration::from_millis(100),
    }
}

#[test]
fn overload_gets_busy_json_with_retry_after_and_the_server_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest(&db, &[doc("a", "غارات على صنعاء")]);
    let access = Access {
        max_extractions: 1,
        ..read_only()
    };
    let server = Server::start(&db, access, quick());
    // About 150k characters: within the request limits, long enough to overlap.
    let text = format!("غارات على صنعاء\n{}", format!("{SENTENCE}\n").repeat(1_300));
    let body = json!({"text": text, "pub_date": "2023-11-23"}).to_string();
    let addr = server.addr;
    let start = Instant::now();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let body = body.clone();
            std::thread::spawn(move || http(addr, "POST", "/api/extract", &[], &body))
        })
        .collect();
    let replies: Vec<Reply> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = replies.iter().filter(|r| r.status == 200).count();
    let busy: Vec<&Reply> = replies.iter().filter(|r| r.status == 503).collect();
    assert!(ok >= 1, "one extraction runs");
    assert_eq!(ok + busy.len(), 8, "only 200 or 503");
    assert!(!busy.is_empty(), "a full pool refuses at once");
    for r in &busy {
        assert_eq!(r.json()["code"], "busy", "{}", r.body);
        assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    }
    assert!(
        start.elapsed() < Duration::from_secs(90),
        "{:?}",
        start.elapsed()
    );
    // Once the pool is free again, extraction works.
    let r = http(
        addr,
        "POST",
        "/api/extract",
        &[],
        &json!({"text": format!("عنوان\n{SENTENCE}"), "pub_date": "2023-11-23"}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["events"].as_array().map(Vec::len), Some(1));
}

#[test]
fn slow_headers_and_idle_connections_are_closed_and_shutdown_has_a_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest(&db, &[doc("a", "غارات على صنعاء")]);
    let mut server = Server::start(&db, read_only(), quick());
    // 50 connections that send half a header and stall.
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n")
                .unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            s
        })
        .collect();
    // Meanwhile the server answers others.
    let r = http(server.addr, "GET", "/api/stats", &[], "");
    assert_eq!(r.status, 200);
    let start = Instant::now();
    for s in &mut slow {
        let mut buf = [0u8; 256];
        // Closed by the server: EOF (or a reset), not our 10 s read timeout.
        match s.read(&mut buf) {
            Ok(n) => assert!(n == 0 || buf.starts_with(b"HTTP/1.1 408"), "{n} bytes"),
            Err(e) => assert!(
                !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
                "still open: {e}"
            ),
        }
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // An idle keep-alive connection holds the shutdown at most the deadline.
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 4096];
    assert!(idle.read(&mut buf).unwrap() > 0);
    let took = server.stop();
    assert!(took < Duration::from_secs(4), "shutdown took {took:?}");
}

#[test]
fn read_only_by_default_writes_need_the_token_and_the_host_must_be_ours() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    // Read-only: a missing database is an error, and is not created.
    let missing = dir.path().join("missing.db");
    let err = AppState::with_access(&missing, extractor(), read_only())
        .err()
        .expect("no database");
    assert!(err.to_string().contains("no such database"), "{err}");
    assert!(!missing.exists());
    ingest(&db, &[doc("a", "غارات على صنعاء")]);
    let before = std::fs::read(&db).unwrap();
    let article =
        json!({"id": "b", "text": format!("عنوان\n{SENTENCE}"), "pub_date": "2023-11-23"})
            .to_string();
    {
        let server = Server::start(&db, read_only(), quick());
        let r = http(server.addr, "POST", "/api/documents", &[], &article);
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (403, json!("read_only"))
        );
        // DNS rebinding: a foreign Host name is refused, on reads too.
        let r = http(
            server.addr,
            "GET",
            "/api/stats",
            &[("Host", "evil.example:8080")],
            "",
        );
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (421, json!("bad_host"))
        );
        let r = http(
            server.addr,
            "GET",
            "/api/stats",
            &[("Host", "localhost:1")],
            "",
        );
        assert_eq!(r.status, 200);
        // Security headers on the UI.
        let r = http(server.addr, "GET", "/", &[], "");
        assert_eq!(r.status, 200);
        let csp = r.header("content-security-policy").expect("CSP");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
        assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
        // Error bodies are the documented JSON with a code.
        let r = http(server.addr, "DELETE", "/api/stats", &[], "");
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (405, json!("method_not_allowed"))
        );
        let long = format!("/api/actors?q={}", "a".repeat(20_000));
        let r = http(server.addr, "GET", &long, &[], "");
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (414, json!("query_too_long"))
        );
        let long = format!("/{}", "a".repeat(20_000));
        let r = http(server.addr, "GET", &long, &[], "");
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (414, json!("uri_too_long"))
        );
        // Past the HTTP parser's own limit (64 KiB) the answer is still the JSON error,
        // and the server goes on serving.
        let huge = format!("/api/events?q={}", "a".repeat(100 * 1024));
        let r = http(server.addr, "GET", &huge, &[], "");
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (414, json!("uri_too_long"))
        );
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(http(server.addr, "GET", "/api/stats", &[], "").status, 200);
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
    let access = Access {
        allow_writes: true,
        token: Some("s3cret-token".into()),
        hosts: Some(vec!["rasd.lan".into()]),
        ..Access::default()
    };
    let server = Server::start(&db, access, quick());
    let r = http(server.addr, "POST", "/api/documents", &[], &article);
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (401, json!("unauthorized"))
    );
    assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
    let r = http(
        server.addr,
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer wrong")],
        &article,
    );
    assert_eq!(r.status, 401);
    let auth = [
        ("Authorization", "Bearer s3cret-token"),
        ("Host", "rasd.lan:8080"),
    ];
    let r = http(server.addr, "POST", "/api/documents", &auth, &article);
    assert_eq!(r.status, 201, "{}", r.body);
    let r = http(server.addr, "GET", "/api/stats", &[], "");
    assert_eq!(r.json()["documents"], 2);
}

#[test]
fn requests_over_the_time_limit_get_a_json_503() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest(&db, &[doc("a", "غارات على صنعاء")]);
    let access = Access {
        request_timeout: Duration::from_millis(20),
        ..read_only()
    };
    let server = Server::start(&db, access, quick());
    let text = format!("غارات على صنعاء\n{}", format!("{SENTENCE}\n").repeat(1_000));
    let r = http(
        server.addr,
        "POST",
        "/api/extract",
        &[],
        &json!({"text": text}).to_string(),
    );
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (503, json!("timeout")),
        "{}",
        r.body
    );
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
}

#[test]
fn writes_by_another_process_show_up_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest(&db, &[doc("a", "غارات على صنعاء")]);
    let server = Server::start(&db, read_only(), quick());
    let stats = |s: &Server| http(s.addr, "GET", "/api/stats", &[], "").json();
    assert_eq!(stats(&server)["documents"], 1);
    // `rasd ingest` in another process: here another connection.
    let mut second = doc("b", "غارات جديدة على صنعاء");
    second.body = format!("{SENTENCE} وقالت مصادر محلية إن الغارات استهدفت مخزنا للسلاح.");
    second.text = format!("{}\n\n{}", second.title, second.body);
    ingest(&db, &[second]);
    // The document page reads the store: its events are there at once.
    let page = http(server.addr, "GET", "/api/documents/b", &[], "").json();
    assert!(
        !page["events"].as_array().expect("events").is_empty(),
        "{page}"
    );
    // Stats, lists and exports follow within a few refresh intervals.
    let deadline = Instant::now() + Duration::from_secs(10);
    while stats(&server)["documents"] != 2 {
        assert!(Instant::now() < deadline, "stale stats: {}", stats(&server));
        std::thread::sleep(Duration::from_millis(50));
    }
    let r = http(server.addr, "GET", "/api/documents", &[], "");
    assert_eq!(r.json()["total"], 2);
    // Exports stream (chunked, no Content-Length) and hold every event.
    let r = http(server.addr, "GET", "/api/export?format=jsonl", &[], "");
    assert_eq!(r.status, 200);
    assert!(r.header("content-length").is_none(), "{}", r.headers);
    let events = stats(&server)["events"].as_u64().unwrap();
    assert_eq!(r.body.lines().count() as u64, events);
    let r = http(server.addr, "GET", "/api/export?format=csv", &[], "");
    assert_eq!(r.body.lines().count() as u64, events + 1);
}

#[test]
fn the_ui_never_puts_data_into_html() {
    // Every UI script and page: no innerHTML-like sink, no HTML strings to Leaflet.
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut checked = 0;
    for entry in std::fs::read_dir(&ui).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "js" | "html") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (n, line) in src.lines().enumerate() {
            for sink in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "createContextualFragment",
                ".html(",
                "srcdoc",
            ] {
                assert!(
                    !line.contains(sink),
                    "{}:{}: {sink}: {line}",
                    path.display(),
                    n + 1
                );
            }
            // Leaflet renders string content as HTML: content must be a node or a
            // function returning one.
            for call in [
                "bindTooltip(",
                "bindPopup(",
                "setContent(",
                "setTooltipContent(",
                "setPopupContent(",
            ] {
                if let Some(i) = line.find(call) {
                    let arg = line[i + call.len()..].trim_start();
                    assert!(
                        !arg.starts_with(['"', '\'', '`'])
                            && !arg.starts_with("String(")
                            && !arg.contains(" + "),
                        "{}:{}: {call} with a string: {line}",
                        path.display(),
                        n + 1
                    );
                }
            }
            if ext == "html" {
                assert!(
                    !line.contains("<script>") && !line.contains(" onclick="),
                    "{}:{}: inline script",
                    path.display(),
                    n + 1
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 3, "app.js, relation.js, index.html");
}
