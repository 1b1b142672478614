use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::types::StoredEvent;

/// How many pairs [`Stats::top_pairs`] keeps.
pub const TOP_PAIRS: usize = 10;

/// Counts over a selection of events. Every list is sorted by count (descending), then
/// key, except `by_month`, which is chronological.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Selected events.
    pub events: u64,
    /// Reports of the selected events (one per document that reported one).
    pub reports: u64,
    /// Distinct documents among those reports.
    pub documents: u64,
    /// Events built from more than one report.
    pub merged_events: u64,
    /// Reports folded into another report's event (`reports - events`).
    pub merged_reports: u64,
    /// Events reported by at least two distinct outlets.
    pub corroborated_events: u64,
    /// Events per PLOVER type.
    pub by_event_type: Vec<(String, u64)>,
    /// Events per ACLED sub-event type.
    pub by_sub_event_type: Vec<(String, u64)>,
    /// Events per actor id (any role).
    pub by_actor: Vec<(String, u64)>,
    /// Events per governorate (`unknown` when none).
    pub by_admin1: Vec<(String, u64)>,
    /// Events per month, `YYYY-MM` (`unknown` last).
    pub by_month: Vec<(String, u64)>,
    /// Most frequent (actor1, actor2) pairs.
    pub top_pairs: Vec<(String, String, u64)>,
}

fn ranked(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

impl Stats {
    /// Computes the counts of `events`.
    pub fn of(events: &[StoredEvent]) -> Stats {
        let mut s = Stats::default();
        let mut docs = BTreeSet::new();
        let mut types = BTreeMap::new();
        let mut subs = BTreeMap::new();
        let mut actors = BTreeMap::new();
        let mut admin1 = BTreeMap::new();
        let mut months = BTreeMap::new();
        let mut pairs: BTreeMap<(String, String), u64> = BTreeMap::new();
        for se in events {
            let e = &se.event;
            s.events += 1;
            s.reports += se.sources.len() as u64;
            docs.extend(se.sources.iter().map(|x| x.doc_id.clone()));
            if se.sources.len() > 1 {
                s.merged_events += 1;
            }
            if se.corroboration > 1 {
                s.corroborated_events += 1;
            }
            *types.entry(e.plover.event_type.clone()).or_default() += 1;
            *subs.entry(e.acled.sub_event_type.clone()).or_default() += 1;
            let ids: BTreeSet<&str> = [&e.actor1, &e.actor2]
                .into_iter()
                .flatten()
                .chain(e.assoc_actor1.iter())
                .chain(e.assoc_actor2.iter())
                .map(|a| a.id.as_str())
                .collect();
            for id in ids {
                *actors.entry(id.to_string()).or_default() += 1;
            }
            let gov = e
                .location
                .as_ref()
                .and_then(|l| l.admin1.clone())
                .unwrap_or_else(|| "unknown".to_string());
            *admin1.entry(gov).or_default() += 1;
            let month = se
                .date()
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_else(|| "unknown".to_string());
            *months.entry(month).or_default() += 1;
            if let (Some(a), Some(b)) = (&e.actor1, &e.actor2) {
                *pairs.entry((a.id.clone(), b.id.clone())).or_default() += 1;
            }
        }
        s.documents = docs.len() as u64;
        s.merged_reports = s.reports - s.events;
        s.by_event_type = ranked(types);
        s.by_sub_event_type = ranked(subs);
        s.by_actor = ranked(actors);
        s.by_admin1 = ranked(admin1);
        // "unknown" sorts after every "YYYY-MM".
        s.by_month = months.into_iter().collect();
        let mut p: Vec<(String, String, u64)> =
            pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        p.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
        p.truncate(TOP_PAIRS);
        s.top_pairs = p;
        s
    }

    /// The counts as a JSON object (lists become arrays of `{key, count}`).
    pub fn to_json(&self) -> Value {
        let list = |v: &[(String, u64)], key: &str| -> Value {
            v.iter()
                .map(|(k, n)| json!({ key: k, "count": n }))
                .collect()
        };
        json!({
            "events": self.events,
            "reports": self.reports,
            "documents": self.documents,
            "merged_events": self.merged_events,
            "merged_reports": self.merged_reports,
            "corroborated_events": self.corroborated_events,
            "by_event_type": list(&self.by_event_type, "event_type"),
            "by_sub_event_type": list(&self.by_sub_event_type, "sub_event_type"),
            "by_actor": list(&self.by_actor, "actor"),
            "by_admin1": list(&self.by_admin1, "admin1"),
            "by_month": list(&self.by_month, "month"),
            "top_pairs": self.top_pairs.iter()
                .map(|(a, b, n)| json!({"actor1": a, "actor2": b, "count": n}))
                .collect::<Value>(),
        })
    }

    /// The counts as aligned plain-text tables.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "events {}  reports {}  documents {}  merged events {}  merged reports {}  corroborated {}",
            self.events,
            self.reports,
            self.documents,
            self.merged_events,
            self.merged_reports,
            self.corroborated_events
        );
        let mut section = |title: &str, rows: Vec<(String, u64)>| {
            let width = rows
                .iter()
                .map(|r| r.0.chars().count())
                .max()
                .unwrap_or(0)
                .max(title.len());
            let _ = writeln!(out, "\n{title:<width$}  count");
            for (k, n) in rows {
                let pad = width - k.chars().count();
                let _ = writeln!(out, "{k}{}  {n:>5}", " ".repeat(pad));
            }
        };
        section("event type", self.by_event_type.clone());
        section("sub-event type", self.by_sub_event_type.clone());
        section("actor", self.by_actor.clone());
        section("governorate", self.by_admin1.clone());
        section("month", self.by_month.clone());
        section(
            "actor pair",
            self.top_pairs
                .iter()
                .map(|(a, b, n)| (format!("{a} -> {b}"), *n))
                .collect(),
        );
        out
    }
}
