//! Opening files: migrations from older schemas, refusing foreign or newer files, and
//! WAL readers during a write.

mod common;

use common::*;
use rasd_store::{Filter, Store, StoreError, SCHEMA_VERSION};
use rusqlite::Connection;

/// The version-1 schema exactly as released (frozen here: never edit it, add a new
/// fixture for a new version).
const V1_SQL: &str = r#"
CREATE TABLE documents (id TEXT PRIMARY KEY, url TEXT, source TEXT, title TEXT NOT NULL,
    pub_date TEXT, text TEXT NOT NULL, origin TEXT NOT NULL, content_hash TEXT NOT NULL);
CREATE INDEX documents_source ON documents(source);
CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT, category INTEGER);
CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT NOT NULL,
    admin1 TEXT, admin1_pcode TEXT, admin2 TEXT, admin2_pcode TEXT, lat REAL, lon REAL);
CREATE TABLE event_reports (event_id TEXT NOT NULL, doc_id TEXT NOT NULL,
    plover_type TEXT NOT NULL, admin1_pcode TEXT, admin2_pcode TEXT, date_lo INTEGER,
    date_hi INTEGER, actor1_id TEXT, actor2_id TEXT, json TEXT NOT NULL,
    PRIMARY KEY (event_id, doc_id));
CREATE INDEX event_reports_candidates ON event_reports(plover_type, admin1_pcode, date_lo);
CREATE INDEX event_reports_doc ON event_reports(doc_id);
CREATE TABLE events (id TEXT PRIMARY KEY, plover_type TEXT NOT NULL, plover_mode TEXT,
    cameo TEXT NOT NULL, goldstein REAL NOT NULL, disorder_type TEXT NOT NULL,
    acled_event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, interaction TEXT NOT NULL,
    date_start TEXT, date_end TEXT, date_precision TEXT NOT NULL, place_id TEXT,
    location_name TEXT, admin1 TEXT, admin1_pcode TEXT, admin2 TEXT, admin2_pcode TEXT,
    lat REAL, lon REAL, geo_precision INTEGER, actor1_id TEXT, actor2_id TEXT,
    fatalities INTEGER, injured INTEGER, detained INTEGER, released INTEGER,
    hedged INTEGER NOT NULL, claimed INTEGER NOT NULL, confidence REAL NOT NULL,
    n_reports INTEGER NOT NULL, corroboration INTEGER NOT NULL, timestamp INTEGER NOT NULL,
    json TEXT NOT NULL);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type ON events(plover_type);
CREATE INDEX events_admin1 ON events(admin1_pcode);
CREATE TABLE event_sources (cluster_id TEXT NOT NULL, event_id TEXT NOT NULL,
    doc_id TEXT NOT NULL, evidence TEXT NOT NULL, fatalities INTEGER, injured INTEGER,
    detained INTEGER, released INTEGER, PRIMARY KEY (event_id, doc_id));
CREATE INDEX event_sources_cluster ON event_sources(cluster_id);
CREATE INDEX event_sources_doc ON event_sources(doc_id);
PRAGMA user_version = 1;
"#;

/// Writes a version-1 database holding report A as one event, as rasd v1 did.
fn write_v1(path: &std::path::Path) {
    let (doc, evs) = report_a();
    let e = &evs[0];
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(V1_SQL).unwrap();
    conn.execute(
        "INSERT INTO documents VALUES (?1, ?2, ?3, ?4, '2023-11-08', ?5, ?6, 'hash-v1')",
        rusqlite::params![doc.id, doc.url, doc.source, doc.title, doc.text, doc.origin],
    )
    .unwrap();
    let json = serde_json::to_string(e).unwrap();
    conn.execute(
        "INSERT INTO event_reports VALUES (?1, ?2, 'ASSAULT', 'YE26', 'YE2606', 738831, 738831,
                                           'houthis', 'yemen-gov-forces', ?3)",
        rusqlite::params![e.event_id, doc.id, json],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO events (id, plover_type, cameo, goldstein, disorder_type, acled_event_type,
             sub_event_type, interaction, date_start, date_end, date_precision, admin1,
             admin1_pcode, fatalities, hedged, claimed, confidence, n_reports, corroboration,
             timestamp, json)
         VALUES (?1, 'ASSAULT', '193', -10, 'Political violence', 'Battles', 'Armed clash', '',
             '2023-11-07', '2023-11-07', 'day', 'Ma''rib', 'YE26', 5, 0, 0, 0.7, 1, 1,
             1699401600, ?2)",
        rusqlite::params![e.event_id, json],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO event_sources VALUES (?1, ?1, ?2, ?3, 5, 3, NULL, NULL)",
        rusqlite::params![
            e.event_id,
            doc.id,
            serde_json::to_string(&e.evidence).unwrap()
        ],
    )
    .unwrap();
}

