//! `rasd demo`: the main job on a built-in example article.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use rasd_model::Document;

const ARTICLE: &str = include_str!("../../../../data/demo/article.txt");
const PUB_DATE: &str = include_str!("../../../../data/demo/pub_date.txt");

/// Arguments of `rasd demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSONL records instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// The built-in example as a document.
pub fn document() -> anyhow::Result<Document> {
    let (title, body) = ARTICLE.split_once('\n').unwrap_or((ARTICLE, ""));
    let mut doc = Document::new("demo", title.trim(), body.trim_start());
    doc.pub_date = Some(crate::shared::parse_date(PUB_DATE.trim()).map_err(anyhow::Error::msg)?);
    doc.origin = "<built-in demo article>".into();
    Ok(doc)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = crate::shared::extractor(&[])?;
    let doc = document()?;
    let out = extractor.extract(&doc);
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    if args.json {
        for e in &out.events {
            serde_json::to_writer(&mut w, e)?;
            writeln!(w)?;
        }
    } else {
        writeln!(w, "{}\n(published {})\n", doc.title, PUB_DATE.trim())?;
        super::table::write(&mut w, &out.events).context("writing the table")?;
        writeln!(
            w,
            "\n{} events. Try: rasd extract FILE --pub-date YYYY-MM-DD",
            out.events.len()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
