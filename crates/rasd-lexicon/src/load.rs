//! Parsing the data files. Every parser collects problems instead of stopping at the first one.

use serde::Deserialize;

use crate::error::Problem;
use crate::{PlaceIntro, PlaceLevel};

/// Built-in data, embedded in the binary.
pub(crate) mod builtin {
    pub const ACTORS: &str = include_str!("../../../data/actors.tsv");
    pub const PLACES: &str = include_str!("../../../data/places.csv");
    pub const TITLES: &str = include_str!("../../../data/person_titles.tsv");
    pub const GIVEN: &str = include_str!("../../../data/given_names.tsv");
    pub const FAMILY: &str = include_str!("../../../data/family_names.tsv");
    pub const BLOCKERS: &str = include_str!("../../../data/blockers.tsv");
    pub const PLACE_RULES: &str = include_str!("../../../data/place_rules.tsv");
    pub const NAME_STOP: &str = include_str!("../../../data/name_stopwords.txt");
    pub const ACTOR_SENSES: &str = include_str!("../../../data/actor_senses.tsv");
    pub const YEMENI_ACTORS: &str = include_str!("../../../data/yemeni_actors.txt");
}

/// Collects problems for one file.
pub(crate) struct Sink<'a> {
    pub file: &'a str,
    pub problems: &'a mut Vec<Problem>,
}

impl Sink<'_> {
    pub(crate) fn push(&mut self, line: usize, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            message,
        });
    }
}

/// Data lines of a TSV/text file: (1-based line number, columns). Comment lines (`#`), empty lines
/// and the header (first non-comment line, when `header` is its first column) are skipped.
pub(crate) fn tsv_rows<'t>(text: &'t str, header: Option<&str>) -> Vec<(usize, Vec<&'t str>)> {
    let mut out = Vec::new();
    let mut seen_header = header.is_none();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !seen_header {
            seen_header = true;
            if Some(cols[0]) == header {
                continue;
            }
        }
        out.push((i + 1, cols));
    }
    out
}

/// One row of an actors file.
pub(crate) struct ActorRow {
    pub line: usize,
    pub id: String,
    pub parent: Option<String>,
    pub category: Option<u8>,
    pub name: String,
    pub forms: Vec<String>,
}

pub(crate) fn parse_actors(text: &str, sink: &mut Sink<'_>) -> Vec<ActorRow> {
    let mut out = Vec::new();
    for (line, cols) in tsv_rows(text, Some("id")) {
        if cols.len() != 5 {
            sink.push(
                line,
                format!("expected 5 tab-separated columns, found {}", cols.len()),
            );
            continue;
        }
        let id = cols[0].trim();
        if id.is_empty() {
            sink.push(line, "empty actor id".into());
            continue;
        }
        let category = match cols[2].trim() {
            "" => None,
            c => match c.parse::<u8>() {
                Ok(n @ 1..=8) => Some(n),
                _ => {
                    sink.push(
                        line,
                        format!("actor `{id}` has bad category `{c}` (expected 1..8)"),
                    );
                    continue;
                }
            },
        };
        let parent = Some(cols[1].trim())
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        let forms = cols[4]
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        out.push(ActorRow {
            line,
            id: id.to_string(),
            parent,
            category,
            name: cols[3].trim().to_string(),
            forms,
        });
    }
    out
}

#[derive(Debug, Deserialize)]
struct PlaceCsvRow {
    name_ar: String,
    name_en: String,
    level: String,
    pcode: String,
    admin1_pcode: String,
    admin2_pcode: String,
    lat: String,
    lon: String,
    forms: String,
}

/// One row of a places file.
pub(crate) struct PlaceRow {
    pub line: usize,
    pub name_ar: String,
    pub name_en: String,
    pub level: PlaceLevel,
    pub pcode: Option<String>,
    pub admin1_pcode: String,
    pub admin2_pcode: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub forms: Vec<String>,
}

