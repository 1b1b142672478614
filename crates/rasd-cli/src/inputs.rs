//! Reading documents for the subcommands: one bad document is reported and skipped.

use std::path::PathBuf;

use chrono::NaiveDate;
use rasd_ingest::{read_inputs, IngestOptions};
use rasd_model::Document;

/// Documents read, and how many could not be.
pub struct Read {
    pub documents: Vec<Document>,
    pub failed: usize,
}

/// Reads all inputs, printing one line per unreadable document to stderr.
pub fn read_all(paths: &[PathBuf], pub_date: Option<NaiveDate>) -> Read {
    let opts = IngestOptions { pub_date };
    let mut documents = Vec::new();
    let mut failed = 0;
    for item in read_inputs(paths, &opts) {
        match item {
            Ok(doc) => documents.push(doc),
            Err(err) => {
                failed += 1;
                eprintln!("rasd: skipped: {err}");
            }
        }
    }
    Read { documents, failed }
}
