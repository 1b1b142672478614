//! `rasd serve`: the HTTP API and the offline web UI over a database.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};

/// Arguments of `rasd serve`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd serve --db rasd.db                      # read-only: browse and export
  rasd serve --db rasd.db --allow-writes       # POST /api/documents with the printed token
  RASD_TOKEN=secret rasd serve --allow-writes --addr 0.0.0.0:8080 --host-name rasd.lan")]
pub struct Args {
    /// The SQLite database. Read-only serving needs an existing one (opened read-only:
    /// a read-only directory or mount is fine); with --allow-writes it is created if
    /// missing.
    #[arg(long, value_name = "PATH", default_value = "rasd.db")]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Extra dictionary files for articles ingested or extracted through the API.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Enable `POST /api/documents` (ingest through the API). Writes need
    /// `Authorization: Bearer TOKEN`: the token is $RASD_TOKEN, else a random one
    /// printed at start.
    #[arg(long, conflicts_with = "read_only")]
    pub allow_writes: bool,
    /// Serve read-only (the default; kept for scripts that say so).
    #[arg(long)]
    pub read_only: bool,
    /// A host name clients use to reach the server (repeatable). The Host header
    /// must be an IP address, `localhost` or one of these names, which defeats DNS
    /// rebinding.
    #[arg(long = "host-name", value_name = "NAME")]
    pub host_names: Vec<String>,
    /// Extractions (`/api/extract`, `POST /api/documents`) running at once; more get
    /// 503 with Retry-After. Default: the number of cores (2 to 16).
    #[arg(long, value_name = "N")]
    pub max_extractions: Option<usize>,
    /// Seconds a request may take before it is answered 503 (timeout).
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub request_timeout: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = crate::shared::extractor(&args.dicts)?;
    let mut access = rasd_server::Access {
        allow_writes: args.allow_writes,
        token: None,
        hosts: Some(args.host_names.clone()),
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
        ..rasd_server::Access::default()
    };
    if let Some(n) = args.max_extractions {
        if n == 0 {
            bail!("--max-extractions must be at least 1");
        }
        access.max_extractions = n;
    }
    if args.allow_writes {
        let token = match std::env::var("RASD_TOKEN") {
            Ok(t) if !t.trim().is_empty() => {
                eprintln!("rasd: writes enabled; token from $RASD_TOKEN");
                t.trim().to_string()
            }
            _ => {
                let t = rasd_server::new_token();
                eprintln!("rasd: writes enabled; send `Authorization: Bearer {t}` with POST /api/documents");
                t
            }
        };
        access.token = Some(token);
    }
    rasd_server::run(
        args.db.clone(),
        args.addr,
        Arc::new(extractor),
        access,
        rasd_server::ServeConfig::default(),
    )
    .with_context(|| format!("serving {} on {}", args.db.display(), args.addr))?;
    Ok(ExitCode::SUCCESS)
}
