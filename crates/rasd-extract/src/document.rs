//! One document: everything found in it, indexed by token, and the extraction loop.

use chrono::NaiveDate;
use rasd_lexicon::{MentionKind, PlaceId, PlaceIntro};
use rasd_model::{Document, Event};
use rasd_text::{normalize_key, Analyzed, CliticSplit, NormSpan, TokenKind};
use rasd_timenum::{DateExpr, Quantity};

use crate::frame::{self, Draft};
use crate::resources::{Cue, Resources};
use crate::{merge, Extraction};

/// An actor mention after anaphora and generic nouns are resolved to canonical ids.
#[derive(Debug, Clone)]
pub(crate) struct ActorMention {
    pub id: String,
    pub span: NormSpan,
    pub first_tok: usize,
    pub last_tok: usize,
    pub split: CliticSplit,
    /// A common noun ("مسلحون", "جنود"): lower priority than names.
    pub generic: bool,
    /// Stands for the last symmetric pair ("الطرفين").
    pub pair: bool,
    /// A definite reference to an actor named earlier ("التنظيم").
    pub anaphor: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct PlaceMention {
    pub id: PlaceId,
    pub intro: Option<PlaceIntro>,
    pub span: NormSpan,
    pub first_tok: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct PersonMention {
    pub span: NormSpan,
    pub name: NormSpan,
    pub role: Option<NormSpan>,
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct CueHit<'a> {
    pub span: NormSpan,
    /// Proclitics of the first token ("للنازحين": ل + article).
    pub split: CliticSplit,
    pub first_tok: usize,
    pub last_tok: usize,
    /// The cues of the phrase, borrowed from the resources.
    pub cues: &'a [Cue],
}

#[derive(Debug, Clone)]
pub(crate) struct TriggerHit {
    pub trigger: usize,
    pub span: NormSpan,
    /// Proclitics of the first word ("بتعزيزات": ب; "الهجوم": the article).
    pub split: CliticSplit,
    pub first_tok: usize,
    pub last_tok: usize,
    /// The attack verb that this weapon's trigger absorbed ("استهدفها الحوثيون بصاروخ":
    /// استهدف), whose word still says how the roles stand around it.
    pub verb: Option<usize>,
}

/// Everything found in one document.
pub(crate) struct DocView<'a> {
    pub res: &'a Resources,
    pub doc: &'a Document,
    pub a: Analyzed,
    pub pub_date: Option<NaiveDate>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub persons: Vec<PersonMention>,
    pub dates: Vec<DateExpr>,
    pub quantities: Vec<Quantity>,
    pub cue_hits: Vec<CueHit<'a>>,
    /// For each token, the indices into `cue_hits` of the cue phrases ending there.
    pub cues_ending: Vec<Vec<usize>>,
    pub triggers: Vec<TriggerHit>,
    /// Paragraphs (lines) as byte spans of the normalized text.
    pub paragraphs: Vec<NormSpan>,
    /// For each token, the first actor mention whose last token it is.
    pub actor_ending: Vec<Option<usize>>,
    /// Byte offset in the document text of each char offset (and of its end): slicing
    /// evidence by char offsets must not walk the text from its start each time.
    pub char_bytes: Vec<usize>,
    /// How often each actor id is named (generic mentions not counted).
    pub named_mentions: std::collections::HashMap<String, usize>,
}

/// How far (bytes of normalized text) a frame may look for context on either side of its
/// trigger within a paragraph or sentence: keeps the work per trigger bounded, so that
/// extraction time grows linearly with a document's length even when it has no line
/// breaks. Real paragraphs are far shorter.
const CONTEXT_WINDOW: usize = 4096;

/// Longest phrase any dictionary or rule matches, in bytes of normalized text: items
/// overlapping a span start at most this far before it.
const PHRASE_REACH: usize = 256;

/// The items of `sorted` (ordered by `start`) whose start lies in `lo..hi`.
fn starting_in<T>(sorted: &[T], start: impl Fn(&T) -> usize, lo: usize, hi: usize) -> &[T] {
    let first = sorted.partition_point(|x| start(x) < lo);
    let end = first + sorted[first..].partition_point(|x| start(x) < hi);
    &sorted[first..end]
}

/// The items of `sorted` (by start) that may overlap `span`.
fn near<T>(sorted: &[T], start: impl Fn(&T) -> usize, span: NormSpan) -> &[T] {
    starting_in(
        sorted,
        start,
        span.start.saturating_sub(PHRASE_REACH),
        span.end,
    )
}

/// `scope` clipped to [`CONTEXT_WINDOW`] bytes around `pos`.
fn clip(scope: NormSpan, pos: usize) -> NormSpan {
    let start = scope.start.max(pos.saturating_sub(CONTEXT_WINDOW));
    let end = scope.end.min(pos.saturating_add(CONTEXT_WINDOW)).max(start);
    NormSpan::new(start, end)
}

impl<'a> DocView<'a> {
    /// First token starting at or after byte `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.a.token_at_or_after(pos)
    }

    /// Token range `[first, last]` of a span.
    pub fn tok_range(&self, span: NormSpan) -> (usize, usize) {
        let first = self.tok_at(span.start);
        let last = self
            .a
            .token_at_or_after(span.end)
            .saturating_sub(1)
            .max(first);
        (first, last)
    }

    pub fn sentence_of(&self, pos: usize) -> NormSpan {
        self.a
            .sentence_at(pos)
            .map(|i| self.a.sentences[i].span)
            .unwrap_or(NormSpan::new(pos, pos))
    }

    pub fn clause_of(&self, pos: usize) -> NormSpan {
        self.a
            .clause_at(pos)
            .map(|i| self.a.clauses[i].span)
            .unwrap_or_else(|| self.sentence_of(pos))
    }

    /// The paragraph around `pos`, at most [`CONTEXT_WINDOW`] bytes on either side.
    pub fn paragraph_of(&self, pos: usize) -> NormSpan {
        let i = self.paragraphs.partition_point(|p| p.end <= pos);
        let para = self
            .paragraphs
            .get(i)
            .copied()
            .unwrap_or(NormSpan::new(pos, pos));
        clip(para, pos)
    }

    /// Actor mentions (index, mention) that lie inside `span`, in text order.
    pub fn actors_in(&self, span: NormSpan) -> impl Iterator<Item = (usize, &ActorMention)> {
        let first = self.actors.partition_point(|m| m.span.start < span.start);
        self.actors[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.span.start < span.end)
            .filter(move |(_, m)| m.span.end <= span.end)
            .map(move |(i, m)| (first + i, m))
    }

