//! Monitoring for rasd (`rasd watch`): polls RSS 2.0 and Atom feeds and watches
//! folders, extracts and stores every new article with the same deduplication as
//! `rasd ingest`, and fires alert rules on new or materially changed events.
//!
//! * [`WatchConfig`]: `watch.toml` (feeds, folders, alert rules).
//! * [`Watcher`]: one database, one extractor, one HTTP client.
//!   [`Watcher::poll_feed`] polls one feed (conditional GET with `ETag` and
//!   `Last-Modified`, a size cap, malformed XML recorded as the feed's error);
//!   [`Watcher::scan_folder`] ingests new or changed files; [`Watcher::run`] does both
//!   until stopped, each feed on its own interval with exponential backoff on errors
//!   and folders through `notify` events.
//!
//! What was seen lives in the database (schema v3 tables `watch_feeds`, `watch_items`,
//! `watch_files`, `watch_alerts`), so after a restart nothing is fetched, stored or
//! alerted twice. An item's key is its link (else its guid): the same article in two
//! feeds is fetched once.
#![warn(missing_docs)]

mod alert;
mod config;
mod error;

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rasd_extract::Extractor;
use rasd_ingest::{read_inputs, read_reader, IngestOptions};
use rasd_model::Document;
use rasd_store::{BatchSummary, Store};
use sha2::{Digest, Sha256};

pub use alert::{alert_json, matches, material_fingerprint};
pub use config::{AlertRule, FeedConfig, FolderConfig, Sink, WatchConfig};
pub use error::WatchError;

/// The longest wait between polls of a failing feed.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// What one poll of a feed did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollReport {
    /// The server answered 304 Not Modified.
    pub not_modified: bool,
    /// Items in the feed.
    pub items: usize,
    /// Items handled for the first time.
    pub items_new: usize,
    /// New items that could not be fetched or read (each recorded as seen, with the
    /// reason in `errors`).
    pub errors: Vec<String>,
    /// What the store did with the new documents.
    pub stored: BatchSummary,
    /// Alerts delivered.
    pub alerts: usize,
}

