//! Paths, directories and streams into a lazy iterator of documents.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use rasd_model::Document;

use crate::decode::{is_binary, SNIFF_LEN};
use crate::html::parse_html;
use crate::jsonl::JsonlStream;
use crate::txt::parse_txt;
use crate::IngestError;

/// Default of [`IngestOptions::max_doc_bytes`]: 5 MB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 5 * 1024 * 1024;

/// Options that apply to every document of one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Publication date for every document (`--pub-date`); overrides dates found in
    /// HTML metadata and JSONL fields.
    pub pub_date: Option<chrono::NaiveDate>,
    /// Largest document in bytes (`--max-doc-bytes`): a .txt or .html file, a stream
    /// read as one article, or one JSONL line (after gzip decompression). Reading stops
    /// at the limit, and a larger document is one [`IngestError::TooLarge`].
    pub max_doc_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            pub_date: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Reads files, directories and stdin (`-`) into documents, lazily and in a fixed order.
///
/// * Each path is read in the order given. A directory is walked recursively in sorted
///   order, taking `.txt`, `.html`, `.htm`, `.jsonl` and `.jsonl.gz` files (extensions in
///   any case) and skipping other files, hidden entries (`.name`) and symlinked
///   directories. A file named explicitly is read by its extension, as `.txt` when it
///   has another one.
/// * `-` is stdin; its format is sniffed as in [`read_reader`].
/// * Every failure is one `Err` naming its document, and the iterator goes on with the
///   next document (the next JSONL line, file or path).
///
/// The iterator owns everything it needs, so it may outlive `paths` and move to another
/// thread.
pub fn read_inputs(
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> impl Iterator<Item = Result<Document, IngestError>> + Send {
    let stack = paths
        .iter()
        .rev()
        .map(|p| {
            if p.as_os_str() == "-" {
                Pending::Stdin
            } else {
                Pending::Explicit(p.clone())
            }
        })
        .collect();
    Inputs {
        opts: opts.clone(),
        stack,
        stream: None,
    }
}

/// Reads documents from a stream (what `-` does with stdin), sniffing its format: JSONL
/// when the first non-whitespace character is `{`, HTML when it is `<`, else one `.txt`
/// article. `origin` names the stream in errors and in [`Document::origin`] (JSONL lines
/// become `origin:LINE`). Ids not given by the input are content hashes (`doc-…`).
///
/// ```
/// let input = "{\"id\": \"a1\", \"title\": \"هجوم في عدن\", \"content\": \"قتل شخص.\"}\n";
/// let docs: Vec<_> = rasd_ingest::read_reader(input.as_bytes(), "upload", &Default::default())
///     .collect::<Result<_, _>>()
///     .unwrap();
/// assert_eq!(docs[0].origin, "upload:1");
/// ```
pub fn read_reader<R: Read + Send + 'static>(
    reader: R,
    origin: impl Into<String>,
    opts: &IngestOptions,
) -> impl Iterator<Item = Result<Document, IngestError>> + Send {
    Inputs {
        opts: opts.clone(),
        stack: vec![Pending::Reader(Box::new(reader), origin.into())],
        stream: None,
    }
}

/// Work not yet done, popped from the end of [`Inputs::stack`].
enum Pending {
    Stdin,
    Reader(Box<dyn Read + Send>, String),
    /// A path given by the caller: may be a directory or a file of any extension.
    Explicit(PathBuf),
    /// A file found in a directory walk, with a known format.
    Walked(PathBuf, Format),
    /// A directory found in a walk.
    Dir(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    Html,
    Jsonl,
    JsonlGz,
}

impl Format {
    /// The format of a file name, `None` for names a directory walk skips.
    fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".jsonl.gz") {
            Some(Format::JsonlGz)
        } else if name.ends_with(".jsonl") {
            Some(Format::Jsonl)
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            Some(Format::Html)
        } else if name.ends_with(".txt") {
            Some(Format::Txt)
        } else {
            None
        }
    }
}

struct Inputs {
    opts: IngestOptions,
    stack: Vec<Pending>,
    stream: Option<JsonlStream>,
}