    /// Person mentions (index, mention) inside `span`, in text order.
    pub fn persons_in(&self, span: NormSpan) -> impl Iterator<Item = (usize, &PersonMention)> {
        let first = self.persons.partition_point(|p| p.span.start < span.start);
        self.persons[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, p)| p.span.start < span.end)
            .filter(move |(_, p)| p.span.end <= span.end)
            .map(move |(i, p)| (first + i, p))
    }

    /// Some actor, place or person mention overlaps `span` (each list sorted by start).
    pub fn named_overlapping(&self, span: NormSpan) -> bool {
        near(&self.actors, |m| m.span.start, span)
            .iter()
            .any(|m| m.span.overlaps(span))
            || near(&self.places, |p| p.span.start, span)
                .iter()
                .any(|p| p.span.overlaps(span))
            || near(&self.persons, |p| p.span.start, span)
                .iter()
                .any(|p| p.span.overlaps(span))
    }

    /// The actor mentions that start after token `t`, in text order (the list sorted by
    /// start).
    pub fn actors_after(&self, t: usize) -> &[ActorMention] {
        &self.actors[self.actors.partition_point(|m| m.first_tok <= t)..]
    }

    /// A place mention ends with token `t`.
    pub fn place_ending_at(&self, t: usize) -> bool {
        let span = self.a.tokens[t].span;
        near(&self.places, |p| p.span.start, span)
            .iter()
            .any(|p| p.span.end == span.end)
    }

    /// A place mention starts at token `t`.
    pub fn place_starting_at(&self, t: usize) -> bool {
        let span = self.a.tokens[t].span;
        near(&self.places, |p| p.span.start, span)
            .iter()
            .any(|p| p.first_tok == t)
    }

    /// A place mention overlaps `span`.
    pub fn place_overlapping(&self, span: NormSpan) -> bool {
        near(&self.places, |p| p.span.start, span)
            .iter()
            .any(|p| p.span.overlaps(span))
    }

    /// The actor mention whose last token is `t`, if any.
    pub fn actor_ending_at(&self, t: usize) -> Option<usize> {
        self.actor_ending.get(t).copied().flatten()
    }

    /// The number expression covering `span`, if any.
    pub fn quantity_covering(&self, span: NormSpan) -> Option<&Quantity> {
        let i = self
            .quantities
            .partition_point(|q| q.span.end <= span.start);
        self.quantities[i..]
            .iter()
            .take_while(|q| q.span.start <= span.start)
            .find(|q| q.span.contains(span))
    }

    /// Number expressions inside `span`, in text order.
    pub fn quantities_in(&self, span: NormSpan) -> impl Iterator<Item = &Quantity> + Clone {
        let first = self
            .quantities
            .partition_point(|q| q.span.start < span.start);
        let end = first + self.quantities[first..].partition_point(|q| q.span.start < span.end);
        self.quantities[first..end]
            .iter()
            .filter(move |q| q.span.end <= span.end)
    }

    /// Date expressions inside `span`, in text order.
    pub fn dates_in(&self, span: NormSpan) -> impl DoubleEndedIterator<Item = &DateExpr> {
        let first = self.dates.partition_point(|d| d.span.start < span.start);
        let end = first + self.dates[first..].partition_point(|d| d.span.start < span.end);
        self.dates[first..end]
            .iter()
            .filter(move |d| d.span.end <= span.end)
    }

    /// The trigger's required context words (its rule's `needs`) are in its sentence,
    /// or, with `needs_before`/`needs_after`, a few words before/after it.
    pub(crate) fn context_met(&self, t: &TriggerHit) -> bool {
        let needs = &self.res.needs[t.trigger];
        let unless = &self.res.unless[t.trigger];
        let sentence = self.sentence_of(t.span.start);
        if !unless.is_empty()
            && !self
                .cues_in(
                    sentence,
                    |c| matches!(c, Cue::Need(id) if unless.contains(&id)),
                )
                .is_empty()
        {
            return false;
        }
        let def = &self.res.triggers[t.trigger];
        if let Some(reach) = def.takes_place {
            if !self.place_follows(t, reach, sentence) {
                return false;
            }
        }
        if needs.is_empty() {
            return true;
        }
        let found = self.cues_in(
            sentence,
            |c| matches!(c, Cue::Need(id) if needs.contains(&id)),
        );
        match (def.needs_before, def.needs_after) {
            (None, None) => !found.is_empty(),
            (before, after) => found.iter().any(|(h, _)| {
                before.is_some_and(|n| h.last_tok < t.first_tok && h.last_tok + n >= t.first_tok)
                    || after
                        .is_some_and(|n| h.first_tok > t.last_tok && t.last_tok + n >= h.first_tok)
            }),
        }
    }

    /// A named place or a word for a place starts within `reach` words after the trigger
    /// (actors between do not count), inside its sentence.
    fn place_follows(&self, t: &TriggerHit, reach: usize, sentence: NormSpan) -> bool {
        let mut words = 0;
        let mut reach = reach;
        // After "على"/"إلى" ("السيطرة على الوضع في المدينة") the object is the next word
        // or two ("على أغلب المناطق"), not a place further on.
        let preposition = |k: usize| matches!(self.text(self.a.tokens[k].span), "علي" | "الي");
        if preposition(t.last_tok) {
            reach = reach.min(2);
        }
        let mut k = t.last_tok + 1;
        while words < reach {
            let Some(tok) = self.a.tokens.get(k) else {
                return false;
            };
            if !sentence.contains(tok.span) {
                return false;
            }
            let word = self
                .cues_at(k)
                .any(|(h, c)| h.first_tok == k && c == Cue::TerritoryWord);
            if self.place_starting_at(k) || word {
                return true;
            }
            // An actor between the verb and its object is its subject ("سيطرت قوات الجيش
            // والمقاومة على …"): its words are not counted.
            let actor = near(&self.actors, |m| m.span.start, tok.span)
                .iter()
                .any(|m| m.first_tok <= k && k <= m.last_tok);
            // Nor is a date ("سيطرت المقاومة يوم أمس الأحد على …").
            if !actor && !self.inside_date(tok.span) {
                // Only the verb's own preposition, right after it or its subject
                // ("يطلقون على أنفسهم" further on is another verb's).
                if preposition(k) && words <= 1 {
                    reach = reach.min(words + 3);
                }
                words += 1;
            }
            k += 1;
        }
        false
    }

    /// `span` lies inside a date expression ("فجر اليوم", "آب الماضي").
    pub fn inside_date(&self, span: NormSpan) -> bool {
        let lo = span.start.saturating_sub(PHRASE_REACH);
        self.dates_in(NormSpan {
            start: lo,
            end: span.end,
        })
        .any(|d| d.span.contains(span))
    }

    /// Triggers inside `span`, in text order.
    pub fn triggers_in(&self, span: NormSpan) -> impl DoubleEndedIterator<Item = &TriggerHit> {
        let first = self.triggers.partition_point(|t| t.span.start < span.start);
        let end = first + self.triggers[first..].partition_point(|t| t.span.start < span.end);
        self.triggers[first..end]
            .iter()
            .filter(move |t| t.span.end <= span.end)
    }

    /// Cues of the phrases ending at token `t`.
    pub fn cues_at(&self, t: usize) -> impl Iterator<Item = (&CueHit<'a>, Cue)> {
        self.cues_ending
            .get(t)
            .into_iter()
            .flatten()
            .flat_map(move |&h| {
                self.cue_hits[h]
                    .cues
                    .iter()
                    .map(move |&c| (&self.cue_hits[h], c))
            })
    }

    /// Cues of the phrases starting at token `t`.
    pub fn cues_at_start(&self, t: usize) -> impl Iterator<Item = Cue> + '_ {
        let first = self.cue_hits.partition_point(|h| h.first_tok < t);
        self.cue_hits[first..]
            .iter()
            .take_while(move |h| h.first_tok == t)
            .flat_map(|h| h.cues.iter().copied())
    }

    /// Cue hits inside `span` that carry a cue accepted by `want`.
    pub fn cues_in(&self, span: NormSpan, want: impl Fn(Cue) -> bool) -> Vec<(&CueHit<'a>, Cue)> {
        let first = self.cue_hits.partition_point(|h| h.span.start < span.start);
        self.cue_hits[first..]
            .iter()
            .take_while(|h| h.span.start < span.end)
            .filter(|h| h.span.end <= span.end)
            .flat_map(|h| h.cues.iter().map(move |&c| (h, c)))
            .filter(|&(_, c)| want(c))
            .collect()
    }

    pub fn text(&self, span: NormSpan) -> &str {
        self.a.text(span)
    }

    /// The original text of a normalized span.
    pub fn src_text(&self, span: NormSpan) -> String {
        self.slice_src(self.a.norm.to_src(span))
    }

    /// The document text of a char span.
    pub fn slice_src(&self, span: rasd_model::SrcSpan) -> String {
        let byte = |c: usize| self.char_bytes[c.min(self.char_bytes.len() - 1)];
        self.doc.text[byte(span.start)..byte(span.end.max(span.start))].to_string()
    }

    pub fn is_punct(&self, t: usize) -> bool {
        self.a
            .tokens
            .get(t)
            .is_none_or(|tok| tok.kind == TokenKind::Punct)
    }
}

fn paragraphs(text: &str) -> Vec<NormSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            if i > start {
                out.push(NormSpan::new(start, i));
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(NormSpan::new(start, text.len()));
    }
    out
}

/// The id an actor reports as: built-in units roll up to the nearest ancestor that the
/// contract names; canonical actors and actors from user dictionaries keep their id.
fn canonical(res: &Resources, id: &str) -> String {
    let lex = &res.lexicon;
    let mut current = id.to_string();
    for _ in 0..8 {
        if !res.rollup.contains(&current) {
            return current;
        }
        match lex.actor(&current).and_then(|a| a.parent.clone()) {
            Some(parent) => current = parent,
            None => return current,
        }
    }
    current
}

