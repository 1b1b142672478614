use std::io::Write;

use rasd_store::StoredEvent;
use serde_json::{json, Value};

use crate::{ExportError, ExportSummary};

/// The JSON object of one stored event: the merged record of `spec/events.md` plus
/// `event_id_cnty`, `corroboration`, `timestamp` and `sources` (each report's document,
/// outlet, evidence and own figures).
pub fn event_json(e: &StoredEvent) -> Result<Value, ExportError> {
    let mut v = serde_json::to_value(&e.event)?;
    let sources: Vec<Value> = e
        .sources
        .iter()
        .map(|s| {
            Ok(json!({
                "event_id": s.event_id,
                "doc_id": s.doc_id,
                "outlet": s.outlet,
                "url": s.url,
                "title": s.title,
                "pub_date": s.pub_date.map(|d| d.to_string()),
                "evidence": serde_json::to_value(&s.evidence)?,
                "fatalities": s.fatalities,
                "injured": s.injured,
                "detained": s.detained,
                "released": s.released,
            }))
        })
        .collect::<Result<_, ExportError>>()?;
    let obj = v.as_object_mut().expect("an event serializes to an object");
    obj.insert("event_id_cnty".into(), json!(e.event_id_cnty));
    obj.insert("corroboration".into(), json!(e.corroboration));
    obj.insert("timestamp".into(), json!(e.timestamp));
    obj.insert("sources".into(), Value::Array(sources));
    Ok(v)
}

/// Writes one [`event_json`] object per line.
pub fn write_jsonl<W: Write>(
    events: &[StoredEvent],
    mut out: W,
) -> Result<ExportSummary, ExportError> {
    for e in events {
        serde_json::to_writer(&mut out, &event_json(e)?)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExportSummary {
        written: events.len(),
        skipped_without_location: 0,
    })
}
