use std::io::Write;

use rasd_store::{ActorRow, StoredEvent};
use serde_json::{json, Value};

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
    mut out: W,
) -> Result<ExportSummary, ExportError> {
    let cats = ActorCategories::new(actors);
    let mut features = Vec::new();
    let mut skipped = 0;
    for e in events {
        let ev = &e.event;
        let Some((loc, lat, lon)) = ev.location.as_ref().and_then(|l| Some((l, l.lat?, l.lon?)))
        else {
            skipped += 1;
            continue;
        };
        let row = AcledRow::of(e, &cats, opts);
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
        features.push(feature);
    }
    let written = features.len();
    let collection: Value = json!({
        "type": "FeatureCollection",
        "features": features,
        "skipped_without_location": skipped,
    });
    serde_json::to_writer(&mut out, &collection)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(ExportSummary {
        written,
        skipped_without_location: skipped,
    })
}
