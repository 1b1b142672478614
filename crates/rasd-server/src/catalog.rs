//! An immutable in-memory view of the stored events that every read route
//! filters, counts and pages. It is rebuilt from the store after each ingest and
//! swapped in behind an `Arc`, so readers never wait for SQLite or for each other.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use rasd_model::Event;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::{AppError, ParamError};
use crate::filter::{closest, fold, is_cooperation, stem, Filter, Page, Sort};

// ------------------------------------------------------------------ gazetteer

/// A governorate, district or town of `data/places.csv`, or a label of the
/// map's base layer (`data/geo/context.csv`).
#[derive(Debug, Clone, Serialize)]
pub struct GazPlace {
    /// P-code (governorates and districts); empty for towns and labels.
    pub pcode: String,
    /// Governorate p-code.
    pub admin1_pcode: String,
    pub name_en: String,
    /// The gazetteer's Arabic spelling (with hamza and ta marbuta).
    pub name_ar: String,
    pub lat: f64,
    pub lon: f64,
    /// `country` or `sea` for labels; the level otherwise.
    pub kind: String,
    /// Other spellings (English and Arabic) that name it.
    #[serde(skip)]
    pub forms: Vec<String>,
}

/// The administrative names the API accepts and the UI shows.
pub struct Gazetteer {
    pub admin1: Vec<GazPlace>,
    pub admin2: Vec<GazPlace>,
    /// Towns the gazetteer marks as cities, for the base layer.
    pub towns: Vec<GazPlace>,
    /// Neighbouring countries and seas, for the base layer.
    pub labels: Vec<GazPlace>,
}

/// Reads a CSV embedded in the binary; lines starting with `#` are comments.
fn embedded_csv(text: &'static str) -> impl Iterator<Item = csv::StringRecord> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
        .into_records()
        .filter_map(Result::ok)
}

/// The built-in gazetteer: `data/places.csv` (generated from OCHA's COD-AB and
/// Yemen-info, with their Arabic spellings) and `data/geo/context.csv`.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer {
        admin1: Vec::new(),
        admin2: Vec::new(),
        towns: Vec::new(),
        labels: Vec::new(),
    };
    // name_ar,name_en,level,pcode,admin1_pcode,admin2_pcode,lat,lon,forms
    for r in embedded_csv(include_str!("../../../data/places.csv")) {
        let get = |i: usize| r.get(i).unwrap_or("").trim().to_owned();
        let (Ok(lat), Ok(lon)) = (get(6).parse::<f64>(), get(7).parse::<f64>()) else {
            continue;
        };
        let place = GazPlace {
            pcode: get(3),
            admin1_pcode: get(4),
            name_en: get(1),
            name_ar: get(0),
            lat,
            lon,
            kind: get(2),
            forms: get(8).split('|').map(str::to_owned).collect(),
        };
        match place.kind.as_str() {
            "admin1" => g.admin1.push(place),
            "admin2" => g.admin2.push(place),
            "city" => g.towns.push(place),
            _ => {}
        }
    }
    // kind,name_en,name_ar,lat,lon
    for r in embedded_csv(include_str!("../../../data/geo/context.csv")) {
        let get = |i: usize| r.get(i).unwrap_or("").trim().to_owned();
        let (Ok(lat), Ok(lon)) = (get(3).parse::<f64>(), get(4).parse::<f64>()) else {
            continue;
        };
        g.labels.push(GazPlace {
            pcode: String::new(),
            admin1_pcode: String::new(),
            name_en: get(1),
            name_ar: get(2),
            lat,
            lon,
            kind: get(0),
            forms: Vec::new(),
        });
    }
    g
});

