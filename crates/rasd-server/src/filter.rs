//! Query parameters shared by the list, map, timeline, graph, stats and export
//! routes, so one set of filters drives every view of the UI.
//!
//! The query string is parsed here rather than by a deserializer so that every
//! mistake gets a JSON error with a stable code naming the parameter: an unknown
//! parameter (`actors=`) with the closest known one, a repeated single-valued
//! parameter, bytes that are not UTF-8, a query longer than [`MAX_QUERY_BYTES`].
//! Values that need the data (actor ids, governorates) are checked by
//! [`crate::catalog::Catalog::resolve`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::error::{AppError, ParamError};
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

/// Longest accepted query string. Filters of the UI stay far below; a longer
/// query is a mistake or an attack and gets a JSON 414.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;

/// Parameters every filtered route accepts.
pub(crate) const FILTER_KEYS: [&str; 15] = [
    "from",
    "to",
    "type",
    "actor",
    "country",
    "admin1",
    "admin2",
    "q",
    "doc",
    "located",
    "dated",
    "hedged",
    "min_confidence",
    "acled_type",
    "sub_event_type",
];

/// Parameters that take several values, comma-separated or repeated.
const LIST_KEYS: [&str; 7] = [
    "type",
    "actor",
    "country",
    "admin1",
    "admin2",
    "acled_type",
    "sub_event_type",
];

/// Extra parameters of `GET /api/events`.
pub(crate) const PAGE_KEYS: [&str; 4] = ["limit", "offset", "sort", "view"];
/// Extra parameter of `GET /api/export`.
pub(crate) const EXPORT_KEYS: [&str; 1] = ["format"];
/// Extra parameter of `GET /api/graph`.
pub(crate) const GRAPH_KEYS: [&str; 1] = ["top"];

/// The query string, decoded and checked against the parameters a route accepts.
/// List parameters keep every value (repeats and comma lists); the others one.
#[derive(Debug, Default)]
pub struct FilterParams {
    values: BTreeMap<String, Vec<String>>,
}

/// The accepted value closest to `given`, if one is close enough to be a
/// plausible typo or variant: fewest edits (Damerau–Levenshtein, case-folded),
/// ties broken by Jaro–Winkler similarity; accepted when the edits are few for
/// the word's length, the similarity is high, or one is a prefix of the other.
pub(crate) fn closest<'a>(given: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let g = given.to_lowercase();
    let allowed_edits = (g.chars().count() / 3).max(1);
    let mut best: Option<(usize, f64, &str)> = None;
    for v in valid {
        let lv = v.to_lowercase();
        let edits = strsim::damerau_levenshtein(&g, &lv);
        let sim = strsim::jaro_winkler(&g, &lv);
        let plausible = edits <= allowed_edits
            || sim >= 0.85
            || (g.len() >= 3 && (lv.starts_with(&g) || g.starts_with(&lv)));
        if !plausible {
            continue;
        }
        let better = match best {
            None => true,
            Some((e, s, _)) => edits < e || (edits == e && sim > s),
        };
        if better {
            best = Some((edits, sim, v));
        }
    }
    best.map(|(_, _, v)| v.to_owned())
}

fn decode(raw: &str, what: &str) -> Result<String, AppError> {
    let bytes = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&bytes)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| {
            AppError::param(
                "invalid_encoding",
                what,
                format!("`{what}` is not valid UTF-8 after percent-decoding"),
            )
        })
}

impl FilterParams {
    /// Parses `raw` (the query string without `?`); `extra` are the route's own
    /// parameters besides [`FILTER_KEYS`].
    pub fn from_query(raw: Option<&str>, extra: &[&str]) -> Result<FilterParams, AppError> {
        let allowed: Vec<&str> = FILTER_KEYS.iter().chain(extra).copied().collect();
        FilterParams::from_query_only(raw, &allowed)
    }

