use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database; it was left untouched.
    #[error("{path}: not an SQLite database (file left untouched)")]
    NotSqlite {
        /// The file that was opened.
        path: PathBuf,
    },
    /// An SQLite database that is not a rasd store (it has tables but no rasd schema
    /// version); it was left untouched.
    #[error("{path}: an SQLite database, but not a rasd store (file left untouched)")]
    NotRasd {
        /// The file that was opened.
        path: PathBuf,
    },
    /// The database was written by a newer rasd; it was left untouched.
    #[error("{path}: schema version {found} is newer than this binary supports ({supported}); upgrade rasd")]
    TooNew {
        /// The file that was opened.
        path: PathBuf,
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The newest schema this binary knows.
        supported: i64,
    },
    /// `PRAGMA user_version` holds a value no rasd ever wrote (negative); the file was
    /// left untouched.
    #[error("{path}: unknown schema version {found} (not written by rasd; file left untouched)")]
    BadVersion {
        /// The file that was opened.
        path: PathBuf,
        /// `PRAGMA user_version` of the file.
        found: i64,
    },
    /// A stored JSON value does not parse as the record it should hold.
    #[error("corrupt row {table}.{key}: {message}")]
    Corrupt {
        /// Table of the row.
        table: &'static str,
        /// Primary key of the row.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// An input record cannot be stored.
    #[error("document {doc_id}: {message}")]
    Invalid {
        /// Document the record belongs to.
        doc_id: String,
        /// What is wrong.
        message: String,
    },
    /// Any other SQLite failure.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
