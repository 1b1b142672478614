//! Finding mentions: one automaton pass, then the context rules.
//!
//! Order of work for one document:
//! 1. [`crate::matcher::Core::find`] reports every dictionary entry that fits the tokens.
//! 2. Per-token facts are collected: intro words, titles, given names, actor and place starts.
//! 3. Persons are built (family names after given names, titles before or after names).
//! 4. Places are filtered by their rules (intro-only names, adjectives, uzlas without context)
//!    and disambiguated by intro word, level and the governorates the document names elsewhere.
//! 5. All candidates, blockers included, compete for tokens: the longest span wins.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use rasd_text::{Analyzed, CliticSplit, NormSpan, TokenKind};

use crate::lexicon::without_article;
use crate::lexicon::{Entry, Lexicon, Mention, MentionKind, PlaceId, PlaceIntro, PlaceLevel};
use crate::load::{PlaceRule, TitleKind};
use crate::matcher::{PhraseMatch, RawMatch};

/// Tokens before a place that give an uzla (admin3) name enough context.
const PLACE_CONTEXT: &[&str] = &[
    "في",
    "من",
    "الي",
    "قرب",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "محيط",
    "وسط",
    "داخل",
    "اطراف",
];

/// Words before a country name that make it the place of an event.
const COUNTRY_CONTEXT: &[&str] = &["في", "داخل", "اراضي", "عمق", "جنوب", "شمال", "وسط"];

struct Cand {
    first: usize,
    last: usize,
    split: CliticSplit,
    prio: u8,
    /// None for a blocker.
    kind: Option<MentionKind>,
}

/// A place candidate: tokens, proclitics, intro word and the places the name may denote.
struct PlaceCand {
    first: usize,
    last: usize,
    split: CliticSplit,
    intro: Option<PlaceIntro>,
    ids: Vec<PlaceId>,
}

/// Per-document facts, indexed by token.
struct Doc<'a> {
    a: &'a Analyzed,
    lex: &'a Lexicon,
    intro: Vec<Option<(PlaceIntro, CliticSplit)>>,
    /// 0 none, 1 weak, 2 strong.
    given: Vec<u8>,
    /// Part of an actor or (non-uzla) place entry.
    entity: Vec<bool>,
    /// Longest title starting here: (last token, kind, split).
    title_at: Vec<Option<(usize, TitleKind, CliticSplit)>>,
    /// Role titles ending here: first token.
    title_end: Vec<Option<usize>>,
    /// Longest actor entry starting here: (last token, actor, split).
    actor_at: Vec<Option<(usize, u32, CliticSplit)>>,
    /// An actor entry ends here.
    actor_end: Vec<Option<u32>>,
    /// A family name (الحوثي) without proclitics stands here.
    family_at: Vec<Option<u32>>,
    /// Last token of the longest non-uzla place entry starting here without proclitics.
    place_at: Vec<Option<usize>>,
}

