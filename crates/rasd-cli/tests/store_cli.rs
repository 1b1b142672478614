//! `rasd ingest`, `export`, `graph` and `stats` through the binary, over databases in
//! temporary folders built from the shared corpus (read in place, never written).
//! Tests that need the shared folder say so and pass when it is absent.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{ok, rasd, s, shared, SEEDS};
use rasd_export::ACLED_COLUMNS;
use rasd_store::{Counts, Filter, Store};
use serde_json::Value;

/// Ingests both seeds (each with its publication date) into `db`.
fn ingest_seeds(shared: &Path, db: &Path) -> Vec<Output> {
    SEEDS
        .iter()
        .map(|(id, date)| {
            let path = shared.join("corpus/seeds").join(format!("{id}.txt"));
            let out = rasd(&["ingest", "--db", s(db), "--pub-date", date, s(&path)]);
            ok(&out);
            out
        })
        .collect()
}

/// Everything that identifies the stored events: canonical id, ACLED id, and the
/// reports of each.
/// (canonical id, `event_id_cnty`, [(report event id, document id)]).
type EventIds = (String, String, Vec<(String, String)>);

fn event_ids(db: &Path) -> Vec<EventIds> {
    let store = Store::open(db).expect("store opens");
    let mut ids: Vec<_> = store
        .events(&Filter::default())
        .expect("events")
        .into_iter()
        .map(|e| {
            let reports = e
                .sources
                .iter()
                .map(|r| (r.event_id.clone(), r.doc_id.clone()))
                .collect();
            (e.id, e.event_id_cnty, reports)
        })
        .collect();
    ids.sort();
    ids
}

fn counts(db: &Path) -> Counts {
    Store::open(db)
        .expect("store opens")
        .counts()
        .expect("counts")
}

#[test]
fn ingesting_the_seeds_twice_changes_nothing() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rasd.db");
    let first = ingest_seeds(&shared, &db);
    assert!(String::from_utf8_lossy(&first[0].stderr).contains("1 new, 0 unchanged"));
    let before = counts(&db);
    let ids_before = event_ids(&db);
    assert_eq!(before.documents, 2);
    assert!(before.events > 0 && before.event_reports >= before.events);
    assert!(ids_before
        .iter()
        .all(|(_, cnty, _)| cnty.starts_with("YEM")));

    let again = ingest_seeds(&shared, &db);
    for out in &again {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("0 new, 1 unchanged, 0 updated, 0 failed"),
            "{err}"
        );
        assert!(err.contains("0 reports stored"), "{err}");
    }
    assert_eq!(counts(&db), before);
    assert_eq!(event_ids(&db), ids_before);
    Store::open(&db)
        .unwrap()
        .check()
        .expect("store invariants hold");
}

/// Writes the first `n` Yemen ids of the SaudiNewsNet corpus to `path`.
fn yemen_ids(shared: &Path, n: usize, path: &Path) {
    let all = std::fs::read_to_string(shared.join("corpus/saudinewsnet/yemen_ids.txt"))
        .expect("yemen_ids.txt");
    let ids: Vec<&str> = all
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .collect();
    assert_eq!(ids.len(), n);
    std::fs::write(path, ids.join("\n") + "\n").unwrap();
}

fn export_jsonl(db: &Path) -> Vec<u8> {
    ok(&rasd(&["export", "--db", s(db), "--format", "jsonl"]))
        .stdout
        .clone()
}

#[test]
fn a_killed_ingest_rerun_equals_an_uninterrupted_one() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    if !corpus.exists() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ids = dir.path().join("ids.txt");
    yemen_ids(&shared, 600, &ids);
    let args = |db: &Path| -> Vec<String> {
        [
            "ingest",
            "--db",
            s(db),
            "--batch",
            "50",
            "--ids",
            s(&ids),
            s(&corpus),
        ]
        .map(String::from)
        .to_vec()
    };

    // The reference: one uninterrupted run.
    let clean = dir.path().join("clean.db");
    let out = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args(&clean))
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean_counts = counts(&clean);
    assert_eq!(clean_counts.documents, 600);

    // Killed once at least one batch has been committed.
    let db = dir.path().join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args(&db))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed"
        );
        if db.exists() {
            if let Ok(c) = Store::open(&db).and_then(|st| st.counts()) {
                if c.documents >= 50 {
                    break;
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no batch committed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = counts(&db);
    assert!(partial.documents >= 50, "{partial:?}");
    assert!(partial.documents < 600, "killed after the end: {partial:?}");
    assert_eq!(
        partial.documents % 50,
        0,
        "only whole batches are committed"
    );
    Store::open(&db)
        .unwrap()
        .check()
        .expect("consistent after SIGKILL");

    // Rerunning the same command finishes the job.
    let out = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args(&db))
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{} unchanged", partial.documents)),
        "{err}"
    );
    assert_eq!(counts(&db), clean_counts);
    assert_eq!(event_ids(&db), event_ids(&clean));
    assert!(export_jsonl(&db) == export_jsonl(&clean), "exports differ");
}

