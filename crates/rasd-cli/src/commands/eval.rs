//! `rasd eval`: score extraction against a gold file (spec/events.md, Evaluation).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use rasd_eval::{score, DocumentInput, Gold, Part, Report, Split};
use rasd_extract::Extractor;
use rasd_ingest::{read_inputs, IngestOptions};
use rasd_model::{Document, Event};

/// Arguments of `rasd eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd eval --gold ../shared/gold/seeds.json --verbose
  rasd eval --gold ../shared/gold/dev.json --gold ../shared/gold/train.json --part dev
  rasd eval --gold ../shared/gold/train.json --part test     # the frozen test part only

Matching follows spec/events.md: same PLOVER type, every given actor slot on its side
(either order for CONSULT, AGREE, COOPERATE and armed clashes), one-to-one per document,
and the system event must be about the same mention (evidence within 250 characters of
the gold evidence, or in the title). The frozen part is data/eval/frozen.txt: read
misses only with --part dev.")]
pub struct Args {
    /// Gold file (rasd-gold v1 JSON); repeat to score several files together.
    #[arg(long, required = true)]
    pub gold: Vec<PathBuf>,
    /// Which documents to score: all, dev (not frozen; tune on these) or test (frozen).
    #[arg(long, value_enum, default_value_t = PartArg::All)]
    pub part: PartArg,
    /// A file of frozen document ids, one a line (default: data/eval/frozen.txt).
    #[arg(long, value_name = "FILE")]
    pub split: Option<PathBuf>,
    /// Folder that the gold file's `file` and `corpus` paths are relative to
    /// (default: the folder above the gold file's folder).
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// List missed gold events, extra system events and attribute errors.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Extra dictionary files (as for `rasd extract`).
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Score every candidate the rules propose, without the learned keep/drop filter
    /// (data/model/filter.tsv), to see what the filter gains or loses.
    #[arg(long)]
    pub no_filter: bool,
}

/// The part of the gold to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PartArg {
    /// Every document.
    All,
    /// The development part (not frozen).
    Dev,
    /// The frozen test part.
    Test,
}

impl From<PartArg> for Part {
    fn from(p: PartArg) -> Part {
        match p {
            PartArg::All => Part::All,
            PartArg::Dev => Part::Dev,
            PartArg::Test => Part::Test,
        }
    }
}

/// Reads the documents a gold file names, with the gold publication dates.
pub fn load_documents(gold: &Gold, shared: &Path) -> anyhow::Result<BTreeMap<String, Document>> {
    let mut docs = BTreeMap::new();
    let mut wanted_by_corpus: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for g in &gold.documents {
        if let Some(file) = &g.file {
            let path = shared.join(file);
            let mut read = read_inputs(std::slice::from_ref(&path), &IngestOptions::default());
            let doc = read
                .next()
                .with_context(|| format!("{}: no document", path.display()))?
                .with_context(|| format!("reading {}", path.display()))?;
            docs.insert(g.doc_id.clone(), doc);
        } else if let Some(corpus) = &g.corpus {
            wanted_by_corpus
                .entry(corpus.clone())
                .or_default()
                .insert(g.doc_id.clone());
        } else {
            bail!(
                "gold document {} names neither `file` nor `corpus`",
                g.doc_id
            );
        }
    }
    for (corpus, wanted) in wanted_by_corpus {
        let path = shared.join(&corpus);
        if !path.exists() {
            bail!("{}: corpus not found (use --shared)", path.display());
        }
        for item in read_inputs(std::slice::from_ref(&path), &IngestOptions::default()) {
            // Bad lines elsewhere in the corpus do not matter here.
            let Ok(doc) = item else { continue };
            if wanted.contains(&doc.id) {
                docs.insert(doc.id.clone(), doc);
            }
        }
        for id in &wanted {
            if !docs.contains_key(id) {
                bail!("{}: document {id} not found", path.display());
            }
        }
    }
    for g in &gold.documents {
        if let (Some(date), Some(doc)) = (&g.pub_date, docs.get_mut(&g.doc_id)) {
            doc.pub_date = Some(
                crate::shared::parse_date(date)
                    .map_err(anyhow::Error::msg)
                    .with_context(|| format!("gold document {}", g.doc_id))?,
            );
        }
    }
    Ok(docs)
}

/// The gold documents of one file with the events rasd extracts from them.
struct Extracted {
    docs: BTreeMap<String, Document>,
    events: Vec<Vec<Event>>,
}

