//! `rasd extract`: documents in, one record per event out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use rasd_export::{AcledCsvWriter, ExportOptions};
use rasd_ingest::{read_inputs, IngestOptions};
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
  rasd extract article.html --dict my_actors.tsv --dict my_places.csv")]
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
    /// Also print, per document, every actor, place, person, date, number and trigger
    /// found (to stderr), to audit why an event was or was not extracted.
    #[arg(long)]
    pub trace: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = crate::shared::extractor(&args.dicts)?;
    let opts = IngestOptions {
        pub_date: args.pub_date,
        max_doc_bytes: args.max_doc_bytes,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // The CSV header is written even when no event is found. The CSV writer buffers
    // on its own and is the only one writing when the format is CSV.
    let mut csv = match args.format {
        Format::Csv => Some(AcledCsvWriter::new(
            std::io::stdout(),
            &crate::shared::actor_rows(&extractor),
            ExportOptions::default(),
        )?),
        _ => None,
    };
    let mut failed = 0usize;
    let mut documents = 0usize;
    let mut stdout_closed = false;
    let pb = crate::shared::progress_bar(None);
    for item in read_inputs(&args.paths, &opts) {
        pb.inc(1);
        let doc = match item {
            Ok(doc) => doc,
            Err(err) => {
                failed += 1;
                pb.suspend(|| eprintln!("rasd: skipped: {err}"));
                continue;
            }
        };
        documents += 1;
        if args.trace {
            eprintln!("== trace {}\n{}", doc.id, extractor.trace(&doc));
        }
        let extraction = extractor.extract(&doc);
        let written: anyhow::Result<()> = (|| {
            match args.format {
                Format::Jsonl => {
                    for e in &extraction.events {
                        serde_json::to_writer(&mut out, e)?;
                        out.write_all(b"\n")?;
                    }
                }
                Format::Csv => {
                    let w = csv.as_mut().expect("csv writer for --format csv");
                    for e in &extraction.events {
                        w.write(&unstored(&doc, e))?;
                    }
                }
                Format::Table => {
                    writeln!(out, "== {} — {}", doc.id, doc.title)?;
                    super::table::write(&mut out, &extraction.events)?;
                    writeln!(out)?;
                }
            }
            Ok(())
        })();
        if let Err(err) = written {
            if crate::shared::is_broken_pipe(&err) {
                // `rasd extract … | head`: stop quietly, with the exit code the
                // documents read so far deserve.
                stdout_closed = true;
                break;
            }
            return Err(err);
        }
    }
    if !stdout_closed {
        let finished: anyhow::Result<()> = (|| {
            if let Some(w) = csv.take() {
                w.finish()?;
            }
            out.flush()?;
            Ok(())
        })();
        match finished {
            Err(err) if !crate::shared::is_broken_pipe(&err) => return Err(err),
            _ => {}
        }
    }
    pb.finish_and_clear();
    if failed > 0 {
        eprintln!("rasd: {documents} documents read, {failed} failed");
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