impl Doc<'_> {
    fn text(&self, i: usize) -> &str {
        let s = self.a.tokens[i].span;
        &self.a.norm.as_str()[s.start..s.end]
    }

    fn is_word(&self, i: usize) -> bool {
        self.a.tokens[i].kind == TokenKind::Word
    }

    fn span(&self, first: usize, last: usize) -> NormSpan {
        NormSpan::new(
            self.a.tokens[first].span.start,
            self.a.tokens[last].span.end,
        )
    }

    fn is_abd(&self, i: usize) -> bool {
        let w = self.text(i);
        w.starts_with("عبد") && w.len() > "عبد".len() + 2
    }

    /// Token `i` is على, the preposition: علي as normalized, written with a final ى.
    fn maqsura_ali(&self, i: usize) -> bool {
        let span = self.a.tokens[i].span;
        self.text(i) == "علي" && self.a.norm.was_maqsura(span.end - 2)
    }

    /// A token that may be part of a personal name.
    fn name_token(&self, i: usize) -> bool {
        let w = self.text(i);
        // "عقد الوزير الأمريكي اجتماعا ثلاثيا": an indefinite accusative noun (written with
        // a final alif) is the object after a title, not a name, unless a known given name.
        let accusative = w.chars().count() >= 5
            && w.ends_with('ا')
            && !w.starts_with("ال")
            && self.given[i] == 0;
        // "شدد الوزير على ضرورة": على (written with ى) is the preposition.
        let preposition = self.maqsura_ali(i);
        self.is_word(i)
            && !accusative
            && !preposition
            && !self.lex.name_stop.contains(w)
            && self.title_at[i].is_none()
            && self.intro[i].is_none()
            && !self.entity[i]
            && (!w.starts_with('و') || self.given[i] > 0)
    }

    /// A definite word that is not an intro word, a place or an actor: a noun an adjective
    /// like البيضاء can follow.
    fn definite_noun(&self, i: usize) -> bool {
        let w = self.text(i);
        self.is_word(i)
            && (w.starts_with("ال") || w.starts_with("وال"))
            && !self.entity[i]
            && self.intro[i].is_none()
    }

    /// Start of a personal-name chain ending right before token `t` (عبدالملك، عبد الملك،
    /// محمد علي), when it holds at least one strong name.
    fn chain_before(&self, t: usize) -> Option<usize> {
        let mut i = t;
        let mut strong = false;
        while i > 0 && t - i < 4 {
            let j = i - 1;
            if !self.is_word(j) {
                break;
            }
            if self.given[j] > 0 {
                strong |= self.given[j] == 2;
                i = j;
            } else if self.is_abd(j) {
                strong = true;
                i = j;
            } else if j > 0 && self.text(j - 1) == "عبد" {
                strong = true;
                i = j - 1;
            } else {
                break;
            }
        }
        (strong && i < t).then_some(i)
    }

    /// "التابع للحوثيين", "المعين من الحوثيين", "في تنظيم القاعدة" starting at token `j`.
    fn affiliation_after(&self, j: usize) -> Option<u32> {
        let n = self.a.tokens.len();
        let mut k = j;
        let mut cue = false;
        for _ in 0..3 {
            if k >= n {
                break;
            }
            if let Some((l, TitleKind::Affiliation, _)) = self.title_at[k] {
                cue = true;
                k = l + 1;
                continue;
            }
            if matches!(self.text(k), "من" | "في") {
                cue = true;
                k += 1;
                continue;
            }
            break;
        }
        if cue && k < n {
            return self.actor_at[k].map(|(_, a, _)| a);
        }
        None
    }

    /// An actor ending at most three word tokens before `t` ("في تنظيم القاعدة الإرهابي ويدعى").
    fn affiliation_before(&self, t: usize) -> Option<u32> {
        for k in 1..=3 {
            if t < k || !self.is_word(t - k) {
                return None;
            }
            if let Some(a) = self.actor_end[t - k] {
                return Some(a);
            }
        }
        None
    }
}

fn level_rank(intro: Option<PlaceIntro>, level: PlaceLevel) -> usize {
    use PlaceLevel::*;
    let order = match intro {
        Some(PlaceIntro::Governorate) => [Admin1, City, Admin2, Locality, Admin3, Sea],
        Some(PlaceIntro::District) => [Admin2, City, Admin3, Locality, Admin1, Sea],
        Some(PlaceIntro::City) | Some(PlaceIntro::Capital) => {
            [City, Admin2, Locality, Admin1, Admin3, Sea]
        }
        Some(PlaceIntro::Area) | Some(PlaceIntro::Village) => {
            [Locality, Admin3, City, Admin2, Admin1, Sea]
        }
        // A strait named alone is the strait ("باب المندب"), not the village on its shore.
        None => [Sea, City, Admin1, Admin2, Locality, Admin3],
    };
    order
        .iter()
        .position(|l| *l == level)
        .unwrap_or(order.len())
}

impl Lexicon {
    /// Actor, place and person mentions, sorted by start, not overlapping; where entries
    /// overlap the longest span wins.
    ///
    /// ```
    /// let lex = rasd_lexicon::Lexicon::builtin().unwrap();
    /// let a = rasd_text::analyze("قتل جندي بمديرية المحفد");
    /// let m = lex.find(&a);
    /// assert_eq!(a.text(m[0].span), "بمديريه المحفد");
    /// ```
    pub fn find(&self, a: &Analyzed) -> Vec<Mention> {
        self.scan(a).0
    }

