//! Bytes to text: binary sniffing, UTF-8 validation with the offending byte offset, BOM
//! removal, and the stable content id used when an input gives no id.

use crate::IngestError;

/// How many leading bytes are inspected for binary content.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// True for data that is not text: a NUL byte in the first [`SNIFF_LEN`] bytes, or more
/// than 30% control bytes there (tab, line feed, form feed and carriage return are text).
/// UTF-16 files have NULs and land here too.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > sample.len() * 3
}

/// Validates UTF-8 and strips a leading BOM. Binary data is rejected before UTF-8 is
/// checked, so a binary file reports [`IngestError::Binary`], not a bad byte.
pub(crate) fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, IngestError> {
    if is_binary(bytes) {
        return Err(IngestError::Binary {
            origin: origin.to_string(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        origin: origin.to_string(),
        byte: e.valid_up_to(),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// `doc-` + 16 hex digits of [`rasd_model::stable_hash_hex`] over the normalized content:
/// the words of title and body joined by single spaces, without bidi and zero-width
/// marks, so re-wrapped or re-indented copies of an article get the same id.
pub(crate) fn content_id(title: &str, body: &str) -> String {
    let mut normalized = String::with_capacity(title.len() + body.len() + 1);
    for word in title.split_whitespace().chain(body.split_whitespace()) {
        let word = word.trim_matches(is_invisible);
        if word.is_empty() {
            continue;
        }
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.extend(word.chars().filter(|&c| !is_invisible(c)));
    }
    format!("doc-{}", rasd_model::stable_hash_hex(&[&normalized], 8))
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// Whitespace runs collapsed to one space, ends trimmed: for titles and HTML lines.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `YYYY-MM-DD` at the start of an ISO date or `YYYY-MM-DD hh:mm:ss` timestamp.
pub(crate) fn date_part(s: &str) -> Option<chrono::NaiveDate> {
    let head = s.trim().get(..10)?;
    let date = chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?;
    rasd_model::check_pub_date(date).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_text_are_told_apart() {
        assert!(is_binary(b"abc\0def"));
        assert!(is_binary(&[1, 2, 3, 4, 5, b'a']));
        assert!(!is_binary("سطر أول\r\n\tسطر ثان\n".as_bytes()));
        assert!(!is_binary(b""));
    }

    #[test]
    fn decode_reports_the_bad_byte_and_strips_the_bom() {
        assert_eq!(decode("\u{feff}خبر".as_bytes(), "a.txt").ok(), Some("خبر"));
        let mut bytes = "\u{feff}خبر ".as_bytes().to_vec();
        bytes.push(0xff);
        let err = decode(&bytes, "a.txt").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("a.txt: invalid UTF-8 at byte 10"));
    }

    #[test]
    fn content_id_ignores_layout() {
        let a = content_id("عنوان", "نص  الخبر\n\nفقرة");
        let b = content_id(" عنوان\u{200f} ", "نص الخبر فقرة");
        assert_eq!(a, b);
        assert_eq!(a.len(), "doc-".len() + 16);
        assert_ne!(a, content_id("عنوان", "نص آخر"));
    }

    #[test]
    fn date_part_reads_iso_and_timestamps() {
        let d = chrono::NaiveDate::from_ymd_opt(2015, 7, 21);
        assert_eq!(date_part("2015-07-21 02:51:32"), d);
        assert_eq!(date_part("2015-07-21T02:51:32+03:00"), d);
        assert_eq!(date_part("2015-07-21"), d);
        assert_eq!(date_part("21/07/2015"), None);
        assert_eq!(date_part("٢٠١٥"), None);
    }
}
