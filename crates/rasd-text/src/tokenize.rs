//! Tokens with their proclitic splits.
//!
//! Arabic writes conjunctions (و، ف), prepositions (ب، ل، ك) and the article (ال) as
//! prefixes of the next word; ل + ال is written لل. A dictionary entry such as
//! "مديرية" or "الحزام الأمني" must therefore be tried against every stem a token can
//! have: بمديرية → ب + مديرية, للحزام → ل + (ا)ل + حزام. [`proclitic_splits`] lists those
//! stems, from the whole token to the shortest prefix-free one.

use crate::NormSpan;

/// Kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (Arabic or Latin).
    Word,
    /// ASCII digits (after normalization).
    Number,
    /// A single punctuation or symbol char.
    Punct,
}

/// One way to read a token as proclitics + stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CliticSplit {
    /// Byte offset of the stem inside the token.
    pub offset: usize,
    /// A conjunction و or ف was split off.
    pub conj: bool,
    /// The preposition split off (ب، ل or ك), if any.
    pub prep: Option<char>,
    /// The article ال was split off (also in the لل spelling).
    pub article: bool,
}

/// A token of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the normalized text.
    pub span: NormSpan,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Proclitic readings, shortest prefix first; the first is always offset 0.
    pub splits: Splits,
}

fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII are by far the most common: answer them without the
    // general Unicode table lookup.
    match c {
        '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | 'a'..='z' | 'A'..='Z' => true,
        '\u{0000}'..='\u{007F}' | '\u{060C}' | '\u{061B}' | '\u{061F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Splits normalized text into words, numbers and punctuation.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else if is_word_char(c) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(i, n)) = iter.peek() {
                let same = match kind {
                    TokenKind::Number => n.is_ascii_digit(),
                    _ => is_word_char(n),
                };
                if !same {
                    break;
                }
                end = i + n.len_utf8();
                iter.next();
            }
        }
        let splits = if kind == TokenKind::Word {
            proclitic_splits(&text[start..end])
        } else {
            Splits::whole()
        };
        tokens.push(Token {
            span: NormSpan::new(start, end),
            kind,
            splits,
        });
    }
    tokens
}

/// The proclitic readings of one token, kept inline: a word has at most four (whole,
/// without و/ف, without a preposition, without the article), and a `Vec` per token was
/// one allocation per word of every document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Splits {
    items: [CliticSplit; 4],
    len: u8,
}

impl Splits {
    /// The single reading of a token without proclitics (offset 0).
    pub fn whole() -> Splits {
        Splits {
            items: [CliticSplit::default(); 4],
            len: 1,
        }
    }

