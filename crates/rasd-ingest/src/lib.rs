//! Readers of rasd: turn files, directories and stdin into [`rasd_model::Document`]s.
//!
//! * [`read_inputs`]: paths (files, directories walked recursively in sorted order, `-`
//!   for stdin) into a lazy iterator of `Result<Document, IngestError>`.
//! * [`read_reader`]: the same for any stream, with its format sniffed.
//! * [`IngestOptions`]: the `--pub-date` override and the `--max-doc-bytes` limit.
//! * [`IngestError`]: one failed document (its path, `path:LINE` or `<stdin>`, and why).
//!
//! Formats (see `spec/events.md`, "Input documents"):
//!
//! * `.txt`: UTF-8, BOM stripped. The first non-empty line is the title, the rest the
//!   body. The id is the file stem.
//! * `.html` / `.htm`: main text of the `<article>` (else `<main>`, else `<body>`) without
//!   navigation, share and related blocks; title, canonical url and publication date from
//!   the markup. The id is the file stem.
//! * `.jsonl` / `.jsonl.gz`: one object per line with `id`, `title`, `content` or `text`,
//!   `url`, `source`, `published` or `date_extracted`, streamed line by line. Origins are
//!   `path:LINE`.
//!
//! Boilerplate lines ("Exit mobile version", "شارك", "اقرأ أيضاً", "أخبار ذات صلة",
//! "طباعة", ...) are dropped when they make up a whole line, never inside a sentence.
//! An input without an id gets `doc-` + 16 hex digits of a hash of its whitespace-
//! normalized text. Dates found in the text itself ("اليوم الخميس 23 نوفمبر 2023") are
//! left to the extractor.
//!
//! Nothing here reads the clock, and one bad document never stops the others: every
//! failure is one `Err` item and the iterator goes on.
//!
//! # Example
//!
//! ```
//! use rasd_ingest::{read_inputs, IngestError, IngestOptions};
//!
//! let dir = tempfile::tempdir()?;
//! // "Clashes in Marib" / "Violent clashes broke out on Wednesday."
//! std::fs::write(dir.path().join("a.txt"), "اشتباكات في مأرب\n\nاندلعت اشتباكات عنيفة يوم الأربعاء.\nشارك\n")?;
//! std::fs::write(dir.path().join("b.txt"), "")?;
//! std::fs::write(dir.path().join("notes.md"), "skipped in a directory walk")?;
//!
//! let opts = IngestOptions { pub_date: chrono::NaiveDate::from_ymd_opt(2022, 5, 12), ..Default::default() };
//! let results: Vec<_> = read_inputs(&[dir.path().to_path_buf()], &opts).collect();
//! assert_eq!(results.len(), 2);
//!
//! let doc = results[0].as_ref().expect("a.txt reads");
//! assert_eq!(doc.id, "a");
//! assert_eq!(doc.title, "اشتباكات في مأرب");
//! assert_eq!(doc.body, "اندلعت اشتباكات عنيفة يوم الأربعاء.");
//! assert_eq!(doc.pub_date, opts.pub_date);
//!
//! let err = results[1].as_ref().expect_err("b.txt is empty");
//! assert!(matches!(err, IngestError::Empty { .. }));
//! assert!(err.to_string().ends_with("b.txt: empty document"));
//! # Ok::<(), std::io::Error>(())
//! ```
#![warn(missing_docs)]

mod boilerplate;
mod decode;
mod error;
mod html;
mod inputs;
mod jsonl;
mod txt;

pub use error::IngestError;
pub use inputs::{read_inputs, read_reader, IngestOptions};
