//! Query parameters shared by the list, map, timeline, graph, stats and export
//! routes, so one set of filters drives every view of the UI.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::AppError;
pub(crate) use rasd_model::vocab::PLOVER_TYPES;

/// PLOVER types that count as cooperation in the actor graph; the others
/// (ACCUSE … ASSAULT) count as conflict. This follows PLOVER's own split
/// into cooperative and conflictual categories.
pub(crate) fn is_cooperation(plover_type: &str) -> bool {
    matches!(
        plover_type,
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" | "COOPERATE" | "AID" | "RETREAT" | "REQUEST"
    )
}

/// Raw query string; every field is parsed by [`Filter::parse`] so that a bad
/// value gets a message naming the parameter.
#[derive(Debug, Default, Deserialize)]
pub struct FilterParams {
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub actor: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub q: Option<String>,
    pub doc: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub sort: Option<String>,
    pub format: Option<String>,
    /// `full` (default) or `points`: only what a map point needs.
    pub view: Option<String>,
}

/// Sort orders of `GET /api/events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    DateDesc,
    DateAsc,
    FatalitiesDesc,
    ConfidenceDesc,
}

impl Sort {
    pub(crate) const NAMES: [&'static str; 4] = [
        "date_desc",
        "date_asc",
        "fatalities_desc",
        "confidence_desc",
    ];

    fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "date_desc" | "-date" => Sort::DateDesc,
            "date_asc" | "date" => Sort::DateAsc,
            "fatalities_desc" | "-fatalities" => Sort::FatalitiesDesc,
            "confidence_desc" | "-confidence" => Sort::ConfidenceDesc,
            _ => return None,
        })
    }
}

/// Parsed, validated filters.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Upper-case PLOVER types; empty = any.
    pub types: Vec<String>,
    /// Actor ids; empty = any.
    pub actors: Vec<String>,
    /// Governorate p-codes or English names (lower-case); empty = any.
    pub admin1: Vec<String>,
    /// District p-codes or English names (lower-case); empty = any.
    pub admin2: Vec<String>,
    /// Folded words that must all occur in the event's text fields.
    pub words: Vec<String>,
    /// Only events of this document.
    pub doc: Option<String>,
}

/// Paging and order of a list.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
}

/// Largest page a client may ask for.
pub const MAX_LIMIT: usize = 10_000;
const DEFAULT_LIMIT: usize = 100;

fn list(v: &Option<String>) -> Vec<String> {
    v.as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn date(name: &str, v: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::BadRequest(format!("invalid `{name}`: expected YYYY-MM-DD, got `{s}`"))
            }),
    }
}

fn number(name: &str, v: &Option<String>, default: usize, max: usize) -> Result<usize, AppError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(AppError::BadRequest(format!(
                "invalid `{name}`: expected an integer from 0 to {max}, got `{s}`"
            ))),
        },
    }
}

impl Filter {
    /// Validates the filter part of `p`.
    pub fn parse(p: &FilterParams) -> Result<Filter, AppError> {
        let from = date("from", &p.from)?;
        let to = date("to", &p.to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(AppError::BadRequest(format!(
                    "invalid range: `from` {f} is after `to` {t}"
                )));
            }
        }
        let mut types = Vec::new();
        for t in list(&p.event_type) {
            let up = t.to_ascii_uppercase();
            if !PLOVER_TYPES.contains(&up.as_str()) {
                return Err(AppError::BadRequest(format!(
                    "invalid `type`: `{t}` is not a PLOVER type (one of {})",
                    PLOVER_TYPES.join(", ")
                )));
            }
            types.push(up);
        }
        let lower = |v: &Option<String>| list(v).into_iter().map(|s| s.to_lowercase()).collect();
        let q = p.q.as_deref().unwrap_or("");
        if q.chars().count() > 500 {
            return Err(AppError::BadRequest(
                "invalid `q`: longer than 500 characters".into(),
            ));
        }
        Ok(Filter {
            from,
            to,
            types,
            actors: list(&p.actor),
            admin1: lower(&p.admin1),
            admin2: lower(&p.admin2),
            words: fold(q).split_whitespace().map(str::to_owned).collect(),
            doc: p
                .doc
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        })
    }
}

impl Page {
    /// Validates `limit`, `offset` and `sort`.
    pub fn parse(p: &FilterParams) -> Result<Page, AppError> {
        let sort = match p.sort.as_deref().map(str::trim) {
            None | Some("") => Sort::DateDesc,
            Some(s) => Sort::parse(s).ok_or_else(|| {
                AppError::BadRequest(format!(
                    "invalid `sort`: `{s}` (one of {})",
                    Sort::NAMES.join(", ")
                ))
            })?,
        };
        let limit = number("limit", &p.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
        let offset = number("offset", &p.offset, 0, usize::MAX / 2)?;
        Ok(Page {
            limit,
            offset,
            sort,
        })
    }
}

/// Folds Arabic spelling variants for search, the way news text and a user's
/// query most often differ: diacritics (U+064B–U+065F, U+0670) and tatweel
/// (U+0640) are dropped; hamza-carrying alifs (أ إ آ ٱ) become ا; ة becomes ه
/// and ى becomes ي. Latin letters are lower-cased.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => out.push('\u{0627}'),
            '\u{0629}' => out.push('\u{0647}'),
            '\u{0649}' => out.push('\u{064A}'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_diacritics_and_unifies_letters() {
        // "مأرب" with hamza, "شبوة" with ta marbuta, tanwin and tatweel.
        assert_eq!(fold("مأرب"), "مارب");
        assert_eq!(fold("شبوة"), "شبوه");
        assert_eq!(fold("هجوماً\u{0640}"), "هجوما");
        assert_eq!(fold("AQAP"), "aqap");
    }

    #[test]
    fn bad_values_are_rejected_with_the_parameter_name() {
        let p = FilterParams {
            from: Some("notadate".into()),
            ..Default::default()
        };
        let err = Filter::parse(&p).unwrap_err();
        assert!(matches!(err, AppError::BadRequest(m) if m.contains("`from`")));
        let p = FilterParams {
            event_type: Some("assault,EXPLODE".into()),
            ..Default::default()
        };
        assert!(Filter::parse(&p).is_err());
        let p = FilterParams {
            limit: Some("-1".into()),
            ..Default::default()
        };
        assert!(Page::parse(&p).is_err());
    }
}