/// The watcher: a store, an extractor and an HTTP client.
pub struct Watcher {
    store: Store,
    extractor: Arc<Extractor>,
    config: WatchConfig,
    client: reqwest::Client,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn hex16(s: &[u8]) -> String {
    Sha256::digest(s)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The delay before the next poll of a feed after `failures` consecutive errors.
pub fn backoff(interval: Duration, failures: u32) -> Duration {
    if failures == 0 {
        return interval;
    }
    interval
        .saturating_mul(2u32.saturating_pow(failures.min(16)))
        .min(MAX_BACKOFF.max(interval))
}

/// A body read up to `max` bytes, else an error naming the URL.
async fn read_capped(
    mut response: reqwest::Response,
    url: &str,
    max: u64,
) -> Result<Vec<u8>, WatchError> {
    let too_big = || WatchError::Fetch {
        url: url.to_string(),
        message: format!("larger than the {max}-byte limit; skipped"),
    };
    if response.content_length().is_some_and(|n| n > max) {
        return Err(too_big());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| WatchError::Fetch {
        url: url.to_string(),
        message: e.to_string(),
    })? {
        if body.len() as u64 + chunk.len() as u64 > max {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn is_ingestible(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    [".txt", ".html", ".htm", ".jsonl", ".jsonl.gz"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if is_ingestible(&p) {
            out.push(p);
        }
    }
}

impl Watcher {
    /// A watcher over `store`, extracting with `extractor`.
    pub fn new(
        store: Store,
        extractor: Arc<Extractor>,
        config: WatchConfig,
    ) -> Result<Watcher, WatchError> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .timeout(Duration::from_secs(config.timeout_secs.max(1)))
            .connect_timeout(Duration::from_secs(config.timeout_secs.clamp(1, 10)))
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| WatchError::Config {
                origin: "http client".into(),
                message: e.to_string(),
            })?;
        Ok(Watcher {
            store,
            extractor,
            config,
            client,
        })
    }

    /// The store (for reading what was ingested).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The configuration.
    pub fn config(&self) -> &WatchConfig {
        &self.config
    }

    /// Extracts and stores `docs` (skipping those stored unchanged, as `rasd ingest`
    /// does), then runs the alert rules over the events this created or changed.
    pub async fn ingest(
        &mut self,
        docs: Vec<Document>,
        errors: &mut Vec<String>,
    ) -> Result<(BatchSummary, usize), WatchError> {
        let cursor = self.store.event_cursor()?;
        let mut summary = BatchSummary::default();
        let mut ids = HashSet::new();
        let mut work = Vec::new();
        for doc in docs {
            let unchanged = self.store.document(&doc.id)?.is_some_and(|old| {
                old.text == doc.text
                    && old.title == doc.title
                    && old.url == doc.url
                    && old.source == doc.source
                    && old.pub_date == doc.pub_date
            });
            if !ids.insert(doc.id.clone()) || unchanged {
                summary.docs_unchanged += 1;
                continue;
            }
            let events = self.extractor.extract(&doc).events;
            work.push((doc, events));
        }
        for item in work {
            match self.store.ingest_batch(std::slice::from_ref(&item)) {
                Ok(s) => {
                    summary.docs_new += s.docs_new;
                    summary.docs_updated += s.docs_updated;
                    summary.docs_unchanged += s.docs_unchanged;
                    summary.reports_new += s.reports_new;
                    summary.events_new += s.events_new;
                    summary.events_merged += s.events_merged;
                }
                Err(err @ rasd_store::StoreError::Invalid { .. }) => {
                    errors.push(format!("{}: {err}", item.0.origin))
                }
                Err(err) => return Err(err.into()),
            }
        }
        let alerts = self.alert_since(cursor, errors).await?;
        Ok((summary, alerts))
    }

    /// Runs every rule over the events written after `cursor`; returns the number of
    /// alerts delivered. Failed deliveries go to `errors` and are tried again the next
    /// time the event changes.
    async fn alert_since(
        &mut self,
        cursor: i64,
        errors: &mut Vec<String>,
    ) -> Result<usize, WatchError> {
        if self.config.alerts.is_empty() {
            return Ok(0);
        }
        let mut sent = 0;
        let mut cursor = cursor;
        loop {
            let (events, next) = self.store.events_after(cursor, 500)?;
            if events.is_empty() {
                break;
            }
            cursor = next;
            for e in &events {
                let fingerprint = material_fingerprint(e);
                for rule in self.config.alerts.clone() {
                    let before = self.store.alert_fingerprint(&rule.name, &e.id)?;
                    if before.as_deref() == Some(fingerprint.as_str())
                        || !matches(&rule, e, &self.store)?
                    {
                        continue;
                    }
                    let payload = alert_json(&rule, e, before.is_some());
                    match alert::deliver(&rule, &payload, &self.client).await {
                        Ok(()) => {
                            self.store
                                .record_alert(&rule.name, &e.id, &fingerprint, &now())?;
                            sent += 1;
                        }
                        Err(err) => errors.push(err.to_string()),
                    }
                }
            }
        }
        Ok(sent)
    }

    async fn get(
        &self,
        url: &str,
        validators: Option<(&Option<String>, &Option<String>)>,
    ) -> Result<reqwest::Response, WatchError> {
        let mut req = self.client.get(url);
        if let Some((etag, modified)) = validators {
            if let Some(etag) = etag {
                req = req.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(m) = modified {
                req = req.header(reqwest::header::IF_MODIFIED_SINCE, m);
            }
        }
        let response = req.send().await.map_err(|e| WatchError::Fetch {
            url: url.to_string(),
            message: e.to_string(),
        })?;
        let status = response.status();
        if !(status.is_success() || status == reqwest::StatusCode::NOT_MODIFIED) {
            return Err(WatchError::Fetch {
                url: url.to_string(),
                message: format!("HTTP {status}"),
            });
        }
        Ok(response)
    }

    /// Polls one feed: new items are fetched (or taken from the feed's full content),
    /// extracted, stored and alerted on. A failing feed records its error in the
    /// database and returns it; the caller backs off.
    pub async fn poll_feed(&mut self, feed: &FeedConfig) -> Result<PollReport, WatchError> {
        match self.poll_feed_inner(feed).await {
            Ok(report) => Ok(report),
            Err(err @ WatchError::Store(_)) => Err(err),
            Err(err) => {
                self.store
                    .record_feed_error(&feed.url, &err.to_string(), &now())?;
                Err(err)
            }
        }
    }

    async fn poll_feed_inner(&mut self, feed: &FeedConfig) -> Result<PollReport, WatchError> {
        let state = self.store.feed_state(&feed.url)?;
        let response = self
            .get(&feed.url, Some((&state.etag, &state.last_modified)))
            .await?;
        let mut report = PollReport::default();
        if response.status() == reqwest::StatusCode::NOT_MODIFIED {
            self.store
                .record_feed_success(&feed.url, None, None, &now())?;
            report.not_modified = true;
            return Ok(report);
        }
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(reqwest::header::ETAG);
        let modified = header(reqwest::header::LAST_MODIFIED);
        let body = read_capped(response, &feed.url, self.config.max_bytes).await?;
        let parsed = feed_rs::parser::parse(body.as_slice()).map_err(|e| WatchError::Feed {
            url: feed.url.clone(),
            message: e.to_string(),
        })?;
        let source = feed.source.clone().or_else(|| {
            reqwest::Url::parse(&feed.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
        });
        report.items = parsed.entries.len();
        let mut docs = Vec::new();
        let mut keys = Vec::new();
        for entry in &parsed.entries {
            let link = entry.links.first().map(|l| l.href.clone());
            let key = link.clone().unwrap_or_else(|| entry.id.clone());
            if self.store.item_seen(&key)? || keys.iter().any(|(k, _)| k == &key) {
                continue;
            }
            report.items_new += 1;
            match self
                .item_document(entry, link.as_deref(), &key, &source)
                .await
            {
                Ok(doc) => {
                    keys.push((key, Some(doc.id.clone())));
                    docs.push(doc);
                }
                Err(err) => {
                    report.errors.push(err.to_string());
                    keys.push((key, None));
                }
            }
        }
        let (stored, alerts) = self.ingest(docs, &mut report.errors).await?;
        report.stored = stored;
        report.alerts = alerts;
        for (key, doc) in &keys {
            self.store
                .mark_item_seen(key, &feed.url, doc.as_deref(), &now())?;
        }
        self.store
            .record_feed_success(&feed.url, etag.as_deref(), modified.as_deref(), &now())?;
        Ok(report)
    }

    /// The document of one feed item: the feed's full content when it has some, else
    /// the linked page (HTML or plain text only, at most `max_bytes`).
    async fn item_document(
        &self,
        entry: &feed_rs::model::Entry,
        link: Option<&str>,
        key: &str,
        source: &Option<String>,
    ) -> Result<Document, WatchError> {
        let title = entry
            .title
            .as_ref()
            .map(|t| t.content.trim().to_string())
            .unwrap_or_default();
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty());
        let origin = link.unwrap_or(key).to_string();
        let (bytes, is_html) = match content {
            Some(body) => (
                format!(
                    "<html><head><title>{}</title></head><body><article><h1>{}</h1>{body}</article></body></html>",
                    escape(&title),
                    escape(&title)
                )
                .into_bytes(),
                true,
            ),
            None => {
                let url = link.ok_or_else(|| WatchError::Document {
                    origin: origin.clone(),
                    message: "item has neither content nor a link".into(),
                })?;
                let response = self.get(url, None).await?;
                let kind = response
                    .headers()
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("text/html")
                    .to_ascii_lowercase();
                let is_html = kind.contains("html");
                if !is_html && !kind.starts_with("text/plain") {
                    return Err(WatchError::Document {
                        origin,
                        message: format!("not an HTML or text page ({kind}); skipped"),
                    });
                }
                (read_capped(response, url, self.config.max_bytes).await?, is_html)
            }
        };
        let opts = IngestOptions {
            pub_date: entry.published.or(entry.updated).map(|d| d.date_naive()),
            ..IngestOptions::default()
        };
        let bytes = if is_html || bytes.first() == Some(&b'<') {
            bytes
        } else {
            // A text page: its first line is the title, as for .txt files.
            let mut text = format!("{title}\n\n").into_bytes();
            text.extend_from_slice(&bytes);
            text
        };
        let mut doc = read_reader(std::io::Cursor::new(bytes), origin.clone(), &opts)
            .next()
            .ok_or_else(|| WatchError::Document {
                origin: origin.clone(),
                message: "no text".into(),
            })?
            .map_err(|e| WatchError::Document {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
        if doc.title.trim().is_empty() && !title.is_empty() {
            doc = Document {
                url: doc.url.clone(),
                source: doc.source.clone(),
                pub_date: doc.pub_date,
                origin: doc.origin.clone(),
                ..Document::new(doc.id.clone(), title, doc.body.clone())
            };
        }
        doc.id = format!("feed-{}", hex16(key.as_bytes()));
        doc.url = link.map(str::to_owned).or(doc.url);
        doc.source = source.clone().or(doc.source);
        Ok(doc)
    }

    /// Ingests the files under `folder` that are new or changed since last seen (by a
    /// hash of their content). Returns what was stored, alerts sent and errors.
    pub async fn scan_folder(&mut self, folder: &Path) -> Result<PollReport, WatchError> {
        let mut files = Vec::new();
        if folder.is_dir() {
            walk(folder, &mut files);
        } else if is_ingestible(folder) {
            files.push(folder.to_path_buf());
        }
        self.ingest_files(&files).await
    }

    async fn ingest_files(&mut self, files: &[PathBuf]) -> Result<PollReport, WatchError> {
        let mut report = PollReport::default();
        let mut docs = Vec::new();
        let mut fingerprints = Vec::new();
        for path in files {
            let Ok(bytes) = std::fs::read(path) else {
                continue; // removed or still being written: the next event retries
            };
            report.items += 1;
            let key = path.display().to_string();
            let fingerprint = hex16(&bytes);
            if self.store.file_fingerprint(&key)?.as_deref() == Some(fingerprint.as_str()) {
                continue;
            }
            report.items_new += 1;
            for item in read_inputs(std::slice::from_ref(path), &IngestOptions::default()) {
                match item {
                    Ok(doc) => docs.push(doc),
                    Err(err) => report.errors.push(err.to_string()),
                }
            }
            fingerprints.push((key, fingerprint));
        }
        let (stored, alerts) = self.ingest(docs, &mut report.errors).await?;
        report.stored = stored;
        report.alerts = alerts;
        for (key, fp) in fingerprints {
            self.store.set_file_fingerprint(&key, &fp)?;
        }
        Ok(report)
    }

    /// Polls every feed and scans every folder once.
    pub async fn run_once(
        &mut self,
    ) -> Result<Vec<(String, Result<PollReport, String>)>, WatchError> {
        let mut out = Vec::new();
        for feed in self.config.feeds.clone() {
            let r = match self.poll_feed(&feed).await {
                Ok(r) => Ok(r),
                Err(err @ WatchError::Store(_)) => return Err(err),
                Err(err) => Err(err.to_string()),
            };
            out.push((feed.url.clone(), r));
        }
        for folder in self.config.folders.clone() {
            let r = self.scan_folder(&folder.path).await?;
            out.push((folder.path.display().to_string(), Ok(r)));
        }
        Ok(out)
    }

    /// Runs until `shutdown` completes: each feed on its interval (backing off on
    /// errors), folders on every `notify` event under them (and a full rescan each
    /// minute, in case an event was missed). `log` receives one line per poll.
    pub async fn run<F, L>(mut self, shutdown: F, mut log: L) -> Result<(), WatchError>
    where
        F: Future<Output = ()>,
        L: FnMut(&str),
    {
        use notify::Watcher as _;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<PathBuf>();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(event) = res {
                for p in event.paths {
                    let _ = tx.send(p);
                }
            }
        })
        .map_err(|e| WatchError::Config {
            origin: "folder watcher".into(),
            message: e.to_string(),
        })?;
        for folder in &self.config.folders {
            watcher
                .watch(&folder.path, notify::RecursiveMode::Recursive)
                .map_err(|e| WatchError::Config {
                    origin: folder.path.display().to_string(),
                    message: e.to_string(),
                })?;
        }
        let start = tokio::time::Instant::now();
        let mut due: HashMap<String, tokio::time::Instant> = self
            .config
            .feeds
            .iter()
            .map(|f| (f.url.clone(), start))
            .collect();
        let mut rescan = tokio::time::interval(Duration::from_secs(60));
        tokio::pin!(shutdown);
        loop {
            let next = due.values().min().copied();
            tokio::select! {
                () = &mut shutdown => return Ok(()),
                () = async { match next { Some(t) => tokio::time::sleep_until(t).await, None => std::future::pending().await } } => {
                    let now_t = tokio::time::Instant::now();
                    for feed in self.config.feeds.clone() {
                        if due[&feed.url] > now_t { continue; }
                        let interval = Duration::from_secs(feed.interval_secs);
                        let wait = match self.poll_feed(&feed).await {
                            Ok(r) => {
                                log(&format!("{}: {} items, {} new, {} events new, {} alerts{}", feed.url, r.items, r.items_new, r.stored.events_new, r.alerts, if r.not_modified { " (not modified)" } else { "" }));
                                for e in &r.errors { log(e); }
                                interval
                            }
                            Err(err @ WatchError::Store(_)) => return Err(err),
                            Err(err) => {
                                let failures = self.store.feed_state(&feed.url)?.failures;
                                let wait = backoff(interval, failures);
                                log(&format!("{err} (retry in {} s)", wait.as_secs()));
                                wait
                            }
                        };
                        due.insert(feed.url.clone(), tokio::time::Instant::now() + wait);
                    }
                }
                Some(path) = rx.recv() => {
                    let mut paths = vec![path];
                    while let Ok(p) = rx.try_recv() { paths.push(p); }
                    paths.sort();
                    paths.dedup();
                    paths.retain(|p| is_ingestible(p) && p.is_file());
                    if !paths.is_empty() {
                        let r = self.ingest_files(&paths).await?;
                        log(&format!("folders: {} files changed, {} events new, {} alerts", r.items_new, r.stored.events_new, r.alerts));
                        for e in &r.errors { log(e); }
                    }
                }
                _ = rescan.tick() => {
                    for folder in self.config.folders.clone() {
                        let r = self.scan_folder(&folder.path).await?;
                        if r.items_new > 0 {
                            log(&format!("{}: {} files new or changed, {} events new, {} alerts", folder.path.display(), r.items_new, r.stored.events_new, r.alerts));
                        }
                        for e in &r.errors { log(e); }
                    }
                }
            }
        }
    }
}

/// Escapes text for an HTML element.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
