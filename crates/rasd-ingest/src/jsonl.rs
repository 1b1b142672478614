//! JSON Lines: one article object per line, read one line at a time so a 28 MB
//! `.jsonl.gz` of 31k articles streams in constant memory.
//!
//! Fields: `id`, `title`, `content` (or `text`), optional `url`, `source`, and
//! `published` (else `date_extracted`), of which the `YYYY-MM-DD` part is read. Other
//! fields (`author`, ...) are ignored. A line that is not such an object gives one
//! [`IngestError::BadJsonLine`] and reading goes on with the next line; blank lines are
//! skipped. Only an IO error (a truncated gzip stream, say) ends the file early.
//!
//! A line longer than the document limit is never held: reading stops at the limit,
//! the rest of the line is skipped (counted, not stored) and the line is one
//! [`IngestError::TooLarge`]; the lines after it are read as usual.

use std::io::{BufRead, Read};

use rasd_model::Document;
use serde_json::{Map, Value};

use crate::boilerplate::clean_lines;
use crate::decode::{collapse_ws, content_id, date_part, is_binary};
use crate::{IngestError, IngestOptions};

/// The remaining lines of one JSONL source.
pub(crate) struct JsonlStream {
    reader: Box<dyn BufRead + Send>,
    origin: String,
    /// Lines read so far (1-based number of the last line read).
    line: usize,
    buf: Vec<u8>,
    started: bool,
    done: bool,
    /// Largest line in bytes.
    limit: u64,
}

impl JsonlStream {
    /// `skipped_lines` counts line feeds already consumed (by stdin sniffing), so that
    /// line numbers still match the input.
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        origin: String,
        skipped_lines: usize,
        limit: u64,
    ) -> Self {
        JsonlStream {
            reader,
            origin,
            line: skipped_lines,
            buf: Vec::new(),
            started: false,
            done: false,
            limit,
        }
    }

    /// The next document or error of this source; `None` at its end.
    pub(crate) fn next_doc(
        &mut self,
        opts: &IngestOptions,
    ) -> Option<Result<Document, IngestError>> {
        while !self.done {
            self.buf.clear();
            // At most the limit plus the line feed is read into memory.
            let cap = self.limit.saturating_add(2);
            match (&mut self.reader)
                .take(cap)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => {
                    self.done = true;
                    // A file without a single document is an error, as an empty
                    // .txt file is (exit code 1 either way).
                    if !self.started {
                        return Some(Err(IngestError::Empty {
                            origin: self.origin.clone(),
                        }));
                    }
                }
                Ok(_) => {
                    self.line += 1;
                    let complete = self.buf.last() == Some(&b'\n');
                    let content_len = self.buf.len() as u64 - u64::from(complete);
                    if content_len > self.limit {
                        let origin = format!("{}:{}", self.origin, self.line);
                        let rest = if complete {
                            Ok(0)
                        } else {
                            skip_line(&mut self.reader)
                        };
                        let size = match rest {
                            Ok(rest) => content_len + rest,
                            Err(error) => {
                                self.done = true;
                                return Some(Err(IngestError::Io { origin, error }));
                            }
                        };
                        self.started = true;
                        self.buf = Vec::new();
                        return Some(Err(IngestError::TooLarge {
                            origin,
                            size,
                            at_least: false,
                            limit: self.limit,
                        }));
                    }
                    let mut bytes = self.buf.as_slice();
                    bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
                    bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                    bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if !self.started {
                        self.started = true;
                        if is_binary(bytes) {
                            self.done = true;
                            return Some(Err(IngestError::Binary {
                                origin: self.origin.clone(),
                            }));
                        }
                    }
                    return Some(parse_line(bytes, &self.origin, self.line, opts));
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(IngestError::Io {
                        origin: format!("{}:{}", self.origin, self.line + 1),
                        error,
                    }));
                }
            }
        }
        None
    }
}

/// Consumes the rest of a line (through its line feed) without keeping it; returns
/// how many bytes before the line feed were skipped.
fn skip_line(reader: &mut Box<dyn BufRead + Send>) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64);
            }
            None => {
                let n = buf.len();
                skipped += n as u64;
                reader.consume(n);
            }
        }
    }
}

/// One JSONL line (without its line end) into a document.
pub(crate) fn parse_line(
    bytes: &[u8],
    origin: &str,
    line: usize,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let bad = |msg: String| IngestError::BadJsonLine {
        origin: origin.to_string(),
        line,
        msg,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "invalid UTF-8 at byte {} of the line",
            e.valid_up_to()
        ))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| bad(json_error(&e)))?;
    let Value::Object(obj) = value else {
        return Err(bad(format!(
            "expected a JSON object, found {}",
            kind(&value)
        )));
    };

    let title = collapse_ws(
        &string_field(&obj, "title")
            .map_err(bad)?
            .unwrap_or_default(),
    );
    let content = match string_field(&obj, "content").map_err(bad)? {
        Some(c) if !c.trim().is_empty() => Some(c),
        _ => string_field(&obj, "text").map_err(bad)?,
    }
    .unwrap_or_default();
    let body = clean_lines(&content).join("\n");
    let body = body.trim();
    let line_origin = format!("{origin}:{line}");
    if title.is_empty() && body.is_empty() {
        return Err(IngestError::Empty {
            origin: line_origin,
        });
    }
    let id = match string_field(&obj, "id").map_err(bad)? {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => content_id(&title, body),
    };
    let non_empty = |key: &str| -> Result<Option<String>, IngestError> {
        Ok(string_field(&obj, key)
            .map_err(bad)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    };
    let url = non_empty("url")?;
    let source = non_empty("source")?;
    let published = match non_empty("published")?.as_deref().and_then(date_part) {
        Some(d) => Some(d),
        None => non_empty("date_extracted")?.as_deref().and_then(date_part),
    };

    let mut doc = Document::new(id, title, body);
    doc.origin = line_origin;
    doc.url = url;
    doc.source = source;
    doc.pub_date = opts.pub_date.or(published);
    Ok(doc)
}

