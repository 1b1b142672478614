use thiserror::Error;

/// What can go wrong while watching. Feed, page and file errors are recorded and the
/// watcher goes on; only configuration and database errors stop it.
#[derive(Debug, Error)]
pub enum WatchError {
    /// The configuration is unreadable or invalid.
    #[error("{origin}: {message}")]
    Config {
        /// The file.
        origin: String,
        /// Why.
        message: String,
    },
    /// A request failed (connection, timeout, HTTP status, size cap).
    #[error("{url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// A feed is not valid RSS or Atom.
    #[error("{url}: not a valid RSS or Atom feed: {message}")]
    Feed {
        /// The feed URL.
        url: String,
        /// The parser's message.
        message: String,
    },
    /// A document could not be read.
    #[error("{origin}: {message}")]
    Document {
        /// Path or URL.
        origin: String,
        /// Why.
        message: String,
    },
    /// An alert could not be delivered.
    #[error("alert `{rule}`: {message}")]
    Alert {
        /// The rule.
        rule: String,
        /// Why.
        message: String,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] rasd_store::StoreError),
}
