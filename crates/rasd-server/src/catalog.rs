//! An immutable in-memory view of the stored events that every read route
//! filters, counts and pages. It is rebuilt from the store after each ingest and
//! swapped in behind an `Arc`, so readers never wait for SQLite or for each other.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use rasd_model::Event;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::filter::{fold, is_cooperation, Filter, Page, Sort};

/// One document's report of a (merged) event, with its own figures.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The document.
    pub doc_id: String,
    /// The per-document event id.
    pub event_id: String,
    /// Title of the document.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub pub_date: Option<String>,
    /// Address of the article, if known.
    pub url: Option<String>,
    /// Outlet, if known.
    pub source: Option<String>,
    /// The evidence spans in that document.
    pub evidence: Vec<rasd_model::Evidence>,
    /// The figures that document gives.
    pub figures: Figures,
}

/// Casualty and detention figures of one report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub detained: Option<u32>,
    pub released: Option<u32>,
}

/// An actor of the actor table.
#[derive(Debug, Clone, Serialize)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    /// Number of events in which the actor (or one of its children) takes part.
    pub events: usize,
}

/// A stored, deduplicated event as the catalog is built from.
pub(crate) struct Loaded {
    pub stored: rasd_store::StoredEvent,
    pub sources: Vec<Source>,
}

/// One stored event with what the routes need precomputed.
pub(crate) struct Entry {
    pub event: Event,
    /// The record as the store gave it, for the exports.
    pub stored: rasd_store::StoredEvent,
    pub event_id_cnty: String,
    pub corroboration: u32,
    /// The event serialized once, so list pages are cheap to write.
    pub json: Box<RawValue>,
    pub sources: Vec<Source>,
    /// Folded evidence, actor and place words for `q`.
    search: String,
    /// Ids of every actor of the event and of their ancestors.
    actor_ids: Vec<String>,
    /// The event date used by filters and the timeline: the window's start,
    /// else its end (as the store and the exports use it).
    date: Option<NaiveDate>,
}

/// The snapshot.
#[derive(Default)]
pub(crate) struct Catalog {
    pub entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Per-document report ids to their merged event.
    by_report: HashMap<String, usize>,
    pub actors: Vec<ActorInfo>,
    /// The actor table as stored, for the exports.
    pub actor_rows: Vec<rasd_store::ActorRow>,
    pub actor_index: HashMap<String, usize>,
    pub documents: usize,
}

