/// Everything that can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error("store: {0}")]
    Store(#[from] rasd_store::StoreError),
    /// Writing the output failed.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// JSON serialization failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// Building the Arrow batch failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The Parquet writer failed.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// An unknown format name.
    #[error("unknown format `{0}` (expected csv, jsonl, geojson or parquet; graphml or json for graphs)")]
    UnknownFormat(String),
}

impl ExportError {
    /// True when the output was closed by its reader (`rasd export … | head`): a normal
    /// end, not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        use std::io::ErrorKind::BrokenPipe;
        match self {
            ExportError::Io(e) => e.kind() == BrokenPipe,
            ExportError::Csv(e) => {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe)
            }
            ExportError::Json(e) => e.io_error_kind() == Some(BrokenPipe),
            _ => false,
        }
    }
}
