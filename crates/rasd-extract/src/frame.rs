//! Frames: a trigger plus the roles, date, place and counts found around it.

use chrono::NaiveDate;
use rasd_lexicon::PlaceId;
use rasd_model::Precision;
use rasd_text::NormSpan;
use rasd_timenum::Anchor;

use crate::document::{DocView, TriggerHit};
use crate::resources::Cue;
use crate::rules::{FrameKind, Genitive, Voice};

/// An actor filling a role: its canonical id and, when named in the text, the mention.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    pub id: String,
    pub span: Option<NormSpan>,
}

/// A frame before merging and coding.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub trigger: usize,
    pub plover: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub goldstein: f64,
    pub acled_sub: String,
    pub actor1: Option<Slot>,
    pub actor2: Option<Slot>,
    pub assoc1: Vec<Slot>,
    pub assoc2: Vec<Slot>,
    pub date: Option<DateChoice>,
    pub place: Option<PlaceChoice>,
    /// Yemen as a whole, where the sentence names no finer place: used only when the
    /// story gives none either (`homeland_place`).
    pub homeland: Option<PlaceChoice>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub detained: Option<u32>,
    pub released: Option<u32>,
    pub hedged: bool,
    pub claimed: bool,
    pub attribution: Option<(String, Option<NormSpan>)>,
    pub persons: Vec<usize>,
    pub evidence: Vec<NormSpan>,
    pub confidence: f64,
    /// Where the trigger starts (for ordering and anchors).
    pub pos: usize,
    /// The trigger's words.
    pub trigger_span: NormSpan,
    /// Sentence index of the trigger.
    pub sentence: usize,
    /// Sentence index of the last mention merged into this frame.
    pub last_sentence: usize,
    /// The trigger has the article ("الهجوم"): it may refer back to an event told before.
    pub definite: bool,
    /// A meeting of an actor with its own people: the one frame whose two sides may be
    /// the same actor.
    pub internal: bool,
    /// actor1, actor2 came from a domain default, not from the text: when merging they
    /// agree with any actor the text names.
    pub guessed: [bool; 2],
    /// Where its parts came from, for the learned filter.
    pub signals: crate::filter::Signals,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateChoice {
    /// Where the date came from: 0 the clause, 1 the sentence, 2 the paragraph, 3 the
    /// report's lead. Lower is more reliable.
    pub source: u8,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: Precision,
    pub span: NormSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceChoice {
    pub id: PlaceId,
    /// When the text names a governorate as well as a place inside another one, or the
    /// named place is the capital spelled as a governorate: the governorate to use.
    pub admin1_override: Option<PlaceId>,
    pub geo_precision: u8,
    pub span: NormSpan,
}

/// What the document has established so far.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The last two distinct participants of a symmetric event ("الطرفان").
    pub last_pair: Option<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Unmarked,
    Target,
    Agent,
    Counterpart,
    Lam,
    Adjacent,
    Coordinated(usize),
    /// Describes another actor ("الموالية لإيران"): takes no role.
    Modifier,
}

#[derive(Debug, Clone)]
struct Cand {
    actor: usize,
    marker: Marker,
    before: bool,
    distance: usize,
    same_clause: bool,
    generic: bool,
    /// Right after a number ("ثلاثة جنود").
    counted: bool,
    /// After the trigger, past a relative pronoun ("… الذي خلفته مليشيات الحوثي"): the
    /// relative clause's participant.
    after_relative: bool,
    /// Between this trigger and the previous/next trigger of the sentence (not in
    /// another frame's reach).
    own: bool,
}

/// The actor mention whose last token is `t`, if any.
fn actor_ending_at(view: &DocView<'_>, t: usize) -> Option<usize> {
    view.actor_ending_at(t)
}

fn cue_has_conj(view: &DocView<'_>, first_tok: usize, span_start: usize) -> bool {
    let tok = &view.a.tokens[first_tok];
    let pre = &view.a.norm.as_str()[tok.span.start..span_start.max(tok.span.start)];
    pre.starts_with('و') || pre.starts_with('ف')
}

/// Walks back from an actor mention over head nouns and affiliation words to the word
/// that gives it its role.
fn marker(
    view: &DocView<'_>,
    ai: usize,
    hit: &TriggerHit,
    lo_tok: usize,
    purpose_blocks: bool,
) -> Marker {
    let m = &view.actors[ai];
    // "لردع المتمردين": the object of a purpose ("in order to deter …") is no party.
    if m.first_tok > lo_tok {
        let t = m.first_tok - 1;
        let tok = &view.a.tokens[t];
        let purpose = tok
            .splits
            .get(1)
            .is_some_and(|sp| sp.offset == 'ل'.len_utf8() && sp.prep == Some('ل') && !sp.article);
        let marked = view.cues_at(t).next().is_some() || hit.last_tok == t;
        let long = view.text(tok.span).chars().count() >= 4;
        if purpose_blocks && purpose && !marked && long && view.actor_ending_at(t).is_none() {
            return Marker::Modifier;
        }
    }
    // "المشاورات في الكويت", "التقى بالرياض": a country's bare name after في or ب is
    // where the act took place, not a party to it.
    if where_not_who(view, ai) {
        return Marker::Modifier;
    }
    // "وكالة تسنيم الإيرانية"، "وكالة الأنباء السعودية": the outlet that reports.
    // The outlet's word is right before the actor, or one name word before it.
    let outlet_at = |t: usize| view.cues_at(t).any(|(_, c)| c == Cue::Outlet);
    let name_word = |t: usize| {
        view.cues_at(t).next().is_none()
            && view.cues_at_start(t).next().is_none()
            && view.actor_ending_at(t).is_none()
            && !matches!(view.text(view.a.tokens[t].span), "ان" | "انه" | "انها")
    };
    let first = m.first_tok;
    if first > lo_tok && outlet_at(first - 1)
        || first > lo_tok + 1 && outlet_at(first - 2) && name_word(first - 1)
    {
        return Marker::Modifier;
    }
    // "مدنيين أصيبوا نتيجة قصف": a casualty verb right after names the victims.
    if view
        .cues_at_start(m.last_tok + 1)
        .any(|c| matches!(c, Cue::Fatalities | Cue::Injured))
    {
        return Marker::Target;
    }
    let mut lam = m.split.prep == Some('ل');
    let mut conj = m.split.conj;
    let mut passed_affiliation = false;
    let mut passed_head = false;
    let mut head_owns_affiliation = false;
    let mut t = m.first_tok;
    for _ in 0..8 {
        if t <= lo_tok {
            break;
        }
        // A name that is the trigger's own word ("أسر", also "families") is no actor
        // before the name.
        if let Some(prev) =
            actor_ending_at(view, t - 1).filter(|&p| !view.actors[p].span.overlaps(hit.span))
        {
            if prev != ai {
                // "مسلحون يعتقد بانتمائهم لتنظيم القاعدة": the name takes the role of the
                // common noun it qualifies.
                // "موظفي منظمة أممية": a name right after a common noun in construct
                // state is that noun's actor.
                let adjacent = view.actors[prev].last_tok + 1 == m.first_tok;
                if (passed_affiliation || passed_head || adjacent)
                    && view.actors[prev].generic
                    && !m.generic
                {
                    // The name now stands where the common noun stood, with its "و".
                    t = view.actors[prev].first_tok;
                    conj = view.actors[prev].split.conj;
                    passed_affiliation = false;
                    passed_head = false;
                    head_owns_affiliation = false;
                    continue;
                }
                // "التقى X وفدا من Y": the affiliation binds Y to the head noun between
                // them, a participant of its own, not to X.
                if passed_affiliation && !head_owns_affiliation {
                    return Marker::Modifier;
                }
                if conj {
                    return Marker::Coordinated(prev);
                }
                return Marker::Unmarked;
            }
        }
        t -= 1;
        if hit.last_tok == t {
            return if lam { Marker::Lam } else { Marker::Adjacent };
        }
        let mut skip_to = None;
        // Numbers between a word and its noun: "قتل ثلاثة جنود".
        let tok = view.a.tokens[t].span;
        if let Some(q) = view.quantity_covering(tok) {
            skip_to = Some(view.tok_at(q.span.start));
        }
        for (h, cue) in view.cues_at(t) {
            match cue {
                // "باستهداف جماعة أنصار الله تل أبيب": the verbal noun's genitive with
                // an object right after it is its doer.
                // (For the attack's own frame; a statement about it keeps the doer as
                // what it is about.)
                Cue::Target
                    if view.res.triggers[hit.trigger].plover == "ASSAULT"
                        && targeting_noun(view.text(h.span))
                        && object_follows(view, m) =>
                {
                    return Marker::Unmarked
                }
                Cue::Target | Cue::Fatalities | Cue::Injured => return Marker::Target,
                Cue::Modifier => return Marker::Modifier,
                Cue::Agent => return Marker::Agent,
                Cue::Counterpart => return Marker::Counterpart,
                Cue::Affiliation => {
                    // "31 من عناصر التنظيم": من after a number is partitive, not a bond
                    // to the actor before it.
                    let partitive = view.text(h.span) == "من" && h.first_tok > 0 && {
                        let prev = view.a.tokens[h.first_tok - 1].span;
                        view.quantity_covering(prev).is_some()
                    };
                    passed_affiliation |= !partitive;
                    passed_head |= partitive;
                    lam = false;
                    skip_to = Some(skip_to.map_or(h.first_tok, |s: usize| s.min(h.first_tok)));
                }
                Cue::Head | Cue::Hedge | Cue::Generic(_) | Cue::Detained | Cue::Released => {
                    conj |= h.split.conj || cue_has_conj(view, h.first_tok, h.span.start);
                    head_owns_affiliation |= passed_affiliation && cue == Cue::Head;
                    passed_head = true;
                    lam = false;
                    skip_to = Some(skip_to.map_or(h.first_tok, |s: usize| s.min(h.first_tok)));
                }
                _ => {}
            }
        }
        match skip_to {
            // A count that ends the trigger ("أسر عدد من مسلحي الحوثي"): the name
            // follows the trigger.
            Some(s) if (hit.first_tok..=hit.last_tok).contains(&s) => {
                return if lam { Marker::Lam } else { Marker::Adjacent };
            }
            Some(s) => t = s,
            // Scare quotes around a word ("«استشهاد» أحد المواطنين") mark nothing.
            None if view.text(tok) == "\"" => {}
            None => break,
        }
    }
    if lam {
        Marker::Lam
    } else {
        Marker::Unmarked
    }
}

/// A state named by its country's name after the locative في or ب ("في الكويت",
/// "بالسعودية"): a location. Its government, forces or ministries stay parties ("في
/// القوات السعودية" is no place).
fn where_not_who(view: &DocView<'_>, ai: usize) -> bool {
    let m = &view.actors[ai];
    let state =
        view.res.lexicon.actor(&m.id).is_some_and(|a| {
            a.name.starts_with("Government of") || a.name.contains("/ Government of")
        });
    if !state {
        return false;
    }
    let stem = &view.a.norm.as_str()[m.span.start + m.split.offset..m.span.end];
    const HEADS: [&str; 8] = [
        "حكوم",
        "قوات",
        "القوات",
        "جيش",
        "الجيش",
        "وزار",
        "سفار",
        "الرئيس",
    ];
    if HEADS.iter().any(|h| stem.contains(h)) {
        return false;
    }
    // "في اليمن والمغرب وموريتانيا": a country joined by و to a place before it is a
    // place too.
    let listed_with_place = m.split.conj && {
        // Walk back over the و-joined names to a place, or to في before the first.
        let mut first = m.first_tok;
        loop {
            let Some(prev) = first.checked_sub(1) else {
                break false;
            };
            if view.place_ending_at(prev) {
                break true;
            }
            match view.actor_ending_at(prev) {
                Some(ai) => {
                    let a = &view.actors[ai];
                    let before = a.first_tok.checked_sub(1);
                    if a.split.offset == 0
                        && before.is_some_and(|b| view.text(view.a.tokens[b].span) == "في")
                    {
                        break true;
                    }
                    if !a.split.conj || a.first_tok >= first {
                        break false;
                    }
                    first = a.first_tok;
                }
                None => break false,
            }
        }
    };
    if listed_with_place {
        return true;
    }
    let locative_clitic = m.split.prep == Some('ب');
    let word_before = |k: usize| {
        m.first_tok
            .checked_sub(k)
            .map(|t| view.text(view.a.tokens[t].span))
    };
    let after_fi = m.split.offset == 0 && word_before(1) == Some("في");
    // "المناطق الجنوبية من السعودية"، "أراضي اليمن": part of the country's land.
    let region = |w: &str| {
        [
            "مناطق",
            "المناطق",
            "اراضي",
            "الاراضي",
            "حدود",
            "جنوب",
            "شمال",
            "شرق",
            "غرب",
        ]
        .iter()
        .any(|r| w.ends_with(r))
            || ["الجنوبيه", "الشماليه", "الشرقيه", "الغربيه", "الحدوديه"].contains(&w)
    };
    let part_of_land =
        m.split.offset == 0 && word_before(1) == Some("من") && word_before(2).is_some_and(region);
    locative_clitic || after_fi || part_of_land
}

/// The generic noun a named actor qualifies through an affiliation word, if any
/// ("مسلحون يعتقد بانتمائهم لـ[تنظيم القاعدة]" → the "مسلحون" mention).
fn absorbed_generic(view: &DocView<'_>, ai: usize) -> Option<usize> {
    let m = &view.actors[ai];
    let mut t = m.first_tok;
    let mut passed_affiliation = false;
    for _ in 0..8 {
        if t == 0 {
            return None;
        }
        if let Some(prev) = actor_ending_at(view, t - 1) {
            let adjacent = view.actors[prev].last_tok + 1 == m.first_tok;
            return ((passed_affiliation || adjacent) && view.actors[prev].generic && !m.generic)
                .then_some(prev);
        }
        t -= 1;
        let mut skip_to = None;
        for (h, cue) in view.cues_at(t) {
            match cue {
                Cue::Affiliation | Cue::Head | Cue::Hedge => {
                    passed_affiliation = true;
                    skip_to = Some(skip_to.map_or(h.first_tok, |s: usize| s.min(h.first_tok)));
                }
                _ => {}
            }
        }
        t = skip_to?;
    }
    None
}

fn slot(view: &DocView<'_>, ai: usize) -> Slot {
    Slot {
        id: view.actors[ai].id.clone(),
        span: Some(view.actors[ai].span),
    }
}

/// Sort key: named before generic, then nearer first.
fn rank(c: &Cand) -> (bool, bool, usize) {
    (c.generic, !c.own, c.distance)
}

fn pick(cands: &[Cand], ok: impl Fn(&Cand) -> bool) -> Option<&Cand> {
    cands.iter().filter(|c| ok(c)).min_by_key(|c| rank(c))
}

/// The reach of a trigger: from the end of the previous trigger of its sentence to the
/// start of the next one (byte positions of the normalized text).
fn reach(view: &DocView<'_>, hit: &TriggerHit, sentence: NormSpan) -> (usize, usize) {
    let prev_end = view
        .triggers_in(sentence)
        .filter(|t| t.span.end <= hit.span.start)
        .map(|t| t.span.end)
        .next_back()
        .unwrap_or(sentence.start);
    let next_start = view
        .triggers_in(sentence)
        .find(|t| t.span.start >= hit.span.end && !instrument_of(view, hit, t))
        .map_or(sentence.end, |t| t.span.start);
    (prev_end, next_start)
}

/// Who spoke in the sentence before the trigger's: the doer of its last statement, else
/// the named actor that opens it ("قال وزير الخارجية …"، "أصدرت الحكومة بيانا …").
fn previous_speaker(
    view: &DocView<'_>,
    previous: &[Draft],
    hit: &TriggerHit,
    other: Option<&Slot>,
) -> Option<Slot> {
    let here = view.a.sentence_at(hit.span.start)?;
    let before = here.checked_sub(1)?;
    let not_other = |id: &str| other.is_none_or(|o| o.id != id);
    if let Some(d) = previous.iter().rev().find(|d| d.sentence == before) {
        let statement = matches!(
            d.plover.as_str(),
            "REQUEST" | "ACCUSE" | "THREATEN" | "REJECT" | "SUPPORT" | "CONSULT"
        );
        return d.actor1.clone().filter(|a| statement && not_other(&a.id));
    }
    opening_actors(view, view.a.sentences[before].span)
        .next()
        .filter(|&ai| not_other(&view.actors[ai].id))
        .map(|ai| slot(view, ai))
}

/// The named actors among the first words of a sentence (its subject or speaker: "قال
/// وزير الخارجية …"، "أصدرت الحكومة بيانا …"), in text order, by index.
fn opening_actors<'v>(
    view: &'v DocView<'_>,
    sentence: NormSpan,
) -> impl Iterator<Item = usize> + 'v {
    let opens = view.tok_at(sentence.start) + 4;
    view.actors_in(sentence)
        .filter(move |(_, m)| !m.generic && !m.pair && m.first_tok <= opens)
        .map(|(ai, _)| ai)
}

