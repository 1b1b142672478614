//! `rasd ingest`: documents in, events stored in an SQLite database.
//!
//! Documents are read lazily, grouped into batches of `--batch` consecutive documents
//! (the boundaries depend only on the input, never on timing), extracted, and each
//! batch is stored in one transaction. A batch is extracted on its own threads while
//! the batch before it is stored, so extraction and the single-threaded store overlap.
//! A document already stored with the same text
//! and metadata is not extracted again, so rerunning a command that was killed part
//! way finishes the job with the result of an uninterrupted run.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use indicatif::ProgressBar;
use rasd_extract::Extractor;
use rasd_ingest::{read_inputs, IngestOptions};
use rasd_model::{Document, Event};
use rasd_store::{BatchSummary, Store, StoreError};

/// Arguments of `rasd ingest`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd ingest news/ --db events.db
  rasd ingest article.txt --pub-date 2023-11-23
  rasd ingest articles.jsonl.gz --ids yemen_ids.txt --batch 1000

Ingesting the same documents again changes nothing. Each batch is one transaction: a
killed ingest keeps every committed batch, and running the same command again
finishes the job.")]
pub struct Args {
    /// Files or directories (.txt, .html, .htm, .jsonl, .jsonl.gz); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The database (created when missing).
    #[arg(long, default_value = "rasd.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Publication date of every document (overrides dates found in the input).
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<NaiveDate>,
    /// Largest document read, in bytes (suffixes K, M, G): a .txt or .html file, stdin
    /// read as one article, or one JSONL line after decompression. A larger document is
    /// reported and skipped (exit code 1); the others are processed.
    #[arg(long, value_parser = crate::shared::parse_size, value_name = "BYTES", default_value = "5M")]
    pub max_doc_bytes: u64,
    /// Extra dictionary file: actors (.tsv) or places (.csv). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Documents per transaction (larger batches ingest faster: merging work is per
    /// batch; a killed ingest loses at most one batch, which a rerun redoes).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Which events to keep: `all` (default) codes events in any country and at sea;
    /// `yemen` keeps only events located in Yemen or with a Yemeni actor
    /// (data/yemeni_actors.txt: houthis, government forces, STC, AQAP … and their units).
    #[arg(long, value_enum, default_value_t = crate::shared::Scope::All)]
    pub scope: crate::shared::Scope,
    /// Keep only the documents whose id is listed in FILE (one id per line).
    #[arg(long, value_name = "FILE")]
    pub ids: Option<PathBuf>,
    /// Extraction threads (default: the number of cores).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
}

/// Totals over the whole run.
#[derive(Debug, Default)]
struct Totals {
    read: usize,
    failed: usize,
    store: BatchSummary,
}

impl Totals {
    fn add(&mut self, s: &BatchSummary) {
        let t = &mut self.store;
        t.docs_new += s.docs_new;
        t.docs_unchanged += s.docs_unchanged;
        t.docs_updated += s.docs_updated;
        t.reports_new += s.reports_new;
        t.events_new += s.events_new;
        t.events_merged += s.events_merged;
    }
}

/// The ids listed in `path`, one per line (blank lines and `#` comments ignored).
fn read_ids(path: &Path) -> anyhow::Result<HashSet<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the id list", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// True when `store` already holds `doc` with the same text and metadata (what the
/// store itself compares), so it need not be extracted again.
fn stored_unchanged(store: &Store, doc: &Document) -> Result<bool, StoreError> {
    Ok(store.document(&doc.id)?.is_some_and(|old| {
        old.text == doc.text
            && old.title == doc.title
            && old.url == doc.url
            && old.source == doc.source
            && old.pub_date == doc.pub_date
    }))
}

/// Extracts `docs` on up to `jobs` threads, keeping their order.
fn extract_all(
    extractor: &Extractor,
    docs: Vec<Document>,
    jobs: usize,
    scope: crate::shared::Scope,
) -> Vec<(Document, Vec<Event>)> {
    let events = crate::parallel::map_ordered(&docs, jobs, |d| {
        let mut events = extractor.extract(d).events;
        scope.keep(extractor, &mut events);
        events
    });
    docs.into_iter().zip(events).collect()
}

struct Ingester<'a> {
    store: Store,
    extractor: &'a Extractor,
    jobs: usize,
    scope: crate::shared::Scope,
    pb: ProgressBar,
    totals: Totals,
}