/// A string field; integers are accepted (ids are sometimes numeric) and kept
/// exactly, `null` is absent. A number that is not an integer in the 64-bit range
/// (`1e3`, `2.5`, `18446744073709551616`) would be rounded, so it is refused.
fn string_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Some(Value::Number(n)) => Err(format!(
            "field `{key}` is the number {n}, which is not a 64-bit integer and would be \
             rounded; write it as a string"
        )),
        Some(other) => Err(format!("field `{key}` is {}, not a string", kind(other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its "at line 1 column N" (always line 1 here).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg.as_str(),
    };
    format!("{msg} at column {}", e.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(line: &str) -> Result<Document, IngestError> {
        parse_line(line.as_bytes(), "a.jsonl", 7, &IngestOptions::default())
    }

    #[test]
    fn full_record() {
        let doc = parse(
            r#"{"id":"x-1","title":" هجوم  في عدن ","content":"قتل شخص.\nشارك\nوأصيب آخر.","url":"https://e.org/1","source":"aden","published":"2023-01-05T10:00:00Z","date_extracted":"2023-02-01 00:00:00","author":"مراسل"}"#,
        )
        .expect("valid line");
        assert_eq!(doc.id, "x-1");
        assert_eq!(doc.title, "هجوم في عدن");
        assert_eq!(doc.body, "قتل شخص.\nوأصيب آخر.");
        assert_eq!(doc.url.as_deref(), Some("https://e.org/1"));
        assert_eq!(doc.source.as_deref(), Some("aden"));
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2023, 1, 5));
        assert_eq!(doc.origin, "a.jsonl:7");
    }

    #[test]
    fn text_field_date_extracted_and_hashed_id() {
        let doc =
            parse(r#"{"title":"عنوان","text":"نص الخبر","date_extracted":"2015-07-21 02:51:32"}"#)
                .expect("valid line");
        assert_eq!(doc.body, "نص الخبر");
        assert_eq!(doc.pub_date, NaiveDate::from_ymd_opt(2015, 7, 21));
        assert_eq!(doc.id, content_id("عنوان", "نص الخبر"));
        assert!(doc.id.starts_with("doc-"));
        let numeric = parse(r#"{"id":42,"title":"عنوان"}"#).expect("numeric id");
        assert_eq!((numeric.id.as_str(), numeric.body.as_str()), ("42", ""));
        let big = parse(r#"{"id":18446744073709551615,"title":"عنوان"}"#).expect("u64 max");
        assert_eq!(big.id, "18446744073709551615");
        let neg = parse(r#"{"id":-9223372036854775808,"title":"عنوان"}"#).expect("i64 min");
        assert_eq!(neg.id, "-9223372036854775808");
        for id in [
            "18446744073709551616",
            "123456789012345678901234567890",
            "2.5",
            "1e3",
        ] {
            let err = parse(&format!(r#"{{"id":{id},"title":"عنوان"}}"#)).expect_err(id);
            assert!(
                err.to_string()
                    .contains("not a 64-bit integer and would be rounded"),
                "{id}: {err}"
            );
        }
    }

    #[test]
    fn pub_date_option_overrides_the_line() {
        let opts = IngestOptions {
            pub_date: NaiveDate::from_ymd_opt(2020, 2, 2),
            ..IngestOptions::default()
        };
        let doc = parse_line(
            br#"{"id":"a","title":"t","published":"2019-01-01"}"#,
            "a",
            1,
            &opts,
        )
        .expect("valid");
        assert_eq!(doc.pub_date, opts.pub_date);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            (
                r#"{"id":"a","title":"t""#,
                "a.jsonl:7: bad JSON line: EOF while parsing an object at column 21",
            ),
            (
                "[1,2]",
                "a.jsonl:7: bad JSON line: expected a JSON object, found an array",
            ),
            (
                r#"{"id":"a","title":["t"]}"#,
                "a.jsonl:7: bad JSON line: field `title` is an array, not a string",
            ),
            (
                r#"{"id":"a","title":" ","content":""}"#,
                "a.jsonl:7: empty document",
            ),
        ];
        for (line, msg) in cases {
            let err = parse(line).expect_err(line);
            assert_eq!(err.to_string(), msg);
        }
        let err = parse_line(
            b"{\"title\":\"\xff\"}",
            "a.jsonl",
            3,
            &IngestOptions::default(),
        )
        .expect_err("bad utf-8");
        assert_eq!(
            err.to_string(),
            "a.jsonl:3: bad JSON line: invalid UTF-8 at byte 10 of the line"
        );
    }
}
