//! ACLED's 31-column row of a stored event, and the English notes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rasd_model::Precision;
use rasd_store::{ActorRow, StoredEvent};

/// ACLED's export columns, in ACLED's order and spelling.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ISO 3166 numeric code of Yemen.
pub const ISO_YEMEN: u16 = 887;

const ACLED_COUNTRIES: &str = include_str!("../../../data/geo/acled_countries.csv");

/// ACLED's country name, ISO 3166 numeric code and region for an ISO3 code (or `SEA`) of
/// `location.country` (`data/geo/acled_countries.csv`): `("Israel", Some(376), "Middle
/// East")`. An event at sea has no country (empty name, no code). An unknown code is
/// returned as it is, with no numeric code.
pub fn acled_country(iso3: &str) -> (String, Option<u16>, String) {
    for line in ACLED_COUNTRIES
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .skip(1)
    {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() == 4 && cols[0] == iso3 {
            return (
                cols[1].to_string(),
                cols[2].parse().ok(),
                cols[3].to_string(),
            );
        }
    }
    (iso3.to_string(), None, "Middle East".into())
}

/// Options of the ACLED-style exports.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// ACLED `source_scale` per outlet (e.g. `almasdar` → `National`); an event's
    /// scale joins the distinct scales of its outlets with `-`, empty when none known.
    pub source_scales: BTreeMap<String, String>,
}

/// Actor categories (ACLED inter codes) by actor id, inherited from the nearest
/// ancestor that has one.
#[derive(Debug, Clone, Default)]
pub struct ActorCategories {
    rows: HashMap<String, (u8, Option<String>)>,
}

impl ActorCategories {
    /// From the store's actor rows.
    pub fn new(actors: &[ActorRow]) -> Self {
        ActorCategories {
            rows: actors
                .iter()
                .map(|a| (a.id.clone(), (a.category, a.parent.clone())))
                .collect(),
        }
    }

    /// Category 1–8 of `id`, or `None` when neither it nor an ancestor has one.
    pub fn category(&self, id: &str) -> Option<u8> {
        let mut cur = id;
        for _ in 0..32 {
            let (cat, parent) = self.rows.get(cur)?;
            if (1..=8).contains(cat) {
                return Some(*cat);
            }
            cur = parent.as_deref()?;
        }
        None
    }
}

/// The inter code of an ACLED category name (`"Rebel group"` → 2).
fn inter_of_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    [
        ("state", 1),
        ("rebel", 2),
        ("political", 3),
        ("identity", 4),
        ("riot", 5),
        ("protest", 6),
        ("civilian", 7),
        ("external", 8),
        ("other", 8),
    ]
    .iter()
    .find(|(prefix, _)| n.starts_with(prefix))
    .map(|&(_, code)| code)
}

/// One ACLED row, typed (the CSV writes it as text, Parquet keeps the types).
#[derive(Debug, Clone, PartialEq)]
pub struct AcledRow {
    /// `YEM` + number.
    pub event_id_cnty: String,
    /// Start of the date window (else its end).
    pub event_date: Option<NaiveDate>,
    /// Year of `event_date`.
    pub year: Option<i32>,
    /// 1 day, 2 week, 3 month or vaguer.
    pub time_precision: u8,
    /// ACLED disorder type.
    pub disorder_type: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Name of actor1.
    pub actor1: String,
    /// Names of actors associated with actor1, joined `"; "`.
    pub assoc_actor_1: String,
    /// Category of actor1 (from the actor table, else the coded interaction).
    pub inter1: Option<u8>,
    /// Name of actor2.
    pub actor2: String,
    /// Names of actors associated with actor2, joined `"; "`.
    pub assoc_actor_2: String,
    /// Category of actor2.
    pub inter2: Option<u8>,
    /// ACLED's two-digit interaction code: lower category first (e.g. 12, 27), `10·inter1`
    /// for a sole actor.
    pub interaction: Option<u8>,
    /// `Civilian targeting` when actor2 is civilians, else empty.
    pub civilian_targeting: String,
    /// ISO 3166 numeric code of the event's country (887 for Yemen and for events
    /// without a place); none at sea.
    pub iso: Option<u16>,
    /// ACLED region of the country (`Middle East`).
    pub region: String,
    /// ACLED country name (`Yemen`, `Israel`); empty at sea, where `location` names the
    /// sea.
    pub country: String,
    /// Governorate.
    pub admin1: String,
    /// District.
    pub admin2: String,
    /// Sub-district (not coded: empty).
    pub admin3: String,
    /// Place name.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// 1 place itself, 2 near it, 3 governorate only.
    pub geo_precision: Option<u8>,
    /// Outlets, sorted, joined `"; "`.
    pub source: String,
    /// See [`ExportOptions::source_scales`].
    pub source_scale: String,
    /// Short English summary generated from the coded fields.
    pub notes: String,
    /// Merged (lowest reported) deaths; 0 when none reported.
    pub fatalities: u32,
    /// `unconfirmed`, `claimed`, and differing per-report fatality figures.
    pub tags: String,
    /// Unix time derived from the data (see [`StoredEvent::timestamp`]).
    pub timestamp: i64,
}