fn build<'a>(res: &'a Resources, doc: &'a Document) -> DocView<'a> {
    let a = rasd_text::analyze(&doc.text);
    let pub_date = doc.pub_date.or_else(|| rasd_timenum::today_marker_date(&a));
    let mut view = DocView {
        res,
        doc,
        pub_date,
        actors: Vec::new(),
        places: Vec::new(),
        persons: Vec::new(),
        dates: Vec::new(),
        quantities: Vec::new(),
        cue_hits: Vec::new(),
        cues_ending: Vec::new(),
        triggers: Vec::new(),
        paragraphs: paragraphs(a.norm.as_str()),
        actor_ending: Vec::new(),
        named_mentions: Default::default(),
        char_bytes: doc
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(doc.text.len()))
            .collect(),
        a,
    };
    (view.dates, view.quantities) = rasd_timenum::find_dates_and_quantities(&view.a, pub_date);
    // Indexes for bounded look-ups (DocView::dates_in, quantity_covering).
    view.dates.sort_by_key(|d| d.span.start);
    view.quantities.sort_by_key(|q| q.span.start);

    // Named mentions, trigger phrases and cue phrases, from one walk over the tokens.
    let (mentions, mut phrases) = res.lexicon.scan(&view.a);
    let cue_matches: Vec<rasd_lexicon::PhraseMatch> = phrases
        .iter()
        .filter(|m| m.payload >= res.cue_base)
        .map(|m| rasd_lexicon::PhraseMatch {
            payload: m.payload - res.cue_base,
            ..*m
        })
        .collect();
    phrases.retain(|m| m.payload < res.cue_base);
    let trigger_matches = phrases;
    for m in mentions {
        let (first_tok, last_tok) = view.tok_range(m.span);
        match m.kind {
            MentionKind::Actor { id } => view.actors.push(ActorMention {
                id: canonical(res, &id),
                span: m.span,
                first_tok,
                last_tok,
                split: m.split,
                generic: false,
                pair: false,
                anaphor: false,
            }),
            MentionKind::Place { id, intro } => view.places.push(PlaceMention {
                id,
                intro,
                span: m.span,
                first_tok,
            }),
            MentionKind::Person {
                name,
                role,
                affiliation,
            } => {
                let affiliation = affiliation.map(|a| canonical(res, &a));
                // A named leader acts for his side ("اتهم عبدالملك الحوثي التحالف").
                if let Some(id) = &affiliation {
                    let (first_tok, last_tok) = view.tok_range(name);
                    view.actors.push(ActorMention {
                        id: id.clone(),
                        span: name,
                        first_tok,
                        last_tok,
                        split: CliticSplit::default(),
                        generic: false,
                        pair: false,
                        anaphor: false,
                    });
                }
                view.persons.push(PersonMention {
                    span: m.span,
                    name,
                    role,
                    affiliation,
                })
            }
        }
    }
    surnames_after_full_names(res, &mut view);

    // A one-word "name" that is an event word ("الرئيس هادي يلتقي …" read as a person
    // named يلتقي) is the event word: the trigger wins over the guessed name.
    // (With its proclitics too: "قائد حوثي بغارة للتحالف" names no one بغارة.)
    let is_trigger_word = |span: NormSpan| {
        near(&trigger_matches, |m| m.span.start, span)
            .iter()
            .any(|m| m.stem_span.contains(span) || m.span.contains(span))
    };
    // So is a guessed name with an event word in it ("المتحدث باسم الحكومة ضرورة انسحاب
    // …": no one is called ضرورة; "نائب رئيس مجلس الشورى يناشد …"). Such names are
    // dropped.
    let guessed: Vec<NormSpan> = view
        .persons
        .iter()
        .filter(|p| {
            let (first, last) = view.tok_range(p.name);
            // Nor does a name open with a preposition and the article ("بالتحقيق").
            let tok = &view.a.tokens[first];
            let prep_article = view.text(tok.span).starts_with("بال")
                && tok
                    .splits
                    .iter()
                    .any(|sp| sp.prep == Some('ب') && sp.article);
            prep_article || (first..=last).any(|t| is_trigger_word(view.a.tokens[t].span))
        })
        .map(|p| p.name)
        .collect();
    // "في آب الماضي" is a month, not Ibb: no place inside a date expression.
    let in_date: Vec<bool> = view
        .places
        .iter()
        .map(|p| view.inside_date(p.span))
        .collect();
    let mut in_date = in_date.into_iter();
    view.places.retain(|_| !in_date.next().unwrap_or(false));
    if !guessed.is_empty() {
        // "أجرى وزير الخارجية اليمني مباحثات": the title and its affiliation before the
        // event word still name the actor.
        let titles: Vec<(NormSpan, NormSpan, (usize, usize))> = view
            .persons
            .iter()
            .filter(|p| guessed.contains(&p.name) && p.affiliation.is_some())
            .filter_map(|p| {
                let (first, _) = view.tok_range(p.span);
                let (name_first, _) = view.tok_range(p.name);
                (name_first > first).then(|| {
                    let end = view.a.tokens[name_first - 1].span.end;
                    let title = NormSpan {
                        start: p.span.start,
                        end,
                    };
                    (p.name, title, (first, name_first - 1))
                })
            })
            .collect();
        view.persons.retain(|p| !guessed.contains(&p.name));
        for m in &mut view.actors {
            if let Some((_, title, toks)) = titles.iter().find(|(name, ..)| *name == m.span) {
                m.span = *title;
                (m.first_tok, m.last_tok) = *toks;
            }
        }
        view.actors.retain(|m| !guessed.contains(&m.span));
    }

    // Cue words.
    let mut named: Vec<NormSpan> = view
        .actors
        .iter()
        .map(|m| m.span)
        .chain(view.places.iter().map(|p| p.span))
        .chain(view.persons.iter().map(|p| p.span))
        .collect();
    named.sort_by_key(|n| n.start);
    let overlaps_named = |span: NormSpan| {
        near(&named, |n| n.start, span)
            .iter()
            .any(|n| n.overlaps(span))
    };
    let mut hits: Vec<CueHit<'_>> = Vec::new();
    for m in cue_matches {
        let cues = &res.cue_of[m.payload as usize];
        let (first_tok, last_tok) = view.tok_range(m.span);
        hits.push(CueHit {
            span: m.span,
            split: m.split,
            first_tok,
            last_tok,
            cues,
        });
    }
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));

    // Anaphora and generic nouns become actor mentions where no name is.
    let mut extra = Vec::new();
    for h in &hits {
        if overlaps_named(h.span) {
            continue;
        }
        for &cue in h.cues {
            let split = h.split;
            match cue {
                Cue::Anaphor(k) => {
                    let ids = &res.cues.anaphor[k as usize].ids;
                    if ids.iter().any(|i| i == "@pair") {
                        extra.push(ActorMention {
                            id: String::new(),
                            span: h.span,
                            first_tok: h.first_tok,
                            last_tok: h.last_tok,
                            split,
                            generic: true,
                            pair: true,
                            anaphor: true,
                        });
                    } else {
                        let mut before = view.actors
                            [..view.actors.partition_point(|m| m.span.start < h.span.start)]
                            .iter()
                            .rev()
                            .filter(|m| m.span.end <= h.span.start);
                        let antecedent = if ids.iter().any(|i| i == "@previous") {
                            // "مقاتليها"، "قواته": the fighters of the nearest side named
                            // before, in this sentence or the one before.
                            let here = view.a.sentence_at(h.span.start).unwrap_or(0);
                            before
                                .take_while(|m| {
                                    view.a
                                        .sentence_at(m.span.start)
                                        .is_some_and(|s| s + 1 >= here)
                                })
                                .find(|m| !m.generic && !m.pair && m.id != "civilians")
                        } else {
                            before.find(|m| ids.contains(&m.id))
                        };
                        if let Some(prev) = antecedent {
                            extra.push(ActorMention {
                                id: prev.id.clone(),
                                span: h.span,
                                first_tok: h.first_tok,
                                last_tok: h.last_tok,
                                split,
                                generic: false,
                                pair: false,
                                anaphor: true,
                            });
                        }
                    }
                }
                Cue::Generic(k) => extra.push(ActorMention {
                    id: res.cues.generic[k as usize].id.clone(),
                    span: h.span,
                    first_tok: h.first_tok,
                    last_tok: h.last_tok,
                    split,
                    generic: true,
                    pair: false,
                    anaphor: false,
                }),
                _ => {}
            }
        }
    }
    // Keep the longest of overlapping extra mentions.
    extra.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut last_end = 0;
    for m in extra {
        if m.span.start >= last_end {
            last_end = m.span.end;
            view.actors.push(m);
        }
    }
    view.actors.sort_by_key(|m| m.span.start);

    view.cues_ending = vec![Vec::new(); view.a.tokens.len()];
    for (i, h) in hits.iter().enumerate() {
        if let Some(slot) = view.cues_ending.get_mut(h.last_tok) {
            slot.push(i);
        }
    }
    view.cue_hits = hits;
    // "لصحيفة الرياض"، "في تصريح لـ«الرياض»": a newspaper named after a city is no place.
    let outlet_name: Vec<bool> = view
        .places
        .iter()
        .map(|p| {
            let t = view.tok_at(p.span.start);
            let mut lam = view.a.tokens[t]
                .splits
                .iter()
                .any(|sp| sp.prep == Some('ل'));
            // Over quotes and a detached lam: لـ«الرياض».
            let mut before = t;
            while before > 0 {
                let w = view.text(view.a.tokens[before - 1].span);
                if w == "ل" {
                    lam = true;
                } else if !matches!(w, "\"" | "«" | "“" | "”" | "'") {
                    break;
                }
                before -= 1;
            }
            let Some(before) = before.checked_sub(1) else {
                return false;
            };
            let after_outlet = view.cues_at(before).any(|(_, c)| c == Cue::Outlet);
            let to_the_paper = lam
                && matches!(
                    view.text(view.a.tokens[before].span),
                    "تصريح"
                        | "تصريحات"
                        | "تصريحه"
                        | "تصريحها"
                        | "حديث"
                        | "حديثه"
                        | "حوار"
                        | "مقابلة"
                );
            after_outlet || to_the_paper
        })
        .collect();
    let mut outlet_name = outlet_name.into_iter();
    view.places.retain(|_| !outlet_name.next().unwrap_or(false));

    // "شارع 26 سبتمبر", "قصر 22 مايو": a day and month right after such a noun is a name.
    let keep: Vec<bool> = view
        .dates
        .iter()
        .map(|d| {
            let t = view.tok_at(d.span.start);
            !(t > 0
                && view.cues_at(t - 1).any(|(_, c)| c == Cue::DateNameHead)
                && d.precision == rasd_model::Precision::Day)
        })
        .collect();
    let mut keep = keep.into_iter();
    view.dates.retain(|_| keep.next().unwrap_or(true));

    // "قوات موالية للشرعية": the patron named after armed men stands for its armed wing.
    for wing in &res.cues.armed_wing {
        let heads: Vec<String> = wing
            .heads
            .iter()
            .map(|h| rasd_text::normalize_key(h))
            .collect();
        for i in 0..view.actors.len() {
            let m = &view.actors[i];
            if m.id != wing.of || m.first_tok < 2 {
                continue;
            }
            let aff = view
                .cues_at(m.first_tok - 1)
                .any(|(_, c)| c == Cue::Affiliation);
            let head_at = |t: usize| {
                let tok = &view.a.tokens[t];
                tok.splits.iter().any(|sp| {
                    heads.iter().any(|h| {
                        *h == view.a.norm.as_str()[tok.span.start + sp.offset..tok.span.end]
                    })
                })
            };
            if aff && (head_at(m.first_tok - 2) || (m.first_tok >= 3 && head_at(m.first_tok - 3))) {
                view.actors[i].id = wing.id.clone();
            }
        }
    }

    // Triggers: longest first at each position, never inside a named mention.
    // A trigger inside a date expression ("بعد شهر من عملية الاختطاف") only anchors the
    // date; it is not a new event.
    let in_date = |span: NormSpan| {
        view.dates_in(NormSpan::new(
            span.start.saturating_sub(256),
            span.end + 256,
        ))
        .any(|d| d.span.overlaps(span))
    };
    let not_event: Vec<NormSpan> = view
        .cue_hits
        .iter()
        .filter(|h| h.cues.contains(&Cue::NotEvent))
        .map(|h| h.span)
        .collect();
    let in_date = |span: NormSpan| {
        in_date(span)
            || near(&not_event, |n| n.start, span)
                .iter()
                .any(|n| n.overlaps(span))
    };
    // "طلبة" (students) folds to "طلبه" (his request, he requested it): a form spelled
    // with a final ه (a pronoun) is not read where the source writes ة.
    let ta_marbuta = |m: &rasd_lexicon::PhraseMatch| {
        res.trigger_ends_in_ha[m.payload as usize]
            && view
                .src_text(NormSpan::new(m.span.end - 'ه'.len_utf8(), m.span.end))
                .starts_with('ة')
    };
    // "بيتهم" is "their house": a verb takes no ب, ك or article.
    let verb_with_noun_clitic = |m: &rasd_lexicon::PhraseMatch| {
        res.trigger_imperfect_verb[m.payload as usize]
            && (m.split.article || matches!(m.split.prep, Some('ب' | 'ك')))
    };
    let mut found: Vec<TriggerHit> = trigger_matches
        .into_iter()
        .filter(|m| {
            !overlaps_named(m.span)
                && !in_date(m.span)
                && !ta_marbuta(m)
                && !verb_with_noun_clitic(m)
        })
        .map(|m| {
            let (first_tok, last_tok) = view.tok_range(m.span);
            TriggerHit {
                trigger: res.trigger_of[m.payload as usize],
                span: m.span,
                split: m.split,
                first_tok,
                last_tok,
                verb: None,
            }
        })
        .collect();
    // "مسيرة" is a march and a drone: not a march as an instrument ("بمسيرة"), after
    // "طائرة"/"زورق" or a word of shooting down, falling, intercepting or launching
    // ("إسقاط مسيرة"، "سقوط مسيرة"، "اعتراض مسيرتين"), a few words after shooting down
    // or intercepting, or before "مفخخة"، "أطلقها"، "انتحارية".
    const DRONE_BEFORE: [&str; 22] = [
        "طائره",
        "طائرات",
        "الطائرات",
        "الطائره",
        "زورق",
        "زوارق",
        "اسقاط",
        "واسقاط",
        "سقوط",
        "وسقوط",
        "اسقط",
        "اسقطت",
        "اسقطنا",
        "اعتراض",
        "واعتراض",
        "اعترضت",
        "اعترض",
        "اطلاق",
        "واطلاق",
        "اطلقت",
        "تدمير",
        "دمرت",
    ];
    found.retain(|t| {
        if !res.triggers[t.trigger].protest || !view.text(t.span).contains("مسير") {
            return true;
        }
        let drone_before = t.first_tok > 0
            && DRONE_BEFORE.contains(&view.text(view.a.tokens[t.first_tok - 1].span));
        // "أسقطت مدمرة أمريكية ثلاث مسيرات": shot down or intercepted a few words before.
        // So are drones named with missiles ("بصاروخ باليستي و3 مسيرات").
        let downed_before = (t.first_tok.saturating_sub(5)..t.first_tok).any(|k| {
            let w = frame::without_conjunction(view.text(view.a.tokens[k].span));
            let w = w.strip_prefix('ب').unwrap_or(w);
            [
                "اسقط",
                "اعترض",
                "اسقاط",
                "اعتراض",
                "تصدت",
                "التصدي",
                "صاروخ",
                "صواريخ",
                "استخدام",
            ]
            .iter()
            .any(|v| w.starts_with(v))
        });
        // "مسيرات أطلقها الحوثيون"، "مسيرة مفخخة"، "المسيرات الانتحارية"، "مسيرات من طراز".
        let drone_after = view.a.tokens.get(t.last_tok + 1).is_some_and(|n| {
            let w = view.text(n.span);
            let w = w.strip_prefix("ال").unwrap_or(w);
            w.starts_with("مفخخ") || w.starts_with("اطلق") || w.starts_with("انتحاري")
        }) || {
            // "مسيرات من طراز …": drones of a model.
            let word = |k: usize| view.a.tokens.get(k).map(|n| view.text(n.span));
            word(t.last_tok + 1) == Some("من") && word(t.last_tok + 2) == Some("طراز")
        };
        !(t.split.prep == Some('ب') || drone_before || downed_before || drone_after)
    });
    // "فجر اليوم" is a time of day, not the verb "blew up": no trigger inside a date.
    found.retain(|t| !view.inside_date(t.span));
    // "أسر 15 حوثيا" is a capture, "أسر الضحايا" the victims' families.
    found.retain(|t| {
        !res.triggers[t.trigger].count_follows
            || view.a.tokens.get(t.last_tok + 1).is_some_and(|next| {
                view.quantity_covering(next.span)
                    .is_some_and(|q| q.span.start == next.span.start && !q.ordinal)
            })
    });
    // "علي بن أبي طالب"، "أبو حرب": a word after ابن/بن/أبو/أبي is part of a name.
    found.retain(|t| {
        t.first_tok == 0
            || t.split.prep.is_some()
            || !matches!(
                view.text(view.a.tokens[t.first_tok - 1].span),
                "بن" | "ابن" | "ابو" | "ابي" | "ابا" | "بنت"
            )
    });
    // "وفرت" is "provided", not "و + فرت" ("and fled").
    found.retain(|t| {
        let homographs = &res.triggers[t.trigger].homographs;
        homographs.is_empty()
            || !homographs
                .iter()
                .any(|w| w == view.text(view.a.tokens[t.first_tok].span))
    });
    found.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let mut longest: Vec<TriggerHit> = Vec::with_capacity(found.len());
    let mut last_end = 0;
    for t in found {
        if t.span.start >= last_end {
            last_end = t.span.end;
            longest.push(t);
        }
    }
    let mut found = longest;
    // "لقصف", "لتبادل الأسرى", "لمواجهة": a verbal noun with the preposition ل states a
    // purpose, not an event, unless something was suffered ("تعرضت لقصف").
    found.retain(|t| {
        let purpose = t.split.prep == Some('ل') && !t.split.article;
        let suffered = (t.first_tok.saturating_sub(6)..t.first_tok)
            .any(|k| view.cues_at(k).any(|(_, c)| c == Cue::Suffer));
        !purpose || suffered
    });
    // A trigger whose required context is missing ("إطلاق" without "سراح") is no
    // trigger at all: it neither opens a frame nor bounds another one's reach.
    found.retain(|t| view.context_met(t));
    // A casualty verb or noun ("قتل"، "مقتل") stands for the attack only where its
    // paragraph names none ("قتل ثلاثة جنود في غارة"): otherwise it neither opens a
    // frame nor bounds the attack's reach. A headline reports what its lead tells.
    let scope_of = |pos: usize| {
        let i = view.paragraphs.partition_point(|p| p.end <= pos);
        if i == 0 && view.paragraphs.len() > 1 {
            0..2
        } else {
            i..i + 1
        }
    };
    let named_acts: std::collections::BTreeSet<(usize, &str)> = found
        .iter()
        .filter(|t| !res.triggers[t.trigger].fallback)
        .map(|t| {
            (
                view.paragraphs.partition_point(|p| p.end <= t.span.start),
                res.triggers[t.trigger].plover.as_str(),
            )
        })
        .collect();
    // "استهدف الحوثيون سفينة بمسيرة": an attack verb whose weapon follows with ب keeps its
    // frame (it has the sides); the weapon gives the sub-event type when they merge.
    // (first token, type, how far after the verb): a weapon with ب stands within ten
    // words of its verb; one introduced by "بعدد من"، "باستخدام" may stand further.
    let instruments: Vec<(usize, &str, usize)> = found
        .iter()
        .filter(|t| !res.triggers[t.trigger].fallback)
        .filter_map(|t| {
            let with_bi = view.a.tokens[t.first_tok]
                .splits
                .iter()
                .any(|sp| sp.prep == Some('ب'));
            let with_words = instrument_words_before(&view.a, t.first_tok);
            let reach = if with_words { 18 } else { 10 };
            (with_bi || with_words)
                .then(|| (t.first_tok, res.triggers[t.trigger].plover.as_str(), reach))
        })
        .collect();
    let with_instrument = |t: &TriggerHit, plover: &str| {
        let sentence = view.a.sentence_at(t.span.start);
        instruments.iter().any(|&(first, p, reach)| {
            p == plover
                && first > t.last_tok
                && first - t.last_tok <= reach
                && view.a.sentence_at(view.a.tokens[first].span.start) == sentence
        })
    };
    let acts_by_sentence: std::collections::BTreeSet<(Option<usize>, &str)> = found
        .iter()
        .filter(|t| !res.triggers[t.trigger].fallback && !res.triggers[t.trigger].continues)
        .map(|t| {
            (
                view.a.sentence_at(t.span.start),
                res.triggers[t.trigger].plover.as_str(),
            )
        })
        .collect();
    found.retain(|t| {
        let def = &res.triggers[t.trigger];
        !def.fallback
            || def.voice == crate::rules::Voice::Verb && with_instrument(t, def.plover.as_str())
            || if def.fallback_in_sentence {
                !acts_by_sentence.contains(&(view.a.sentence_at(t.span.start), def.plover.as_str()))
            } else {
                let scope = scope_of(t.span.start);
                !scope
                    .into_iter()
                    .any(|p| named_acts.contains(&(p, def.plover.as_str())))
            }
    });
    for t in found {
        // "انفجار عبوة ناسفة", "غارات جوية": adjacent words of one frame are one trigger.
        if let Some(prev) = view.triggers.last_mut() {
            let same = res.triggers[prev.trigger].plover == res.triggers[t.trigger].plover;
            // "انفجار عبوة ناسفة" (adjacent), "قصف الحوثيون بالمدفعية" (a name between).
            let gap_is_names = (prev.last_tok + 1..t.first_tok).all(|k| {
                let tok = view.a.tokens[k].span;
                near(&view.actors, |m| m.span.start, tok)
                    .iter()
                    .any(|m| m.span.contains(tok) && !m.generic)
            });
            // "هاجمت هدفا في ميناء إيلات بعدد من الطائرات المسيرة": the weapon an attack
            // was carried out with, a few words on in its sentence, is its weapon.
            let weapon_of_verb = || {
                let was = &res.triggers[prev.trigger];
                was.frame == crate::rules::FrameKind::Directed
                    && was.plover == "ASSAULT"
                    && t.first_tok > prev.last_tok
                    && view.a.sentence_at(prev.span.start) == view.a.sentence_at(t.span.start)
                    && (t.split.prep == Some('ب') && t.first_tok - prev.last_tok <= 14
                        || instrument_words_before(&view.a, t.first_tok)
                            && t.first_tok - prev.last_tok <= 18)
                    // A weapon with its own doer ("قتل 8 مدنيين بقصف للحوثيين") tells
                    // the cause with its own sides.
                    && !view
                        .actors
                        .iter()
                        .any(|m| m.first_tok > t.last_tok && m.first_tok <= t.last_tok + 3)
            };
            // A verb and its object noun with only the subject's name between them
            // ("وزعت اللجنة الدولية للصليب الأحمر مساعدات") are one act too.
            if same && prev.last_tok < t.first_tok && (gap_is_names || weapon_of_verb()) {
                // The later word names the weapon: "هجوم بعبوة", "انفجار عبوة ناسفة".
                // So does a drone or a shell after "انفجار" ("انفجار مسيرة").
                // "فجر مسلحون عبوة ناسفة": the verb that blows up houses, with a device
                // for its object, is the device's attack.
                let (was, now) = (&res.triggers[prev.trigger], &res.triggers[t.trigger]);
                // (A bare attack word does not give way to another bare one: "هجوم
                // للحوثيين استهدف" stays the noun with its ل-agent.)
                let generic = matches!(was.acled.as_str(), "Armed clash" | "Attack")
                    && !matches!(now.acled.as_str(), "Armed clash" | "Attack")
                    || was.acled == "Remote explosive/landmine/IED"
                        && matches!(
                            now.acled.as_str(),
                            "Air/drone strike"
                                | "Shelling/artillery/missile attack"
                                | "Suicide bomb"
                        )
                    || was.acled == "Looting/property destruction"
                        && was.mode.as_deref() == Some("explosives")
                        && matches!(
                            now.acled.as_str(),
                            "Remote explosive/landmine/IED" | "Suicide bomb"
                        );
                if generic {
                    if was.voice == crate::rules::Voice::Verb && prev.verb.is_none() {
                        prev.verb = Some(prev.trigger);
                    }
                    prev.trigger = t.trigger;
                }
                // Adjacent words become one trigger; across a name ("قصفت مليشيا
                // الحوثي بالمدفعية") the name stays outside it.
                if prev.last_tok + 1 == t.first_tok {
                    prev.span = prev.span.cover(t.span);
                    prev.last_tok = t.last_tok;
                }
                continue;
            }
        }
        view.triggers.push(t);
    }
    for m in view.actors.iter().filter(|m| !m.generic) {
        *view.named_mentions.entry(m.id.clone()).or_default() += 1;
    }
    view.places.sort_by_key(|p| p.span.start);
    view.persons.sort_by_key(|p| p.span.start);
    // Index for DocView::actor_ending_at.
    view.actor_ending = vec![None; view.a.tokens.len()];
    for (i, m) in view.actors.iter().enumerate() {
        if let Some(slot) = view.actor_ending.get_mut(m.last_tok) {
            slot.get_or_insert(i);
        }
    }
    view
}

