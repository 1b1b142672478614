//! Helpers shared by the subcommands.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use rasd_extract::{Extractor, Resources};

/// True when the error chain ends in a closed stdout (e.g. `rasd extract … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            // The JSON and CSV writers wrap the IO error in their own.
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || e.downcast_ref::<rasd_export::ExportError>()
                .is_some_and(rasd_export::ExportError::is_broken_pipe)
    })
}

/// Parses `YYYY-MM-DD` for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD)"))?;
    rasd_model::check_pub_date(date)
}

/// Parses a byte count for clap: `5242880`, `512K`, `5M`, `1G` (powers of 1024; a
/// trailing `B`/`iB` is accepted).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    let t = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let mult: u64 = match unit {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("`{s}` is not a size (e.g. 5242880, 512K, 5M, 1G)")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 5242880, 512K, 5M, 1G)"))?;
    match n.checked_mul(mult) {
        Some(0) => Err("the size must be at least 1 byte".to_string()),
        Some(v) => Ok(v),
        None => Err(format!("`{s}` is too large")),
    }
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

pub use rasd_server::actor_rows;

/// A progress bar on stderr (articles, rate, ETA when the total is known); hidden when
/// stderr is not a terminal, so logs and pipes stay clean.
pub fn progress_bar(total: Option<usize>) -> indicatif::ProgressBar {
    let pb = match total {
        Some(n) => indicatif::ProgressBar::new(n as u64),
        None => indicatif::ProgressBar::no_length(),
    };
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        pb.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        return pb;
    }
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles, {per_sec}, ETA {eta} {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {pos} articles, {per_sec} {msg}"
    };
    pb.set_style(
        indicatif::ProgressStyle::with_template(template)
            .expect("valid progress template")
            .progress_chars("=> "),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

/// Which events `rasd extract` and `rasd ingest` keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Scope {
    /// Every event found, in any country or at sea (each with its `location.country`).
    #[default]
    All,
    /// Only events located in Yemen or with a Yemeni actor (houthis, the government and
    /// its forces, STC, AQAP … and their units: data/yemeni_actors.txt) on either side;
    /// e.g. a Houthi missile on Eilat and a US strike on Hodeidah are kept, an Israeli
    /// strike in Gaza is not.
    Yemen,
}

impl Scope {
    /// Drops the events outside the scope.
    pub fn keep(self, extractor: &Extractor, events: &mut Vec<rasd_model::Event>) {
        if self == Scope::Yemen {
            events.retain(|e| extractor.in_yemen_scope(e));
        }
    }
}
