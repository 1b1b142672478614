//! Every export format written from a store of hand-written reports and parsed back.

// The store's fixtures (hand-written Arabic reports with English glosses).
#[path = "../../rasd-store/tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;

use arrow_array::Array;
use arrow_schema::DataType;
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rasd_export::{export, export_graph, notes, ExportOptions, Format, GraphFormat, ACLED_COLUMNS};
use rasd_store::{Filter, Store};
use serde_json::Value;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.upsert_actors(&actor_rows()).unwrap();
    s.ingest_batch(&[
        report_a(),
        report_b(),
        report_a_background(),
        report_c(),
        report_d(),
        report_e(),
        report_f(),
    ])
    .unwrap();
    s
}

fn run(s: &Store, filter: &Filter, format: Format) -> (Vec<u8>, rasd_export::ExportSummary) {
    let mut out = Vec::new();
    let opts = ExportOptions {
        source_scales: BTreeMap::from([
            ("almasdar".to_string(), "National".to_string()),
            ("aden-alghad".to_string(), "Subnational".to_string()),
        ]),
    };
    let summary = export(s, filter, format, &opts, &mut out).unwrap();
    (out, summary)
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_has_acleds_31_columns_and_coded_rows() {
    let s = store();
    let (bytes, summary) = run(&s, &Filter::default(), Format::Csv);
    let (header, rows) = csv_rows(&bytes);
    assert_eq!(
        header.join(","),
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,\
         actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,\
         iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,\
         source,source_scale,notes,fatalities,tags,timestamp"
    );
    assert_eq!(header, ACLED_COLUMNS);
    assert_eq!((rows.len(), summary.written), (6, 6));
    for r in &rows {
        let id = &r["event_id_cnty"];
        assert!(
            id.starts_with("YEM") && id[3..].chars().all(|c| c.is_ascii_digit()),
            "{id}"
        );
        assert_eq!(
            (&*r["iso"], &*r["region"], &*r["country"]),
            ("887", "Middle East", "Yemen")
        );
    }
    let clash = rows
        .iter()
        .find(|r| r["sub_event_type"] == "Armed clash")
        .unwrap();
    let expect = [
        ("event_date", "2023-11-07"),
        ("year", "2023"),
        ("time_precision", "1"),
        ("disorder_type", "Political violence"),
        ("event_type", "Battles"),
        ("actor1", "Houthi Movement - Ansar Allah"),
        ("inter1", "2"),
        ("actor2", "Military Forces of Yemen (2012-)"),
        ("inter2", "1"),
        ("interaction", "12"),
        ("civilian_targeting", ""),
        ("admin1", "Ma'rib"),
        ("admin2", "Sirwah"),
        ("location", "Sirwah"),
        ("latitude", "15.4466"),
        ("longitude", "45.0194"),
        ("geo_precision", "1"),
        ("source", "aden-alghad; almasdar"),
        ("source_scale", "National-Subnational"),
        ("fatalities", "5"),
        // Latest publication date among the sources: 2023-11-20, 00:00 UTC.
        ("timestamp", "1700438400"),
    ];
    for (col, want) in expect {
        assert_eq!(clash[col], want, "column {col}");
    }
    // The tags carry rasd's event id after the disagreeing tolls.
    let (tolls, id) = clash["tags"]
        .split_once("; rasd_event_id: ")
        .expect("rasd id tag");
    assert_eq!(tolls, "fatality reports: 5, 7");
    assert!(id.starts_with("ev-") && id.len() > 5, "{id}");
    assert_eq!(
        clash["notes"],
        "On 7 November 2023, Houthi Movement - Ansar Allah clashed with Military Forces of \
         Yemen (2012-) in Sirwah, Ma'rib. 5 fatalities (reports: 5, 7). 3 injured. Reported \
         by 2 outlets."
    );
    let shelling = rows
        .iter()
        .find(|r| r["sub_event_type"].starts_with("Shelling") && r["admin2"].is_empty())
        .unwrap();
    assert_eq!(shelling["civilian_targeting"], "Civilian targeting");
    assert_eq!(shelling["interaction"], "27");
    let protest = rows.iter().find(|r| r["event_type"] == "Protests").unwrap();
    assert_eq!(protest["time_precision"], "2");
    assert_eq!(protest["interaction"], "60");
    assert_eq!(protest["actor2"], "");
    assert!(protest["notes"].starts_with(
        "On the week of 6 November 2023, Protesters (Yemen) held a peaceful protest in Aden."
    ));
    let drone = rows
        .iter()
        .find(|r| r["sub_event_type"] == "Air/drone strike")
        .unwrap();
    assert_eq!((&*drone["location"], &*drone["latitude"]), ("", ""));
    assert_eq!(drone["inter2"], "8");
    // Deterministic: the same store exports the same bytes.
    assert_eq!(run(&s, &Filter::default(), Format::Csv).0, bytes);
}

#[test]
fn filters_apply_to_exports() {
    let s = store();
    let n = |f: Filter| csv_rows(&run(&s, &f, Format::Csv).0).1.len();
    assert_eq!(
        n(Filter {
            event_type: Some("PROTEST".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            event_type: Some("Explosions/Remote violence".into()),
            ..Filter::default()
        }),
        4
    );
    assert_eq!(
        n(Filter {
            admin1: Some("Shabwah".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            actor: Some("aqap".into()),
            ..Filter::default()
        }),
        1
    );
    let day = |d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    assert_eq!(
        n(Filter {
            from: day("2023-11-10"),
            to: day("2023-11-30"),
            ..Filter::default()
        }),
        2
    );
}

#[test]
fn jsonl_carries_the_merged_record_and_every_source() {
    let s = store();
    let (bytes, summary) = run(&s, &Filter::default(), Format::Jsonl);
    let lines: Vec<Value> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!((lines.len(), summary.written), (6, 6));
    let clash = lines
        .iter()
        .find(|v| v["acled"]["sub_event_type"] == "Armed clash")
        .unwrap();
    assert_eq!(clash["plover"]["type"], "ASSAULT");
    assert_eq!(clash["fatalities"], 5);
    assert_eq!(clash["corroboration"], 2);
    assert!(clash["event_id_cnty"].as_str().unwrap().starts_with("YEM"));
    let mut figures: Vec<i64> = clash["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["fatalities"].as_i64().unwrap())
        .collect();
    figures.sort();
    assert_eq!(figures, [5, 5, 7]);
    assert!(clash["sources"][0]["evidence"][0]["text"]
        .as_str()
        .is_some());
    // The record still deserializes as the spec's event.
    let ev: rasd_model::Event = serde_json::from_value(clash.clone()).unwrap();
    assert_eq!(ev.location.unwrap().admin2_pcode.as_deref(), Some("YE2606"));
}

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let s = store();
    let (bytes, summary) = run(&s, &Filter::default(), Format::Geojson);
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), 5);
    assert_eq!(summary.written, 5);
    assert_eq!(
        summary.skipped_without_location, 1,
        "the drone event has no place"
    );
    assert_eq!(v["skipped_without_location"], 1);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["geometry"]["coordinates"].as_array().unwrap().len(), 2);
    }
    let ataq = features
        .iter()
        .find(|f| f["properties"]["location"] == "Ataq")
        .unwrap();
    assert_eq!(
        ataq["geometry"]["coordinates"][0], 46.84488,
        "longitude first"
    );
    assert_eq!(ataq["geometry"]["coordinates"][1], 14.56553);
    let p = &ataq["properties"];
    assert_eq!(p["sub_event_type"], "Remote explosive/landmine/IED");
    assert_eq!(p["actor1_id"], "aqap");
    assert_eq!(p["fatalities"], 2);
    assert_eq!(p["admin1_pcode"], "YE21");
    assert_eq!(p["sources"][0], "aden-alghad");
}

