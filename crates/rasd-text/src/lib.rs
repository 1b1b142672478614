//! The Arabic text layer of rasd.
//!
//! [`analyze`] turns a document's text into an [`Analyzed`] value:
//!
//! * a normalized copy of the text ([`Normalized`]) in which spelling variants that news
//!   writers use interchangeably are folded (hamza/madda alef forms → ا, ة → ه, ى → ي,
//!   diacritics and tatweel removed, Arabic-Indic and Persian digits → ASCII, typographic
//!   quotes and dashes → ASCII), together with an offset map back to the original;
//! * tokens ([`Token`]) with their possible proclitic splits (و ف ب ل ك ال لل) so that
//!   dictionary entries match بالعاصمة، للجنة، لتنظيم، بمديرية، وقيادات;
//! * sentences and clauses ([`Segment`]) as byte ranges of the normalized text.
//!
//! Inside the pipeline positions are [`NormSpan`]s (byte offsets into the normalized
//! string, so automata and regexes can work on it directly); [`Normalized::to_src`] is the
//! only way to turn them into public [`rasd_model::SrcSpan`]s (char offsets into the
//! original text).
//!
//! ```
//! let analyzed = rasd_text::analyze("وقُتل جنديان بمديرية المحفد.");
//! assert_eq!(analyzed.norm.as_str(), "وقتل جنديان بمديريه المحفد.");
//! let stems: Vec<&str> = analyzed.tokens.iter().map(|t| analyzed.stem(t)).collect();
//! assert_eq!(stems[2], "مديريه");
//! ```
#![warn(missing_docs)]

mod normalize;
mod segment;
mod tokenize;

pub use normalize::{fold_char, normalize, normalize_key, NormSpan, Normalized};
pub use segment::{clauses, sentences, Segment};
pub use tokenize::{proclitic_splits, tokenize, CliticSplit, Splits, Token, TokenKind};

/// A document's text, normalized, tokenized and segmented.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// Normalized text and the map back to the original.
    pub norm: Normalized,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Segment>,
    /// Clauses in text order; each lies inside one sentence.
    pub clauses: Vec<Segment>,
}

impl Analyzed {
    /// The normalized text of a span.
    pub fn text(&self, span: NormSpan) -> &str {
        &self.norm.as_str()[span.start..span.end]
    }

    /// The token's stem: the token without its longest proclitic split.
    pub fn stem(&self, token: &Token) -> &str {
        let split = token.splits.last().copied().unwrap_or_default();
        &self.norm.as_str()[token.span.start + split.offset..token.span.end]
    }

    /// Index of the sentence holding byte `pos` of the normalized text.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        segment_at(&self.sentences, pos)
    }

    /// Index of the clause holding byte `pos` of the normalized text.
    pub fn clause_at(&self, pos: usize) -> Option<usize> {
        segment_at(&self.clauses, pos)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

fn segment_at(segments: &[Segment], pos: usize) -> Option<usize> {
    let i = segments.partition_point(|s| s.span.end <= pos);
    (i < segments.len() && segments[i].span.start <= pos).then_some(i)
}

/// Normalizes, tokenizes and segments `text`.
pub fn analyze(text: &str) -> Analyzed {
    let norm = normalize(text);
    let tokens = tokenize(norm.as_str());
    let sentences = sentences(norm.as_str());
    let clauses = clauses(norm.as_str(), &sentences);
    Analyzed {
        norm,
        tokens,
        sentences,
        clauses,
    }
}
