//! Normalization with an offset map.
//!
//! The folding table follows how Arabic news text varies in practice: writers and
//! keyboards alternate between أ/إ/آ/ا, ة/ه and ى/ي at word ends, add or omit diacritics,
//! stretch words with tatweel and mix Arabic-Indic, Persian and ASCII digits. All of these
//! are folded for *matching only*; public spans always point into the original text,
//! so evidence stays verbatim.

use rasd_model::SrcSpan;

/// A half-open byte range of the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NormSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl NormSpan {
    /// A span; `end` is raised to `start` if smaller.
    pub fn new(start: usize, end: usize) -> Self {
        NormSpan {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: NormSpan) -> NormSpan {
        NormSpan::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies inside `self`.
    pub fn contains(self, other: NormSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the spans share a byte.
    pub fn overlaps(self, other: NormSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Normalized text plus, for every byte of it, where it came from in the original.
///
/// Invariant: `src_start.len() == src_end.len() == text.len() + 1`; both are
/// non-decreasing; for every char of `text` the source range is non-empty.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    src_start: Vec<u32>,
    src_end: Vec<u32>,
    src_len: usize,
    /// Normalized byte offsets of the ي that stand for a source ى: the preposition على
    /// and the name علي differ only there.
    maqsura: Vec<u32>,
}

impl Normalized {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The normalized ي at byte `pos` was written ى (alif maqsura) in the source.
    pub fn was_maqsura(&self, pos: usize) -> bool {
        u32::try_from(pos).is_ok_and(|p| self.maqsura.binary_search(&p).is_ok())
    }

    /// Number of chars of the original text.
    pub fn src_len(&self) -> usize {
        self.src_len
    }

    /// Maps a normalized byte span to the char span of the original text it came from.
    /// Diacritics and tatweel right after the span's last letter are included, so a
    /// word's evidence keeps its vowel marks.
    pub fn to_src(&self, span: NormSpan) -> SrcSpan {
        let start = span.start.min(self.text.len());
        let end = span.end.min(self.text.len());
        if end <= start {
            let at = self.src_start[start] as usize;
            return SrcSpan::new(at, at);
        }
        SrcSpan::new(
            self.src_start[start] as usize,
            self.src_end[end - 1] as usize,
        )
    }
}

/// What one source char becomes.
enum Fold {
    Drop,
    One(char),
    Two(char, char),
}

fn fold(c: char) -> Fold {
    match c {
        // Harakat, tanwin, shadda, sukun, Quranic marks, superscript alef.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        // Tatweel and invisible formatting (ZWSP..RLM, bidi embeddings and isolates, BOM).
        '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        // Lam-alef presentation ligatures.
        '\u{FEF5}'..='\u{FEFC}' => Fold::Two('ل', 'ا'),
        other => Fold::One(fold_char(other)),
    }
}

/// Folds a single char (no removals): alef forms, ta marbuta, alef maqsura, hamza seats,
/// Persian letters, digits, quotes, dashes and spaces. Latin letters are lower-cased.
pub fn fold_char(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' | 'ې' => 'ي',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '“' | '”' | '«' | '»' | '„' | '‟' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '–' | '—' | '‒' | '―' | '−' | '‐' => '-',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '٫' => '.',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    }
}

/// Normalizes `src` and records the offset map.
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut src_start: Vec<u32> = Vec::with_capacity(src.len() + 1);
    let mut src_end: Vec<u32> = Vec::with_capacity(src.len() + 1);
    let mut src_len = 0usize;
    let mut maqsura = Vec::new();
    for (i, c) in src.chars().enumerate() {
        src_len = i + 1;
        let i = i as u32;
        let mut push = |out: char, text: &mut String| {
            // Every byte of the folded char maps to source char `i`.
            let n = out.len_utf8();
            text.push(out);
            src_start.extend_from_slice(&[i; 4][..n]);
            src_end.extend_from_slice(&[i + 1; 4][..n]);
        };
        match fold(c) {
            Fold::Drop => {
                // A removed mark belongs to the letter before it: extend that letter's end.
                if let Some(last) = text.chars().next_back() {
                    let n = last.len_utf8();
                    let len = src_end.len();
                    for e in &mut src_end[len - n..] {
                        *e = i + 1;
                    }
                }
            }
            Fold::One(o) => {
                if c == 'ى' {
                    maqsura.push(text.len() as u32);
                }
                push(o, &mut text)
            }
            Fold::Two(a, b) => {
                push(a, &mut text);
                push(b, &mut text);
            }
        }
    }
    src_start.push(src_len as u32);
    src_end.push(src_len as u32);
    Normalized {
        text,
        src_start,
        src_end,
        src_len,
        maqsura,
    }
}

/// The normalized form of a dictionary key: [`normalize`]d, with runs of whitespace and
/// punctuation other than `-` collapsed to one space and trimmed.
pub fn normalize_key(s: &str) -> String {
    let norm = normalize(s);
    let mut out = String::with_capacity(norm.as_str().len());
    let mut space = false;
    for c in norm.as_str().chars() {
        if c.is_alphanumeric() || c == '-' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn src_slice(src: &str, span: SrcSpan) -> String {
        src.chars().skip(span.start).take(span.len()).collect()
    }

    #[test]
    fn folds_hamza_ta_marbuta_maqsura_and_removes_marks() {
        let n = normalize("إبرام اتفاقيةٍ في مأربَ على الـحدود");
        assert_eq!(n.as_str(), "ابرام اتفاقيه في مارب علي الحدود");
    }

    #[test]
    fn folds_digits_and_punctuation() {
        let n = normalize("قتل ٣٢ و۱۲ «عنصراً»، ٢٠٢٣م؛ – لماذا؟");
        assert_eq!(n.as_str(), "قتل 32 و12 \"عنصرا\"، 2023م; - لماذا?");
    }

    #[test]
    fn expands_lam_alef_ligature_and_maps_back() {
        let src = "\u{FEFB}جئين";
        let n = normalize(src);
        assert_eq!(n.as_str(), "لاجيين");
        assert_eq!(n.to_src(NormSpan::new(0, 2)), SrcSpan::new(0, 1));
    }

    #[test]
    fn span_end_keeps_trailing_diacritics_and_tatweel() {
        let src = "عُقِدَ اجتمـــاعٌ";
        let n = normalize(src);
        assert_eq!(n.as_str(), "عقد اجتماع");
        let start = n.as_str().find("اجتماع").unwrap();
        let span = n.to_src(NormSpan::new(start, n.as_str().len()));
        assert_eq!(src_slice(src, span), "اجتمـــاعٌ");
        let span = n.to_src(NormSpan::new(0, "عقد".len()));
        assert_eq!(src_slice(src, span), "عُقِدَ");
    }

    #[test]
    fn key_collapses_spaces_and_punctuation() {
        assert_eq!(normalize_key("  مأرب،  الوادي "), "مارب الوادي");
        assert_eq!(normalize_key("Sana'a City"), "sana a city");
    }

    proptest! {
        #[test]
        fn normalization_is_idempotent(s in "\\PC{0,60}") {
            let once = normalize(&s);
            let twice = normalize(once.as_str());
            prop_assert_eq!(once.as_str(), twice.as_str());
        }

        #[test]
        fn offset_map_is_monotonic_and_in_bounds(s in "[\\u0600-\\u06FF \\u0640\\uFEFB a-z0-9،.]{0,80}") {
            let n = normalize(&s);
            let text = n.as_str();
            let mut last = 0;
            for (b, c) in text.char_indices() {
                let span = n.to_src(NormSpan::new(b, b + c.len_utf8()));
                prop_assert!(span.start >= last);
                prop_assert!(!span.is_empty());
                prop_assert!(span.end <= n.src_len());
                last = span.start;
            }
        }

        #[test]
        fn prefixing_a_char_shifts_every_span_by_one(s in "[\\u0621-\\u064A\\u064B\\u0640 ]{1,40}") {
            let a = normalize(&s);
            let b = normalize(&format!("x{s}"));
            for (i, c) in a.as_str().char_indices() {
                let sa = a.to_src(NormSpan::new(i, i + c.len_utf8()));
                let sb = b.to_src(NormSpan::new(i + 1, i + 1 + c.len_utf8()));
                prop_assert_eq!(sa.start + 1, sb.start);
                prop_assert_eq!(sa.end + 1, sb.end);
            }
        }
    }
}