    /// Parses `raw` accepting exactly the parameters `allowed`.
    pub fn from_query_only(raw: Option<&str>, allowed: &[&str]) -> Result<FilterParams, AppError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(AppError::param(
                "query_too_long",
                "",
                format!(
                    "the query string is {} bytes; at most {MAX_QUERY_BYTES} are accepted",
                    raw.len()
                ),
            ));
        }
        let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k, "parameter name")?;
            if !allowed.contains(&key.as_str()) {
                let mut valid: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
                valid.sort();
                return Err(AppError::Param(Box::new(ParamError {
                    code: "unknown_parameter",
                    message: format!("unknown parameter `{key}` (accepted: {})", valid.join(", ")),
                    did_you_mean: closest(&key, allowed.iter().copied()),
                    param: key,
                    valid,
                })));
            }
            let value = decode(v, &key)?;
            let slot = values.entry(key.clone()).or_default();
            if LIST_KEYS.contains(&key.as_str()) {
                slot.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
            } else if slot.is_empty() {
                slot.push(value);
            } else {
                return Err(AppError::param(
                    "repeated_parameter",
                    &key,
                    format!("`{key}` is given more than once; it takes one value"),
                ));
            }
        }
        Ok(FilterParams { values })
    }

    /// A single-valued parameter, trimmed; `None` when absent or empty.
    pub fn one(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .and_then(|v| v.first())
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// Every value of a list parameter.
    pub fn list(&self, key: &str) -> &[String] {
        self.values.get(key).map_or(&[], Vec::as_slice)
    }

    #[cfg(test)]
    fn set(mut self, key: &str, value: &str) -> Self {
        self.values.insert(key.into(), vec![value.into()]);
        self
    }
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

/// A search word: folded, and its light stem for Arabic (see [`stem`]), with
/// the Arabic words an English search word also matches (`data/search_terms.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchWord {
    pub folded: String,
    pub stem: Option<String>,
    /// Folded Arabic words or phrases, each with its stem (single words only).
    pub alternatives: Vec<(String, Option<String>)>,
}

impl SearchWord {
    /// Folds `word` and looks it up in the English glossary.
    pub fn new(word: &str) -> SearchWord {
        let folded = fold(word);
        let alternatives = english_terms()
            .get(folded.as_str())
            .map(|forms| {
                forms
                    .iter()
                    .map(|f| (f.clone(), if f.contains(' ') { None } else { stem(f) }))
                    .collect()
            })
            .unwrap_or_default();
        SearchWord {
            stem: stem(&folded),
            folded,
            alternatives,
        }
    }
}

/// `data/search_terms.tsv`: English word → folded Arabic forms.
fn english_terms() -> &'static std::collections::HashMap<String, Vec<String>> {
    static TERMS: std::sync::LazyLock<std::collections::HashMap<String, Vec<String>>> =
        std::sync::LazyLock::new(|| {
            include_str!("../../../data/search_terms.tsv")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .skip(1)
                .filter_map(|l| {
                    let (en, ar) = l.split_once('\t')?;
                    let forms = ar
                        .split('|')
                        .map(|f| fold(f.trim()))
                        .filter(|f| !f.is_empty());
                    Some((fold(en.trim()), forms.collect()))
                })
                .collect()
        });
    &TERMS
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
    /// Countries: upper-case ISO 3166-1 alpha-3 codes or `SEA`; empty = any.
    pub countries: Vec<String>,
    /// Governorates as given (p-codes, English or Arabic names); the catalog
    /// resolves them to p-codes. Empty = any.
    pub admin1: Vec<String>,
    /// Districts as given; resolved to p-codes like `admin1`. Empty = any.
    pub admin2: Vec<String>,
    /// Words that must all occur in the event's text fields.
    pub words: Vec<SearchWord>,
    /// Only events of this document.
    pub doc: Option<String>,
    /// `Some(false)`: only events the map cannot place (no coordinates and no
    /// governorate); `Some(true)`: only events it can.
    pub located: Option<bool>,
    /// `Some(false)`: only events without a date; `Some(true)`: only dated ones.
    pub dated: Option<bool>,
    /// Only hedged (`true`) or only firm (`false`) reports.
    pub hedged: Option<bool>,
    /// Lowest extractor confidence, 0..1.
    pub min_confidence: Option<f64>,
    /// ACLED event types (as in `data/rules/acled.csv`); empty = any.
    pub acled_types: Vec<String>,
    /// ACLED sub-event types; empty = any.
    pub sub_event_types: Vec<String>,
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