#[test]
fn geojson_streams_feature_by_feature_to_the_same_bytes() {
    let s = store();
    let (whole, _) = run(&s, &Filter::default(), Format::Geojson);
    let events = s.events(&Filter::default()).unwrap();
    let actors = s.actors().unwrap();
    let opts = ExportOptions {
        source_scales: BTreeMap::from([
            ("almasdar".to_string(), "National".to_string()),
            ("aden-alghad".to_string(), "Subnational".to_string()),
        ]),
    };
    let mut streamed = Vec::new();
    let mut w = rasd_export::GeoJsonWriter::new(&mut streamed, &actors, opts).unwrap();
    for e in &events {
        w.write(e).unwrap();
    }
    let summary = w.finish().unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        String::from_utf8(whole).unwrap()
    );
    assert_eq!((summary.written, summary.skipped_without_location), (5, 1));
    // An empty selection is still one valid collection.
    let mut empty = Vec::new();
    rasd_export::GeoJsonWriter::new(&mut empty, &actors, ExportOptions::default())
        .unwrap()
        .finish()
        .unwrap();
    let v: Value = serde_json::from_slice(&empty).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), 0);
    assert_eq!(v["type"], "FeatureCollection");
}

#[test]
fn parquet_reads_back_with_typed_columns() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    let file = std::fs::File::create(&path).unwrap();
    let summary = export(
        &s,
        &Filter::default(),
        Format::Parquet,
        &ExportOptions::default(),
        file,
    )
    .unwrap();
    assert_eq!(summary.written, 6);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 6);
    let schema = batches[0].schema();
    let names: Vec<&str> = schema
        .fields()
        .iter()
        .take(31)
        .map(|f| f.name().as_str())
        .collect();
    assert_eq!(names, ACLED_COLUMNS);
    let ty = |n: &str| schema.field_with_name(n).unwrap().data_type().clone();
    assert_eq!(ty("event_date"), DataType::Date32);
    assert_eq!(ty("year"), DataType::Int32);
    assert_eq!(ty("latitude"), DataType::Float64);
    assert_eq!(ty("fatalities"), DataType::Int32);
    assert_eq!(ty("timestamp"), DataType::Int64);
    assert_eq!(ty("hedged"), DataType::Boolean);
    assert_eq!(ty("event_id_cnty"), DataType::Utf8);
    let fat = batches[0]
        .column_by_name("fatalities")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::Int32Array>()
        .unwrap();
    let mut values: Vec<i32> = fat.values().to_vec();
    values.sort();
    assert_eq!(values, [0, 0, 0, 2, 2, 5]);
    let lat = batches[0]
        .column_by_name("latitude")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::Float64Array>()
        .unwrap();
    assert_eq!(lat.null_count(), 1, "the drone event has no coordinates");
}

