//! The `rasd` command: wiring of the pipeline crates, arguments, progress and exit codes.
//!
//! Exit codes: 0 success; 1 some documents could not be read (the others were
//! processed); 2 a usage or setup error (bad flag, unreadable data file).

mod commands;
mod parallel;
mod shared;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// rasd (رصد): structured, sourced conflict events from Arabic news.
///
/// Reads Arabic news articles (.txt, .html, .jsonl, .jsonl.gz, directories or stdin),
/// finds the events they report — who did what to whom, when, where, how many killed —
/// and codes them in ACLED's and PLOVER's vocabularies with the words that justify each
/// field.
///
/// Start with `rasd demo`, then `rasd extract ARTICLE.txt --pub-date 2023-11-23`.
#[derive(Debug, Parser)]
#[command(name = "rasd", version, about, long_about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract events from a built-in example article and print them as a table.
    Demo(commands::demo::Args),
    /// Extract events from articles and print them (JSONL, ACLED CSV or a table).
    Extract(commands::extract::Args),
    /// Score extraction against a hand-annotated gold file.
    Eval(commands::eval::Args),
    /// Learn the keep/drop filter's weights from the development part of gold files.
    TrainFilter(commands::train_filter::Args),
    /// Measure extraction speed (articles/s, MB/s) on one core.
    Bench(commands::bench::Args),
    /// Load and check the built-in (and user) dictionaries and rules, run rule examples.
    CheckData(commands::check_data::Args),
    /// Extract events from articles and store them in a database (default ./rasd.db).
    Ingest(commands::ingest::Args),
    /// Write the stored events as ACLED CSV, JSONL, GeoJSON or Parquet.
    Export(commands::export::Args),
    /// Write the actor graph of the stored events as GraphML or JSON.
    Graph(commands::graph::Args),
    /// Count the stored events by type, actor, governorate and month.
    Stats(commands::stats::Args),
    /// Serve the JSON API and the offline web UI (map, timeline, actor graph, evidence).
    Serve(commands::serve::Args),
    /// Poll feeds and folders, ingest new articles as they appear, fire alert rules.
    Watch(commands::watch::Args),
    /// The dossier of two actors: events between them, by month, with evidence.
    Relation(commands::relation::Args),
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo(args) => commands::demo::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::TrainFilter(args) => commands::train_filter::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::CheckData(args) => commands::check_data::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Graph(args) => commands::graph::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Relation(args) => commands::relation::run(args),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            if shared::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("rasd: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