impl Ingester<'_> {
    fn skipped(&mut self, message: &str) {
        self.totals.failed += 1;
        self.pb.suspend(|| eprintln!("rasd: skipped: {message}"));
    }

    /// The documents of `batch` that need extracting: not repeated within the batch
    /// and not already stored unchanged.
    fn needing_extraction(&mut self, batch: &mut Vec<Document>) -> anyhow::Result<Vec<Document>> {
        // Within a batch the first copy of an id wins, as in the store.
        let mut seen = HashSet::new();
        let mut todo = Vec::with_capacity(batch.len());
        for doc in batch.drain(..) {
            if !seen.insert(doc.id.clone()) || stored_unchanged(&self.store, &doc)? {
                self.totals.store.docs_unchanged += 1;
                continue;
            }
            todo.push(doc);
        }
        Ok(todo)
    }

    /// Stores one extracted batch (one transaction).
    fn store(&mut self, work: Vec<(Document, Vec<Event>)>) -> anyhow::Result<()> {
        if work.is_empty() {
            return Ok(());
        }
        match self.store.ingest_batch(&work) {
            Ok(summary) => self.totals.add(&summary),
            Err(StoreError::Invalid { .. }) => {
                // Find the offending documents: store the others one by one.
                for item in work {
                    match self.store.ingest_batch(std::slice::from_ref(&item)) {
                        Ok(summary) => self.totals.add(&summary),
                        Err(err @ StoreError::Invalid { .. }) => {
                            self.skipped(&format!("{}: {err}", item.0.origin))
                        }
                        Err(err) => return Err(err).context("storing documents"),
                    }
                }
            }
            Err(err) => return Err(err).context("storing documents"),
        }
        Ok(())
    }

    /// Sends `batch` to extraction on its own threads and stores the batch extracted
    /// before it meanwhile: extraction and the single-threaded store overlap.
    fn flush<'scope>(
        &mut self,
        scope: &'scope std::thread::Scope<'scope, '_>,
        batch: &mut Vec<Document>,
        pending: &mut Option<Pending<'scope>>,
    ) -> anyhow::Result<()>
    where
        Self: 'scope,
    {
        if batch.is_empty() {
            return Ok(());
        }
        let n = batch.len();
        let todo = self.needing_extraction(batch)?;
        let (extractor, jobs, scoped) = (self.extractor, self.jobs, self.scope);
        let handle = scope.spawn(move || extract_all(extractor, todo, jobs, scoped));
        if let Some(previous) = pending.replace(Pending { handle, n }) {
            self.finish(previous)?;
        }
        Ok(())
    }

    /// Waits for a batch's extraction and stores it.
    fn finish(&mut self, pending: Pending<'_>) -> anyhow::Result<()> {
        let work = pending
            .handle
            .join()
            .map_err(|_| anyhow::anyhow!("an extraction thread panicked"))?;
        self.store(work)?;
        self.pb.inc(pending.n as u64);
        Ok(())
    }
}

/// A batch being extracted on its own thread, and how many documents it was read with.
struct Pending<'scope> {
    handle: std::thread::ScopedJoinHandle<'scope, Vec<(Document, Vec<Event>)>>,
    n: usize,
}

/// Size of the database file and its WAL, in bytes.
fn db_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    [path.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let ids = args.ids.as_deref().map(read_ids).transpose()?;
    // Open (and check) the database before the slower dictionary load.
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the database {}", args.db.display()))?;
    let extractor = crate::shared::extractor(&args.dicts)?;
    store
        .upsert_actors(&crate::shared::actor_rows(&extractor))
        .context("storing the lexicon's actors")?;
    let jobs = args
        .jobs
        .map_or_else(crate::parallel::default_jobs, |j| j as usize);
    let pb = crate::shared::progress_bar(ids.as_ref().map(HashSet::len));
    let mut ing = Ingester {
        store,
        extractor: &extractor,
        jobs,
        scope: args.scope,
        pb,
        totals: Totals::default(),
    };
    let opts = IngestOptions {
        pub_date: args.pub_date,
        max_doc_bytes: args.max_doc_bytes,
    };
    let batch_size = args.batch as usize;
    let mut batch: Vec<Document> = Vec::with_capacity(batch_size);
    let mut seen: HashSet<String> = HashSet::new();
    let mut unreadable = 0usize;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut pending: Option<Pending<'_>> = None;
        for item in read_inputs(&args.paths, &opts) {
            let doc = match item {
                Ok(doc) => doc,
                // With --ids, an unreadable record cannot be matched against the list
                // (its id is unknown): it is counted, and a listed id that was never
                // read is reported as failed at the end.
                Err(_) if ids.is_some() => {
                    unreadable += 1;
                    continue;
                }
                Err(err) => {
                    ing.skipped(&err.to_string());
                    continue;
                }
            };
            if let Some(ids) = &ids {
                if !ids.contains(&doc.id) {
                    continue;
                }
                seen.insert(doc.id.clone());
            }
            ing.totals.read += 1;
            batch.push(doc);
            if batch.len() == batch_size {
                ing.flush(scope, &mut batch, &mut pending)?;
            }
        }
        ing.flush(scope, &mut batch, &mut pending)?;
        if let Some(last) = pending.take() {
            ing.finish(last)?;
        }
        Ok(())
    })?;
    ing.pb.finish_and_clear();
    if let Some(ids) = &ids {
        let mut missing: Vec<&String> = ids.difference(&seen).collect();
        if !missing.is_empty() {
            missing.sort();
            let shown: Vec<&str> = missing.iter().take(5).map(|s| s.as_str()).collect();
            let more = if missing.len() > shown.len() {
                ", …"
            } else {
                ""
            };
            eprintln!(
                "rasd: skipped: {} listed ids not read from the input ({}{more}); {unreadable} records could not be read",
                missing.len(),
                shown.join(", ")
            );
            ing.totals.failed += missing.len();
        } else if unreadable > 0 {
            eprintln!(
                "rasd: {unreadable} unreadable records in the input, none of them a listed id"
            );
        }
    }
    let Ingester { store, totals, .. } = ing;
    let counts = store.counts().context("counting rows")?;
    drop(store);
    let elapsed = start.elapsed().as_secs_f64();
    let t = &totals.store;
    eprintln!(
        "rasd: documents: {} new, {} unchanged, {} updated, {} failed",
        t.docs_new, t.docs_unchanged, t.docs_updated, totals.failed
    );
    eprintln!(
        "rasd: events: {} reports stored, {} new events, {} reports merged into events of other documents",
        t.reports_new, t.events_new, t.events_merged
    );
    eprintln!(
        "rasd: {} articles in {:.1} s ({:.1} articles/s)",
        totals.read,
        elapsed,
        totals.read as f64 / elapsed.max(1e-9),
    );
    eprintln!(
        "rasd: {} now holds {} documents, {} event reports merged into {} events ({:.1} MB)",
        args.db.display(),
        counts.documents,
        counts.event_reports,
        counts.events,
        db_size(&args.db) as f64 / 1e6
    );
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