impl Iterator for Inputs {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = &mut self.stream {
                match stream.next_doc(&self.opts) {
                    Some(item) => return Some(item),
                    None => self.stream = None,
                }
            }
            let item = match self.stack.pop()? {
                Pending::Stdin => self.open_reader(Box::new(io::stdin()), "<stdin>".to_string()),
                Pending::Reader(reader, origin) => self.open_reader(reader, origin),
                Pending::Explicit(path) => match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => self.walk(&path),
                    Ok(_) => self.open_file(&path, Format::of(&path).unwrap_or(Format::Txt)),
                    Err(error) => Some(Err(io_error(&path, error))),
                },
                Pending::Walked(path, format) => match special_kind(&path) {
                    // A FIFO would block the walk for ever; devices never end.
                    Some(kind) => Some(Err(IngestError::NotRegular {
                        origin: path.display().to_string(),
                        kind,
                    })),
                    None => self.open_file(&path, format),
                },
                Pending::Dir(path) => self.walk(&path),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

impl Inputs {
    /// Queues the entries of `dir` in sorted order; `Some(Err)` when it can't be listed.
    fn walk(&mut self, dir: &Path) -> Option<Result<Document, IngestError>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => return Some(Err(io_error(dir, error))),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => return Some(Err(io_error(dir, error))),
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                found.push(Pending::Dir(path));
            } else if let Some(format) = Format::of(&path) {
                // Symlinks to files are followed; symlinks to directories are not (no loops).
                if file_type.is_symlink() && path.is_dir() {
                    continue;
                }
                found.push(Pending::Walked(path, format));
            }
        }
        found.sort_by(|a, b| pending_path(a).cmp(&pending_path(b)));
        self.stack.extend(found.into_iter().rev());
        None
    }

    /// Reads a file; JSONL files become the current stream.
    fn open_file(&mut self, path: &Path, format: Format) -> Option<Result<Document, IngestError>> {
        let origin = path.display().to_string();
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.clone());
        // `Path::file_stem` leaves ".jsonl" on "x.jsonl.gz"; ids there come from the lines.
        match format {
            Format::Jsonl | Format::JsonlGz => {
                let file = match File::open(path) {
                    Ok(file) => file,
                    Err(error) => return Some(Err(io_error(path, error))),
                };
                // Decompression streams: only one line (at most the limit) is held.
                let reader: Box<dyn BufRead + Send> = if format == Format::JsonlGz {
                    let gz = MultiGzDecoder::new(BufReader::new(file));
                    Box::new(BufReader::with_capacity(64 * 1024, gz))
                } else {
                    Box::new(BufReader::with_capacity(64 * 1024, file))
                };
                self.stream = Some(JsonlStream::new(reader, origin, 0, self.opts.max_doc_bytes));
                None
            }
            Format::Txt | Format::Html => {
                let bytes = match read_text_file(path, self.opts.max_doc_bytes) {
                    Ok(bytes) => bytes,
                    Err(e) => return Some(Err(e)),
                };
                Some(if format == Format::Html {
                    parse_html(&bytes, &origin, Some(&id), &self.opts)
                } else {
                    parse_txt(&bytes, &origin, Some(&id), &self.opts)
                })
            }
        }
    }

    /// Sniffs a stream: JSONL streams on, anything else is read whole as one article.
    fn open_reader(
        &mut self,
        reader: Box<dyn Read + Send>,
        origin: String,
    ) -> Option<Result<Document, IngestError>> {
        let mut reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::with_capacity(64 * 1024, reader));
        let first = match skip_leading_space(&mut reader) {
            Ok(first) => first,
            Err(error) => {
                return Some(Err(IngestError::Io { origin, error }));
            }
        };
        match first {
            Some((b'{', skipped_lines)) => {
                self.stream = Some(JsonlStream::new(
                    reader,
                    origin,
                    skipped_lines,
                    self.opts.max_doc_bytes,
                ));
                None
            }
            Some((byte, _)) => {
                let bytes = match read_capped(reader, &origin, self.opts.max_doc_bytes) {
                    Ok(bytes) => bytes,
                    Err(e) => return Some(Err(e)),
                };
                Some(if byte == b'<' {
                    parse_html(&bytes, &origin, None, &self.opts)
                } else {
                    parse_txt(&bytes, &origin, None, &self.opts)
                })
            }
            None => Some(Err(IngestError::Empty { origin })),
        }
    }
}

/// Consumes leading ASCII whitespace and a BOM; returns the next byte (not consumed) and
/// the number of line feeds consumed, or `None` at the end of the stream.
fn skip_leading_space(reader: &mut Box<dyn BufRead + Send>) -> io::Result<Option<(u8, usize)>> {
    let mut lines = 0;
    let mut at_start = true;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(None);
        }
        if at_start && buf.starts_with("\u{feff}".as_bytes()) {
            reader.consume(3);
            at_start = false;
            continue;
        }
        at_start = false;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let byte = buf[i];
                lines += buf[..i].iter().filter(|&&b| b == b'\n').count();
                reader.consume(i);
                return Ok(Some((byte, lines)));
            }
            None => {
                let n = buf.len();
                lines += buf.iter().filter(|&&b| b == b'\n').count();
                reader.consume(n);
            }
        }
    }
}

/// The whole file up to `limit` bytes (see [`read_capped`]); a regular file known to be
/// larger is refused before it is read.
fn read_text_file(path: &Path, limit: u64) -> Result<Vec<u8>, IngestError> {
    let io_err = |error| io_error(path, error);
    let file = File::open(path).map_err(io_err)?;
    if let Ok(meta) = file.metadata() {
        if meta.is_file() && meta.len() > limit {
            return Err(IngestError::TooLarge {
                origin: path.display().to_string(),
                size: meta.len(),
                at_least: false,
                limit,
            });
        }
    }
    read_capped(file, &path.display().to_string(), limit)
}

/// A stream read as one document: rejected as binary after its first [`SNIFF_LEN`]
/// bytes (so 300 MB of zeros are not read), and never read beyond `limit` + 1 bytes.
fn read_capped(reader: impl Read, origin: &str, limit: u64) -> Result<Vec<u8>, IngestError> {
    let io_err = |error| IngestError::Io {
        origin: origin.to_string(),
        error,
    };
    let mut reader = reader.take(limit.saturating_add(1));
    let mut bytes = Vec::new();
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if is_binary(&bytes) {
        return Err(IngestError::Binary {
            origin: origin.to_string(),
        });
    }
    reader.read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            origin: origin.to_string(),
            size: bytes.len() as u64,
            at_least: true,
            limit,
        });
    }
    Ok(bytes)
}

/// What a path is when it is not a regular file or a directory (FIFO, socket,
/// device); `None` for regular files and anything that cannot be inspected (the open
/// then reports the error).
fn special_kind(path: &Path) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("FIFO");
        }
        if ft.is_socket() {
            return Some("socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("device");
        }
    }
    Some("special file")
}

fn io_error(path: &Path, error: io::Error) -> IngestError {
    IngestError::Io {
        origin: path.display().to_string(),
        error,
    }
}

fn pending_path(p: &Pending) -> Option<&Path> {
    match p {
        Pending::Walked(path, _) | Pending::Dir(path) | Pending::Explicit(path) => Some(path),
        Pending::Stdin | Pending::Reader(..) => None,
    }
}
