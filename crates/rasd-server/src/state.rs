//! Shared state: the store (a writer when writes are allowed, plus a pool of
//! read-only readers), the extractor, the catalog snapshot, the access rules and
//! the limits on concurrent extractions and exports.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use rasd_extract::{Extraction, Extractor};
use rasd_model::Document;
use rasd_store::Store;
use serde_json::{json, Value};

use crate::catalog::{Catalog, Figures, Loaded, Source};
use crate::error::AppError;
use crate::filter::Filter;
use crate::ServerError;

/// Read connections kept open between requests.
const MAX_IDLE_READERS: usize = 8;

/// Everything the handlers share. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    /// The one connection that writes (SQLite has one writer at a time anyway);
    /// `None` when the server is read-only.
    writer: Option<Mutex<Store>>,
    /// Idle read connections (read-only); WAL lets them read while a writer writes.
    readers: Mutex<Vec<Store>>,
    extractor: Arc<Extractor>,
    catalog: RwLock<Arc<Catalog>>,
    /// The lexicon's actors, for catalogs of databases that lack some of them.
    lexicon_actors: Vec<rasd_store::ActorRow>,
    access: Access,
    /// A read-only connection kept only to ask SQLite whether another connection
    /// committed (`PRAGMA data_version`).
    watcher: Mutex<Option<Store>>,
    /// The `data_version` the catalog reflects.
    seen_version: AtomicI64,
    /// Size and modification time of the database and its `-wal` when the catalog
    /// was loaded: a change counter that also works where SQLite had to open the file
    /// as immutable (a read-only directory), where `data_version` never moves.
    seen_stamp: Mutex<Option<FileStamp>>,
    /// Set while a catalog reload runs, so concurrent checks don't pile up.
    reloading: AtomicBool,
    /// Permits for concurrent extractions (`/api/extract`, `POST /api/documents`).
    extractions: Arc<tokio::sync::Semaphore>,
    /// Permits for concurrent exports.
    exports: Arc<tokio::sync::Semaphore>,
}

/// Who may do what, and how much at once; see `rasd serve --help`.
#[derive(Debug, Clone)]
pub struct Access {
    /// `POST /api/documents` is enabled (else 403 `read_only`).
    pub allow_writes: bool,
    /// When set, writes need `Authorization: Bearer TOKEN` (else 401 `unauthorized`).
    pub token: Option<String>,
    /// When set, the `Host` header must name one of these (a name or address, with
    /// or without a port), else 421 `bad_host`: defeats DNS rebinding.
    pub hosts: Option<Vec<String>>,
    /// Extractions (`/api/extract`, `POST /api/documents`) running at once; more
    /// get 503 `busy` with `Retry-After`.
    pub max_extractions: usize,
    /// Exports running at once; more get 503 `busy`.
    pub max_exports: usize,
    /// Longest time to answer a request (the response head); then 503 `timeout`.
    pub request_timeout: std::time::Duration,
}

impl Default for Access {
    /// Writes allowed without a token, any Host: the library and test default.
    /// `rasd serve` starts read-only and checks the Host header.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Access {
            allow_writes: true,
            token: None,
            hosts: None,
            max_extractions: cores.clamp(2, 16),
            max_exports: 4,
            request_timeout: crate::guard::REQUEST_TIMEOUT,
        }
    }
}

impl AppState {
    /// Opens (or creates) the database at `db`, loads the built-in extractor
    /// resources and reads every stored event into the catalog.
    pub fn open(db: &Path) -> Result<AppState, ServerError> {
        let extractor = Extractor::builtin().map_err(|e| ServerError::Extractor(e.to_string()))?;
        AppState::with_extractor(db, Arc::new(extractor))
    }

    /// As [`AppState::open`], sharing an extractor that is already loaded.
    pub fn with_extractor(db: &Path, extractor: Arc<Extractor>) -> Result<AppState, ServerError> {
        AppState::with_access(db, extractor, Access::default())
    }

