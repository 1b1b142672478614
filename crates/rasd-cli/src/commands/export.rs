//! `rasd export`: stored events out as ACLED CSV, JSONL, GeoJSON or Parquet. Also the
//! database and filter arguments shared with `rasd graph` and `rasd stats`.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::ValueEnum;
use rasd_export::{ExportOptions, Format as ExportFormat};
use rasd_store::{Filter, Store};

/// The database to read and which events to select.
#[derive(Debug, Clone, clap::Args)]
pub struct Selection {
    /// The database written by `rasd ingest`.
    #[arg(long, default_value = "rasd.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Events on or after this day.
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// Events on or before this day.
    #[arg(long, value_parser = crate::shared::parse_date, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Events involving this actor (id or name, e.g. `houthis`), or an actor below it
    /// in the hierarchy, in any role.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// A PLOVER type (ASSAULT), ACLED event type (Battles) or ACLED sub-event type
    /// (Air/drone strike).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// A governorate p-code (YE26) or name.
    #[arg(long, value_name = "PCODE")]
    pub admin1: Option<String>,
    /// The country of the event's place: an ISO 3166-1 alpha-3 code (YEM, ISR, SAU) or
    /// SEA for events at sea.
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
}

impl Selection {
    /// The store filter of these arguments.
    pub fn filter(&self) -> anyhow::Result<Filter> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
        }
        Ok(Filter {
            from: self.from,
            to: self.to,
            actor: self.actor.clone(),
            event_type: self.event_type.clone(),
            admin1: self.admin1.clone(),
            country: self.country.clone(),
            ..Filter::default()
        })
    }

    /// Opens the database, which must exist (reading never creates an empty one).
    pub fn open(&self) -> anyhow::Result<Store> {
        open_existing(&self.db)
    }
}

/// Opens an existing database; a missing file is an error, not a new database.
pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        bail!(
            "no database at {} (run rasd ingest first, or pass --db)",
            path.display()
        );
    }
    if path.is_dir() {
        bail!("{} is a directory, not a database", path.display());
    }
    // Read-only: no WAL switch, no -wal/-shm files, works in a read-only directory.
    Store::open_read_only(path).with_context(|| format!("opening the database {}", path.display()))
}

/// Where the output goes: `--output FILE`, else stdout. A file is written to a
/// temporary file beside it and renamed over it by [`Output::finish`], so a failed or
/// interrupted run leaves no partial output (the temporary file is removed when the
/// `Output` is dropped unfinished) and an existing file is replaced only by a whole one.
pub enum Output {
    File(BufWriter<tempfile::NamedTempFile>, PathBuf),
    Stdout(BufWriter<std::io::Stdout>),
}

impl Output {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Output> {
        Ok(match path {
            Some(p) if p.as_os_str() != "-" => {
                if p.is_dir() {
                    bail!("{}: is a directory", p.display());
                }
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                let tmp = tempfile::Builder::new()
                    .prefix(&format!(".{}.", name.unwrap_or_default()))
                    .suffix(".part")
                    .tempfile_in(dir)
                    .with_context(|| format!("{}: cannot create", p.display()))?;
                Output::File(BufWriter::new(tmp), p.to_path_buf())
            }
            _ => Output::Stdout(BufWriter::new(std::io::stdout())),
        })
    }

    /// Flushes everything and, for a file, moves it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Output::File(w, path) => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                Ok(())
            }
            Output::Stdout(mut w) => Ok(w.flush()?),
        }
    }

    /// The target file, `None` for stdout.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Output::File(_, p) => Some(p),
            Output::Stdout(_) => None,
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::File(w, _) => w.write(buf),
            Output::Stdout(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::File(w, _) => w.flush(),
            Output::Stdout(w) => w.flush(),
        }
    }
}

/// Export formats of `rasd export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// ACLED's 31 columns, in ACLED's order and spelling.
    Csv,
    /// One JSON object per event, with every source report.
    Jsonl,
    /// A FeatureCollection of points (events without coordinates are left out).
    Geojson,
    /// Typed columns (needs --output, or stdout redirected to a file or pipe).
    Parquet,
}

impl From<Format> for ExportFormat {
    fn from(f: Format) -> ExportFormat {
        match f {
            Format::Csv => ExportFormat::Csv,
            Format::Jsonl => ExportFormat::Jsonl,
            Format::Geojson => ExportFormat::Geojson,
            Format::Parquet => ExportFormat::Parquet,
        }
    }
}

/// Arguments of `rasd export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  rasd export --format csv > events.csv
  rasd export --format parquet --output events.parquet --from 2023-01-01
  rasd export --format geojson --actor houthis --type ASSAULT --admin1 YE26")]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = args.selection.filter()?;
    let to_stdout = match &args.output {
        None => true,
        Some(p) => p.as_os_str() == "-",
    };
    if args.format == Format::Parquet && to_stdout && std::io::stdout().is_terminal() {
        bail!("Parquet is binary: pass --output FILE or redirect stdout");
    }
    let store = args.selection.open()?;
    let mut out = Output::open(args.output.as_deref())?;
    let summary = rasd_export::export(
        &store,
        &filter,
        args.format.into(),
        &ExportOptions::default(),
        &mut out,
    );
    // On an error the temporary file is dropped (removed); the target is untouched.
    let summary = summary.context("exporting")?;
    let path = out.path().map(Path::to_path_buf);
    out.finish()?;
    if args.format == Format::Geojson {
        eprintln!(
            "rasd: {} events without a location left out of the GeoJSON",
            summary.skipped_without_location
        );
    }
    if let Some(p) = path {
        eprintln!(
            "rasd: {} events written to {}",
            summary.written,
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