fn invalid(param: &str, message: String) -> AppError {
    AppError::param("invalid_value", param, message)
}

fn date(p: &FilterParams, name: &str) -> Result<Option<NaiveDate>, AppError> {
    match p.one(name) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                invalid(
                    name,
                    format!("invalid `{name}`: expected YYYY-MM-DD, got `{s}`"),
                )
            }),
    }
}

fn number(p: &FilterParams, name: &str, default: usize, max: usize) -> Result<usize, AppError> {
    match p.one(name) {
        None => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(invalid(
                name,
                format!("invalid `{name}`: expected an integer from 0 to {max}, got `{s}`"),
            )),
        },
    }
}

fn yes_no(p: &FilterParams, name: &str) -> Result<Option<bool>, AppError> {
    match p.one(name).map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("yes" | "true" | "1") => Ok(Some(true)),
        Some("no" | "false" | "0") => Ok(Some(false)),
        Some(other) => Err(invalid(
            name,
            format!("invalid `{name}`: expected yes or no, got `{other}`"),
        )),
    }
}

/// `country=`: ISO 3166-1 alpha-3 codes (`YEM`, `ISR`) or `SEA`, any case.
fn countries(p: &FilterParams) -> Result<Vec<String>, AppError> {
    p.list("country")
        .iter()
        .map(|c| {
            let code = c.trim().to_ascii_uppercase();
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                Ok(code)
            } else {
                Err(invalid(
                    "country",
                    format!(
                        "invalid `country`: expected an ISO 3166-1 alpha-3 code (YEM, ISR) or SEA, got `{c}`"
                    ),
                ))
            }
        })
        .collect()
}

/// ACLED event and sub-event types, from the coding table the extractor uses.
pub(crate) fn acled_vocabulary() -> (Vec<&'static str>, Vec<&'static str>) {
    let table = include_str!("../../../data/rules/acled.csv");
    let mut events = Vec::new();
    let mut subs = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = line.split(',');
        if let (Some(sub), Some(ev)) = (cols.next(), cols.next()) {
            subs.push(sub.trim());
            if !events.contains(&ev.trim()) {
                events.push(ev.trim());
            }
        }
    }
    (events, subs)
}

/// Values of a list parameter that must come from `vocab` (case-insensitive),
/// returned in the vocabulary's spelling.
fn from_vocab(p: &FilterParams, name: &str, vocab: &[&str]) -> Result<Vec<String>, AppError> {
    p.list(name)
        .iter()
        .map(|given| {
            vocab
                .iter()
                .find(|v| v.eq_ignore_ascii_case(given))
                .map(|v| v.to_string())
                .ok_or_else(|| {
                    AppError::Param(Box::new(ParamError {
                        code: "unknown_value",
                        param: name.to_owned(),
                        message: format!(
                            "invalid `{name}`: `{given}` is not one of {}",
                            vocab.join(", ")
                        ),
                        valid: vocab.iter().map(|s| s.to_string()).collect(),
                        did_you_mean: closest(given, vocab.iter().copied()),
                    }))
                })
        })
        .collect()
}