    /// Opens `db` under `access`. Read-only (`allow_writes: false`): the database
    /// must exist and is opened read-only (no WAL switch, no `-wal`/`-shm` files
    /// created where the directory is read-only); else it is created if missing and
    /// the lexicon's actors are recorded in it.
    pub fn with_access(
        db: &Path,
        extractor: Arc<Extractor>,
        access: Access,
    ) -> Result<AppState, ServerError> {
        let store_err = |e: rasd_store::StoreError| ServerError::Store(e.to_string());
        // The actor table with its hierarchy and categories, from the lexicon, so
        // that an actor filter includes the actors below it.
        let rows = actor_rows(&extractor);
        let (writer, reader) = if access.allow_writes {
            let mut store = Store::open(db).map_err(store_err)?;
            store.upsert_actors(&rows).map_err(store_err)?;
            (Some(store), None)
        } else {
            if !db.is_file() {
                return Err(ServerError::Store(format!(
                    "{}: no such database (run `rasd ingest` first, or serve with --allow-writes to create one)",
                    db.display()
                )));
            }
            (None, Some(Store::open_read_only(db).map_err(store_err)?))
        };
        let loader = writer.as_ref().or(reader.as_ref()).expect("one store");
        let catalog = load_catalog(loader, &rows).map_err(store_err)?;
        let watcher = Store::open_read_only(db).map_err(store_err)?;
        let version = watcher.data_version().map_err(store_err)?;
        let extractions = Arc::new(tokio::sync::Semaphore::new(access.max_extractions.max(1)));
        let exports = Arc::new(tokio::sync::Semaphore::new(access.max_exports.max(1)));
        Ok(AppState {
            inner: Arc::new(Inner {
                db: db.to_path_buf(),
                writer: writer.map(Mutex::new),
                readers: Mutex::new(reader.into_iter().collect()),
                extractor,
                catalog: RwLock::new(Arc::new(catalog)),
                lexicon_actors: rows,
                access,
                watcher: Mutex::new(Some(watcher)),
                seen_version: AtomicI64::new(version),
                seen_stamp: Mutex::new(file_stamp(db)),
                reloading: AtomicBool::new(false),
                extractions,
                exports,
            }),
        })
    }

    /// The access rules this state was opened with.
    pub fn access(&self) -> &Access {
        &self.inner.access
    }

    /// The current snapshot of the stored events.
    pub(crate) fn catalog(&self) -> Arc<Catalog> {
        self.inner
            .catalog
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reloads the catalog when another connection (another process: `rasd ingest`,
    /// `rasd watch`) committed to the database since the last load (its
    /// `data_version`, or the size and time of the files, moved); returns whether it
    /// did. Blocking (SQLite): call it from a blocking thread. `rasd serve` runs it
    /// every [`crate::ServeConfig::refresh_interval`].
    pub fn refresh_if_changed(&self) -> Result<bool, ServerError> {
        let inner = &self.inner;
        let store_err = |e: rasd_store::StoreError| ServerError::Store(e.to_string());
        let version = {
            let mut guard = inner.watcher.lock().unwrap_or_else(|p| p.into_inner());
            if guard.is_none() {
                *guard = Some(Store::open_read_only(&inner.db).map_err(store_err)?);
            }
            match guard.as_ref().map(Store::data_version) {
                Some(Ok(v)) => v,
                Some(Err(e)) => {
                    *guard = None; // reopen next time
                    return Err(store_err(e));
                }
                None => return Ok(false),
            }
        };
        let stamp = file_stamp(&inner.db);
        let same_stamp = *inner.seen_stamp.lock().unwrap_or_else(|p| p.into_inner()) == stamp;
        if version == inner.seen_version.load(Ordering::SeqCst) && same_stamp {
            return Ok(false);
        }
        if inner.reloading.swap(true, Ordering::SeqCst) {
            return Ok(false);
        }
        let result = (|| {
            let store = Store::open_read_only(&inner.db).map_err(store_err)?;
            let catalog = load_catalog(&store, &inner.lexicon_actors).map_err(store_err)?;
            *inner.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
            inner.seen_version.store(version, Ordering::SeqCst);
            *inner.seen_stamp.lock().unwrap_or_else(|p| p.into_inner()) = stamp;
            // Idle readers may hold an immutable view: open fresh ones.
            inner
                .readers
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clear();
            Ok(true)
        })();
        inner.reloading.store(false, Ordering::SeqCst);
        result
    }

    /// A permit to run one extraction, or 503 `busy` when all are taken. The permit
    /// moves into the blocking work, so work a client gave up on still counts until
    /// it ends: abandoned requests cannot pile up.
    pub(crate) fn extraction_permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        self.inner
            .extractions
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::Busy("too many extractions running; retry shortly".into()))
    }

