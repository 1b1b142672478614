//! Cross-article deduplication: which reports describe the same real event, and how
//! their fields merge.
//!
//! # The rule
//!
//! Two reports (events extracted from two documents) are *linked* when all of these hold:
//!
//! 1. they come from different documents (one document's events were already merged
//!    by the extractor, so two of them are two events);
//! 2. same PLOVER type;
//! 3. same governorate (`admin1_pcode`); when both name a district (`admin2_pcode`) it
//!    is the same one; two places outside any governorate must have the same name, and a
//!    report with a place never links to one without. Two reports that both lack a
//!    place link only when both name both sides (an unknown place and an unknown side
//!    together would merge unrelated events);
//! 4. both dates are known, neither window is wider than [`MAX_WINDOW_DAYS`], and the
//!    windows overlap once each is widened by [`DATE_SLACK_DAYS`] (a report published
//!    the next day may resolve "last night" one day off);
//! 5. actors are compatible slot by slot: actor1 with actor1 and actor2 with actor2,
//!    each pair equal, one side unknown, or one an ancestor of the other in the actor
//!    hierarchy (`actors.parent`). For symmetric interactions (CONSULT, AGREE,
//!    COOPERATE, and "Armed clash") the slots may also be swapped.
//!
//! Events are then built without depending on ingest order: take the connected
//! component of the link graph around the new reports, sort its reports by
//! `(event_id, doc_id)`, and put each report into the first event all of whose reports
//! it is linked to, else start a new event. So every report of an event is linked to
//! every other (no chains of "A is like B is like C"), and the partition is a function
//! of the set of reports alone. The event id is the smallest member `event_id`.
//!
//! # Merged fields
//!
//! Members are ranked (best first) by: has a place, geo precision, date precision,
//! confidence (higher first), then `(event_id, doc_id)`. The best one is the
//! *representative*: its coding (CAMEO, Goldstein, ACLED types, attribution) and
//! evidence are used. Other fields follow order-free rules: fatalities, injured,
//! detained and released take the lowest reported figure (ACLED's conservative rule;
//! each report keeps its own in its source row), the date is the narrowest window, the
//! place the most precise one, actors the most specific of the compatible ones,
//! associated actors and persons the union, `hedged` only when every report hedges,
//! `claimed` when any report says so, confidence the maximum.
//!
//! Corroboration counts distinct outlets (`Document::source`, case-insensitive); a
//! document without an outlet counts as its own outlet, keyed by its content hash, so
//! the same text ingested twice under two ids is still one source.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rasd_model::{ActorRef, Event, Location, Person};

/// Windows are widened by this many days on each side before the overlap test.
pub const DATE_SLACK_DAYS: i64 = 1;
/// Reports whose date window is wider than this never link.
pub const MAX_WINDOW_DAYS: i64 = 31;

/// A stored per-document event with what linking and merging need from its document.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub event: Event,
    pub doc_id: String,
    pub outlet: Option<String>,
    pub content_hash: String,
    pub pub_date: Option<NaiveDate>,
    pub lo: Option<i64>,
    pub hi: Option<i64>,
}

/// Primary key of a report.
pub(crate) type ReportKey = (String, String);

impl Report {
    pub fn key(&self) -> ReportKey {
        (self.event.event_id.clone(), self.doc_id.clone())
    }

    /// The outlet, normalized; `None` when unknown.
    fn outlet_key(&self) -> Option<String> {
        match self.outlet.as_deref().map(str::trim) {
            Some(o) if !o.is_empty() => Some(o.to_lowercase()),
            _ => None,
        }
    }

    fn admin1(&self) -> Option<&str> {
        self.event
            .location
            .as_ref()
            .and_then(|l| l.admin1_pcode.as_deref())
    }
}

/// Day number of an ISO date.
pub(crate) fn day_number(iso: &str) -> Option<i64> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .ok()
        .map(|d| i64::from(d.num_days_from_ce()))
}

/// `(lo, hi)` day numbers of an event's window; a single known end stands for both.
pub(crate) fn window(event: &Event) -> (Option<i64>, Option<i64>) {
    let s = event.date.start.as_deref().and_then(day_number);
    let e = event.date.end.as_deref().and_then(day_number);
    match (s, e) {
        (Some(s), Some(e)) => (Some(s.min(e)), Some(s.max(e))),
        (Some(d), None) | (None, Some(d)) => (Some(d), Some(d)),
        (None, None) => (None, None),
    }
}

/// Parent links of canonical actors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hierarchy {
    parent: HashMap<String, String>,
}

impl Hierarchy {
    pub fn new(parent: HashMap<String, String>) -> Self {
        Hierarchy { parent }
    }