fn parse_date(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// Every actor id of the event: actor1, actor2 and the associated actors.
pub(crate) fn event_actor_ids(ev: &Event) -> Vec<&str> {
    let mut ids: Vec<&str> = ev
        .actor1
        .iter()
        .chain(ev.actor2.iter())
        .chain(ev.assoc_actor1.iter())
        .chain(ev.assoc_actor2.iter())
        .map(|a| a.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

impl Catalog {
    /// Builds the snapshot. `parents` maps an actor id to its parent id.
    pub fn build(
        events: Vec<Loaded>,
        actor_rows: Vec<rasd_store::ActorRow>,
        documents: usize,
    ) -> Catalog {
        let mut actors: Vec<ActorInfo> = actor_rows
            .iter()
            .map(|a| ActorInfo {
                id: a.id.clone(),
                name: a.name.clone(),
                parent: a.parent.clone(),
                events: 0,
            })
            .collect();
        let parents: HashMap<String, String> = actors
            .iter()
            .filter_map(|a| a.parent.clone().map(|p| (a.id.clone(), p)))
            .collect();
        let mut entries = Vec::with_capacity(events.len());
        for Loaded { stored, sources } in events {
            let event = stored.event.clone();
            let mut actor_ids = Vec::new();
            for id in event_actor_ids(&event) {
                let mut cur = Some(id.to_owned());
                let mut depth = 0;
                while let Some(a) = cur {
                    if depth > 16 || actor_ids.contains(&a) {
                        break;
                    }
                    cur = parents.get(&a).cloned();
                    actor_ids.push(a);
                    depth += 1;
                }
            }
            let mut search = String::new();
            for e in &event.evidence {
                search.push_str(&e.text);
                search.push(' ');
            }
            for a in [&event.actor1, &event.actor2].into_iter().flatten() {
                search.push_str(&a.name);
                search.push(' ');
                if let Some(t) = &a.text {
                    search.push_str(t);
                    search.push(' ');
                }
            }
            if let Some(l) = &event.location {
                for s in [
                    Some(&l.name),
                    Some(&l.name_ar),
                    l.admin1.as_ref(),
                    l.admin2.as_ref(),
                ]
                .into_iter()
                .flatten()
                {
                    search.push_str(s);
                    search.push(' ');
                }
            }
            search.push_str(&event.plover.event_type);
            let json = serde_json::value::to_raw_value(&event).expect("events serialize");
            entries.push(Entry {
                date: parse_date(&event.date.start).or(parse_date(&event.date.end)),
                event_id_cnty: stored.event_id_cnty.clone(),
                corroboration: stored.corroboration,
                stored,
                search: fold(&search),
                actor_ids,
                json,
                sources,
                event,
            });
        }
        // A stable base order: date, then id.
        entries.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.event.event_id.cmp(&b.event.event_id))
        });
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.event.event_id.clone(), i))
            .collect();
        let by_report = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.sources.iter().map(move |s| (s.event_id.clone(), i)))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in &entries {
            for a in &e.actor_ids {
                *counts.entry(a.as_str()).or_default() += 1;
            }
        }
        // Actors that events name but the table lacks still get a row.
        let known: std::collections::HashSet<String> =
            actors.iter().map(|a| a.id.clone()).collect();
        let mut extra: BTreeMap<String, String> = BTreeMap::new();
        for e in &entries {
            for a in [&e.event.actor1, &e.event.actor2]
                .into_iter()
                .flatten()
                .chain(e.event.assoc_actor1.iter())
                .chain(e.event.assoc_actor2.iter())
            {
                if !known.contains(&a.id) {
                    extra.entry(a.id.clone()).or_insert_with(|| a.name.clone());
                }
            }
        }
        actors.extend(extra.into_iter().map(|(id, name)| ActorInfo {
            id,
            name,
            parent: None,
            events: 0,
        }));
        for a in &mut actors {
            a.events = counts.get(a.id.as_str()).copied().unwrap_or(0);
        }
        actors.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
        let actor_index = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Catalog {
            entries,
            by_id,
            by_report,
            actors,
            actor_rows,
            actor_index,
            documents,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The merged event a per-document report belongs to.
    pub fn get_by_report(&self, report_id: &str) -> Option<&Entry> {
        self.by_report.get(report_id).map(|&i| &self.entries[i])
    }

    /// The entries that pass `f`, in base order.
    pub fn filter<'a>(&'a self, f: &Filter) -> Vec<&'a Entry> {
        self.entries.iter().filter(|e| e.matches(f)).collect()
    }

    /// One page of the entries that pass `f`, and their total.
    pub fn page<'a>(&'a self, f: &Filter, p: &Page) -> (usize, Vec<&'a Entry>) {
        let mut hits = self.filter(f);
        match p.sort {
            Sort::DateAsc => {}
            Sort::DateDesc => hits.reverse(),
            Sort::FatalitiesDesc => hits.sort_by(|a, b| {
                b.event
                    .fatalities
                    .unwrap_or(0)
                    .cmp(&a.event.fatalities.unwrap_or(0))
                    .then_with(|| b.date.cmp(&a.date))
            }),
            Sort::ConfidenceDesc => hits.sort_by(|a, b| {
                b.event
                    .confidence
                    .total_cmp(&a.event.confidence)
                    .then_with(|| b.date.cmp(&a.date))
            }),
        }
        let total = hits.len();
        let page = hits.into_iter().skip(p.offset).take(p.limit).collect();
        (total, page)
    }
}

