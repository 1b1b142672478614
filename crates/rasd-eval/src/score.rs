use std::collections::BTreeMap;
use std::fmt;

use rasd_model::Event;
use serde::Serialize;

use crate::{GoldDocument, GoldEvent, OneOrMany};

/// What the scorer needs of one document: its text, its gold annotation and the events
/// the system extracted from it.
#[derive(Clone, Copy)]
pub struct DocumentInput<'a> {
    /// The document text (title + "\n\n" + body), to place gold evidence.
    pub text: &'a str,
    /// Length of the title in chars: evidence there may stand for any mention.
    pub title_chars: usize,
    /// Gold annotation.
    pub gold: &'a GoldDocument,
    /// Extracted events.
    pub events: &'a [Event],
}

/// Accuracy of one attribute over matched pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Attribute {
    /// Pairs where the attribute was right.
    pub correct: usize,
    /// Pairs where the attribute was scored.
    pub total: usize,
}

impl Attribute {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }

    /// correct / total, 1.0 when nothing was scored.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// A gold event the system missed, an extra system event, or a wrong attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Document id.
    pub doc_id: String,
    /// Gold id or system event id.
    pub id: String,
    /// What it is about.
    pub detail: String,
}

/// Evaluation figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Matched required gold events.
    pub true_positives: usize,
    /// System events matching no gold event.
    pub false_positives: usize,
    /// Required gold events with no match.
    pub false_negatives: usize,
    /// System events that matched an optional gold event (not counted).
    pub optional_matched: usize,
    /// Attribute accuracies over matched required pairs, by name.
    pub attributes: BTreeMap<String, Attribute>,
    /// Gold events missed.
    pub misses: Vec<Miss>,
    /// System events that match nothing.
    pub extras: Vec<Miss>,
    /// Attribute errors of matched pairs.
    pub attribute_errors: Vec<Miss>,
    /// Counts per PLOVER type: true positives and misses under the gold event's first
    /// type, false positives under the system event's type.
    pub by_type: BTreeMap<String, TypeCounts>,
}

/// True positives, false positives and false negatives of one PLOVER type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TypeCounts {
    /// Matched required gold events of this type.
    pub true_positives: usize,
    /// System events of this type matching nothing.
    pub false_positives: usize,
    /// Required gold events of this type with no match.
    pub false_negatives: usize,
}

impl TypeCounts {
    /// TP / (TP + FP).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// TP / (TP + FN).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Report {
    /// The overall counts, as one [`TypeCounts`].
    pub fn totals(&self) -> TypeCounts {
        TypeCounts {
            true_positives: self.true_positives,
            false_positives: self.false_positives,
            false_negatives: self.false_negatives,
        }
    }

    /// TP / (TP + FP).
    pub fn precision(&self) -> f64 {
        self.totals().precision()
    }

    /// TP / (TP + FN).
    pub fn recall(&self) -> f64 {
        self.totals().recall()
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        self.totals().f1()
    }

    fn type_counts(&mut self, event_type: &str) -> &mut TypeCounts {
        self.by_type.entry(event_type.to_string()).or_default()
    }

    /// Accuracy of a named attribute (1.0 when never scored).
    pub fn accuracy(&self, name: &str) -> f64 {
        self.attributes.get(name).map_or(1.0, Attribute::accuracy)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "events     TP {}  FP {}  FN {}  (optional matched: {})",
            self.true_positives, self.false_positives, self.false_negatives, self.optional_matched
        )?;
        writeln!(
            f,
            "precision  {:.3}\nrecall     {:.3}\nF1         {:.3}",
            self.precision(),
            self.recall(),
            self.f1()
        )?;
        for (name, a) in &self.attributes {
            writeln!(
                f,
                "{:<10} {:.3}  ({}/{})",
                name,
                a.accuracy(),
                a.correct,
                a.total
            )?;
        }
        writeln!(f, "by type      TP   FP   FN      P      R     F1")?;
        for (ty, c) in &self.by_type {
            writeln!(
                f,
                "  {:<9} {:>4} {:>4} {:>4}  {:.3}  {:.3}  {:.3}",
                ty,
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        Ok(())
    }
}

const SYMMETRIC: [&str; 3] = ["CONSULT", "AGREE", "COOPERATE"];
const ATTRIBUTES: [&str; 9] = [
    "date",
    "admin1",
    "admin2",
    "fatalities",
    "injured",
    "released",
    "hedged",
    "acled_sub",
    "evidence",
];

fn side<'a>(
    main: &'a Option<rasd_model::ActorRef>,
    assoc: &'a [rasd_model::ActorRef],
) -> Vec<&'a str> {
    main.iter().chain(assoc).map(|a| a.id.as_str()).collect()
}