    /// Ancestors of `id`, nearest first (cycle-safe).
    pub fn ancestors<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(p) = self.parent.get(cur) {
            if p == id || out.contains(&p.as_str()) || out.len() > 64 {
                break;
            }
            out.push(p.as_str());
            cur = p;
        }
        out
    }

    fn depth(&self, id: &str) -> usize {
        self.ancestors(id).len()
    }

    fn related(&self, a: &str, b: &str) -> bool {
        a == b || self.ancestors(a).contains(&b) || self.ancestors(b).contains(&a)
    }

    /// True when `id` is `root` or lies below it.
    pub fn within(&self, id: &str, root: &str) -> bool {
        id == root || self.ancestors(id).contains(&root)
    }
}

fn slot_ok(a: Option<&ActorRef>, b: Option<&ActorRef>, h: &Hierarchy) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => h.related(&a.id, &b.id),
        _ => true,
    }
}

fn symmetric(e: &Event) -> bool {
    matches!(
        e.plover.event_type.as_str(),
        "CONSULT" | "AGREE" | "COOPERATE"
    ) || e.acled.sub_event_type == "Armed clash"
}

fn straight(a: &Event, b: &Event, h: &Hierarchy) -> bool {
    slot_ok(a.actor1.as_ref(), b.actor1.as_ref(), h)
        && slot_ok(a.actor2.as_ref(), b.actor2.as_ref(), h)
}

fn swapped(a: &Event, b: &Event, h: &Hierarchy) -> bool {
    symmetric(a)
        && symmetric(b)
        && slot_ok(a.actor1.as_ref(), b.actor2.as_ref(), h)
        && slot_ok(a.actor2.as_ref(), b.actor1.as_ref(), h)
}

fn places_ok(a: Option<&Location>, b: Option<&Location>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            if a.country != b.country || a.admin1_pcode != b.admin1_pcode {
                return false;
            }
            if let (Some(x), Some(y)) = (&a.admin2_pcode, &b.admin2_pcode) {
                if x != y {
                    return false;
                }
            }
            a.admin1_pcode.is_some() || a.name.eq_ignore_ascii_case(&b.name)
        }
        _ => false,
    }
}

/// The link test of the module docs (symmetric).
pub(crate) fn linked(a: &Report, b: &Report, h: &Hierarchy) -> bool {
    if a.doc_id == b.doc_id || a.event.plover.event_type != b.event.plover.event_type {
        return false;
    }
    let (Some(alo), Some(ahi), Some(blo), Some(bhi)) = (a.lo, a.hi, b.lo, b.hi) else {
        return false;
    };
    if ahi - alo > MAX_WINDOW_DAYS || bhi - blo > MAX_WINDOW_DAYS {
        return false;
    }
    if alo > bhi + DATE_SLACK_DAYS || blo > ahi + DATE_SLACK_DAYS {
        return false;
    }
    let placeless = a.event.location.is_none() && b.event.location.is_none();
    let both_sides = |e: &Event| e.actor1.is_some() && e.actor2.is_some();
    places_ok(a.event.location.as_ref(), b.event.location.as_ref())
        && (!placeless || both_sides(&a.event) && both_sides(&b.event))
        && (straight(&a.event, &b.event, h) || swapped(&a.event, &b.event, h))
}

/// Splits reports (in any order) into events: indices into `reports`, each event's
/// members and the events themselves in canonical order.
pub(crate) fn partition(reports: &[Report], h: &Hierarchy) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| reports[i].key());
    // Linking needs the same type and governorate, so buckets never interact.
    let mut buckets: BTreeMap<(&str, Option<&str>), Vec<usize>> = BTreeMap::new();
    for i in order {
        let r = &reports[i];
        buckets
            .entry((r.event.plover.event_type.as_str(), r.admin1()))
            .or_default()
            .push(i);
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for (_, members) in buckets {
        let mut local: Vec<Vec<usize>> = Vec::new();
        for i in members {
            let slot = local
                .iter_mut()
                .find(|c| c.iter().all(|&j| linked(&reports[i], &reports[j], h)));
            match slot {
                Some(c) => c.push(i),
                None => local.push(vec![i]),
            }
        }
        clusters.extend(local);
    }
    clusters.sort_by_key(|c| reports[c[0]].key());
    clusters
}

/// A report's actor1, actor2, assoc_actor1 and assoc_actor2, oriented like the
/// representative.
type Oriented<'a> = (
    Option<&'a ActorRef>,
    Option<&'a ActorRef>,
    &'a [ActorRef],
    &'a [ActorRef],
);

