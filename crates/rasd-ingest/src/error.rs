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
    /// The document is larger than [`crate::IngestOptions::max_doc_bytes`]; it was not
    /// read beyond the limit (a JSONL line is skipped to its end, counting its bytes).
    #[error("{origin}: document too large: {} bytes, over the limit of {limit} bytes (raise --max-doc-bytes)", size_text(*.size, *.at_least))]
    TooLarge {
        /// Document that failed.
        origin: String,
        /// Its size in bytes, as far as it was read.
        size: u64,
        /// True when reading stopped at the limit, so `size` is a lower bound.
        at_least: bool,
        /// The limit in bytes.
        limit: u64,
    },
    /// A FIFO, socket or device found in a directory walk; it is not read (reading a
    /// FIFO could block for ever).
    #[error("{origin}: not a regular file ({kind}), skipped")]
    NotRegular {
        /// The path.
        origin: String,
        /// What it is: "FIFO", "socket", "device".
        kind: &'static str,
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
            | IngestError::NoBody { origin }
            | IngestError::TooLarge { origin, .. }
            | IngestError::NotRegular { origin, .. } => origin.clone(),
            IngestError::BadJsonLine { origin, line, .. } => format!("{origin}:{line}"),
        }
    }
}

fn size_text(size: u64, at_least: bool) -> String {
    if at_least {
        format!("more than {}", size.saturating_sub(1))
    } else {
        size.to_string()
    }
}