    /// [`Lexicon::find`]'s mentions and the occurrences of the phrases given to
    /// [`Lexicon::with_phrases`], from one walk over the tokens. The phrases come as
    /// [`crate::PhraseMatcher::find`] reports them (by start, longer first, then payload).
    ///
    /// ```
    /// let lex = rasd_lexicon::Lexicon::builtin()
    ///     .unwrap()
    ///     .with_phrases([("اغتال*".to_string(), 7)]);
    /// let a = rasd_text::analyze("واغتال مسلحون قائدا في عدن");
    /// let (mentions, phrases) = lex.scan(&a);
    /// assert_eq!(a.text(mentions[0].span), "عدن");
    /// assert_eq!(phrases[0].payload, 7);
    /// assert_eq!(a.text(phrases[0].stem_span), "اغتال");
    /// ```
    pub fn scan(&self, a: &Analyzed) -> (Vec<Mention>, Vec<PhraseMatch>) {
        let n = a.tokens.len();
        let mut d = Doc {
            a,
            lex: self,
            intro: vec![None; n],
            given: vec![0; n],
            entity: vec![false; n],
            title_at: vec![None; n],
            title_end: vec![None; n],
            actor_at: vec![None; n],
            actor_end: vec![None; n],
            family_at: vec![None; n],
            place_at: vec![None; n],
        };
        let mut actor_raw = Vec::new();
        let mut place_raw = Vec::new();
        let mut cands: Vec<Cand> = Vec::new();
        let mut phrases = Vec::new();
        for m in self.core().find(a) {
            match self.entries[m.payload as usize] {
                Entry::Phrase(payload) => phrases.push(PhraseMatch {
                    span: m.span,
                    stem_span: m.stem_span(),
                    split: m.split,
                    payload,
                }),
                Entry::Actor(i) => {
                    d.entity[m.first..=m.last].fill(true);
                    if !matches!(d.actor_at[m.first], Some((l, _, _)) if l >= m.last) {
                        d.actor_at[m.first] = Some((m.last, i, m.split));
                    }
                    d.actor_end[m.last] = Some(i);
                    actor_raw.push((m, i));
                }
                Entry::Family(i) => {
                    if m.first == m.last && m.split.offset == 0 {
                        d.family_at[m.first] = Some(i);
                    }
                }
                Entry::Place { group, rule } => {
                    let group = &self.place_groups[group as usize];
                    let not_uzla = group
                        .iter()
                        .any(|&id| self.place(id).level != PlaceLevel::Admin3);
                    if not_uzla {
                        d.entity[m.first..=m.last].fill(true);
                        if m.split.offset == 0
                            && !matches!(d.place_at[m.first], Some(l) if l >= m.last)
                        {
                            d.place_at[m.first] = Some(m.last);
                        }
                    }
                    place_raw.push((m, group, rule));
                }
                Entry::Intro(k) => {
                    if m.first == m.last {
                        d.intro[m.first] = Some((k, m.split));
                    }
                }
                Entry::Title(k) => {
                    if !matches!(d.title_at[m.first], Some((l, _, _)) if l >= m.last) {
                        d.title_at[m.first] = Some((m.last, k, m.split));
                    }
                    if matches!(k, TitleKind::Role { .. }) {
                        d.title_end[m.last] = Some(m.first);
                    }
                }
                Entry::Given { strong } => {
                    // "على" (with ى) is the preposition, not the name علي.
                    let preposition = m.first == m.last && d.maqsura_ali(m.first);
                    if m.split.prep.is_none() && !m.split.article && !preposition {
                        let v = if strong { 2 } else { 1 };
                        for g in &mut d.given[m.first..=m.last] {
                            *g = (*g).max(v);
                        }
                    }
                }
                Entry::Blocker => cands.push(Cand {
                    first: m.first,
                    last: m.last,
                    split: m.split,
                    prio: 4,
                    kind: None,
                }),
            }
        }

        self.common_noun_senses(&d, &mut actor_raw, &place_raw);
        let mut suppressed = vec![false; n];
        self.family_persons(&d, &mut cands, &mut suppressed);
        self.title_persons(&d, &mut cands, &mut suppressed);
        self.named_officials(&d, &mut cands);

        self.army_of_a_state(&d, &actor_raw, &mut cands);
        for (m, i) in actor_raw {
            if m.first == m.last && suppressed[m.first] {
                continue;
            }
            cands.push(Cand {
                first: m.first,
                last: m.last,
                split: m.split,
                prio: 2,
                kind: Some(MentionKind::Actor {
                    id: self.actors[i as usize].id.clone(),
                }),
            });
        }
        self.place_cands(&d, place_raw, &mut cands);

        // The longest span wins; on equal spans persons beat actors beat places, blockers beat all.
        let bytes = |c: &Cand| d.span(c.first, c.last);
        cands.sort_by_key(|c| {
            let s = bytes(c);
            (
                Reverse(c.last - c.first),
                Reverse(s.end - s.start),
                Reverse(c.prio),
                c.first,
            )
        });
        let mut taken = vec![false; n];
        let mut out = Vec::new();
        for c in cands {
            if taken[c.first..=c.last].iter().any(|&t| t) {
                continue;
            }
            taken[c.first..=c.last].fill(true);
            if let Some(kind) = c.kind {
                let span = d.span(c.first, c.last);
                out.push(Mention {
                    span,
                    stem_span: NormSpan::new(span.start + c.split.offset, span.end),
                    split: c.split,
                    kind,
                });
            }
        }
        out.sort_by_key(|m| m.span.start);
        crate::matcher::sort_phrases(&mut phrases);
        (out, phrases)
    }