pub(crate) fn parse_places(text: &str, sink: &mut Sink<'_>) -> Vec<PlaceRow> {
    let mut out = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            sink.push(1, format!("bad places header: {e}"));
            return out;
        }
    };
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                sink.push(line, format!("bad places row: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let r: PlaceCsvRow = match rec.deserialize(Some(&headers)) {
            Ok(r) => r,
            Err(e) => {
                sink.push(line, format!("bad places row: {e}"));
                continue;
            }
        };
        let level = match r.level.trim() {
            "admin1" => PlaceLevel::Admin1,
            "admin2" => PlaceLevel::Admin2,
            "admin3" => PlaceLevel::Admin3,
            "city" => PlaceLevel::City,
            "locality" => PlaceLevel::Locality,
            other => {
                sink.push(
                    line,
                    format!("place `{}` has bad level `{other}`", r.name_ar),
                );
                continue;
            }
        };
        let (Ok(lat), Ok(lon)) = (r.lat.trim().parse::<f64>(), r.lon.trim().parse::<f64>()) else {
            sink.push(
                line,
                format!(
                    "place `{}` has bad coordinates `{},{}`",
                    r.name_ar, r.lat, r.lon
                ),
            );
            continue;
        };
        // "NaN", "inf" and "1e400" parse as floats; none is a place on Earth.
        if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
            sink.push(
                line,
                format!(
                    "place `{}` has coordinates out of range `{},{}` (latitude -90..90, \
                     longitude -180..180)",
                    r.name_ar,
                    r.lat.trim(),
                    r.lon.trim()
                ),
            );
            continue;
        }
        if r.name_ar.trim().is_empty() || r.admin1_pcode.trim().is_empty() {
            sink.push(line, "place needs name_ar and admin1_pcode".into());
            continue;
        }
        let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
        out.push(PlaceRow {
            line,
            name_ar: r.name_ar.trim().to_string(),
            name_en: r.name_en.trim().to_string(),
            level,
            pcode: opt(&r.pcode),
            admin1_pcode: r.admin1_pcode.trim().to_string(),
            admin2_pcode: opt(&r.admin2_pcode),
            lat,
            lon,
            forms: r
                .forms
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    out
}

/// What a word of `person_titles.tsv` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleKind {
    /// A role title; `official` ones may also follow the name.
    Role { after_name: bool },
    /// المكني، ويدعى: introduces a name, is not a role.
    Alias,
    /// السابق: may stand between a title and the name.
    Modifier,
    /// التابع، المعين: links a name to a following actor.
    Affiliation,
}

pub(crate) fn title_kind(s: &str) -> Option<TitleKind> {
    Some(match s {
        "official" | "political" | "military" => TitleKind::Role { after_name: true },
        "tribal" | "militant" | "media" | "civil" => TitleKind::Role { after_name: false },
        "alias" => TitleKind::Alias,
        "modifier" => TitleKind::Modifier,
        "affiliation" => TitleKind::Affiliation,
        _ => return None,
    })
}

/// Match-time rule for a place name that is also a common word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum PlaceRule {
    #[default]
    Plain,
    /// Only right after an intro word.
    Intro,
    /// Not right after a definite noun.
    Adjective,
    /// Only with a place's context: an intro word, the preposition ب, or في/من/إلى/قرب
    /// right before it (الجوف "the interior": "في الجوف" is the governorate).
    Context,
    /// The Yemeni place only right after an intro word; without one, the foreign place
    /// of the same name ("في القاهرة" is Cairo, "مديرية القاهرة" the Taiz district).
    IntroInYemen,
}

/// The words that introduce a place name.
pub(crate) const INTROS: &[(&str, PlaceIntro)] = &[
    ("محافظة", PlaceIntro::Governorate),
    ("مدينة", PlaceIntro::City),
    ("مديرية", PlaceIntro::District),
    ("منطقة", PlaceIntro::Area),
    ("قرية", PlaceIntro::Village),
    ("عزلة", PlaceIntro::Area),
    ("العاصمة", PlaceIntro::Capital),
];
