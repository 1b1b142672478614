//! The dossier of two actors: every event between them (both directions, and events
//! where they stand on the same side), cooperation against conflict by month, first and
//! last contact, the strongest evidence and the persons who link them.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::store::Store;
use crate::types::{Filter, StoredEvent};
use crate::StoreError;

/// How the two actors stand in one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The first actor acts on the second.
    AToB,
    /// The second actor acts on the first.
    BToA,
    /// Both on the same side (joint actors, e.g. a meeting they held together).
    SameSide,
}

impl Stance {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Stance::AToB => "a→b",
            Stance::BToA => "b→a",
            Stance::SameSide => "together",
        }
    }
}

/// Whether an event is cooperation or conflict, from its Goldstein score (the
/// PLOVER/CAMEO coding's own measure: positive is cooperative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Goldstein > 0.
    Cooperation,
    /// Goldstein < 0.
    Conflict,
    /// Goldstein = 0.
    Neutral,
}

impl Tone {
    fn of(goldstein: f64) -> Tone {
        if goldstein > 0.0 {
            Tone::Cooperation
        } else if goldstein < 0.0 {
            Tone::Conflict
        } else {
            Tone::Neutral
        }
    }
}

/// One evidence span with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationEvidence {
    /// The verbatim span.
    pub text: String,
    /// The document it is in.
    pub doc_id: String,
    /// The document's title.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub pub_date: Option<NaiveDate>,
    /// The event it supports.
    pub event_id: String,
    /// Whether the event is reported as hedged (alleged, unconfirmed).
    pub hedged: bool,
}

/// One event of the pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationEvent {
    /// Canonical event id.
    pub id: String,
    /// Event date (window start, else end).
    pub date: Option<NaiveDate>,
    /// PLOVER type.
    pub plover_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Goldstein score.
    pub goldstein: f64,
    /// Cooperation or conflict.
    pub tone: Tone,
    /// How the two actors stand.
    pub stance: Stance,
    /// Place name, if any.
    pub location: Option<String>,
    /// Deaths.
    pub fatalities: Option<u32>,
    /// People released.
    pub released: Option<u32>,
    /// Hedged report.
    pub hedged: bool,
    /// Distinct outlets.
    pub corroboration: u32,
    /// Evidence spans of every source, with the source.
    pub evidence: Vec<RelationEvidence>,
}

/// Events of one month.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RelationMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Cooperative events.
    pub cooperation: u32,
    /// Conflictual events.
    pub conflict: u32,
    /// Neutral events.
    pub neutral: u32,
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Deaths in the pair's events.
    pub fatalities: u32,
}

/// A person named in the pair's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkingPerson {
    /// Arabic name.
    pub name_ar: String,
    /// Role, if given.
    pub role_ar: Option<String>,
    /// Actor id of their affiliation, if known.
    pub affiliation: Option<String>,
    /// Events naming them.
    pub events: u32,
}

/// The dossier of actors `a` and `b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// First actor (as asked).
    pub a: String,
    /// Second actor (as asked).
    pub b: String,
    /// Events, by date (undated last) then id.
    pub events: Vec<RelationEvent>,
    /// Cooperation and conflict by month (dated events only), by month.
    pub months: Vec<RelationMonth>,
    /// Date of the first dated event.
    pub first_contact: Option<NaiveDate>,
    /// Date of the last dated event.
    pub last_contact: Option<NaiveDate>,
    /// The strongest evidence: spans of the most corroborated, most intense, unhedged
    /// events first (at most [`STRONGEST_EVIDENCE`]).
    pub strongest_evidence: Vec<RelationEvidence>,
    /// Persons named in the events, most events first.
    pub persons: Vec<LinkingPerson>,
}

/// How many spans [`Relation::strongest_evidence`] keeps.
pub const STRONGEST_EVIDENCE: usize = 10;

fn stance(e: &StoredEvent, a: &HashSet<String>, b: &HashSet<String>) -> Option<Stance> {
    let ev = &e.event;
    let side1: Vec<&str> = ev
        .actor1
        .iter()
        .chain(ev.assoc_actor1.iter())
        .map(|r| r.id.as_str())
        .collect();
    let side2: Vec<&str> = ev
        .actor2
        .iter()
        .chain(ev.assoc_actor2.iter())
        .map(|r| r.id.as_str())
        .collect();
    let has = |side: &[&str], set: &HashSet<String>| side.iter().any(|id| set.contains(*id));
    let (a1, a2, b1, b2) = (
        has(&side1, a),
        has(&side2, a),
        has(&side1, b),
        has(&side2, b),
    );
    if a1 && b2 {
        Some(Stance::AToB)
    } else if b1 && a2 {
        Some(Stance::BToA)
    } else if (a1 && b1) || (a2 && b2) {
        Some(Stance::SameSide)
    } else {
        None
    }
}

