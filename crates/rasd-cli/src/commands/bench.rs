//! `rasd bench`: extraction throughput on one core.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use rasd_ingest::{read_inputs, IngestOptions};

/// Arguments of `rasd bench`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  cargo run --release -- bench ../shared/corpus/saudinewsnet/articles.jsonl.gz")]
pub struct Args {
    /// Corpus to run over (default: the SaudiNewsNet corpus in the shared folder).
    pub corpus: Option<PathBuf>,
    /// Use only the first N articles.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Passes over the corpus (the best one is reported).
    #[arg(long, default_value_t = 1)]
    pub passes: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let corpus = args.corpus.unwrap_or_else(|| {
        crate::shared::shared_dir(None).join("corpus/saudinewsnet/articles.jsonl.gz")
    });
    if !corpus.exists() {
        bail!(
            "{}: corpus not found (pass a path or set RASD_SHARED)",
            corpus.display()
        );
    }
    let load_start = Instant::now();
    let t0 = Instant::now();
    let extractor = crate::shared::extractor(&[])?;
    let load_time = t0.elapsed();
    let mut docs = Vec::new();
    for item in read_inputs(std::slice::from_ref(&corpus), &IngestOptions::default()) {
        if let Ok(doc) = item {
            docs.push(doc);
        }
        if args.limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
    }
    let read_time = load_start.elapsed() - load_time;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "resources loaded in {:.0} ms; {} articles ({:.1} MB) read in {:.2} s",
        load_time.as_secs_f64() * 1000.0,
        docs.len(),
        bytes as f64 / 1e6,
        read_time.as_secs_f64()
    );
    let mut best = f64::INFINITY;
    let mut events = 0usize;
    for _ in 0..args.passes.max(1) {
        let t = Instant::now();
        events = 0;
        for doc in &docs {
            events += extractor.extract(doc).events.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} articles, {:.1} MB, {} events in {:.2} s on one core: {:.0} articles/s, {:.2} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        events,
        best,
        docs.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    Ok(ExitCode::SUCCESS)
}