/// Extracts a document's events; without a `filter` every candidate is kept (for
/// training the filter). Also returns each event's filter features. When `cancel`
/// becomes true the work stops between two frames and `None` is returned.
pub(crate) fn extract(
    res: &Resources,
    doc: &Document,
    filter: Option<&crate::filter::FilterModel>,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> Option<(Extraction, Vec<Vec<f64>>)> {
    let cancelled = || cancel.is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
    let view = build(res, doc);
    let mut diagnostics = Vec::new();
    if view.pub_date.is_none() {
        diagnostics.push(format!(
            "document {}: no publication date; relative dates are left unresolved",
            doc.id
        ));
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut state = frame::State::default();
    for hit in &view.triggers {
        if cancelled() {
            return None;
        }
        if let Some(mut draft) = frame::fill(&view, hit, &drafts, &mut state) {
            // "قتلت نيران الهاون … ما لا يقل عن 10 مدنيين" after "قصف المتمردين …": a
            // violent event with a victim but no perpetrator, told right after one of the
            // same kind, continues it.
            // "وقصف أهدافا أخرى"، "إضافة إلى استهدافه عربات": a coordinated verb or a
            // noun with a possessive pronoun and no named doer has the previous attack's
            // doer as its subject, and (unless it names one) its target.
            let zero_subject = draft.actor1.is_none() && zero_subject(&view, hit);
            // "اقتحم مسلحون حوثيون منازل … واعتقلوا عددا من الشباب": an arrest joined to a
            // raid has the raid's doer too.
            let forceful = |p: &str| frame::story(p) == Some(frame::Story::Force);
            if forceful(&draft.plover)
                && draft.actor1.is_none()
                && (draft.plover == "ASSAULT" && draft.actor2.is_some() || zero_subject)
            {
                let kind = draft.plover.clone();
                if let Some(prev) = drafts
                    .iter()
                    .rev()
                    .find(|d| d.plover == kind || zero_subject && forceful(&d.plover))
                {
                    // "قتل 13 مسلحا … وأسر ثلاثة في مواجهات مع المقاومة": a battle told
                    // later in its own sentence is the story; the previous sentence's
                    // doer is not this act's.
                    let told_here = prev.sentence != draft.sentence
                        && view.triggers_in(view.sentence_of(hit.span.start)).any(|t| {
                            let def = &view.res.triggers[t.trigger];
                            t.span.start >= hit.span.end
                                && def.plover == "ASSAULT"
                                && def.frame == crate::rules::FrameKind::Symmetric
                        });
                    let near = draft.sentence.saturating_sub(prev.sentence) <= 1 && !told_here;
                    let same_mode = prev.mode == draft.mode;
                    if zero_subject && near && draft.actor2.is_none() {
                        draft.actor2 = prev.actor2.clone();
                        draft.assoc2 = prev.assoc2.clone();
                        draft.guessed[1] = prev.guessed[1];
                    }
                    // "شن الطيران غارات … وقصف أهدافا أخرى"، "إضافة إلى استهدافه": a
                    // bare "قصف" or "استهداف" that continues an attack is the same kind
                    // of attack.
                    let vague = match draft.acled_sub.as_str() {
                        "Shelling/artillery/missile attack" => prev.acled_sub == "Air/drone strike",
                        "Attack" | "Armed clash" => prev.plover == "ASSAULT",
                        _ => false,
                    };
                    if zero_subject && near && vague {
                        draft.mode = prev.mode.clone();
                        draft.cameo = prev.cameo.clone();
                        draft.acled_sub = prev.acled_sub.clone();
                    }
                    if near && (same_mode || zero_subject) && inherit_doer(&mut draft, prev) {
                        draft.assoc1 = prev.assoc1.clone();
                    }
                }
            }
            // "ودعا الشعب اليمني إلى …" right after a statement: the same speaker; "…
            // وتحمل مستلزمات طبية" right after aid: the same giver.
            let told_on = |p: &str| {
                matches!(
                    frame::story(p),
                    Some(frame::Story::Speech | frame::Story::Aid)
                )
            };
            if zero_subject && told_on(&draft.plover) {
                if let Some(prev) = drafts.last() {
                    let near = draft.sentence.saturating_sub(prev.sentence) <= 1;
                    if near && frame::story(&prev.plover) == frame::story(&draft.plover) {
                        inherit_doer(&mut draft, prev);
                        if draft.actor2.is_none() {
                            draft.actor2 = prev.actor2.clone();
                        }
                    }
                }
            }
            // No place in its sentence: the story continues where the paragraph's
            // previous event happened.
            if draft.place.is_none() {
                let para = view.paragraph_of(hit.span.start);
                if let Some(prev) = drafts
                    .iter()
                    .rev()
                    .take_while(|d| d.pos >= para.start)
                    .find(|d| d.place.is_some())
                {
                    let mut place = prev.place.clone().expect("checked above");
                    place.geo_precision = place.geo_precision.max(2);
                    draft.place = Some(place);
                }
            }
            drafts.push(draft);
        }
    }
    // A government that fights ("الشرعية سيطرت على المديرية") does so by its armed wing.
    for d in drafts.iter_mut().filter(|d| d.plover == "ASSAULT") {
        if let Some(a) = d.actor1.as_mut() {
            if let Some(wing) = res.cues.armed_wing.iter().find(|w| w.of == a.id) {
                a.id = wing.id.clone();
            }
        }
    }
    // Sides carried from the story before may pair allies too.
    for d in drafts.iter_mut() {
        frame::allies_on_one_side(&view, &d.plover, &d.actor1, &mut d.actor2, &mut d.assoc1);
    }
    implicit_opponents(&mut drafts);
    // What is demanded, threatened or refused is no reported act: a verbal noun after
    // such a word in its sentence ("طالب … بانسحاب الميليشيات"، "هدد … بقصف"، "رفض …
    // تسليم") is its content. (An agreement's terms may have been carried out:
    // "صفقات كان آخرها إطلاق سراح 31".)
    let statements: Vec<(usize, usize)> = view
        .triggers
        .iter()
        .filter(|t| {
            matches!(
                res.triggers[t.trigger].plover.as_str(),
                "REQUEST" | "THREATEN" | "REJECT"
            )
        })
        .filter_map(|t| Some((view.a.sentence_at(t.span.start)?, t.span.end)))
        .collect();
    // "اتهم الوزير الحوثيين بتدمير المدينة": what an accusation says with ب is its content.
    // What a condemnation names with ب happened ("نددت الجامعة باغتيال …").
    let accusations: Vec<(usize, usize)> = view
        .triggers
        .iter()
        .filter(|t| res.triggers[t.trigger].plover == "ACCUSE")
        .filter(|t| {
            let w = view.text(t.span);
            w.contains("تهم") || w.contains("حمل")
        })
        .filter_map(|t| Some((view.a.sentence_at(t.span.start)?, t.span.end)))
        .collect();
    let with_bi = |pos: usize| {
        let t = view.tok_at(pos);
        view.text(view.a.tokens[t].span).starts_with('ب')
            && view.a.tokens[t]
                .splits
                .iter()
                .any(|sp| sp.prep == Some('ب'))
    };
    drafts.retain(|d| {
        let def = &res.triggers[d.trigger];
        let noun = def.voice == crate::rules::Voice::Noun
            && !matches!(
                def.plover.as_str(),
                "REQUEST" | "THREATEN" | "REJECT" | "AGREE" | "ACCUSE" | "CONSULT"
            );
        let after =
            |list: &[(usize, usize)]| list.iter().any(|&(s, end)| s == d.sentence && end <= d.pos);
        let verbal = matches!(
            def.plover.as_str(),
            "REQUEST" | "THREATEN" | "REJECT" | "AGREE" | "ACCUSE" | "CONSULT"
        );
        let content =
            noun && after(&statements) || !verbal && with_bi(d.pos) && after(&accusations);
        !content
    });
    // Weak frames inside an agreement's sentence are the agreement's terms
    // ("اتفاق … واعتماد مرتبات ومعونات"), and inside a protest's sentence the
    // protesters' demands ("رفع المحتجون شعارات تطالب بـ…"), not events of their own.
    let framing: Vec<(usize, String)> = drafts
        .iter()
        .filter(|d| matches!(d.plover.as_str(), "AGREE" | "PROTEST"))
        .map(|d| (d.sentence, d.plover.clone()))
        .collect();
    // Protesters' own statements near their protest are its demands too.
    let by_protesters = |d: &Draft| d.actor1.as_ref().is_some_and(|a| a.id == "protesters");
    drafts.retain(|d| {
        !(res.triggers[d.trigger].weak
            && framing.iter().any(|(s, plover)| {
                *plover != d.plover
                    && (*s == d.sentence
                        || plover == "PROTEST" && by_protesters(d) && s.abs_diff(d.sentence) <= 2)
            }))
    });
    let symmetric = |d: &Draft| merge::is_symmetric(res.triggers[d.trigger].frame, &d.acled_sub);
    let admin1 = |d: &Draft| {
        let admin1 = crate::coding::admin1_of(&view, d)?;
        let choice = d.place.as_ref()?;
        let lex = &res.lexicon;
        let place = lex.place(choice.id);
        let broad = choice.admin1_override.is_none()
            && place.level == rasd_lexicon::PlaceLevel::City
            && lex
                .admin1(&place.admin1_pcode)
                .is_some_and(|g| normalize_key(&g.name_ar) == normalize_key(&place.name_ar))
            && !view.text(choice.span).starts_with("مدين");
        Some(merge::Whereabouts { admin1, broad })
    };
    let fallback = |d: &Draft| res.triggers[d.trigger].fallback;
    // Whether the frame's own rule is symmetric (a clash), whatever its coding.
    let sym_rule = |d: &Draft| res.triggers[d.trigger].frame == crate::rules::FrameKind::Symmetric;
    let mut drafts = merge::merge(drafts, &symmetric, &sym_rule, &fallback, &admin1);
    let sentence_of = |pos: usize| view.a.sentence_at(pos).unwrap_or(usize::MAX);
    merge::share_meeting_places(&mut drafts, &sentence_of);
    // The learned filter keeps the candidates that look like reported events; its score
    // is their confidence.
    let mut scored: Vec<(Event, Vec<f64>)> = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let features = filter_features(&view, &d);
        if let Some(model) = filter {
            if !model.keeps(&features) {
                continue;
            }
            d.confidence = model.score(&features);
        }
        if d.place.is_none() {
            d.place = d.homeland.take();
        }
        scored.push((crate::coding::to_event(&view, d), features));
    }
    scored.sort_by(|(a, _), (b, _)| {
        (a.evidence.first().map_or(0, |x| x.start), &a.event_id)
            .cmp(&(b.evidence.first().map_or(0, |x| x.start), &b.event_id))
    });
    let (mut events, mut features): (Vec<Event>, Vec<Vec<f64>>) = scored.into_iter().unzip();
    // History told as background ("الهجوم الأمريكي على إيران عام 1988") is not news:
    // events that ended more than two years before publication are left out.
    // Events dated after publication are plans or forecasts, not reports.
    if let Some(p) = view.pub_date {
        let horizon = p - chrono::Duration::days(730);
        let day = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let keep: Vec<bool> = events
            .iter()
            .map(|e| {
                day(&e.date.end).is_none_or(|end| end >= horizon)
                    && day(&e.date.start).is_none_or(|start| start <= p + chrono::Duration::days(1))
            })
            .collect();
        let mut k = keep.iter();
        events.retain(|_| *k.next().expect("one flag per event"));
        let mut k = keep.iter();
        features.retain(|_| *k.next().expect("one flag per event"));
    }
    // Ids are unique within a document even if two records still hash alike.
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for e in &mut events {
        let n = seen.entry(e.event_id.clone()).or_insert(0);
        if *n > 0 {
            e.event_id = format!("{}-{n}", e.event_id);
        }
        *n += 1;
    }
    Some((
        Extraction {
            events,
            diagnostics,
            pub_date: view.pub_date,
        },
        features,
    ))
}

/// The learned filter's view of a merged candidate ([`crate::filter::FEATURES`]).
fn filter_features(view: &DocView<'_>, d: &Draft) -> Vec<f64> {
    let res = view.res;
    let def = &res.triggers[d.trigger];
    let mut f = crate::filter::FeatureVec::new();
    f.flag(&format!("type:{}", d.plover), true);
    f.flag("trigger:weak", def.weak);
    f.flag("trigger:passive", def.voice == crate::rules::Voice::Passive);
    f.flag("trigger:noun", def.voice == crate::rules::Voice::Noun);
    f.flag("trigger:definite", d.definite);
    let s = &d.signals;
    f.flag("actor1", d.actor1.is_some());
    f.flag("actor1:in_clause", s.actor1_in_clause);
    f.flag("actor1:inherited", s.actor1_inherited);
    f.flag("actor1:guessed", d.guessed[0]);
    f.flag("actor1:generic", s.actor1_generic);
    f.flag("actor2", d.actor2.is_some());
    f.flag("actor2:guessed", d.guessed[1]);
    let same_sides = match (&d.actor1, &d.actor2) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => false,
    };
    f.flag("sides:same", same_sides);
    f.flag(
        "sides:associates",
        !d.assoc1.is_empty() || !d.assoc2.is_empty(),
    );
    let verbal = matches!(
        d.plover.as_str(),
        "AGREE" | "CONSULT" | "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" | "SUPPORT"
    );
    f.flag("sides:one_for_verbal", verbal && d.actor2.is_none());
    f.flag(
        "sides:no_doer_for_force",
        matches!(d.plover.as_str(), "ASSAULT" | "COERCE") && d.actor1.is_none(),
    );
    f.flag("sides:defaulted", s.defaulted);
    if let Some(date) = &d.date {
        f.flag("date", true);
        f.flag("date:in_clause", date.source == 0);
        f.flag("date:in_sentence", date.source == 1);
        let old = match (date.end.or(date.start), view.pub_date) {
            (Some(end), Some(p)) => end < p - chrono::Duration::days(14),
            _ => false,
        };
        f.flag("date:older_than_two_weeks", old);
    }
    if let Some(place) = &d.place {
        f.flag("place", true);
        f.flag("place:precise", place.geo_precision == 1);
    }
    f.flag(
        "counts",
        d.fatalities.is_some()
            || d.injured.is_some()
            || d.detained.is_some()
            || d.released.is_some(),
    );
    f.flag("hedged", d.hedged);
    f.flag("claimed", d.claimed);
    f.flag("attribution", d.attribution.is_some());
    f.flag("position:title", d.sentence == 0);
    f.flag("position:lead", (1..=2).contains(&d.sentence));
    f.flag("position:early", (3..=6).contains(&d.sentence));
    f.flag("mentions:several", d.evidence.len() >= 2);
    f.set(
        "sentence:triggers_log",
        (1.0 + f64::from(s.sentence_triggers)).ln(),
    );
    f.flag("sentence:long", s.sentence_tokens > 40);
    let both = d.actor1.is_some() && d.actor2.is_some() && !d.guessed[0] && !d.guessed[1];
    f.flag("sides:both", both);
    f.flag("sides:both_in_title", both && d.sentence == 0);
    f.0
}