impl Entry {
    fn matches(&self, f: &Filter) -> bool {
        let ev = &self.event;
        if f.from.is_some() || f.to.is_some() {
            let Some(d) = self.date else { return false };
            if f.from.is_some_and(|from| d < from) || f.to.is_some_and(|to| d > to) {
                return false;
            }
        }
        if !f.types.is_empty() && !f.types.contains(&ev.plover.event_type) {
            return false;
        }
        if !f.actors.is_empty() && !f.actors.iter().any(|a| self.actor_ids.contains(a)) {
            return false;
        }
        if !f.admin1.is_empty() {
            let Some(loc) = &ev.location else {
                return false;
            };
            let hit = f.admin1.iter().any(|want| {
                loc.admin1_pcode
                    .as_deref()
                    .is_some_and(|p| p.eq_ignore_ascii_case(want))
                    || loc
                        .admin1
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase() == *want)
            });
            if !hit {
                return false;
            }
        }
        if !f.admin2.is_empty() {
            let Some(loc) = &ev.location else {
                return false;
            };
            let hit = f.admin2.iter().any(|want| {
                loc.admin2_pcode
                    .as_deref()
                    .is_some_and(|p| p.eq_ignore_ascii_case(want))
                    || loc
                        .admin2
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase() == *want)
            });
            if !hit {
                return false;
            }
        }
        if let Some(doc) = &f.doc {
            if ev.doc_id != *doc && !self.sources.iter().any(|s| s.doc_id == *doc) {
                return false;
            }
        }
        f.words.iter().all(|w| self.search.contains(w.as_str()))
    }
}

/// Monday of the ISO week of `d`.
pub(crate) fn week_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Counts by type and by week, for the stats route and the timeline.
#[derive(Serialize)]
pub(crate) struct Stats {
    pub events: usize,
    pub documents: usize,
    pub fatalities: u64,
    pub injured: u64,
    pub undated: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_type: Vec<TypeCount>,
    pub by_week: Vec<WeekCount>,
    pub by_admin1: Vec<PlaceCount>,
}

#[derive(Serialize)]
pub(crate) struct TypeCount {
    #[serde(rename = "type")]
    pub event_type: String,
    pub events: usize,
    pub fatalities: u64,
}

#[derive(Serialize)]
pub(crate) struct WeekCount {
    /// Monday of the week, `YYYY-MM-DD`.
    pub week: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub events: usize,
}

#[derive(Serialize)]
pub(crate) struct PlaceCount {
    pub pcode: String,
    pub name: String,
    pub events: usize,
    pub fatalities: u64,
}

pub(crate) fn stats(hits: &[&Entry]) -> Stats {
    let mut by_type: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    let mut by_week: BTreeMap<(NaiveDate, &str), usize> = BTreeMap::new();
    let mut docs = std::collections::HashSet::new();
    let (mut fatalities, mut injured, mut undated) = (0u64, 0u64, 0usize);
    let (mut first, mut last): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for e in hits {
        let ev = &e.event;
        let t = by_type.entry(ev.plover.event_type.as_str()).or_default();
        t.0 += 1;
        t.1 += u64::from(ev.fatalities.unwrap_or(0));
        fatalities += u64::from(ev.fatalities.unwrap_or(0));
        injured += u64::from(ev.injured.unwrap_or(0));
        docs.insert(ev.doc_id.as_str());
        for s in &e.sources {
            docs.insert(s.doc_id.as_str());
        }
        match e.date {
            Some(d) => {
                *by_week
                    .entry((week_of(d), ev.plover.event_type.as_str()))
                    .or_default() += 1;
                first = Some(first.map_or(d, |f| f.min(d)));
                last = Some(last.map_or(d, |l| l.max(d)));
            }
            None => undated += 1,
        }
    }
    Stats {
        events: hits.len(),
        documents: docs.len(),
        fatalities,
        injured,
        undated,
        first_date: first.map(|d| d.to_string()),
        last_date: last.map(|d| d.to_string()),
        by_type: by_type
            .into_iter()
            .map(|(t, (n, f))| TypeCount {
                event_type: t.to_owned(),
                events: n,
                fatalities: f,
            })
            .collect(),
        by_week: by_week
            .into_iter()
            .map(|((w, t), n)| WeekCount {
                week: w.to_string(),
                event_type: t.to_owned(),
                events: n,
            })
            .collect(),
        by_admin1: places(hits).admin1,
    }
}

/// Event counts per governorate and district.
#[derive(Serialize)]
pub(crate) struct Places {
    pub admin1: Vec<PlaceCount>,
    pub admin2: Vec<PlaceCount>,
    /// Events with no location.
    pub unlocated: usize,
}