impl Filter {
    /// Validates the filter part of `p` (the values that need no data).
    pub fn parse(p: &FilterParams) -> Result<Filter, AppError> {
        let from = date(p, "from")?;
        let to = date(p, "to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(invalid(
                    "from",
                    format!("invalid range: `from` {f} is after `to` {t}"),
                ));
            }
        }
        let types = from_vocab(p, "type", &PLOVER_TYPES)?;
        let (acled_events, acled_subs) = acled_vocabulary();
        let q = p.one("q").unwrap_or("");
        if q.chars().count() > 500 {
            return Err(invalid(
                "q",
                "invalid `q`: longer than 500 characters".into(),
            ));
        }
        let min_confidence = match p.one("min_confidence") {
            None => None,
            Some(s) => match s.parse::<f64>() {
                Ok(x) if (0.0..=1.0).contains(&x) => Some(x),
                _ => {
                    return Err(invalid(
                        "min_confidence",
                        format!(
                            "invalid `min_confidence`: expected a number from 0 to 1, got `{s}`"
                        ),
                    ))
                }
            },
        };
        Ok(Filter {
            from,
            to,
            types,
            actors: p.list("actor").to_vec(),
            countries: countries(p)?,
            admin1: p.list("admin1").to_vec(),
            admin2: p.list("admin2").to_vec(),
            words: q.split_whitespace().map(SearchWord::new).collect(),
            doc: p.one("doc").map(str::to_owned),
            located: yes_no(p, "located")?,
            dated: yes_no(p, "dated")?,
            hedged: yes_no(p, "hedged")?,
            min_confidence,
            acled_types: from_vocab(p, "acled_type", &acled_events)?,
            sub_event_types: from_vocab(p, "sub_event_type", &acled_subs)?,
        })
    }
}

