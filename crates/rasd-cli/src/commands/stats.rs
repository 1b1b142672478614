//! `rasd stats`: counts of the stored events.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::export::Selection;

/// Arguments of `rasd stats`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd stats
  rasd stats --json --from 2023-01-01 --admin1 YE26")]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.selection.filter()?;
    let store = args.selection.open()?;
    let stats = store.stats(&filter).context("computing statistics")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats.to_json())?;
        writeln!(out)?;
    } else {
        let counts = store.counts().context("counting rows")?;
        writeln!(
            out,
            "database {}: {} documents, {} event reports, {} events, {} actors, {} places\n",
            args.selection.db.display(),
            counts.documents,
            counts.event_reports,
            counts.events,
            counts.actors,
            counts.places
        )?;
        write!(out, "{}", stats.to_table())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
