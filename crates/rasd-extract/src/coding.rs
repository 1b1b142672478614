//! Turning a frame into the spec record: actor names, ACLED types and interaction,
//! location fields, evidence, stable id.

use rasd_lexicon::PlaceLevel;
use rasd_model::{
    stable_id, AcledCoding, ActorRef, Attribution, DateWindow, Event, Evidence, Location, Person,
    Plover,
};
use rasd_text::NormSpan;

use crate::document::DocView;
use crate::frame::{Draft, Slot};

/// Actor ids named by the output contract (spec/events.md); finer units roll up to them.
const CANONICAL: [&str; 42] = [
    "houthis",
    "aqap",
    "isis-yemen",
    "yemen-gov-forces",
    "security-belt",
    "giants-brigades",
    "stc",
    "shabwa-defense",
    "hadrami-elite",
    "national-resistance",
    "islah",
    "yemen-government",
    "popular-resistance",
    "saleh-forces",
    "gpc",
    "southern-movement",
    "hadramawt-council",
    "tribal-militia",
    "protesters",
    "hrw",
    "amnesty",
    "police",
    "saudi-led-coalition",
    "saudi-arabia",
    "uae",
    "iran",
    "usa",
    "uk",
    "israel",
    "qatar",
    "icrc",
    "msf",
    "un",
    "qatar-red-crescent",
    "civilians",
    "unidentified-armed-group",
    "turkey",
    "oman",
    "france",
    "russia",
    "egypt",
    "kuwait",
];

/// Whether the contract names this id (units below it roll up to it).
pub(crate) fn is_canonical(id: &str) -> bool {
    CANONICAL.contains(&id)
}

/// Actors on the recognized government's side, for "Government regains territory".
pub(crate) fn is_pro_government(id: &str) -> bool {
    matches!(
        id,
        "yemen-gov-forces"
            | "yemen-government"
            | "popular-resistance"
            | "saudi-led-coalition"
            | "saudi-arabia"
            | "uae"
            | "security-belt"
            | "giants-brigades"
            | "shabwa-defense"
            | "hadrami-elite"
            | "national-resistance"
            | "police"
            | "stc"
    )
}

const INTER_NAMES: [&str; 9] = [
    "",
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

fn category(view: &DocView<'_>, slot: Option<&Slot>) -> Option<u8> {
    let id = &slot?.id;
    view.res.lexicon.actor(id).map(|a| a.category)
}

fn interaction(view: &DocView<'_>, d: &Draft) -> String {
    let name = |c: Option<u8>| c.and_then(|c| INTER_NAMES.get(c as usize).copied());
    match (
        name(category(view, d.actor1.as_ref())),
        name(category(view, d.actor2.as_ref())),
    ) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        (Some(a), None) => format!("{a} only"),
        (None, Some(b)) => format!("{b} only"),
        (None, None) => String::new(),
    }
}

fn actor_ref(view: &DocView<'_>, slot: &Slot) -> ActorRef {
    let name = view
        .res
        .lexicon
        .actor(&slot.id)
        .map_or_else(|| slot.id.clone(), |a| a.name.clone());
    ActorRef {
        id: slot.id.clone(),
        name,
        text: slot.span.map(|s| view.src_text(s)),
    }
}

/// The governorate a frame's place lies in.
pub(crate) fn admin1_of(view: &DocView<'_>, d: &Draft) -> Option<String> {
    let p = d.place.as_ref()?;
    let lex = &view.res.lexicon;
    let place = lex.place(p.admin1_override.unwrap_or(p.id));
    // A whole country agrees with any place (its events merge with the precise report);
    // a sea or a city without admin1 is its own area.
    if place.level == PlaceLevel::Country {
        return None;
    }
    Some(if place.admin1_pcode.is_empty() {
        format!("{}:{}", place.country, place.name_en)
    } else {
        place.admin1_pcode.clone()
    })
}

fn location(view: &DocView<'_>, d: &Draft) -> Option<Location> {
    let choice = d.place.as_ref()?;
    let lex = &view.res.lexicon;
    let place = lex.place(choice.admin1_override.unwrap_or(choice.id));
    let admin1 = lex.admin1(&place.admin1_pcode);
    // The district is reported when the text names it or a town in it; a village or
    // sub-district gives coordinates, but the text does not say which district it is.
    let admin2_pcode = match place.level {
        PlaceLevel::Admin2 | PlaceLevel::City => place.admin2_pcode.clone(),
        _ => None,
    };
    let admin2 = admin2_pcode.as_deref().and_then(|p| lex.admin2(p));
    Some(Location {
        name: place.name_en.clone(),
        name_ar: place.name_ar.clone(),
        country: place.country.clone(),
        admin1: admin1.map(|a| a.name_en.clone()),
        admin1_pcode: Some(place.admin1_pcode.clone()).filter(|p| !p.is_empty()),
        admin2: admin2.map(|a| a.name_en.clone()),
        admin2_pcode,
        lat: Some(place.lat),
        lon: Some(place.lon),
        geo_precision: choice.geo_precision,
        text: Some(view.src_text(choice.span)),
    })
}