#[test]
fn a_version_1_database_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    write_v1(&path);
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    s.check().unwrap();
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert!(events[0].event_id_cnty.starts_with("YEM"));
    assert_eq!(events[0].event.fatalities, Some(5));
    // It keeps working as a current store: outlet B's report merges into it.
    s.ingest_batch(&[report_b()]).unwrap();
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].corroboration, 2);
    drop(s);
    // Reopening does not migrate again.
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_before_countries_reads_its_events_as_yemeni() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    write_v1(&path);
    // Event records written before `location.country` existed have no such key.
    {
        let conn = Connection::open(&path).unwrap();
        let json: String = conn
            .query_row("SELECT json FROM events", [], |r| r.get(0))
            .unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["location"].as_object_mut().unwrap().remove("country");
        let old = serde_json::to_string(&v).unwrap();
        assert!(!old.contains("\"country\""));
        conn.execute("UPDATE events SET json = ?1", [&old]).unwrap();
        conn.execute("UPDATE event_reports SET json = ?1", [&old])
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 1);
    let loc = events[0].event.location.as_ref().unwrap();
    assert_eq!(loc.country, "YEM");
    let yem = Filter {
        country: Some("yem".into()),
        ..Filter::default()
    };
    assert_eq!(s.events(&yem).unwrap().len(), 1);
    let isr = Filter {
        country: Some("ISR".into()),
        ..Filter::default()
    };
    assert!(s.events(&isr).unwrap().is_empty());
}

#[test]
fn a_text_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = "ملاحظات المحلل: ليست قاعدة بيانات\nanalyst notes, not a database\n".repeat(20);
    std::fs::write(&path, &content).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
    assert!(err.to_string().contains("not an SQLite database"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE documents (id TEXT); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: SCHEMA_VERSION,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT);")
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotRasd { .. }), "{err:?}");
}

#[test]
fn readers_keep_working_while_a_write_transaction_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.db");
    let mut writer = Store::open(&path).unwrap();
    writer.ingest_batch(&[report_a()]).unwrap();
    let mode: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");

    // A second connection holds the write lock in the middle of an ingest.
    let mut raw = Connection::open(&path).unwrap();
    let tx = raw
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "INSERT INTO documents (id, title, text, origin, content_hash)
         VALUES ('pending', 'عنوان', 'عنوان\n\nنص', 'x', 'h')",
        [],
    )
    .unwrap();
    // A reader opened now sees the last commit, without waiting.
    let reader = Store::open(&path).unwrap();
    let t = std::time::Instant::now();
    assert_eq!(reader.counts().unwrap().documents, 1);
    assert_eq!(reader.events(&Filter::default()).unwrap().len(), 1);
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
    tx.commit().unwrap();
    assert_eq!(reader.counts().unwrap().documents, 2);
}

/// A store with one document and its event, closed.
fn small_store(path: &std::path::Path) {
    let mut store = Store::open(path).unwrap();
    store.upsert_actors(&actor_rows()).unwrap();
    let d = doc(
        "d1",
        Some("outlet"),
        "2023-11-23",
        "غارة على صنعاء",
        "شنت طائرات غارة على صنعاء.",
    );
    store
        .ingest_batch(&[(d, vec![])])
        .expect("a document without events stores");
}

#[test]
fn read_only_opens_switch_nothing_and_create_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    small_store(&path);
    // A database in rollback-journal mode (as another tool may leave it).
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.counts().unwrap().documents, 1);
    assert!(store.document("d1").unwrap().is_some());
    let d2 = doc("d2", None, "2023-11-24", "عنوان", "نص آخر.");
    let err = Store::open_read_only(&path)
        .unwrap()
        .ingest_batch(&[(d2, vec![])])
        .expect_err("writes fail");
    assert!(err.to_string().contains("readonly"), "{err}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "not switched to WAL");
    for ext in ["ro.db-wal", "ro.db-shm", "ro.db-journal"] {
        assert!(!dir.path().join(ext).exists(), "{ext} created");
    }
    // Missing files are not created.
    let missing = dir.path().join("missing.db");
    assert!(Store::open_read_only(&missing).is_err());
    assert!(!missing.exists());
}

#[test]
fn a_wal_database_in_a_read_only_directory_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("wal.db");
    small_store(&path); // WAL mode, -wal/-shm removed at close
    assert!(!sub.join("wal.db-shm").exists());
    // Root ignores permission bits: make the directory immutable instead, when the
    // file system and the test's privileges allow it; else make it read-only.
    let immutable = std::process::Command::new("chattr")
        .arg("+i")
        .arg(&sub)
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let result = Store::open_read_only(&path).and_then(|s| s.counts());
    let created = sub.join("wal.db-shm").exists() || sub.join("wal.db-wal").exists();
    if immutable {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&sub)
            .status();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(result.expect("readable").documents, 1);
    assert!(!created, "no -wal/-shm in a read-only directory");
}

#[test]
fn a_negative_user_version_is_a_short_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("neg.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE documents (id TEXT); PRAGMA user_version = -3;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for err in [
        Store::open(&path).unwrap_err(),
        Store::open_read_only(&path).unwrap_err(),
    ] {
        assert!(
            matches!(err, StoreError::BadVersion { found: -3, .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("unknown schema version -3"), "{msg}");
        assert!(!msg.contains("CREATE"), "no schema dump: {msg}");
        assert!(msg.len() < 200, "{msg}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
