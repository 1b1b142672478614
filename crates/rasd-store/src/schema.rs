//! Schema and versioned migrations.
//!
//! `PRAGMA user_version` holds the schema version. Migration `i` (0-based) takes a
//! database from version `i` to `i + 1`; all pending migrations run in one transaction,
//! so an interrupted upgrade leaves the old version intact. A file whose version is
//! newer than [`SCHEMA_VERSION`] is refused before anything is written.

use rusqlite::Transaction;

use crate::StoreError;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = 4;

/// Version 1: documents, actors, places, raw per-document event reports, merged events
/// (clusters) and their sources.
pub(crate) const V1: &str = r#"
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    url          TEXT,
    source       TEXT,
    title        TEXT NOT NULL,
    pub_date     TEXT,
    text         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);

CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    parent   TEXT,
    category INTEGER
);

CREATE TABLE places (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_ar      TEXT NOT NULL,
    admin1       TEXT,
    admin1_pcode TEXT,
    admin2       TEXT,
    admin2_pcode TEXT,
    lat          REAL,
    lon          REAL
);

CREATE TABLE event_reports (
    event_id     TEXT NOT NULL,
    doc_id       TEXT NOT NULL,
    plover_type  TEXT NOT NULL,
    admin1_pcode TEXT,
    admin2_pcode TEXT,
    date_lo      INTEGER,
    date_hi      INTEGER,
    actor1_id    TEXT,
    actor2_id    TEXT,
    json         TEXT NOT NULL,
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX event_reports_candidates ON event_reports(plover_type, admin1_pcode, date_lo);
CREATE INDEX event_reports_doc ON event_reports(doc_id);

CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    plover_type      TEXT NOT NULL,
    plover_mode      TEXT,
    cameo            TEXT NOT NULL,
    goldstein        REAL NOT NULL,
    disorder_type    TEXT NOT NULL,
    acled_event_type TEXT NOT NULL,
    sub_event_type   TEXT NOT NULL,
    interaction      TEXT NOT NULL,
    date_start       TEXT,
    date_end         TEXT,
    date_precision   TEXT NOT NULL,
    place_id         TEXT,
    location_name    TEXT,
    admin1           TEXT,
    admin1_pcode     TEXT,
    admin2           TEXT,
    admin2_pcode     TEXT,
    lat              REAL,
    lon              REAL,
    geo_precision    INTEGER,
    actor1_id        TEXT,
    actor2_id        TEXT,
    fatalities       INTEGER,
    injured          INTEGER,
    detained         INTEGER,
    released         INTEGER,
    hedged           INTEGER NOT NULL,
    claimed          INTEGER NOT NULL,
    confidence       REAL NOT NULL,
    n_reports        INTEGER NOT NULL,
    corroboration    INTEGER NOT NULL,
    timestamp        INTEGER NOT NULL,
    json             TEXT NOT NULL
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type ON events(plover_type);
CREATE INDEX events_admin1 ON events(admin1_pcode);

CREATE TABLE event_sources (
    cluster_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    fatalities INTEGER,
    injured    INTEGER,
    detained   INTEGER,
    released   INTEGER,
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX event_sources_cluster ON event_sources(cluster_id);
CREATE INDEX event_sources_doc ON event_sources(doc_id);
"#;

/// Version 2: stable ACLED-style numbers (`event_id_cnty`) for merged events.
const V2: &str = r#"
ALTER TABLE events ADD COLUMN cnty_num INTEGER;
CREATE UNIQUE INDEX events_cnty_num ON events(cnty_num);
"#;

/// Version 3: what `rasd watch` has seen, so a restart fetches and stores nothing twice:
/// feed state (conditional-GET validators, last success and error, items seen), feed
/// items already ingested, watched files with their content fingerprint, and the alerts
/// already sent with the fingerprint of the event they were sent for.
const V3: &str = r#"
CREATE TABLE watch_feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_success  TEXT,
    last_error    TEXT,
    last_error_at TEXT,
    items_seen    INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_items (
    item_key TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    doc_id   TEXT,
    seen_at  TEXT NOT NULL
);
CREATE TABLE watch_files (
    path        TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
CREATE TABLE watch_alerts (
    rule        TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    fired_at    TEXT NOT NULL,
    PRIMARY KEY (rule, event_id)
);
"#;

/// Version 4: the country of each event and place (ISO 3166-1 alpha-3, `SEA` at sea).
/// Every located event stored before it lies in Yemen (the gazetteer had only Yemen).
const V4: &str = r#"
ALTER TABLE events ADD COLUMN country TEXT;
ALTER TABLE places ADD COLUMN country TEXT;
UPDATE events SET country = 'YEM'
    WHERE location_name IS NOT NULL OR admin1_pcode IS NOT NULL OR lat IS NOT NULL;
UPDATE places SET country = 'YEM';
CREATE INDEX events_country ON events(country);
"#;

/// Gives every event of a version-1 database its number.
fn backfill_v2(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let ids: Vec<String> = {
        let mut stmt = tx.prepare("SELECT id FROM events ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in ids {
        let num = crate::store::free_cnty_num(tx, &id)?;
        tx.execute(
            "UPDATE events SET cnty_num = ?1 WHERE id = ?2",
            rusqlite::params![num, id],
        )?;
    }
    Ok(())
}

type Backfill = fn(&Transaction<'_>) -> Result<(), StoreError>;

/// The migrations, in order: SQL, then an optional data backfill.
const MIGRATIONS: &[(&str, Option<Backfill>)] =
    &[(V1, None), (V2, Some(backfill_v2)), (V3, None), (V4, None)];

/// Runs the migrations from `from` up to [`SCHEMA_VERSION`] inside `tx`.
pub(crate) fn migrate(tx: &Transaction<'_>, from: i64) -> Result<(), StoreError> {
    for (i, (sql, backfill)) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        if target <= from {
            continue;
        }
        tx.execute_batch(sql)?;
        if let Some(f) = backfill {
            f(tx)?;
        }
        tx.pragma_update(None, "user_version", target)?;
    }
    Ok(())
}
