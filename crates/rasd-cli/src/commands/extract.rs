//! `rasd extract`: documents in, one record per event out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use rasd_export::{AcledCsvWriter, ExportOptions};
use rasd_extract::Extractor;

use crate::shared::Scope;
use rasd_ingest::{read_inputs, IngestError, IngestOptions};
use rasd_model::{Document, Event};
use rasd_store::{SourceReport, StoredEvent};

/// Output formats of `rasd extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON event record per line (spec/events.md).
    Jsonl,
    /// ACLED's 31 columns, in ACLED's order and spelling.
    Csv,
    /// A readable terminal view.
    Table,
}

/// Arguments of `rasd extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd extract article.txt --pub-date 2023-11-23 --format table
  rasd extract news/ --format jsonl > events.jsonl
  zcat feed.jsonl.gz | rasd extract - --format csv > events.csv
  rasd extract article.html --dict my_actors.tsv --dict my_places.csv
  rasd extract news/ --scope yemen    # only events in Yemen or with a Yemeni actor")]
pub struct Args {
    /// Files or directories (.txt, .html, .htm, .jsonl, .jsonl.gz); `-` reads stdin.
    #[arg(default_value = "-")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Publication date of every document (overrides dates found in the input).
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<NaiveDate>,
    /// Largest document read, in bytes (suffixes K, M, G): a .txt or .html file, stdin
    /// read as one article, or one JSONL line after decompression. A larger document is
    /// reported and skipped (exit code 1); the others are processed.
    #[arg(long, value_parser = crate::shared::parse_size, value_name = "BYTES", default_value = "5M")]
    pub max_doc_bytes: u64,
    /// Extra dictionary file: actors (.tsv, like data/actors.tsv) or places (.csv, like
    /// data/places.csv). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Keep every candidate event the rules propose: skip the learned keep/drop filter
    /// (data/model/filter.tsv) that drops candidates unlikely to be reported events.
    #[arg(long)]
    pub no_filter: bool,
    /// Which events to keep: `all` (default) codes events in any country and at sea;
    /// `yemen` keeps only events located in Yemen or with a Yemeni actor
    /// (data/yemeni_actors.txt: houthis, government forces, STC, AQAP … and their units).
    #[arg(long, value_enum, default_value_t = crate::shared::Scope::All)]
    pub scope: crate::shared::Scope,
    /// Also print, per document, every actor, place, person, date, number and trigger
    /// found (to stderr), to audit why an event was or was not extracted.
    #[arg(long)]
    pub trace: bool,
    /// Extraction threads (default: the number of cores). The output is the same, byte
    /// for byte, for any number: documents are read in batches of 256, extracted in
    /// parallel and written in input order.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
}

/// What was found in one input item: nothing for a document that could not be read.
#[derive(Default)]
struct Found {
    /// The `--trace` text.
    trace: Option<String>,
    events: Vec<Event>,
}

type Item = Result<Document, IngestError>;

fn find(extractor: &Extractor, item: &Item, trace: bool, scope: Scope) -> Found {
    match item {
        Err(_) => Found::default(),
        Ok(doc) => {
            let mut events = extractor.extract(doc).events;
            scope.keep(extractor, &mut events);
            Found {
                trace: trace.then(|| extractor.trace(doc)),
                events,
            }
        }
    }
}

/// Where the outcomes go, in input order.
struct Sink<'a, W: Write> {
    format: Format,
    out: BufWriter<W>,
    csv: Option<AcledCsvWriter<std::io::Stdout>>,
    pb: &'a indicatif::ProgressBar,
    failed: usize,
    documents: usize,
}