    /// A permit to run one export, or 503 `busy`.
    pub(crate) fn export_permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        self.inner
            .exports
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::Busy("too many exports running; retry shortly".into()))
    }

    /// Runs `f` on a read connection on the blocking pool.
    async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, rasd_store::StoreError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner
                .readers
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .pop();
            let store = match pooled {
                Some(s) => s,
                None => Store::open_read_only(&inner.db)
                    .map_err(|e| AppError::internal("opening a read connection", e))?,
            };
            let out = f(&store).map_err(|e| AppError::internal("reading the store", e));
            let mut idle = inner.readers.lock().unwrap_or_else(|p| p.into_inner());
            if idle.len() < MAX_IDLE_READERS {
                idle.push(store);
            }
            out
        })
        .await?
    }

    /// A document and its events, each with this document's evidence and figures,
    /// read from the store itself (so a document ingested by another process shows
    /// its events at once).
    pub(crate) async fn document(&self, id: String) -> Result<Option<Value>, AppError> {
        let key = id.clone();
        let found = self
            .read(move |s| {
                let Some(doc) = s.document(&key)? else {
                    return Ok(None);
                };
                Ok(Some((doc, s.events_of_document(&key)?)))
            })
            .await?;
        let Some((doc, stored)) = found else {
            return Ok(None);
        };
        let mut events = Vec::new();
        for e in &stored {
            for s in e.sources.iter().filter(|s| s.doc_id == id) {
                let mut ev = e.event.clone();
                ev.event_id = s.event_id.clone();
                ev.doc_id = id.clone();
                ev.evidence = s.evidence.clone();
                let mut v = json!(ev);
                v["merged_event_id"] = json!(e.event.event_id);
                v["report_figures"] = json!(Figures {
                    fatalities: s.fatalities,
                    injured: s.injured,
                    detained: s.detained,
                    released: s.released,
                });
                events.push((ev.evidence.first().map(|x| x.start), v));
            }
        }
        events.sort_by_key(|(start, _)| *start);
        Ok(Some(json!({
            "doc_id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "pub_date": doc.pub_date.map(|d| d.to_string()),
            "url": doc.url,
            "source": doc.source,
            "events": events.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        })))
    }

    /// Extracts the events of `doc` without storing anything. When the client goes
    /// away the extraction stops where it is (the request future is dropped, which sets
    /// `cancelled`), and its slot is free again.
    pub(crate) async fn extract(&self, doc: Document) -> Result<(Document, Extraction), AppError> {
        let permit = self.extraction_permit()?;
        let ex = self.inner.extractor.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let _on_drop = CancelOnDrop(cancelled.clone());
        tokio::task::spawn_blocking(move || {
            let out = ex.extract_until(&doc, &cancelled);
            drop(permit);
            out.map(|out| (doc, out))
        })
        .await?
        .ok_or_else(|| AppError::Internal("client went away; extraction stopped".into()))
    }

    /// Extracts, stores and deduplicates `doc`, then refreshes the catalog.
    ///
    /// When the client goes away while the article is being extracted, nothing is
    /// stored (the request future is dropped, which sets `cancelled`).
    pub(crate) async fn ingest(&self, doc: Document) -> Result<Value, AppError> {
        if self.inner.writer.is_none() {
            return Err(AppError::Forbidden(
                "the server is read-only (start it with --allow-writes)".into(),
            ));
        }
        let permit = self.extraction_permit()?;
        let inner = self.inner.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let _on_drop = CancelOnDrop(cancelled.clone());
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut doc = doc;
            let extraction = inner.extractor.extract_until(&doc, &cancelled);
            let Some(mut extraction) = extraction.filter(|_| !cancelled.load(Ordering::SeqCst))
            else {
                return Err(AppError::Internal(
                    "client went away; nothing stored".into(),
                ));
            };
            if doc.pub_date.is_none() {
                // The date the extractor found in a "today" marker.
                doc.pub_date = extraction.pub_date;
            }
            // The store refuses a document whose events share an id; keep the first.
            let mut seen = std::collections::HashSet::new();
            let mut dropped = Vec::new();
            extraction.events.retain(|e| {
                let first = seen.insert(e.event_id.clone());
                if !first {
                    dropped.push(e.event_id.clone());
                }
                first
            });
            for id in dropped {
                let msg = format!("duplicate event id {id} dropped");
                tracing::warn!(doc_id = %doc.id, "{msg}");
                extraction.diagnostics.push(msg);
            }
            let writer = inner.writer.as_ref().expect("checked above");
            let mut store = writer.lock().unwrap_or_else(|p| p.into_inner());
            let summary = store
                .ingest_batch(&[(doc.clone(), extraction.events.clone())])
                .map_err(|e| match e {
                    rasd_store::StoreError::Invalid { .. } => {
                        AppError::Unprocessable(e.to_string())
                    }
                    e => AppError::internal("storing a document", e),
                })?;
            let catalog = load_catalog(&store, &inner.lexicon_actors)
                .map_err(|e| AppError::internal("reloading events", e))?;
            *inner.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
            // Our own commit changes the watcher's data_version: mark it seen.
            if let Some(Ok(v)) = inner
                .watcher
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .map(Store::data_version)
            {
                inner.seen_version.store(v, Ordering::SeqCst);
            }
            *inner.seen_stamp.lock().unwrap_or_else(|p| p.into_inner()) = file_stamp(&inner.db);
            Ok(json!({
                "doc_id": doc.id,
                "events": extraction.events.iter().map(|e| &e.event_id).collect::<Vec<_>>(),
                "diagnostics": extraction.diagnostics,
                "docs_new": summary.docs_new,
                "docs_unchanged": summary.docs_unchanged,
                "docs_updated": summary.docs_updated,
                "events_new": summary.events_new,
                "events_merged": summary.events_merged,
            }))
        })
        .await?
    }

    /// Events written (new or changed) after `cursor`, from the database itself, so
    /// events another process (`rasd watch`) stored show up without a restart; when
    /// there are some, the catalog is reloaded too. Without a cursor, only the current
    /// cursor is returned (a client's starting point).
    pub(crate) async fn updates(&self, cursor: Option<i64>) -> Result<Value, AppError> {
        let Some(after) = cursor else {
            let now = self.read(|s| s.event_cursor()).await?;
            return Ok(json!({ "cursor": now, "events": [] }));
        };
        let (events, next) = self.read(move |s| s.events_after(after, 200)).await?;
        if !events.is_empty() {
            let st = self.clone();
            tokio::task::spawn_blocking(move || st.refresh_if_changed())
                .await?
                .map_err(|e| AppError::internal("reloading events", e))?;
        }
        let events: Vec<Value> = events
            .iter()
            .map(|e| {
                json!({
                    "id": e.id, "event_id_cnty": e.event_id_cnty,
                    "corroboration": e.corroboration, "event": e.event,
                })
            })
            .collect();
        Ok(json!({ "cursor": next, "events": events }))
    }

    /// The dossier of two actors (see [`rasd_store::Store::relation`]).
    pub(crate) async fn relation(
        &self,
        a: String,
        b: String,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
    ) -> Result<rasd_store::Relation, AppError> {
        self.read(move |s| s.relation(&a, &b, from, to)).await
    }

    /// Each watched feed's last success, last error and items seen.
    pub(crate) async fn feeds(&self) -> Result<Vec<rasd_store::FeedState>, AppError> {
        self.read(|s| s.feed_states()).await
    }

    /// Writes the filtered events in `format` (csv, jsonl, geojson, graphml) as a
    /// stream of chunks: a blocking task writes into a small bounded channel, so an
    /// export holds a few chunks in memory, not the whole file, and stops when the
    /// client goes away (the channel closes). At most `max_exports` run at once.
    pub(crate) fn export(
        &self,
        format: String,
        filter: Filter,
    ) -> Result<tokio::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>, AppError> {
        let permit = self.export_permit()?;
        let cat = self.catalog();
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let events = cat.filter(&filter);
            let mut out = std::io::BufWriter::with_capacity(
                64 * 1024,
                crate::export::ChannelWriter { tx: tx.clone() },
            );
            let result = crate::export::write(&format, &events, &cat.actor_rows, &mut out)
                .map_err(std::io::Error::other)
                .and_then(|()| std::io::Write::flush(&mut out));
            if let Err(e) = result {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    tracing::error!(error = %e, "export failed");
                    let _ = tx.blocking_send(Err(e));
                }
            }
        });
        Ok(rx)
    }
}

