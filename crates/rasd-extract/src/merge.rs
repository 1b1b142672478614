//! In-document merging: the title, the lead and later paragraphs often report the same
//! event again. Two frames are one event when they have the same PLOVER type and ACLED
//! sub-event type, their actors agree side by side (a missing side agrees with anything;
//! symmetric events may swap sides), their date windows overlap (or one is unknown) and
//! their governorates agree (or one is unknown). Frames with no actor at all never merge.

use crate::frame::{Draft, Slot};
use crate::rules::FrameKind;

fn same(a: &Option<Slot>, b: &Option<Slot>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => true,
    }
}

/// Slot `k` (0 actor1, 1 actor2) of a frame as the text gives it: a domain default is open.
fn told(d: &Draft, k: usize) -> &Option<Slot> {
    const OPEN: Option<Slot> = None;
    let slot = if k == 0 { &d.actor1 } else { &d.actor2 };
    if d.guessed[k] {
        &OPEN
    } else {
        slot
    }
}

/// Slot `i` of `a` and slot `j` of `b` do not contradict each other.
fn agree(a: &Draft, i: usize, b: &Draft, j: usize) -> bool {
    same(told(a, i), told(b, j))
}

/// The ids of a frame's two main actors.
fn ids(d: &Draft) -> Vec<String> {
    [&d.actor1, &d.actor2]
        .into_iter()
        .flatten()
        .map(|s| s.id.clone())
        .collect()
}

fn actors_agree(a: &Draft, b: &Draft, symmetric: bool) -> bool {
    let any = |d: &Draft| d.actor1.is_some() || d.actor2.is_some();
    if !any(a) || !any(b) {
        return false;
    }
    let direct = agree(a, 0, b, 0) && agree(a, 1, b, 1);
    let swapped = symmetric && agree(a, 0, b, 1) && agree(a, 1, b, 0);
    // At least one actor in common, so that two one-sided frames about different actors
    // stay apart.
    let shared = ids(a).iter().any(|i| ids(b).contains(i));
    (direct || swapped) && shared
}

fn dates_agree(a: &Draft, b: &Draft) -> bool {
    match (&a.date, &b.date) {
        // Two dated mentions are one event when one window holds the other: "from 7 to
        // 14 November" and "last week" are different meetings.
        (Some(x), Some(y)) => match (x.start, x.end, y.start, y.end) {
            (Some(s1), Some(e1), Some(s2), Some(e2)) => {
                (s1 <= s2 && e2 <= e1) || (s2 <= s1 && e1 <= e2)
            }
            _ => x.span == y.span,
        },
        _ => true,
    }
}

/// Where a frame's place lies, as merging needs it.
pub(crate) struct Whereabouts {
    /// Governorate p-code.
    pub admin1: String,
    /// The place may stand for its whole governorate: a governorate's capital named
    /// like the governorate ("في مأرب"), without a word that makes it the town.
    pub broad: bool,
}

fn places_agree(a: &Draft, b: &Draft, whereabouts: &dyn Fn(&Draft) -> Option<Whereabouts>) -> bool {
    let (wa, wb) = (whereabouts(a), whereabouts(b));
    let same_governorate = match (&wa, &wb) {
        (Some(x), Some(y)) => x.admin1 == y.admin1,
        _ => true,
    };
    let broad = |w: &Option<Whereabouts>| w.as_ref().is_some_and(|w| w.broad);
    // Two named districts or towns of one governorate are two places ("زنجبار", "شقرة").
    let same_place = match (&a.place, &b.place) {
        (Some(x), Some(y)) => {
            x.id == y.id || x.geo_precision > 1 || y.geo_precision > 1 || broad(&wa) || broad(&wb)
        }
        _ => true,
    };
    same_governorate && same_place
}

/// The most evidence spans one event keeps: the first mentions show it, and a document
/// that repeats one event thousands of times must not cost quadratic time.
const MAX_EVIDENCE: usize = 16;

/// Without a place on both sides, two mentions of violence are one event only when told
/// close together, or one of them is in the title or the lead (which sum up the story):
/// an unknown place must not join events told far apart.
fn close_enough(m: &Draft, d: &Draft) -> bool {
    // Meetings and agreements are told again far apart ("the meeting of the 7th"); the
    // rule is for violence, where each report is its own event.
    // A vague mention (a side left open, a definite "الهجوم") may sum up one told anywhere.
    let full = |x: &Draft| x.actor1.is_some() && x.actor2.is_some();
    if d.plover != "ASSAULT" || d.definite || !full(m) || !full(d) {
        return true;
    }
    let placed = m.place.is_some() && d.place.is_some();
    let headline = m.sentence <= 1 || d.sentence <= 1;
    let near = d.sentence.abs_diff(m.last_sentence) <= 2 || d.sentence.abs_diff(m.sentence) <= 2;
    placed || headline || near
}