impl Store {
    /// The dossier of actors `a` and `b` (ids or names, each including the actors below
    /// it in the hierarchy), over events dated within `from..=to` when given.
    pub fn relation(
        &self,
        a: &str,
        b: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Relation, StoreError> {
        let a_ids = self.actor_subtree(a)?;
        let b_ids = self.actor_subtree(b)?;
        let candidates = self.events(&Filter {
            actor: Some(a.to_string()),
            from,
            to,
            ..Filter::default()
        })?;
        let mut events = Vec::new();
        let mut months: BTreeMap<String, RelationMonth> = BTreeMap::new();
        let mut persons: BTreeMap<(String, Option<String>), LinkingPerson> = BTreeMap::new();
        let mut ranked: Vec<(u32, bool, f64, RelationEvidence)> = Vec::new();
        for e in &candidates {
            let Some(stance) = stance(e, &a_ids, &b_ids) else {
                continue;
            };
            let ev = &e.event;
            let tone = Tone::of(ev.goldstein);
            let date = e.date();
            if let Some(d) = date {
                let m = months
                    .entry(d.format("%Y-%m").to_string())
                    .or_insert_with(|| RelationMonth {
                        month: d.format("%Y-%m").to_string(),
                        ..RelationMonth::default()
                    });
                match tone {
                    Tone::Cooperation => m.cooperation += 1,
                    Tone::Conflict => m.conflict += 1,
                    Tone::Neutral => m.neutral += 1,
                }
                m.goldstein_sum += ev.goldstein;
                m.fatalities += ev.fatalities.unwrap_or(0);
            }
            for p in &ev.persons {
                let entry = persons
                    .entry((p.name_ar.clone(), p.affiliation.clone()))
                    .or_insert_with(|| LinkingPerson {
                        name_ar: p.name_ar.clone(),
                        role_ar: p.role_ar.clone(),
                        affiliation: p.affiliation.clone(),
                        events: 0,
                    });
                entry.events += 1;
            }
            let evidence: Vec<RelationEvidence> = e
                .sources
                .iter()
                .flat_map(|s| {
                    s.evidence.iter().map(|span| RelationEvidence {
                        text: span.text.clone(),
                        doc_id: s.doc_id.clone(),
                        title: s.title.clone(),
                        outlet: s.outlet.clone(),
                        url: s.url.clone(),
                        pub_date: s.pub_date,
                        event_id: e.id.clone(),
                        hedged: ev.hedged,
                    })
                })
                .collect();
            ranked.extend(
                evidence
                    .iter()
                    .map(|x| (e.corroboration, ev.hedged, ev.goldstein.abs(), x.clone())),
            );
            events.push(RelationEvent {
                id: e.id.clone(),
                date,
                plover_type: ev.plover.event_type.clone(),
                sub_event_type: ev.acled.sub_event_type.clone(),
                goldstein: ev.goldstein,
                tone,
                stance,
                location: ev.location.as_ref().map(|l| l.name.clone()),
                fatalities: ev.fatalities,
                released: ev.released,
                hedged: ev.hedged,
                corroboration: e.corroboration,
                evidence,
            });
        }
        // Stable order: unhedged first, then corroboration, intensity, then date and text.
        ranked.sort_by(|x, y| {
            x.1.cmp(&y.1)
                .then(y.0.cmp(&x.0))
                .then(y.2.total_cmp(&x.2))
                .then(x.3.pub_date.cmp(&y.3.pub_date))
                .then(x.3.text.cmp(&y.3.text))
        });
        let mut seen = HashSet::new();
        let strongest_evidence = ranked
            .into_iter()
            .map(|r| r.3)
            .filter(|r| seen.insert((r.doc_id.clone(), r.text.clone())))
            .take(STRONGEST_EVIDENCE)
            .collect();
        let mut persons: Vec<LinkingPerson> = persons.into_values().collect();
        persons.sort_by(|x, y| y.events.cmp(&x.events).then(x.name_ar.cmp(&y.name_ar)));
        let dates: Vec<NaiveDate> = events.iter().filter_map(|e| e.date).collect();
        Ok(Relation {
            a: a.to_string(),
            b: b.to_string(),
            first_contact: dates.iter().min().copied(),
            last_contact: dates.iter().max().copied(),
            events,
            months: months.into_values().collect(),
            strongest_evidence,
            persons,
        })
    }
}
