//! Token-aligned phrase matching with one Aho-Corasick automaton.
//!
//! Design: every entry is normalized with [`rasd_text::normalize_key`] and re-tokenized, and its
//! tokens are joined with single spaces. At search time the document's tokens are written the same
//! way into one haystack (one allocation per document). An entry can only start where a token or
//! one of its proclitic splits starts (بمديرية → مديرية), so the automaton is anchored and walked
//! from those positions only, never through the middle of words; each walk stops as soon as no
//! entry continues (usually after a few bytes). An occurrence is kept when it ends at a token end
//! (or anywhere inside the last token for a `*` entry).
//!
//! Arabic writes ل + ال as لل (للحوثيين; ل + اللجنة → للجنة), so an entry that starts with the
//! article ال is also compiled without its alef ("لحوثيين", "لجنه"), which is only accepted right
//! after the preposition ل of a token spelled with لل. Such matches report a split with both
//! `prep == Some('ل')` and `article == true`, whose stem starts after the preposition.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rasd_text::{normalize_key, tokenize, Analyzed, CliticSplit, NormSpan};

#[derive(Debug, Clone, Copy)]
struct Variant {
    payload: u32,
    /// Compiled from an entry with the article, to be found in the لل spelling.
    fused: bool,
    /// The entry ended in `*`: its last word is a prefix.
    prefix: bool,
}

/// A raw, validated occurrence of an entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawMatch {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token.
    pub last: usize,
    /// Whole tokens, proclitics included.
    pub span: NormSpan,
    /// Proclitics of the first token.
    pub split: CliticSplit,
    /// The entry's payload.
    pub payload: u32,
}

impl RawMatch {
    pub(crate) fn stem_span(&self) -> NormSpan {
        NormSpan::new(self.span.start + self.split.offset, self.span.end)
    }
}

/// The key an entry is compiled to: normalized, tokens joined by single spaces.
pub(crate) fn pattern_key(form: &str) -> String {
    let key = normalize_key(form);
    let mut out = String::with_capacity(key.len());
    for t in tokenize(&key) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&key[t.span.start..t.span.end]);
    }
    out
}

/// Collects entries, then compiles them into a [`Core`].
#[derive(Debug, Clone, Default)]
pub(crate) struct CoreBuilder {
    index: HashMap<String, usize>,
    variants: Vec<Vec<Variant>>,
}

impl CoreBuilder {
    /// Adds a raw surface form; a trailing `*` makes its last word a prefix. Returns false when
    /// the form normalizes to nothing.
    pub(crate) fn add(&mut self, form: &str, payload: u32) -> bool {
        let trimmed = form.trim();
        let (body, prefix) = match trimmed.strip_suffix('*') {
            Some(body) => (body, true),
            None => (trimmed, false),
        };
        let key = pattern_key(body);
        if key.is_empty() {
            return false;
        }
        if let Some(rest) = key.strip_prefix("ال") {
            if rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
                // ل + الحوثيين → للحوثيين; ل + اللجنة → للجنة (the article's lam merges).
                let fused = if rest.starts_with('ل') {
                    rest.to_string()
                } else {
                    format!("ل{rest}")
                };
                self.push(
                    fused,
                    Variant {
                        payload,
                        fused: true,
                        prefix,
                    },
                );
            }
        }
        self.push(
            key,
            Variant {
                payload,
                fused: false,
                prefix,
            },
        );
        true
    }

    fn push(&mut self, key: String, v: Variant) {
        let next = self.variants.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.variants.push(Vec::new());
        }
        self.variants[i].push(v);
    }

    pub(crate) fn build(&self) -> Core {
        let mut keys: Vec<(usize, &str)> =
            self.index.iter().map(|(k, &i)| (i, k.as_str())).collect();
        keys.sort_unstable();
        // A contiguous NFA, walked anchored from token starts only (never through its failure
        // transitions): a quarter of a full DFA's memory, so its states stay in cache. The
        // first five bytes (two letters and a half) get dense transitions: an Arabic letter's
        // second byte has dozens of continuations there, which a sparse state scans one by
        // one (measured with `rasd bench`: depth 5 beats 3, 4, 6 and 8).
        let ac = NFA::builder()
            .match_kind(MatchKind::Standard)
            .dense_depth(5)
            .build(keys.iter().map(|&(_, k)| k))
            .expect("dictionary automaton fits the default limits");
        Core {
            ac,
            variants: self.variants.clone(),
        }
    }
}

/// A compiled matcher.
#[derive(Debug, Clone)]
pub(crate) struct Core {
    ac: NFA,
    variants: Vec<Vec<Variant>>,
}