fn absorb(into: &mut Draft, other: Draft) {
    into.last_sentence = into.last_sentence.max(other.last_sentence);
    if into.evidence.len() < MAX_EVIDENCE {
        into.evidence.extend(other.evidence);
        into.evidence.sort();
        into.evidence.dedup();
        into.evidence.truncate(MAX_EVIDENCE);
    }
    // A slot the text names replaces an empty or guessed one (never with the other side).
    let takes =
        |mine: &Option<Slot>, guessed: bool, theirs: &Option<Slot>, beside: &Option<Slot>| {
            mine.is_none()
                || guessed
                    && theirs
                        .as_ref()
                        .is_some_and(|t| beside.as_ref().is_none_or(|b| b.id != t.id))
        };
    if takes(
        &into.actor1,
        into.guessed[0] && !other.guessed[0],
        &other.actor1,
        &into.actor2,
    ) {
        into.guessed[0] = other.guessed[0];
        into.actor1 = other.actor1;
    }
    if takes(
        &into.actor2,
        into.guessed[1] && !other.guessed[1],
        &other.actor2,
        &into.actor1,
    ) {
        into.guessed[1] = other.guessed[1];
        into.actor2 = other.actor2;
    }
    for s in other.assoc1 {
        if !into.assoc1.iter().any(|x| x.id == s.id) {
            into.assoc1.push(s);
        }
    }
    for s in other.assoc2 {
        if !into.assoc2.iter().any(|x| x.id == s.id) {
            into.assoc2.push(s);
        }
    }
    // A date the text gives near the words wins over one taken from context; then the
    // narrower window is the more informative one.
    match (&into.date, &other.date) {
        (None, Some(_)) => into.date = other.date,
        (Some(x), Some(y)) if (y.source, y.precision) < (x.source, x.precision) => {
            into.date = other.date
        }
        _ => {}
    }
    match (&into.place, &other.place) {
        (None, Some(_)) => into.place = other.place,
        (Some(x), Some(y)) if y.geo_precision < x.geo_precision => into.place = other.place,
        _ => {}
    }
    let max = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    into.fatalities = max(into.fatalities, other.fatalities);
    into.injured = max(into.injured, other.injured);
    into.detained = max(into.detained, other.detained);
    into.released = max(into.released, other.released);
    // Reported as certain once is certain.
    into.hedged &= other.hedged;
    into.claimed |= other.claimed;
    if into.attribution.is_none() {
        into.attribution = other.attribution;
    }
    for p in other.persons {
        if !into.persons.contains(&p) {
            into.persons.push(p);
        }
    }
    into.confidence = (into.confidence.max(other.confidence) + 0.05).min(0.95);
    into.signals.merge(&other.signals);
}

/// Frames of one sentence that share an actor (or, for violence, have a side left open)
/// describe one event: "نفذ التنظيم هجوما … حيث دارت مواجهات أسفرت عن مقتل …",
/// "زودت التنظيم بأسلحة". The more specific ACLED sub-event type wins.
fn consolidate(a: &Draft, b: &Draft, admin1: &dyn Fn(&Draft) -> Option<Whereabouts>) -> bool {
    if a.sentence != b.sentence || a.plover != b.plover || !places_agree(a, b, admin1) {
        return false;
    }
    // "دعا الحوثيين إلى …، ودعا الشعب إلى …": one speaker, two addressees, two acts.
    if a.plover != "ASSAULT" {
        if let (Some(x), Some(y)) = (told(a, 1), told(b, 1)) {
            if x.id != y.id && same(told(a, 0), told(b, 0)) {
                return false;
            }
        }
    }
    let (ia, ib) = (ids(a), ids(b));
    let shared = ia.iter().any(|i| ib.contains(i));
    let open = a.plover == "ASSAULT" && (ia.len() < 2 || ib.len() < 2);
    (shared || open) && dates_agree(a, b)
}