fn actor_ids(ev: &Event) -> (Vec<&str>, Vec<&str>) {
    (
        side(&ev.actor1, &ev.assoc_actor1),
        side(&ev.actor2, &ev.assoc_actor2),
    )
}

fn accepts(slot: &Option<Vec<String>>, ids: &[&str]) -> bool {
    match slot {
        None => true,
        Some(accepted) => ids.iter().any(|id| accepted.iter().any(|a| a == id)),
    }
}

/// Whether `ev` can stand for `gold` (type and actor slots).
fn compatible(gold: &GoldEvent, ev: &Event) -> bool {
    if !gold.plover.contains(&ev.plover.event_type) {
        return false;
    }
    let (side1, side2) = actor_ids(ev);
    let symmetric = SYMMETRIC.contains(&ev.plover.event_type.as_str())
        || ev.acled.sub_event_type == "Armed clash";
    if accepts(&gold.actor1, &side1) && accepts(&gold.actor2, &side2) {
        return true;
    }
    if symmetric {
        let all: Vec<&str> = side1.iter().chain(&side2).copied().collect();
        // Either order, but the two slots must be filled by different actors when both
        // are constrained.
        return accepts(&gold.actor1, &side2) && accepts(&gold.actor2, &side1)
            || (accepts(&gold.actor1, &all)
                && accepts(&gold.actor2, &all)
                && (gold.actor1.is_none() || gold.actor2.is_none()));
    }
    false
}

/// Char span of the gold evidence in the text, if it can be found.
fn gold_span(text: &str, evidence: &str) -> Option<(usize, usize)> {
    if evidence.is_empty() {
        return None;
    }
    let byte = text.find(evidence)?;
    let start = text[..byte].chars().count();
    Some((start, start + evidence.chars().count()))
}

fn evidence_overlaps(ev: &Event, span: Option<(usize, usize)>) -> bool {
    span.is_some_and(|(s, e)| ev.evidence.iter().any(|x| x.start < e && s < x.end))
}

/// How far (in chars) a system event's evidence may stand from the gold evidence and
/// still be about the same mention (spec/events.md: its sentence or a neighbour).
pub const MENTION_REACH: usize = 250;

/// Where a system event stands relative to a gold mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Nearness {
    /// No evidence span near the gold evidence, none in the title.
    Elsewhere,
    /// Evidence in the title only (accepted, preferred less).
    Title,
    /// Evidence within [`MENTION_REACH`] chars of the gold evidence.
    Near,
}

fn nearness(ev: &Event, span: Option<(usize, usize)>, title_chars: usize) -> Nearness {
    // A gold evidence that cannot be placed constrains nothing.
    let Some((s, e)) = span else {
        return Nearness::Near;
    };
    let gap = |x: &rasd_model::Evidence| {
        if x.end <= s {
            s - x.end
        } else {
            x.start.saturating_sub(e)
        }
    };
    if ev.evidence.iter().any(|x| gap(x) <= MENTION_REACH) {
        Nearness::Near
    } else if ev.evidence.iter().any(|x| x.end <= title_chars) {
        Nearness::Title
    } else {
        Nearness::Elsewhere
    }
}

