//! Load benchmark of `GET /api/events` (not a test).
//!
//! Serves a database on loopback and runs N concurrent HTTP/1.1 keep-alive clients
//! against it for a fixed time, rotating through the filter mixes the UI sends,
//! then prints p50/p90/p99/max latency and requests per second.
//!
//! ```text
//! cargo run --release -p rasd-server --example loadbench -- \
//!     [--db target/loadbench.db] [--corpus ../shared/corpus/saudinewsnet] \
//!     [--clients 200] [--seconds 10] [--addr 127.0.0.1:8080]
//! ```
//!
//! Without `--addr` the server runs in this process (same cores as the clients);
//! with `--addr` the clients load an already running `rasd serve`. When the
//! database has no events, it is first built from the Yemen subset of the
//! saudinewsnet corpus (`articles.jsonl.gz` filtered by `yemen_ids.txt`, publication
//! date = `date_extracted`): the corpus is read, never copied.

use std::collections::HashSet;
use std::io::BufRead;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rasd_extract::Extractor;
use rasd_model::Document;
use rasd_server::{app, AppState};
use rasd_store::Store;

/// The query strings of the mix, as the UI sends them.
const MIX: &[&str] = &[
    "limit=50&sort=date_desc",
    "limit=50&type=ASSAULT",
    "limit=50&admin1=YE13",
    "limit=50&actor=houthis",
    "limit=50&from=2015-04-01&to=2015-06-30",
    "limit=50&q=%D8%A7%D9%84%D8%AD%D9%88%D8%AB%D9%8A",
    "limit=20&sort=fatalities_desc",
    "limit=50&offset=200",
];

struct Args {
    db: PathBuf,
    corpus: PathBuf,
    clients: usize,
    seconds: u64,
    addr: Option<SocketAddr>,
}

fn args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut a = Args {
        db: root.join("target/loadbench.db"),
        corpus: root.join("../shared/corpus/saudinewsnet"),
        clients: 200,
        seconds: 10,
        addr: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => a.db = PathBuf::from(val()?),
            "--corpus" => a.corpus = PathBuf::from(val()?),
            "--clients" => a.clients = val()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--seconds" => a.seconds = val()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--addr" => a.addr = Some(val()?.parse().map_err(|e| format!("--addr: {e}"))?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

/// Builds the database from the Yemen subset when it holds no events.
fn ensure_db(db: &Path, corpus: &Path) -> Result<(), Box<dyn std::error::Error>> {
    if db.exists() && Store::open(db)?.counts()?.events > 0 {
        return Ok(());
    }
    // Built beside the target and renamed when complete, so an interrupted build
    // is never mistaken for a database.
    let partial = db.with_extension("partial");
    for ext in ["partial", "partial-wal", "partial-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    build_db(&partial, corpus)?;
    std::fs::rename(&partial, db)?;
    Ok(())
}

fn build_db(db: &Path, corpus: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    let ids: HashSet<String> = std::fs::read_to_string(corpus.join("yemen_ids.txt"))?
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let file = std::fs::File::open(corpus.join("articles.jsonl.gz"))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let extractor = Extractor::builtin()?;
    let t0 = Instant::now();
    let mut batch = Vec::new();
    let mut n = 0usize;
    for line in reader.lines() {
        let line = line?;
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let id = v["id"].as_str().unwrap_or_default();
        if !ids.contains(id) {
            continue;
        }
        let body = v["content"]
            .as_str()
            .or(v["text"].as_str())
            .unwrap_or_default();
        let mut doc = Document::new(id, v["title"].as_str().unwrap_or_default(), body);
        doc.url = v["url"].as_str().map(str::to_owned);
        doc.source = v["source"].as_str().map(str::to_owned);
        doc.pub_date = v["date_extracted"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        doc.origin = format!("articles.jsonl.gz:{id}");
        let mut events = extractor.extract(&doc).events;
        // The store refuses a document whose events share an id; keep the first.
        let mut seen = HashSet::new();
        events.retain(|e| seen.insert(e.event_id.clone()));
        batch.push((doc, events));
        n += 1;
        if batch.len() == 200 {
            store.ingest_batch(&batch)?;
            batch.clear();
            eprintln!("loadbench: {n} documents ingested ({:.0?})", t0.elapsed());
        }
    }
    store.ingest_batch(&batch)?;
    let c = store.counts()?;
    eprintln!(
        "loadbench: built {} from {n} documents: {} reports, {} events ({:.1?})",
        db.display(),
        c.event_reports,
        c.events,
        t0.elapsed()
    );
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = args()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let addr = match a.addr {
        Some(addr) => addr,
        None => {
            ensure_db(&a.db, &a.corpus)?;
            let state = AppState::open(&a.db)?;
            rt.block_on(async {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let addr = listener.local_addr()?;
                tokio::spawn(async move {
                    let _ = axum::serve(listener, app(state)).await;
                });
                Ok::<_, std::io::Error>(addr)
            })?
        }
    };
    let clients = a.clients.max(1);
    let run_for = Duration::from_secs(a.seconds.max(1));
    rt.block_on(async move {
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(clients)
            .build_http();
        let client = Arc::new(client);
        // One request per mix entry first: checks the server answers, and warms up.
        let mut total_events = 0;
        for q in MIX {
            let uri: hyper::Uri = format!("http://{addr}/api/events?{q}").parse()?;
            let res = client.get(uri).await?;
            let status = res.status();
            let body = res.into_body().collect().await?.to_bytes();
            if !status.is_success() {
                return Err(format!("{q}: {status}: {}", String::from_utf8_lossy(&body)).into());
            }
            if q == &MIX[0] {
                let v: serde_json::Value = serde_json::from_slice(&body)?;
                total_events = v["total"].as_u64().unwrap_or(0);
            }
        }
        let start = Instant::now();
        let deadline = start + run_for;
        let mut tasks = Vec::new();
        for c in 0..clients {
            let client = client.clone();
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let mut bytes = 0usize;
                let mut i = c;
                while Instant::now() < deadline {
                    let uri: hyper::Uri =
                        format!("http://{addr}/api/events?{}", MIX[i % MIX.len()])
                            .parse()
                            .expect("valid uri");
                    i += 1;
                    let t = Instant::now();
                    match client.get(uri).await {
                        Ok(res) => {
                            let ok = res.status().is_success();
                            match res.into_body().collect().await {
                                Ok(b) if ok => {
                                    bytes += b.to_bytes().len();
                                    lat.push(t.elapsed());
                                }
                                _ => errors += 1,
                            }
                        }
                        Err(_) => errors += 1,
                    }
                }
                (lat, errors, bytes)
            }));
        }
        let mut lat = Vec::new();
        let (mut errors, mut bytes) = (0, 0);
        for t in tasks {
            let (l, e, b) = t.await?;
            lat.extend(l);
            errors += e;
            bytes += b;
        }
        let elapsed = start.elapsed();
        lat.sort();
        println!(
            "GET /api/events  db events: {total_events}  clients: {clients}  duration: {:.1}s",
            elapsed.as_secs_f64()
        );
        println!(
            "requests: {}  errors: {errors}  throughput: {:.0} req/s  ({:.1} MB/s)",
            lat.len(),
            lat.len() as f64 / elapsed.as_secs_f64(),
            bytes as f64 / elapsed.as_secs_f64() / 1e6
        );
        println!(
            "latency: p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
            percentile(&lat, 0.50).as_secs_f64() * 1e3,
            percentile(&lat, 0.90).as_secs_f64() * 1e3,
            percentile(&lat, 0.99).as_secs_f64() * 1e3,
            lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    })?;
    Ok(())
}