/// Merges frames that report the same event; keeps text order of first mentions.
pub(crate) fn merge(
    drafts: Vec<Draft>,
    symmetric: &dyn Fn(&Draft) -> bool,
    sym_rule: &dyn Fn(&Draft) -> bool,
    fallback: &dyn Fn(&Draft) -> bool,
    admin1: &dyn Fn(&Draft) -> Option<Whereabouts>,
) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        if let Some(i) = out.iter().position(|m| consolidate(m, &d, admin1)) {
            let m = &mut out[i];
            // The weapon's words code the event: a clash or a bare attack verb gives way.
            if (m.acled_sub == "Armed clash" || fallback(m) && !fallback(&d))
                && d.acled_sub != "Armed clash"
            {
                m.acled_sub = d.acled_sub.clone();
                m.mode = d.mode.clone();
                m.cameo = d.cameo.clone();
                m.goldstein = d.goldstein;
            }
            absorb(m, d);
            continue;
        }
        let sym = symmetric(&d);
        // Different death tolls are different events ("قتل جندي … مقتل أربعة").
        let counts_agree = |m: &Draft| match (m.fatalities, d.fatalities) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        // A casualty report with no attack word of its own ("مقتل قائد حوثي") tells the
        // toll of an attack the article names: it joins one whose sides it does not
        // contradict, whatever that attack's sub-event type.
        let casualty_only = |m: &Draft| fallback(m) != fallback(&d);
        // "الحوثيون يعلنون مهاجمة هدف في إيلات" and "هاجمت … بعدد من الطائرات المسيرة":
        // a bare attack word and the weapon's words tell one attack.
        let bare = |x: &Draft| !sym_rule(x) && x.acled_sub == "Armed clash";
        let weapon = |x: &Draft| {
            matches!(
                x.acled_sub.as_str(),
                "Air/drone strike"
                    | "Shelling/artillery/missile attack"
                    | "Remote explosive/landmine/IED"
                    | "Suicide bomb"
                    | "Grenade"
            )
        };
        let mut target = out.iter().position(|m| {
            m.plover == d.plover
                && (m.acled_sub == d.acled_sub
                    || casualty_only(m)
                    || bare(m) && weapon(&d)
                    || weapon(m) && bare(&d))
                && (actors_agree(m, &d, sym)
                    || casualty_only(m) && agree(m, 0, &d, 0) && agree(m, 1, &d, 1))
                && dates_agree(m, &d)
                && places_agree(m, &d, admin1)
                && (casualty_only(m) || close_enough(m, &d))
                && counts_agree(m)
        });
        // "أعلن التنظيم مسؤوليته عن الهجوم": a definite mention with no date of its own
        // refers to the last event of its kind whose actors it does not contradict.
        if target.is_none() && d.definite && d.date.as_ref().is_none_or(|x| x.source >= 2) {
            target = out.iter().rposition(|m| m.plover == d.plover).filter(|&i| {
                let m = &out[i];
                let direct = agree(m, 0, &d, 0) && agree(m, 1, &d, 1);
                let swapped = sym && agree(m, 0, &d, 1) && agree(m, 1, &d, 0);
                // A place of its own that differs is another event.
                (direct || swapped) && counts_agree(m) && places_agree(m, &d, admin1)
            });
        }
        match target {
            Some(i) => {
                let m = &mut out[i];
                // The attack's own words code the event, not the casualty word; the
                // weapon's, not a bare attack word.
                if (fallback(m) && !fallback(&d)) || (bare(m) && !bare(&d)) {
                    m.trigger = d.trigger;
                    m.acled_sub = d.acled_sub.clone();
                    m.mode = d.mode.clone();
                    m.cameo = d.cameo.clone();
                    m.goldstein = d.goldstein;
                }
                absorb(m, d)
            }
            None => out.push(d),
        }
    }
    out
}

/// Events reported "during the meeting" take the meeting's place: a CONSULT frame in a
/// sentence names the setting of the sentence's other events that have none.
pub(crate) fn share_meeting_places(events: &mut [Draft], sentence_of: &dyn Fn(usize) -> usize) {
    let settings: Vec<(Vec<usize>, crate::frame::PlaceChoice)> = events
        .iter()
        .filter(|d| d.plover == "CONSULT")
        .filter_map(|d| {
            let place = d.place.clone()?;
            Some((
                d.evidence.iter().map(|e| sentence_of(e.start)).collect(),
                place,
            ))
        })
        .collect();
    for d in events
        .iter_mut()
        .filter(|d| d.place.is_none() && d.plover != "CONSULT")
    {
        let sentences: Vec<usize> = d.evidence.iter().map(|e| sentence_of(e.start)).collect();
        if let Some((_, place)) = settings
            .iter()
            .find(|(ss, _)| ss.iter().any(|s| sentences.contains(s)))
        {
            let mut place = place.clone();
            place.geo_precision = place.geo_precision.max(2);
            d.place = Some(place);
        }
    }
}

/// Whether a frame kind lets sides swap.
pub(crate) fn is_symmetric(kind: FrameKind, acled_sub: &str) -> bool {
    kind == FrameKind::Symmetric || acled_sub == "Armed clash"
}