/// Maximum one-to-one matching by augmenting paths; `edges[g]` lists the system events
/// gold `g` may match, preferred ones first.
fn max_matching(edges: &[Vec<usize>], n_sys: usize, taken: &mut [Option<usize>]) {
    fn augment(
        g: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &s in &edges[g] {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            if owner[s].is_none_or(|o| augment(o, edges, seen, owner)) {
                owner[s] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..edges.len() {
        let mut seen = vec![false; n_sys];
        augment(g, edges, &mut seen, taken);
    }
}

fn window_overlaps(gold: &[String; 2], ev: &Event) -> bool {
    match (&ev.date.start, &ev.date.end) {
        (Some(s), Some(e)) => s.as_str() <= gold[1].as_str() && gold[0].as_str() <= e.as_str(),
        _ => false,
    }
}

fn check_pcode(gold: &Option<OneOrMany>, system: Option<&str>) -> bool {
    match (gold, system) {
        (None, None) => true,
        (Some(g), None) => g.accepts_none(),
        (Some(g), Some(s)) => g.accepts(s),
        _ => false,
    }
}

fn check_count(gold: Option<u32>, system: Option<u32>, zero_is_null: bool) -> Option<bool> {
    let norm = |v: Option<u32>| {
        if zero_is_null && v == Some(0) {
            None
        } else {
            v
        }
    };
    let (g, s) = (norm(gold), norm(system));
    (g.is_some() || s.is_some()).then_some(g == s)
}

/// Scores all documents.
pub fn score(inputs: &[DocumentInput<'_>]) -> Report {
    let mut report = Report::default();
    for name in ATTRIBUTES {
        report
            .attributes
            .insert(name.to_string(), Attribute::default());
    }
    for input in inputs {
        score_document(input, &mut report);
    }
    report
}

/// How one document's system events line up with its gold events.
struct Alignment<'g> {
    required: Vec<&'g GoldEvent>,
    /// System event → the required gold event (index into `required`) it matches.
    owner: Vec<Option<usize>>,
    /// System events that stand for an optional gold event.
    absorbed: Vec<bool>,
}

fn align<'g>(input: &DocumentInput<'g>) -> Alignment<'g> {
    let events = input.events;
    let (required, optional): (Vec<&GoldEvent>, Vec<&GoldEvent>) =
        input.gold.events.iter().partition(|g| !g.optional);
    // Where the gold event's evidence stands in the text.
    let span_of = |g: &GoldEvent| gold_span(input.text, &g.evidence);
    // A system event may stand for a gold event when type and sides agree and it is about
    // the same mention.
    let can_match = |g: &GoldEvent, e: &Event| {
        compatible(g, e) && nearness(e, span_of(g), input.title_chars) != Nearness::Elsewhere
    };
    let edges_for = |golds: &[&GoldEvent]| -> Vec<Vec<usize>> {
        golds
            .iter()
            .map(|g| {
                let span = span_of(g);
                let mut cands: Vec<usize> = (0..events.len())
                    .filter(|&i| can_match(g, &events[i]))
                    .collect();
                // Prefer the system event that reports the same words, then one in the
                // body over one in the title, then the one that agrees on date and
                // place: the alignment, not the count, depends on it.
                cands.sort_by_key(|&i| {
                    let e = &events[i];
                    let date_ok = g.date.as_ref().is_some_and(|w| window_overlaps(w, e));
                    let a1 = e.location.as_ref().and_then(|l| l.admin1_pcode.as_deref());
                    let place_ok = check_pcode(&g.admin1_pcode, a1);
                    std::cmp::Reverse((
                        evidence_overlaps(e, span),
                        nearness(e, span, input.title_chars),
                        date_ok,
                        place_ok,
                    ))
                });
                cands
            })
            .collect()
    };
    let mut owner: Vec<Option<usize>> = vec![None; events.len()];
    max_matching(&edges_for(&required), events.len(), &mut owner);
    // Optional gold events absorb the remaining system events.
    let free: Vec<usize> = (0..events.len()).filter(|&s| owner[s].is_none()).collect();
    let opt_edges: Vec<Vec<usize>> = edges_for(&optional)
        .into_iter()
        .map(|c| c.into_iter().filter(|s| free.contains(s)).collect())
        .collect();
    let mut opt_owner: Vec<Option<usize>> = vec![None; events.len()];
    max_matching(&opt_edges, events.len(), &mut opt_owner);
    // A system event that could stand for an optional gold event is not an error even if
    // another system event already took it (duplicates of optional mentions).
    let absorbed = (0..events.len())
        .map(|s| {
            owner[s].is_none()
                && (opt_owner[s].is_some() || optional.iter().any(|g| can_match(g, &events[s])))
        })
        .collect();
    Alignment {
        required,
        owner,
        absorbed,
    }
}

/// What one system event is worth against the gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// It matches a required gold event (a true positive).
    Required,
    /// It stands for an optional gold event (counts neither way).
    Optional,
    /// It matches nothing (a false positive).
    Spurious,
}

