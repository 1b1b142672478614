//! `rasd train-filter`: learn the keep/drop filter's weights from the gold files.
//!
//! Only the development part of the gold is used (the frozen test part stays unseen).
//! The regularization and the threshold are chosen by k-fold cross-validation over
//! documents; the figures printed are the held-out ones.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rasd_eval::{label, DocumentInput, Gold, Label, Part, Split};
use rasd_extract::{train_filter, FilterModel, Sample, FEATURES};

/// Arguments of `rasd train-filter`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  rasd train-filter --gold ../shared/gold/seeds.json --gold ../shared/gold/dev.json \\
      --gold ../shared/gold/train.json --out data/model/filter.tsv

Every candidate event the rules propose (before the filter) is labelled by the scorer of
`rasd eval`: a match of a required gold event is positive, a spurious event negative,
one that stands for an optional gold event is left out. A logistic model over the
candidates' features (see `rasd_extract::FEATURES`) is fitted; the penalty and the
threshold are those with the best F1 over held-out folds of documents. Documents of the
frozen test part (data/eval/frozen.txt or --split) are never read.")]
pub struct Args {
    /// Gold file (rasd-gold v1 JSON); repeat for several.
    #[arg(long, required = true)]
    pub gold: Vec<PathBuf>,
    /// Where to write the model (TSV). Without it the figures are only printed.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Number of folds for cross-validation.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..=20))]
    pub folds: u32,
    /// A file of frozen document ids, one a line (default: data/eval/frozen.txt).
    #[arg(long, value_name = "FILE")]
    pub split: Option<PathBuf>,
    /// Folder that the gold files' paths are relative to (default: the folder above the
    /// first gold file's folder).
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// Extra dictionary files (as for `rasd extract`).
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Also print held-out P/R/F1 at every threshold of every penalty.
    #[arg(long)]
    pub curve: bool,
    /// Take the lowest threshold whose held-out F1 is within this much of the best
    /// (prefers recall among models the held-out figures cannot tell apart).
    #[arg(long, default_value_t = 0.02)]
    pub tolerance: f64,
}

/// The labelled candidates of one gold document.
struct DocSamples {
    candidates: Vec<(Vec<f64>, Label)>,
    required: usize,
}

/// Precision, recall and F1 of keeping the candidates whose score passes `threshold`.
fn figures(docs: &[DocSamples], scores: &[Vec<f64>], threshold: f64) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut required) = (0usize, 0usize, 0usize);
    for (doc, doc_scores) in docs.iter().zip(scores) {
        required += doc.required;
        for ((_, l), s) in doc.candidates.iter().zip(doc_scores) {
            if *s >= threshold {
                match l {
                    Label::Required => tp += 1,
                    Label::Spurious => fp += 1,
                    Label::Optional => {}
                }
            }
        }
    }
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if required == 0 {
        0.0
    } else {
        tp as f64 / required as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn samples_of<'a>(docs: impl Iterator<Item = &'a DocSamples>) -> Vec<Sample> {
    docs.flat_map(|d| &d.candidates)
        .filter(|(_, l)| *l != Label::Optional)
        .map(|(f, l)| Sample {
            features: f.clone(),
            positive: *l == Label::Required,
        })
        .collect()
}

/// Held-out (threshold, (P, R, F1)) at each threshold.
type Curve = Vec<(f64, (f64, f64, f64))>;

const PENALTIES: [f64; 6] = [0.3, 1.0, 3.0, 10.0, 30.0, 100.0];