/// Who speaks in the trigger's own sentence: a named actor that opens it, with a verb of
/// saying or a colon between it and the trigger ("لفت وزير الخارجية إلى …"، "قال كيري إن
/// …"، "وزير الخارجية: إيران تدعم …"), other than `not`.
fn sentence_speaker(
    view: &DocView<'_>,
    sentence: NormSpan,
    hit: &TriggerHit,
    not: &str,
) -> Option<Slot> {
    let said_between = |from: usize| {
        let between = NormSpan::new(from, hit.span.start);
        view.text(between).contains(':')
            || !view
                .cues_in(between, |c| matches!(c, Cue::Speech | Cue::Reporting))
                .is_empty()
    };
    // "قال الوزير إن …"، "أشار الوزير إلى ما …": the speaker after the verb of saying, its
    // words after إن/أن or ما.
    let said_before = |m: &crate::document::ActorMention| {
        let before = NormSpan::new(sentence.start, m.span.start);
        let complement = (m.last_tok + 1..view.tok_at(hit.span.start)).any(|t| {
            let w = without_conjunction(view.text(view.a.tokens[t].span));
            complementizer(w) || matches!(w, "بان" | "ما")
        });
        complement
            && !view
                .cues_in(before, |c| matches!(c, Cue::Speech | Cue::Reporting))
                .is_empty()
    };
    opening_actors(view, sentence)
        .find(|&ai| {
            let m = &view.actors[ai];
            m.span.end <= hit.span.start
                && m.id != not
                && (said_between(m.span.end) || said_before(m))
        })
        .map(|ai| slot(view, ai))
}

/// The word right after a single-word verb is a definite common noun, or a bare name with
/// an actor right after it: no actor, place, date, number, cue word or definite surname
/// ("وطالب البيان …"، "وحث الوزير …"، "أدان المجلس التنسيقي للمقاومة …"، "وطالب مكاوي
/// الأمم المتحدة").
fn head_noun_follows(view: &DocView<'_>, hit: &TriggerHit, def: &crate::rules::TriggerDef) -> bool {
    // A verb with its preposition ("سيطرتها على المدينة") has its object next.
    if def.voice != Voice::Verb || hit.first_tok != hit.last_tok {
        return false;
    }
    // Noun forms listed with a verb ("تهديدات الأسلحة") take a genitive, not a subject.
    let word = view.text(hit.span);
    if hit.split.article || ["ات", "ة", "ه", "ين"].iter().any(|e| word.ends_with(e)) {
        return false;
    }
    let t = hit.last_tok + 1;
    let Some(tok) = view.a.tokens.get(t) else {
        return false;
    };
    let definite = tok.splits.iter().any(|sp| sp.article && sp.prep.is_none());
    // "وناشد الأحمدي"، "وأشاد الرحبي": a definite nisba is a surname, a named speaker.
    let w = view.text(tok.span);
    let surname = w.ends_with('ي');
    // "وطالب مكاوي الأمم المتحدة": a bare name (no article, no adverbial ending, no
    // preposition) with an actor right after it is the subject, named by the text before.
    let bare_name = !definite
        && w.chars().count() >= 3
        && !w.ends_with(['ا', 'ة', 'ه'])
        && !tok.splits.iter().any(|sp| sp.offset > 0)
        && !matches!(
            w,
            "بعد" | "قبل" | "بين" | "عند" | "لدى" | "خلال" | "منذ" | "حيث" | "ضمن"
        )
        && view
            .actors_after(t)
            .iter()
            .take_while(|m| m.first_tok == t + 1)
            .any(|m| !m.generic);
    (definite && !surname || bare_name)
        && view.cues_at_start(t).next().is_none()
        && view.cues_at(t).next().is_none()
        && !view.named_overlapping(tok.span)
        && !view.inside_date(tok.span)
        && view.quantity_covering(tok.span).is_none()
}

/// "نتنياهو يتحدث عن الصفقة ويتوعد إيران والحوثيين": in a sentence that opens with its
/// subject and a present verb, a present verb joined by و goes on with that subject,
/// so the actor after it is its object.
fn headline_subject_goes_on(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    sentence: NormSpan,
) -> Option<usize> {
    let present = |w: &str| {
        let w = without_conjunction(w);
        w.chars().count() >= 4 && (w.starts_with('ي') || w.starts_with('ت'))
    };
    if def.voice != Voice::Verb || !hit.split.conj || !present(view.text(hit.span)) {
        return None;
    }
    let (i, opener) = view.actors_in(sentence).next()?;
    let lo = view.tok_at(sentence.start);
    (opener.first_tok == lo
        && opener.last_tok + 1 < hit.first_tok
        && view
            .a
            .tokens
            .get(opener.last_tok + 1)
            .is_some_and(|t| present(view.text(t.span))))
    .then_some(i)
}

/// "أن القوات البحرية استهدفت سفينة": in reported speech a definite noun phrase that
/// names no actor stands before the verb as its subject (SVO), so the actor after the
/// verb is its object.
fn unnamed_subject_before(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
) -> bool {
    if def.voice != Voice::Verb || hit.split.conj {
        return false;
    }
    let t = hit.first_tok;
    (2..=3).any(|n| {
        let Some(k) = t.checked_sub(n) else {
            return false;
        };
        let complementizer = matches!(view.text(view.a.tokens[k].span), "ان" | "بان");
        complementizer
            && (k + 1..t).all(|j| {
                let span = view.a.tokens[j].span;
                view.text(span).starts_with("ال")
                    && view.actors_in(span).next().is_none()
                    && !view.place_overlapping(span)
                    && !view.inside_date(span)
            })
    })
}

/// The verb's subject is a definite common noun that names no actor ("وطالب البيان
/// الحوثيين"); one whose actor follows as its adjective ("الخارجية السعودية"), with ل or
/// with an affiliation word ("المجلس التنسيقي للمقاومة") is that actor's.
fn unnamed_subject_follows(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
) -> bool {
    if !head_noun_follows(view, hit, def) {
        return false;
    }
    let t = hit.last_tok + 1;
    let head_of_next = view.actors_after(t).first().is_some_and(|m| {
        // "الخارجية السعودية"، "الدفاعات الجوية الإسرائيلية": a nisba adjective of
        // the noun, after it or after its other adjectives.
        let nisba = m.first_tok == m.last_tok
            && m.first_tok - t <= 3
            && {
                let w = view.text(m.span);
                w.starts_with("ال") && nisba_ending(w)
            }
            && (t + 1..m.first_tok).all(|k| {
                view.text(view.a.tokens[k].span).starts_with("ال")
                    && view.cues_at_start(k).next().is_none()
            });
        nisba
            || m.first_tok - t <= 4
                && (m.split.prep == Some('ل')
                    || (t..m.first_tok)
                        .any(|k| view.cues_at(k).any(|(_, c)| c == Cue::Affiliation)))
    });
    !head_of_next
}

/// "قتل جندي برصاص مسلحين"، "أصيب مدنيان بقذيفة أطلقها الحوثيون": a weapon named with ب
/// right after a violent verb and its victim is the instrument of that verb's act, so the
/// verb's reach runs on past it to the doer.
fn instrument_of(view: &DocView<'_>, hit: &TriggerHit, t: &TriggerHit) -> bool {
    let def = &view.res.triggers[hit.trigger];
    def.voice != Voice::Noun
        && t.split.prep == Some('ب')
        && t.first_tok > hit.last_tok
        && t.first_tok - hit.last_tok <= 4
        && res_plover(view, t) == "ASSAULT"
        && def.plover == "ASSAULT"
}

/// Step 1 — the trigger reports an event: its required context words are there, and it
/// is not negated, the object of another act, or (for weak triggers) a purpose or plan.
fn reported(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    sentence: NormSpan,
) -> bool {
    let lo_tok = view.tok_at(sentence.start);
    // (Required context words were checked when the triggers were found: a trigger
    // without them is no trigger, document.rs.)
    // "منع الحوثيون وصول أي مساعدات": aid kept from people was not given.
    if def.plover == "AID" && cue_shortly_before(view, hit, Cue::Obstruction) {
        return false;
    }
    // Negated: "لم يتم الاتفاق", "نفى ... اعتقال".
    let neg_lo = hit.first_tok.saturating_sub(2).max(lo_tok);
    // "طائرة بدون طيار" (a drone) is a name, not a negation.
    let drone_name = |t: usize| {
        view.a
            .tokens
            .get(t + 1)
            .is_some_and(|n| view.text(n.span) == "طيار")
    };
    if (neg_lo..hit.first_tok)
        .any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Negation) && !drone_name(t))
    {
        return false;
    }

    // "قد" before an imperfect verb is "may" ("قد يلتقي"، "قد يشن التحالف غارات"); before
    // a perfect it is "has" ("قد التقى"، "قد تعرض" — so the ت- imperfects, which share
    // their first letter with form V and VI perfects, are left alone), a report.
    let may_lo = hit.first_tok.saturating_sub(6).max(lo_tok);
    if (may_lo..hit.first_tok).any(|t| {
        view.text(view.a.tokens[t].span) == "قد"
            && view.a.tokens.get(t + 1).is_some_and(|n| {
                let w = view.text(n.span);
                w.chars().count() >= 3 && w.starts_with(['ي', 'ن'])
            })
    }) {
        return false;
    }
    // The object of another act: "للتنديد باختطاف ذويهم".
    let lo = hit.first_tok.saturating_sub(2).max(lo_tok);
    if (lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Embedded)) {
        return false;
    }
    // "فالمتمردون يقصفون المدنيين بشكل يومي": a present-tense verb with an adverb of habit
    // describes what keeps happening, not an event.
    if def.voice == Voice::Verb {
        let stem = without_conjunction(view.text(hit.span));
        // ت opens a present form too ("وتختطف") unless the verb itself begins with it
        // (تقدم، تظاهر).
        let present = stem.starts_with('ي')
            || stem.starts_with('ت')
                && (stem.ends_with("ون") || !def.verbs.iter().any(|v| v.starts_with('ت')));
        let clause = view.clause_of(hit.span.start);
        let (lo, hi) = (view.tok_at(clause.start), view.tok_at(clause.end));
        if present && (lo..hi).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Habitual)) {
            return false;
        }
    }
    // "اتهمت واشنطن موسكو بتسليح الحوثيين"، "… بإجراء مباحثات مع …": the act of an
    // accusation's ب-complement is what one side says of the other, not a report.
    // (A violent act so told is reported all the same: "اتهمت الحكومة الحوثيين بقصف
    // الأحياء" tells of shelling.)
    if !matches!(def.plover.as_str(), "ACCUSE" | "ASSAULT" | "COERCE") {
        let with_bi = |t: usize| {
            view.a.tokens[t]
                .splits
                .iter()
                .any(|sp| sp.prep == Some('ب') && sp.offset > 0)
        };
        let complement =
            hit.split.prep == Some('ب') || hit.first_tok > 0 && with_bi(hit.first_tok - 1);
        let sentence = view.sentence_of(hit.span.start);
        if complement
            && view.triggers_in(sentence).any(|t| {
                let d = &view.res.triggers[t.trigger];
                d.plover == "ACCUSE"
                    && d.voice == Voice::Verb
                    && t.last_tok < hit.first_tok
                    && hit.first_tok - t.last_tok <= 8
            })
        {
            return false;
        }
    }
    // "المواقع التي تسيطر عليها": who holds a place, told in the present after a relative
    // pronoun, is a state of affairs, not its taking.
    if def.territory && hit.first_tok > 0 {
        let word = view.text(hit.span);
        let present = word.starts_with('ي') || word.starts_with('ت');
        let after_relative = RELATIVES.contains(&view.text(view.a.tokens[hit.first_tok - 1].span));
        if present && after_relative {
            return false;
        }
    }
    // "بعد اقتراب المقاومة من تحرير محافظة أبين": close to taking a place.
    if def.territory && cue_shortly_before(view, hit, Cue::Approach) {
        return false;
    }
    // "عثروا على كميات كبيرة من الألغام"، "تفكيك عبوة ناسفة": weapons found, seized or
    // dismantled were not used.
    if def.plover == "ASSAULT"
        && def.voice == Voice::Noun
        && cue_shortly_before(view, hit, Cue::Seized)
    {
        return false;
    }
    // Irrealis or descriptive context: "لتقديم مساعدات", "في إطار التعاون".
    if def.weak {
        let lo = hit.first_tok.saturating_sub(2).max(lo_tok);
        if (lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Irrealis)) {
            return false;
        }
    }
    true
}

/// A cue at most six words before the trigger, in its clause.
fn cue_shortly_before(view: &DocView<'_>, hit: &TriggerHit, cue: Cue) -> bool {
    let clause_lo = view.tok_at(view.clause_of(hit.span.start).start);
    let lo = hit.first_tok.saturating_sub(6).max(clause_lo);
    (lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == cue))
}

/// "خلال الاجتماع", "على هامش اللقاء": a definite meeting or agreement noun after such a
/// word is one the document has already told (when it has told one of that type): no new
/// frame, whose sides would come from the wrong clause. So is any definite event noun after
/// a demonstrative ("تلك الاشتباكات").
fn told_before(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    previous: &[Draft],
) -> bool {
    let definite = hit.split.article || view.text(hit.span).starts_with("ال");
    if !definite || def.voice != Voice::Noun || !previous.iter().any(|d| d.plover == def.plover) {
        return false;
    }
    // "خلال تلك الاشتباكات"، "هذه الغارات": a demonstrative points back to the event told.
    let demonstrative = hit.first_tok > 0
        && matches!(
            view.text(view.a.tokens[hit.first_tok - 1].span),
            "تلك"
                | "هذه"
                | "هذا"
                | "ذلك"
                | "وتلك"
                | "وهذه"
                | "وهذا"
                | "بتلك"
                | "بهذه"
                | "بهذا"
                | "لتلك"
                | "لهذه"
                | "لهذا"
        );
    // (With a toll of its own, it opens a frame that merges into the event it points to.)
    if demonstrative {
        let sentence = view.sentence_of(hit.span.start);
        return view
            .cues_in(sentence, |c| matches!(c, Cue::Fatalities | Cue::Injured))
            .is_empty();
    }
    if !matches!(def.plover.as_str(), "CONSULT" | "AGREE") {
        return false;
    }
    let lo_tok = view.tok_at(view.sentence_of(hit.span.start).start);
    let lo = hit.first_tok.saturating_sub(2).max(lo_tok);
    (lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::EventReference))
}

