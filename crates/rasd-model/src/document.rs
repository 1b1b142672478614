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

/// The earliest publication date rasd accepts.
pub const PUB_DATE_MIN: (i32, u32, u32) = (1900, 1, 1);
/// The latest publication date rasd accepts: date arithmetic on relative expressions
/// ("قبل 30 عاما") stays far from chrono's limits.
pub const PUB_DATE_MAX: (i32, u32, u32) = (2199, 12, 31);

/// `date` if it is a plausible publication date (1900-01-01 to 2199-12-31), else a
/// message saying so.
pub fn check_pub_date(date: chrono::NaiveDate) -> Result<chrono::NaiveDate, String> {
    let day = |(y, m, d): (i32, u32, u32)| chrono::NaiveDate::from_ymd_opt(y, m, d);
    if day(PUB_DATE_MIN).is_some_and(|lo| date < lo)
        || day(PUB_DATE_MAX).is_some_and(|hi| date > hi)
    {
        Err(format!(
            "publication date {date} is outside {}-{:02}-{:02}..{}-{:02}-{:02}",
            PUB_DATE_MIN.0,
            PUB_DATE_MIN.1,
            PUB_DATE_MIN.2,
            PUB_DATE_MAX.0,
            PUB_DATE_MAX.1,
            PUB_DATE_MAX.2
        ))
    } else {
        Ok(date)
    }
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
    fn publication_dates_are_bounded() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(check_pub_date(d(2015, 7, 21)), Ok(d(2015, 7, 21)));
        assert!(check_pub_date(d(262_142, 12, 31)).is_err());
        assert!(check_pub_date(d(1899, 12, 31)).is_err());
        assert!(check_pub_date(d(2199, 12, 31)).is_ok());
    }

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