fn thresholds() -> impl Iterator<Item = f64> {
    (1..20).map(|i| f64::from(i) * 0.05)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let split = match &args.split {
        Some(path) => Split::parse(
            &std::fs::read_to_string(path)
                .with_context(|| format!("reading split file {}", path.display()))?,
        ),
        None => Split::builtin(),
    };
    let shared = args.shared.clone().unwrap_or_else(|| {
        args.gold[0]
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let extractor = crate::shared::extractor(&args.dicts)?.with_filter(None);
    let mut docs: Vec<(String, DocSamples)> = Vec::new();
    for path in &args.gold {
        let mut gold = Gold::load(path)?;
        split.restrict(&mut gold, Part::Dev);
        let texts = super::eval::load_documents(&gold, &shared)?;
        for g in &gold.documents {
            let doc = &texts[&g.doc_id];
            let (events, features): (Vec<_>, Vec<_>) =
                extractor.candidates(doc).into_iter().unzip();
            let labels = label(&DocumentInput {
                text: &doc.text,
                title_chars: doc.title.chars().count(),
                gold: g,
                events: &events,
            });
            docs.push((
                format!("{}:{}", path.display(), g.doc_id),
                DocSamples {
                    candidates: features.into_iter().zip(labels).collect(),
                    required: g.events.iter().filter(|e| !e.optional).count(),
                },
            ));
        }
    }
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    let docs: Vec<DocSamples> = docs.into_iter().map(|(_, d)| d).collect();
    let k = args.folds as usize;
    if docs.len() < k {
        anyhow::bail!(
            "{} development documents are too few for {k} folds",
            docs.len()
        );
    }
    let candidates: usize = docs.iter().map(|d| d.candidates.len()).sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} development documents, {candidates} candidates, {} features, {k} folds",
        docs.len(),
        FEATURES.len()
    )?;
    let keep_all: Vec<Vec<f64>> = docs.iter().map(|d| vec![1.0; d.candidates.len()]).collect();
    let (p0, r0, f0) = figures(&docs, &keep_all, 0.5);
    writeln!(out, "no filter:        P {p0:.3}  R {r0:.3}  F1 {f0:.3}")?;

    // Held-out scores for each penalty: fold i holds documents i, i+k, i+2k, ...
    let mut best = (f0, 0.0, PENALTIES[0], p0, r0);
    let mut curves: Vec<(f64, Curve)> = Vec::new();
    for l2 in PENALTIES {
        let mut scores: Vec<Vec<f64>> = vec![Vec::new(); docs.len()];
        for fold in 0..k {
            let train_docs = docs
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, d)| d);
            let model = FilterModel {
                weights: train_filter(&samples_of(train_docs), l2),
                threshold: 0.0,
            };
            for (i, d) in docs.iter().enumerate().filter(|(i, _)| i % k == fold) {
                scores[i] = d.candidates.iter().map(|(f, _)| model.score(f)).collect();
            }
        }
        for t in thresholds() {
            let (p, r, f) = figures(&docs, &scores, t);
            if args.curve {
                writeln!(
                    out,
                    "  penalty {l2}, threshold {t:.2}: P {p:.3}  R {r:.3}  F1 {f:.3}"
                )?;
            }
            if f > best.0 + 1e-9 {
                best = (f, t, l2, p, r);
            }
        }
        let curve: Curve = thresholds()
            .map(|t| (t, figures(&docs, &scores, t)))
            .collect();
        let (bt, (bp, br, bf)) = *curve
            .iter()
            .max_by(|a, b| a.1 .2.total_cmp(&b.1 .2))
            .expect("thresholds are not empty");
        curves.push((l2, curve));
        writeln!(
            out,
            "penalty {l2:>5}: best held-out threshold {bt:.2}  P {bp:.3}  R {br:.3}  F1 {bf:.3}"
        )?;
    }
    // Among the chosen penalty's thresholds whose held-out F1 is within `args.tolerance` of
    // the best, the lowest: differences that small are noise at this sample size, and a
    // lower threshold keeps more of the text that the development articles under-represent
    // (scores are calibrated on 2015 agency reports).
    let (best_f, _, l2, _, _) = best;
    let (t, (p, r, f)) = curves
        .iter()
        .find(|(pen, _)| *pen == l2)
        .and_then(|(_, curve)| {
            curve
                .iter()
                .find(|(_, (_, _, f))| *f >= best_f - args.tolerance)
                .copied()
        })
        .unwrap_or((best.1, (best.3, best.4, best.0)));
    writeln!(
        out,
        "chosen: penalty {l2}, threshold {t:.2}: held-out P {p:.3}  R {r:.3}  F1 {f:.3} (no filter {f0:.3})"
    )?;
    let model = FilterModel {
        weights: train_filter(&samples_of(docs.iter()), l2),
        threshold: t,
    };
    if let Some(path) = &args.out {
        let files: Vec<String> = args
            .gold
            .iter()
            .map(|g| {
                g.file_name()
                    .map_or_else(|| g.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        let header = format!(
            "The learned keep/drop filter of rasd-extract (see crates/rasd-extract/src/filter.rs).\n\
             Written by `rasd train-filter` from the development part of {} \
             ({} documents, {candidates} candidates).\n\
             Penalty {l2}; {k}-fold held-out: P {p:.3} R {r:.3} F1 {f:.3} (no filter: F1 {f0:.3}).",
            files.join(", "),
            docs.len(),
        );
        std::fs::write(path, model.to_tsv(&header))
            .with_context(|| format!("writing {}", path.display()))?;
        writeln!(out, "model written to {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
