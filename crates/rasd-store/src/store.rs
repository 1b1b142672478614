use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rasd_model::{Document, Event, Evidence};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::cluster::{
    self, Hierarchy, Merged, Report, ReportKey, DATE_SLACK_DAYS, MAX_WINDOW_DAYS,
};
use crate::schema::{self, SCHEMA_VERSION};
use crate::types::{ActorRow, BatchSummary, Counts, Filter, Place, SourceReport, StoredEvent};
use crate::{ActorGraph, Stats, StoreError};

/// The event store: one SQLite connection (WAL mode for files).
///
/// Writes take `&mut self` and run in one transaction each; any number of other
/// `Store`s (other threads or processes) may read the same file meanwhile.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
}

/// Refuses a schema newer than this binary, a negative version, and a foreign SQLite
/// database (version 0 with tables); reads only.
fn check_version(conn: &Connection, path: &Path, version: i64) -> Result<(), StoreError> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 0 {
        return Err(StoreError::BadVersion {
            path: path.to_path_buf(),
            found: version,
        });
    }
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotRasd {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// A path for an SQLite `file:` URI: bytes other than unreserved ones and `/`
/// percent-encoded (so `?`, `#` and `%` in a name stay part of it).
fn uri_path(path: &Path) -> String {
    let raw = path.to_string_lossy();
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

impl Store {
    /// Opens the database at `path`, creating it if missing and migrating an older
    /// schema. A file that is not SQLite, an SQLite database of another program, or a
    /// schema newer than [`crate::SCHEMA_VERSION`] is an error, and the file is left
    /// as it was.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path)?;
        Store::init(conn, path, true)
    }

    /// Opens an existing database for reading only: SQLite's read-only mode, no switch
    /// to WAL, nothing migrated, so a database in a read-only directory or mount can be
    /// read. When even that fails (a WAL database whose `-shm` file cannot be created
    /// there), the file is opened as immutable. A database with an older schema is
    /// opened with [`Store::open`] instead, which migrates it (and needs write access).
    /// Writes through the returned store fail.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let attempt = |query: &str| -> Result<(Connection, i64), rusqlite::Error> {
            let uri = format!("file:{}?{query}", uri_path(&path));
            let conn = Connection::open_with_flags(uri, flags)?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            Ok((conn, version))
        };
        if !path.is_file() {
            // Let SQLite word the error (no such file, a directory), without creating it.
            return Err(attempt("mode=ro").err().map_or_else(
                || StoreError::Sqlite(rusqlite::Error::InvalidPath(path.clone())),
                StoreError::Sqlite,
            ));
        }
        let (conn, version) = match attempt("mode=ro") {
            Ok(ok) => ok,
            Err(e) if is_not_a_database(&e) => return Err(StoreError::NotSqlite { path }),
            Err(_) => match attempt("immutable=1") {
                Ok(ok) => ok,
                Err(e) if is_not_a_database(&e) => return Err(StoreError::NotSqlite { path }),
                Err(e) => return Err(StoreError::Sqlite(e)),
            },
        };
        if version != SCHEMA_VERSION && (0..SCHEMA_VERSION).contains(&version) {
            drop(conn);
            return Store::open(&path);
        }
        check_version(&conn, &path, version)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        Ok(Store { conn, path })
    }

    /// A fresh database in memory (for tests and one-off runs).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            false,
        )
    }

    fn init(mut conn: Connection, path: PathBuf, file: bool) -> Result<Store, StoreError> {
        let not_sqlite = |e: rusqlite::Error, path: &Path| {
            if is_not_a_database(&e) {
                StoreError::NotSqlite {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::Sqlite(e)
            }
        };
        // Read-only checks first: nothing is written to a file we refuse.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| not_sqlite(e, &path))?;
        let check = |version: i64, conn: &Connection| check_version(conn, &path, version);
        check(version, &conn)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        if file {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
            // In WAL mode NORMAL survives a killed process (not a power cut) intact.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        if file {
            // Merging reads a story's neighbours again and again: keep up to 64 MiB of
            // pages in memory and map the file rather than copy every page read.
            conn.pragma_update(None, "cache_size", -65536)?;
            conn.pragma_update(None, "mmap_size", 268_435_456)?;
        }
        if version < SCHEMA_VERSION {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process may have migrated while we waited for the lock.
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            check(version, &tx)?;
            schema::migrate(&tx, version)?;
            tx.commit()?;
        }
        Ok(Store { conn, path })
    }

    /// The path given to [`Store::open`] (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Inserts or updates actor metadata (names, parents, categories); returns how many
    /// rows changed. When a parent changes, every event is re-clustered in the same
    /// transaction, since linking follows the hierarchy.
    pub fn upsert_actors(&mut self, rows: &[ActorRow]) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changed = 0;
        let mut hierarchy_changed = false;
        {
            let mut get =
                tx.prepare_cached("SELECT name, parent, category FROM actors WHERE id = ?1")?;
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO actors (id, name, parent, category) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for row in rows {
                let old: Option<(String, Option<String>, Option<u8>)> = get
                    .query_row([&row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                let new = (row.name.clone(), row.parent.clone(), Some(row.category));
                if old.as_ref() == Some(&new) {
                    continue;
                }
                if old.as_ref().map(|o| &o.1) != Some(&row.parent) {
                    hierarchy_changed |= row.parent.is_some() || old.is_some();
                }
                put.execute(params![row.id, row.name, row.parent, row.category])?;
                changed += 1;
            }
        }
        if hierarchy_changed {
            recluster_all(&tx)?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Stores documents and the events extracted from them, in ONE transaction, and
    /// updates the deduplicated events.
    ///
    /// A document already stored with the same id, text and metadata is skipped, so
    /// ingesting the same input again changes nothing. A document whose text or
    /// metadata changed replaces its old reports. Every event's `doc_id` must be its
    /// document's id and event ids must be unique within a document; otherwise the
    /// batch is refused with [`StoreError::Invalid`] and nothing is written.
    pub fn ingest_batch(
        &mut self,
        batch: &[(Document, Vec<Event>)],
    ) -> Result<BatchSummary, StoreError> {
        for (doc, events) in batch {
            let mut seen = HashSet::new();
            for e in events {
                if e.doc_id != doc.id {
                    return Err(StoreError::Invalid {
                        doc_id: doc.id.clone(),
                        message: format!("event {} names document {}", e.event_id, e.doc_id),
                    });
                }
                if !seen.insert(e.event_id.as_str()) {
                    return Err(StoreError::Invalid {
                        doc_id: doc.id.clone(),
                        message: format!("event id {} appears twice", e.event_id),
                    });
                }
            }
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let events_before = count_events(&tx)?;
        let mut summary = BatchSummary::default();
        let mut seeds: Vec<ReportKey> = Vec::new();
        let mut orphaned: BTreeSet<String> = BTreeSet::new();
        let mut batch_docs: HashSet<&str> = HashSet::new();
        for (doc, events) in batch {
            if !batch_docs.insert(doc.id.as_str()) {
                // The same document twice in one batch: the first copy wins, as it
                // would in two batches.
                summary.docs_unchanged += 1;
                continue;
            }
            let hash = content_hash(doc);
            let pub_date = doc.pub_date.map(|d| d.to_string());
            let old: Option<DocMeta> = tx
                .query_row(
                    "SELECT content_hash, url, source, pub_date, title FROM documents WHERE id = ?1",
                    [&doc.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            match old {
                Some((h, url, source, date, title))
                    if h == hash
                        && url == doc.url
                        && source == doc.source
                        && date == pub_date
                        && title == doc.title =>
                {
                    summary.docs_unchanged += 1;
                    continue;
                }
                Some(_) => {
                    summary.docs_updated += 1;
                    let mut stmt = tx.prepare_cached(
                        "SELECT DISTINCT cluster_id FROM event_sources WHERE doc_id = ?1",
                    )?;
                    for c in stmt.query_map([&doc.id], |r| r.get::<_, String>(0))? {
                        orphaned.insert(c?);
                    }
                    tx.execute("DELETE FROM event_sources WHERE doc_id = ?1", [&doc.id])?;
                    tx.execute("DELETE FROM event_reports WHERE doc_id = ?1", [&doc.id])?;
                    tx.execute("DELETE FROM documents WHERE id = ?1", [&doc.id])?;
                }
                None => summary.docs_new += 1,
            }
            tx.execute(
                "INSERT INTO documents (id, url, source, title, pub_date, text, origin, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![doc.id, doc.url, doc.source, doc.title, pub_date, doc.text, doc.origin, hash],
            )?;
            for e in events {
                insert_report(&tx, e)?;
                seeds.push((e.event_id.clone(), doc.id.clone()));
                summary.reports_new += 1;
            }
        }
        let outcome = recluster(&tx, &seeds, &orphaned)?;
        summary.events_new = count_events(&tx)?.saturating_sub(events_before);
        summary.events_merged = seeds.iter().filter(|k| outcome.shared.contains(*k)).count();
        tx.commit()?;
        Ok(summary)
    }

    /// Events matching `filter`, ordered by date (undated last), then id.
    pub fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut sql = String::from(
            "SELECT id, cnty_num, json, corroboration, timestamp FROM events WHERE 1 = 1",
        );
        let mut args: Vec<String> = Vec::new();
        let date_expr = "coalesce(date_start, date_end)";
        if let Some(from) = filter.from {
            args.push(from.to_string());
            sql += &format!(" AND {date_expr} >= ?{}", args.len());
        }
        if let Some(to) = filter.to {
            args.push(to.to_string());
            sql += &format!(" AND {date_expr} <= ?{}", args.len());
        }
        if let Some(t) = &filter.event_type {
            args.push(t.trim().to_string());
            let n = args.len();
            sql += &format!(
                " AND (plover_type = upper(?{n}) OR acled_event_type = ?{n} COLLATE NOCASE
                       OR sub_event_type = ?{n} COLLATE NOCASE)"
            );
        }
        if let Some(a) = &filter.admin1 {
            args.push(a.trim().to_string());
            let n = args.len();
            sql += &format!(
                " AND (admin1 = ?{n} COLLATE NOCASE OR admin1_pcode = ?{n} COLLATE NOCASE)"
            );
        }
        if let Some(c) = &filter.country {
            args.push(c.trim().to_uppercase());
            sql += &format!(" AND country = ?{}", args.len());
        }
        sql += &format!(" ORDER BY {date_expr} IS NULL, {date_expr}, id");
        let actor_ids = match &filter.actor {
            Some(a) => Some(self.actor_subtree(a)?),
            None => None,
        };
        let needle = filter.text.as_ref().map(|t| t.to_lowercase());

        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        let mut skipped = 0;
        for row in rows {
            if filter.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            let (id, num, json, corroboration, timestamp) = row?;
            let event: Event = parse_json("events", &id, &json)?;
            if let Some(ids) = &actor_ids {
                let hit = event
                    .actor1
                    .iter()
                    .chain(event.actor2.iter())
                    .chain(event.assoc_actor1.iter())
                    .chain(event.assoc_actor2.iter())
                    .any(|a| ids.contains(&a.id));
                if !hit {
                    continue;
                }
            }
            let sources = self.sources(&id)?;
            if let Some(needle) = &needle {
                if !text_matches(&event, &sources, needle) {
                    continue;
                }
            }
            if skipped < filter.offset {
                skipped += 1;
                continue;
            }
            out.push(StoredEvent {
                event_id_cnty: cnty_label(num),
                id,
                event,
                sources,
                corroboration,
                timestamp,
            });
        }
        Ok(out)
    }

    /// One event by its canonical id, by the `event_id` of any of its reports (so an
    /// id that was canonical before a merge still resolves), or by `event_id_cnty`.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let mut cluster: Option<String> = self
            .conn
            .query_row("SELECT id FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if cluster.is_none() {
            cluster = self
                .conn
                .query_row(
                    "SELECT cluster_id FROM event_sources WHERE event_id = ?1 ORDER BY doc_id LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
        }
        if cluster.is_none() {
            if let Some(num) = id.strip_prefix("YEM").and_then(|n| n.parse::<i64>().ok()) {
                cluster = self
                    .conn
                    .query_row("SELECT id FROM events WHERE cnty_num = ?1", [num], |r| {
                        r.get(0)
                    })
                    .optional()?;
            }
        }
        let Some(cluster) = cluster else {
            return Ok(None);
        };
        let (num, json, corroboration, timestamp) = self.conn.query_row(
            "SELECT cnty_num, json, corroboration, timestamp FROM events WHERE id = ?1",
            [&cluster],
            |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )?;
        Ok(Some(StoredEvent {
            event_id_cnty: cnty_label(num),
            event: parse_json("events", &cluster, &json)?,
            sources: self.sources(&cluster)?,
            id: cluster,
            corroboration,
            timestamp,
        }))
    }

    /// The merged events that one document reports, each with all its sources (read
    /// from the database, so it is current even while another process writes).
    pub fn events_of_document(&self, doc_id: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT cluster_id FROM event_sources WHERE doc_id = ?1 ORDER BY cluster_id",
        )?;
        let clusters: Vec<String> = stmt
            .query_map([doc_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(clusters.len());
        for c in clusters {
            if let Some(e) = self.event(&c)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// A number that changes whenever another connection (of this or another process)
    /// commits to the database: SQLite's `PRAGMA data_version`. Cheap; used to notice
    /// writes by others and refresh cached views.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// A stored document, rebuilt as the [`Document`] that was ingested.
    pub fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.conn
            .query_row(
                "SELECT url, source, title, pub_date, text, origin FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let title: String = r.get(2)?;
                    let text: String = r.get(4)?;
                    let body = text
                        .strip_prefix(title.as_str())
                        .and_then(|b| b.strip_prefix("\n\n"))
                        .unwrap_or(&text)
                        .to_string();
                    Ok(Document {
                        id: id.to_string(),
                        url: r.get(0)?,
                        source: r.get(1)?,
                        pub_date: r
                            .get::<_, Option<String>>(3)?
                            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                        title,
                        body,
                        text,
                        origin: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(StoreError::from)
    }

    /// Every known actor, by id.
    pub fn actors(&self) -> Result<Vec<ActorRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, parent, category FROM actors ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorRow {
                id: r.get(0)?,
                name: r.get(1)?,
                parent: r.get(2)?,
                category: r.get::<_, Option<u8>>(3)?.unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every place an event was reported at, by id, with how many events are there.
    pub fn places(&self) -> Result<Vec<Place>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.name_ar, p.admin1, p.admin1_pcode, p.admin2, p.admin2_pcode,
                    p.lat, p.lon, (SELECT count(*) FROM events e WHERE e.place_id = p.id),
                    p.country
             FROM places p ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Place {
                id: r.get(0)?,
                name: r.get(1)?,
                name_ar: r.get(2)?,
                admin1: r.get(3)?,
                admin1_pcode: r.get(4)?,
                admin2: r.get(5)?,
                admin2_pcode: r.get(6)?,
                lat: r.get(7)?,
                lon: r.get(8)?,
                events: r.get(9)?,
                country: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The actor graph of the events matching `filter` (limit and offset apply too).
    pub fn graph(&self, filter: &Filter) -> Result<ActorGraph, StoreError> {
        Ok(ActorGraph::build(&self.events(filter)?, &self.actors()?))
    }

    /// Counts over the events matching `filter`.
    pub fn stats(&self, filter: &Filter) -> Result<Stats, StoreError> {
        Ok(Stats::of(&self.events(filter)?))
    }

    /// Rows per table.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let n = |t: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok(Counts {
            documents: n("documents")?,
            event_reports: n("event_reports")?,
            events: n("events")?,
            event_sources: n("event_sources")?,
            actors: n("actors")?,
            places: n("places")?,
        })
    }

    /// Checks SQLite's integrity and the store's invariants: every report belongs to
    /// exactly one existing event, every event has reports, and its counts agree.
    pub fn check(&self) -> Result<(), StoreError> {
        let corrupt = |table: &'static str, key: String, message: String| StoreError::Corrupt {
            table,
            key,
            message,
        };
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(corrupt("sqlite", String::new(), ok));
        }
        let probes: [(&'static str, &str, &str); 4] = [
            (
                "event_reports",
                "SELECT r.event_id || '@' || r.doc_id FROM event_reports r
                 LEFT JOIN event_sources s ON s.event_id = r.event_id AND s.doc_id = r.doc_id
                 WHERE s.cluster_id IS NULL LIMIT 1",
                "report without an event",
            ),
            (
                "event_sources",
                "SELECT s.event_id || '@' || s.doc_id FROM event_sources s
                 LEFT JOIN events e ON e.id = s.cluster_id
                 LEFT JOIN event_reports r ON r.event_id = s.event_id AND r.doc_id = s.doc_id
                 WHERE e.id IS NULL OR r.event_id IS NULL LIMIT 1",
                "source row without its event or report",
            ),
            (
                "events",
                "SELECT e.id FROM events e
                 WHERE e.n_reports != (SELECT count(*) FROM event_sources s WHERE s.cluster_id = e.id)
                    OR e.cnty_num IS NULL LIMIT 1",
                "report count disagrees or number missing",
            ),
            (
                "event_reports",
                "SELECT r.event_id || '@' || r.doc_id FROM event_reports r
                 LEFT JOIN documents d ON d.id = r.doc_id WHERE d.id IS NULL LIMIT 1",
                "report without its document",
            ),
        ];
        for (table, sql, message) in probes {
            let bad: Option<String> = self.conn.query_row(sql, [], |r| r.get(0)).optional()?;
            if let Some(key) = bad {
                return Err(corrupt(table, key, message.to_string()));
            }
        }
        Ok(())
    }

    /// Actor parents, for the graph and filters.
    pub(crate) fn hierarchy(&self) -> Result<(Hierarchy, Vec<ActorRow>), StoreError> {
        let actors = self.actors()?;
        let parent = actors
            .iter()
            .filter_map(|a| a.parent.clone().map(|p| (a.id.clone(), p)))
            .collect();
        Ok((Hierarchy::new(parent), actors))
    }

    /// Ids of the actor named `actor` (id or name) and of every actor below it.
    pub(crate) fn actor_subtree(&self, actor: &str) -> Result<HashSet<String>, StoreError> {
        let (h, actors) = self.hierarchy()?;
        let wanted = actor.trim();
        let roots: Vec<&str> = actors
            .iter()
            .filter(|a| a.id.eq_ignore_ascii_case(wanted) || a.name.eq_ignore_ascii_case(wanted))
            .map(|a| a.id.as_str())
            .collect();
        let mut out: HashSet<String> = HashSet::from([wanted.to_string()]);
        for a in &actors {
            if roots.iter().any(|r| h.within(&a.id, r)) {
                out.insert(a.id.clone());
            }
        }
        Ok(out)
    }

    fn sources(&self, cluster: &str) -> Result<Vec<SourceReport>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.event_id, s.doc_id, d.source, d.url, d.title, d.pub_date, s.evidence,
                    s.fatalities, s.injured, s.detained, s.released
             FROM event_sources s JOIN documents d ON d.id = s.doc_id
             WHERE s.cluster_id = ?1
             ORDER BY d.pub_date IS NULL, d.pub_date, s.doc_id, s.event_id",
        )?;
        let rows = stmt.query_map([cluster], |r| {
            Ok((
                SourceReport {
                    event_id: r.get(0)?,
                    doc_id: r.get(1)?,
                    outlet: r.get(2)?,
                    url: r.get(3)?,
                    title: r.get(4)?,
                    pub_date: r
                        .get::<_, Option<String>>(5)?
                        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    evidence: Vec::new(),
                    fatalities: r.get(7)?,
                    injured: r.get(8)?,
                    detained: r.get(9)?,
                    released: r.get(10)?,
                },
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut s, evidence) = row?;
            s.evidence = parse_json::<Vec<Evidence>>("event_sources", &s.event_id, &evidence)?;
            out.push(s);
        }
        Ok(out)
    }
}

/// Content hash, URL, outlet, publication date and title of a stored document.
type DocMeta = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn text_matches(event: &Event, sources: &[SourceReport], needle: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(needle);
    sources
        .iter()
        .any(|s| hit(&s.title) || s.evidence.iter().any(|e| hit(&e.text)))
        || [&event.actor1, &event.actor2]
            .into_iter()
            .flatten()
            .chain(event.assoc_actor1.iter())
            .chain(event.assoc_actor2.iter())
            .any(|a| hit(&a.name) || hit(&a.id) || a.text.as_deref().is_some_and(hit))
        || event.location.as_ref().is_some_and(|l| {
            hit(&l.name) || hit(&l.name_ar) || l.admin1.as_deref().is_some_and(hit)
        })
}

/// `YEM` + number; empty if a number is missing (never in a checked store).
fn cnty_label(num: Option<i64>) -> String {
    num.map(|n| format!("YEM{n}")).unwrap_or_default()
}

fn parse_json<T: serde::de::DeserializeOwned>(
    table: &'static str,
    key: &str,
    json: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        table,
        key: key.to_string(),
        message: e.to_string(),
    })
}

/// Hash of what a document says: its full text.
fn content_hash(doc: &Document) -> String {
    rasd_model::stable_hash_hex(&[&doc.text], 16)
}

fn insert_report(tx: &Transaction<'_>, e: &Event) -> Result<(), StoreError> {
    let (lo, hi) = cluster::window(e);
    let loc = e.location.as_ref();
    let json = serde_json::to_string(e).expect("events serialize");
    tx.prepare_cached(
        "INSERT INTO event_reports (event_id, doc_id, plover_type, admin1_pcode, admin2_pcode,
                                    date_lo, date_hi, actor1_id, actor2_id, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        e.event_id,
        e.doc_id,
        e.plover.event_type,
        loc.and_then(|l| l.admin1_pcode.as_deref()),
        loc.and_then(|l| l.admin2_pcode.as_deref()),
        lo,
        hi,
        e.actor1.as_ref().map(|a| a.id.as_str()),
        e.actor2.as_ref().map(|a| a.id.as_str()),
        json,
    ])?;
    let mut actor = tx.prepare_cached(
        "INSERT OR IGNORE INTO actors (id, name, parent, category) VALUES (?1, ?2, NULL, NULL)",
    )?;
    for a in [&e.actor1, &e.actor2]
        .into_iter()
        .flatten()
        .chain(e.assoc_actor1.iter())
        .chain(e.assoc_actor2.iter())
    {
        actor.execute(params![a.id, a.name])?;
    }
    if let Some(l) = loc {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO places (id, name, name_ar, admin1, admin1_pcode, admin2,
                                           admin2_pcode, lat, lon, country)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            cluster::place_id(l),
            l.name,
            l.name_ar,
            l.admin1,
            l.admin1_pcode,
            l.admin2,
            l.admin2_pcode,
            l.lat,
            l.lon,
            l.country
        ])?;
    }
    Ok(())
}

const REPORT_COLUMNS: &str =
    "r.json, r.doc_id, d.source, d.content_hash, d.pub_date, r.date_lo, r.date_hi
     FROM event_reports r JOIN documents d ON d.id = r.doc_id";

/// The report whose `REPORT_COLUMNS` start at column `base`; the JSON is parsed from the
/// row's own buffer, without a copy.
fn report_at(r: &rusqlite::Row<'_>, base: usize) -> rusqlite::Result<Report> {
    let json = r.get_ref(base)?.as_str()?;
    let event: Event = serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(base, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Report {
        event,
        doc_id: r.get(base + 1)?,
        outlet: r.get(base + 2)?,
        content_hash: r.get(base + 3)?,
        pub_date: r
            .get_ref(base + 4)?
            .as_str_or_null()?
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        lo: r.get(base + 5)?,
        hi: r.get(base + 6)?,
    })
}

fn load_hierarchy(tx: &Transaction<'_>) -> Result<Hierarchy, StoreError> {
    let mut stmt = tx.prepare("SELECT id, parent FROM actors WHERE parent IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(Hierarchy::new(rows.collect::<Result<HashMap<_, _>, _>>()?))
}

fn count_events(tx: &Transaction<'_>) -> Result<usize, StoreError> {
    Ok(tx.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
}

/// What a re-clustering did.
struct Outcome {
    /// Reports that are now in an event with reports of other documents.
    shared: HashSet<ReportKey>,
}

/// Re-clusters every report (after the actor hierarchy changed).
fn recluster_all(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let keys: Vec<ReportKey> = {
        let mut stmt = tx.prepare("SELECT event_id, doc_id FROM event_reports")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let clusters: BTreeSet<String> = {
        let mut stmt = tx.prepare("SELECT id FROM events")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    recluster(tx, &keys, &clusters)?;
    Ok(())
}

/// Rebuilds the events around `seeds` (new reports) and the remaining reports of
/// `orphaned` events (which lost reports): the connected component of the link graph
/// is collected, partitioned canonically and written where it changed.
fn recluster(
    tx: &Transaction<'_>,
    seeds: &[ReportKey],
    orphaned: &BTreeSet<String>,
) -> Result<Outcome, StoreError> {
    let h = load_hierarchy(tx)?;
    let mut component: BTreeMap<ReportKey, Report> = BTreeMap::new();
    let mut queue: VecDeque<ReportKey> = VecDeque::new();
    let mut start: BTreeSet<ReportKey> = seeds.iter().cloned().collect();
    {
        let mut stmt =
            tx.prepare_cached("SELECT event_id, doc_id FROM event_sources WHERE cluster_id = ?1")?;
        for c in orphaned {
            for k in stmt.query_map([c], |r| Ok((r.get(0)?, r.get(1)?)))? {
                start.insert(k?);
            }
        }
    }
    {
        let mut one = tx.prepare_cached(&format!(
            "SELECT {REPORT_COLUMNS} WHERE r.event_id = ?1 AND r.doc_id = ?2"
        ))?;
        for k in start {
            if let Some(rep) = one
                .query_row(params![k.0, k.1], |r| report_at(r, 0))
                .optional()?
            {
                queue.push_back(k.clone());
                component.insert(k, rep);
            }
        }
    }
    // Breadth-first over links. The SQL narrows to same type, same governorate and
    // nearby dates; `linked` decides.
    let mut near = tx.prepare_cached(&format!(
        "SELECT r.event_id, {REPORT_COLUMNS}
         WHERE r.plover_type = ?1 AND r.admin1_pcode IS ?2
           AND r.date_lo BETWEEN ?3 AND ?4 AND r.date_hi >= ?5 AND r.doc_id != ?6"
    ))?;
    // Reports read and found unlinked so far: in a large story (a month of fighting in
    // one governorate) the same neighbours come back for every member, and each is
    // parsed once, not once per member.
    let mut seen: HashMap<ReportKey, Report> = HashMap::new();
    while let Some(k) = queue.pop_front() {
        let r = &component[&k];
        let (Some(lo), Some(hi)) = (r.lo, r.hi) else {
            continue;
        };
        if hi - lo > MAX_WINDOW_DAYS {
            continue;
        }
        let admin1 = r
            .event
            .location
            .as_ref()
            .and_then(|l| l.admin1_pcode.clone());
        let mut rows = near.query(params![
            r.event.plover.event_type,
            admin1,
            lo - DATE_SLACK_DAYS - MAX_WINDOW_DAYS,
            hi + DATE_SLACK_DAYS,
            lo - DATE_SLACK_DAYS,
            r.doc_id
        ])?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            let ck: ReportKey = (row.get(0)?, row.get(2)?);
            if component.contains_key(&ck) {
                continue;
            }
            let cand = match seen.entry(ck.clone()) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => v.insert(report_at(row, 1)?),
            };
            if cluster::linked(r, cand, &h) {
                found.push(ck);
            }
        }
        drop(rows);
        for ck in found {
            if let Some(cand) = seen.remove(&ck) {
                queue.push_back(ck.clone());
                component.insert(ck, cand);
            }
        }
    }

    let reports: Vec<Report> = component.into_values().collect();
    let parts = cluster::partition(&reports, &h);
    let merged: Vec<Merged> = parts
        .iter()
        .map(|p| {
            let members: Vec<&Report> = p.iter().map(|&i| &reports[i]).collect();
            cluster::merge(&members, &h)
        })
        .collect();

    // Events these reports belonged to before.
    let mut old: BTreeSet<String> = orphaned.clone();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT cluster_id FROM event_sources WHERE event_id = ?1 AND doc_id = ?2",
        )?;
        for r in &reports {
            if let Some(c) = stmt
                .query_row(params![r.event.event_id, r.doc_id], |row| {
                    row.get::<_, String>(0)
                })
                .optional()?
            {
                old.insert(c);
            }
        }
    }
    let new_ids: BTreeSet<&str> = merged.iter().map(|m| m.event.event_id.as_str()).collect();
    for gone in old.iter().filter(|c| !new_ids.contains(c.as_str())) {
        tx.execute("DELETE FROM events WHERE id = ?1", [gone])?;
        tx.execute("DELETE FROM event_sources WHERE cluster_id = ?1", [gone])?;
    }

    let mut outcome = Outcome {
        shared: HashSet::new(),
    };
    let by_key: HashMap<ReportKey, &Report> = reports.iter().map(|r| (r.key(), r)).collect();
    for m in &merged {
        let docs: HashSet<&str> = m.members.iter().map(|k| k.1.as_str()).collect();
        if docs.len() > 1 {
            outcome.shared.extend(m.members.iter().cloned());
        }
        let json = serde_json::to_string(&m.event).expect("events serialize");
        let existing: Option<(Option<i64>, String, u32, i64)> = tx
            .query_row(
                "SELECT cnty_num, json, corroboration, timestamp FROM events WHERE id = ?1",
                [&m.event.event_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let members_now: Vec<ReportKey> = {
            let mut stmt = tx.prepare_cached(
                "SELECT event_id, doc_id FROM event_sources WHERE cluster_id = ?1
                 ORDER BY event_id, doc_id",
            )?;
            let rows = stmt.query_map([&m.event.event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let num = match &existing {
            Some((num, j, c, t))
                if *j == json
                    && *c == m.corroboration
                    && *t == m.timestamp
                    && members_now == m.members
                    && num.is_some() =>
            {
                continue;
            }
            Some((Some(num), ..)) => *num,
            Some((None, ..)) => free_cnty_num(tx, &m.event.event_id)?,
            None => free_cnty_num(tx, &m.event.event_id)?,
        };
        tx.execute("DELETE FROM events WHERE id = ?1", [&m.event.event_id])?;
        tx.execute(
            "DELETE FROM event_sources WHERE cluster_id = ?1",
            [&m.event.event_id],
        )?;
        write_event(tx, m, &json, num)?;
        let mut src = tx.prepare_cached(
            "INSERT OR REPLACE INTO event_sources (cluster_id, event_id, doc_id, evidence,
                                                   fatalities, injured, detained, released)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for k in &m.members {
            let r = by_key[k];
            let evidence = serde_json::to_string(&r.event.evidence).expect("evidence serializes");
            src.execute(params![
                m.event.event_id,
                k.0,
                k.1,
                evidence,
                r.event.fatalities,
                r.event.injured,
                r.event.detained,
                r.event.released
            ])?;
        }
    }
    Ok(outcome)
}

/// The first free number in `id`'s candidate sequence (see `cluster::cnty_candidate`).
pub(crate) fn free_cnty_num(tx: &Transaction<'_>, id: &str) -> Result<i64, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT id FROM events WHERE cnty_num = ?1")?;
    for attempt in 0.. {
        let n = cluster::cnty_candidate(id, attempt);
        let holder: Option<String> = stmt.query_row([n], |r| r.get(0)).optional()?;
        match holder {
            None => return Ok(n),
            Some(h) if h == id => return Ok(n),
            Some(_) => continue,
        }
    }
    unreachable!("the candidate sequence is endless")
}

fn write_event(tx: &Transaction<'_>, m: &Merged, json: &str, num: i64) -> Result<(), StoreError> {
    let e = &m.event;
    let l = e.location.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (id, plover_type, plover_mode, cameo, goldstein, disorder_type,
            acled_event_type, sub_event_type, interaction, date_start, date_end, date_precision,
            place_id, location_name, admin1, admin1_pcode, admin2, admin2_pcode, lat, lon,
            geo_precision, actor1_id, actor2_id, fatalities, injured, detained, released, hedged,
            claimed, confidence, n_reports, corroboration, timestamp, json, cnty_num, country)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35,
            ?36)",
    )?
    .execute(params![
        e.event_id,
        e.plover.event_type,
        e.plover.mode,
        e.cameo,
        e.goldstein,
        e.acled.disorder_type,
        e.acled.event_type,
        e.acled.sub_event_type,
        e.acled.interaction,
        e.date.start,
        e.date.end,
        e.date.precision.as_str(),
        l.map(cluster::place_id),
        l.map(|l| l.name.as_str()),
        l.and_then(|l| l.admin1.as_deref()),
        l.and_then(|l| l.admin1_pcode.as_deref()),
        l.and_then(|l| l.admin2.as_deref()),
        l.and_then(|l| l.admin2_pcode.as_deref()),
        l.and_then(|l| l.lat),
        l.and_then(|l| l.lon),
        l.map(|l| l.geo_precision),
        e.actor1.as_ref().map(|a| a.id.as_str()),
        e.actor2.as_ref().map(|a| a.id.as_str()),
        e.fatalities,
        e.injured,
        e.detained,
        e.released,
        e.hedged,
        e.claimed,
        e.confidence,
        m.members.len() as i64,
        m.corroboration,
        m.timestamp,
        json,
        num,
        l.map(|l| l.country.as_str()),
    ])?;
    Ok(())
}