/// Folds a place name for comparison: Arabic letters as [`fold`], apostrophes,
/// hyphens and a leading "محافظة"/"مديرية"/"governorate" dropped.
fn place_key(s: &str) -> String {
    let f = fold(s.trim());
    let f = f
        .trim_start_matches("محافظه ")
        .trim_start_matches("مديريه ")
        .trim_end_matches(" governorate")
        .trim_end_matches(" district");
    f.chars()
        .filter(|c| !matches!(c, '\'' | '’' | '`' | 'ʼ'))
        .map(|c| if c == '-' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl GazPlace {
    fn is_named(&self, key: &str) -> bool {
        self.pcode.eq_ignore_ascii_case(key.trim())
            || [&self.name_en, &self.name_ar]
                .into_iter()
                .chain(self.forms.iter())
                .any(|n| place_key(n) == place_key(key))
    }
}

/// Resolves governorate or district names (p-code, English or Arabic, any
/// listed spelling) to p-codes; an unknown one is a 400 naming the closest.
fn resolve_places(
    param: &str,
    given: &[String],
    places: &[GazPlace],
) -> Result<Vec<String>, AppError> {
    given
        .iter()
        .map(|g| {
            places
                .iter()
                .find(|p| p.is_named(g))
                .map(|p| p.pcode.clone())
                .ok_or_else(|| {
                    let names = places
                        .iter()
                        .flat_map(|p| [p.pcode.as_str(), p.name_en.as_str(), p.name_ar.as_str()]);
                    AppError::Param(Box::new(ParamError {
                        code: "unknown_value",
                        param: param.to_owned(),
                        message: format!(
                            "invalid `{param}`: no governorate or district `{g}` (give a p-code such as {}, an English or an Arabic name)",
                            places.first().map_or("", |p| p.pcode.as_str())
                        ),
                        valid: places
                            .iter()
                            .map(|p| format!("{} {} {}", p.pcode, p.name_en, p.name_ar))
                            .collect(),
                        did_you_mean: closest(g, names),
                    }))
                })
        })
        .collect()
}

/// Arabic display names of the built-in actors: the first Arabic form of each
/// row of `data/actors.tsv` (id, parent, category, name, forms).
static ACTOR_NAMES_AR: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let is_arabic = |s: &str| s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c));
    include_str!("../../../data/actors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let id = cols.first()?.trim();
            let ar = cols
                .get(4)?
                .split('|')
                .map(str::trim)
                .find(|f| is_arabic(f))?;
            Some((id.to_owned(), ar.to_owned()))
        })
        .collect()
});

/// The Arabic name of an actor, if the built-in dictionary has one.
pub(crate) fn actor_name_ar(id: &str) -> Option<&'static str> {
    ACTOR_NAMES_AR.get(id).map(String::as_str)
}

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

/// An article that reported at least one stored event.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub doc_id: String,
    pub title: String,
    pub pub_date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Merged events this article reports.
    pub events: usize,
    /// Folded title words and their stems, for `q`.
    #[serde(skip)]
    search: String,
}

