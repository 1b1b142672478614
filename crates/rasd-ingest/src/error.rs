use std::io;

/// Why one input could not become a [`rasd_model::Document`].
///
/// Every message starts with the origin of the document (a path, `path:LINE` for a JSONL
/// line, or `<stdin>`), is lower-case and has no trailing period. One error never stops
/// the other inputs of the same [`crate::read_inputs`] call.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file, directory or stream could not be read.
    #[error("{origin}: cannot read: {error}")]
    Io {
        /// Path (or `path:LINE`, `<stdin>`) that failed.
        origin: String,
        /// The underlying error (already part of the message).
        error: io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{origin}: invalid UTF-8 at byte {byte}")]
    InvalidUtf8 {
        /// Document that failed.
        origin: String,
        /// Offset of the first bad byte from the start of the file (or JSONL line).
        byte: usize,
    },
    /// Nothing but whitespace (or boilerplate), or a JSONL line with neither title nor
    /// content.
    #[error("{origin}: empty document")]
    Empty {
        /// Document that failed.
        origin: String,
    },
    /// NUL bytes or mostly control characters: not a text file.
    #[error("{origin}: binary data, not a text document")]
    Binary {
        /// Document that failed.
        origin: String,
    },
    /// One JSONL line is not a usable document object; the lines after it are still read.
    #[error("{origin}:{line}: bad JSON line: {msg}")]
    BadJsonLine {
        /// Path of the JSONL file.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        msg: String,
    },
    /// An HTML page with no extractable text.
    #[error("{origin}: no text found in the HTML body")]
    NoBody {
        /// Document that failed.
        origin: String,
    },
}

impl IngestError {
    /// Where the failing document came from: a path, `path:LINE` or `<stdin>`.
    pub fn origin(&self) -> String {
        match self {
            IngestError::Io { origin, .. }
            | IngestError::InvalidUtf8 { origin, .. }
            | IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::NoBody { origin } => origin.clone(),
            IngestError::BadJsonLine { origin, line, .. } => format!("{origin}:{line}"),
        }
    }
}