/// Step 2 — the actor mentions of the sentence that may fill a slot, each with the word
/// that marks its role, its side of the trigger and whether it lies in the trigger's
/// reach; speakers, destinations and qualified common nouns are left out. Also says
/// whether "the two sides" are mentioned.
fn candidates(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    sentence: NormSpan,
    clause: NormSpan,
) -> (Vec<Cand>, bool) {
    let lo_tok = view.tok_at(sentence.start);
    let (prev_end, next_start) = reach(view, hit, sentence);

    // Candidate actors of the sentence.
    let head_noun_first = head_noun_follows(view, hit, def);
    let mut cands: Vec<Cand> = Vec::new();
    for (ai, m) in view.actors_in(sentence) {
        if m.span.overlaps(hit.span) {
            continue;
        }
        let before = m.span.end <= hit.span.start;
        let distance = if before {
            hit.first_tok.saturating_sub(m.last_tok)
        } else {
            m.first_tok.saturating_sub(hit.last_tok)
        };
        // Right after another trigger ("دانت منظمة هيومن رايتس ووتش … قصف"), a name
        // is that trigger's subject or genitive, not this one's.
        // Likewise the subject of a verb of another kind a word or two before it
        // ("أدانت الخارجية السعودية الهجوم"): the condemner, not the attacker.
        let taken = before
            && view.triggers_in(sentence).any(|t| {
                t.span != hit.span
                    && (t.last_tok + 1 == m.first_tok
                        || t.last_tok < m.first_tok
                            && m.first_tok - t.last_tok <= 3
                            && res_plover(view, t) != res_plover(view, hit)
                            && view.res.triggers[t.trigger].voice == Voice::Verb
                            // The first name after that verb is its subject.
                            && view
                                .actors_in(NormSpan {
                                    start: t.span.end,
                                    end: m.span.start,
                                })
                                .next()
                                .is_none())
            });
        // "قتل ثلاثة جنود": a counted actor is who the act befell, not who did it.
        // A dual common noun counts itself ("قتل جنديان": two soldiers were killed).
        let dual = m.generic
            && m.first_tok == m.last_tok
            && {
                let w = view.text(m.span);
                w.ends_with("ان") || w.ends_with("ين") && !w.ends_with("يين")
            }
            && view.text(m.span).chars().count() >= 5;
        let counted = dual
            || m.first_tok > 0 && {
                let prev = view.a.tokens[m.first_tok - 1].span;
                view.quantity_covering(prev).is_some()
            };
        // "…في المواجهات، في حين شنت طائرات التحالف غارات": in a later clause, the name
        // right before the next trigger is that trigger's subject.
        let next_subject = !before
            && !clause.contains(m.span)
            && view
                .triggers_in(sentence)
                .find(|t| t.span.start >= m.span.end)
                .is_some_and(|t| t.first_tok <= m.last_tok + 2);
        // "أدان المجلس التنسيقي للمقاومة الشعبية …": the actor of the unnamed head noun
        // right after the verb is the verb's subject.
        let subject_of_head = !before
            && m.split.prep == Some('ل')
            && m.first_tok - hit.last_tok <= 4
            && head_noun_first;
        let after_relative = !before
            && (hit.last_tok + 1..m.first_tok)
                .any(|t| RELATIVES.contains(&view.text(view.a.tokens[t].span)));
        cands.push(Cand {
            actor: ai,
            counted,
            after_relative,
            // Troops sent "لمواجهة X" are sent against X.
            marker: if subject_of_head {
                Marker::Adjacent
            } else {
                marker(view, ai, hit, lo_tok, def.plover != "MOBILIZE")
            },
            before,
            distance,
            same_clause: clause.contains(m.span),
            generic: m.generic,
            own: m.span.start >= prev_end && m.span.end <= next_start && !taken && !next_subject,
        });
    }
    // The speaker of "قال X إن …" is no party to a violent or coercive event, unless the
    // verb's subject is the speaker's pronoun ("قال الحوثيون إنهم استهدفوا").
    if matches!(def.plover.as_str(), "ASSAULT" | "COERCE" | "RETREAT")
        && !speaker_pronoun_before(view, hit)
    {
        cands.retain(|c| {
            let t = view.actors[c.actor].first_tok;
            let speaker = (t.saturating_sub(2)..t)
                .any(|k| view.cues_at(k).any(|(_, cue)| cue == Cue::Speech));
            // "وستعود إلى فرنسا": a destination is no party to an attack.
            let destination =
                t > 0 && matches!(view.text(view.a.tokens[t - 1].span), "الي" | "والي");
            !speaker && !destination
        });
    }
    // A meeting's or agreement's topic ("لمناقشة المواجهة مع الحوثيين") names no party.
    if matches!(def.plover.as_str(), "CONSULT" | "AGREE") {
        let hi_tok = view.tok_at(sentence.end.saturating_sub(1));
        if let Some(topic) =
            (hit.last_tok + 1..=hi_tok).find(|&t| view.cues_at(t).any(|(_, c)| c == Cue::Topic))
        {
            cands.retain(|c| view.actors[c.actor].first_tok < topic);
        }
        // "قال كيري خلال محادثات جمعته مع وزراء الخليج إن الاتفاق مع إيران …": what a
        // speaker said about the meeting (after إن/أن, a verb of saying before it) names
        // no party of the meeting.
        let complement = (hit.last_tok + 1..=hi_tok).find(|&t| {
            view.a
                .tokens
                .get(t)
                .is_some_and(|tok| complementizer(without_conjunction(view.text(tok.span))))
        });
        if let Some(said) = complement {
            let upto = NormSpan::new(sentence.start, view.a.tokens[said].span.start);
            let saying = !view
                .cues_in(upto, |c| matches!(c, Cue::Speech | Cue::Reporting))
                .is_empty();
            if saying {
                cands.retain(|c| view.actors[c.actor].first_tok < said);
            }
        }
    }
    // "وصلت سفينة مساعدات إماراتية": the ship carries the aid; the giver is named by
    // the aid's own words.
    if def.plover == "AID" {
        cands.retain(|c| view.actors[c.actor].id != "commercial-shipping");
    }
    let absorbed: Vec<usize> = cands
        .iter()
        .filter(|c| !c.generic)
        .filter_map(|c| absorbed_generic(view, c.actor))
        .collect();
    cands.retain(|c| !absorbed.contains(&c.actor));
    let pair_mentioned = cands.iter().any(|c| view.actors[c.actor].pair);
    cands.retain(|c| !view.actors[c.actor].pair && c.marker != Marker::Modifier);
    (cands, pair_mentioned)
}

/// The event's type as coded: PLOVER type and mode, CAMEO code, Goldstein score, ACLED
/// sub-event type.
struct Coding {
    plover: String,
    mode: Option<String>,
    cameo: String,
    goldstein: f64,
    acled_sub: String,
}

/// Step 5 — the coding of the trigger's rule, refined by what the frame found: a seized
/// vehicle, an attacker named by its aircraft, who took territory, civilian targets.
fn coding(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    actor1: Option<&Slot>,
    actor2: Option<&Slot>,
) -> Coding {
    let mut plover = def.plover.clone();
    let mut mode = def.mode.clone();
    let mut cameo = def.cameo.clone();
    let mut goldstein = def.goldstein;
    let mut acled_sub = def.acled.clone();
    // An abducted vehicle is a seizure of property.
    if mode.as_deref() == Some("abduct") {
        let after = hit.last_tok + 1;
        let vehicle = (after..after + 2).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Vehicle));
        if vehicle {
            plover = "COERCE".into();
            mode = Some("seize".into());
            cameo = "171".into();
            goldstein = -9.2;
            acled_sub = "Looting/property destruction".into();
        }
    }
    // "هاجم الوزير الحوثيين واصفا إياهم …"، "شن هجوما حادا على …": an attack in words,
    // where the sentence tells of no weapon or casualty, is a criticism.
    if plover == "ASSAULT" {
        let word = view.text(hit.span);
        let attack_word = ["هاجم", "هجوم", "يهاجم", "تهاجم", "مهاجم"]
            .iter()
            .any(|w| word.contains(w));
        let sentence = view.sentence_of(hit.span.start);
        let in_words = attack_word
            && (hit.first_tok..=hit.last_tok + 14)
                .any(|t| view.cues_at(t).any(|(_, c)| c == Cue::VerbalManner))
            && view
                .cues_in(sentence, |c| matches!(c, Cue::Fatalities | Cue::Injured))
                .is_empty()
            && view
                .triggers_in(sentence)
                .all(|t| t.span == hit.span || res_plover(view, t) != "ASSAULT");
        if in_words {
            plover = "ACCUSE".into();
            mode = None;
            cameo = "111".into();
            goldstein = -2.0;
            acled_sub = "Other".into();
        }
    }
    // "هاجم الحوثيون المطار بمسيرات مفخخة": a plain attack verb takes the coding of the
    // weapon named with ب in its sentence.
    if plover == "ASSAULT"
        && (matches!(acled_sub.as_str(), "Armed clash" | "Attack") || def.fallback)
    {
        let sentence = view.sentence_of(hit.span.start);
        let weapon = view.triggers_in(sentence).find(|t| {
            let w = &view.res.triggers[t.trigger];
            t.first_tok > hit.last_tok
                && t.first_tok - hit.last_tok <= 10
                && w.plover == "ASSAULT"
                && !w.fallback
                && w.acled != "Armed clash"
                && view.a.tokens[t.first_tok]
                    .splits
                    .iter()
                    .any(|sp| sp.prep == Some('ب'))
        });
        if let Some(t) = weapon {
            let w = &view.res.triggers[t.trigger];
            mode = w.mode.clone();
            cameo = w.cameo.clone();
            goldstein = w.goldstein;
            acled_sub = w.acled.clone();
        }
    }
    // "قصف طيران التحالف مواقع …": an attack whose doer is named by its aircraft is
    // an air strike, whatever the verb.
    let by_aircraft = actor1.and_then(|a| a.span).is_some_and(|span| {
        let (first, last) = view.tok_range(span);
        // "طائرات التحالف"، "طائرات حربية إسرائيلية": one adjective may stand between.
        (first.saturating_sub(2)..=last).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Aircraft))
    });
    if plover == "ASSAULT"
        && by_aircraft
        && matches!(
            acled_sub.as_str(),
            "Shelling/artillery/missile attack" | "Armed clash" | "Attack"
        )
    {
        mode = Some("aerial".into());
        cameo = "195".into();
        goldstein = -10.0;
        acled_sub = "Air/drone strike".into();
    }
    if def.territory {
        let state_side = actor1.is_some_and(|a| crate::coding::is_pro_government(&a.id));
        acled_sub = if state_side || actor1.is_none() {
            "Government regains territory".into()
        } else {
            "Non-state actor overtakes territory".into()
        };
    }
    // Civilians and merchant ships do not fight back: an attack on them is no clash.
    let unarmed = |a: &Slot| matches!(a.id.as_str(), "civilians" | "commercial-shipping");
    if acled_sub == "Armed clash" && actor2.is_some_and(unarmed) {
        acled_sub = "Attack".into();
    }
    if acled_sub == "Attack"
        && actor2.is_some_and(|a| !unarmed(a) && !a.id.is_empty())
        && mode.as_deref() != Some("targeted")
    {
        acled_sub = "Armed clash".into();
    }
    // Lethal force on a protest is ACLED's excessive force against protesters, whoever
    // uses it.
    if plover == "ASSAULT"
        && actor2.is_some_and(|a| a.id == "protesters")
        && matches!(acled_sub.as_str(), "Armed clash" | "Attack")
    {
        acled_sub = "Excessive force against protesters".into();
    }
    Coding {
        plover,
        mode,
        cameo,
        goldstein,
        acled_sub,
    }
}

/// Step 3 — actor1 and actor2 by the frame's kind (directed: voice and markers;
/// symmetric: the two sides), and a third party that "من جهة" puts on a side.
fn sides(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
    cands: &[Cand],
    sentence: NormSpan,
    subject_elsewhere: bool,
) -> (Option<Slot>, Option<Slot>, Option<Slot>) {
    // "تمكنوا من قتل المسؤول الأمني": after a preposition a verb's letters spell its
    // verbal noun, whose genitive is what the act befell.
    // So after على/إلى ("بناء على طلب من الرئيس") and with the proclitic ب, which no verb
    // takes ("بطلب من").
    let masdar = def.voice == Voice::Verb
        && !hit.split.conj
        && (hit.split.prep == Some('ب')
            || hit.first_tok > 0
                && matches!(
                    view.text(view.a.tokens[hit.first_tok - 1].span),
                    "من" | "في" | "عن" | "علي" | "الي"
                ));
    // (A statement's verbal noun keeps its rule's genitive: "بناء على طلب الرئيس" is
    // the president's request.)
    let (voice, genitive) = if masdar && is_statement(&def.plover) {
        (Voice::Noun, def.genitive)
    } else if masdar {
        (Voice::Noun, Genitive::Patient)
    } else {
        (def.voice, def.genitive)
    };
    let (mut actor1, mut actor2) = match def.frame {
        FrameKind::Directed => directed(
            view,
            def,
            (voice, genitive),
            cands,
            subject_elsewhere,
            hit.split.article || view.text(hit.span).starts_with("ال"),
            cause_of_casualties(view, hit, def),
        ),
        FrameKind::Symmetric => symmetric(view, cands, co_subjects(view, hit, def)),
    };
    // "السفينة التي استهدفها الحوثيون": a verb carrying the object pronoun has the
    // pronoun's antecedent as its object and the actor after it as its subject.
    let verb_def = match hit.verb {
        Some(v) => Some(&view.res.triggers[v]),
        None => (def.voice == Voice::Verb).then_some(def),
    };
    if let Some(verb_def) = verb_def.filter(|_| def.frame == FrameKind::Directed) {
        if let Some((doer, object)) = relative_object(view, hit, cands, verb_def) {
            actor1 = Some(slot(view, doer));
            actor2 = Some(slot(view, object));
        }
    }
    // "أسقطت مدمرة أمريكية ثلاث مسيرات أطلقها الحوثيون": whoever launched what was
    // intercepted is the interception's actor2; the interceptor is another actor.
    if def.acled == "Disrupted weapons use" {
        let launcher = cands.iter().find(|c| {
            !c.before
                && view.actors[c.actor].first_tok > 0
                && view
                    .text(view.a.tokens[view.actors[c.actor].first_tok - 1].span)
                    .starts_with("اطلق")
        });
        if let Some(l) = launcher {
            let lid = &view.actors[l.actor].id;
            if actor1.as_ref().is_some_and(|a| a.id == *lid) || actor2.is_none() {
                let interceptor = cands
                    .iter()
                    .filter(|c| {
                        view.actors[c.actor].id != *lid
                            && matches!(c.marker, Marker::Adjacent | Marker::Unmarked)
                            && (c.same_clause || c.distance <= 6)
                    })
                    .min_by_key(|c| c.distance)
                    .map(|c| slot(view, c.actor));
                actor1 = interceptor.or(actor1.filter(|a| a.id != *lid));
                actor2 = Some(slot(view, l.actor));
            }
        }
    }
    // "صدت المقاومة هجوما للحوثيين"، "أحبطت قوات الجيش هجوما للقاعدة": whoever repels
    // an attack is its target.
    if def.plover == "ASSAULT" && def.voice == Voice::Noun && actor2.is_none() {
        // The verb may stand before its subject ("أحبطت قوات الجيش هجوما").
        let lo = hit
            .first_tok
            .saturating_sub(6)
            .max(view.tok_at(view.clause_of(hit.span.start).start));
        let repelled = (lo..hit.first_tok).any(|t| {
            let tok = &view.a.tokens[t];
            let w = view.text(tok.span);
            tok.splits
                .iter()
                .any(|sp| REPEL.contains(&&w[sp.offset.min(w.len())..]))
        });
        if repelled {
            let repeller = cands
                .iter()
                .filter(|c| {
                    c.before
                        && c.own
                        && (c.same_clause || c.distance <= 8)
                        && matches!(c.marker, Marker::Adjacent | Marker::Unmarked)
                })
                .min_by_key(|c| c.distance)
                .map(|c| slot(view, c.actor));
            if let Some(r) = repeller {
                // The rules may have taken the repeller for the doer.
                if actor1.as_ref().is_some_and(|a| a.span == r.span) {
                    actor1 = None;
                }
                if actor1.as_ref().is_none_or(|a| a.id != r.id) {
                    actor2 = Some(r);
                }
            }
        }
    }
    // "قال الحوثيون إنهم استهدفوا سفينة": after "إنه/إنها/إنهم" the doer is the speaker,
    // the actor named just before the pronoun.
    if def.voice == Voice::Verb
        && def.frame == FrameKind::Directed
        && speaker_pronoun_before(view, hit)
    {
        let speaker = cands
            .iter()
            .filter(|c| {
                c.before
                    && c.distance <= 8
                    && Some(&view.actors[c.actor].id) != actor2.as_ref().map(|a| &a.id)
            })
            .min_by_key(|c| c.distance)
            .map(|c| slot(view, c.actor));
        if speaker.is_some() {
            // The actor the rules took as the doer is then what the verb is about.
            if actor2.is_none() && actor1.as_ref().map(|a| &a.id) != speaker.as_ref().map(|a| &a.id)
            {
                actor2 = actor1.take();
            }
            actor1 = speaker;
        }
    }
    // "بين X وY من جهة، وZ من جهة أخرى": the sides are X+Y against Z.
    let mut side_assoc: Option<Slot> = None;
    if def.frame == FrameKind::Symmetric {
        if let (Some(a), Some(b)) = (&actor1, &actor2) {
            if let Some(bspan) = b.span {
                // A name of a person may close the side ("والقوات الموالية للرئيس السابق
                // علي صالح من جهة"): up to four words and no actor before "من جهة".
                let rest = &view.a.norm.as_str()[bspan.end..sentence.end];
                let side_end = rest.find("من جهه").filter(|&k| {
                    let between = NormSpan::new(bspan.end, bspan.end + k);
                    rest[..k].split_whitespace().count() <= 4
                        && view.actors_in(between).next().is_none()
                });
                if side_end.is_some() {
                    let z = cands
                        .iter()
                        .filter(|c| {
                            view.actors[c.actor].span.start > bspan.end
                                && view.actors[c.actor].id != a.id
                                && view.actors[c.actor].id != b.id
                        })
                        .min_by_key(|c| c.distance)
                        .map(|c| slot(view, c.actor));
                    if let Some(z) = z {
                        side_assoc = actor2.take();
                        actor2 = Some(z);
                    }
                }
            }
        }
    }
    (actor1, actor2, side_assoc)
}

/// actor1 and actor2 of a frame.
type Sides = (Option<Slot>, Option<Slot>);

/// What the role steps of one frame look at.
struct Roles<'v, 'a> {
    view: &'v DocView<'a>,
    hit: &'v TriggerHit,
    def: &'v crate::rules::TriggerDef,
    sentence: NormSpan,
    cands: &'v [Cand],
    /// The verb's subject is a pronoun or an unnamed noun, not an actor after it.
    subject_elsewhere: bool,
}