impl Core {
    /// Every validated occurrence, in automaton order.
    pub(crate) fn find(&self, a: &Analyzed) -> Vec<RawMatch> {
        let norm = a.norm.as_str();
        let mut hay = String::with_capacity(norm.len() + a.tokens.len());
        let mut starts = Vec::with_capacity(a.tokens.len());
        for t in &a.tokens {
            starts.push(hay.len());
            hay.push_str(&norm[t.span.start..t.span.end]);
            hay.push(' ');
        }
        let mut found = Vec::new();
        self.walk_from_token_starts(a, hay.as_bytes(), &starts, &mut found);
        // In the order an unanchored overlapping search reports them (by end, longest first):
        // later stages let a later mention at the same token overwrite an earlier one.
        found.sort_unstable_by_key(|&(s, e, _)| (e, s));
        let mut out = Vec::new();
        for (s, e, pattern) in found {
            let first = starts.partition_point(|&c| c <= s) - 1;
            let ftok = &a.tokens[first];
            let offset = s - starts[first];
            if offset >= ftok.span.end - ftok.span.start {
                continue;
            }
            let last = starts.partition_point(|&c| c < e) - 1;
            let ltok = &a.tokens[last];
            let at_end = e - starts[last] == ltok.span.end - ltok.span.start;
            for v in &self.variants[pattern] {
                if !at_end && !v.prefix {
                    continue;
                }
                // The fused form is found right after the preposition ل of a لل token; it is
                // reported as that split with the article marked.
                let split = ftok
                    .splits
                    .iter()
                    .find(|sp| {
                        sp.offset == offset
                            && !sp.article
                            && (!v.fused || (sp.prep == Some('ل') && is_lam_lam(a, ftok, offset)))
                    })
                    .map(|&sp| CliticSplit {
                        article: v.fused,
                        ..sp
                    });
                let Some(split) = split else { continue };
                out.push(RawMatch {
                    first,
                    last,
                    span: NormSpan::new(ftok.span.start, ltok.span.end),
                    split,
                    payload: v.payload,
                });
            }
        }
        out
    }

    /// Every entry occurrence `(start, end, pattern)` in `hay` that starts at a token's start
    /// or one of its proclitic splits (the article's excepted: entries carry their own ال).
    fn walk_from_token_starts(
        &self,
        a: &Analyzed,
        hay: &[u8],
        starts: &[usize],
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        let dfa = &self.ac;
        let start = dfa
            .start_state(Anchored::Yes)
            .expect("the automaton is built for anchored walks");
        for (t, &token_start) in a.tokens.iter().zip(starts) {
            let offsets = t.splits.iter().filter(|sp| !sp.article).map(|sp| sp.offset);
            let mut previous = None;
            for offset in offsets {
                if previous == Some(offset) {
                    continue;
                }
                previous = Some(offset);
                let s = token_start + offset;
                let mut sid = start;
                for (i, &byte) in hay.iter().enumerate().skip(s) {
                    sid = dfa.next_state(Anchored::Yes, sid, byte);
                    if dfa.is_dead(sid) {
                        break;
                    }
                    if dfa.is_match(sid) {
                        let end = i + 1;
                        for k in 0..dfa.match_len(sid) {
                            let pid = dfa.match_pattern(sid, k);
                            // A match state also lists the entries that are its suffixes,
                            // which start later than this walk.
                            if dfa.pattern_len(pid) == end - s {
                                found.push((s, end, pid.as_usize()));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// True when the token is spelled with لل right before byte `offset` (its preposition ل and
/// the article's lam).
fn is_lam_lam(a: &Analyzed, tok: &rasd_text::Token, offset: usize) -> bool {
    let l = 'ل'.len_utf8();
    offset >= l && a.norm.as_str()[tok.span.start + offset - l..].starts_with("لل")
}

/// A generic phrase matcher on the same token rules as [`crate::Lexicon`], for other stages'
/// dictionaries (event triggers, cue words).
///
/// ```
/// use rasd_lexicon::PhraseMatcher;
/// let m = PhraseMatcher::new([("اغتال*".to_string(), 1), ("عبوة ناسفة".to_string(), 2)]);
/// let a = rasd_text::analyze("واغتالت عناصر مسلحة قائدا بعبوة ناسفة");
/// let found: Vec<u32> = m.find(&a).iter().map(|p| p.payload).collect();
/// assert_eq!(found, [1, 2]);
/// ```
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    core: Core,
}

/// One occurrence found by a [`PhraseMatcher`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Whole tokens, proclitics of the first token included.
    pub span: rasd_text::NormSpan,
    /// The phrase itself: `span` without the first token's proclitics.
    pub stem_span: rasd_text::NormSpan,
    /// Proclitics of the first token.
    pub split: rasd_text::CliticSplit,
    /// The payload given with the phrase.
    pub payload: u32,
}

impl PhraseMatcher {
    /// Compiles raw surface forms (normalized inside with [`rasd_text::normalize_key`]) with their
    /// payloads. A form ending in `*` matches any continuation of its last word ("اغتال*" matches
    /// اغتالت and اغتالوا). Forms that normalize to nothing are ignored.
    pub fn new<I: IntoIterator<Item = (String, u32)>>(phrases: I) -> PhraseMatcher {
        let mut b = CoreBuilder::default();
        for (form, payload) in phrases {
            b.add(&form, payload);
        }
        PhraseMatcher { core: b.build() }
    }

    /// All matches (overlaps allowed), sorted by start, longer first, then payload.
    pub fn find(&self, a: &rasd_text::Analyzed) -> Vec<PhraseMatch> {
        let mut out: Vec<PhraseMatch> = self
            .core
            .find(a)
            .into_iter()
            .map(|m| PhraseMatch {
                span: m.span,
                stem_span: m.stem_span(),
                split: m.split,
                payload: m.payload,
            })
            .collect();
        sort_phrases(&mut out);
        out
    }
}

/// Sorts phrase occurrences by start, longer first, then payload, without duplicates.
pub(crate) fn sort_phrases(found: &mut Vec<PhraseMatch>) {
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.payload));
    found.dedup_by_key(|m| (m.span, m.payload));
}
