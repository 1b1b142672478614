//! `rasd eval`: score extraction against a gold file (spec/events.md, Evaluation).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use rasd_eval::{score, DocumentInput, Gold, Report};
use rasd_extract::Extractor;
use rasd_ingest::{read_inputs, IngestOptions};
use rasd_model::{Document, Event};

/// Arguments of `rasd eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  rasd eval --gold ../shared/gold/seeds.json --verbose")]
pub struct Args {
    /// Gold file (rasd-gold v1 JSON).
    #[arg(long)]
    pub gold: PathBuf,
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

/// Extracts every gold document and scores the result.
pub fn evaluate(extractor: &Extractor, gold: &Gold, shared: &Path) -> anyhow::Result<Report> {
    let docs = load_documents(gold, shared)?;
    let extracted: Vec<(String, Vec<Event>)> = gold
        .documents
        .iter()
        .map(|g| {
            let doc = &docs[&g.doc_id];
            (g.doc_id.clone(), extractor.extract(doc).events)
        })
        .collect();
    let inputs: Vec<DocumentInput<'_>> = gold
        .documents
        .iter()
        .zip(&extracted)
        .map(|(g, (_, events))| DocumentInput {
            text: &docs[&g.doc_id].text,
            gold: g,
            events,
        })
        .collect();
    Ok(score(&inputs))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = Gold::load(&args.gold)?;
    let shared = args.shared.clone().unwrap_or_else(|| {
        args.gold
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let extractor = crate::shared::extractor(&args.dicts)?;
    let report = evaluate(&extractor, &gold, &shared)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut value = serde_json::to_value(&report)?;
        value["precision"] = report.precision().into();
        value["recall"] = report.recall().into();
        value["f1"] = report.f1().into();
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}: {} documents, {} required gold events",
        args.gold.display(),
        gold.documents.len(),
        gold.required()
    )?;
    write!(out, "{report}")?;
    if args.verbose {
        let sections = [
            ("missed gold events", &report.misses),
            ("extra system events", &report.extras),
            (
                "attribute errors on matched events",
                &report.attribute_errors,
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
