//! SQLite store of rasd documents and coded events: versioned schema, idempotent
//! batch ingest, cross-article deduplication, actor graph and statistics.
//!
//! Analysts collect thousands of articles over months; the same event is reported by
//! several outlets, and again in later background paragraphs. The store keeps every
//! per-document event (a *report*) and maintains deduplicated *events* over them.
//!
//! # Overview
//!
//! * [`Store::open`] creates or migrates a database file (WAL mode: readers keep
//!   working while a batch is ingested); [`Store::open_in_memory`] for tests.
//! * [`Store::upsert_actors`] records actor names, parents and ACLED categories
//!   ([`ActorRow`]); the hierarchy drives actor compatibility in dedup and the graph.
//! * [`Store::ingest_batch`] stores documents with the events already extracted from
//!   them, in one transaction, and returns a [`BatchSummary`]. Ingesting the same
//!   documents again changes nothing: a document with the same id, text and metadata
//!   is skipped. A process killed in the middle of a batch leaves the previous commit;
//!   rerunning gives exactly the result of an uninterrupted run.
//! * [`Store::events`] with a [`Filter`] returns [`StoredEvent`]s: the merged record,
//!   its canonical id, an ACLED-style `event_id_cnty`, every [`SourceReport`] with its
//!   own evidence and figures, and the corroboration count (distinct outlets).
//! * [`Store::event`], [`Store::document`], [`Store::actors`], [`Store::places`],
//!   [`Store::counts`], [`Store::check`] read single records, metadata and invariants.
//! * [`Store::relation`] gives the [`Relation`] dossier of two actors (events between
//!   them, cooperation and conflict by month, evidence, linking persons).
//! * `rasd watch` state: [`Store::feed_states`], [`Store::item_seen`],
//!   [`Store::file_fingerprint`], [`Store::alert_fingerprint`] and
//!   [`Store::events_after`] (events new or changed after a cursor).
//! * [`Store::graph`] builds an [`ActorGraph`] (petgraph); [`Store::stats`] gives
//!   [`Stats`] as a text table or JSON.
//!
//! **Architecture invariant:** the store knows nothing about extraction rules. The
//! caller passes [`rasd_model::Document`]s, already-extracted [`rasd_model::Event`]s and
//! actor metadata.
//!
//! # Deduplication
//!
//! Two reports are *linked* when they come from different documents, have the same
//! PLOVER type, the same governorate and a compatible district, overlapping date windows
//! (±1 day, windows of at most 31 days) and compatible actors (equal, unknown, or one
//! an ancestor of the other; slots may swap for symmetric interactions). Reports are
//! grouped by a canonical greedy partition of each connected component, so every two
//! reports of an event are linked and the result does not depend on ingest order or
//! batching. Fatalities keep the lowest reported figure (ACLED); each report keeps its
//! own. Corroboration counts distinct outlets, so a re-ingested article or a later
//! background paragraph by the same outlet is not independent confirmation.
//! The full rule and the merge of each field are documented in `cluster.rs`.
//!
//! # Schema
//!
//! Tables: `documents`, `actors`, `places`, `event_reports` (one row per extracted
//! event, key `(event_id, doc_id)`, indexed on `(plover_type, admin1_pcode, date_lo)`),
//! `events` (merged events, every spec field as a column plus the merged JSON) and
//! `event_sources` (event × document × evidence × per-report counts). `PRAGMA
//! user_version` is the schema version ([`SCHEMA_VERSION`]); older files are migrated
//! in one transaction when opened, newer ones refused.
//!
//! # Example
//!
//! ```
//! use rasd_model::{AcledCoding, DateWindow, Document, Event, Plover, Precision};
//! use rasd_store::{Filter, Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let mut doc = Document::new("d1", "غارة على مأرب", "قتل خمسة مسلحين في غارة جوية على مأرب.");
//! doc.source = Some("outlet-a".into());
//! let event = Event {
//!     event_id: "ev-1".into(),
//!     doc_id: "d1".into(),
//!     plover: Plover { event_type: "ASSAULT".into(), mode: Some("aerial".into()) },
//!     cameo: "195".into(),
//!     goldstein: -10.0,
//!     acled: AcledCoding {
//!         disorder_type: "Political violence".into(),
//!         event_type: "Explosions/Remote violence".into(),
//!         sub_event_type: "Air/drone strike".into(),
//!         interaction: "External/Other forces-Rebel group".into(),
//!     },
//!     date: DateWindow {
//!         start: Some("2023-11-07".into()),
//!         end: Some("2023-11-07".into()),
//!         precision: Precision::Day,
//!         text: None,
//!     },
//!     location: None, actor1: None, actor2: None,
//!     assoc_actor1: vec![], assoc_actor2: vec![], persons: vec![],
//!     fatalities: Some(5), injured: None, detained: None, released: None,
//!     hedged: false, claimed: false, attribution: None, evidence: vec![], trigger: None,
//!     confidence: 0.7,
//! };
//! let summary = store.ingest_batch(&[(doc.clone(), vec![event.clone()])])?;
//! assert_eq!((summary.docs_new, summary.events_new), (1, 1));
//! // Again: nothing changes.
//! let again = store.ingest_batch(&[(doc, vec![event])])?;
//! assert_eq!((again.docs_unchanged, again.events_new), (1, 0));
//! let events = store.events(&Filter::default())?;
//! assert_eq!(events[0].event.fatalities, Some(5));
//! assert!(events[0].event_id_cnty.starts_with("YEM"));
//! # Ok::<(), rasd_store::StoreError>(())
//! ```
#![warn(missing_docs)]

mod cluster;
mod error;
mod graph;
mod relation;
mod schema;
mod stats;
mod store;
mod types;
mod watch;

pub use cluster::{DATE_SLACK_DAYS, MAX_WINDOW_DAYS};
pub use error::StoreError;
pub use graph::{ActorEdge, ActorGraph, ActorNode, EdgeKind};
pub use relation::{
    LinkingPerson, Relation, RelationEvent, RelationEvidence, RelationMonth, Stance, Tone,
    STRONGEST_EVIDENCE,
};
pub use schema::SCHEMA_VERSION;
pub use stats::{Stats, TOP_PAIRS};
pub use store::Store;
pub use types::{ActorRow, BatchSummary, Counts, Filter, Place, SourceReport, StoredEvent};
pub use watch::FeedState;
