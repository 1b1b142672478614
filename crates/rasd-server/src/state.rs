//! Shared state: the store (a writer plus a pool of readers), the extractor and
//! the catalog snapshot.

use std::path::{Path, PathBuf};
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
    /// The one connection that writes (SQLite has one writer at a time anyway).
    writer: Mutex<Store>,
    /// Idle read connections; WAL lets them read while the writer writes.
    readers: Mutex<Vec<Store>>,
    extractor: Arc<Extractor>,
    catalog: RwLock<Arc<Catalog>>,
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
        let mut store = Store::open(db).map_err(|e| ServerError::Store(e.to_string()))?;
        // The actor table with its hierarchy and categories, from the lexicon, so
        // that an actor filter includes the actors below it.
        let rows = actor_rows(&extractor);
        store
            .upsert_actors(&rows)
            .map_err(|e| ServerError::Store(e.to_string()))?;
        let catalog = load_catalog(&store).map_err(|e| ServerError::Store(e.to_string()))?;
        Ok(AppState {
            inner: Arc::new(Inner {
                db: db.to_path_buf(),
                writer: Mutex::new(store),
                readers: Mutex::new(Vec::new()),
                extractor,
                catalog: RwLock::new(Arc::new(catalog)),
            }),
        })
    }

    /// The current snapshot of the stored events.
    pub(crate) fn catalog(&self) -> Arc<Catalog> {
        self.inner
            .catalog
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
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
                None => Store::open(&inner.db)
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

    /// A document and its events, each with this document's evidence and figures.
    pub(crate) async fn document(&self, id: String) -> Result<Option<Value>, AppError> {
        let key = id.clone();
        let Some(doc) = self.read(move |s| s.document(&key)).await? else {
            return Ok(None);
        };
        let cat = self.catalog();
        let filter = Filter {
            doc: Some(id.clone()),
            ..Filter::default()
        };
        let mut events = Vec::new();
        for e in cat.filter(&filter) {
            for s in e.sources.iter().filter(|s| s.doc_id == id) {
                let mut ev = e.event.clone();
                ev.event_id = s.event_id.clone();
                ev.doc_id = id.clone();
                ev.evidence = s.evidence.clone();
                let mut v = json!(ev);
                v["merged_event_id"] = json!(e.event.event_id);
                v["report_figures"] = json!(s.figures);
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

    /// Extracts the events of `doc` without storing anything.
    pub(crate) async fn extract(&self, doc: Document) -> Result<(Document, Extraction), AppError> {
        let ex = self.inner.extractor.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let out = ex.extract(&doc);
            (doc, out)
        })
        .await?)
    }

    /// Extracts, stores and deduplicates `doc`, then refreshes the catalog.
    pub(crate) async fn ingest(&self, doc: Document) -> Result<Value, AppError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut doc = doc;
            let mut extraction = inner.extractor.extract(&doc);
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
            let mut store = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
            let summary = store
                .ingest_batch(&[(doc.clone(), extraction.events.clone())])
                .map_err(|e| match e {
                    rasd_store::StoreError::Invalid { .. } => {
                        AppError::Unprocessable(e.to_string())
                    }
                    e => AppError::internal("storing a document", e),
                })?;
            let catalog =
                load_catalog(&store).map_err(|e| AppError::internal("reloading events", e))?;
            *inner.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
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
            let inner = self.inner.clone();
            tokio::task::spawn_blocking(move || {
                let store = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
                let catalog =
                    load_catalog(&store).map_err(|e| AppError::internal("reloading events", e))?;
                *inner.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
                Ok::<(), AppError>(())
            })
            .await??;
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

    /// Writes the filtered events in `format` (csv, jsonl, geojson, graphml).
    pub(crate) async fn export(&self, format: String, filter: Filter) -> Result<Vec<u8>, AppError> {
        let cat = self.catalog();
        tokio::task::spawn_blocking(move || {
            let events: Vec<rasd_store::StoredEvent> = cat
                .filter(&filter)
                .into_iter()
                .map(|e| e.stored.clone())
                .collect();
            crate::export::write(&format, &events, &cat.actor_rows)
                .map_err(|e| AppError::internal("writing an export", e))
        })
        .await?
    }
}

/// Reads every stored event and actor.
fn load_catalog(store: &Store) -> Result<Catalog, rasd_store::StoreError> {
    let events = store.events(&rasd_store::Filter::default())?;
    let actors = store.actors()?;
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