#[test]
fn graphml_parses_with_actors_and_interactions() {
    let mut s = store();
    let (doc, mut evs) = report_c();
    evs[0].event_id = "ev-unit".into();
    evs[0].actor1 = Some(actor("houthi-security"));
    evs[0].actor2 = Some(actor("civilians"));
    evs[0].acled.sub_event_type = "Abduction/forced disappearance".into();
    let mut doc = doc;
    doc.id = "unit-doc".into();
    evs[0].doc_id = doc.id.clone();
    s.ingest_batch(&[(doc, evs)]).unwrap();

    let mut out = Vec::new();
    export_graph(&s, &Filter::default(), GraphFormat::Graphml, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    let nodes: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| n.attribute("id").unwrap())
        .collect();
    assert_eq!(
        nodes,
        [
            "aqap",
            "civilians",
            "houthi-security",
            "houthis",
            "protesters",
            "saudi-led-coalition",
            "shabwa-defense",
            "yemen-gov-forces"
        ]
    );
    let data = |n: roxmltree::Node, key: &str| -> Option<String> {
        n.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .and_then(|c| c.text().map(str::to_string))
    };
    let edges: Vec<(String, String, String, Option<String>)> = xml
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            (
                e.attribute("source").unwrap().to_string(),
                e.attribute("target").unwrap().to_string(),
                data(e, "kind").unwrap(),
                data(e, "count"),
            )
        })
        .collect();
    let has =
        |a: &str, b: &str, kind: &str| edges.iter().any(|e| e.0 == a && e.1 == b && e.2 == kind);
    assert!(has("houthis", "yemen-gov-forces", "interaction"));
    assert!(has("houthi-security", "civilians", "interaction"));
    assert!(has("houthi-security", "houthis", "member_of"));
    assert!(has("aqap", "shabwa-defense", "interaction"));
    // houthis→civilians: the Harib and Marib shellings (two events).
    let hc = edges
        .iter()
        .find(|e| e.0 == "houthis" && e.1 == "civilians")
        .unwrap();
    assert_eq!(hc.3.as_deref(), Some("2"));
    assert_eq!(edges.len(), 6);
    let houthis = xml
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("houthis"))
        .unwrap();
    assert_eq!(
        data(houthis, "name").as_deref(),
        Some("Houthi Movement - Ansar Allah")
    );

    // JSON graph, filtered like exports.
    let mut out = Vec::new();
    let filter = Filter {
        admin1: Some("YE21".into()),
        ..Filter::default()
    };
    export_graph(&s, &filter, GraphFormat::Json, &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "aqap",
            "civilians",
            "houthi-security",
            "houthis",
            "shabwa-defense"
        ]
    );
    let goldstein: f64 = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "interaction")
        .map(|e| e["goldstein_sum"].as_f64().unwrap())
        .sum();
    assert_eq!(goldstein, -20.0);
}

#[test]
fn notes_are_generated_from_coded_fields_only() {
    let s = store();
    let events = s.events(&Filter::default()).unwrap();
    for e in &events {
        let n = notes(e);
        assert!(n.is_ascii(), "English only: {n}");
        assert!(n.ends_with('.'), "{n}");
    }
}

#[test]
fn format_names_parse() {
    assert_eq!("CSV".parse::<Format>().unwrap(), Format::Csv);
    assert_eq!("geojson".parse::<Format>().unwrap(), Format::Geojson);
    assert_eq!(
        "graphml".parse::<GraphFormat>().unwrap(),
        GraphFormat::Graphml
    );
    let err = "xlsx".parse::<Format>().unwrap_err();
    assert!(err.to_string().contains("unknown format `xlsx`"));
}

