//! Helpers shared by the subcommands.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use rasd_extract::{Extractor, Resources};

/// True when the error chain ends in a closed stdout (e.g. `rasd extract … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parses `YYYY-MM-DD` for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD)"))
}

/// Builds the extractor with the user dictionaries given by `--dict`.
pub fn extractor(dicts: &[PathBuf]) -> anyhow::Result<Extractor> {
    let resources = Resources::with_user_files(dicts).context("loading dictionaries and rules")?;
    Ok(Extractor::new(std::sync::Arc::new(resources)))
}

/// Where the shared data folder is: `--shared`, else `$RASD_SHARED`, else `../shared`
/// or `shared` beside the current directory.
pub fn shared_dir(given: Option<PathBuf>) -> PathBuf {
    if let Some(p) = given {
        return p;
    }
    if let Ok(p) = std::env::var("RASD_SHARED") {
        return PathBuf::from(p);
    }
    for candidate in ["../shared", "shared", "../../shared"] {
        let p = PathBuf::from(candidate);
        if p.is_dir() {
            return p;
        }
    }
    PathBuf::from("../shared")
}

/// The lexicon's actors as store rows (hierarchy and ACLED inter codes).
pub fn actor_rows(extractor: &Extractor) -> Vec<rasd_store::ActorRow> {
    extractor
        .resources()
        .lexicon()
        .actors()
        .iter()
        .map(|a| rasd_store::ActorRow {
            id: a.id.clone(),
            name: a.name.clone(),
            parent: a.parent.clone(),
            category: a.category,
        })
        .collect()
}