pub(crate) fn places(hits: &[&Entry]) -> Places {
    let mut a1: BTreeMap<String, PlaceCount> = BTreeMap::new();
    let mut a2: BTreeMap<String, PlaceCount> = BTreeMap::new();
    let mut unlocated = 0;
    for e in hits {
        let ev = &e.event;
        let Some(loc) = &ev.location else {
            unlocated += 1;
            continue;
        };
        let f = u64::from(ev.fatalities.unwrap_or(0));
        for (map, pcode, name) in [
            (&mut a1, &loc.admin1_pcode, &loc.admin1),
            (&mut a2, &loc.admin2_pcode, &loc.admin2),
        ] {
            if let Some(p) = pcode {
                let c = map.entry(p.clone()).or_insert_with(|| PlaceCount {
                    pcode: p.clone(),
                    name: name.clone().unwrap_or_default(),
                    events: 0,
                    fatalities: 0,
                });
                c.events += 1;
                c.fatalities += f;
            }
        }
    }
    Places {
        admin1: a1.into_values().collect(),
        admin2: a2.into_values().collect(),
        unlocated,
    }
}

/// The actor graph of the filtered events.
#[derive(Serialize)]
pub(crate) struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Serialize)]
pub(crate) struct GraphNode {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub events: usize,
}

#[derive(Serialize, Default)]
pub(crate) struct GraphEdge {
    pub source: String,
    pub target: String,
    pub events: usize,
    pub cooperation: usize,
    pub conflict: usize,
    /// `cooperation` or `conflict`, whichever has more events (ties: cooperation).
    pub kind: &'static str,
    /// Ids of the events behind the edge (at most 50).
    pub event_ids: Vec<String>,
}

/// Edges join actor1 and actor2 of each event (cooperation or conflict after the
/// event's PLOVER type) and each actor with its associated actors (cooperation).
pub(crate) fn graph(cat: &Catalog, hits: &[&Entry]) -> Graph {
    let mut nodes: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String), GraphEdge> = BTreeMap::new();
    let mut add_edge = |a: &str, b: &str, coop: bool, id: &str| {
        if a == b {
            return;
        }
        let key = if a < b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        };
        let e = edges.entry(key.clone()).or_insert_with(|| GraphEdge {
            source: key.0,
            target: key.1,
            ..Default::default()
        });
        e.events += 1;
        if coop {
            e.cooperation += 1;
        } else {
            e.conflict += 1;
        }
        if e.event_ids.len() < 50 && !e.event_ids.iter().any(|x| x == id) {
            e.event_ids.push(id.to_owned());
        }
    };
    for e in hits {
        let ev = &e.event;
        for a in [&ev.actor1, &ev.actor2]
            .into_iter()
            .flatten()
            .chain(ev.assoc_actor1.iter())
            .chain(ev.assoc_actor2.iter())
        {
            nodes.entry(a.id.as_str()).or_insert((a.name.as_str(), 0)).1 += 1;
        }
        let coop = is_cooperation(&ev.plover.event_type);
        let id = ev.event_id.as_str();
        if let (Some(a), Some(b)) = (&ev.actor1, &ev.actor2) {
            add_edge(&a.id, &b.id, coop, id);
        }
        if let Some(a) = &ev.actor1 {
            for x in &ev.assoc_actor1 {
                add_edge(&a.id, &x.id, true, id);
            }
        }
        if let Some(b) = &ev.actor2 {
            for x in &ev.assoc_actor2 {
                add_edge(&b.id, &x.id, true, id);
            }
        }
    }
    let nodes = nodes
        .into_iter()
        .map(|(id, (name, events))| {
            let info = cat.actor_index.get(id).map(|&i| &cat.actors[i]);
            GraphNode {
                id: id.to_owned(),
                name: info.map_or(name, |a| a.name.as_str()).to_owned(),
                parent: info.and_then(|a| a.parent.clone()),
                events,
            }
        })
        .collect();
    let edges = edges
        .into_values()
        .map(|mut e| {
            e.kind = if e.conflict > e.cooperation {
                "conflict"
            } else {
                "cooperation"
            };
            e
        })
        .collect();
    Graph { nodes, edges }
}
