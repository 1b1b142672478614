use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of char offsets into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SrcSpan {
    /// First char of the span.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl SrcSpan {
    /// A span; `end` is raised to `start` if smaller.
    pub fn new(start: usize, end: usize) -> Self {
        SrcSpan {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: SrcSpan) -> SrcSpan {
        SrcSpan::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Number of chars.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span holds no char.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the spans share at least one char.
    pub fn overlaps(self, other: SrcSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One ingested article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Given id, else a stable hash of the normalized content.
    pub id: String,
    /// Title (may be empty).
    pub title: String,
    /// Body text, boilerplate removed.
    pub body: String,
    /// `title + "\n\n" + body`: the text every span points into.
    pub text: String,
    /// Where the article came from, if known.
    pub url: Option<String>,
    /// Outlet name (e.g. `aawsat`), if known.
    pub source: Option<String>,
    /// Publication date, if known.
    pub pub_date: Option<NaiveDate>,
    /// Human-readable origin for messages: a path, `path:line` or `<stdin>`.
    pub origin: String,
}

impl Document {
    /// Builds a document, composing [`Document::text`] from title and body.
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Self {
        let title = title.into();
        let body = body.into();
        let text = format!("{title}\n\n{body}");
        Document {
            id: id.into(),
            title,
            body,
            text,
            url: None,
            source: None,
            pub_date: None,
            origin: String::new(),
        }
    }

    /// The slice of [`Document::text`] covered by `span` (chars, clamped to the text).
    pub fn slice(&self, span: SrcSpan) -> String {
        self.text
            .chars()
            .skip(span.start)
            .take(span.end.saturating_sub(span.start))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_title_and_body_and_slices_by_char() {
        let doc = Document::new("d1", "عنوان", "نص الخبر");
        assert_eq!(doc.text, "عنوان\n\nنص الخبر");
        assert_eq!(doc.slice(SrcSpan::new(7, 9)), "نص");
        assert_eq!(
            SrcSpan::new(1, 3).cover(SrcSpan::new(5, 8)),
            SrcSpan::new(1, 8)
        );
    }
}