impl Roles<'_, '_> {
    /// Step 4 — slots the sentence leaves empty, filled from the discourse: "the two
    /// sides" and a further meeting of the pair named before; the host of a meeting with
    /// one named party is the sentence's subject.
    fn discourse_roles(
        &self,
        previous: &[Draft],
        state: &State,
        pair_mentioned: bool,
        actors: Sides,
    ) -> Sides {
        let (mut actor1, mut actor2) = actors;
        let Roles {
            view,
            hit,
            def,
            sentence,
            cands,
            subject_elsewhere,
        } = *self;
        let lo_tok = view.tok_at(sentence.start);
        // "اجتماعا آخر", "الاجتماع الأخير" with no one named, right after a meeting of a
        // known pair: the same pair.
        let continues = def.frame == FrameKind::Symmetric
            && cands.is_empty()
            && previous.iter().rev().take(6).any(|d| {
                d.plover == def.plover
                    && view.a.sentence_at(d.pos).is_some_and(|s| {
                        view.a
                            .sentence_at(hit.span.start)
                            .is_some_and(|h| h >= s && h - s <= 2)
                    })
            });
        if (pair_mentioned || def.frame == FrameKind::Symmetric && continues)
            && actor1.is_none()
            && actor2.is_none()
        {
            {
                if let Some((a, b)) = &state.last_pair {
                    actor1 = Some(Slot {
                        id: a.clone(),
                        span: None,
                    });
                    actor2 = Some(Slot {
                        id: b.clone(),
                        span: None,
                    });
                }
            }
        }
        // "أصدرت الحكومة بيانا. وطالب البيان الحوثيين …"، "… وتوعدوا": a statement whose
        // subject is a pronoun or an unnamed noun, with no one named before it in its
        // sentence, is by the speaker of the sentence before.
        let statement = matches!(
            def.plover.as_str(),
            "REQUEST" | "ACCUSE" | "THREATEN" | "REJECT" | "SUPPORT"
        );
        if statement && actor1.is_none() && subject_elsewhere && !cands.iter().any(|c| c.before) {
            actor1 = previous_speaker(view, previous, hit, actor2.as_ref());
        }
        // "جدد الرئيس هادي … خلال لقائه مبعوث الأمم المتحدة": a meeting with one party named
        // in its reach was held by the sentence's subject.
        if def.plover == "CONSULT" && (actor1.is_none() != actor2.is_none()) {
            let known = actor1.as_ref().or(actor2.as_ref()).map(|a| a.id.clone());
            let subject = view
                .actors_in(sentence)
                .map(|(_, m)| m)
                .filter(|m| !m.generic && !m.pair)
                .filter(|m| m.span.end <= hit.span.start && Some(&m.id) != known.as_ref())
                .find(|m| {
                    let t = m.first_tok;
                    // The subject follows the sentence's first verb: at most a few words in.
                    t <= lo_tok + 4
                })
                .map(|m| Slot {
                    id: m.id.clone(),
                    span: Some(m.span),
                });
            if let Some(host) = subject {
                if actor1.is_none() {
                    actor1 = Some(host);
                } else {
                    actor2 = Some(host);
                }
            }
        }
        (actor1, actor2)
    }

    /// Step 5 — corrections that follow from the kind of event: protests are by
    /// protesters, territory is taken from someone, receiving verbs turn the direction,
    /// civilians do not attack, and nobody is their own counterpart.
    fn frame_rules(&self, actors: Sides) -> Sides {
        let (mut actor1, mut actor2) = actors;
        let Roles {
            view,
            hit,
            def,
            sentence,
            cands,
            ..
        } = *self;
        let lo_tok = view.tok_at(sentence.start);
        // A protest is by protesters (the people named, or "protesters") against the
        // authority the sentence names.
        if def.protest {
            let against = cands
                .iter()
                .filter(|c| !c.generic)
                .filter(|c| {
                    view.res
                        .lexicon
                        .actor(&view.actors[c.actor].id)
                        .is_some_and(|a| !matches!(a.category, 6 | 7))
                })
                .min_by_key(|c| c.distance)
                .map(|c| slot(view, c.actor));
            actor1 = Some(Slot {
                id: "protesters".into(),
                span: cands
                    .iter()
                    .filter(|c| {
                        matches!(view.actors[c.actor].id.as_str(), "protesters" | "civilians")
                    })
                    .min_by_key(|c| c.distance)
                    .map(|c| view.actors[c.actor].span),
            });
            actor2 = against;
        }
        // "تحرير المدينة من المتمردين", "استعادت المطار من أيدي الحوثيين": the party a
        // place is taken from is the target.
        if def.territory {
            let from = cands.iter().find(|c| {
                !c.before && c.own && {
                    let t = view.actors[c.actor].first_tok;
                    let prev = |k: usize| (t >= k).then(|| view.text(view.a.tokens[t - k].span));
                    let from_word = |w: Option<&str>| w.is_some_and(|w| w == "من" || w == "ومن");
                    from_word(prev(1))
                        || (prev(1).is_some_and(|w| matches!(w, "ايدي" | "قبضه" | "يد"))
                            && from_word(prev(2)))
                }
            });
            // "تحرير قاعدة العند ودحر الميليشيات منها": whoever is driven out is too.
            let driven_out = || {
                cands.iter().find(|c| {
                    !c.before && c.distance <= 8 && {
                        let t = view.actors[c.actor].first_tok;
                        t > 0 && {
                            let w = without_conjunction(view.text(view.a.tokens[t - 1].span));
                            matches!(w, "دحر" | "طرد" | "هزيمه" | "اخراج")
                        }
                    }
                })
            };
            if let Some(c) = from.or_else(driven_out) {
                let s = slot(view, c.actor);
                if actor1.as_ref().is_some_and(|a| a.id == s.id) {
                    actor1 = None;
                }
                actor2 = Some(s);
            }
            // Rebels are not said to liberate or recover a place (تحرير، استعادة): named
            // as the doer of one, they are the side it was taken from.
            let word = without_conjunction(view.text(hit.span));
            let word = word.strip_prefix('ب').unwrap_or(word);
            let liberation = ["تحرير", "حرر", "استعاد", "تستعيد", "يستعيد"]
                .iter()
                .any(|w| word.starts_with(w));
            if liberation
                && actor1
                    .as_ref()
                    .is_some_and(|a| matches!(a.id.as_str(), "houthis" | "saleh-forces"))
            {
                let rebels = actor1.take();
                if actor2.is_none() {
                    actor2 = rebels;
                }
            }
        }
        // "تلقت المقاومة دعما من التحالف", "تسلمت السلطة المحلية في حضرموت شحنة أدوية من
        // …": the subject of a receiving verb (earlier in the clause) is the recipient.
        let lo = hit.first_tok.saturating_sub(4).max(lo_tok);
        let clause_lo = view
            .tok_at(view.clause_of(hit.span.start).start)
            .max(hit.first_tok.saturating_sub(10))
            .max(lo_tok)
            .min(lo);
        if def.frame == FrameKind::Directed
            && (clause_lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Receive))
        {
            std::mem::swap(&mut actor1, &mut actor2);
        }
        // "تعرض الحوثيون لغارات": the subject of "suffered" is the target; a doer, if any,
        // comes after ("من قبل التحالف").
        let suffered = (lo..hit.first_tok).any(|t| {
            let w = view.text(view.a.tokens[t].span);
            ["تعرض", "يتعرض", "تتعرض", "وتعرض"]
                .iter()
                .any(|v| w.starts_with(v))
        });
        let subject_before = actor1
            .as_ref()
            .and_then(|a| a.span)
            .is_some_and(|span| span.end <= hit.span.start);
        if def.frame == FrameKind::Directed && suffered && subject_before {
            let victim = actor1.take();
            actor1 = actor2
                .take()
                .filter(|a| a.span.is_none_or(|s| s.start > hit.span.start));
            actor2 = victim;
        }
        // Civilians do not initiate violence, except as protesters.
        if !def.protest && actor1.as_ref().is_some_and(|s| s.id == "civilians") {
            if actor2.is_none() {
                actor2 = actor1.take();
                // "أمطرت القوات الموالية للحوثيين مناطق سكنية … بالصواريخ": the doer is
                // the armed party named before the civilians.
                let victim_start = actor2.as_ref().and_then(|a| a.span).map(|s| s.start);
                let violent = matches!(def.plover.as_str(), "ASSAULT" | "COERCE");
                actor1 = cands
                    .iter()
                    .filter(|c| {
                        let m = &view.actors[c.actor];
                        violent
                            && c.before
                            && c.own
                            && m.id != "civilians"
                            && !m.generic
                            && matches!(c.marker, Marker::Unmarked | Marker::Adjacent)
                            && victim_start.is_some_and(|v| m.span.end <= v)
                            && (c.same_clause || c.distance <= 8)
                    })
                    .min_by_key(|c| c.distance)
                    .map(|c| slot(view, c.actor));
            } else if matches!(def.plover.as_str(), "REQUEST" | "THREATEN")
                && def.voice == Voice::Verb
                && actor1
                    .as_ref()
                    .and_then(|a| a.span)
                    .is_some_and(|s| s.start >= hit.span.end)
            {
                // "ودعا الشعب اليمني إلى الوقوف ضد ما تقوم به الميليشيات": the people
                // after an appeal are its addressees, whatever its content names.
                actor2 = actor1.take();
            } else {
                actor1 = None;
            }
        }
        if let (Some(a), Some(b)) = (&actor1, &actor2) {
            if a.id == b.id {
                actor2 = None;
            }
        }
        (actor1, actor2)
    }
}

/// Allies are one side: "… الحوثيين وقوات صالح، لافتة إلى أن المقاومة حاصرت …" never
/// makes Saleh's forces attack the Houthis (data/alliances.tsv, by publication date). An
/// ally found as the target of an attack or coercion joins the doer's side.
pub(crate) fn allies_on_one_side(
    view: &DocView<'_>,
    plover: &str,
    actor1: &Option<Slot>,
    actor2: &mut Option<Slot>,
    assoc1: &mut Vec<Slot>,
) {
    if !matches!(plover, "ASSAULT" | "COERCE") {
        return;
    }
    let (Some(x), Some(y)) = (actor1, actor2.as_ref()) else {
        return;
    };
    if x.id == y.id || !view.res.allied(&x.id, &y.id, view.pub_date) {
        return;
    }
    if let Some(y) = actor2.take() {
        if !assoc1.iter().any(|s| s.id == y.id) {
            assoc1.push(y);
        }
    }
}

