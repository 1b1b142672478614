//! The regional gazetteer (`data/geo/`, Natural Earth): countries, admin-1 units, cities and
//! seas around Yemen, loaded into the same place table and automaton as the Yemeni p-code
//! gazetteer. Yemen's own p-code places stay the authority inside Yemen: a Natural Earth
//! Yemeni city is added only under a name no Yemeni place has, and the matcher prefers a
//! Yemeni reading of a shared name (`find.rs`). Forms listed in a row's
//! `ambiguous_alts_ar` or `political_alts_ar` and in `region_stoplist.txt` are never matched
//! alone.

use std::collections::{HashMap, HashSet};

use rasd_text::normalize_key;

use crate::error::Problem;
use crate::lexicon::{Place, PlaceId, PlaceLevel};
use crate::matcher::pattern_key;

const COUNTRIES: &str = include_str!("../../../data/geo/region_countries.csv");
const ADMIN1: &str = include_str!("../../../data/geo/region_admin1.csv");
const PLACES: &str = include_str!("../../../data/geo/region_places.csv");
const SUPPLEMENT: &str = include_str!("../../../data/geo/region_places_supplement.csv");
const SEAS: &str = include_str!("../../../data/geo/seas.csv");
const STOPLIST: &str = include_str!("../../../data/geo/region_stoplist.txt");

/// One row of a regional file, read by column name.
struct Row<'a> {
    headers: &'a csv::StringRecord,
    rec: csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, col: &str) -> &str {
        self.headers
            .iter()
            .position(|h| h == col)
            .and_then(|i| self.rec.get(i))
            .map_or("", str::trim)
    }

    fn list(&self, col: &str) -> impl Iterator<Item = &str> {
        self.get(col)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

fn read<'a>(
    file: &str,
    text: &str,
    headers: &'a mut csv::StringRecord,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, Row<'a>)> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    match rdr.headers() {
        Ok(h) => *headers = h.clone(),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: 1,
                message: format!("bad header: {e}"),
            });
            return Vec::new();
        }
    }
    let headers: &'a csv::StringRecord = headers;
    let mut out = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line() as usize);
                out.push((line, Row { headers, rec }));
            }
            Err(e) => problems.push(Problem {
                file: file.into(),
                line: e.position().map_or(0, |p| p.line() as usize),
                message: format!("bad row: {e}"),
            }),
        }
    }
    out
}

/// Adds the regional places to the table built from `places.csv`.
pub(crate) fn add_region(
    places: &mut Vec<Place>,
    admin1: &mut HashMap<String, PlaceId>,
    group_of: &mut HashMap<String, usize>,
    place_groups: &mut Vec<Vec<PlaceId>>,
    problems: &mut Vec<Problem>,
) {
    let stop: HashSet<String> = STOPLIST
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(normalize_key)
        .collect();
    // Names a Yemeni p-code place already has.
    let yemeni: HashSet<String> = group_of.keys().cloned().collect();
    let files: [(&str, &str, PlaceLevel); 5] = [
        (
            "data/geo/region_countries.csv",
            COUNTRIES,
            PlaceLevel::Country,
        ),
        ("data/geo/region_admin1.csv", ADMIN1, PlaceLevel::Admin1),
        ("data/geo/region_places.csv", PLACES, PlaceLevel::City),
        (
            "data/geo/region_places_supplement.csv",
            SUPPLEMENT,
            PlaceLevel::City,
        ),
        ("data/geo/seas.csv", SEAS, PlaceLevel::Sea),
    ];
    for (file, text, level) in files {
        let mut headers = csv::StringRecord::new();
        for (line, row) in read(file, text, &mut headers, problems) {
            let mut problem = |message: String| {
                problems.push(Problem {
                    file: file.into(),
                    line,
                    message,
                })
            };
            let name_ar = row.get("name_ar");
            let (Ok(lat), Ok(lon)) = (row.get("lat").parse::<f64>(), row.get("lon").parse::<f64>())
            else {
                problem(format!("place `{name_ar}` has bad coordinates"));
                continue;
            };
            if name_ar.is_empty() || !lat.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
                problem(format!("place `{name_ar}` needs a name and coordinates"));
                continue;
            }
            let country = match level {
                PlaceLevel::Sea => "SEA".to_string(),
                _ => row.get("iso3").to_string(),
            };
            if country.len() != 3 {
                problem(format!("place `{name_ar}` has bad iso3 `{country}`"));
                continue;
            }
            // Yemen is its own p-code gazetteer; only the country itself and NE cities
            // under names no Yemeni place has come from here.
            let is_yemen = country == "YEM";
            let admin1_pcode = match level {
                PlaceLevel::Admin1 => row.get("admin1_code").to_string(),
                PlaceLevel::City if !is_yemen => row.get("admin1_code").to_string(),
                _ => String::new(),
            };
            let skip: HashSet<String> = row
                .list("ambiguous_alts_ar")
                .chain(row.list("political_alts_ar"))
                .map(normalize_key)
                .collect();
            let mut keys: Vec<String> = Vec::new();
            for form in std::iter::once(name_ar).chain(row.list("alt_names_ar")) {
                let key = pattern_key(form);
                let norm = normalize_key(form);
                if key.is_empty()
                    || skip.contains(&norm)
                    || stop.contains(&norm)
                    || (is_yemen && level == PlaceLevel::City && yemeni.contains(&key))
                    || keys.contains(&key)
                {
                    continue;
                }
                keys.push(key);
            }
            let id = PlaceId(places.len() as u32);
            if level == PlaceLevel::Admin1 {
                if admin1_pcode.is_empty() || admin1.contains_key(&admin1_pcode) {
                    problem(format!(
                        "admin1 code `{admin1_pcode}` is empty or defined twice"
                    ));
                    continue;
                }
                admin1.insert(admin1_pcode.clone(), id);
            }
            for key in keys {
                let g = *group_of.entry(key).or_insert_with(|| {
                    place_groups.push(Vec::new());
                    place_groups.len() - 1
                });
                place_groups[g].push(id);
            }
            places.push(Place {
                id,
                name_ar: name_ar.to_string(),
                name_en: row.get("name_en").to_string(),
                level,
                pcode: None,
                admin1_pcode,
                admin2_pcode: None,
                lat,
                lon,
                country,
            });
        }
    }
}
