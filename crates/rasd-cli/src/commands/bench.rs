//! `rasd bench`: extraction throughput on one core, optionally against pyarabic's
//! normalization and tokenization of the same articles in the same run.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{bail, Context};
use rasd_ingest::{read_inputs, IngestOptions};
use serde_json::json;

/// Arguments of `rasd bench`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo run --release -- bench ../shared/corpus/saudinewsnet/articles.jsonl.gz
  rasd bench --compare-pyarabic --limit 5000
  rasd bench --compare-pyarabic --json

With --compare-pyarabic, rasd and the Python peer (shared/bench/pyarabic_peer.py:
pyarabic normalizing and tokenizing the same articles) run one after the other on core
0 (taskset -c 0), over the same articles: with --limit N, the first N lines of the
corpus are written to a temporary .jsonl.gz that both read. Both time their work over
documents already decoded in memory. Quote the ratio, not the absolute figures.")]
pub struct Args {
    /// Corpus to run over (default: the SaudiNewsNet corpus in the shared folder).
    pub corpus: Option<PathBuf>,
    /// Use only the first N articles (N lines of a JSONL corpus with --compare-pyarabic).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Passes over the corpus (the best one is reported for rasd).
    #[arg(long, default_value_t = 1)]
    pub passes: usize,
    /// Also run the pyarabic peer over the same articles and print the ratio.
    #[arg(long)]
    pub compare_pyarabic: bool,
    /// The shared data folder (default: $RASD_SHARED, else ../shared).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// The Python interpreter for the peer.
    #[arg(long, default_value = "python3", value_name = "PROGRAM")]
    pub python: String,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// What one side of the comparison measured.
#[derive(Debug, Clone, Copy)]
struct Side {
    articles: usize,
    seconds: f64,
    per_s: f64,
}

/// The pyarabic side: measured, or why not.
enum Peer {
    Measured(Side),
    Unavailable(String),
}

/// Pins this process (all its threads) to core 0 with `taskset`; children inherit it.
/// Returns a note when that is not possible.
fn pin_to_core_0() -> Result<(), String> {
    let pid = std::process::id().to_string();
    match Command::new("taskset")
        .args(["-a", "-p", "-c", "0", &pid])
        .output()
    {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "taskset failed ({}): not pinned to one core",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(_) => Err("taskset not available: not pinned to one core".to_string()),
    }
}

/// The corpus both sides read: the corpus itself, or its first `limit` lines written
/// to a temporary .jsonl.gz (kept alive by the returned guard).
fn peer_corpus(
    corpus: &Path,
    limit: Option<usize>,
) -> anyhow::Result<(PathBuf, Option<tempfile::TempDir>)> {
    let name = corpus.to_string_lossy().to_ascii_lowercase();
    let gz = name.ends_with(".jsonl.gz");
    if !gz && !name.ends_with(".jsonl") {
        bail!(
            "{}: --compare-pyarabic needs a .jsonl or .jsonl.gz corpus (the peer reads title and content fields)",
            corpus.display()
        );
    }
    if gz && limit.is_none() {
        return Ok((corpus.to_path_buf(), None));
    }
    let file = std::fs::File::open(corpus)
        .with_context(|| format!("{}: cannot open the corpus", corpus.display()))?;
    let reader: Box<dyn std::io::Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let path = dir.path().join("corpus.jsonl.gz");
    let out = std::fs::File::create(&path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    let mut enc =
        flate2::write::GzEncoder::new(std::io::BufWriter::new(out), flate2::Compression::fast());
    let mut taken = 0usize;
    for line in BufReader::new(reader).lines() {
        if limit.is_some_and(|n| taken >= n) {
            break;
        }
        let line = line.with_context(|| format!("{}: cannot read", corpus.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        enc.write_all(line.as_bytes())?;
        enc.write_all(b"\n")?;
        taken += 1;
    }
    enc.finish()?.flush()?;
    Ok((path, Some(dir)))
}

/// Runs the pyarabic peer over `corpus` and reads its articles/s.
fn run_peer(python: &str, script: &Path, corpus: &Path) -> anyhow::Result<Peer> {
    if !script.is_file() {
        return Ok(Peer::Unavailable(format!(
            "{}: peer script not found (pass --shared or set RASD_SHARED)",
            script.display()
        )));
    }
    let has_pyarabic = Command::new(python)
        .args(["-c", "import pyarabic.araby"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pyarabic {
        return Ok(Peer::Unavailable(format!(
            "pyarabic is not installed for `{python}`: run `pip install pyarabic` (or pass --python)"
        )));
    }
    let out = Command::new(python)
        .arg(script)
        .arg(corpus)
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "the pyarabic peer failed ({}):\n{}{}",
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    parse_peer(&stdout)
        .map(Peer::Measured)
        .with_context(|| format!("unexpected output of the pyarabic peer: {stdout}"))
}

/// Reads `pyarabic: N articles, T tokens in S.Ss = R articles/s, …`.
fn parse_peer(stdout: &str) -> anyhow::Result<Side> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("pyarabic:"))
        .context("no `pyarabic:` line")?;
    let number_before = |marker: &str| -> anyhow::Result<f64> {
        let head = &line[..line.find(marker).context("marker not found")?];
        let word = head.split_whitespace().last().context("no number")?;
        word.parse::<f64>()
            .with_context(|| format!("`{word}` is not a number"))
    };
    let articles = number_before(" articles,")? as usize;
    let per_s = number_before(" articles/s")?;
    if per_s <= 0.0 {
        bail!("no positive rate");
    }
    Ok(Side {
        articles,
        seconds: articles as f64 / per_s,
        per_s,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let shared = crate::shared::shared_dir(args.shared.clone());
    let corpus = args
        .corpus
        .clone()
        .unwrap_or_else(|| shared.join("corpus/saudinewsnet/articles.jsonl.gz"));
    if !corpus.exists() {
        bail!(
            "{}: corpus not found (pass a path or set RASD_SHARED)",
            corpus.display()
        );
    }
    let pinned = if args.compare_pyarabic {
        pin_to_core_0()
    } else {
        Err("not pinned (single-threaded; --compare-pyarabic pins to core 0)".to_string())
    };
    if let Err(note) = &pinned {
        if args.compare_pyarabic {
            eprintln!("rasd: {note}");
        }
    }
    // Both sides read the same file; without --compare-pyarabic, --limit counts the
    // documents read.
    let (input, _tmp, limit) = if args.compare_pyarabic {
        let (p, tmp) = peer_corpus(&corpus, args.limit)?;
        (p, tmp, None)
    } else {
        (corpus.clone(), None, args.limit)
    };

    let t0 = Instant::now();
    let extractor = crate::shared::extractor(&[])?;
    let load_time = t0.elapsed();
    let t1 = Instant::now();
    let mut docs = Vec::new();
    let mut unreadable = 0usize;
    for item in read_inputs(std::slice::from_ref(&input), &IngestOptions::default()) {
        match item {
            Ok(doc) => docs.push(doc),
            Err(_) => unreadable += 1,
        }
        if limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
    }
    let read_time = t1.elapsed();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "rasd: resources loaded in {:.0} ms; {} articles ({:.1} MB) read in {:.2} s{}",
        load_time.as_secs_f64() * 1000.0,
        docs.len(),
        bytes as f64 / 1e6,
        read_time.as_secs_f64(),
        if unreadable > 0 {
            format!(", {unreadable} unreadable")
        } else {
            String::new()
        }
    );
    if docs.is_empty() {
        bail!("{}: no article could be read", corpus.display());
    }
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
    let best = best.max(1e-9);
    let rasd = Side {
        articles: docs.len(),
        seconds: best,
        per_s: docs.len() as f64 / best,
    };
    drop(docs);

    let peer = if args.compare_pyarabic {
        let script = shared.join("bench/pyarabic_peer.py");
        Some(run_peer(&args.python, &script, &input)?)
    } else {
        None
    };
    let measured = match &peer {
        Some(Peer::Measured(side)) => Some(*side),
        _ => None,
    };
    let ratio = measured.map(|p| rasd.per_s / p.per_s);
    let core = if pinned.is_ok() { Some(0) } else { None };

    if args.json {
        let side = |s: &Side| json!({"articles": s.articles, "seconds": s.seconds, "articles_per_s": s.per_s});
        let report = json!({
            "corpus": corpus.display().to_string(),
            "core": core,
            "rasd": {
                "articles": rasd.articles,
                "seconds": rasd.seconds,
                "articles_per_s": rasd.per_s,
                "mb_per_s": bytes as f64 / 1e6 / rasd.seconds,
                "events": events,
                "passes": args.passes.max(1),
            },
            "pyarabic": match &peer {
                Some(Peer::Measured(p)) => side(p),
                Some(Peer::Unavailable(why)) => json!({"skipped": why}),
                None => serde_json::Value::Null,
            },
            "ratio": ratio,
        });
        println!("{report}");
    } else {
        let place = match core {
            Some(c) => format!("on core {c} (taskset -c {c})"),
            None => "on one thread (not pinned)".to_string(),
        };
        println!("{}, {place}", corpus.display());
        println!(
            "{:<10} {:>9} {:>10} {:>12}",
            "", "articles", "seconds", "articles/s"
        );
        println!(
            "{:<10} {:>9} {:>10.3} {:>12.0}   ({events} events, {:.2} MB/s)",
            "rasd",
            rasd.articles,
            rasd.seconds,
            rasd.per_s,
            bytes as f64 / 1e6 / rasd.seconds
        );
        match &peer {
            Some(Peer::Measured(p)) => println!(
                "{:<10} {:>9} {:>10.3} {:>12.0}",
                "pyarabic", p.articles, p.seconds, p.per_s
            ),
            Some(Peer::Unavailable(why)) => println!("{:<10} skipped: {why}", "pyarabic"),
            None => {}
        }
        if let Some(r) = ratio {
            println!(
                "{:<10} {:>34.2}   (rasd articles/s ÷ pyarabic articles/s)",
                "ratio", r
            );
        }
    }
    if let Some(p) = measured {
        if p.articles != rasd.articles {
            eprintln!(
                "rasd: warning: rasd read {} articles, pyarabic {}",
                rasd.articles, p.articles
            );
        }
    }
    if let Some(Peer::Unavailable(why)) = &peer {
        eprintln!("rasd: pyarabic side skipped: {why}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_peer_line() {
        let side = parse_peer(
            "pyarabic: 50 articles, 12000 tokens in 0.0s = 1352 articles/s, 324k tokens/s\n",
        )
        .unwrap();
        assert_eq!(side.articles, 50);
        assert_eq!(side.per_s, 1352.0);
        assert!((side.seconds - 50.0 / 1352.0).abs() < 1e-9);
        assert!(parse_peer("pyarabic: 0 articles, 0 tokens in 0.0s = 0 articles/s").is_err());
        assert!(parse_peer("nothing").is_err());
    }
}