    /// قاعدة العند: an actor form that is also a common noun, used as that noun in a document
    /// (without the article before another word, or as the first word of a place name), is that
    /// noun everywhere in the document unless the actor is also named unambiguously.
    fn common_noun_senses<G, R>(
        &self,
        d: &Doc<'_>,
        actor_raw: &mut Vec<(RawMatch, u32)>,
        place_raw: &[(RawMatch, G, R)],
    ) {
        if self.common_nouns.is_empty() {
            return;
        }
        let norm = d.a.norm.as_str();
        let is_noun = |key: &str| self.common_nouns.contains(without_article(key));
        let ambiguous = |m: &RawMatch| is_noun(&norm[m.span.start + m.split.offset..m.span.end]);
        if !actor_raw.iter().any(|(m, _)| ambiguous(m)) {
            return;
        }
        // The actor's forms are definite (القاعدة); the indefinite noun before another word is
        // a construct (قاعدة الديلمي، لقاعدة عسكرية).
        let construct = (0..d.a.tokens.len().saturating_sub(1)).any(|i| {
            let t = &d.a.tokens[i];
            d.is_word(i + 1)
                && t.splits.iter().any(|sp| {
                    !sp.article && {
                        let stem = &norm[t.span.start + sp.offset..t.span.end];
                        !stem.starts_with("ال") && self.common_nouns.contains(stem)
                    }
                })
        });
        let noun_used = construct
            || place_raw.iter().any(|(m, _, _)| {
                let first = d.a.tokens[m.first].span;
                m.last > m.first && is_noun(&norm[first.start + m.split.offset..first.end])
            });
        if !noun_used {
            return;
        }
        let named: Vec<u32> = actor_raw
            .iter()
            .filter(|(m, _)| !ambiguous(m))
            .map(|(_, i)| *i)
            .collect();
        actor_raw.retain(|(m, i)| !ambiguous(m) || named.contains(i));
    }