/// Builds the frame of trigger `hit`, or `None` when the text does not support an event.
pub(crate) fn fill(
    view: &DocView<'_>,
    hit: &TriggerHit,
    previous: &[Draft],
    state: &mut State,
) -> Option<Draft> {
    let res = view.res;
    let def = &res.triggers[hit.trigger];
    let sentence = view.sentence_of(hit.span.start);
    let clause = view.clause_of(hit.span.start);

    if !reported(view, hit, def, sentence) || told_before(view, hit, def, previous) {
        return None;
    }
    // "استهدفت السفينة … بعدد من الصواريخ": the weapon gives the coding, the attack verb
    // it absorbed says where the sides stand.
    let role_def = hit.verb.map_or(def, |v| &res.triggers[v]);
    let (cands, pair_mentioned) = candidates(view, hit, role_def, sentence, clause);

    // "وطالب البيان الحوثيين": an unnamed subject after the verb, like a pronoun one,
    // leaves the actor after it to be the object and the speaker to the discourse.
    let headline_subject = headline_subject_goes_on(view, hit, role_def, sentence);
    let subject_elsewhere = pronoun_subject(view, hit, role_def)
        || unnamed_subject_follows(view, hit, role_def)
        || unnamed_subject_before(view, hit, role_def)
        || headline_subject.is_some();
    let (actor1, actor2, side_assoc) =
        sides(view, hit, role_def, &cands, sentence, subject_elsewhere);
    let roles = Roles {
        view,
        hit,
        def: role_def,
        sentence,
        cands: &cands,
        subject_elsewhere,
    };
    let (mut actor1, mut actor2) =
        roles.frame_rules(roles.discourse_roles(previous, state, pair_mentioned, (actor1, actor2)));
    if actor1.is_none() {
        if let Some(opener) = headline_subject {
            actor1 = Some(slot(view, opener));
        }
    }
    // Coordinated actors join their head's side.
    let mut assoc1 = Vec::new();
    let mut assoc2 = Vec::new();
    for c in &cands {
        if let Marker::Coordinated(prev) = c.marker {
            let s = slot(view, c.actor);
            let prev_span = Some(view.actors[prev].span);
            let on1 = actor1.as_ref().is_some_and(|a| a.span == prev_span);
            let on2 = actor2.as_ref().is_some_and(|a| a.span == prev_span);
            let taken = |x: &Option<Slot>| x.as_ref().is_some_and(|a| a.id == s.id);
            let with_group = !between(view, prev)
                && cands
                    .iter()
                    .any(|h| h.actor == prev && h.marker == Marker::Counterpart);
            let ally = co_subjects(view, hit, def) && c.before && !between(view, prev);
            if def.frame == FrameKind::Symmetric && on1 && actor2.is_none() && !with_group && !ally
            {
                actor2 = Some(s);
            } else if on1 && !taken(&actor1) && !assoc1.contains(&s) {
                assoc1.push(s);
            } else if on2 && !taken(&actor2) && !assoc2.contains(&s) {
                assoc2.push(s);
            }
        }
    }
    if let Some(x) = side_assoc {
        if !assoc1.iter().any(|s| s.id == x.id) {
            assoc1.push(x);
        }
    }
    // An associate is never one of the main actors.
    let main_ids: Vec<String> = [&actor1, &actor2]
        .into_iter()
        .flatten()
        .map(|a| a.id.clone())
        .collect();
    assoc1.retain(|s| !main_ids.contains(&s.id));
    assoc2.retain(|s| !main_ids.contains(&s.id));
    assoc1.dedup_by(|a, b| a.id == b.id);
    assoc2.dedup_by(|a, b| a.id == b.id);
    if def.alleged {
        // The frame may have read the opening speaker as the verb's subject ("لفت الوزير
        // إلى ما ارتكبته الميليشيات"): then the doer is the other side.
        let opener = sentence_speaker(view, sentence, hit, "");
        let speaker_took_subject = opener
            .as_ref()
            .is_some_and(|o| actor1.as_ref().is_some_and(|a| a.id == o.id));
        let accused = if speaker_took_subject {
            actor2.take()?
        } else {
            actor1.take()?
        };
        // The crimes' victims are never the accused ("… بحق المدنيين").
        if accused.id == "civilians" {
            return None;
        }
        let speaker = opener
            .filter(|o| o.id != accused.id)
            .or_else(|| previous_speaker(view, previous, hit, Some(&accused)))?;
        actor1 = Some(speaker);
        actor2 = Some(accused);
        if !speaker_took_subject {
            // The doer's allies are accused with it; the speaker spoke alone.
            assoc2 = std::mem::take(&mut assoc1);
        }
    }
    if let (Some(a), Some(b)) = (&actor1, &actor2) {
        // Only the story's main parties (named more than once) form "the two sides".
        let salient = |id: &str| view.named_mentions.get(id).copied().unwrap_or(0) >= 2;
        if def.frame == FrameKind::Symmetric && salient(&a.id) && salient(&b.id) {
            state.last_pair = Some((a.id.clone(), b.id.clone()));
        }
    }
    // In a story about two parties, a one-sided cooperative or verbal event involving one
    // of them is read as involving the other ("مقابل توفير الأسلحة لتنظيم القاعدة").
    if def.plover != "ASSAULT" && def.plover != "COERCE" {
        if let Some((a, b)) = &state.last_pair {
            let other = |id: &str| {
                if id == a {
                    Some(b.clone())
                } else if id == b {
                    Some(a.clone())
                } else {
                    None
                }
            };
            match (&actor1, &actor2) {
                (Some(x), None) => {
                    actor2 = other(&x.id).map(|id| Slot { id, span: None });
                }
                (None, Some(y)) => {
                    actor1 = other(&y.id).map(|id| Slot { id, span: None });
                }
                _ => {}
            }
        }
    }

    allies_on_one_side(view, &def.plover, &actor1, &mut actor2, &mut assoc1);
    // "حطت طائرة سعودية في مطار عدن حيث أوصلت شحنة من المساعدات": aid carried by a
    // plane, a ship or a lorry named by its state is that state's.
    if def.plover == "AID" && actor1.is_none() {
        actor1 = view
            .actors_in(NormSpan::new(sentence.start, hit.span.end))
            .filter(|(_, m)| {
                m.first_tok > 0
                    && view
                        .cues_at(m.first_tok - 1)
                        .any(|(_, c)| matches!(c, Cue::Vehicle | Cue::Aircraft))
            })
            .last()
            .map(|(ai, _)| slot(view, ai))
            .filter(|a| actor2.as_ref().is_none_or(|b| b.id != a.id));
    }

    // "كما طالبت السكان بالحذر"، "ودعا الشعب اليمني إلى …": people named right after an
    // appeal or a warning (civilians, who appeal to no one here) are its addressees; the
    // speaker is the sentence's subject before the verb, else the speaker of the sentence
    // before.
    let addressed_people = matches!(def.plover.as_str(), "REQUEST" | "THREATEN")
        && def.voice == Voice::Verb
        && hit.split.prep.is_none()
        && !hit.split.article
        && actor1.is_none()
        && actor2.as_ref().is_some_and(|a| {
            a.id == "civilians" && a.span.is_some_and(|s| s.start >= hit.span.end)
        });
    if addressed_people {
        let speaker = opening_actors(view, sentence)
            .find(|&ai| {
                let m = &view.actors[ai];
                m.span.end <= hit.span.start && m.id != "civilians"
            })
            .map(|ai| slot(view, ai))
            .or_else(|| previous_speaker(view, previous, hit, actor2.as_ref()))
            .or_else(|| {
                let here = view.a.sentence_at(hit.span.start)?;
                let before = view.a.sentences.get(here.checked_sub(1)?)?;
                opening_actors(view, before.span)
                    .find(|&ai| view.actors[ai].id != "civilians")
                    .map(|ai| slot(view, ai))
            });
        actor1 = speaker;
    }

    // Domain defaults for slots the text leaves empty.
    let mut defaulted = false;
    let mut guessed = [false; 2];
    // The place the sentence names, found once: a default may ask for its country, the
    // event takes it below.
    // Yemen as the only place named: the place of last resort, found once.
    let homeland = homeland_place(view, hit, sentence);
    let own_place: std::cell::OnceCell<Option<PlaceChoice>> = std::cell::OnceCell::new();
    for d in &res.cues.defaults {
        let applies = d
            .when_mode
            .as_ref()
            .is_none_or(|m| def.mode.as_ref() == Some(m))
            && d.when_type.as_ref().is_none_or(|t| *t == def.plover)
            && d.when_acled.as_ref().is_none_or(|a| *a == def.acled)
            && d.unless_acled.as_ref().is_none_or(|a| *a != def.acled)
            && d.when_actor1
                .as_ref()
                .is_none_or(|a| actor1.as_ref().is_some_and(|x| x.id == *a))
            && view.pub_date.is_none_or(|p| {
                d.published_from.is_none_or(|from| p >= from)
                    && d.published_until.is_none_or(|until| p <= until)
            })
            && !d.unless_named.iter().any(|u| {
                view.named_mentions
                    .keys()
                    .any(|id| res.lexicon.is_descendant(id, u))
            })
            && (d.when_words.is_empty() || {
                let text = view.text(sentence);
                d.when_words.iter().any(|w| text.contains(w.as_str()))
            })
            && d.when_country.as_ref().is_none_or(|iso| {
                own_place
                    .get_or_init(|| choose_place(view, hit, sentence, homeland.is_some()))
                    .as_ref()
                    .is_some_and(|p| res.lexicon.place(p.id).country == *iso)
            });
        if !applies {
            continue;
        }
        let (slot, k) = if d.slot == "actor1" {
            (&mut actor1, 0)
        } else {
            (&mut actor2, 1)
        };
        if slot.is_none() {
            guessed[k] = true;
            *slot = Some(Slot {
                id: d.id.clone(),
                span: None,
            });
            defaulted = true;
        }
    }
    // "عقد الرئيس اجتماعا مع مستشاريه": a meeting with one's own people is the actor
    // consulting itself.
    let internal = def.plover == "CONSULT"
        && actor1.is_some()
        && actor2.is_none()
        && own_people_after(view, hit, clause);
    if internal {
        actor2 = actor1.as_ref().map(|a| Slot {
            id: a.id.clone(),
            span: None,
        });
    }
    if let (Some(a), Some(b)) = (&actor1, &actor2) {
        if a.id == b.id && !internal {
            actor2 = None;
        }
    }

    // "باحترام الهدنة", "خرق الاتفاق": a definite agreement named without its parties
    // refers to one that exists; it is no new event.
    // So do "المفاوضات"، "الاجتماع" with no party in their clause ("طيلة 12 عاما
    // استغرقتها المفاوضات"، "الوصول إلى طاولة المفاوضات").
    // (A dated one is a meeting told: "الاجتماع الأخير بدأ الاثنين الماضي".)
    let talks_noun = def.plover == "CONSULT"
        && def.voice == Voice::Noun
        && view.dates_in(clause).next().is_none();
    if (def.plover == "AGREE" || talks_noun)
        && hit.split.article | view.text(hit.span).starts_with("ال")
        && !cands.iter().any(|c| c.own && c.same_clause)
        && !pair_mentioned
    {
        return None;
    }

    // "الاتفاق النووي", "اتفاق الرياض", "اتفاقية ستوكهولم": an agreement named by an adjective
    // or a place is one that exists, unless the words before conclude it ("توقيع الاتفاق
    // النووي").
    if def.plover == "AGREE" && def.voice == Voice::Noun && named_agreement(view, hit) {
        return None;
    }

    // "أسفرت المعارك منذ اندلاعها عن مقتل 3200 شخص": a summary of a war or a
    // campaign, not an event of its own.
    if !view
        .cues_in(clause, |c| matches!(c, Cue::Cumulative))
        .is_empty()
    {
        return None;
    }
    let counts = crate::frame::counts(view, hit, sentence);
    let has_casualties = counts.0.is_some() || counts.1.is_some();
    let n_actors = usize::from(actor1.is_some()) + usize::from(actor2.is_some());
    // "عقد المبعوث الأممي لقاءات مع أطراف يمنية": a meeting with people the text does not
    // name as a party still has its one named side.
    let meeting_with_unnamed = || {
        let clause_end = view.tok_at(clause.end.saturating_sub(1));
        (hit.last_tok + 1..=(hit.last_tok + 8).min(clause_end)).any(|t| {
            view.a
                .tokens
                .get(t)
                .is_some_and(|tok| view.text(tok.span) == "مع")
                && view.a.tokens.get(t + 1).is_none_or(|next| {
                    view.actors_in(NormSpan::new(next.span.start, sentence.end))
                        .next()
                        .is_none_or(|(_, m)| m.first_tok != t + 1)
                })
        })
    };
    let enough = match (def.frame, def.weak) {
        // Statements, appeals and aid need whoever makes them; the addressee may be
        // unnamed ("دعا وزير الخارجية اليمني المجتمع الدولي").
        (FrameKind::Directed, true) if !matches!(def.plover.as_str(), "MOBILIZE" | "CONCEDE") => {
            actor1.is_some() || def.doer_optional && actor2.is_some()
        }
        _ if def.plover == "CONSULT" && n_actors == 1 => meeting_with_unnamed(),
        (_, true) => n_actors == 2,
        // One side of a battle named as a group of allies ("قوات الجيش والمقاومة … بعد
        // معارك") is a battle report; its opponent may be named elsewhere in the document.
        (FrameKind::Symmetric, false) => {
            n_actors == 2
                || (def.plover == "ASSAULT"
                    && n_actors == 1
                    && (has_casualties || actor1.is_some() && !assoc1.is_empty()))
        }
        (FrameKind::Directed, false) => n_actors >= 1 || has_casualties,
    };
    // "… وقصف أهدافا أخرى في الجوف": a continued attack with no named side takes its
    // sides from the attack told just before (document.rs, after this frame).
    // "… كما طالبت السكان بالحذر": a continued statement takes its speaker from the
    // statement before.
    let continued = || {
        def.frame == FrameKind::Directed
            && story(&def.plover).is_some()
            && crate::document::zero_subject(view, hit)
            && previous.last().is_some_and(|d| {
                story(&d.plover) == story(&def.plover)
                    && d.actor1.is_some()
                    && view.a.sentence_at(hit.span.start).unwrap_or(0)
                        <= d.sentence.saturating_add(1)
            })
    };
    if !enough && !continued() {
        return None;
    }
    // A release needs someone who releases and someone (or a number) released.
    if def.release
        && (actor1.is_none() || (actor2.is_none() && count_after(view, hit, sentence).is_none()))
    {
        return None;
    }

    let Coding {
        plover,
        mode,
        cameo,
        goldstein,
        acled_sub,
    } = coding(view, hit, def, actor1.as_ref(), actor2.as_ref());
    // An attack in words is a verb with its subject first after it ("هاجم الوزير
    // الحوثيين"): the critic is whoever is named first.
    if plover == "ACCUSE" && def.plover == "ASSAULT" {
        let start = |a: &Option<Slot>| a.as_ref().and_then(|a| a.span).map(|s| s.start);
        if let (Some(s1), Some(s2)) = (start(&actor1), start(&actor2)) {
            if s2 < s1 && s2 > hit.span.start {
                std::mem::swap(&mut actor1, &mut actor2);
                std::mem::swap(&mut assoc1, &mut assoc2);
            }
        }
    }

    let date = choose_date(
        view,
        hit,
        sentence,
        clause,
        previous,
        &plover,
        mode.as_deref(),
    );
    let place = own_place
        .into_inner()
        .unwrap_or_else(|| choose_place(view, hit, sentence, homeland.is_some()))
        .or_else(|| {
            // A series in one sentence ("عقدت اجتماعا بصنعاء … لينعقد الاجتماع الثاني")
            // happens where its first event did.
            let here = view.a.sentence_at(hit.span.start);
            previous
                .iter()
                .rev()
                .take_while(|d| here.is_some_and(|h| d.sentence >= h))
                .find(|d| d.plover == plover && Some(d.sentence) == here && d.place.is_some())
                .and_then(|d| d.place.clone())
        });
    // "اتهم X الحوثيين بقصف …": an event that is the object of an accusation is alleged.
    let alleged = view
        .triggers_in(sentence)
        .rfind(|t| t.span.end <= hit.span.start)
        .is_some_and(|t| {
            res.triggers[t.trigger].plover == "ACCUSE" && hit.first_tok <= t.last_tok + 8
        });
    let hedged = hedged(view, hit, clause, actor1.as_ref()) || alleged;
    let claims = view.cues_in(sentence, |c| c == Cue::Claim);
    let claimed = !claims.is_empty();
    // "وتبنى تنظيم داعش الهجوم": the claimant is the perpetrator when the report names
    // no other.
    if claimed
        && def.plover == "ASSAULT"
        && actor1
            .as_ref()
            .is_none_or(|a| a.id == "unidentified-armed-group")
    {
        let claimant = claims.iter().find_map(|(h, _)| {
            let after = NormSpan::new(h.span.end, h.span.end + PHRASE_WINDOW);
            view.actors_in(after)
                .map(|(_, m)| m)
                .find(|m| !m.generic && m.first_tok > h.last_tok && m.first_tok <= h.last_tok + 3)
        });
        if let Some(m) = claimant {
            actor1 = Some(Slot {
                id: m.id.clone(),
                span: Some(m.span),
            });
        }
    }
    let attribution = attribution(view, sentence);
    let persons: Vec<usize> = view.persons_in(sentence).map(|(i, _)| i).collect();

    let (mut fatalities, injured) = if plover == "ASSAULT" {
        counts
    } else {
        (None, None)
    };
    // An assassination of a named person kills one person unless the text says otherwise
    // ("محاولة اغتيال" is an attempt).
    if mode.as_deref() == Some("targeted") && fatalities.is_none() {
        let attempt = view.text(hit.span).contains("محاوله");
        let victim = view
            .persons_in(clause)
            .any(|(_, p)| p.span.start >= hit.span.end);
        if victim && !attempt {
            fatalities = Some(1);
        }
    }
    let mut detained = None;
    let mut released = None;
    if def.release {
        released = count_after(view, hit, sentence);
    } else if plover == "COERCE" && mode.as_deref() == Some("arrest")
        || mode.as_deref() == Some("abduct")
    {
        detained = count_after(view, hit, sentence);
    }

    // Evidence: from the first to the last piece the frame used, inside the sentence.
    let mut span = hit.span;
    for s in [&actor1, &actor2].into_iter().flatten() {
        if let Some(sp) = s.span {
            if sentence.contains(sp) {
                span = span.cover(sp);
            }
        }
    }
    if let Some(d) = &date {
        if sentence.contains(d.span) {
            span = span.cover(d.span);
        }
    }
    if let Some(p) = &place {
        if sentence.contains(p.span) {
            span = span.cover(p.span);
        }
    }

    let actor1_in_clause = actor1
        .as_ref()
        .is_some_and(|a| a.span.is_some_and(|s| clause.contains(s)));
    let actor1_generic = actor1.as_ref().and_then(|a| a.span).is_some_and(|span| {
        view.actors_in(span)
            .any(|(_, m)| m.span == span && m.generic)
    });
    let (first_token, end_token) = view.tok_range(sentence);
    let signals = crate::filter::Signals {
        actor1_in_clause,
        actor1_generic,
        actor1_inherited: false,
        defaulted,
        sentence_triggers: u16::try_from(view.triggers_in(sentence).count()).unwrap_or(u16::MAX),
        sentence_tokens: u16::try_from(end_token.saturating_sub(first_token)).unwrap_or(u16::MAX),
    };
    let mut confidence: f64 = if def.weak { 0.45 } else { 0.6 };
    if actor1_in_clause {
        confidence += 0.1;
    }
    if actor2.is_some() {
        confidence += 0.05;
    }
    if date.is_some() {
        confidence += 0.05;
    }
    if place.is_some() {
        confidence += 0.05;
    }
    if actor1_generic {
        confidence -= 0.1;
    }
    if defaulted {
        confidence -= 0.1;
    }

    let sentence_index = view.a.sentence_at(hit.span.start).unwrap_or(usize::MAX);
    Some(Draft {
        trigger: hit.trigger,
        plover,
        mode,
        cameo,
        goldstein,
        acled_sub,
        actor1,
        actor2,
        assoc1,
        assoc2,
        date,
        homeland,
        place,
        fatalities,
        injured,
        detained,
        released,
        hedged,
        claimed,
        attribution,
        persons,
        evidence: vec![span],
        confidence: confidence.clamp(0.05, 0.95),
        pos: hit.span.start,
        trigger_span: hit.span,
        sentence: sentence_index,
        last_sentence: sentence_index,
        definite: hit.split.article || view.text(hit.span).starts_with("ال"),
        internal,
        guessed,
        signals,
    })
}

fn res_plover<'a>(view: &'a DocView<'_>, t: &TriggerHit) -> &'a str {
    view.res.triggers[t.trigger].plover.as_str()
}

/// The word before the trigger is "إنه/إنها/إنهم/أنه/بأنهم…": the verb's subject is
/// the pronoun, which stands for whoever is speaking.
fn speaker_pronoun_before(view: &DocView<'_>, hit: &TriggerHit) -> bool {
    let t = view.tok_at(hit.span.start);
    t.checked_sub(1)
        .map(|p| view.text(view.a.tokens[p].span))
        .is_some_and(|w| {
            let w = w.strip_prefix('ب').unwrap_or(w);
            matches!(w, "انه" | "انها" | "انهم" | "انهما")
        })
}

/// A statement's type: its events are said, and take whole events as their objects.
fn is_statement(plover: &str) -> bool {
    matches!(
        plover,
        "ACCUSE" | "REQUEST" | "THREATEN" | "REJECT" | "SUPPORT" | "SANCTION"
    )
}

/// إن/أن, alone or with a pronoun: the words of a statement follow (normalized spelling).
fn complementizer(word: &str) -> bool {
    matches!(word, "ان" | "انه" | "انها" | "انهم")
}

/// A trigger word without its conjunction و or ف.
pub(crate) fn without_conjunction(word: &str) -> &str {
    word.strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word)
}

/// The verb carries its subject as a plural suffix: perfect "توعدوا"، "اقتحموا"، imperfect
/// "يقصفون". Arabic verbs agree in number only with a pronoun or a subject before them,
/// so the actor right after such a verb is its object, never its subject.
fn pronoun_subject(view: &DocView<'_>, hit: &TriggerHit, def: &crate::rules::TriggerDef) -> bool {
    if def.voice != Voice::Verb {
        return false;
    }
    let word = view.text(hit.span);
    let stem = without_conjunction(word);
    word.ends_with("وا")
        || (word.ends_with("ون") && (stem.starts_with('ي') || stem.starts_with('ت')))
}