/// A frame told on without its doer takes the doer of `prev` (no span: not in its own
/// words), at a lower confidence. False when `prev` has none.
fn inherit_doer(draft: &mut Draft, prev: &Draft) -> bool {
    let Some(a) = &prev.actor1 else {
        return false;
    };
    draft.actor1 = Some(frame::Slot {
        id: a.id.clone(),
        span: None,
    });
    draft.confidence = (draft.confidence - 0.1).max(0.05);
    draft.signals.actor1_inherited = true;
    true
}

/// A trigger whose doer is expressed only by the verb's inflection or a pronoun: a word
/// joined by و/ف ("وقصف"), or a verbal noun with a possessive suffix ("استهدافه").
pub(crate) fn zero_subject(view: &DocView<'_>, hit: &TriggerHit) -> bool {
    let def = &view.res.triggers[hit.trigger];
    // "كما استهدفت …"، "ثم قصفت …": "also", "then" before a verb continue the story.
    let continued = hit.first_tok.checked_sub(1).is_some_and(|p| {
        matches!(
            view.text(view.a.tokens[p].span),
            "كما" | "وكما" | "ثم" | "كذلك"
        )
    });
    match def.voice {
        crate::rules::Voice::Verb => hit.split.conj || continued,
        // Unvocalized, "وقصف" may be a verb or a noun: joined by و without the article, it
        // continues the sentence's story either way.
        crate::rules::Voice::Noun => {
            let src = view.src_text(hit.span);
            !hit.split.article && (hit.split.conj || frame::pronoun_suffixed(&src))
        }
        crate::rules::Voice::Passive => false,
    }
}