/// Length and modification time of a file and of its `-wal` companion.
type FileStamp = (
    u64,
    Option<std::time::SystemTime>,
    u64,
    Option<std::time::SystemTime>,
);

fn file_stamp(db: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(db).ok()?;
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::fs::metadata(PathBuf::from(wal)).ok();
    Some((
        meta.len(),
        meta.modified().ok(),
        wal.as_ref().map_or(0, std::fs::Metadata::len),
        wal.and_then(|m| m.modified().ok()),
    ))
}

/// Sets its flag when dropped: the request future of an ingest was dropped.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Reads every stored event and actor; lexicon actors missing from the database (one
/// opened read-only, written with other dictionaries) are added.
fn load_catalog(
    store: &Store,
    lexicon: &[rasd_store::ActorRow],
) -> Result<Catalog, rasd_store::StoreError> {
    let events = store.events(&rasd_store::Filter::default())?;
    let mut actors = store.actors()?;
    let known: std::collections::HashSet<String> = actors.iter().map(|a| a.id.clone()).collect();
    actors.extend(lexicon.iter().filter(|a| !known.contains(&a.id)).cloned());
    let documents = store.counts()?.documents as usize;
    let loaded = events
        .into_iter()
        .map(|se| Loaded {
            sources: se
                .sources
                .iter()
                .map(|s| Source {
                    doc_id: s.doc_id.clone(),
                    event_id: s.event_id.clone(),
                    title: s.title.clone(),
                    pub_date: s.pub_date.map(|d| d.to_string()),
                    url: s.url.clone(),
                    source: s.outlet.clone(),
                    evidence: s.evidence.clone(),
                    figures: Figures {
                        fatalities: s.fatalities,
                        injured: s.injured,
                        detained: s.detained,
                        released: s.released,
                    },
                })
                .collect(),
            stored: se,
        })
        .collect();
    Ok(Catalog::build(loaded, actors, documents))
}

/// The lexicon's actors as store rows (hierarchy and ACLED inter codes), for the store's
/// actor table.
pub fn actor_rows(extractor: &Extractor) -> Vec<rasd_store::ActorRow> {
    extractor
        .resources()
        .lexicon()
        .actors()
        .iter()
        .map(|a| rasd_store::ActorRow {
            id: a.id.clone(),
            name: a.name.clone(),
            parent: a.parent.clone(),
            category: a.category,
        })
        .collect()
}
