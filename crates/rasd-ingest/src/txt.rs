//! Plain-text articles: the first non-empty line is the title, the rest is the body.

use rasd_model::Document;

use crate::boilerplate::clean_lines;
use crate::decode::{content_id, decode};
use crate::{IngestError, IngestOptions};

/// Reads one `.txt` article. `id` is the file stem; `None` (stdin) derives a content id.
pub(crate) fn parse_txt(
    bytes: &[u8],
    origin: &str,
    id: Option<&str>,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let text = decode(bytes, origin)?;
    let lines = clean_lines(text);
    let mut rest = lines.iter().skip_while(|l| l.trim().is_empty());
    let Some(title) = rest.next() else {
        return Err(IngestError::Empty {
            origin: origin.to_string(),
        });
    };
    let title = title.trim();
    let body_lines: Vec<&str> = rest.copied().skip_while(|l| l.trim().is_empty()).collect();
    let body = body_lines.join("\n");
    let body = body.trim_end();
    let id = match id {
        Some(id) => id.to_string(),
        None => content_id(title, body),
    };
    let mut doc = Document::new(id, title, body);
    doc.origin = origin.to_string();
    doc.pub_date = opts.pub_date;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document, IngestError> {
        parse_txt(
            text.as_bytes(),
            "t.txt",
            Some("t"),
            &IngestOptions::default(),
        )
    }

    #[test]
    fn title_is_the_first_non_empty_line() {
        // "Clashes in Taiz" / "Two killed in clashes on Friday."
        let doc = parse(
            "\u{feff}\n  اشتباكات في تعز \r\n\r\n\r\nقتل اثنان في اشتباكات يوم الجمعة.\r\nشارك\r\n",
        )
        .expect("valid txt");
        assert_eq!(doc.title, "اشتباكات في تعز");
        assert_eq!(doc.body, "قتل اثنان في اشتباكات يوم الجمعة.");
        assert_eq!(
            doc.text,
            "اشتباكات في تعز\n\nقتل اثنان في اشتباكات يوم الجمعة."
        );
        assert_eq!((doc.id.as_str(), doc.origin.as_str()), ("t", "t.txt"));
    }

    #[test]
    fn title_only_gives_an_empty_body() {
        let doc = parse("عنوان فقط").expect("title only is fine");
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("عنوان فقط", ""));
    }

    #[test]
    fn whitespace_and_boilerplate_only_is_empty() {
        for text in ["", " \n\t\r\n", "\u{feff}", "Exit mobile version\n\nشارك\n"] {
            let err = parse(text).expect_err("empty");
            assert!(matches!(err, IngestError::Empty { .. }), "{text:?}: {err}");
            assert_eq!(err.to_string(), "t.txt: empty document");
        }
    }

    #[test]
    fn stdin_text_gets_a_content_id() {
        let opts = IngestOptions::default();
        let a = parse_txt("عنوان\nنص".as_bytes(), "<stdin>", None, &opts).expect("ok");
        let b = parse_txt("عنوان\n\n\nنص\n".as_bytes(), "<stdin>", None, &opts).expect("ok");
        assert!(a.id.starts_with("doc-"));
        assert_eq!(a.id, b.id);
    }
}