impl Extracted {
    fn new(extractor: &Extractor, gold: &Gold, shared: &Path) -> anyhow::Result<Extracted> {
        let docs = load_documents(gold, shared)?;
        let events = gold
            .documents
            .iter()
            .map(|g| extractor.extract(&docs[&g.doc_id]).events)
            .collect();
        Ok(Extracted { docs, events })
    }

    /// What the scorer needs of each document of `gold` (the gold these were made from).
    fn inputs<'a>(&'a self, gold: &'a Gold) -> Vec<DocumentInput<'a>> {
        gold.documents
            .iter()
            .zip(&self.events)
            .map(|(g, events)| {
                let doc = &self.docs[&g.doc_id];
                DocumentInput {
                    text: &doc.text,
                    title_chars: doc.title.chars().count(),
                    gold: g,
                    events,
                }
            })
            .collect()
    }
}

/// The JSON form of a report, with the derived figures.
fn report_json(report: &Report) -> serde_json::Value {
    let mut value = serde_json::to_value(report).expect("reports serialize");
    value["precision"] = report.precision().into();
    value["recall"] = report.recall().into();
    value["f1"] = report.f1().into();
    for (ty, c) in &report.by_type {
        let t = &mut value["by_type"][ty];
        t["precision"] = c.precision().into();
        t["recall"] = c.recall().into();
        t["f1"] = c.f1().into();
    }
    value
}

/// The frozen split (a file, or the built-in list) and the folder that gold paths are
/// relative to (given, or the folder above the first gold file's folder).
pub fn split_and_shared(
    split: Option<&Path>,
    shared: Option<&Path>,
    gold: &[PathBuf],
) -> anyhow::Result<(Split, PathBuf)> {
    let split = match split {
        Some(path) => Split::parse(
            &std::fs::read_to_string(path)
                .with_context(|| format!("reading split file {}", path.display()))?,
        ),
        None => Split::builtin(),
    };
    let shared = shared.map(Path::to_path_buf).unwrap_or_else(|| {
        gold.first()
            .and_then(|g| g.parent())
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    Ok((split, shared))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (split, shared) =
        split_and_shared(args.split.as_deref(), args.shared.as_deref(), &args.gold)?;
    let mut extractor = crate::shared::extractor(&args.dicts)?;
    if args.no_filter {
        extractor = extractor.with_filter(None);
    }
    let mut golds = Vec::new();
    for path in &args.gold {
        let mut gold = Gold::load(path)?;
        split.restrict(&mut gold, args.part.into());
        golds.push(gold);
    }
    let extracted: Vec<Extracted> = golds
        .iter()
        .map(|g| Extracted::new(&extractor, g, &shared))
        .collect::<anyhow::Result<_>>()?;
    let inputs: Vec<Vec<DocumentInput<'_>>> = golds
        .iter()
        .zip(&extracted)
        .map(|(g, x)| x.inputs(g))
        .collect();
    let reports: Vec<Report> = inputs.iter().map(|i| score(i)).collect();
    // Several files are also scored as one collection.
    let total = score(&inputs.concat());
    let documents: usize = golds.iter().map(|g| g.documents.len()).sum();
    let required: usize = golds.iter().map(Gold::required).sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut value = report_json(&total);
        value["files"] = args
            .gold
            .iter()
            .zip(&reports)
            .map(|(path, r)| {
                let mut v = report_json(r);
                v["gold"] = path.display().to_string().into();
                v
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let part = match args.part {
        PartArg::All => "",
        PartArg::Dev => " (development part)",
        PartArg::Test => " (frozen test part)",
    };
    for ((path, gold), report) in args.gold.iter().zip(&golds).zip(&reports) {
        writeln!(
            out,
            "{}{part}: {} documents, {} required gold events",
            path.display(),
            gold.documents.len(),
            gold.required()
        )?;
        write!(out, "{report}")?;
        writeln!(out)?;
    }
    if reports.len() > 1 {
        writeln!(
            out,
            "all {} files{part}: {documents} documents, {required} required gold events",
            reports.len(),
        )?;
        write!(out, "{total}")?;
    }
    if args.verbose {
        let sections = [
            ("missed gold events", &total.misses),
            ("extra system events", &total.extras),
            (
                "attribute errors on matched events",
                &total.attribute_errors,
            ),
        ];
        for (title, items) in sections {
            writeln!(out, "\n{title}:")?;
            for m in items {
                writeln!(out, "  {} {}: {}", m.doc_id, m.id, m.detail)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