fn directed(
    view: &DocView<'_>,
    def: &crate::rules::TriggerDef,
    (voice, genitive): (Voice, Genitive),
    cands: &[Cand],
    pronoun_subject: bool,
    definite_noun: bool,
    cause: bool,
) -> (Option<Slot>, Option<Slot>) {
    // "كمين للمقاومة", "هجوم للحوثيين": after a violent noun ل marks whose it is.
    let lam_agent = def.plover == "ASSAULT" && voice == Voice::Noun;
    // Verbal events take whole events as objects ("دانت قصف المتمردين"): their target
    // may sit inside the next frame.
    let verbal = is_statement(&def.plover);
    // "قصف عشوائي للحوثيين": an adjective of the noun may stand before its ل.
    let owner_lam = |c: &Cand| {
        lam_agent
            && c.marker == Marker::Lam
            && !c.before
            && (c.distance <= 1
                || c.distance == 2 && {
                    let between = view.actors[c.actor].first_tok - 1;
                    let span = view.a.tokens[between].span;
                    view.cues_at(between).next().is_none()
                        && !view.place_overlapping(span)
                        && !view.quantities.iter().any(|q| q.span.overlaps(span))
                })
    };
    let targeted = |c: &Cand| {
        matches!(c.marker, Marker::Target | Marker::Counterpart)
            || (c.marker == Marker::Lam && !owner_lam(c))
    };
    // "تفكيك عبوة ناسفة زرعها الحوثيون": who planted or sent the weapons seized is the
    // side they are taken from.
    let seized_from = def.plover == "COERCE" && def.acled == "Disrupted weapons use";
    let mut a2: Option<usize> = seized_from
        .then(|| pick(cands, |c| c.marker == Marker::Agent && !c.before))
        .flatten()
        .map(|c| c.actor);
    // A statement's verb has its maker as subject: an agent phrase after it belongs to
    // the act it is about ("أدانت البحرين التصريحات العدائية من قبل مسؤولين إيرانيين").
    let statement_verb = verbal && voice == Voice::Verb;
    let mut a1: Option<usize> = pick(cands, |c| {
        c.marker == Marker::Agent && c.own && Some(c.actor) != a2 && (!statement_verb || c.before)
    })
    .or_else(|| pick(cands, |c| owner_lam(c)))
    .map(|c| c.actor);
    if voice == Voice::Noun {
        a2 = a2.or_else(|| pick(cands, |c| targeted(c) && !c.before && c.own).map(|c| c.actor));
        if let Some(adj) = pick(cands, |c| c.marker == Marker::Adjacent) {
            // "احتجاز مسلحين آخرين فريقا …": a verbal noun followed by two actors has
            // its agent first and its object second.
            let object_follows = cands.iter().any(|c| {
                !c.before
                    && c.own
                    && c.actor != adj.actor
                    && c.distance > adj.distance
                    && c.distance <= adj.distance + 6
                    && matches!(c.marker, Marker::Unmarked | Marker::Lam)
            });
            // A subject right before the noun ("شنت مقاتلات التحالف غارات …") is the
            // agent; the genitive then names what the noun is about.
            // Not the subject of another event's verb ("نددت جماعة الحوثيين باغتيال
            // إسرائيل القائد": the condemners did not kill).
            let subject_before = cands.iter().any(|c| {
                c.before
                    && c.own
                    && c.same_clause
                    && c.distance <= 6
                    && c.marker == Marker::Unmarked
                    && !subject_of_other_verb(view, def, view.actors[c.actor].first_tok)
            });
            // "القبض على جنود من وحدات الأمن المركزي": a name shortly after a common
            // noun says whose it is.
            let named_after = (adj.generic)
                .then(|| {
                    pick(cands, |c| {
                        !c.before
                            && c.own
                            && !c.generic
                            && c.distance > adj.distance
                            && c.distance <= adj.distance + 6
                    })
                })
                .flatten()
                .map(|c| c.actor);
            // "الهجوم الحوثي", "الغارات الأمريكية": a definite noun's definite nisba
            // adjective names whose act it is, whatever the noun's genitive.
            // So does an indefinite noun's indefinite nisba ("استهداف أمريكي جديد"،
            // "هجوم حوثي"): a genitive would be the state's name (استهداف أمريكا).
            // (Right after the noun: in "قتل قيادي حوثي" the adjective is the leader's.)
            let nisba = {
                let w = view.text(view.actors[adj.actor].span);
                (definite_noun && w.starts_with("ال")
                    || !definite_noun && !w.starts_with("ال") && adj.distance == 1)
                    && nisba_ending(w)
                    && !w.contains(' ')
            };
            // "اعتراض الجيش الإسرائيلي مسيرة": a weapon named right after the genitive
            // is what was intercepted, the genitive who intercepted it.
            let weapon_follows = def.acled == "Disrupted weapons use" && adj.distance == 1 && {
                let next = view.actors[adj.actor].last_tok + 1;
                view.a.tokens.get(next).is_some_and(|n| {
                    let w = view.text(n.span);
                    ["صاروخ", "مسير", "طائر", "قذيف", "زورق", "زوارق", "صواريخ"]
                        .iter()
                        .any(|p| w.starts_with(p))
                })
            };
            match genitive {
                _ if nisba && a1.is_none() => a1 = Some(adj.actor),
                Genitive::Patient if weapon_follows && a1.is_none() => a1 = Some(adj.actor),
                // A statement's verb read as its verbal noun ("بناء على طلب الرئيس"):
                // the genitive is whose statement it is, whoever is named before.
                Genitive::Agent
                    if a1.is_none() && (!subject_before || verbal && def.voice == Voice::Verb) =>
                {
                    a1 = Some(adj.actor)
                }
                Genitive::Patient if object_follows && !subject_before && a1.is_none() => {
                    a1 = Some(adj.actor)
                }
                Genitive::Patient if a2.is_none() => a2 = Some(named_after.unwrap_or(adj.actor)),
                _ => {}
            }
        }
    }
    let free = |c: &Cand, a1: Option<usize>, a2: Option<usize>| {
        matches!(c.marker, Marker::Unmarked | Marker::Adjacent)
            && Some(c.actor) != a1
            && Some(c.actor) != a2
    };
    // The subject before the trigger: in its clause, or close to it.
    let before = |a1, a2, reach: usize| {
        pick(cands, |c| {
            c.before && c.own && free(c, a1, a2) && (c.same_clause || c.distance <= reach)
        })
        .map(|c| c.actor)
    };
    let after = |a1, a2| {
        pick(cands, |c| {
            !c.before && c.own && free(c, a1, a2) && (c.same_clause || c.distance <= 8)
        })
        .map(|c| c.actor)
    };
    match voice {
        Voice::Verb => {
            if a1.is_none() && pronoun_subject {
                // "توعدوا قوى البغي": the subject is before the verb in its clause or left
                // to the discourse (not the object of the clause before: "قتلوا القيادي
                // الحوثي، كما أسروا …").
                a1 = pick(cands, |c| {
                    c.before && c.own && free(c, a1, a2) && (c.same_clause || c.distance <= 2)
                })
                .map(|c| c.actor);
            } else if a1.is_none() {
                // Verb-initial clauses put the subject right after the verb (VSO); else
                // a subject close before it (SVO); else the first actor after.
                // A counted actor after the verb is its object or, unvocalized, the
                // subject of its passive ("قتل ثلاثة جنود"): never the doer.
                a1 = before(a1, a2, 1)
                    .or_else(|| {
                        pick(cands, |c| {
                            c.marker == Marker::Adjacent && c.own && !c.counted
                        })
                        .map(|c| c.actor)
                    })
                    .or_else(|| before(a1, a2, 6))
                    .or_else(|| {
                        after(a1, a2)
                            .filter(|&ai| !cands.iter().any(|c| c.actor == ai && c.counted))
                    });
            }
            if a2.is_none() && def.plover == "ACCUSE" {
                // "أدان … الهجمات التي يشنها الحوثيون على المدنيين": the accused is the
                // doer of the act condemned, not its victim.
                a2 = cands
                    .iter()
                    .filter(|c| !c.before && c.marker == Marker::Agent)
                    .filter(|c| c.distance <= 12 && Some(c.actor) != a1)
                    .min_by_key(|c| c.distance)
                    .map(|c| c.actor);
            }
            if a2.is_none() {
                // The object: the nearest marked target or unmarked actor after the verb.
                a2 = cands
                    .iter()
                    .filter(|c| !c.before && (c.own || verbal) && Some(c.actor) != a1)
                    .filter(|c| targeted(c) || free(c, a1, None))
                    .filter(|c| c.distance <= 25)
                    .min_by_key(|c| rank(c))
                    .map(|c| c.actor)
                    .or_else(|| {
                        // (A ل-actor before the verb is whose words or office these are,
                        // "أشار المكتب الإعلامي للمقاومة إلى أن …", not its object.)
                        pick(cands, |c| {
                            targeted(c)
                                && Some(c.actor) != a1
                                && !(c.before && c.marker == Marker::Lam)
                        })
                        .map(|c| c.actor)
                    });
            }
        }
        Voice::Passive => {
            if a2.is_none() {
                // The subject of a passive verb is the victim, after or before it; right
                // after the verb it is the victim even when a name follows ("لقي مدنيان
                // حتفهما برصاص قناص حوثي").
                a2 = pick(cands, |c| {
                    c.marker == Marker::Adjacent && c.own && free(c, a1, a2)
                })
                .map(|c| c.actor)
                .or_else(|| after(a1, a2))
                .or_else(|| before(a1, a2, 6));
            }
        }
        Voice::Noun => {
            if a2.is_none() && cause {
                // "قتل قائد حوثي في غارة": the dead named before the cause are its
                // victims, whatever follows the noun.
                a2 = pick(cands, |c| {
                    c.before
                        && c.own
                        && (free(c, a1, a2) || c.marker == Marker::Target)
                        && (c.same_clause || c.distance <= 12)
                })
                .map(|c| c.actor);
            }
            if a1.is_none() && !cause {
                // The subject of a light verb: "قام مسلحون، الأربعاء، باختطاف".
                a1 = before(a1, a2, 6);
            }
            if a2.is_none() {
                // The object after the noun, else victims named before the cause:
                // "أصيب 7 من أفراد ألوية العمالقة جراء انفجار".
                a2 = after(a1, a2).or_else(|| {
                    pick(cands, |c| {
                        c.marker == Marker::Target && c.own && Some(c.actor) != a1
                    })
                    .map(|c| c.actor)
                });
            }
            // "مقتل قائد حوثي": after a noun of what befell someone, the actor is the
            // victim, never the doer.
            if a1.is_none() && genitive == Genitive::Agent {
                a1 = after(a1, a2);
            }
        }
    }
    // Past the next trigger, an agent marker ("… المقدمة من مركز الملك سلمان") is that
    // trigger's: it names this act's doer only when nothing nearer does, and never a
    // statement's maker ("أدان … الهجمات التي يشنها الحوثيون").
    if a1.is_none() && !verbal {
        a1 = pick(cands, |c| {
            c.marker == Marker::Agent && !c.before && Some(c.actor) != a2
        })
        .map(|c| c.actor);
    }
    (a1.map(|i| slot(view, i)), a2.map(|i| slot(view, i)))
}

/// "استهداف"، "باستهداف": the verbal noun of targeting among the target markers.
fn targeting_noun(word: &str) -> bool {
    let w = without_conjunction(word);
    let w = w.strip_prefix('ب').unwrap_or(w);
    w == "استهداف"
}

/// An actor or a place stands right after the mention (a parenthesis between them
/// skipped): the mention is a genitive doer with its object after it.
fn object_follows(view: &DocView<'_>, m: &crate::document::ActorMention) -> bool {
    let mut next = m.last_tok + 1;
    // "جماعة أنصار الله (الحوثيون) إسرائيل": skip a parenthesis.
    if view
        .a
        .tokens
        .get(next)
        .is_some_and(|t| view.text(t.span) == "(")
    {
        while view
            .a
            .tokens
            .get(next)
            .is_some_and(|t| view.text(t.span) != ")")
            && next < m.last_tok + 6
        {
            next += 1;
        }
        next += 1;
    }
    if next >= view.a.tokens.len() {
        return false;
    }
    view.actors_after(next - 1)
        .first()
        .is_some_and(|a| a.first_tok == next)
        || view.place_starting_at(next)
}

/// Whether the word at token `t` follows, within a few words, the trigger of an event of
/// another type: then it is that event's subject.
fn subject_of_other_verb(view: &DocView<'_>, def: &crate::rules::TriggerDef, t: usize) -> bool {
    let sentence = view.sentence_of(view.a.tokens[t].span.start);
    view.triggers_in(sentence).any(|o| {
        o.last_tok < t && o.last_tok + 8 >= t && view.res.triggers[o.trigger].plover != def.plover
    })
}

/// The kinds of story a frame told on without its doer ("وقصف أهدافا أخرى"، "كما
/// طالبت") continues: force continues force, speech continues speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Story {
    /// Attacks and coercion.
    Force,
    /// Statements, appeals and threats: their doer is a speaker.
    Speech,
    /// Aid sent, delivered or handed over: its doer is the giver.
    Aid,
}

/// The story kind of a PLOVER type, if it has one.
pub(crate) fn story(plover: &str) -> Option<Story> {
    match plover {
        "ASSAULT" | "COERCE" => Some(Story::Force),
        "REQUEST" | "ACCUSE" | "THREATEN" | "REJECT" | "SUPPORT" => Some(Story::Speech),
        "AID" => Some(Story::Aid),
        _ => None,
    }
}

/// A word ending in an attached pronoun (ه، ها، هم، هما) and not in "اه": "استهدافه"،
/// "استهدفها".
pub(crate) fn pronoun_suffixed(word: &str) -> bool {
    ["ه", "ها", "هم", "هما"].iter().any(|p| word.ends_with(p)) && !word.ends_with("اه")
}

/// Verbs and nouns of repelling or foiling an attack, normalized, without proclitics.
const REPEL: [&str; 24] = [
    "صد",
    "صدت",
    "صدوا",
    "يصد",
    "تصد",
    "يصدون",
    "تصدت",
    "تصدي",
    "تصدوا",
    "يتصدي",
    "التصدي",
    "احبط",
    "احبطت",
    "احبطوا",
    "يحبط",
    "احباط",
    "افشل",
    "افشلت",
    "افشلوا",
    "افشال",
    "دحر",
    "دحرت",
    "دحروا",
    "ردع",
];

/// Relative pronouns, normalized.
const RELATIVES: [&str; 8] = [
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "اللاتي",
];

/// A nisba adjective's ending ("الحوثي"، "الإسرائيلية"، "أمريكي").
fn nisba_ending(w: &str) -> bool {
    w.ends_with('ي') || w.ends_with("يه") || w.ends_with("ية")
}

/// For a verb ending in an object pronoun with its subject named right after it
/// ("السفينة التي استهدفها الحوثيون"، "بسفينة يونانية هاجمها الحوثيون"، "بعد أن
/// استهدفها الحوثيون"): (the actor after the verb, the pronoun's antecedent), when both
/// are named. After a relative pronoun the antecedent stands right before it; else it
/// is the nearest actor named before the verb in its sentence.
fn relative_object(
    view: &DocView<'_>,
    hit: &TriggerHit,
    cands: &[Cand],
    def: &crate::rules::TriggerDef,
) -> Option<(usize, usize)> {
    let rel = hit.first_tok.checked_sub(1)?;
    let verb_tok = if hit.verb.is_some() {
        hit.first_tok
    } else {
        hit.last_tok
    };
    let word = view.text(view.a.tokens[verb_tok].span);
    let relative = RELATIVES.contains(&view.text(view.a.tokens[rel].span));
    if !pronoun_suffixed(word) || !relative && !object_suffixed_verb(word, def) {
        return None;
    }
    let doer = cands
        .iter()
        .filter(|c| {
            !c.before && c.distance <= 3 && matches!(c.marker, Marker::Adjacent | Marker::Unmarked)
        })
        .min_by_key(|c| c.distance)?
        .actor;
    let object = if relative {
        view.actor_ending_at(rel.checked_sub(1)?)?
    } else {
        cands
            .iter()
            .filter(|c| c.before && c.own && view.actors[c.actor].id != view.actors[doer].id)
            .filter(|c| c.same_clause || c.distance <= 12)
            .min_by_key(|c| c.distance)?
            .actor
    };
    (view.actors[doer].id != view.actors[object].id).then_some((doer, object))
}

/// A verb (a trigger given by its verbs) that carries an object pronoun and leaves its
/// subject to a name after it: "هاجمها"، "استهدفتهم"; not "قتلوهم" or "قتلناهم" (their
/// subject is a pronoun too). A bare ه is left out: normalized, it is also ة.
fn object_suffixed_verb(word: &str, def: &crate::rules::TriggerDef) -> bool {
    let Some(stem) = ["هما", "ها", "هم"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
    else {
        return false;
    };
    let stem = without_conjunction(stem);
    !def.verbs.is_empty()
        && stem.chars().count() >= 3
        && !stem.ends_with('و')
        && !stem.ends_with("نا")
        && !stem.ends_with("تم")
}

/// Heads of a group of the subject's own people, with a possessive pronoun
/// ("مستشاريه"، "قادتها"), in normalized spelling.
const OWN_PEOPLE: [&str; 12] = [
    "مستشاري",
    "وزراء",
    "قاده",
    "قادت",
    "قيادات",
    "مسوولي",
    "اعضاء",
    "نواب",
    "مساعدي",
    "ممثلي",
    "كبار",
    "اركان",
];

/// "اجتماعا مع عدد من مستشاريه"، "التقى بقيادات حزبه": the other side of a meeting is
/// the subject's own people, named by a head noun with a possessive pronoun right after
/// "مع" or ب (a few quantity words may stand between).
fn own_people_after(view: &DocView<'_>, hit: &TriggerHit, clause: NormSpan) -> bool {
    let (_, last) = view.tok_range(clause);
    let mut seen_with = false;
    // Before "مع": the subject, a date or an adjective ("اجتماعا طارئا مع").
    for t in hit.last_tok + 1..hit.last_tok + 7 {
        if t > last || t >= view.a.tokens.len() {
            return false;
        }
        let tok = &view.a.tokens[t];
        let w = view.text(tok.span);
        if w == "مع" || w == "ومع" {
            seen_with = true;
        } else if seen_with || w.starts_with('ب') {
            let stem = tok
                .splits
                .iter()
                .map(|sp| &w[sp.offset.min(w.len())..])
                .find(|st| OWN_PEOPLE.iter().any(|h| st.starts_with(h)));
            if let Some(stem) = stem {
                let possessed = ["ه", "ها", "هم", "هما"].iter().any(|p| stem.ends_with(p))
                    || view.a.tokens.get(t + 1).is_some_and(|n| {
                        let nw = view.text(n.span);
                        ["ه", "ها", "هم"].iter().any(|p| nw.ends_with(p)) && nw.chars().count() > 3
                    });
                return possessed;
            }
            if !matches!(w, "عدد" | "من" | "بعض") {
                return false;
            }
        }
    }
    false
}

/// Words that introduce the cause of deaths or injuries named before them ("قتل ثلاثة
/// جنود جراء انفجار"), in normalized spelling.
const CAUSE_WORDS: [&str; 7] = ["في", "جراء", "اثر", "بسبب", "نتيجه", "بفعل", "خلال"];

/// An attack noun that is the cause of casualties named before it in its clause:
/// "قتل قائد حوثي في غارة جوية", "أصيب جنود بانفجار عبوة". Its agent is then never an
/// actor before it (those are the victims); it comes from the noun's own phrase.
fn cause_of_casualties(
    view: &DocView<'_>,
    hit: &TriggerHit,
    def: &crate::rules::TriggerDef,
) -> bool {
    if def.voice != Voice::Noun || def.plover != "ASSAULT" {
        return false;
    }
    let introduced = hit.split.prep == Some('ب')
        || hit.first_tok > 0 && {
            let prev = view.text(view.a.tokens[hit.first_tok - 1].span);
            CAUSE_WORDS.contains(&prev)
        };
    if !introduced {
        return false;
    }
    let clause = view.clause_of(hit.span.start);
    let lead = NormSpan {
        start: clause.start,
        end: hit.span.start,
    };
    !view
        .cues_in(lead, |c| matches!(c, Cue::Fatalities | Cue::Injured))
        .is_empty()
}

/// An agreement noun followed by a name-like qualifier (a definite adjective such as
/// "النووي", or a place) and not concluded by the words right before it.
fn named_agreement(view: &DocView<'_>, hit: &TriggerHit) -> bool {
    let next = hit.last_tok + 1;
    if next >= view.a.tokens.len() || view.a.tokens[next].kind != rasd_text::TokenKind::Word {
        return false;
    }
    let span = view.a.tokens[next].span;
    let word = view.text(span);
    let actor = view.actors.iter().any(|m| m.span.overlaps(span));
    let place = view.place_overlapping(span);
    let adjective = word.starts_with("ال") && !actor && view.cues_at(next).next().is_none();
    if !(adjective || place) {
        return false;
    }
    // The concluding verb may stand before its subjects: "وقعت الحكومة والمجلس … اتفاق الرياض".
    let sentence_start = view
        .a
        .sentence_at(hit.span.start)
        .map_or(0, |s| view.tok_at(view.a.sentences[s].span.start));
    let lo = hit.first_tok.saturating_sub(8).max(sentence_start);
    !(lo..hit.first_tok).any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Concluded))
}