    /// "للجيش الأردني"، "القوات المصرية": an army named by its state's adjective is that
    /// state's, whatever the bare word for army stands for on its own (Yemen's army).
    fn army_of_a_state(&self, d: &Doc<'_>, actor_raw: &[(RawMatch, u32)], cands: &mut Vec<Cand>) {
        let norm = d.a.norm.as_str();
        for (army, _) in actor_raw.iter().filter(|(m, _)| m.first == m.last) {
            // The word itself, whatever its proclitics ("للجيش"، "والقوات").
            let word = &norm[army.span.start..army.span.end];
            if !(word.ends_with("جيش") || word.ends_with("قوات")) {
                continue;
            }
            let state = actor_raw.iter().find(|(m, i)| {
                let w = &norm[m.span.start..m.span.end];
                m.first == army.last + 1
                    && m.first == m.last
                    && w.starts_with("ال")
                    && (w.ends_with('ي') || w.ends_with("يه"))
                    && !self.actors[*i as usize].id.starts_with("yemen")
            });
            if let Some((m, i)) = state {
                cands.push(Cand {
                    first: army.first,
                    last: m.last,
                    split: army.split,
                    prio: 2,
                    kind: Some(MentionKind::Actor {
                        id: self.actors[*i as usize].id.clone(),
                    }),
                });
            }
        }
    }

    /// عبدالملك الحوثي: a family name after given names is a person, not the movement.
    fn family_persons(&self, d: &Doc<'_>, cands: &mut Vec<Cand>, suppressed: &mut [bool]) {
        for (t, family) in d.family_at.iter().enumerate() {
            let Some(actor) = *family else {
                continue;
            };
            let Some(start) = d.chain_before(t) else {
                continue;
            };
            let title = start.checked_sub(1).and_then(|e| d.title_end[e]);
            let first = title.unwrap_or(start);
            suppressed[t] = true;
            cands.push(Cand {
                first,
                last: t,
                split: d.a.tokens[first].splits[0],
                prio: 3,
                kind: Some(MentionKind::Person {
                    name: d.span(start, t),
                    role: title.map(|f| d.span(f, start - 1)),
                    affiliation: Some(self.actors[actor as usize].id.clone()),
                }),
            });
            // The title's own split, when there is one.
            if let Some(f) = title {
                if let Some((_, _, split)) = d.title_at[f] {
                    cands.last_mut().expect("just pushed").split = split;
                }
            }
        }
    }

    /// TITLE [modifier] [actor [في X]] NAME{1,4}: اللواء ثابت جواس، المكني "أبو القعقاع".
    fn title_persons(&self, d: &Doc<'_>, cands: &mut Vec<Cand>, suppressed: &mut [bool]) {
        let n = d.a.tokens.len();
        for t in 0..n {
            let Some((tl, kind, split)) = d.title_at[t] else {
                continue;
            };
            if !matches!(kind, TitleKind::Role { .. } | TitleKind::Alias) {
                continue;
            }
            // "التطور الإعلامي": a definite title right after a definite noun is an adjective.
            if t > 0 && d.text(t).starts_with("ال") && d.definite_noun(t - 1) {
                continue;
            }
            let alias = kind == TitleKind::Alias;
            let mut j = tl + 1;
            while let Some((ml, TitleKind::Modifier, _)) = d.title_at.get(j).copied().flatten() {
                j = ml + 1;
            }
            let quoted = alias && j < n && d.text(j) == "\"";
            if quoted {
                j += 1;
            }
            let mut aff = None;
            let mut adjacent = true;
            if !alias && j < n {
                if let Some((al, act, _)) = d.actor_at[j] {
                    // "اتهم وزير الخارجية اليمني الحوثيين": a plural group after the title is
                    // the verb's object, not the title's affiliation (an adjective: الحوثي).
                    let w = d.text(al);
                    if w.ends_with("ين") || w.ends_with("ون") {
                        continue;
                    }
                    aff = Some(act);
                    // "القيادي الحوثي X" keeps the title adjacent; "زعيم تنظيم القاعدة في اليمن X" does not.
                    adjacent = al == j && d.text(j).starts_with("ال");
                    j = al + 1;
                    // "… في اليمن X": only a place after في belongs to the title
                    // ("قائد حوثي في غارة جوية" names nobody).
                    if j + 1 < n && d.text(j) == "في" {
                        if let Some(place_last) = d.place_at[j + 1] {
                            j = place_last + 1;
                            adjacent = false;
                        }
                    }
                }
            }
            let start = j;
            let mut family = None;
            while j < n && j - start < 4 {
                if !d.is_word(j) {
                    break;
                }
                let w = d.text(j);
                if j == start && w.starts_with("ال") && !quoted {
                    break;
                }
                if let Some(f) = d.family_at[j] {
                    if j > start {
                        family = Some(f);
                        j += 1;
                    }
                    break;
                }
                let first_given = j == start && d.given[j] > 0 && !d.entity[j];
                if !d.name_token(j) && !first_given {
                    break;
                }
                j += 1;
            }
            if j == start {
                continue;
            }
            let name_last = j - 1;
            // "أجرى وزير الخارجية اليمني مباحثات": a title that is a whole actor form
            // followed by one unknown word is the actor; the word is the sentence's next
            // word, not a name.
            if name_last == start
                && family.is_none()
                && start > 0
                && matches!(d.actor_at[t], Some((l, _, _)) if l == start - 1)
            {
                continue;
            }
            if family.is_some() {
                suppressed[name_last] = true;
            }
            let mut last = name_last;
            if quoted && j < n && d.text(j) == "\"" {
                last = j;
            }
            let aff = family
                .or(aff)
                .or_else(|| d.affiliation_after(last + 1))
                .or_else(|| if alias { d.affiliation_before(t) } else { None });
            let (first, split) = if adjacent {
                (t, split)
            } else {
                (start, d.a.tokens[start].splits[0])
            };
            cands.push(Cand {
                first,
                last,
                split,
                prio: 3,
                kind: Some(MentionKind::Person {
                    name: d.span(start, name_last),
                    role: (!alias).then(|| d.span(t, tl)),
                    affiliation: aff.map(|i| self.actors[i as usize].id.clone()),
                }),
            });
        }
    }

