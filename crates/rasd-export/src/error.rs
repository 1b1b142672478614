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
