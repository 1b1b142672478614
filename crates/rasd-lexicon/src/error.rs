//! The one error type of the crate.

use std::fmt;
use std::path::PathBuf;

/// One problem in a data file, with the coordinates a person needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file: `data/<name>` for built-in data, else the path given.
    pub file: String,
    /// 1-based line number (0 when the problem is about the file as a whole).
    pub line: usize,
    /// What is wrong, lower-case, no trailing period.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Why a lexicon could not be built.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A user file could not be read.
    #[error("reading {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The IO error.
        #[source]
        source: std::io::Error,
    },
    /// A user file has an extension other than `.tsv` (actors) or `.csv` (places).
    #[error("{}: unsupported dictionary file (expected .tsv actors or .csv places)", path.display())]
    UnknownFileKind {
        /// The file.
        path: PathBuf,
    },
    /// The data files have problems; all of them are listed, one per line.
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
}

impl LexiconError {
    /// The data problems, if this is [`LexiconError::Invalid`].
    pub fn problems(&self) -> &[Problem] {
        match self {
            LexiconError::Invalid(p) => p,
            _ => &[],
        }
    }
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
