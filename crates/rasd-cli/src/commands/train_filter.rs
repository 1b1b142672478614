//! `rasd train-filter`: learn the keep/drop filter's weights from the gold files.
//!
//! Only the development part of the gold is used (the frozen test part stays unseen).
//! The regularization and the threshold are chosen by k-fold cross-validation over
//! documents; the figures printed are the held-out ones.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rasd_eval::{label, DocumentInput, Gold, Label, Part};
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
    /// The penalty and threshold maximize the held-out F-beta: recall weighs beta times
    /// as much as precision. The default 2 favours recall: candidates the filter drops
    /// are lost for good, and on articles unlike the gold the filter's scores run low.
    #[arg(long, default_value_t = 2.0)]
    pub beta: f64,
    /// How many times the documents are shuffled into folds; held-out figures are pooled
    /// over all of them.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub repeats: u32,
}

/// The labelled candidates of one gold document.
struct DocSamples {
    candidates: Vec<(Vec<f64>, Label)>,
    required: usize,
}

/// Precision, recall and F1 from true and false positives and the required gold events.
fn f_beta(p: f64, r: f64, beta: f64) -> f64 {
    let b2 = beta * beta;
    if p + r == 0.0 {
        0.0
    } else {
        (1.0 + b2) * p * r / (b2 * p + r)
    }
}

fn prf(tp: usize, fp: usize, required: usize) -> (f64, f64, f64) {
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

/// Pooled precision, recall and F1 over several held-out runs (each a score per
/// candidate of every document).
fn pooled(docs: &[DocSamples], runs: &[Vec<Vec<f64>>], threshold: f64) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut required) = (0usize, 0usize, 0usize);
    for scores in runs {
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
    }
    prf(tp, fp, required)
}

/// The fold of each of `n` documents in repeat `rep`: repeat 0 deals them in order
/// (document i to fold i mod k); later repeats deal a fixed pseudo-random shuffle.
fn fold_assignment(n: usize, k: usize, rep: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if rep > 0 {
        // Fisher-Yates with a small linear congruential generator: deterministic.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15 ^ u64::from(rep);
        for i in (1..n).rev() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = ((state >> 33) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
    }
    let mut fold = vec![0; n];
    for (pos, &doc) in order.iter().enumerate() {
        fold[doc] = pos % k;
    }
    fold
}

const PENALTIES: [f64; 6] = [0.3, 1.0, 3.0, 10.0, 30.0, 100.0];

fn thresholds() -> impl Iterator<Item = f64> {
    (1..20).map(|i| f64::from(i) * 0.05)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (split, shared) =
        super::eval::split_and_shared(args.split.as_deref(), args.shared.as_deref(), &args.gold)?;
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
    let (p0, r0, f0) = pooled(&docs, std::slice::from_ref(&keep_all), 0.5);
    writeln!(out, "no filter:        P {p0:.3}  R {r0:.3}  F1 {f0:.3}")?;

    // Held-out scores for each penalty, pooled over `repeats` assignments of the
    // documents to folds (a fixed shuffle per repeat): one split alone is too noisy to
    // choose a threshold by.
    let mut best = (f0, 0.0, PENALTIES[0], p0, r0);
    for l2 in PENALTIES {
        let mut runs: Vec<Vec<Vec<f64>>> = Vec::new();
        for rep in 0..args.repeats {
            let fold_of = fold_assignment(docs.len(), k, rep);
            let mut scores: Vec<Vec<f64>> = vec![Vec::new(); docs.len()];
            for fold in 0..k {
                let train_docs = docs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| fold_of[*i] != fold)
                    .map(|(_, d)| d);
                let model = FilterModel {
                    weights: train_filter(&samples_of(train_docs), l2),
                    threshold: 0.0,
                };
                for (i, d) in docs.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
                    scores[i] = d.candidates.iter().map(|(f, _)| model.score(f)).collect();
                }
            }
            runs.push(scores);
        }
        let mut best_here = (0.0, 0.0, 0.0, 0.0);
        for t in thresholds() {
            let (p, r, f) = pooled(&docs, &runs, t);
            let fb = f_beta(p, r, args.beta);
            if args.curve {
                writeln!(
                    out,
                    "  penalty {l2}, threshold {t:.2}: P {p:.3}  R {r:.3}  F1 {f:.3}"
                )?;
            }
            if fb > f_beta(best_here.1, best_here.2, args.beta) + 1e-9 {
                best_here = (t, p, r, f);
            }
            if fb > f_beta(best.3, best.4, args.beta) + 1e-9 {
                best = (f, t, l2, p, r);
            }
        }
        let (bt, bp, br, bf) = best_here;
        writeln!(
            out,
            "penalty {l2:>5}: best held-out threshold {bt:.2}  P {bp:.3}  R {br:.3}  F1 {bf:.3}  F{} {:.3}",
            args.beta,
            f_beta(bp, br, args.beta)
        )?;
    }
    let (f, t, l2, p, r) = best;
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
