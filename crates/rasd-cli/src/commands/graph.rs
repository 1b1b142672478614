//! `rasd graph`: the actor graph of the stored events as GraphML or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use rasd_export::GraphFormat;

use super::export::{Output, Selection};

/// Graph formats of `rasd graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// GraphML (Gephi, yEd, networkx, igraph).
    Graphml,
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
}

/// Arguments of `rasd graph`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd graph --format graphml --output actors.graphml
  rasd graph --format json --from 2023-01-01 --type ASSAULT")]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Graphml)]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.selection.filter()?;
    let store = args.selection.open()?;
    let format = match args.format {
        Format::Graphml => GraphFormat::Graphml,
        Format::Json => GraphFormat::Json,
    };
    let mut out = Output::open(args.output.as_deref())?;
    rasd_export::export_graph(&store, &filter, format, &mut out).context("exporting the graph")?;
    // Only a complete graph replaces the target; on error the temporary file is removed.
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
