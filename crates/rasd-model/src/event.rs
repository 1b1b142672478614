use serde::{Deserialize, Serialize};

use crate::SrcSpan;

/// One coded event: the record of `spec/events.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: hash of document id, first evidence span and PLOVER type.
    pub event_id: String,
    /// Id of the document the event was extracted from.
    pub doc_id: String,
    /// PLOVER type and mode.
    pub plover: Plover,
    /// CAMEO code, best fit.
    pub cameo: String,
    /// Goldstein score of the CAMEO code.
    pub goldstein: f64,
    /// ACLED coding.
    pub acled: AcledCoding,
    /// When it happened.
    pub date: DateWindow,
    /// Where it happened; `None` when the text does not say.
    pub location: Option<Location>,
    /// Initiator or perpetrator.
    pub actor1: Option<ActorRef>,
    /// Target or counterpart.
    pub actor2: Option<ActorRef>,
    /// Actors acting with actor1.
    pub assoc_actor1: Vec<ActorRef>,
    /// Actors on actor2's side.
    pub assoc_actor2: Vec<ActorRef>,
    /// Named persons involved.
    pub persons: Vec<Person>,
    /// Deaths only, most conservative figure.
    pub fatalities: Option<u32>,
    /// Injured.
    pub injured: Option<u32>,
    /// Detained, arrested or abducted.
    pub detained: Option<u32>,
    /// Released.
    pub released: Option<u32>,
    /// The text presents the event or its perpetrator as uncertain.
    pub hedged: bool,
    /// The perpetrator claimed it.
    pub claimed: bool,
    /// The source the text names.
    pub attribution: Option<Attribution>,
    /// Verbatim evidence spans, in text order.
    pub evidence: Vec<Evidence>,
    /// The words that opened the event's frame ("غارات", "اغتال"), inside the first
    /// evidence span; absent in records made before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Evidence>,
    /// 0..1, how sure the extractor is.
    pub confidence: f64,
}

/// PLOVER event type and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// One of the 16 PLOVER v0.8 types, e.g. `ASSAULT`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode, e.g. `explosives`.
    pub mode: Option<String>,
}

/// ACLED event classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcledCoding {
    /// e.g. `Political violence`.
    pub disorder_type: String,
    /// One of ACLED's 6 event types.
    pub event_type: String,
    /// One of ACLED's 25 sub-event types.
    pub sub_event_type: String,
    /// Actor categories pair, e.g. `Rebel group-Rebel group`.
    pub interaction: String,
}

/// Date precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day.
    Day,
    /// A range of up to a week.
    Week,
    /// A month or a range within about a month.
    Month,
    /// A year or longer.
    Year,
    /// No date.
    Unknown,
}

impl Precision {
    /// ACLED's time_precision: 1 day, 2 week, 3 month or vaguer.
    pub fn acled_time_precision(self) -> u8 {
        match self {
            Precision::Day => 1,
            Precision::Week => 2,
            _ => 3,
        }
    }

    /// Lower-case name as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

/// A date window `[start, end]` (inclusive ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateWindow {
    /// First possible day, `YYYY-MM-DD`.
    pub start: Option<String>,
    /// Last possible day.
    pub end: Option<String>,
    /// How precise the window is.
    pub precision: Precision,
    /// The words that gave the date.
    pub text: Option<String>,
}

impl DateWindow {
    /// The unknown date.
    pub fn unknown() -> Self {
        DateWindow {
            start: None,
            end: None,
            precision: Precision::Unknown,
            text: None,
        }
    }
}

fn yemen() -> String {
    "YEM".into()
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// English name of the place.
    pub name: String,
    /// Arabic name of the place.
    pub name_ar: String,
    /// ISO 3166-1 alpha-3 of the country where the event happened (`YEM` in Yemen), or
    /// `SEA` for an event at sea (then `name` names the sea). Events stored before this
    /// field existed were all located in Yemen, so a missing value reads as `YEM`.
    #[serde(default = "yemen")]
    pub country: String,
    /// Governorate (gazetteer `name_en`).
    pub admin1: Option<String>,
    /// Governorate p-code, e.g. `YE13`.
    pub admin1_pcode: Option<String>,
    /// District (gazetteer `name_en`).
    pub admin2: Option<String>,
    /// District p-code, e.g. `YE1405`.
    pub admin2_pcode: Option<String>,
    /// Latitude (WGS 84).
    pub lat: Option<f64>,
    /// Longitude (WGS 84).
    pub lon: Option<f64>,
    /// 1 = the place itself, 2 = near it / part of a region, 3 = only the governorate.
    pub geo_precision: u8,
    /// The words that named the place.
    pub text: Option<String>,
}

/// A canonical actor as it appears in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Canonical id, e.g. `houthis`.
    pub id: String,
    /// ACLED-style name.
    pub name: String,
    /// The words of the text that named it.
    pub text: Option<String>,
}

/// A named person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Name as written.
    pub name_ar: String,
    /// Title or role as written.
    pub role_ar: Option<String>,
    /// Canonical actor id of the person's side.
    pub affiliation: Option<String>,
}

/// Who the text says reported the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// anonymous_sources, security_sources, official, group_claim, media_report,
    /// observers or reporter.
    pub kind: String,
    /// The words naming the source.
    pub text: Option<String>,
}

/// A verbatim piece of the document that supports the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Char offset of the first char in [`crate::Document::text`].
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// `Document::text[start..end]` (in chars).
    pub text: String,
}

impl Evidence {
    /// The span of this evidence.
    pub fn span(&self) -> SrcSpan {
        SrcSpan::new(self.start, self.end)
    }
}
