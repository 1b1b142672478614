//! Writers for events stored by [`rasd_store`]: ACLED-style CSV, JSONL, GeoJSON and
//! Parquet, and the actor graph as GraphML or JSON.
//!
//! # Overview
//!
//! * [`export`] reads the events matching a [`rasd_store::Filter`] (from/to, actor,
//!   PLOVER or ACLED type, governorate) and writes them in a [`Format`]; [`export_graph`]
//!   does the same for the actor graph in a [`GraphFormat`].
//! * The writers also work on events already read: [`write_csv`], [`write_jsonl`],
//!   [`write_geojson`], [`write_parquet`], [`write_graphml`], [`write_graph_json`].
//! * [`AcledCsvWriter`] streams ACLED CSV rows one event at a time.
//! * [`AcledRow`] is ACLED's 31-column row of one event ([`ACLED_COLUMNS`], in ACLED's
//!   order and spelling): `event_id_cnty` `YEM…` (stable, from the store), `inter1`/
//!   `inter2` from actor categories ([`ActorCategories`], else the coded interaction),
//!   the two-digit `interaction`, `civilian_targeting`, the ACLED country name, ISO numeric code and region of `location.country`,
//!   `source` = the outlets joined `"; "`, `notes` = an English summary generated from
//!   the coded fields ([`notes`]), `timestamp` derived from the data (latest
//!   publication date of the sources), never from the clock.
//!
//! Output is deterministic: events come in the store's order (date, then id) and every
//! value is derived from stored data.
//!
//! # Example
//!
//! ```
//! use rasd_export::{export, Format, ExportOptions, ACLED_COLUMNS};
//! use rasd_store::{Filter, Store};
//!
//! let store = Store::open_in_memory()?;
//! let mut out = Vec::new();
//! let summary = export(&store, &Filter::default(), Format::Csv, &ExportOptions::default(), &mut out)?;
//! assert_eq!(summary.written, 0);
//! assert_eq!(String::from_utf8(out).unwrap().trim_end(), ACLED_COLUMNS.join(","));
//! # Ok::<(), rasd_export::ExportError>(())
//! ```
#![warn(missing_docs)]

mod acled;
mod columnar;
mod error;
mod geo;
mod graph;
mod jsonl;
mod tabular;

use std::io::Write;
use std::str::FromStr;

use rasd_store::{Filter, Store};

pub use acled::{
    acled_country, notes, AcledRow, ActorCategories, ExportOptions, ACLED_COLUMNS, ISO_YEMEN,
};
pub use columnar::{parquet_schema, write_parquet};
pub use error::ExportError;
pub use geo::{write_geojson, GeoJsonWriter};
pub use graph::{graph_json, write_graph_json, write_graphml};
pub use jsonl::{event_json, write_jsonl};
pub use tabular::{write_csv, AcledCsvWriter};

/// An event export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ACLED's 31 columns.
    Csv,
    /// One JSON object per event, with its sources.
    Jsonl,
    /// A FeatureCollection of points.
    Geojson,
    /// Typed columns.
    Parquet,
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "jsonl" => Ok(Format::Jsonl),
            "geojson" => Ok(Format::Geojson),
            "parquet" => Ok(Format::Parquet),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// An actor-graph export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// GraphML.
    Graphml,
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
}

impl FromStr for GraphFormat {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "graphml" => Ok(GraphFormat::Graphml),
            "json" => Ok(GraphFormat::Json),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Events written.
    pub written: usize,
    /// Events left out of a GeoJSON export because they have no coordinates.
    pub skipped_without_location: usize,
}

/// Writes the events of `store` matching `filter` in `format`.
pub fn export<W: Write + Send>(
    store: &Store,
    filter: &Filter,
    format: Format,
    opts: &ExportOptions,
    out: W,
) -> Result<ExportSummary, ExportError> {
    let events = store.events(filter)?;
    let actors = store.actors()?;
    match format {
        Format::Csv => write_csv(&events, &actors, opts, out),
        Format::Jsonl => write_jsonl(&events, out),
        Format::Geojson => write_geojson(&events, &actors, opts, out),
        Format::Parquet => write_parquet(&events, &actors, opts, out),
    }
}

/// Writes the actor graph of the events of `store` matching `filter`.
pub fn export_graph<W: Write>(
    store: &Store,
    filter: &Filter,
    format: GraphFormat,
    out: W,
) -> Result<(), ExportError> {
    let graph = store.graph(filter)?;
    match format {
        GraphFormat::Graphml => write_graphml(&graph, out),
        GraphFormat::Json => write_graph_json(&graph, out),
    }
}
