//! Sentence and clause segmentation.
//!
//! Arabic news sentences are long and chained with "و" and "،"; an event's arguments
//! usually sit in one clause. Sentences end at . ! ? and line breaks (a dot between
//! digits is a decimal point). Clauses additionally end at ، , ; : and before the
//! connectives حيث and بينما, which introduce a new proposition.

use crate::NormSpan;

/// A sentence or clause: a byte range of the normalized text, trimmed of spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Bytes of the normalized text.
    pub span: NormSpan,
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Segment>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Segment {
            span: NormSpan::new(start + lead, end - trail),
        });
    }
}

/// Splits normalized text into sentences.
pub fn sentences(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end_here = match c {
            '\n' | '!' | '?' => true,
            '.' => {
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                !(prev_digit && next_digit)
            }
            _ => false,
        };
        if end_here {
            let end = if c == '\n' { i } else { i + 1 };
            push_trimmed(text, start, end, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Words that open a new clause: "where", "while", "but", "whereas", "except that"
/// (normalized spelling).
const CONNECTIVES: [&str; 9] = [
    "حيث",
    "بينما",
    "لكن",
    "ولكن",
    "لكنه",
    "لكنها",
    "لكنهم",
    "في حين",
    "الا ان",
];

/// Splits each sentence into clauses.
pub fn clauses(text: &str, sentences: &[Segment]) -> Vec<Segment> {
    let mut out = Vec::new();
    for sentence in sentences {
        let (base, end) = (sentence.span.start, sentence.span.end);
        let s = &text[base..end];
        let mut start = 0;
        let mut prev_space = true;
        for (i, c) in s.char_indices() {
            if matches!(c, '،' | ',' | ';' | ':') {
                push_trimmed(text, base + start, base + i + c.len_utf8(), &mut out);
                start = i + c.len_utf8();
            } else if prev_space && i > start && starts_with_connective(&s[i..]) {
                push_trimmed(text, base + start, base + i, &mut out);
                start = i;
            }
            prev_space = c.is_whitespace();
        }
        push_trimmed(text, base + start, end, &mut out);
    }
    out
}

fn starts_with_connective(rest: &str) -> bool {
    CONNECTIVES.iter().any(|w| {
        rest.starts_with(w)
            && rest[w.len()..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, segs: &[Segment]) -> Vec<String> {
        segs.iter()
            .map(|s| text[s.span.start..s.span.end].to_string())
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_and_lines_but_not_decimals() {
        let text = "عنوان الخبر\n\nقتل 2.5 الف. واصيب اخرون! هل? نعم";
        assert_eq!(
            pieces(text, &sentences(text)),
            ["عنوان الخبر", "قتل 2.5 الف.", "واصيب اخرون!", "هل?", "نعم"]
        );
    }

    #[test]
    fn clauses_split_at_commas_and_connectives() {
        let text = "ونفذ التنظيم هجوما، مساء الجمعة، علي معسكر حيث دارت مواجهات.";
        let s = sentences(text);
        assert_eq!(
            pieces(text, &clauses(text, &s)),
            [
                "ونفذ التنظيم هجوما،",
                "مساء الجمعة،",
                "علي معسكر",
                "حيث دارت مواجهات."
            ]
        );
    }
}