/// An actor of the actor table.
#[derive(Debug, Clone, Serialize)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    /// Arabic name from the built-in dictionary, if any.
    pub name_ar: Option<String>,
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
    /// The outlets give different death tolls.
    pub deaths_disagree: bool,
    /// Folded evidence, actor, place and coding words for `q`.
    search: String,
    /// Stems of the Arabic words of `search`, each between spaces.
    stems: String,
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
    /// ACLED-style ids (`event_id_cnty`, as in the CSV) to events.
    by_cnty: HashMap<String, usize>,
    pub actors: Vec<ActorInfo>,
    /// The actor table as stored, for the exports.
    pub actor_rows: Vec<rasd_store::ActorRow>,
    pub actor_index: HashMap<String, usize>,
    pub documents: usize,
    /// The articles behind the events, newest first.
    pub document_list: Vec<DocumentInfo>,
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
                name_ar: actor_name_ar(&a.id).map(str::to_owned),
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
            // English terms: the coding, so "airstrike" or "battles" find events.
            for s in [
                Some(&event.plover.event_type),
                event.plover.mode.as_ref(),
                Some(&event.acled.event_type),
                Some(&event.acled.sub_event_type),
                Some(&event.acled.disorder_type),
            ]
            .into_iter()
            .flatten()
            {
                // "Air/drone strike" is also searchable as "air strike".
                search.push_str(&s.replace('/', " "));
                search.push(' ');
            }
            for a in event.assoc_actor1.iter().chain(event.assoc_actor2.iter()) {
                search.push_str(&a.name);
                search.push(' ');
            }
            let search = fold(&search);
            let mut stems = String::from(" ");
            for w in search.split(|c: char| !c.is_alphanumeric()) {
                if let Some(s) = stem(w) {
                    stems.push_str(&s);
                    stems.push(' ');
                }
            }
            let figures: std::collections::BTreeSet<u32> = sources
                .iter()
                .filter_map(|s| s.figures.fatalities)
                .collect();
            let json = serde_json::value::to_raw_value(&event).expect("events serialize");
            entries.push(Entry {
                date: parse_date(&event.date.start).or(parse_date(&event.date.end)),
                event_id_cnty: stored.event_id_cnty.clone(),
                corroboration: stored.corroboration,
                stored,
                deaths_disagree: figures.len() > 1,
                search,
                stems,
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
        let by_cnty = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.event_id_cnty.clone(), i))
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
            name_ar: actor_name_ar(&id).map(str::to_owned),
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
        let mut docs: HashMap<&str, DocumentInfo> = HashMap::new();
        for e in &entries {
            for s in &e.sources {
                let d = docs.entry(s.doc_id.as_str()).or_insert_with(|| {
                    let folded = fold(&s.title);
                    let mut search = format!(" {folded} ");
                    for w in folded.split(|c: char| !c.is_alphanumeric()) {
                        if let Some(st) = stem(w) {
                            search.push_str(&st);
                            search.push(' ');
                        }
                    }
                    DocumentInfo {
                        doc_id: s.doc_id.clone(),
                        title: s.title.clone(),
                        pub_date: s.pub_date.clone(),
                        source: s.source.clone(),
                        url: s.url.clone(),
                        events: 0,
                        search,
                    }
                });
                d.events += 1;
            }
        }
        let mut document_list: Vec<DocumentInfo> = docs.into_values().collect();
        document_list.sort_by(|a, b| {
            b.pub_date
                .cmp(&a.pub_date)
                .then_with(|| a.doc_id.cmp(&b.doc_id))
        });
        Catalog {
            document_list,
            entries,
            by_id,
            by_report,
            by_cnty,
            actors,
            actor_rows,
            actor_index,
            documents,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The event with this ACLED-style id (`event_id_cnty`, the CSV's first column).
    pub fn get_by_cnty(&self, id: &str) -> Option<&Entry> {
        self.by_cnty.get(id).map(|&i| &self.entries[i])
    }

    /// Checks the values of `f` that need the data: actor ids (or exact
    /// English/Arabic names) must exist, governorates and districts become
    /// p-codes. An unknown value is a 400 with the closest valid one.
    pub fn resolve(&self, f: &mut Filter) -> Result<(), AppError> {
        let mut actors = Vec::with_capacity(f.actors.len());
        for given in &f.actors {
            if self.actor_index.contains_key(given) {
                actors.push(given.clone());
                continue;
            }
            let key = fold(given.trim());
            let by_name = self.actors.iter().find(|a| {
                fold(&a.name) == key || a.name_ar.as_deref().is_some_and(|n| fold(n) == key)
            });
            match by_name {
                Some(a) => actors.push(a.id.clone()),
                None => {
                    let ids = self.actors.iter().map(|a| a.id.as_str());
                    let names = self.actors.iter().map(|a| a.name.as_str());
                    let did_you_mean = closest(given, ids).or_else(|| {
                        closest(given, names).and_then(|n| {
                            self.actors
                                .iter()
                                .find(|a| a.name == n)
                                .map(|a| a.id.clone())
                        })
                    });
                    return Err(AppError::Param(Box::new(ParamError {
                        code: "unknown_value",
                        param: "actor".into(),
                        message: format!(
                            "invalid `actor`: no actor `{given}`{}",
                            did_you_mean
                                .as_deref()
                                .map(|d| format!("; did you mean `{d}`?"))
                                .unwrap_or_default()
                        ),
                        valid: self.actors.iter().map(|a| a.id.clone()).collect(),
                        did_you_mean,
                    })));
                }
            }
        }
        f.actors = actors;
        f.admin1 = resolve_places("admin1", &f.admin1, &GAZETTEER.admin1)?;
        f.admin2 = resolve_places("admin2", &f.admin2, &GAZETTEER.admin2)?;
        Ok(())
    }

    /// The articles whose title holds every word of `q` (folded, or by stem).
    pub fn documents_matching(&self, q: &str) -> Vec<&DocumentInfo> {
        let words: Vec<(String, Option<String>)> = fold(q)
            .split_whitespace()
            .map(|w| (w.to_owned(), stem(w)))
            .collect();
        self.document_list
            .iter()
            .filter(|d| {
                words.iter().all(|(w, st)| {
                    d.search.contains(w.as_str())
                        || st
                            .as_ref()
                            .is_some_and(|s| d.search.contains(&format!(" {s} ")))
                })
            })
            .collect()
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
        if !f.countries.is_empty() {
            let country = ev.location.as_ref().map(|l| l.country.as_str());
            if !country.is_some_and(|c| f.countries.iter().any(|want| want == c)) {
                return false;
            }
        }
        if !f.admin1.is_empty() {
            let code = ev.location.as_ref().and_then(|l| l.admin1_pcode.as_deref());
            if !code.is_some_and(|c| f.admin1.iter().any(|want| want.eq_ignore_ascii_case(c))) {
                return false;
            }
        }
        if !f.admin2.is_empty() {
            let code = ev.location.as_ref().and_then(|l| l.admin2_pcode.as_deref());
            if !code.is_some_and(|c| f.admin2.iter().any(|want| want.eq_ignore_ascii_case(c))) {
                return false;
            }
        }
        if f.located.is_some_and(|want| want != self.is_located()) {
            return false;
        }
        if f.dated.is_some_and(|want| want != self.date.is_some()) {
            return false;
        }
        if f.hedged.is_some_and(|want| want != ev.hedged) {
            return false;
        }
        if f.min_confidence.is_some_and(|min| ev.confidence < min) {
            return false;
        }
        if !f.acled_types.is_empty() && !f.acled_types.contains(&ev.acled.event_type) {
            return false;
        }
        if !f.sub_event_types.is_empty() && !f.sub_event_types.contains(&ev.acled.sub_event_type) {
            return false;
        }
        if let Some(doc) = &f.doc {
            if ev.doc_id != *doc && !self.sources.iter().any(|s| s.doc_id == *doc) {
                return false;
            }
        }
        let has = |word: &str, stem: &Option<String>| {
            self.search.contains(word)
                || stem
                    .as_ref()
                    .is_some_and(|s| self.stems.contains(&format!(" {s} ")))
        };
        f.words
            .iter()
            .all(|w| has(&w.folded, &w.stem) || w.alternatives.iter().any(|(a, s)| has(a, s)))
    }

    /// The map can place the event: it has coordinates or a governorate.
    pub fn is_located(&self) -> bool {
        self.event
            .location
            .as_ref()
            .is_some_and(|l| (l.lat.is_some() && l.lon.is_some()) || l.admin1_pcode.is_some())
    }

    /// The event's date used by filters and the timeline.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
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
    /// Events the map cannot place (no coordinates, no governorate).
    pub unlocated: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Where most of the data is: the 1st and 99th percentiles of the event
    /// dates, so that a few background events do not stretch the timeline.
    pub range: Option<DateRange>,
    /// The shortest date range that holds 90% of the dated events: where a
    /// timeline should look first when the reporting is concentrated.
    pub core: Option<DateRange>,
    pub by_type: Vec<TypeCount>,
    pub by_week: Vec<WeekCount>,
    pub by_admin1: Vec<PlaceCount>,
}

#[derive(Serialize)]
pub(crate) struct DateRange {
    pub from: String,
    pub to: String,
}

/// The shortest range of sorted `dates` that holds `share` of them (at least one).
pub(crate) fn densest_range(sorted: &[NaiveDate], share: f64) -> Option<DateRange> {
    if sorted.is_empty() {
        return None;
    }
    let k = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len());
    let (lo, hi) = (0..=sorted.len() - k)
        .map(|i| (i, i + k - 1))
        .min_by_key(|&(i, j)| (sorted[j] - sorted[i], i))?;
    Some(DateRange {
        from: sorted[lo].to_string(),
        to: sorted[hi].to_string(),
    })
}