/// The words of `span` as a verbatim evidence record (char offsets into the document).
fn evidence_at(view: &DocView<'_>, span: NormSpan) -> Evidence {
    let src = view.a.norm.to_src(span);
    Evidence {
        start: src.start,
        end: src.end,
        text: view.slice_src(src),
    }
}

fn evidence(view: &DocView<'_>, spans: &[NormSpan]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = spans.iter().map(|&s| evidence_at(view, s)).collect();
    out.sort_by_key(|e| (e.start, e.end));
    // Overlapping pieces of evidence become one.
    let mut merged: Vec<Evidence> = Vec::with_capacity(out.len());
    for e in out {
        match merged.last_mut() {
            Some(last) if e.start < last.end => {
                if e.end > last.end {
                    last.end = e.end;
                    last.text = view.slice_src(rasd_model::SrcSpan::new(last.start, last.end));
                }
            }
            _ => merged.push(e),
        }
    }
    merged
}

pub(crate) fn to_event(view: &DocView<'_>, mut d: Draft) -> Event {
    // One actor is never its own counterpart, whatever filled the slots (a merge, the
    // discourse), except in a meeting with its own people (frame.rs, own_people_after).
    if let (Some(a), Some(b)) = (&d.actor1, &d.actor2) {
        if a.id == b.id && !d.internal {
            d.actor2 = None;
        }
    }
    let main: Vec<String> = [&d.actor1, &d.actor2]
        .into_iter()
        .flatten()
        .map(|s| s.id.clone())
        .collect();
    d.assoc1.retain(|s| !main.contains(&s.id));
    d.assoc2.retain(|s| !main.contains(&s.id));
    let (event_type, disorder_type) =
        view.res
            .acled
            .get(&d.acled_sub)
            .cloned()
            .unwrap_or_else(|| {
                (
                    "Strategic developments".into(),
                    "Strategic developments".into(),
                )
            });
    let evidence = evidence(view, &d.evidence);
    let first = evidence.first().map_or((0, 0), |e| (e.start, e.end));
    let actor = |s: &Option<Slot>| s.as_ref().map_or(String::new(), |a| a.id.clone());
    // Two events reported by the same words differ in type, actors or date.
    let event_id = stable_id(
        "ev",
        &[
            &view.doc.id,
            &first.0.to_string(),
            &first.1.to_string(),
            &d.plover,
            &actor(&d.actor1),
            &actor(&d.actor2),
            &d.date
                .as_ref()
                .and_then(|x| x.start)
                .map_or(String::new(), |x| x.to_string()),
        ],
    );
    let date = match &d.date {
        Some(c) if c.start.is_some() => DateWindow {
            start: c.start.map(|s| s.to_string()),
            end: c.end.or(c.start).map(|s| s.to_string()),
            precision: c.precision,
            text: Some(view.src_text(c.span)),
        },
        _ => DateWindow::unknown(),
    };
    let persons = d
        .persons
        .iter()
        .map(|&i| {
            let p = &view.persons[i];
            Person {
                name_ar: view.src_text(p.name),
                role_ar: p.role.map(|r| view.src_text(r)),
                affiliation: p.affiliation.clone(),
            }
        })
        .collect();
    let attribution = Some(match &d.attribution {
        Some((kind, span)) => Attribution {
            kind: kind.clone(),
            text: span.map(|s| view.src_text(s)),
        },
        None => Attribution {
            kind: "reporter".into(),
            text: None,
        },
    });
    Event {
        event_id,
        doc_id: view.doc.id.clone(),
        plover: Plover {
            event_type: d.plover.clone(),
            mode: d.mode.clone(),
        },
        cameo: d.cameo.clone(),
        goldstein: d.goldstein,
        acled: AcledCoding {
            disorder_type,
            event_type,
            sub_event_type: d.acled_sub.clone(),
            interaction: interaction(view, &d),
        },
        date,
        location: location(view, &d),
        actor1: d.actor1.as_ref().map(|s| actor_ref(view, s)),
        actor2: d.actor2.as_ref().map(|s| actor_ref(view, s)),
        assoc_actor1: d.assoc1.iter().map(|s| actor_ref(view, s)).collect(),
        assoc_actor2: d.assoc2.iter().map(|s| actor_ref(view, s)).collect(),
        persons,
        fatalities: d.fatalities,
        injured: d.injured,
        detained: d.detained,
        released: d.released,
        hedged: d.hedged,
        claimed: d.claimed,
        attribution,
        evidence,
        trigger: Some(evidence_at(view, d.trigger_span)),
        confidence: (d.confidence * 100.0).round() / 100.0,
    }
}