/// The label of each system event of a document, in the order of `input.events`, as
/// [`score`] counts them.
pub fn label(input: &DocumentInput<'_>) -> Vec<Label> {
    let a = align(input);
    (0..input.events.len())
        .map(|s| {
            if a.owner[s].is_some() {
                Label::Required
            } else if a.absorbed[s] {
                Label::Optional
            } else {
                Label::Spurious
            }
        })
        .collect()
}

fn score_document(input: &DocumentInput<'_>, report: &mut Report) {
    let doc_id = &input.gold.doc_id;
    let events = input.events;
    let Alignment {
        required,
        owner,
        absorbed,
    } = align(input);
    let mut matched_gold = vec![None; required.len()];
    for (s, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            matched_gold[*g] = Some(s);
        }
    }

    for (gi, g) in required.iter().enumerate() {
        match matched_gold[gi] {
            None => {
                report.false_negatives += 1;
                report.type_counts(primary_type(g)).false_negatives += 1;
                report.misses.push(Miss {
                    doc_id: doc_id.clone(),
                    id: g.id.clone(),
                    detail: format!(
                        "{} {:?}->{:?}: {}",
                        g.plover.join("/"),
                        g.actor1,
                        g.actor2,
                        g.evidence
                    ),
                });
            }
            Some(s) => {
                report.true_positives += 1;
                report.type_counts(primary_type(g)).true_positives += 1;
                attribute_checks(input, g, &events[s], report);
            }
        }
    }
    for (s, ev) in events.iter().enumerate() {
        if owner[s].is_some() {
            continue;
        }
        if absorbed[s] {
            report.optional_matched += 1;
            continue;
        }
        report.false_positives += 1;
        report.type_counts(&ev.plover.event_type).false_positives += 1;
        let (a1, a2) = actor_ids(ev);
        report.extras.push(Miss {
            doc_id: doc_id.clone(),
            id: ev.event_id.clone(),
            detail: format!(
                "{} {:?}->{:?}: {}",
                ev.plover.event_type,
                a1,
                a2,
                ev.evidence.first().map_or("", |e| e.text.as_str())
            ),
        });
    }
}

/// The type a gold event is counted under in per-type figures.
fn primary_type(g: &GoldEvent) -> &str {
    g.plover.first().map_or("?", String::as_str)
}