    /// Adds a reading unless it starts where the last one does.
    fn push(&mut self, split: CliticSplit) {
        let n = usize::from(self.len);
        if self.items[n - 1].offset != split.offset && n < self.items.len() {
            self.items[n] = split;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Splits {
    type Target = [CliticSplit];
    fn deref(&self) -> &[CliticSplit] {
        &self.items[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for Splits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Every proclitic reading of a normalized word whose stem keeps at least three letters.
///
/// ```
/// let splits = rasd_text::proclitic_splits("وللحوثيين");
/// let offsets: Vec<usize> = splits.iter().map(|s| s.offset).collect();
/// // و+للحوثيين, و+ل+لحوثيين (not kept: stem "لحوثيين" is spelled with the article),
/// // و+لل+حوثيين
/// assert_eq!(splits.last().unwrap().offset, "ولل".len());
/// assert!(splits.last().unwrap().article);
/// assert_eq!(offsets[0], 0);
/// ```
pub fn proclitic_splits(word: &str) -> Splits {
    // Only the first four letters can be proclitics; their byte offsets, and the letter count.
    let mut chars = ['\0'; 4];
    let mut starts = [0usize; 5];
    let mut n = 0;
    for (k, (at, c)) in word.char_indices().enumerate() {
        if k < 4 {
            chars[k] = c;
            starts[k] = at;
            starts[k + 1] = at + c.len_utf8();
        }
        n = k + 1;
    }
    let mut out = Splits::whole();
    let mut push = |i: usize, conj: bool, prep: Option<char>, article: bool| {
        if n >= i + 3 {
            out.push(CliticSplit {
                offset: starts[i],
                conj,
                prep,
                article,
            });
        }
    };
    let mut i = 0;
    let mut conj = false;
    if n >= 3 && matches!(chars[0], 'و' | 'ف') {
        conj = true;
        i = 1;
        if n == 3 {
            // "وحث"، "ودك"، "وشن": the conjunction before a doubled verb of two letters.
            // Nothing else splits off a word that short.
            out.push(CliticSplit {
                offset: starts[1],
                conj,
                prep: None,
                article: false,
            });
            return out;
        }
        push(i, conj, None, false);
    }
    // ل + ال is written لل.
    if n > i + 3 && chars[i] == 'ل' && chars[i + 1] == 'ل' {
        push(i + 1, conj, Some('ل'), false);
        push(i + 2, conj, Some('ل'), true);
        return out;
    }
    let mut prep = None;
    if n > i + 2 && matches!(chars[i], 'ب' | 'ل' | 'ك') {
        prep = Some(chars[i]);
        i += 1;
        push(i, conj, prep, false);
    }
    if n > i + 3 && chars[i] == 'ا' && chars[i + 1] == 'ل' {
        push(i + 2, conj, prep, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn stems(word: &str) -> Vec<String> {
        proclitic_splits(word)
            .iter()
            .map(|s| word[s.offset..].to_string())
            .collect()
    }

    #[test]
    fn splits_prepositions_article_and_conjunction() {
        let w = normalize("بالعاصمة");
        assert_eq!(stems(w.as_str()), ["بالعاصمه", "العاصمه", "عاصمه"]);
        assert_eq!(stems("للجنه"), ["للجنه", "لجنه", "جنه"]);
        assert_eq!(stems("لتنظيم"), ["لتنظيم", "تنظيم"]);
        assert_eq!(stems("بمديريه"), ["بمديريه", "مديريه"]);
        assert_eq!(stems("وقيادات"), ["وقيادات", "قيادات"]);
        assert_eq!(stems("والحوثيين"), ["والحوثيين", "الحوثيين", "حوثيين"]);
    }

    #[test]
    fn marks_article_in_lam_lam_spelling() {
        let splits = proclitic_splits("للحوثيين");
        let last = splits.last().unwrap();
        assert_eq!(&"للحوثيين"[last.offset..], "حوثيين");
        assert!(last.article);
        assert_eq!(last.prep, Some('ل'));
    }

    #[test]
    fn short_words_keep_their_letters() {
        // و before a two-letter word is also read as the conjunction ("وحث"، "وإب"), the
        // whole word staying the first reading.
        assert_eq!(stems("وقد"), ["وقد", "قد"]);
        assert_eq!(stems("وإب"), ["وإب", "إب"]);
        assert_eq!(stems("بين"), ["بين"]);
        assert_eq!(stems("الي"), ["الي"]);
    }

    #[test]
    fn tokenizes_words_numbers_and_punctuation() {
        let text = "قتل 7 جنود، في 2023م.";
        let kinds: Vec<(String, TokenKind)> = tokenize(text)
            .into_iter()
            .map(|t| (text[t.span.start..t.span.end].to_string(), t.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("قتل".into(), TokenKind::Word),
                ("7".into(), TokenKind::Number),
                ("جنود".into(), TokenKind::Word),
                ("،".into(), TokenKind::Punct),
                ("في".into(), TokenKind::Word),
                ("2023".into(), TokenKind::Number),
                ("م".into(), TokenKind::Word),
                (".".into(), TokenKind::Punct),
            ]
        );
    }
}
