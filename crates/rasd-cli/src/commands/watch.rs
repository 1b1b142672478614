//! `rasd watch`: polls feeds and folders, ingests new articles, fires alerts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rasd_store::Store;
use rasd_watch::{WatchConfig, Watcher};

/// Arguments of `rasd watch`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd watch --db rasd.db --config watch.toml
  rasd watch --config watch.toml --once

Runs until stopped (Ctrl-C). What was seen is kept in the database: after a restart
nothing is fetched, stored or alerted twice. See README.md for a watch.toml example.")]
pub struct Args {
    /// The database (created when missing).
    #[arg(long, default_value = "rasd.db", value_name = "FILE")]
    pub db: PathBuf,
    /// The configuration: feeds, folders and alert rules.
    #[arg(long, default_value = "watch.toml", value_name = "FILE")]
    pub config: PathBuf,
    /// Extra dictionary file: actors (.tsv) or places (.csv). Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Poll every feed and scan every folder once, then exit.
    #[arg(long)]
    pub once: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = WatchConfig::load(&args.config)?;
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the database {}", args.db.display()))?;
    let extractor = crate::shared::extractor(&args.dicts)?;
    store
        .upsert_actors(&crate::shared::actor_rows(&extractor))
        .context("storing the lexicon's actors")?;
    let watcher = Watcher::new(store, std::sync::Arc::new(extractor), config)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let mut watcher = watcher;
        if args.once {
            let mut failed = false;
            for (what, result) in watcher.run_once().await? {
                match result {
                    Ok(r) => {
                        eprintln!(
                            "rasd: {what}: {} items, {} new, {} documents stored, {} events new, {} alerts{}",
                            r.items,
                            r.items_new,
                            r.stored.docs_new + r.stored.docs_updated,
                            r.stored.events_new,
                            r.alerts,
                            if r.not_modified { " (not modified)" } else { "" }
                        );
                        for e in r.errors {
                            eprintln!("rasd: skipped: {e}");
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("rasd: {e}");
                    }
                }
            }
            return Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        watcher
            .run(shutdown, |line| eprintln!("rasd: {line}"))
            .await?;
        Ok(ExitCode::SUCCESS)
    })
}