    /// NAME TITLE [place]: "حمود شتان وكيل محافظة البيضاء المعين من الحوثيين".
    fn named_officials(&self, d: &Doc<'_>, cands: &mut Vec<Cand>) {
        for t in 1..d.a.tokens.len() {
            let Some((tl, TitleKind::Role { after_name: true }, split)) = d.title_at[t] else {
                continue;
            };
            if split.offset != 0 {
                continue;
            }
            let mut start = None;
            for k in 1..=3 {
                if t < k || !d.name_token(t - k) {
                    break;
                }
                let i = t - k;
                if (d.given[i] == 2 || d.is_abd(i)) && !d.text(i).starts_with("ال") {
                    start = Some(i);
                }
            }
            let Some(start) = start else { continue };
            let role_last = d.place_at.get(tl + 1).copied().flatten().unwrap_or(tl);
            cands.push(Cand {
                first: start,
                last: role_last,
                split: d.a.tokens[start].splits[0],
                prio: 3,
                kind: Some(MentionKind::Person {
                    name: d.span(start, t - 1),
                    role: Some(d.span(t, role_last)),
                    affiliation: d
                        .affiliation_after(role_last + 1)
                        .map(|i| self.actors[i as usize].id.clone()),
                }),
            });
        }
    }

    fn place_cands(
        &self,
        d: &Doc<'_>,
        place_raw: Vec<(crate::matcher::RawMatch, &Vec<PlaceId>, PlaceRule)>,
        cands: &mut Vec<Cand>,
    ) {
        let mut found: BTreeMap<(usize, usize), PlaceCand> = BTreeMap::new();
        for (m, group, rule) in place_raw {
            // ك + place is almost always another word (كريمة "generous" is not ك + ريمة).
            if m.split.prep == Some('ك') {
                continue;
            }
            let mut first = m.first;
            let mut split = m.split;
            let mut intro = None;
            if m.first < m.last {
                if let Some((k, sp)) = d.intro[m.first] {
                    if sp.offset == m.split.offset {
                        intro = Some(k);
                    }
                }
            }
            if intro.is_none() && m.split.offset == 0 && m.first > 0 {
                let p = m.first - 1;
                if let Some((k, sp)) = d.intro[p] {
                    (intro, first, split) = (Some(k), p, sp);
                } else if p > 0 && d.definite_noun(p) && d.text(p).ends_with('ه') {
                    // العاصمة المختطفة صنعاء: one feminine adjective between intro and name.
                    if let Some((k, sp)) = d.intro[p - 1] {
                        (intro, first, split) = (Some(k), p - 1, sp);
                    }
                }
            }
            let context = intro.is_some()
                || m.split.prep == Some('ب')
                || (m.first > 0 && PLACE_CONTEXT.contains(&d.text(m.first - 1)));
            match rule {
                PlaceRule::Intro if intro.is_none() => continue,
                PlaceRule::Context if !context => continue,
                PlaceRule::Adjective
                    if intro.is_none()
                        && m.split.offset == 0
                        && m.first > 0
                        && d.definite_noun(m.first - 1) =>
                {
                    continue
                }
                _ => {}
            }
            let foreign_only = rule == PlaceRule::IntroInYemen && intro.is_none();
            let ids = group
                .iter()
                .copied()
                .filter(|&id| context || self.place(id).level != PlaceLevel::Admin3)
                .filter(|&id| !foreign_only || self.place(id).country != "YEM");
            let e = found.entry((first, m.last)).or_insert_with(|| PlaceCand {
                first,
                last: m.last,
                split,
                intro,
                ids: Vec::new(),
            });
            e.ids.extend(ids);
        }

        // Keep the best-ranked candidates, then break ties by the governorates named elsewhere.
        let mut resolved: Vec<PlaceCand> = Vec::new();
        for mut c in found.into_values() {
            // Yemen's p-code gazetteer is the authority for a name it shares with the
            // regional one (البيضاء: Yemen's, not Libya's).
            if c.ids.iter().any(|&id| self.place(id).country == "YEM")
                && c.ids.iter().any(|&id| self.place(id).country != "YEM")
            {
                c.ids.retain(|&id| {
                    let p = self.place(id);
                    p.country == "YEM" || p.level == PlaceLevel::Sea
                });
            }
            let Some(best) = c
                .ids
                .iter()
                .map(|&id| level_rank(c.intro, self.place(id).level))
                .min()
            else {
                continue;
            };
            c.ids
                .retain(|&id| level_rank(c.intro, self.place(id).level) == best);
            c.ids.sort_unstable();
            c.ids.dedup();
            resolved.push(c);
        }
        // Token positions of the unambiguous places of each governorate, ascending
        // (`found` is ordered by position), so the nearest is a binary search away.
        let mut evidence: HashMap<&str, Vec<usize>> = HashMap::new();
        for c in resolved.iter().filter(|c| c.ids.len() == 1) {
            let a1 = self.place(c.ids[0]).admin1_pcode.as_str();
            evidence.entry(a1).or_default().push(c.first);
        }
        let nearest = |a1: &str, at: usize| {
            let Some(positions) = evidence.get(a1) else {
                return usize::MAX;
            };
            let i = positions.partition_point(|&p| p < at);
            let after = positions.get(i).map(|p| p - at);
            let before = i.checked_sub(1).map(|j| at - positions[j]);
            after.into_iter().chain(before).min().unwrap_or(usize::MAX)
        };
        for c in resolved {
            let id = *c
                .ids
                .iter()
                .min_by_key(|&&id| (nearest(self.place(id).admin1_pcode.as_str(), c.first), id))
                .expect("candidates are not empty");
            // A country named as where something happens ("في السعودية", "بإسرائيل") is a
            // place, although its name is also the state's actor form.
            let in_country = self.place(id).level == PlaceLevel::Country
                && (c.split.prep == Some('ب')
                    || (c.first > 0 && COUNTRY_CONTEXT.contains(&d.text(c.first - 1))));
            cands.push(Cand {
                first: c.first,
                last: c.last,
                split: c.split,
                prio: if in_country { 3 } else { 1 },
                kind: Some(MentionKind::Place { id, intro: c.intro }),
            });
        }
    }
}
