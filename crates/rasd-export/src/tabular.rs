use std::io::Write;

use rasd_store::{ActorRow, StoredEvent};

use crate::acled::{AcledRow, ActorCategories, ExportOptions, ACLED_COLUMNS};
use crate::{ExportError, ExportSummary};

/// Writes ACLED's 31 columns (header first), one row per event.
pub fn write_csv<W: Write>(
    events: &[StoredEvent],
    actors: &[ActorRow],
    opts: &ExportOptions,
    out: W,
) -> Result<ExportSummary, ExportError> {
    let mut w = AcledCsvWriter::new(out, actors, opts.clone())?;
    for e in events {
        w.write(e)?;
    }
    w.finish()
}

/// A streaming ACLED CSV writer: the header is written by [`AcledCsvWriter::new`]
/// (so an output without events still has ACLED's columns), then one row per
/// [`AcledCsvWriter::write`]. For events that are not read from a store all at once,
/// e.g. `rasd extract --format csv`.
///
/// ```
/// use rasd_export::{AcledCsvWriter, ExportOptions, ACLED_COLUMNS};
///
/// let mut out = Vec::new();
/// let w = AcledCsvWriter::new(&mut out, &[], ExportOptions::default())?;
/// assert_eq!(w.finish()?.written, 0);
/// assert_eq!(String::from_utf8(out).unwrap().trim_end(), ACLED_COLUMNS.join(","));
/// # Ok::<(), rasd_export::ExportError>(())
/// ```
pub struct AcledCsvWriter<W: Write> {
    w: csv::Writer<W>,
    cats: ActorCategories,
    opts: ExportOptions,
    written: usize,
}

impl<W: Write> AcledCsvWriter<W> {
    /// Writes the header to `out`; `actors` give the inter codes.
    pub fn new(
        out: W,
        actors: &[ActorRow],
        opts: ExportOptions,
    ) -> Result<AcledCsvWriter<W>, ExportError> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(ACLED_COLUMNS)?;
        Ok(AcledCsvWriter {
            w,
            cats: ActorCategories::new(actors),
            opts,
            written: 0,
        })
    }

    /// Writes the row of one event.
    pub fn write(&mut self, e: &StoredEvent) -> Result<(), ExportError> {
        self.w
            .write_record(AcledRow::of(e, &self.cats, &self.opts).to_record())?;
        self.written += 1;
        Ok(())
    }

    /// Flushes the output and says how many rows were written.
    pub fn finish(mut self) -> Result<ExportSummary, ExportError> {
        self.w.flush()?;
        Ok(ExportSummary {
            written: self.written,
            skipped_without_location: 0,
        })
    }
}