/// One merged event, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    pub event: Event,
    /// Members as `(event_id, doc_id)`, sorted.
    pub members: Vec<ReportKey>,
    pub corroboration: u32,
    pub timestamp: i64,
}

fn precision_rank(r: &Report) -> (u8, u8, rasd_model::Precision) {
    let (has_place, geo) = match &r.event.location {
        Some(l) => (0, l.geo_precision),
        None => (1, u8::MAX),
    };
    (has_place, geo, r.event.date.precision)
}

fn min_count(values: impl Iterator<Item = Option<u32>>) -> Option<u32> {
    values.flatten().min()
}

/// Number of independent sources: distinct outlets. A document without an outlet
/// takes the outlet of another member with the same text, else counts on its own (keyed
/// by its content hash), so the same text never counts twice.
fn distinct_sources(members: &[&Report]) -> usize {
    let mut outlet_of_text: BTreeMap<&str, String> = BTreeMap::new();
    for r in members {
        if let Some(o) = r.outlet_key() {
            let e = outlet_of_text
                .entry(r.content_hash.as_str())
                .or_insert(o.clone());
            if o < *e {
                *e = o;
            }
        }
    }
    members
        .iter()
        .map(|r| {
            r.outlet_key()
                .or_else(|| outlet_of_text.get(r.content_hash.as_str()).cloned())
                .map(|o| format!("outlet:{o}"))
                .unwrap_or_else(|| format!("text:{}", r.content_hash))
        })
        .collect::<BTreeSet<String>>()
        .len()
}

/// The deepest actor in the hierarchy (ties: smallest id); candidates are in rank order.
fn most_specific(candidates: &[&ActorRef], h: &Hierarchy) -> Option<ActorRef> {
    candidates
        .iter()
        .copied()
        .fold(None::<&ActorRef>, |best, a| match best {
            None => Some(a),
            Some(b) => {
                let (da, db) = (h.depth(&a.id), h.depth(&b.id));
                if da > db || (da == db && a.id < b.id) {
                    Some(a)
                } else {
                    Some(b)
                }
            }
        })
        .cloned()
}

/// Associated actors of all reports, by id, leaving out the main actors.
fn union<'a>(all: impl Iterator<Item = &'a ActorRef>, main: &BTreeSet<&str>) -> Vec<ActorRef> {
    let mut by_id: BTreeMap<&str, &ActorRef> = BTreeMap::new();
    for a in all {
        if !main.contains(a.id.as_str()) {
            by_id.entry(a.id.as_str()).or_insert(a);
        }
    }
    by_id.into_values().cloned().collect()
}

/// Unix time of midnight UTC of a day number.
fn unix_of_day(day: i64) -> i64 {
    // 719_163 is the day number (from CE) of 1970-01-01.
    (day - 719_163) * 86_400
}