fn attribute_checks(input: &DocumentInput<'_>, g: &GoldEvent, ev: &Event, report: &mut Report) {
    let doc_id = &input.gold.doc_id;
    let mut check = |name: &str, ok: Option<bool>, detail: String| {
        if let Some(ok) = ok {
            report
                .attributes
                .get_mut(name)
                .expect("attribute names are registered")
                .add(ok);
            if !ok {
                report.attribute_errors.push(Miss {
                    doc_id: doc_id.clone(),
                    id: g.id.clone(),
                    detail: format!("{name}: {detail}"),
                });
            }
        }
    };
    let date_ok = match &g.date {
        None => ev.date.start.is_none(),
        Some(w) => window_overlaps(w, ev),
    };
    check(
        "date",
        Some(date_ok),
        format!(
            "gold {:?}, system {:?}..{:?}",
            g.date, ev.date.start, ev.date.end
        ),
    );
    let loc = ev.location.as_ref();
    let a1 = loc.and_then(|l| l.admin1_pcode.as_deref());
    let a2 = loc.and_then(|l| l.admin2_pcode.as_deref());
    check(
        "admin1",
        Some(check_pcode(&g.admin1_pcode, a1)),
        format!("gold {:?}, system {a1:?}", g.admin1_pcode),
    );
    check(
        "admin2",
        Some(check_pcode(&g.admin2_pcode, a2)),
        format!("gold {:?}, system {a2:?}", g.admin2_pcode),
    );
    let counts = [
        ("fatalities", g.fatalities, ev.fatalities, true),
        ("injured", g.injured, ev.injured, false),
        ("released", g.released, ev.released, false),
    ];
    for (name, gold, system, zero_is_null) in counts {
        check(
            name,
            check_count(gold, system, zero_is_null),
            format!("gold {gold:?}, system {system:?}"),
        );
    }
    check(
        "hedged",
        Some(g.hedged == ev.hedged),
        format!("gold {}, system {}", g.hedged, ev.hedged),
    );
    if let Some(subs) = &g.acled_sub {
        check(
            "acled_sub",
            Some(subs.contains(&ev.acled.sub_event_type)),
            format!("gold {subs:?}, system {}", ev.acled.sub_event_type),
        );
    }
    let text_ok = ev.evidence.iter().all(|e| {
        input
            .text
            .chars()
            .skip(e.start)
            .take(e.end.saturating_sub(e.start))
            .eq(e.text.chars())
    });
    check(
        "evidence",
        Some(text_ok),
        "evidence text differs from the document".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Gold;
    use rasd_model::{AcledCoding, ActorRef, DateWindow, Evidence, Plover, Precision};

    fn actor(id: &str) -> Option<ActorRef> {
        (!id.is_empty()).then(|| ActorRef {
            id: id.into(),
            name: id.into(),
            text: None,
        })
    }

    fn event(id: &str, ty: &str, a1: &str, a2: &str, start: usize, text: &str) -> Event {
        Event {
            event_id: id.into(),
            doc_id: "d".into(),
            plover: Plover {
                event_type: ty.into(),
                mode: None,
            },
            cameo: "040".into(),
            goldstein: 1.0,
            acled: AcledCoding {
                disorder_type: "Strategic developments".into(),
                event_type: "Strategic developments".into(),
                sub_event_type: "Other".into(),
                interaction: String::new(),
            },
            date: DateWindow {
                start: Some("2023-11-07".into()),
                end: Some("2023-11-14".into()),
                precision: Precision::Week,
                text: None,
            },
            location: None,
            actor1: actor(a1),
            actor2: actor(a2),
            assoc_actor1: vec![],
            assoc_actor2: vec![],
            persons: vec![],
            fatalities: None,
            injured: None,
            detained: None,
            released: None,
            hedged: false,
            claimed: false,
            attribution: None,
            evidence: vec![Evidence {
                start,
                end: start + text.chars().count(),
                text: text.into(),
            }],
            trigger: None,
            confidence: 0.5,
        }
    }

    const GOLD: &str = r#"{"documents":[{"doc_id":"d","file":"x","events":[
      {"id":"G1","plover":["CONSULT"],"actor1":["houthis"],"actor2":["aqap"],"admin1_pcode":null,"date":["2023-11-07","2023-11-14"],"evidence":"اجتماع"},
      {"id":"G2","plover":["ACCUSE"],"actor1":["police"],"actor2":["aqap"],"admin1_pcode":null,"date":null},
      {"id":"G3","plover":["RETREAT"],"actor1":["houthis"],"actor2":["aqap"],"admin1_pcode":null,"date":null,"optional":true}]}]}"#;

    #[test]
    fn symmetric_types_ignore_order_and_optional_events_absorb_extras() {
        let gold = Gold::parse(GOLD, "g").unwrap();
        let text = "عقد اجتماع";
        let events = vec![
            event("e1", "CONSULT", "aqap", "houthis", 4, "اجتماع"),
            event("e2", "RETREAT", "houthis", "aqap", 0, "عقد"),
            event("e3", "ASSAULT", "houthis", "aqap", 0, "عقد"),
        ];
        let report = score(&[DocumentInput {
            text,
            title_chars: 0,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 1);
        assert_eq!(report.false_negatives, 1);
        assert_eq!(report.false_positives, 1);
        assert_eq!(report.optional_matched, 1);
        assert_eq!(report.accuracy("date"), 1.0);
        assert_eq!(report.misses[0].id, "G2");
        assert!((report.f1() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn labels_follow_the_counts_of_the_score() {
        let gold = Gold::parse(GOLD, "g").unwrap();
        let events = vec![
            event("e1", "CONSULT", "aqap", "houthis", 4, "اجتماع"),
            // A second report of the same meeting: the matching is one-to-one.
            event("e1b", "CONSULT", "houthis", "aqap", 4, "اجتماع"),
            event("e2", "RETREAT", "houthis", "aqap", 0, "عقد"),
            event("e3", "ASSAULT", "houthis", "aqap", 0, "عقد"),
        ];
        let input = DocumentInput {
            text: "عقد اجتماع",
            title_chars: 0,
            gold: &gold.documents[0],
            events: &events,
        };
        assert_eq!(
            label(&input),
            [
                Label::Required,
                Label::Spurious,
                Label::Optional,
                Label::Spurious
            ]
        );
        let report = score(&[input]);
        assert_eq!((report.true_positives, report.false_positives), (1, 2));
        assert_eq!(report.optional_matched, 1);
    }

    #[test]
    fn directed_types_respect_actor_order() {
        let gold = Gold::parse(GOLD, "g").unwrap();
        let events = vec![event("e1", "ACCUSE", "aqap", "police", 0, "عقد")];
        let report = score(&[DocumentInput {
            text: "عقد اجتماع",
            title_chars: 0,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 0);
        assert_eq!(report.false_positives, 1);
    }

    #[test]
    fn wrong_evidence_text_is_reported() {
        let gold = Gold::parse(GOLD, "g").unwrap();
        let events = vec![event("e1", "CONSULT", "houthis", "aqap", 0, "اجتماع")];
        let report = score(&[DocumentInput {
            text: "عقد اجتماع",
            title_chars: 0,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 1);
        assert_eq!(report.accuracy("evidence"), 0.0);
    }

    /// A gold file of one document whose two clashes are far apart in the text.
    const FAR_APART: &str = r#"{"documents":[{"doc_id":"d","file":"x","events":[
      {"id":"G1","plover":["ASSAULT"],"actor1":["houthis"],"actor2":null,"admin1_pcode":null,"date":null,"evidence":"قصف الحوثيون"},
      {"id":"G2","plover":["ASSAULT"],"actor1":["houthis"],"actor2":null,"admin1_pcode":null,"date":null,"evidence":"هاجم الحوثيون"}]}]}"#;

    fn far_apart_text() -> (String, usize) {
        let title = "الحوثيون يقصفون";
        let filler = "كلام ".repeat(100);
        (
            format!("{title}\n\nقصف الحوثيون مدينة. {filler}هاجم الحوثيون موقعا."),
            title.chars().count(),
        )
    }

    #[test]
    fn an_event_elsewhere_in_the_article_does_not_match() {
        let gold = Gold::parse(FAR_APART, "g").unwrap();
        let (text, title_chars) = far_apart_text();
        let at = |words: &str| text[..text.find(words).unwrap()].chars().count();
        // One system event, about the first mention only: it may stand for G1, never for
        // G2, although type and actor agree.
        let events = vec![event(
            "e1",
            "ASSAULT",
            "houthis",
            "",
            at("قصف الحوثيون"),
            "قصف الحوثيون",
        )];
        let report = score(&[DocumentInput {
            text: &text,
            title_chars,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 1);
        assert_eq!(report.false_negatives, 1);
        assert_eq!(report.misses[0].id, "G2");

        // An event placed only in the title may stand for either mention.
        let events = vec![event("e1", "ASSAULT", "houthis", "", 0, "الحوثيون يقصفون")];
        let report = score(&[DocumentInput {
            text: &text,
            title_chars,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 1);
        assert_eq!(report.by_type["ASSAULT"].false_negatives, 1);
    }

    #[test]
    fn a_directed_slot_is_checked_on_its_side_when_the_other_is_null() {
        let gold = Gold::parse(FAR_APART, "g").unwrap();
        let (text, title_chars) = far_apart_text();
        let start = text[..text.find("قصف الحوثيون").unwrap()].chars().count();
        // The Houthis as the target of an attack are not the gold's attacker.
        let events = vec![event(
            "e1",
            "ASSAULT",
            "saudi-led-coalition",
            "houthis",
            start,
            "قصف الحوثيون",
        )];
        let report = score(&[DocumentInput {
            text: &text,
            title_chars,
            gold: &gold.documents[0],
            events: &events,
        }]);
        assert_eq!(report.true_positives, 0);
        assert_eq!(report.by_type["ASSAULT"].false_positives, 1);
        assert_eq!(report.by_type["ASSAULT"].false_negatives, 2);
    }
}