fn seeded() -> Option<(tempfile::TempDir, PathBuf)> {
    let shared = shared()?;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    ingest_seeds(&shared, &db);
    Some((dir, db))
}

#[test]
fn csv_and_jsonl_exports_parse_back() {
    let Some((_dir, db)) = seeded() else { return };
    let events = counts(&db).events as usize;
    let out = ok(&rasd(&["export", "--db", s(&db), "--format", "csv"]))
        .stdout
        .clone();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ACLED_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), events);
    assert!(rows
        .iter()
        .all(|r| r.len() == 31 && r[0].starts_with("YEM")));
    assert!(rows.iter().all(|r| &r[15] == "887" && &r[17] == "Yemen"));

    let out = ok(&rasd(&["export", "--db", s(&db), "--format", "jsonl"]))
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), events);
    assert!(lines
        .iter()
        .all(|v| !v["sources"].as_array().unwrap().is_empty()));
}

#[test]
fn filters_narrow_the_export() {
    let Some((_dir, db)) = seeded() else { return };
    let all = counts(&db).events as usize;
    let jsonl = |extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["export", "--db", s(&db), "--format", "jsonl"];
        args.extend_from_slice(extra);
        String::from_utf8(ok(&rasd(&args)).stdout.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let assaults = jsonl(&["--type", "ASSAULT"]);
    assert!(!assaults.is_empty() && assaults.len() < all);
    assert!(assaults.iter().all(|v| v["plover"]["type"] == "ASSAULT"));
    let battles = jsonl(&["--type", "Battles"]);
    assert!(battles
        .iter()
        .all(|v| v["acled"]["event_type"] == "Battles"));
    let recent = jsonl(&["--from", "2023-01-01", "--to", "2023-12-31"]);
    assert!(!recent.is_empty() && recent.len() < all);
    for v in &recent {
        let d = v["date"]["start"]
            .as_str()
            .or(v["date"]["end"].as_str())
            .unwrap();
        assert!(("2023-01-01".."2024-01-01").contains(&d), "{d}");
    }
    let houthis = jsonl(&["--actor", "houthis"]);
    assert!(!houthis.is_empty() && houthis.len() <= all);
    assert!(houthis
        .iter()
        .all(|v| v.to_string().contains("\"houthis\"")));
    let bayda = jsonl(&["--admin1", "YE14"]);
    assert!(!bayda.is_empty() && bayda.len() < all);
    assert!(bayda
        .iter()
        .all(|v| v["location"]["admin1_pcode"] == "YE14"));
    let bad = rasd(&["export", "--db", s(&db), "--from", "2023-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn parquet_export_reads_back_with_types() {
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let Some((dir, db)) = seeded() else { return };
    let events = counts(&db).events as usize;
    let path = dir.path().join("events.parquet");
    ok(&rasd(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "parquet",
        "--output",
        s(&path),
    ]));
    let file = std::fs::File::open(&path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let schema = builder.schema().clone();
    let rows: usize = builder
        .build()
        .unwrap()
        .map(|b| b.unwrap().num_rows())
        .sum();
    assert_eq!(rows, events);
    for (name, ty) in [
        ("event_id_cnty", DataType::Utf8),
        ("event_date", DataType::Date32),
        ("year", DataType::Int32),
        ("fatalities", DataType::Int32),
        ("latitude", DataType::Float64),
        ("longitude", DataType::Float64),
        ("timestamp", DataType::Int64),
    ] {
        assert_eq!(
            schema.field_with_name(name).unwrap().data_type(),
            &ty,
            "{name}"
        );
    }
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(&names[..31], &ACLED_COLUMNS[..]);
}

#[test]
fn graphml_and_graph_json_have_the_seed_actors() {
    let Some((_dir, db)) = seeded() else { return };
    let xml = ok(&rasd(&["graph", "--db", s(&db), "--format", "graphml"]))
        .stdout
        .clone();
    let xml = String::from_utf8(xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let nodes: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert!(
        nodes.contains("houthis") && nodes.contains("aqap"),
        "{nodes:?}"
    );
    let edges: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|n| {
            (
                n.attribute("source").unwrap(),
                n.attribute("target").unwrap(),
            )
        })
        .collect();
    assert!(edges
        .iter()
        .all(|(a, b)| nodes.contains(a) && nodes.contains(b)));
    assert!(edges
        .iter()
        .any(|e| matches!(e, ("houthis", "aqap") | ("aqap", "houthis"))));

    let json = ok(&rasd(&["graph", "--db", s(&db), "--format", "json"]))
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&json).unwrap();
    assert!(v["nodes"]
        .as_array()
        .is_some_and(|n| n.len() == nodes.len()));
    assert!(v["edges"]
        .as_array()
        .is_some_and(|e| e.len() == edges.len()));
    let filtered = ok(&rasd(&[
        "graph",
        "--db",
        s(&db),
        "--format",
        "json",
        "--type",
        "ASSAULT",
    ]))
    .stdout
    .clone();
    let f: Value = serde_json::from_slice(&filtered).unwrap();
    assert!(f["edges"].as_array().unwrap().len() <= edges.len());
}

#[test]
fn geojson_export_is_a_feature_collection_in_yemen() {
    let Some((_dir, db)) = seeded() else { return };
    let events = counts(&db).events as usize;
    let out = ok(&rasd(&["export", "--db", s(&db), "--format", "geojson"])).clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (41.0..=55.0).contains(&lon) && (12.0..=19.0).contains(&lat),
            "{c:?}"
        );
        assert!(f["properties"].is_object());
    }
    let skipped = events - features.len();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{skipped} events without a location left out")),
        "{err}"
    );
}

