//! `rasd serve`: the HTTP API and the offline web UI over a database.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

/// Arguments of `rasd serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The SQLite database (created if missing).
    #[arg(long, value_name = "PATH", default_value = "rasd.db")]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Extra dictionary files for articles ingested or extracted through the API.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = crate::shared::extractor(&args.dicts)?;
    rasd_server::run(args.db.clone(), args.addr, Arc::new(extractor))
        .with_context(|| format!("serving {} on {}", args.db.display(), args.addr))?;
    Ok(ExitCode::SUCCESS)
}
