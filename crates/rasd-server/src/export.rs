//! `GET /api/export`: the filtered events through the rasd-export writers.

use rasd_export::{
    write_csv, write_geojson, write_graphml, write_jsonl, ExportError, ExportOptions,
};
use rasd_store::{ActorGraph, ActorRow, StoredEvent};

/// Writes `events` as `format` (csv, jsonl, geojson or graphml; checked by the caller).
pub(crate) fn write(
    format: &str,
    events: &[StoredEvent],
    actors: &[ActorRow],
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let opts = ExportOptions::default();
    match format {
        "csv" => {
            write_csv(events, actors, &opts, &mut out)?;
        }
        "geojson" => {
            write_geojson(events, actors, &opts, &mut out)?;
        }
        "graphml" => write_graphml(&ActorGraph::build(events, actors), &mut out)?,
        _ => {
            write_jsonl(events, &mut out)?;
        }
    }
    Ok(out)
}