/// Merges the reports of one event (see the module docs).
pub(crate) fn merge(members: &[&Report], h: &Hierarchy) -> Merged {
    let mut ranked: Vec<&Report> = members.to_vec();
    ranked.sort_by(|a, b| {
        precision_rank(a)
            .cmp(&precision_rank(b))
            .then(b.event.confidence.total_cmp(&a.event.confidence))
            .then_with(|| a.key().cmp(&b.key()))
    });
    let rep = ranked[0];
    let mut event = rep.event.clone();

    let mut keys: Vec<ReportKey> = members.iter().map(|r| r.key()).collect();
    keys.sort();
    event.event_id = keys[0].0.clone();

    if event.plover.mode.is_none() {
        event.plover.mode = ranked.iter().find_map(|r| r.event.plover.mode.clone());
    }

    // Actors, each member oriented like the representative.
    let oriented: Vec<Oriented<'_>> = ranked
        .iter()
        .map(|r| {
            let e = &r.event;
            if !straight(&rep.event, e, h) && swapped(&rep.event, e, h) {
                (
                    e.actor2.as_ref(),
                    e.actor1.as_ref(),
                    &e.assoc_actor2[..],
                    &e.assoc_actor1[..],
                )
            } else {
                (
                    e.actor1.as_ref(),
                    e.actor2.as_ref(),
                    &e.assoc_actor1[..],
                    &e.assoc_actor2[..],
                )
            }
        })
        .collect();
    let a1: Vec<&ActorRef> = oriented.iter().filter_map(|o| o.0).collect();
    let a2: Vec<&ActorRef> = oriented.iter().filter_map(|o| o.1).collect();
    event.actor1 = most_specific(&a1, h);
    event.actor2 = most_specific(&a2, h);
    let main: BTreeSet<&str> = [event.actor1.as_ref(), event.actor2.as_ref()]
        .into_iter()
        .flatten()
        .map(|a| a.id.as_str())
        .collect();
    event.assoc_actor1 = union(oriented.iter().flat_map(|o| o.2.iter()), &main);
    event.assoc_actor2 = union(oriented.iter().flat_map(|o| o.3.iter()), &main);

    let mut persons: BTreeMap<(String, Option<String>), Person> = BTreeMap::new();
    for r in &ranked {
        for p in &r.event.persons {
            persons
                .entry((p.name_ar.clone(), p.role_ar.clone()))
                .or_insert_with(|| p.clone());
        }
    }
    event.persons = persons.into_values().collect();

    // Narrowest window; ties go to the better-ranked report.
    if let Some(best) = ranked.iter().filter(|r| r.lo.is_some()).min_by_key(|r| {
        (
            r.hi.unwrap_or(0) - r.lo.unwrap_or(0),
            r.event.date.precision,
        )
    }) {
        event.date = best.event.date.clone();
    }

    // Most precise place: geo precision, then a district, then p-codes and name.
    event.location = ranked
        .iter()
        .filter_map(|r| r.event.location.as_ref())
        .min_by(|a, b| {
            a.geo_precision
                .cmp(&b.geo_precision)
                .then(a.admin2_pcode.is_none().cmp(&b.admin2_pcode.is_none()))
                .then(a.admin2_pcode.cmp(&b.admin2_pcode))
                .then(a.admin1_pcode.cmp(&b.admin1_pcode))
                .then(a.name.cmp(&b.name))
        })
        .cloned();

    event.fatalities = min_count(members.iter().map(|r| r.event.fatalities));
    event.injured = min_count(members.iter().map(|r| r.event.injured));
    event.detained = min_count(members.iter().map(|r| r.event.detained));
    event.released = min_count(members.iter().map(|r| r.event.released));
    event.hedged = members.iter().all(|r| r.event.hedged);
    event.claimed = members.iter().any(|r| r.event.claimed);
    if event.attribution.is_none() {
        event.attribution = ranked.iter().find_map(|r| r.event.attribution.clone());
    }
    event.confidence = members
        .iter()
        .map(|r| r.event.confidence)
        .fold(f64::NEG_INFINITY, f64::max);

    let outlets = distinct_sources(members);
    let timestamp = members
        .iter()
        .filter_map(|r| r.pub_date)
        .max()
        .map(|d| unix_of_day(i64::from(d.num_days_from_ce())))
        .or_else(|| members.iter().filter_map(|r| r.hi).max().map(unix_of_day))
        .unwrap_or(0);

    Merged {
        event,
        members: keys,
        corroboration: outlets as u32,
        timestamp,
    }
}

/// Stable id of a place: district and governorate p-codes and the English name.
pub(crate) fn place_id(l: &Location) -> String {
    format!(
        "{}|{}|{}",
        l.admin2_pcode.as_deref().unwrap_or("-"),
        l.admin1_pcode.as_deref().unwrap_or("-"),
        l.name
    )
}

/// The `attempt`-th candidate ACLED-style number of an event id: nine digits derived
/// from a hash of the id, so it does not depend on ingest order.
pub(crate) fn cnty_candidate(id: &str, attempt: u32) -> i64 {
    let attempt = attempt.to_string();
    let hex = rasd_model::stable_hash_hex(&["cnty", id, &attempt], 8);
    let n = u64::from_str_radix(&hex, 16).expect("stable_hash_hex gives hex digits");
    (n % 900_000_000 + 100_000_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_relates_ancestors_only() {
        let h = Hierarchy::new(HashMap::from([
            ("houthi-security".to_string(), "houthis".to_string()),
            ("houthis-sanaa".to_string(), "houthis".to_string()),
        ]));
        assert!(h.related("houthi-security", "houthis"));
        assert!(h.related("houthis", "houthi-security"));
        assert!(!h.related("houthi-security", "houthis-sanaa"));
        assert!(h.within("houthi-security", "houthis"));
        assert_eq!(h.depth("houthi-security"), 1);
    }

    #[test]
    fn unix_days() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 7).unwrap();
        assert_eq!(unix_of_day(i64::from(d.num_days_from_ce())), 1_699_315_200);
    }

    #[test]
    fn cnty_numbers_have_nine_digits() {
        let n = cnty_candidate("ev-00000001", 0);
        assert!((100_000_000..1_000_000_000).contains(&n));
        assert_eq!(n, cnty_candidate("ev-00000001", 0));
        assert_ne!(n, cnty_candidate("ev-00000001", 1));
    }
}
