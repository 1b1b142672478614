//! No input makes the readers panic: arbitrary bytes as stdin (sniffed as text,
//! HTML or JSONL), HTML-like markup, and JSONL lines with arbitrary values and
//! dates, under a small document limit. A small case count keeps CI fast.

use proptest::prelude::*;
use rasd_ingest::{read_reader, IngestError, IngestOptions};

fn opts(limit: u64) -> IngestOptions {
    IngestOptions {
        max_doc_bytes: limit,
        ..IngestOptions::default()
    }
}

/// Reads `bytes` as a stream; every item is a document with its title and body in
/// its text, or an error that names the stream.
fn read(bytes: Vec<u8>, limit: u64) -> Result<(), TestCaseError> {
    for item in read_reader(std::io::Cursor::new(bytes), "<stdin>", &opts(limit)) {
        match item {
            Ok(doc) => {
                prop_assert!(doc.text.contains(&doc.body));
                prop_assert!(doc.text.starts_with(&doc.title));
                if let Some(d) = doc.pub_date {
                    prop_assert!(rasd_model::check_pub_date(d).is_ok(), "{d}");
                }
            }
            Err(e) => {
                prop_assert!(e.to_string().starts_with("<stdin>"), "{e}");
                if let IngestError::TooLarge { limit: l, .. } = e {
                    prop_assert_eq!(l, limit);
                }
            }
        }
    }
    Ok(())
}

/// Tags, attributes, entities, comments and text in any order and nesting.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "<(div|p|span|b|article|main|body|html|table|tr|td|li|ul|script|style|title|h1|br|img|meta|template|svg|math|select|option|frameset)( [a-z-]{1,8}(=\"[^\"]{0,12}\")?){0,2}/?>",
        "</(div|p|span|b|article|main|body|html|table|tr|td|li|ul|script|style|title|h1|template|svg)>",
        "<!--[^>]{0,10}-->",
        "&(amp|lt|gt|#[0-9]{1,8}|#x[0-9a-fA-F]{1,8}|nbsp);?",
        "[\\u0621-\\u064A ،.a-z<>\"'=/!-]{0,20}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600), limit in 1u64..800) {
        read(bytes, limit)?;
    }

    #[test]
    fn html_like_markup(page in markup()) {
        read(format!("<!doctype html>{page}").into_bytes(), 1 << 20)?;
    }

    #[test]
    fn jsonl_lines_with_any_values(
        lines in prop::collection::vec(
            (
                prop_oneof![
                    any::<i64>().prop_map(|n| n.to_string()),
                    any::<u64>().prop_map(|n| n.to_string()),
                    any::<f64>().prop_map(|n| format!("{n:?}")),
                    "[0-9]{15,40}",
                    "\"[^\"\\\\]{0,12}\"",
                    Just("null".to_string()),
                    Just("[1,{}]".to_string()),
                ],
                "[^\"\\\\\\n]{0,40}",
                prop_oneof![
                    "[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}(T[0-9:]{0,8})?",
                    "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}",
                    "[^\"\\\\\\n]{0,12}",
                ],
            ),
            0..6,
        ),
        junk in "[^\\n]{0,30}",
    ) {
        let mut input = String::new();
        for (id, title, date) in &lines {
            input += &format!("{{\"id\":{id},\"title\":\"{title}\",\"content\":\"{title} {title}\",\"published\":\"{date}\"}}\n");
        }
        input += &format!("{{{junk}\n");
        read(input.into_bytes(), 1 << 20)?;
    }

    #[test]
    fn any_bytes_after_a_brace(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut input = b"{".to_vec();
        input.extend(bytes);
        read(input, 300)?;
    }
}