/// The 1st–99th percentile range of `dates` (sorted in place).
pub(crate) fn core_range(dates: &mut [NaiveDate]) -> Option<DateRange> {
    if dates.is_empty() {
        return None;
    }
    dates.sort_unstable();
    let last = dates.len() - 1;
    let lo = (last as f64 * 0.01).floor() as usize;
    let hi = (last as f64 * 0.99).ceil() as usize;
    Some(DateRange {
        from: dates[lo].to_string(),
        to: dates[hi.min(last)].to_string(),
    })
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
    /// The gazetteer's Arabic name.
    pub name_ar: String,
    pub events: usize,
    pub fatalities: u64,
}

pub(crate) fn stats(hits: &[&Entry]) -> Stats {
    let mut by_type: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    let mut by_week: BTreeMap<(NaiveDate, &str), usize> = BTreeMap::new();
    let mut docs = std::collections::HashSet::new();
    let (mut fatalities, mut injured, mut undated) = (0u64, 0u64, 0usize);
    let (mut first, mut last): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    let mut dates = Vec::with_capacity(hits.len());
    let mut unlocated = 0;
    for e in hits {
        if !e.is_located() {
            unlocated += 1;
        }
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
                dates.push(d);
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
        unlocated,
        range: core_range(&mut dates),
        core: densest_range(&dates, 0.9),
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
    /// Events the map cannot place.
    pub unlocated: usize,
    /// Every governorate of the gazetteer with its names and centroid, the
    /// towns and the neighbours' labels, for the map's base layer.
    pub gazetteer: GazetteerView,
}

/// The gazetteer part of `GET /api/places`.
#[derive(Serialize)]
pub(crate) struct GazetteerView {
    pub governorates: &'static [GazPlace],
    pub towns: &'static [GazPlace],
    pub labels: &'static [GazPlace],
}

pub(crate) fn places(hits: &[&Entry]) -> Places {
    let mut a1: BTreeMap<String, PlaceCount> = BTreeMap::new();
    let mut a2: BTreeMap<String, PlaceCount> = BTreeMap::new();
    let mut unlocated = 0;
    for e in hits {
        let ev = &e.event;
        if !e.is_located() {
            unlocated += 1;
        }
        let Some(loc) = &ev.location else {
            continue;
        };
        let f = u64::from(ev.fatalities.unwrap_or(0));
        for (map, pcode, name, gaz) in [
            (&mut a1, &loc.admin1_pcode, &loc.admin1, &GAZETTEER.admin1),
            (&mut a2, &loc.admin2_pcode, &loc.admin2, &GAZETTEER.admin2),
        ] {
            if let Some(p) = pcode {
                let c = map.entry(p.clone()).or_insert_with(|| {
                    let known = gaz.iter().find(|g| g.pcode == *p);
                    PlaceCount {
                        pcode: p.clone(),
                        name: known.map_or_else(
                            || name.clone().unwrap_or_default(),
                            |g| g.name_en.clone(),
                        ),
                        name_ar: known.map(|g| g.name_ar.clone()).unwrap_or_default(),
                        events: 0,
                        fatalities: 0,
                    }
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
        gazetteer: GazetteerView {
            governorates: &GAZETTEER.admin1,
            towns: &GAZETTEER.towns,
            labels: &GAZETTEER.labels,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[&str]) -> Vec<NaiveDate> {
        list.iter()
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
            .collect()
    }

    #[test]
    fn the_densest_range_skips_background_dates() {
        let mut d = days(&[
            "2013-01-01",
            "2015-07-01",
            "2015-07-02",
            "2015-07-03",
            "2015-07-05",
            "2015-07-06",
            "2015-07-07",
            "2015-07-09",
            "2015-07-10",
            "2015-07-12",
        ]);
        d.sort();
        let r = densest_range(&d, 0.9).unwrap();
        assert_eq!(
            (r.from.as_str(), r.to.as_str()),
            ("2015-07-01", "2015-07-12")
        );
        let p = core_range(&mut d).unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str()),
            ("2013-01-01", "2015-07-12")
        );
        assert!(densest_range(&[], 0.9).is_none());
    }

    #[test]
    fn places_resolve_from_codes_english_and_arabic_spellings() {
        let want = vec!["YE15".to_owned()];
        for name in ["YE15", "ye15", "Taiz", "Ta'iz", "تعز", "محافظة تعز"] {
            let got = resolve_places("admin1", &[name.to_owned()], &GAZETTEER.admin1).unwrap();
            assert_eq!(got, want, "{name}");
        }
        let err = resolve_places("admin1", &["Taizz".to_owned()], &GAZETTEER.admin1).unwrap_err();
        assert!(matches!(err, AppError::Param(p) if p.did_you_mean.as_deref() == Some("Ta'iz")));
        assert_eq!(actor_name_ar("aqap"), Some("تنظيم القاعدة"));
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
    pub name_ar: Option<String>,
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
/// With `top`, only the `top` actors with most events stay, with the edges
/// between them.
pub(crate) fn graph(cat: &Catalog, hits: &[&Entry], top: Option<usize>) -> Graph {
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
    let mut nodes: Vec<GraphNode> = nodes
        .into_iter()
        .map(|(id, (name, events))| {
            let info = cat.actor_index.get(id).map(|&i| &cat.actors[i]);
            GraphNode {
                id: id.to_owned(),
                name: info.map_or(name, |a| a.name.as_str()).to_owned(),
                name_ar: actor_name_ar(id).map(str::to_owned),
                parent: info.and_then(|a| a.parent.clone()),
                events,
            }
        })
        .collect();
    if let Some(n) = top {
        nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
        nodes.truncate(n);
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let kept: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let edges: Vec<GraphEdge> = edges
        .into_values()
        .filter(|e| kept.contains(e.source.as_str()) && kept.contains(e.target.as_str()))
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
