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
    let cats = ActorCategories::new(actors);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ACLED_COLUMNS)?;
    for e in events {
        w.write_record(AcledRow::of(e, &cats, opts).to_record())?;
    }
    w.flush()?;
    Ok(ExportSummary {
        written: events.len(),
        skipped_without_location: 0,
    })
}