/// report_a and report_c moved abroad: one at sea (Red Sea, no admin1), one in Israel
/// (Eilat, Natural Earth admin1), plus report_d left in Yemen.
fn regional_store() -> Store {
    let mut at_sea = report_a();
    for e in &mut at_sea.1 {
        let l = e.location.as_mut().unwrap();
        l.name = "Red Sea".into();
        l.name_ar = "البحر الأحمر".into();
        l.country = "SEA".into();
        l.admin1 = None;
        l.admin1_pcode = None;
        l.admin2 = None;
        l.admin2_pcode = None;
        l.lat = Some(20.29026);
        l.lon = Some(38.75191);
    }
    let mut eilat = report_c();
    for e in &mut eilat.1 {
        e.location = Some(rasd_model::Location {
            name: "Eilat".into(),
            name_ar: "إيلات".into(),
            country: "ISR".into(),
            admin1: Some("HaDarom".into()),
            admin1_pcode: Some("ISR-3053".into()),
            admin2: None,
            admin2_pcode: None,
            lat: Some(29.5569),
            lon: Some(34.9517),
            geo_precision: 1,
            text: Some("إيلات".into()),
        });
    }
    let mut s = Store::open_in_memory().unwrap();
    s.upsert_actors(&actor_rows()).unwrap();
    s.ingest_batch(&[at_sea, eilat, report_d()]).unwrap();
    s
}

#[test]
fn acled_country_and_iso_follow_the_events_country() {
    let s = regional_store();
    let (bytes, _) = run(&s, &Filter::default(), Format::Csv);
    let (_, rows) = csv_rows(&bytes);
    let by_location = |loc: &str| {
        rows.iter()
            .find(|r| r["location"] == loc)
            .unwrap_or_else(|| panic!("no row at {loc}: {rows:#?}"))
    };
    let sea = by_location("Red Sea");
    assert_eq!(
        (&*sea["country"], &*sea["iso"], &*sea["admin1"]),
        ("", "", "")
    );
    let eilat = by_location("Eilat");
    assert_eq!(
        (
            &*eilat["country"],
            &*eilat["iso"],
            &*eilat["region"],
            &*eilat["admin1"]
        ),
        ("Israel", "376", "Middle East", "HaDarom")
    );
    let yemen: Vec<_> = rows
        .iter()
        .filter(|r| r["location"] != "Red Sea" && r["location"] != "Eilat")
        .collect();
    assert!(!yemen.is_empty());
    for r in yemen {
        assert_eq!((&*r["country"], &*r["iso"]), ("Yemen", "887"));
    }
    assert_eq!(rasd_export::acled_country("SAU").0, "Saudi Arabia");
    assert_eq!(rasd_export::acled_country("EGY").2, "Northern Africa");
}

#[test]
fn geojson_jsonl_and_parquet_carry_the_country() {
    let s = regional_store();
    let (bytes, _) = run(&s, &Filter::default(), Format::Geojson);
    let fc: Value = serde_json::from_slice(&bytes).unwrap();
    let countries: Vec<(String, Value, Value)> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                p["country"].as_str().unwrap().to_string(),
                p["iso"].clone(),
                p["admin1_pcode"].clone(),
            )
        })
        .collect();
    assert!(countries.contains(&("SEA".into(), Value::Null, Value::Null)));
    assert!(countries.contains(&("ISR".into(), 376.into(), "ISR-3053".into())));
    assert!(countries
        .iter()
        .any(|(c, iso, _)| c == "YEM" && *iso == 887));

    let (bytes, _) = run(&s, &Filter::default(), Format::Jsonl);
    let text = String::from_utf8(bytes).unwrap();
    let located: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|v| v["location"]["country"].as_str().map(str::to_string))
        .collect();
    assert!(located.contains(&"SEA".to_string()) && located.contains(&"ISR".to_string()));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("region.parquet");
    let file = std::fs::File::create(&path).unwrap();
    export(
        &s,
        &Filter::default(),
        Format::Parquet,
        &ExportOptions::default(),
        file,
    )
    .unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut seen = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = batch
            .column_by_name("location_country")
            .expect("location_country column");
        let col = col
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        seen.extend(
            (0..col.len())
                .filter(|&i| col.is_valid(i))
                .map(|i| col.value(i).to_string()),
        );
    }
    assert!(seen.contains(&"ISR".to_string()) && seen.contains(&"SEA".to_string()));
}

#[test]
fn the_country_filter_selects_events_by_country() {
    let s = regional_store();
    let n = |c: &str| {
        s.events(&Filter {
            country: Some(c.into()),
            ..Filter::default()
        })
        .unwrap()
        .len()
    };
    assert!(n("isr") >= 1);
    assert!(n("SEA") >= 1);
    assert!(n("YEM") >= 1);
    assert_eq!(n("SAU"), 0);
}
