//! `GET /api/export`: the filtered events through the rasd-export writers, written
//! event by event into a [`ChannelWriter`] so the response streams.

use std::io::Write;

use rasd_export::{
    write_graphml, write_jsonl, AcledCsvWriter, ExportError, ExportOptions, GeoJsonWriter,
};
use rasd_store::{ActorGraph, ActorRow};

use crate::catalog::Entry;

/// Writes `events` as `format` (csv, jsonl, geojson or graphml; checked by the caller).
/// CSV, JSONL and GeoJSON are written one event at a time; GraphML is written from the
/// actor graph, built over the selection without copying its events.
pub(crate) fn write<W: Write>(
    format: &str,
    events: &[&Entry],
    actors: &[ActorRow],
    mut out: W,
) -> Result<(), ExportError> {
    let opts = ExportOptions::default();
    match format {
        "csv" => {
            let mut w = AcledCsvWriter::new(&mut out, actors, opts)?;
            for e in events {
                w.write(&e.stored)?;
            }
            w.finish()?;
        }
        "geojson" => {
            let mut w = GeoJsonWriter::new(&mut out, actors, opts)?;
            for e in events {
                w.write(&e.stored)?;
            }
            w.finish()?;
        }
        "graphml" => {
            // The graph is as large as the actors and their pairs, not the events, which
            // are read in place.
            let graph = ActorGraph::build(events.iter().map(|e| &e.stored), actors);
            write_graphml(&graph, &mut out)?;
        }
        _ => {
            for e in events {
                write_jsonl(std::slice::from_ref(&e.stored), &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A writer whose chunks go to a bounded channel (the response body). A full channel
/// blocks the writer (back-pressure); a closed one (the client went away) is a
/// `BrokenPipe` error, which ends the export.
pub(crate) struct ChannelWriter {
    pub tx: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        self.tx
            .blocking_send(Ok(buf.to_vec()))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