impl Page {
    /// Validates `limit`, `offset` and `sort`.
    pub fn parse(p: &FilterParams) -> Result<Page, AppError> {
        let sort = match p.one("sort") {
            None => Sort::DateDesc,
            Some(s) => Sort::parse(s).ok_or_else(|| {
                AppError::Param(Box::new(ParamError {
                    code: "unknown_value",
                    param: "sort".into(),
                    message: format!("invalid `sort`: `{s}` (one of {})", Sort::NAMES.join(", ")),
                    valid: Sort::NAMES.iter().map(|s| s.to_string()).collect(),
                    did_you_mean: closest(s, Sort::NAMES),
                }))
            })?,
        };
        let limit = number(p, "limit", DEFAULT_LIMIT, MAX_LIMIT)?;
        let offset = number(p, "offset", 0, usize::MAX / 2)?;
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

/// Light stem of a folded Arabic word, so that a search for غارة also finds
/// غارات and الغارة: the article and a leading conjunction or preposition
/// (و ف ب ل ك before ال), then one plural, dual or feminine ending are cut.
/// The stem keeps at least three letters; `None` for words that are not
/// Arabic or too short to stem safely (they match as written).
pub(crate) fn stem(folded: &str) -> Option<String> {
    let is_arabic = |c: char| ('\u{0621}'..='\u{064A}').contains(&c);
    if !folded.chars().all(is_arabic) || folded.chars().count() < 4 {
        return None;
    }
    let mut w: &str = folded;
    for prefix in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(prefix) {
            if rest.chars().count() >= 3 {
                w = rest;
                break;
            }
        }
    }
    for suffix in ["ات", "ون", "ين", "ان", "يه", "ه", "ي"] {
        if let Some(rest) = w.strip_suffix(suffix) {
            if rest.chars().count() >= 3 {
                w = rest;
                break;
            }
        }
    }
    Some(w.to_owned())
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
    fn singular_plural_and_definite_forms_share_a_stem() {
        let s = |w: &str| stem(&fold(w));
        assert_eq!(s("غارة"), Some("غار".into()));
        assert_eq!(s("غارات"), s("غارة"));
        assert_eq!(s("الغارات"), s("غارة"));
        assert_eq!(s("والمسلحين"), s("مسلحون"));
        assert_eq!(s("قتل"), None, "three letters are left alone");
        assert_eq!(s("airstrike"), None);
    }

    #[test]
    fn english_words_bring_their_arabic_forms() {
        let w = SearchWord::new("Airstrike");
        assert_eq!(w.folded, "airstrike");
        assert!(w
            .alternatives
            .iter()
            .any(|(f, s)| f == "غاره" && s.as_deref() == Some("غار")));
        assert!(w
            .alternatives
            .iter()
            .any(|(f, s)| f == "قصف جوي" && s.is_none()));
        assert!(SearchWord::new("houthis").alternatives.is_empty());
    }

    #[test]
    fn bad_values_are_rejected_with_the_parameter_name() {
        let err = Filter::parse(&FilterParams::default().set("from", "notadate")).unwrap_err();
        assert!(
            matches!(err, AppError::Param(p) if p.param == "from" && p.code == "invalid_value")
        );
        let p = FilterParams::from_query(Some("type=assault,EXPLODE"), &[]).unwrap();
        let err = Filter::parse(&p).unwrap_err();
        assert!(
            matches!(err, AppError::Param(p) if p.param == "type" && p.code == "unknown_value")
        );
        assert!(Page::parse(&FilterParams::default().set("limit", "-1")).is_err());
    }

    #[test]
    fn query_strings_are_decoded_and_checked() {
        let p = FilterParams::from_query(
            Some("type=ASSAULT&type=agree,protest&q=%D8%BA%D8%A7%D8%B1%D8%A9+x"),
            &[],
        )
        .unwrap();
        assert_eq!(p.list("type"), ["ASSAULT", "agree", "protest"]);
        assert_eq!(p.one("q"), Some("غارة x"));
        let f = Filter::parse(&p).unwrap();
        assert_eq!(f.types, ["ASSAULT", "AGREE", "PROTEST"]);
        assert_eq!(f.words.len(), 2);

        let err = FilterParams::from_query(Some("actors=houthis"), &[]).unwrap_err();
        assert!(matches!(&err, AppError::Param(p)
            if p.code == "unknown_parameter" && p.did_you_mean.as_deref() == Some("actor")));
        let err =
            FilterParams::from_query(Some("from=2015-01-01&from=2015-02-01"), &[]).unwrap_err();
        assert!(
            matches!(&err, AppError::Param(p) if p.code == "repeated_parameter" && p.param == "from")
        );
        let err = FilterParams::from_query(Some("q=%FF%FE"), &[]).unwrap_err();
        assert!(
            matches!(&err, AppError::Param(p) if p.code == "invalid_encoding" && p.param == "q")
        );
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES));
        let err = FilterParams::from_query(Some(&long), &[]).unwrap_err();
        assert!(matches!(&err, AppError::Param(p) if p.code == "query_too_long"));
        // A route's own parameters are accepted only there.
        assert!(FilterParams::from_query(Some("limit=5"), &PAGE_KEYS).is_ok());
        assert!(FilterParams::from_query(Some("limit=5"), &[]).is_err());
    }

    #[test]
    fn acled_types_and_flags_are_validated() {
        let p = FilterParams::from_query(
            Some("acled_type=battles&sub_event_type=Air%2Fdrone+strike&located=no&hedged=yes&min_confidence=0.5"),
            &[],
        )
        .unwrap();
        let f = Filter::parse(&p).unwrap();
        assert_eq!(f.acled_types, ["Battles"]);
        assert_eq!(f.sub_event_types, ["Air/drone strike"]);
        assert_eq!(
            (f.located, f.hedged, f.min_confidence),
            (Some(false), Some(true), Some(0.5))
        );
        let p = FilterParams::from_query(Some("acled_type=Batles"), &[]).unwrap();
        let err = Filter::parse(&p).unwrap_err();
        assert!(matches!(&err, AppError::Param(p) if p.did_you_mean.as_deref() == Some("Battles")));
        let p = FilterParams::from_query(Some("located=maybe"), &[]).unwrap();
        assert!(Filter::parse(&p).is_err());
    }
}
