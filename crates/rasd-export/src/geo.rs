use std::io::Write;

use rasd_store::{ActorRow, StoredEvent};
use serde_json::json;

use crate::acled::{AcledRow, ActorCategories, ExportOptions};
use crate::{ExportError, ExportSummary};

/// Writes a GeoJSON FeatureCollection: one Point (`[lon, lat]`) per event that has
/// coordinates, with the coded fields as properties. Events without coordinates are
/// left out; their number is in the summary and in the collection's foreign member
/// `"skipped_without_location"`.
pub fn write_geojson<W: Write>(
    events: &[StoredEvent],
    actors: &[ActorRow],
    opts: &ExportOptions,
    out: W,
) -> Result<ExportSummary, ExportError> {
    let mut w = GeoJsonWriter::new(out, actors, opts.clone())?;
    for e in events {
        w.write(e)?;
    }
    w.finish()
}

/// A GeoJSON FeatureCollection written one feature at a time, so a large selection
/// streams in bounded memory; the bytes are those of [`write_geojson`] (keys in
/// sorted order: `features`, `skipped_without_location`, `type`).
pub struct GeoJsonWriter<W: Write> {
    out: W,
    cats: ActorCategories,
    opts: ExportOptions,
    written: usize,
    skipped: usize,
}

impl<W: Write> GeoJsonWriter<W> {
    /// Starts the collection.
    pub fn new(mut out: W, actors: &[ActorRow], opts: ExportOptions) -> Result<Self, ExportError> {
        out.write_all(b"{\"features\":[")?;
        Ok(GeoJsonWriter {
            out,
            cats: ActorCategories::new(actors),
            opts,
            written: 0,
            skipped: 0,
        })
    }

    /// Writes the event's feature, or counts it as skipped when it has no coordinates.
    pub fn write(&mut self, e: &StoredEvent) -> Result<(), ExportError> {
        let (cats, opts) = (&self.cats, &self.opts);
        let ev = &e.event;
        let Some((loc, lat, lon)) = ev.location.as_ref().and_then(|l| Some((l, l.lat?, l.lon?)))
        else {
            self.skipped += 1;
            return Ok(());
        };
        let row = AcledRow::of(e, cats, opts);
        let mut feature = json!({
            "type": "Feature",
            "id": e.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": e.id,
                "event_id_cnty": e.event_id_cnty,
                "event_date": row.event_date.map(|d| d.to_string()),
                "time_precision": row.time_precision,
                "plover_type": ev.plover.event_type,
                "plover_mode": ev.plover.mode,
                "cameo": ev.cameo,
                "goldstein": ev.goldstein,
                "disorder_type": ev.acled.disorder_type,
                "event_type": ev.acled.event_type,
                "sub_event_type": ev.acled.sub_event_type,
                "actor1": ev.actor1.as_ref().map(|a| &a.name),
                "actor1_id": ev.actor1.as_ref().map(|a| &a.id),
                "actor2": ev.actor2.as_ref().map(|a| &a.name),
                "actor2_id": ev.actor2.as_ref().map(|a| &a.id),
                "inter1": row.inter1,
                "inter2": row.inter2,
                "interaction": row.interaction,
                "location": loc.name,
                "location_ar": loc.name_ar,
                "admin1": loc.admin1,
                "admin1_pcode": loc.admin1_pcode,
                "admin2": loc.admin2,
                "admin2_pcode": loc.admin2_pcode,
                "geo_precision": loc.geo_precision,
                "fatalities": ev.fatalities,
                "injured": ev.injured,
                "detained": ev.detained,
                "released": ev.released,
                "hedged": ev.hedged,
                "claimed": ev.claimed,
                "corroboration": e.corroboration,
                "sources": e.outlets(),
                "notes": row.notes,
                "timestamp": e.timestamp,
            }
        });
        // The country: ISO3 (`SEA` at sea), ACLED's name and ISO numeric code.
        let props = &mut feature["properties"];
        props["country"] = json!(loc.country);
        props["country_name"] = json!(row.country);
        props["iso"] = json!(row.iso);
        if self.written > 0 {
            self.out.write_all(b",")?;
        }
        serde_json::to_writer(&mut self.out, &feature)?;
        self.written += 1;
        Ok(())
    }

    /// Closes the collection with the number of events left out.
    pub fn finish(mut self) -> Result<ExportSummary, ExportError> {
        writeln!(
            self.out,
            "],\"skipped_without_location\":{},\"type\":\"FeatureCollection\"}}",
            self.skipped
        )?;
        self.out.flush()?;
        Ok(ExportSummary {
            written: self.written,
            skipped_without_location: self.skipped,
        })
    }
}