/// Fighting whose other side goes unsaid ("تمكنت المقاومة من بسط سيطرتها على المديرية")
/// is fought against the side the same document
/// shows that actor (or its allies there) fighting: the most frequent opponent across the
/// document's two-sided violent frames. Without such a frame nothing is filled.
fn implicit_opponents(drafts: &mut [Draft]) {
    // Only battles: a strike or shelling without a named target may have hit civilians.
    const SUBS: [&str; 3] = [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ];
    let sides = |d: &Draft| {
        let one: Vec<String> = d
            .actor1
            .iter()
            .chain(&d.assoc1)
            .map(|s| s.id.clone())
            .collect();
        let two: Vec<String> = d
            .actor2
            .iter()
            .chain(&d.assoc2)
            .map(|s| s.id.clone())
            .collect();
        (one, two)
    };
    // Opposed and allied pairs seen in the document's two-sided violent frames.
    let mut opposed: Vec<(String, String)> = Vec::new();
    let mut allied: Vec<(String, String)> = Vec::new();
    for d in drafts.iter().filter(|d| d.plover == "ASSAULT") {
        let (one, two) = sides(d);
        if one.is_empty() || two.is_empty() {
            continue;
        }
        for a in &one {
            for b in &two {
                if a != b {
                    opposed.push((a.clone(), b.clone()));
                    opposed.push((b.clone(), a.clone()));
                }
            }
        }
        for side in [&one, &two] {
            for a in side.iter() {
                for b in side.iter().filter(|b| *b != a) {
                    allied.push((a.clone(), b.clone()));
                }
            }
        }
    }
    if opposed.is_empty() {
        return;
    }
    let opponent_of = |id: &str| -> Option<String> {
        let mut friends = vec![id.to_string()];
        friends.extend(
            allied
                .iter()
                .filter(|(a, _)| a == id)
                .map(|(_, b)| b.clone()),
        );
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (a, b) in &opposed {
            if friends.contains(a) && !friends.contains(b) {
                match counts.iter_mut().find(|(x, _)| x == b) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((b.clone(), 1)),
                }
            }
        }
        // The most frequent opponent; ties go to the first seen.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(b, _)| b)
    };
    for d in drafts.iter_mut() {
        if d.plover != "ASSAULT" || !SUBS.contains(&d.acled_sub.as_str()) {
            continue;
        }
        if let (Some(a), None) = (&d.actor1, &d.actor2) {
            if let Some(b) = opponent_of(&a.id) {
                d.actor2 = Some(frame::Slot { id: b, span: None });
                d.confidence = (d.confidence - 0.1).max(0.05);
            }
        }
    }
}