#[test]
fn stats_count_the_stored_events() {
    let Some((_dir, db)) = seeded() else { return };
    let c = counts(&db);
    let json = ok(&rasd(&["stats", "--db", s(&db), "--json"]))
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["events"], c.events);
    assert_eq!(v["reports"], c.event_reports);
    assert!(v["top_pairs"].as_array().is_some_and(|p| !p.is_empty()));
    let table = ok(&rasd(&["stats", "--db", s(&db)])).stdout.clone();
    let table = String::from_utf8(table).unwrap();
    for section in [
        "event type",
        "actor",
        "governorate",
        "month",
        "actor pair",
        "merged events",
    ] {
        assert!(table.contains(section), "{section}: {table}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.db");
    let content = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&bad, &content).unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "عنوان\n\nنص قصير.").unwrap();
    for args in [
        vec!["ingest", "--db", s(&bad), s(&article)],
        vec!["export", "--db", s(&bad)],
        vec!["stats", "--db", s(&bad)],
        vec!["graph", "--db", s(&bad)],
    ] {
        let out = rasd(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("notes.db") && err.contains("not an SQLite database"),
            "{err}"
        );
        assert_eq!(std::fs::read(&bad).unwrap(), content);
    }
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 2, "no -wal or -shm files were created");

    // Reading a database that does not exist never creates one.
    let missing = dir.path().join("missing.db");
    for cmd in ["export", "stats", "graph"] {
        let out = rasd(&[cmd, "--db", s(&missing)]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
        assert!(!missing.exists());
    }
}

#[test]
fn unreadable_documents_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("feed.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    writeln!(
        f,
        r#"{{"id": "a1", "title": "عنوان", "content": "قتل خمسة مسلحين في غارة جوية على مأرب."}}"#
    )
    .unwrap();
    writeln!(f, "{{not json").unwrap();
    drop(f);
    let db = dir.path().join("rasd.db");
    let out = rasd(&["ingest", "--db", s(&db), s(&input)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rasd: skipped:"), "{err}");
    assert!(
        err.contains("1 new, 0 unchanged, 0 updated, 1 failed"),
        "{err}"
    );
    assert_eq!(counts(&db).documents, 1);
}

#[test]
fn extract_csv_has_acled_columns() {
    let Some(shared) = shared() else { return };
    let (id, date) = SEEDS[0];
    let seed = shared.join("corpus/seeds").join(format!("{id}.txt"));
    let out = ok(&rasd(&[
        "extract",
        "--format",
        "csv",
        "--pub-date",
        date,
        s(&seed),
    ]))
    .clone();
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ACLED_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r.len() == 31 && r[0].starts_with("YEM")));
    // Deterministic.
    let again = ok(&rasd(&[
        "extract",
        "--format",
        "csv",
        "--pub-date",
        date,
        s(&seed),
    ]))
    .clone();
    assert_eq!(again.stdout, out.stdout);

    // No event: the header alone.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "عنوان\n\nلا شيء هنا.").unwrap();
    let out = ok(&rasd(&["extract", "--format", "csv", s(&empty)]))
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap().trim_end(),
        ACLED_COLUMNS.join(",")
    );
}