/// Whether the actor follows "بين" (between two sides) rather than "مع" (with).
fn between(view: &DocView<'_>, ai: usize) -> bool {
    let t = view.actors[ai].first_tok;
    (t.saturating_sub(3)..t).any(|k| view.text(view.a.tokens[k].span).ends_with("بين"))
}

/// "قوات الجيش والمقاومة حققت تقدما بعد معارك": actors joined by و before a fighting noun
/// are one side (the subject of another verb), unlike the subjects of a reciprocal verb
/// ("اشتبك X وY"، "يتبادل X وY القصف") or the parties of "بين X وY".
fn co_subjects(view: &DocView<'_>, hit: &TriggerHit, def: &crate::rules::TriggerDef) -> bool {
    let reciprocal = (hit.first_tok.saturating_sub(2)..hit.first_tok).any(|t| {
        let w = view.text(view.a.tokens[t].span);
        ["تبادل", "يتبادل", "تتبادل", "وتبادل"]
            .iter()
            .any(|v| w.starts_with(v))
    });
    def.plover == "ASSAULT" && def.voice == Voice::Noun && !reciprocal
}

fn symmetric(
    view: &DocView<'_>,
    cands: &[Cand],
    co_subjects: bool,
) -> (Option<Slot>, Option<Slot>) {
    let ally = |c: &Cand| {
        co_subjects && c.before && matches!(c.marker, Marker::Coordinated(p) if !between(view, p))
    };
    let subject = pick(cands, |c| {
        c.before
            && c.own
            && matches!(c.marker, Marker::Unmarked)
            && (c.same_clause || c.distance <= 6)
    })
    .or_else(|| pick(cands, |c| !c.before && c.marker == Marker::Adjacent))
    .map(|c| c.actor);
    let counterpart = pick(cands, |c| c.marker == Marker::Counterpart).map(|c| c.actor);
    // "المحادثات التي قادتها الأمم المتحدة بين الحوثيين والحكومة": the two named after
    // "بين" are the sides, whoever else the sentence names.
    // Each side may be named by a head noun first ("بين متمردي جماعة الحوثي ومؤيدي
    // حكومة هادي").
    let pair_between = cands
        .iter()
        .filter(|c| !c.before && c.distance <= 10 && between(view, c.actor))
        .min_by_key(|c| c.distance)
        .and_then(|first| {
            let a = &view.actors[first.actor];
            let next = a.last_tok + 1;
            let joined = view
                .a
                .tokens
                .get(next)
                .is_some_and(|t| view.text(t.span).starts_with('و'));
            cands
                .iter()
                .filter(|x| {
                    let b = &view.actors[x.actor];
                    joined && b.first_tok >= next && b.first_tok <= next + 2 && b.id != a.id
                })
                .min_by_key(|x| view.actors[x.actor].first_tok)
                .map(|x| (first.actor, x.actor))
        });
    if let Some((c, x)) = pair_between {
        return (Some(slot(view, c)), Some(slot(view, x)));
    }
    let (a1, a2) = match (subject, counterpart) {
        (Some(s), Some(c)) => (Some(s), Some(c)),
        (Some(s), None) => {
            // "عقد وفد الحكومة ووفد الحوثيين مشاورات": a distinct actor coordinated with
            // the subject is the other side; else the next distinct actor of the clause,
            // coordinated or after the trigger.
            // An object after the trigger ("التقى X وY المبعوث") keeps X and Y together.
            let object_after = cands.iter().any(|c| {
                !c.before
                    && c.same_clause
                    && matches!(c.marker, Marker::Adjacent | Marker::Unmarked)
                    && view.actors[c.actor].id != view.actors[s].id
            });
            let coordinated = cands
                .iter()
                .filter(|c| {
                    !object_after
                        && c.marker == Marker::Coordinated(s)
                        && view.actors[c.actor].id != view.actors[s].id
                        && !ally(c)
                })
                .min_by_key(|c| c.distance)
                .map(|c| c.actor);
            let other = coordinated.or_else(|| {
                cands
                    .iter()
                    .filter(|c| {
                        view.actors[c.actor].id != view.actors[s].id
                            && (c.same_clause || c.distance <= 20 && c.own)
                            && !ally(c)
                            && !c.after_relative
                    })
                    .min_by_key(|c| rank(c))
                    .map(|c| c.actor)
            });
            (Some(s), other)
        }
        (None, Some(c)) => {
            // "بين X وY": two sides; "مع X وY": one side, the other unnamed.
            let other = cands
                .iter()
                .find(|x| x.marker == Marker::Coordinated(c) && between(view, c))
                .or_else(|| {
                    cands
                        .iter()
                        .filter(|x| {
                            x.actor != c
                                && view.actors[x.actor].id != view.actors[c].id
                                && x.same_clause
                        })
                        .min_by_key(|x| rank(x))
                })
                .map(|x| x.actor);
            (Some(c), other)
        }
        (None, None) => {
            let mut near: Vec<&Cand> = cands
                .iter()
                .filter(|c| c.own && (c.same_clause || c.distance <= 15) && !c.after_relative)
                .filter(|c| !matches!(c.marker, Marker::Coordinated(_)) || c.same_clause)
                .collect();
            near.sort_by_key(|c| rank(c));
            let first = near.first().map(|c| c.actor);
            let second = near
                .iter()
                .find(|c| {
                    first.is_some_and(|f| view.actors[c.actor].id != view.actors[f].id) && !ally(c)
                })
                .map(|c| c.actor);
            (first, second)
        }
    };
    (a1.map(|i| slot(view, i)), a2.map(|i| slot(view, i)))
}

/// Fatalities and injuries reported in the sentence, attached to the nearest violent
/// trigger. Numbers after (or right before) a casualty word count; a casualty word
/// followed by singular person nouns counts them ("قتل مسلح وجندي" = 2); "مقتل وإصابة
/// 40" gives no figure (deaths and injuries not separated).
pub(crate) fn counts(
    view: &DocView<'_>,
    hit: &TriggerHit,
    sentence: NormSpan,
) -> (Option<u32>, Option<u32>) {
    let res = view.res;
    if res.triggers[hit.trigger].plover != "ASSAULT" {
        return (None, None);
    }
    // Violent triggers of the sentence: a casualty word belongs to the nearest one.
    let violent: Vec<&TriggerHit> = view
        .triggers_in(sentence)
        .filter(|t| res.triggers[t.trigger].plover == "ASSAULT")
        .collect();
    let mut fatalities: Option<u32> = None;
    let mut injured: Option<u32> = None;
    let hits = view.cues_in(sentence, |c| matches!(c, Cue::Fatalities | Cue::Injured));
    let mut per_clause: std::collections::BTreeMap<usize, (Option<u32>, Option<u32>)> =
        std::collections::BTreeMap::new();
    let mut i = 0;
    let mut seen_last_tok: Option<usize> = None;
    let mut counted: Vec<usize> = Vec::new();
    while i < hits.len() {
        let (h, cue) = hits[i];
        i += 1;
        // "بمقتل" matches both "بمقتل" and "مقتل", "أدى إلى مقتل" both itself and
        // "مقتل": overlapping words, one figure.
        if seen_last_tok.is_some_and(|last| h.first_tok <= last) {
            continue;
        }
        seen_last_tok = Some(h.last_tok);
        let nearest = violent
            .iter()
            .min_by_key(|t| t.first_tok.abs_diff(h.first_tok))
            .map(|t| t.span);
        if nearest != Some(hit.span) {
            continue;
        }
        // "مقتل وإصابة N": joint figure.
        let joint = hits[i..]
            .iter()
            .find(|(n, _)| n.first_tok > h.last_tok)
            .is_some_and(|(n, c)| {
                *c != cue
                    && n.first_tok == h.last_tok + 1
                    && matches!(c, Cue::Fatalities | Cue::Injured)
            });
        if joint {
            // Skip the paired word too.
            while i < hits.len() && hits[i].0.first_tok <= h.last_tok + 1 {
                i += 1;
            }
            continue;
        }
        // "أسفرت الحرب منذ بدئها عن مقتل 3200": a running total is no event's toll.
        let clause = view.clause_of(h.span.start);
        let running_total = !view
            .cues_in(clause, |c| matches!(c, Cue::Cumulative))
            .is_empty();
        // "لقي ثلاثة جنود مصرعهم": two casualty words around one number count it once.
        let value = number_near(view, h.first_tok, h.last_tok, sentence)
            .filter(|&(_, at)| !counted.contains(&at))
            .inspect(|&(_, at)| counted.push(at))
            .map(|(v, _)| v)
            .filter(|&v| !running_total && v <= res.cues.counts.max_event_toll);
        if let Some(v) = value {
            let clause = view.a.clause_at(h.span.start).unwrap_or(0);
            let entry = per_clause.entry(clause).or_insert((None, None));
            let slot = if cue == Cue::Fatalities {
                &mut entry.0
            } else {
                &mut entry.1
            };
            *slot = Some(slot.unwrap_or(0) + v);
        }
    }
    // Figures in one clause add up ("مقتل 21 … ومقتل 3"); a later clause that repeats the
    // toll ("ما أدى إلى مقتل أحد الجنود") does not add to it.
    for (f, i) in per_clause.values() {
        fatalities = fatalities.max(*f);
        injured = injured.max(*i);
    }
    (fatalities, injured)
}

/// "80 % من السكان"، "20 في المئة": a share, never a count of people.
fn is_percentage(view: &DocView<'_>, q: &rasd_timenum::Quantity) -> bool {
    let (_, last) = view.tok_range(q.span);
    let word = |k: usize| view.a.tokens.get(k).map(|t| view.text(t.span));
    match word(last + 1) {
        Some("%" | "٪") => true,
        Some(w) if w.starts_with("بالميه") || w.starts_with("بالمايه") => true,
        Some("في") => {
            word(last + 2).is_some_and(|w| w.starts_with("الميه") || w.starts_with("المايه"))
        }
        _ => false,
    }
}

/// The number a casualty word governs, with the token where it starts.
fn number_near(
    view: &DocView<'_>,
    first_tok: usize,
    last_tok: usize,
    sentence: NormSpan,
) -> Option<(u32, usize)> {
    // A number right after, possibly after "نحو", "حوالي" (the quantity finder covers
    // "ما لا يقل عن").
    let usable = view
        .quantities_in(sentence)
        .filter(|q| !q.ordinal && !is_percentage(view, q));
    // Not a number that counts the casualty noun after it ("35 قتيلا و40 جريحا": 40 is
    // the wounded; but "مقتل 21 وإصابة 36": 21 is the dead).
    let after = usable.clone().find(|q| {
        let (qf, ql) = view.tok_range(q.span);
        qf > last_tok
            && qf <= last_tok + 3
            && !view.a.tokens.get(ql + 1).is_some_and(|n| {
                let w = without_conjunction(view.text(n.span));
                ["قتيل", "قتلي", "جريح", "جرحي", "مصاب", "شهيد", "شهداء"]
                    .iter()
                    .any(|p| w.starts_with(p))
            })
    });
    // "50 قتيلا": a number right before the word, when none follows it; "تسعة متمردين
    // قتلوا": a number before the counted people the verb then tells of.
    let counted_noun = |t: usize| {
        let span = view.a.tokens[t].span;
        view.cues_at(t).any(|(_, c)| c == Cue::PersonNoun)
            || view
                .actors_in(NormSpan::new(
                    span.start.saturating_sub(256),
                    span.end + 256,
                ))
                .any(|(_, m)| m.span.contains(span))
    };
    let before = || {
        usable.clone().find(|q| {
            let (_, ql) = view.tok_range(q.span);
            ql + 1 == first_tok
                || (ql + 2 == first_tok && (view.is_punct(ql + 1) || counted_noun(ql + 1)))
        })
    };
    if let Some(q) = after.or_else(before) {
        if q.vague {
            return None;
        }
        let mut total = q.value.and_then(|v| u32::try_from(v).ok())?;
        // "مقتل 12 حوثيا و3 من المقاومة": coordinated figures of one casualty word add up.
        let (start_tok, mut end_tok) = view.tok_range(q.span);
        loop {
            let next = usable.clone().find(|n| {
                let (nf, _) = view.tok_range(n.span);
                nf > end_tok && nf <= end_tok + 5
            });
            let Some(n) = next else { break };
            let (nf, nl) = view.tok_range(n.span);
            let joined = view.text(view.a.tokens[nf].span).starts_with('و')
                || (nf > 0 && view.text(view.a.tokens[nf - 1].span) == "و");
            let interrupted = (end_tok + 1..nf).any(|t| {
                view.is_punct(t)
                    || view
                        .cues_at(t)
                        .any(|(_, c)| matches!(c, Cue::Fatalities | Cue::Injured))
            });
            if !joined || interrupted || n.vague {
                break;
            }
            total += n.value.and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
            end_tok = nl;
        }
        return Some((total, start_tok));
    }
    // Singular person nouns: "قتل مسلح وجندي", "استشهاد نائب قائد ... وقائد ...".
    let mut t = last_tok + 1;
    let person_at = |t: usize| {
        view.cues_at(t)
            .any(|(h, c)| c == Cue::PersonNoun && h.first_tok == t)
    };
    if !person_at(t) {
        return None;
    }
    let mut n = 1u32;
    let limit = (last_tok + 14).min(view.a.tokens.len());
    t += 1;
    while t < limit {
        let tok = &view.a.tokens[t];
        if !sentence.contains(tok.span) || view.is_punct(t) {
            break;
        }
        if view
            .cues_at(t)
            .any(|(_, c)| matches!(c, Cue::Fatalities | Cue::Injured))
        {
            break;
        }
        let text = view.text(tok.span);
        if text.starts_with('و') && person_at(t) {
            n += 1;
        } else if let Some(q) = text
            .starts_with('و')
            .then(|| {
                // "و5" may be two tokens.
                let at = if text == "و" { t + 1 } else { t };
                view.a
                    .tokens
                    .get(at)
                    .and_then(|tok| view.quantity_covering(tok.span))
            })
            .flatten()
            .filter(|q| !q.vague && !q.ordinal)
        {
            // "قائد ميداني و5 من مرافقيه": a coordinated figure adds its count.
            n = n.saturating_add(q.value.and_then(|v| u32::try_from(v).ok()).unwrap_or(0));
            t = view.tok_range(q.span).1;
        }
        t += 1;
    }
    Some((n, last_tok + 1))
}

/// A number after the trigger in the sentence (released or detained people).
fn count_after(view: &DocView<'_>, hit: &TriggerHit, sentence: NormSpan) -> Option<u32> {
    let next = view
        .triggers
        .partition_point(|t| t.span.start <= hit.span.end);
    let next_trigger = view
        .triggers
        .get(next)
        .map_or(sentence.end, |t| t.span.start.min(sentence.end));
    view.quantities_in(NormSpan::new(hit.span.end, next_trigger.max(hit.span.end)))
        .filter(|q| !q.ordinal)
        .find(|q| {
            let (qf, _) = view.tok_range(q.span);
            qf <= hit.last_tok + 20
        })
        .and_then(|q| if q.vague { None } else { q.value })
        .and_then(|v| u32::try_from(v).ok())
}

