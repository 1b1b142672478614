use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use rasd_store::{ActorRow, StoredEvent};

use crate::acled::{AcledRow, ActorCategories, ExportOptions};
use crate::{ExportError, ExportSummary};

/// The Parquet schema: ACLED's 31 columns with their natural types (`event_date` is a
/// date, counts and codes integers, coordinates doubles), then rasd's own columns.
pub fn parquet_schema() -> Schema {
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let i = |name: &str, nullable: bool| Field::new(name, DataType::Int32, nullable);
    let f = |name: &str, nullable: bool| Field::new(name, DataType::Float64, nullable);
    Schema::new(vec![
        s("event_id_cnty", false),
        Field::new("event_date", DataType::Date32, true),
        i("year", true),
        i("time_precision", false),
        s("disorder_type", false),
        s("event_type", false),
        s("sub_event_type", false),
        s("actor1", false),
        s("assoc_actor_1", false),
        i("inter1", true),
        s("actor2", false),
        s("assoc_actor_2", false),
        i("inter2", true),
        i("interaction", true),
        s("civilian_targeting", false),
        i("iso", true),
        s("region", false),
        s("country", false),
        s("admin1", false),
        s("admin2", false),
        s("admin3", false),
        s("location", false),
        f("latitude", true),
        f("longitude", true),
        i("geo_precision", true),
        s("source", false),
        s("source_scale", false),
        s("notes", false),
        i("fatalities", false),
        s("tags", false),
        Field::new("timestamp", DataType::Int64, false),
        // rasd columns
        s("id", false),
        s("plover_type", false),
        s("plover_mode", true),
        s("cameo", false),
        f("goldstein", false),
        s("actor1_id", true),
        s("actor2_id", true),
        s("admin1_pcode", true),
        s("admin2_pcode", true),
        s("location_country", true),
        i("injured", true),
        i("detained", true),
        i("released", true),
        Field::new("hedged", DataType::Boolean, false),
        Field::new("claimed", DataType::Boolean, false),
        f("confidence", false),
        i("corroboration", false),
        i("n_sources", false),
    ])
}

fn strings<'a>(v: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(v))
}
fn opt_strings<'a>(v: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(v.collect::<StringArray>())
}
fn ints(v: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    Arc::new(v.collect::<Int32Array>())
}
fn floats(v: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    Arc::new(v.collect::<Float64Array>())
}

/// Writes the events as one Parquet row group (uncompressed, to keep the build free of
/// codecs).
pub fn write_parquet<W: Write + Send>(
    events: &[StoredEvent],
    actors: &[ActorRow],
    opts: &ExportOptions,
    out: W,
) -> Result<ExportSummary, ExportError> {
    let cats = ActorCategories::new(actors);
    let rows: Vec<AcledRow> = events
        .iter()
        .map(|e| AcledRow::of(e, &cats, opts))
        .collect();
    let ev = || events.iter().map(|e| &e.event);
    let loc = || ev().map(|e| e.location.as_ref());
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    let u = |v: Option<u32>| v.map(|n| n.min(i32::MAX as u32) as i32);
    let schema = Arc::new(parquet_schema());
    let columns: Vec<ArrayRef> = vec![
        strings(rows.iter().map(|r| r.event_id_cnty.as_str())),
        Arc::new(
            rows.iter()
                .map(|r| r.event_date.map(|d| (d - epoch).num_days() as i32))
                .collect::<Date32Array>(),
        ),
        ints(rows.iter().map(|r| r.year)),
        ints(rows.iter().map(|r| Some(i32::from(r.time_precision)))),
        strings(rows.iter().map(|r| r.disorder_type.as_str())),
        strings(rows.iter().map(|r| r.event_type.as_str())),
        strings(rows.iter().map(|r| r.sub_event_type.as_str())),
        strings(rows.iter().map(|r| r.actor1.as_str())),
        strings(rows.iter().map(|r| r.assoc_actor_1.as_str())),
        ints(rows.iter().map(|r| r.inter1.map(i32::from))),
        strings(rows.iter().map(|r| r.actor2.as_str())),
        strings(rows.iter().map(|r| r.assoc_actor_2.as_str())),
        ints(rows.iter().map(|r| r.inter2.map(i32::from))),
        ints(rows.iter().map(|r| r.interaction.map(i32::from))),
        strings(rows.iter().map(|r| r.civilian_targeting.as_str())),
        ints(rows.iter().map(|r| r.iso.map(i32::from))),
        strings(rows.iter().map(|r| r.region.as_str())),
        strings(rows.iter().map(|r| r.country.as_str())),
        strings(rows.iter().map(|r| r.admin1.as_str())),
        strings(rows.iter().map(|r| r.admin2.as_str())),
        strings(rows.iter().map(|r| r.admin3.as_str())),
        strings(rows.iter().map(|r| r.location.as_str())),
        floats(rows.iter().map(|r| r.latitude)),
        floats(rows.iter().map(|r| r.longitude)),
        ints(rows.iter().map(|r| r.geo_precision.map(i32::from))),
        strings(rows.iter().map(|r| r.source.as_str())),
        strings(rows.iter().map(|r| r.source_scale.as_str())),
        strings(rows.iter().map(|r| r.notes.as_str())),
        ints(rows.iter().map(|r| u(Some(r.fatalities)))),
        strings(rows.iter().map(|r| r.tags.as_str())),
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| r.timestamp),
        )),
        strings(events.iter().map(|e| e.id.as_str())),
        strings(ev().map(|e| e.plover.event_type.as_str())),
        opt_strings(ev().map(|e| e.plover.mode.as_deref())),
        strings(ev().map(|e| e.cameo.as_str())),
        floats(ev().map(|e| Some(e.goldstein))),
        opt_strings(ev().map(|e| e.actor1.as_ref().map(|a| a.id.as_str()))),
        opt_strings(ev().map(|e| e.actor2.as_ref().map(|a| a.id.as_str()))),
        opt_strings(loc().map(|l| l.and_then(|l| l.admin1_pcode.as_deref()))),
        opt_strings(loc().map(|l| l.and_then(|l| l.admin2_pcode.as_deref()))),
        opt_strings(loc().map(|l| l.map(|l| l.country.as_str()))),
        ints(ev().map(|e| u(e.injured))),
        ints(ev().map(|e| u(e.detained))),
        ints(ev().map(|e| u(e.released))),
        Arc::new(ev().map(|e| Some(e.hedged)).collect::<BooleanArray>()),
        Arc::new(ev().map(|e| Some(e.claimed)).collect::<BooleanArray>()),
        floats(ev().map(|e| Some(e.confidence))),
        ints(events.iter().map(|e| u(Some(e.corroboration)))),
        ints(events.iter().map(|e| Some(e.sources.len() as i32))),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    let mut writer = ArrowWriter::try_new(out, schema, None)?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(ExportSummary {
        written: events.len(),
        skipped_without_location: 0,
    })
}