/// Lists what was found in the document, one item per line, in text order.
pub(crate) fn trace(res: &Resources, doc: &Document) -> String {
    use std::fmt::Write;
    let view = build(res, doc);
    let mut items: Vec<(usize, String)> = Vec::new();
    for m in &view.actors {
        let kind = if m.pair {
            "pair".to_string()
        } else if m.anaphor {
            format!("actor^ {}", m.id)
        } else if m.generic {
            format!("actor~ {}", m.id)
        } else {
            format!("actor {}", m.id)
        };
        items.push((m.span.start, format!("{kind} «{}»", view.src_text(m.span))));
    }
    for p in &view.places {
        let place = res.lexicon.place(p.id);
        items.push((
            p.span.start,
            format!(
                "place {} {:?} {} intro={:?} «{}»",
                place.name_en,
                place.level,
                place.pcode.as_deref().unwrap_or(&place.admin1_pcode),
                p.intro,
                view.src_text(p.span)
            ),
        ));
    }
    for p in &view.persons {
        items.push((
            p.span.start,
            format!("person «{}» aff={:?}", view.src_text(p.name), p.affiliation),
        ));
    }
    for d in &view.dates {
        items.push((
            d.span.start,
            format!(
                "date {:?}..{:?} {:?} anchor={:?} «{}»",
                d.start,
                d.end,
                d.precision,
                d.anchor,
                view.src_text(d.span)
            ),
        ));
    }
    for q in &view.quantities {
        items.push((
            q.span.start,
            format!(
                "qty {:?} vague={} «{}»",
                q.value,
                q.vague,
                view.src_text(q.span)
            ),
        ));
    }
    for t in &view.triggers {
        items.push((
            t.span.start,
            format!(
                "TRIGGER {} «{}»",
                res.triggers[t.trigger].id,
                view.src_text(t.span)
            ),
        ));
    }
    let mut state = frame::State::default();
    let mut drafts: Vec<Draft> = Vec::new();
    for hit in &view.triggers {
        if let Some(d) = frame::fill(&view, hit, &drafts, &mut state) {
            items.push((
                hit.span.start,
                format!(
                    "FRAME {} {}→{} date={:?} place={:?} k={:?} i={:?}",
                    d.plover,
                    d.actor1.as_ref().map_or("-", |a| a.id.as_str()),
                    d.actor2.as_ref().map_or("-", |a| a.id.as_str()),
                    d.date.as_ref().map(|x| (x.start, x.end)),
                    d.place
                        .as_ref()
                        .map(|p| res.lexicon.place(p.id).name_en.clone()),
                    d.fatalities,
                    d.injured
                ),
            ));
            drafts.push(d);
        }
    }
    items.sort();
    let mut out = String::new();
    let mut sentence = usize::MAX;
    for (pos, line) in items {
        let s = view.a.sentence_at(pos).unwrap_or(0);
        if s != sentence {
            sentence = s;
            let _ = writeln!(out, "-- sentence {s}");
        }
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// "قال وزير الخارجية اليمني رياض ياسين … وأضاف ياسين": a person named in full with a
/// side is later called by the surname alone; each later bare surname is that side's
/// mention too. Surnames of fewer than four letters, common words ("name_stopwords"), and
/// a definite surname right after a definite noun (its adjective: "البحر الأحمر") are
/// left alone.
fn surnames_after_full_names(res: &Resources, view: &mut DocView<'_>) {
    view.actors.sort_by_key(|m| m.span.start);
    let mut known: Vec<(String, String, usize)> = Vec::new();
    // Names of persons with a side, and names right after their title ("وزير الخارجية
    // اليمني رياض ياسين": the title and the name are two mentions of one side).
    let titled = view.actors.windows(2).filter_map(|w| {
        let (title, name) = (&w[0], &w[1]);
        (title.last_tok + 1 == name.first_tok
            && title.id == name.id
            && !name.generic
            && name.last_tok > name.first_tok
            && name.last_tok - name.first_tok <= 3)
            .then(|| (name.span, name.id.clone()))
    });
    let named: Vec<(NormSpan, String)> = view
        .persons
        .iter()
        .filter_map(|p| Some((p.name, p.affiliation.clone()?)))
        .chain(titled)
        .collect();
    for (name, id) in &named {
        let (first, last) = view.tok_range(*name);
        if first == last {
            continue;
        }
        let surname = view.a.stem(&view.a.tokens[last]).to_string();
        if surname.chars().count() < 4 || res.lexicon.is_name_stopword(&surname) {
            continue;
        }
        if !known.iter().any(|(s, _, _)| *s == surname) {
            known.push((surname, id.clone(), view.a.tokens[last].span.end));
        }
    }
    if known.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (t, tok) in view.a.tokens.iter().enumerate() {
        // The first surname the word spells (after its full name), unless the word is
        // part of another mention.
        let Some((id, split)) = known.iter().find_map(|(surname, id, after)| {
            (tok.span.start >= *after)
                .then(|| {
                    tok.splits.iter().find(|sp| {
                        !sp.article
                            && view.a.norm.as_str()[tok.span.start + sp.offset..tok.span.end]
                                == **surname
                    })
                })
                .flatten()
                .map(|sp| (id, *sp))
        }) else {
            continue;
        };
        let stem = &view.a.norm.as_str()[tok.span.start + split.offset..tok.span.end];
        let adjective = stem.starts_with("ال")
            && t > 0
            && view.a.text(view.a.tokens[t - 1].span).starts_with("ال");
        if !adjective && !view.named_overlapping(tok.span) {
            added.push(ActorMention {
                id: id.clone(),
                span: tok.span,
                first_tok: t,
                last_tok: t,
                split,
                generic: false,
                pair: false,
                anaphor: false,
            });
        }
    }
    view.actors.extend(added);
    view.actors.sort_by_key(|m| m.span.start);
}

/// One of the two words before token `first` introduces the weapon an act was done with
/// ("بعدد من الصواريخ"، "باستخدام طائرات مسيرة").
fn instrument_words_before(a: &Analyzed, first: usize) -> bool {
    (first.saturating_sub(2)..first).any(|k| {
        matches!(
            a.text(a.tokens[k].span),
            "بعدد" | "باستخدام" | "بواسطه" | "مستخدما" | "مستخدمه"
        )
    })
}