impl<W: Write> Sink<'_, W> {
    fn write(&mut self, item: Item, found: Found) -> anyhow::Result<()> {
        self.pb.inc(1);
        let doc = match item {
            Err(err) => {
                self.failed += 1;
                self.pb.suspend(|| eprintln!("rasd: skipped: {err}"));
                return Ok(());
            }
            Ok(doc) => doc,
        };
        let Found { trace, events } = found;
        self.documents += 1;
        if let Some(trace) = trace {
            eprintln!("== trace {}\n{}", doc.id, trace);
        }
        let out = &mut self.out;
        match self.format {
            Format::Jsonl => {
                for e in &events {
                    serde_json::to_writer(&mut *out, e)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Csv => {
                let w = self.csv.as_mut().expect("csv writer for --format csv");
                for e in &events {
                    w.write(&unstored(&doc, e))?;
                }
            }
            Format::Table => {
                writeln!(out, "== {} — {}", doc.id, doc.title)?;
                super::table::write(&mut *out, &events)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }

    /// Writes the outcomes in order; `Ok(false)` when stdout was closed (`rasd extract
    /// … | head`): the caller stops quietly, with the exit code the documents read so
    /// far deserve.
    fn write_all(&mut self, done: impl IntoIterator<Item = (Item, Found)>) -> anyhow::Result<bool> {
        for (item, found) in done {
            match self.write(item, found) {
                Ok(()) => {}
                Err(err) if crate::shared::is_broken_pipe(&err) => return Ok(false),
                Err(err) => return Err(err),
            }
        }
        Ok(true)
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut extractor = crate::shared::extractor(&args.dicts)?;
    if args.no_filter {
        extractor = extractor.with_filter(None);
    }
    let opts = IngestOptions {
        pub_date: args.pub_date,
        max_doc_bytes: args.max_doc_bytes,
    };
    let jobs = args
        .jobs
        .map_or_else(crate::parallel::default_jobs, |j| j as usize);
    let stdout = std::io::stdout();
    let pb = crate::shared::progress_bar(None);
    // The CSV header is written even when no event is found. The CSV writer buffers
    // on its own and is the only one writing when the format is CSV.
    let mut sink = Sink {
        format: args.format,
        out: BufWriter::new(stdout.lock()),
        csv: match args.format {
            Format::Csv => Some(AcledCsvWriter::new(
                std::io::stdout(),
                &crate::shared::actor_rows(&extractor),
                ExportOptions::default(),
            )?),
            _ => None,
        },
        pb: &pb,
        failed: 0,
        documents: 0,
    };
    let inputs = read_inputs(&args.paths, &opts);
    let trace = args.trace;
    let scope = args.scope;
    let open = if jobs == 1 {
        sink.write_all(inputs.map(|item| {
            let found = find(&extractor, &item, trace, scope);
            (item, found)
        }))?
    } else {
        // A reader thread fills bounded batches; each batch is extracted on `jobs`
        // threads and written in input order before the next one is taken.
        std::thread::scope(|s| -> anyhow::Result<bool> {
            let rx = crate::parallel::batches(s, inputs, crate::parallel::EXTRACT_BATCH);
            for batch in rx {
                let found = crate::parallel::map_ordered(&batch, jobs, |item| {
                    find(&extractor, item, trace, scope)
                });
                if !sink.write_all(batch.into_iter().zip(found))? {
                    // Dropping the receiver stops the reader thread.
                    return Ok(false);
                }
            }
            Ok(true)
        })?
    };
    if open {
        let finished: anyhow::Result<()> = (|| {
            if let Some(w) = sink.csv.take() {
                w.finish()?;
            }
            sink.out.flush()?;
            Ok(())
        })();
        match finished {
            Err(err) if !crate::shared::is_broken_pipe(&err) => return Err(err),
            _ => {}
        }
    }
    pb.finish_and_clear();
    if sink.failed > 0 {
        eprintln!(
            "rasd: {} documents read, {} failed",
            sink.documents, sink.failed
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
/// Unix time of midnight UTC of `day`.
fn unix_midnight(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp()
}

/// An extracted event as the store would hold it if its document were the only one
/// reporting it: one source report, the ACLED number the store would first try for
/// its id, the timestamp of the publication date (else of the event's last day).
fn unstored(doc: &Document, e: &Event) -> StoredEvent {
    let hex = rasd_model::stable_hash_hex(&["cnty", &e.event_id, "0"], 8);
    let n = u64::from_str_radix(&hex, 16).expect("hex digits") % 900_000_000 + 100_000_000;
    let day = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let last_day = day(&e.date.start).max(day(&e.date.end));
    StoredEvent {
        id: e.event_id.clone(),
        event_id_cnty: format!("YEM{n}"),
        event: e.clone(),
        sources: vec![SourceReport {
            event_id: e.event_id.clone(),
            doc_id: doc.id.clone(),
            outlet: doc.source.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            pub_date: doc.pub_date,
            evidence: e.evidence.clone(),
            fatalities: e.fatalities,
            injured: e.injured,
            detained: e.detained,
            released: e.released,
        }],
        corroboration: u32::from(doc.source.is_some()),
        timestamp: doc.pub_date.or(last_day).map_or(0, unix_midnight),
    }
}