impl AcledRow {
    /// Builds the row of `e`.
    pub fn of(e: &StoredEvent, cats: &ActorCategories, opts: &ExportOptions) -> AcledRow {
        let ev = &e.event;
        let coded: Vec<&str> = ev.acled.interaction.splitn(2, '-').collect();
        let inter = |actor: Option<&rasd_model::ActorRef>, slot: usize| -> Option<u8> {
            let a = actor?;
            cats.category(&a.id)
                .or_else(|| coded.get(slot).and_then(|n| inter_of_name(n)))
        };
        let inter1 = inter(ev.actor1.as_ref(), 0);
        let inter2 = inter(ev.actor2.as_ref(), 1);
        let interaction = match (inter1, inter2) {
            (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
            (Some(a), None) if ev.actor2.is_none() => Some(a * 10),
            _ => None,
        };
        let civilians = ev
            .actor2
            .as_ref()
            .is_some_and(|a| a.id == "civilians" || inter2 == Some(7));
        let names = |v: &[rasd_model::ActorRef]| {
            v.iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let outlets = e.outlets();
        let scales: BTreeSet<&str> = outlets
            .iter()
            .filter_map(|o| opts.source_scales.get(o).map(String::as_str))
            .collect();
        let loc = ev.location.as_ref();
        let date = e.date();
        let mut tags = Vec::new();
        if ev.hedged {
            tags.push("unconfirmed".to_string());
        }
        if ev.claimed {
            tags.push("claimed".to_string());
        }
        let figures: BTreeSet<u32> = e.sources.iter().filter_map(|s| s.fatalities).collect();
        if figures.len() > 1 {
            let list: Vec<String> = figures.iter().map(u32::to_string).collect();
            tags.push(format!("fatality reports: {}", list.join(", ")));
        }
        // rasd's own id, so a row leads back to its evidence (`/api/events/{id}`).
        tags.push(format!("rasd_event_id: {}", ev.event_id));
        // An event without a place is reported from Yemen's news, as before countries.
        let (country, iso, region) = acled_country(loc.map_or("YEM", |l| l.country.as_str()));
        AcledRow {
            event_id_cnty: e.event_id_cnty.clone(),
            event_date: date,
            year: date.map(|d| d.year()),
            time_precision: ev.date.precision.acled_time_precision(),
            disorder_type: ev.acled.disorder_type.clone(),
            event_type: ev.acled.event_type.clone(),
            sub_event_type: ev.acled.sub_event_type.clone(),
            actor1: ev
                .actor1
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            assoc_actor_1: names(&ev.assoc_actor1),
            inter1,
            actor2: ev
                .actor2
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            assoc_actor_2: names(&ev.assoc_actor2),
            inter2,
            interaction,
            civilian_targeting: if civilians {
                "Civilian targeting".into()
            } else {
                String::new()
            },
            iso,
            region,
            country,
            admin1: loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
            admin2: loc.and_then(|l| l.admin2.clone()).unwrap_or_default(),
            admin3: String::new(),
            location: loc.map(|l| l.name.clone()).unwrap_or_default(),
            latitude: loc.and_then(|l| l.lat),
            longitude: loc.and_then(|l| l.lon),
            geo_precision: loc.map(|l| l.geo_precision),
            source: outlets.join("; "),
            source_scale: scales.into_iter().collect::<Vec<_>>().join("-"),
            notes: notes(e),
            fatalities: ev.fatalities.unwrap_or(0),
            tags: tags.join("; "),
            timestamp: e.timestamp,
        }
    }

    /// The row as CSV text fields, in [`ACLED_COLUMNS`] order.
    pub fn to_record(&self) -> [String; 31] {
        let opt = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let coord = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
        [
            self.event_id_cnty.clone(),
            self.event_date.map(|d| d.to_string()).unwrap_or_default(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.time_precision.to_string(),
            self.disorder_type.clone(),
            self.event_type.clone(),
            self.sub_event_type.clone(),
            self.actor1.clone(),
            self.assoc_actor_1.clone(),
            opt(self.inter1),
            self.actor2.clone(),
            self.assoc_actor_2.clone(),
            opt(self.inter2),
            opt(self.interaction),
            self.civilian_targeting.clone(),
            self.iso.map(|i| i.to_string()).unwrap_or_default(),
            self.region.clone(),
            self.country.clone(),
            self.admin1.clone(),
            self.admin2.clone(),
            self.admin3.clone(),
            self.location.clone(),
            coord(self.latitude),
            coord(self.longitude),
            opt(self.geo_precision),
            self.source.clone(),
            self.source_scale.clone(),
            self.notes.clone(),
            self.fatalities.to_string(),
            self.tags.clone(),
            self.timestamp.to_string(),
        ]
    }
}

/// Verb phrases by ACLED sub-event type: with a second actor (`{a2}`) and without.
fn phrase(sub: &str, plover: &str) -> (&'static str, &'static str) {
    match sub {
        "Armed clash" => ("clashed with {a2}", "were involved in an armed clash"),
        "Government regains territory" => ("regained territory from {a2}", "regained territory"),
        "Non-state actor overtakes territory" => ("took territory from {a2}", "took territory"),
        "Chemical weapon" => (
            "used a chemical weapon against {a2}",
            "used a chemical weapon",
        ),
        "Air/drone strike" => (
            "carried out an air/drone strike on {a2}",
            "carried out an air/drone strike",
        ),
        "Suicide bomb" => (
            "carried out a suicide bombing against {a2}",
            "carried out a suicide bombing",
        ),
        "Shelling/artillery/missile attack" => ("shelled {a2}", "carried out shelling"),
        "Remote explosive/landmine/IED" => (
            "targeted {a2} with an explosive device",
            "detonated an explosive device",
        ),
        "Grenade" => ("threw a grenade at {a2}", "threw a grenade"),
        "Sexual violence" => (
            "committed sexual violence against {a2}",
            "committed sexual violence",
        ),
        "Attack" => ("attacked {a2}", "carried out an attack"),
        "Abduction/forced disappearance" => ("abducted {a2}", "abducted people"),
        "Peaceful protest" => (
            "protested peacefully against {a2}",
            "held a peaceful protest",
        ),
        "Protest with intervention" => (
            "protested and {a2} intervened",
            "protested and were dispersed",
        ),
        "Excessive force against protesters" => (
            "used excessive force against {a2}",
            "used excessive force against protesters",
        ),
        "Violent demonstration" => (
            "demonstrated violently against {a2}",
            "held a violent demonstration",
        ),
        "Mob violence" => (
            "engaged in mob violence against {a2}",
            "engaged in mob violence",
        ),
        "Agreement" => ("reached an agreement with {a2}", "announced an agreement"),
        "Arrests" => ("arrested {a2}", "made arrests"),
        "Change to group/activity" => (
            "changed its activity towards {a2}",
            "changed its group or activity",
        ),
        "Disrupted weapons use" => ("disrupted weapons use by {a2}", "disrupted weapons use"),
        "Headquarters or base established" => (
            "established a base against {a2}",
            "established a headquarters or base",
        ),
        "Looting/property destruction" => (
            "looted or destroyed property of {a2}",
            "looted or destroyed property",
        ),
        "Non-violent transfer of territory" => {
            ("transferred territory to {a2}", "transferred territory")
        }
        _ => match plover {
            "AGREE" => ("agreed with {a2}", "announced an agreement"),
            "CONSULT" => ("met with {a2}", "held consultations"),
            "SUPPORT" => ("expressed support for {a2}", "expressed support"),
            "CONCEDE" => ("made concessions to {a2}", "made concessions"),
            "COOPERATE" => ("cooperated with {a2}", "cooperated"),
            "AID" => ("provided aid to {a2}", "provided aid"),
            "RETREAT" => (
                "withdrew or released in favour of {a2}",
                "withdrew or released people",
            ),
            "REQUEST" => ("called on {a2}", "made demands"),
            "ACCUSE" => ("accused {a2}", "made accusations"),
            "REJECT" => ("rejected {a2}", "rejected a proposal"),
            "THREATEN" => ("threatened {a2}", "made threats"),
            "PROTEST" => ("protested against {a2}", "protested"),
            "SANCTION" => ("took measures against {a2}", "imposed restrictions"),
            "MOBILIZE" => ("mobilized against {a2}", "mobilized forces"),
            "COERCE" => ("coerced {a2}", "used coercion"),
            "ASSAULT" => ("attacked {a2}", "carried out an attack"),
            _ => ("acted towards {a2}", "acted"),
        },
    }
}

fn date_phrase(e: &StoredEvent) -> Option<String> {
    let d = e.date()?;
    let day = || d.format("%-d %B %Y").to_string();
    Some(match e.event.date.precision {
        Precision::Day => day(),
        Precision::Week => format!("the week of {}", day()),
        Precision::Month => d.format("%B %Y").to_string(),
        Precision::Year | Precision::Unknown => d.format("%Y").to_string(),
    })
}

/// A short English summary generated from the coded fields (never from the Arabic
/// text), e.g. "On 7 November 2023, Houthi Movement - Ansar Allah clashed with Military
/// Forces of Yemen (2012-) in Sirwah, Ma'rib. 5 fatalities (reports: 5, 7). Reported by
/// 2 outlets."
pub fn notes(e: &StoredEvent) -> String {
    let ev = &e.event;
    let (with, without) = phrase(&ev.acled.sub_event_type, &ev.plover.event_type);
    let a1 = ev
        .actor1
        .as_ref()
        .map_or("Unidentified actors", |a| a.name.as_str());
    let action = match &ev.actor2 {
        Some(a2) => with.replace("{a2}", &a2.name),
        None => without.to_string(),
    };
    let mut out = String::new();
    if let Some(d) = date_phrase(e) {
        out += &format!("On {d}, ");
    }
    out += &format!("{a1} {action}");
    if let Some(l) = &ev.location {
        let mut parts = vec![l.name.as_str()];
        for admin in [l.admin2.as_deref(), l.admin1.as_deref()]
            .into_iter()
            .flatten()
        {
            if !parts.contains(&admin) {
                parts.push(admin);
            }
        }
        out += &format!(" in {}", parts.join(", "));
    }
    out += ".";
    if ev.hedged {
        out += " Unconfirmed.";
    }
    if ev.claimed {
        out += " The perpetrator claimed responsibility.";
    }
    let figures: BTreeSet<u32> = e.sources.iter().filter_map(|s| s.fatalities).collect();
    match ev.fatalities {
        Some(1) => out += " 1 fatality",
        Some(n) => out += &format!(" {n} fatalities"),
        None => {}
    }
    if ev.fatalities.is_some() {
        if figures.len() > 1 {
            let list: Vec<String> = figures.iter().map(u32::to_string).collect();
            out += &format!(" (reports: {})", list.join(", "));
        }
        out += ".";
    }
    if let Some(n) = ev.injured {
        out += &format!(" {n} injured.");
    }
    if e.corroboration > 1 {
        out += &format!(" Reported by {} outlets.", e.corroboration);
    }
    out
}
