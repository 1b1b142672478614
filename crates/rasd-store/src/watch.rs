//! State of `rasd watch` kept in the database (schema version 3): feeds, items seen,
//! watched files and alerts sent. The store never reads the clock: callers pass
//! timestamps (RFC 3339 strings).

use rusqlite::{params, OptionalExtension};

use crate::store::Store;
use crate::types::StoredEvent;
use crate::StoreError;

/// One feed's polling state.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FeedState {
    /// The feed URL.
    pub url: String,
    /// `ETag` of the last successful response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the last successful response, sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When the feed was last fetched and parsed (or answered 304).
    pub last_success: Option<String>,
    /// The last error, if the feed ever failed.
    pub last_error: Option<String>,
    /// When that error happened.
    pub last_error_at: Option<String>,
    /// Items of this feed ingested so far.
    pub items_seen: u64,
    /// Consecutive failures (0 after a success); drives the backoff.
    pub failures: u32,
}

impl Store {
    /// The state of every feed polled so far, by URL.
    pub fn feed_states(&self) -> Result<Vec<FeedState>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT url, etag, last_modified, last_success, last_error, last_error_at,
                    items_seen, failures FROM watch_feeds ORDER BY url",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedState {
                url: r.get(0)?,
                etag: r.get(1)?,
                last_modified: r.get(2)?,
                last_success: r.get(3)?,
                last_error: r.get(4)?,
                last_error_at: r.get(5)?,
                items_seen: r.get(6)?,
                failures: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The state of one feed (default when never polled).
    pub fn feed_state(&self, url: &str) -> Result<FeedState, StoreError> {
        Ok(self
            .feed_states()?
            .into_iter()
            .find(|f| f.url == url)
            .unwrap_or_else(|| FeedState {
                url: url.to_string(),
                ..FeedState::default()
            }))
    }

    /// Records a successful poll: new validators (kept when `None`, as after a 304)
    /// and no failures.
    pub fn record_feed_success(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO watch_feeds (url, etag, last_modified, last_success, failures)
             VALUES (?1, ?2, ?3, ?4, 0)
             ON CONFLICT(url) DO UPDATE SET
                etag = coalesce(?2, etag), last_modified = coalesce(?3, last_modified),
                last_success = ?4, failures = 0",
            params![url, etag, last_modified, now],
        )?;
        Ok(())
    }

    /// Records a failed poll; returns the number of consecutive failures.
    pub fn record_feed_error(
        &mut self,
        url: &str,
        error: &str,
        now: &str,
    ) -> Result<u32, StoreError> {
        self.conn.execute(
            "INSERT INTO watch_feeds (url, last_error, last_error_at, failures)
             VALUES (?1, ?2, ?3, 1)
             ON CONFLICT(url) DO UPDATE SET
                last_error = ?2, last_error_at = ?3, failures = failures + 1",
            params![url, error, now],
        )?;
        Ok(self.feed_state(url)?.failures)
    }

    /// True when a feed item with this key (its guid, else link) was already handled.
    pub fn item_seen(&self, item_key: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM watch_items WHERE item_key = ?1",
                [item_key],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Remembers a handled feed item (with the document it became, if any) and counts
    /// it for its feed. A key seen before is left as it was.
    pub fn mark_item_seen(
        &mut self,
        item_key: &str,
        feed_url: &str,
        doc_id: Option<&str>,
        now: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO watch_items (item_key, feed_url, doc_id, seen_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![item_key, feed_url, doc_id, now],
        )?;
        if added > 0 {
            tx.execute(
                "INSERT INTO watch_feeds (url, items_seen) VALUES (?1, 1)
                 ON CONFLICT(url) DO UPDATE SET items_seen = items_seen + 1",
                [feed_url],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The content fingerprint a watched file had when last ingested.
    pub fn file_fingerprint(&self, path: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT fingerprint FROM watch_files WHERE path = ?1",
                [path],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Remembers a watched file's content fingerprint.
    pub fn set_file_fingerprint(
        &mut self,
        path: &str,
        fingerprint: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO watch_files (path, fingerprint) VALUES (?1, ?2)",
            params![path, fingerprint],
        )?;
        Ok(())
    }

    /// The fingerprint of the event version `rule` last alerted on, if any.
    pub fn alert_fingerprint(
        &self,
        rule: &str,
        event_id: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT fingerprint FROM watch_alerts WHERE rule = ?1 AND event_id = ?2",
                [rule, event_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Remembers that `rule` alerted on this version of the event.
    pub fn record_alert(
        &mut self,
        rule: &str,
        event_id: &str,
        fingerprint: &str,
        now: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO watch_alerts (rule, event_id, fingerprint, fired_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![rule, event_id, fingerprint, now],
        )?;
        Ok(())
    }

    /// A cursor over event changes: events are rewritten as a new row whenever a
    /// report changes them, so every row after the cursor is new or changed.
    pub fn event_cursor(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(rowid), 0) FROM events", [], |r| {
                r.get(0)
            })?)
    }

    /// Events written (new or changed) after `cursor`, oldest change first, with the
    /// cursor to pass next time.
    pub fn events_after(
        &self,
        cursor: i64,
        limit: usize,
    ) -> Result<(Vec<StoredEvent>, i64), StoreError> {
        let ids: Vec<(i64, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT rowid, id FROM events WHERE rowid > ?1 ORDER BY rowid LIMIT ?2")?;
            let rows = stmt.query_map(params![cursor, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut next = cursor;
        let mut out = Vec::with_capacity(ids.len());
        for (rowid, id) in ids {
            next = next.max(rowid);
            if let Some(e) = self.event(&id)? {
                out.push(e);
            }
        }
        Ok((out, next))
    }

    /// True when some event other than `except` has actors `a` and `b` (either order).
    pub fn pair_seen_elsewhere(&self, a: &str, b: &str, except: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM events WHERE id <> ?3 AND ((actor1_id = ?1 AND actor2_id = ?2)
                    OR (actor1_id = ?2 AND actor2_id = ?1)) LIMIT 1",
                [a, b, except],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}