fn hedged(view: &DocView<'_>, hit: &TriggerHit, clause: NormSpan, actor1: Option<&Slot>) -> bool {
    if !view.cues_in(clause, |c| c == Cue::Hedge).is_empty() {
        return true;
    }
    if let Some(span) = actor1.and_then(|a| a.span) {
        let lo = span.start.min(hit.span.start);
        let hi = span.end.max(hit.span.end);
        let (first, _) = view.tok_range(NormSpan::new(lo, hi));
        let lo = view
            .a
            .tokens
            .get(first.saturating_sub(3))
            .map_or(lo, |t| t.span.start);
        let sentence = view.sentence_of(hit.span.start);
        let range = NormSpan::new(lo.max(sentence.start), hi);
        return !view.cues_in(range, |c| c == Cue::Hedge).is_empty();
    }
    false
}

/// The source the text names: in the sentence, else earlier in the paragraph, else the
/// document's first named source.
fn attribution(view: &DocView<'_>, sentence: NormSpan) -> Option<(String, Option<NormSpan>)> {
    // Kinds that name the ultimate source win over the outlet that relays it.
    let priority = |k: u8| match view.res.attribution_kinds[k as usize].as_str() {
        "security_sources" => 6,
        "group_claim" => 5,
        "official" => 4,
        "anonymous_sources" => 3,
        "observers" => 2,
        "media_report" => 1,
        _ => 0,
    };
    let reported = |first: usize, last: usize| {
        (first.saturating_sub(3)..=last + 3)
            .any(|t| view.cues_at(t).any(|(_, c)| c == Cue::Reporting))
    };
    let claim_kind = |c: &Cue| matches!(c, Cue::Attribution(k) if view.res.attribution_kinds[*k as usize] == "group_claim");
    let best = |span: NormSpan| {
        view.cues_in(span, |c| matches!(c, Cue::Attribution(_)))
            .into_iter()
            // A claim names its source by itself; other sources need a reporting word.
            .filter(|(h, c)| claim_kind(c) || reported(h.first_tok, h.last_tok))
            .max_by_key(|(h, c)| {
                let k = match c {
                    Cue::Attribution(k) => priority(*k),
                    _ => 0,
                };
                (
                    k,
                    h.span.end - h.span.start,
                    std::cmp::Reverse(h.span.start),
                )
            })
            .map(|(h, c)| match c {
                Cue::Attribution(k) => {
                    (view.res.attribution_kinds[k as usize].clone(), Some(h.span))
                }
                _ => unreachable!("filtered to attribution cues"),
            })
    };
    if let Some(found) = best(sentence) {
        return Some(found);
    }
    let para = view.paragraph_of(sentence.start);
    if let Some(found) = best(NormSpan::new(para.start, sentence.start)) {
        return Some(found);
    }
    // The lead (title and first sentence of the body) names the source of the report.
    let lead_end = view
        .a
        .sentences
        .get(1)
        .map_or(view.a.norm.as_str().len(), |s| s.span.end);
    best(NormSpan::new(0, lead_end))
}

/// Bytes after a word within which the few words that follow it lie.
const PHRASE_WINDOW: usize = 512;

/// How many earlier events an anchored date ("بعدها بيوم") may look back over.
const PREVIOUS_REACH: usize = 64;

fn choose_date(
    view: &DocView<'_>,
    hit: &TriggerHit,
    sentence: NormSpan,
    clause: NormSpan,
    previous: &[Draft],
    plover: &str,
    mode: Option<&str>,
) -> Option<DateChoice> {
    let dist = |d: &rasd_timenum::DateExpr| {
        if d.span.end <= hit.span.start {
            hit.span.start - d.span.end
        } else {
            d.span.start.saturating_sub(hit.span.end)
        }
    };
    // "منذ العام 2014" gives a duration's start, not the event's date.
    let usable = |d: &&rasd_timenum::DateExpr| {
        let t = view.tok_at(d.span.start);
        (t == 0 || {
            let w = view.text(view.a.tokens[t - 1].span);
            !w.ends_with("منذ") && w != "حتي"
        }) && view
            .a
            .tokens
            .get(t)
            .is_none_or(|tok| !view.text(tok.span).ends_with("منذ"))
    };
    // A date in the sentence but outside the clause belongs to the nearest trigger.
    let owned = |d: &&rasd_timenum::DateExpr| {
        let here = dist(d);
        view.triggers_in(sentence)
            .filter(|t| t.span != hit.span)
            .all(|t| {
                let other = if d.span.end <= t.span.start {
                    t.span.start - d.span.end
                } else {
                    d.span.start.saturating_sub(t.span.end)
                };
                other >= here
            })
    };
    let in_clause = view.dates_in(clause).filter(usable).min_by_key(|d| dist(d));
    let mut source = 0u8;
    let chosen = in_clause
        .or_else(|| {
            source = 1;
            view.dates_in(sentence)
                .filter(usable)
                .filter(owned)
                .min_by_key(|d| dist(d))
        })
        .or_else(|| {
            // Earlier in the same paragraph: a date that opened the paragraph's story.
            source = 2;
            let para = view.paragraph_of(hit.span.start);
            // A bare year told earlier ("بعد توقيع الوحدة في عام 1990") is background,
            // not the date of what follows.
            view.dates_in(para).rfind(|d| {
                d.span.end <= hit.span.start
                    && d.anchor.is_none()
                    && d.precision != Precision::Year
                    && usable(d)
            })
        });
    let chosen = match chosen {
        Some(c) => c,
        None => return report_date(view),
    };
    if let Some(anchor) = chosen.anchor {
        let months = match anchor {
            Anchor::AfterPrevious { months, .. } | Anchor::BeforePrevious { months, .. } => months,
        };
        // Not a frame dated by this same expression ("وبعدها بيوم … انفجار … عبوة").
        let dated = |d: &&Draft| {
            d.date
                .as_ref()
                .is_some_and(|x| x.start.is_some() && x.span != chosen.span)
        };
        let base = if months != 0 {
            previous
                .iter()
                .rev()
                .take(PREVIOUS_REACH)
                .filter(dated)
                .find(|d| d.plover == plover && d.mode.as_deref() == mode)
        } else {
            None
        }
        .or_else(|| {
            previous
                .iter()
                .rev()
                .take(PREVIOUS_REACH)
                .filter(dated)
                .find(|d| {
                    d.date
                        .as_ref()
                        .is_some_and(|x| x.precision == Precision::Day)
                })
        })
        .or_else(|| previous.iter().rev().take(PREVIOUS_REACH).find(dated))?;
        let prev = base.date.as_ref()?;
        let (s, e, p) = rasd_timenum::resolve_anchor(anchor, prev.start?, prev.end.or(prev.start)?);
        return Some(DateChoice {
            source,
            start: Some(s),
            end: Some(e),
            precision: p,
            span: chosen.span,
        });
    }
    chosen.start?;
    let mut choice = DateChoice {
        source,
        start: chosen.start,
        end: chosen.end.or(chosen.start),
        precision: chosen.precision,
        span: chosen.span,
    };
    // "في سبتمبر وأكتوبر العام الجاري": adjacent expressions narrow each other.
    let near = NormSpan::new(
        chosen.span.start.saturating_sub(256),
        chosen.span.end.saturating_add(256),
    );
    for d in view.dates_in(near) {
        if d.span == chosen.span || d.anchor.is_some() {
            continue;
        }
        let (df, dl) = view.tok_range(d.span);
        let (cf, cl) = view.tok_range(chosen.span);
        let adjacent = dl + 1 == cf || cl + 1 == df || dl + 2 == cf || cl + 2 == df;
        if let (true, Some(s), Some(e), Some(cs), Some(ce)) =
            (adjacent, d.start, d.end, choice.start, choice.end)
        {
            let (lo, hi) = (s.max(cs), e.min(ce));
            if lo <= hi {
                choice.start = Some(lo);
                choice.end = Some(hi);
                choice.precision = choice.precision.min(d.precision);
                choice.span = choice.span.cover(d.span);
            }
        }
    }
    Some(choice)
}

/// The date of a breaking-news report, for events it gives no other date for: a date in
/// its title or first sentence that falls within three days before publication
/// ("أمس", "اليوم", "السبت"); else, when the first date the report gives is that recent,
/// the three days before publication.
fn report_date(view: &DocView<'_>) -> Option<DateChoice> {
    let pub_date = view.pub_date?;
    let recent = |d: &&rasd_timenum::DateExpr| {
        let t = view.tok_at(d.span.start);
        let until = t > 0 && view.text(view.a.tokens[t - 1].span).ends_with("حتي");
        !until
            && d.anchor.is_none()
            && d.start
                .is_some_and(|s| s <= pub_date && (pub_date - s).num_days() <= 3)
            && d.end.is_some_and(|e| e <= pub_date)
    };
    let lead_end = view
        .a
        .sentences
        .get(1)
        .map_or(view.a.norm.as_str().len(), |s| s.span.end);
    if let Some(d) = view.dates_in(NormSpan::new(0, lead_end)).find(recent) {
        return Some(DateChoice {
            source: 3,
            start: d.start,
            end: d.end,
            precision: d.precision,
            span: d.span,
        });
    }
    // A report that gives no date at all is news of the last days.
    let first = view
        .dates
        .iter()
        .find(|d| d.start.is_some() && d.anchor.is_none());
    if first.is_some_and(|f| !recent(&f)) {
        return None;
    }
    Some(DateChoice {
        source: 4,
        start: pub_date.checked_sub_days(chrono::Days::new(3)),
        end: Some(pub_date),
        precision: Precision::Week,
        span: first.map_or(NormSpan::default(), |f| f.span),
    })
}

const NEAR_WORDS: [&str; 12] = [
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "قرب",
    "بالقرب",
    "محيط",
    "ضواحي",
    "اطراف",
    "مشارف",
    "شرقي",
    "غربي",
];

/// Places that say where an actor is based ("المتواجد في محافظة البيضاء") or a ship's
/// flag or destination are not the event's place; nor are places of a cause supported
/// ("مسيرات في صنعاء نصرة لغزة"، "تضامنا مع غزة").
fn describes_no_event(view: &DocView<'_>, i: usize) -> bool {
    let t = view.places[i].first_tok;
    (t.saturating_sub(4)..t).any(|k| view.cues_at(k).any(|(_, c)| c == Cue::PlaceDescriptor))
        || (t.saturating_sub(2)..t).any(|k| view.cues_at(k).any(|(_, c)| c == Cue::PlaceTie))
}

/// Yemen named as the event's only place ("تظاهر الآلاف في اليمن"، "في اليمن والمغرب"):
/// the place of last resort, when neither the sentence nor the story names a finer one.
pub(crate) fn homeland_place(
    view: &DocView<'_>,
    hit: &TriggerHit,
    sentence: NormSpan,
) -> Option<PlaceChoice> {
    use rasd_lexicon::PlaceLevel;
    let lex = &view.res.lexicon;
    let (prev_end, next_start) = reach(view, hit, sentence);
    let in_range = |lo, hi| event_places_between(view, lo, hi);
    let is_homeland = |i: usize| is_yemen_as_a_whole(view, i);
    // After the trigger only ("الحوثيين في اليمن" before it says where an actor is),
    // and only when choose_place would not take a finer place before it.
    // "صاروخ أطلق من اليمن": where it came from is not where it happened.
    let origin = |i: usize| {
        let t = view.places[i].first_tok;
        t > 0 && view.text(view.a.tokens[t - 1].span) == "من"
    };
    let cands: Vec<usize> = in_range(hit.span.end, next_start)
        .into_iter()
        .filter(|&i| !origin(i))
        .collect();
    if !cands.iter().any(|&i| !is_homeland(i))
        && in_range(prev_end, hit.span.start)
            .iter()
            .any(|&i| !is_homeland(i))
    {
        return None;
    }
    let countries_only = cands
        .iter()
        .all(|&i| lex.place(view.places[i].id).level == PlaceLevel::Country);
    let &first = cands.first()?;
    let place = lex.place(view.places[first].id);
    (countries_only && place.country == "YEM").then(|| PlaceChoice {
        id: view.places[first].id,
        admin1_override: None,
        geo_precision: 3,
        span: view.places[first].span,
    })
}

/// The places between byte offsets `lo` and `hi` that may be an event's (not those
/// `describes_no_event`), as indices into `view.places`.
fn event_places_between(view: &DocView<'_>, lo: usize, hi: usize) -> Vec<usize> {
    let first = view.places.partition_point(|p| p.span.start < lo);
    (first..view.places.len())
        .take_while(|&i| view.places[i].span.start < hi)
        .filter(|&i| view.places[i].span.end <= hi && !describes_no_event(view, i))
        .collect()
}

/// The place mention `i` is Yemen as a whole (the country).
fn is_yemen_as_a_whole(view: &DocView<'_>, i: usize) -> bool {
    let p = view.res.lexicon.place(view.places[i].id);
    p.level == rasd_lexicon::PlaceLevel::Country && p.country == "YEM"
}

/// `homeland`: the frame's `homeland_place`; where Yemen is the only place named ("في
/// اليمن والمغرب"), the other countries named after it are not the event's place.
fn choose_place(
    view: &DocView<'_>,
    hit: &TriggerHit,
    sentence: NormSpan,
    homeland: bool,
) -> Option<PlaceChoice> {
    use rasd_lexicon::PlaceLevel;
    let lex = &view.res.lexicon;
    if homeland {
        return None;
    }
    // "اليمن" alone says nothing about where in Yemen: the story's places do.
    let homeland = |i: usize| is_yemen_as_a_whole(view, i);
    let (prev_end, next_start) = reach(view, hit, sentence);
    // A place usually follows its event ("اختطاف X في Y"); else it opens the clause before
    // it ("وفي صنعاء، عقدت"); never across another event's words.
    let in_range = |lo: usize, hi: usize| -> Vec<usize> {
        let mut places = event_places_between(view, lo, hi);
        places.retain(|&i| !homeland(i));
        places
    };
    let mut cands = in_range(hit.span.end, next_start);
    if cands.is_empty() {
        cands = in_range(prev_end, hit.span.start);
    }
    if cands.is_empty() {
        return None;
    }
    let level_rank = |i: usize| match lex.place(view.places[i].id).level {
        PlaceLevel::Admin1 => 3,
        PlaceLevel::City | PlaceLevel::Admin2 => 0,
        PlaceLevel::Locality | PlaceLevel::Admin3 => 1,
        // At sea: the sea is the place, even with a coast town nearby ("قبالة الحديدة").
        PlaceLevel::Sea => 0,
        PlaceLevel::Country => 4,
    };
    let dist = |i: usize| {
        let s = view.places[i].span;
        if s.end <= hit.span.start {
            hit.span.start - s.end
        } else {
            s.start.saturating_sub(hit.span.end)
        }
    };
    // A governorate named right after a place ("مديرية المحفد محافظة أبين", "الحوطة في
    // محافظة لحج") says which one it is: the place must agree with it.
    let consistent = |i: usize| {
        let p = lex.place(view.places[i].id);
        let end = view.places[i].span.end;
        let qualifier = cands.iter().map(|&j| &view.places[j]).find(|q| {
            q.span.start >= end
                && q.span.start <= end + 40
                && lex.place(q.id).level == PlaceLevel::Admin1
        });
        qualifier.is_none_or(|q| lex.place(q.id).admin1_pcode == p.admin1_pcode)
    };
    // Nearest first; among places close together, the most specific.
    let nearest = *cands.iter().min_by_key(|&&i| dist(i))?;
    let near_group: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&i| dist(i) <= dist(nearest) + 60)
        .collect();
    let best = near_group
        .iter()
        .copied()
        .filter(|&i| consistent(i))
        .min_by_key(|&i| (level_rank(i), dist(i)))
        .unwrap_or(nearest);
    let mention = &view.places[best];
    let place = lex.place(mention.id);
    // "محافظة صنعاء" names the governorate, not the capital.
    let mut admin1_override = None;
    // A bare name shared by a governorate and its capital district ("في الضالع",
    // "البيضاء") names the governorate, as ACLED codes it; the capital Sanaa is the
    // exception (its governorate is Amanat al-Asimah, not Sana'a governorate).
    let bare_shared = mention.intro.is_none()
        && matches!(place.level, PlaceLevel::City | PlaceLevel::Admin2)
        && place.admin1_pcode != "YE13"
        && place.country == "YEM";
    if (bare_shared || mention.intro == Some(rasd_lexicon::PlaceIntro::Governorate))
        && place.level != PlaceLevel::Admin1
    {
        let key = rasd_text::normalize_key(&place.name_ar);
        admin1_override = lex
            .places()
            .iter()
            .find(|p| {
                p.level == PlaceLevel::Admin1
                    && p.country == place.country
                    && rasd_text::normalize_key(&p.name_ar) == key
            })
            .map(|p| p.id);
    }
    let near = {
        let t = mention.first_tok;
        (t.saturating_sub(2)..t).any(|k| {
            let w = view.text(view.a.tokens[k].span);
            NEAR_WORDS.iter().any(|n| w.ends_with(n))
        })
    };
    let geo_precision = if matches!(place.level, PlaceLevel::Admin1 | PlaceLevel::Country)
        || admin1_override.is_some()
    {
        3
    } else if near {
        2
    } else {
        1
    };
    Some(PlaceChoice {
        id: mention.id,
        admin1_override,
        geo_precision,
        span: mention.span,
    })
}
