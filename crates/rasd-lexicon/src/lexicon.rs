//! The [`Lexicon`]: loading, validation and mention finding.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use rasd_text::{normalize_key, CliticSplit, NormSpan};

use crate::error::{LexiconError, Problem};
use crate::load::{self, builtin, PlaceRule, Sink, TitleKind, INTROS};
use crate::matcher::{pattern_key, Core, CoreBuilder};

/// A canonical actor (spec/events.md) or one of its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical id, e.g. `houthis`.
    pub id: String,
    /// ACLED-style name.
    pub name: String,
    /// Parent actor id (a Houthi security service → `houthis`).
    pub parent: Option<String>,
    /// ACLED inter code 1..8.
    pub category: u8,
    /// Surface forms as written in the data files.
    pub forms: Vec<String>,
}

/// Index of a place in [`Lexicon::places`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// Administrative level of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceLevel {
    /// Governorate (COD-AB ADM1).
    Admin1,
    /// District (COD-AB ADM2).
    Admin2,
    /// Sub-district, uzla (COD-AB ADM3 / Yemen-info).
    Admin3,
    /// A town or city (hand-curated).
    City,
    /// A named locality: village, base, crossing (hand-curated).
    Locality,
    /// A whole country (regional gazetteer, `data/geo/region_countries.csv`).
    Country,
    /// A sea, gulf or strait (`data/geo/seas.csv`); its country is `SEA`.
    Sea,
}

/// A gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its index.
    pub id: PlaceId,
    /// Arabic name (standard spelling).
    pub name_ar: String,
    /// English name (OCHA transliteration for admin units).
    pub name_en: String,
    /// Level.
    pub level: PlaceLevel,
    /// Its own p-code (admin units; cities have none).
    pub pcode: Option<String>,
    /// Governorate p-code (`YE13`); outside Yemen the Natural Earth `admin1_code`
    /// (`ISR-1386`). Empty for a country, a sea, or a city without a known admin1.
    pub admin1_pcode: String,
    /// District p-code, when known.
    pub admin2_pcode: Option<String>,
    /// Latitude (WGS 84).
    pub lat: f64,
    /// Longitude (WGS 84).
    pub lon: f64,
    /// ISO 3166-1 alpha-3 of its country (`YEM`), or `SEA` for a sea, gulf or strait.
    pub country: String,
}

/// The word that introduced a place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceIntro {
    /// محافظة
    Governorate,
    /// مدينة
    City,
    /// مديرية
    District,
    /// منطقة، عزلة
    Area,
    /// قرية
    Village,
    /// العاصمة
    Capital,
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// An actor, by canonical id.
    Actor {
        /// Canonical actor id.
        id: String,
    },
    /// A place.
    Place {
        /// The place.
        id: PlaceId,
        /// The intro word before it, if any (included in the mention's span).
        intro: Option<PlaceIntro>,
    },
    /// A person.
    Person {
        /// The name.
        name: NormSpan,
        /// The role title (اللواء، وكيل محافظة البيضاء), if any.
        role: Option<NormSpan>,
        /// Actor id the text ties the person to (التابع للحوثيين، عبدالملك الحوثي).
        affiliation: Option<String>,
    },
}

/// A dictionary mention in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Whole tokens, proclitics included ("بمحافظه البيضاء", "لتنظيم القاعده").
    pub span: NormSpan,
    /// `span` without the first token's proclitics; `stem_span.start == span.start +
    /// split.offset`. For the لل spelling (للحوثيين, للجنة) it starts after the preposition ل
    /// (لحوثيين), because the article's alef is not written.
    pub stem_span: NormSpan,
    /// Proclitics of the first token (prep ب + place = location; ل + actor = affiliation).
    pub split: CliticSplit,
    /// What it is.
    pub kind: MentionKind,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry {
    Actor(u32),
    Family(u32),
    Place {
        group: u32,
        rule: PlaceRule,
    },
    Intro(PlaceIntro),
    Title(TitleKind),
    Given {
        strong: bool,
    },
    Blocker,
    /// A phrase of another stage's dictionary (see [`Lexicon::with_phrases`]), by its payload.
    Phrase(u32),
}

/// Compiled dictionaries: actors, gazetteer, person titles and names. Build once, share via `Arc`.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) actors: Vec<Actor>,
    pub(crate) actor_index: HashMap<String, usize>,
    pub(crate) places: Vec<Place>,
    pub(crate) place_groups: Vec<Vec<PlaceId>>,
    admin1: HashMap<String, PlaceId>,
    admin2: HashMap<String, PlaceId>,
    pub(crate) name_stop: HashSet<String>,
    /// Actor forms that double as common nouns (data/actor_senses.tsv), without the article.
    pub(crate) common_nouns: HashSet<String>,
    /// Actors that make an event Yemeni (data/yemeni_actors.txt), with their units.
    yemeni_actors: Vec<String>,
    pub(crate) entries: Vec<Entry>,
    /// Every entry's normalized keys, kept so that [`Lexicon::with_phrases`] can add to them.
    builder: CoreBuilder,
    /// The automaton, built from `builder` once: when first needed, or with the phrases
    /// (a lexicon that gets phrases right after loading builds it only then).
    core: OnceLock<Core>,
}

struct Source<'a> {
    file: String,
    text: std::borrow::Cow<'a, str>,
}

impl Lexicon {
    /// The built-in dictionaries of `data/`, embedded in the binary.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Self::build(&[], &[])
    }

    /// The built-in dictionaries plus user files: `*.tsv` in the `actors.tsv` format (new
    /// actors, or extra forms for existing ids with the other columns empty) and `*.csv` in the
    /// `places.csv` format.
    pub fn with_user_files(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut actors = Vec::new();
        let mut places = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
                path: path.clone(),
                source,
            })?;
            let src = Source {
                file: path.display().to_string(),
                text: text.into(),
            };
            match path.extension().and_then(|e| e.to_str()) {
                Some("tsv") => actors.push(src),
                Some("csv") => places.push(src),
                _ => return Err(LexiconError::UnknownFileKind { path: path.clone() }),
            }
        }
        Self::build(&actors, &places)
    }

    fn build(
        user_actors: &[Source<'_>],
        user_places: &[Source<'_>],
    ) -> Result<Lexicon, LexiconError> {
        let mut problems: Vec<Problem> = Vec::new();
        let mut b = CoreBuilder::default();
        let mut entries: Vec<Entry> = Vec::new();
        let mut add = |b: &mut CoreBuilder, form: &str, e: Entry| -> bool {
            entries.push(e);
            b.add(form, (entries.len() - 1) as u32)
        };

        // Actors.
        let builtin_actors = Source {
            file: "data/actors.tsv".into(),
            text: builtin::ACTORS.into(),
        };
        let mut actors: Vec<Actor> = Vec::new();
        let mut actor_index: HashMap<String, usize> = HashMap::new();
        let mut defined_at: Vec<(String, usize)> = Vec::new();
        let mut form_owner: HashMap<String, usize> = HashMap::new();
        let mut form_rows: Vec<(usize, String, String, usize)> = Vec::new(); // actor, form, file, line
        for (fi, src) in std::iter::once(&builtin_actors)
            .chain(user_actors)
            .enumerate()
        {
            let mut sink = Sink {
                file: &src.file,
                problems: &mut problems,
            };
            let mut in_file: HashMap<String, usize> = HashMap::new();
            for row in load::parse_actors(&src.text, &mut sink) {
                if let Some(first) = in_file.get(&row.id) {
                    sink.push(
                        row.line,
                        format!(
                            "actor `{}` is defined twice (first at line {first})",
                            row.id
                        ),
                    );
                    continue;
                }
                in_file.insert(row.id.clone(), row.line);
                let idx = match actor_index.get(&row.id) {
                    Some(&i) if fi > 0 => {
                        // A user file adds forms to a known actor; other columns must agree.
                        let a = &actors[i];
                        if row.category.is_some_and(|c| c != a.category)
                            || row
                                .parent
                                .as_ref()
                                .is_some_and(|p| Some(p) != a.parent.as_ref())
                        {
                            sink.push(
                                row.line,
                                format!(
                                    "actor `{}` already exists; only forms may be added (leave parent and category empty)",
                                    row.id
                                ),
                            );
                            continue;
                        }
                        i
                    }
                    _ => {
                        let Some(category) = row.category else {
                            sink.push(row.line, format!("actor `{}` has no category", row.id));
                            continue;
                        };
                        if row.forms.is_empty() {
                            sink.push(row.line, format!("actor `{}` has no forms", row.id));
                        }
                        actor_index.insert(row.id.clone(), actors.len());
                        defined_at.push((src.file.clone(), row.line));
                        actors.push(Actor {
                            id: row.id.clone(),
                            name: if row.name.is_empty() {
                                row.id.clone()
                            } else {
                                row.name.clone()
                            },
                            parent: row.parent.clone(),
                            category,
                            forms: Vec::new(),
                        });
                        actors.len() - 1
                    }
                };
                for form in row.forms {
                    form_rows.push((idx, form, src.file.clone(), row.line));
                }
            }
        }
        for (idx, form, file, line) in form_rows {
            let key = pattern_key(&form);
            let mut sink = Sink {
                file: &file,
                problems: &mut problems,
            };
            if key.is_empty() {
                sink.push(line, format!("form `{form}` normalizes to nothing"));
                continue;
            }
            match form_owner.get(&key) {
                Some(&o) if o == idx => continue,
                Some(&o) => {
                    sink.push(
                        line,
                        format!(
                            "form `{form}` of actor `{}` is already a form of `{}`",
                            actors[idx].id, actors[o].id
                        ),
                    );
                    continue;
                }
                None => {}
            }
            form_owner.insert(key, idx);
            add(&mut b, &form, Entry::Actor(idx as u32));
            actors[idx].forms.push(form);
        }
        for (i, a) in actors.iter().enumerate() {
            let (file, line) = &defined_at[i];
            if let Some(p) = &a.parent {
                if !actor_index.contains_key(p) {
                    problems.push(Problem {
                        file: file.clone(),
                        line: *line,
                        message: format!("actor `{}` has unknown parent `{p}`", a.id),
                    });
                    continue;
                }
                // Cycle check: walk at most |actors| steps.
                let mut cur = p.as_str();
                for _ in 0..actors.len() {
                    if cur == a.id {
                        problems.push(Problem {
                            file: file.clone(),
                            line: *line,
                            message: format!("actor `{}` is its own ancestor", a.id),
                        });
                        break;
                    }
                    match actor_index
                        .get(cur)
                        .and_then(|&j| actors[j].parent.as_deref())
                    {
                        Some(next) => cur = next,
                        None => break,
                    }
                }
            }
        }

        // Places.
        let place_rules = Self::small_tsv(
            builtin::PLACE_RULES,
            "data/place_rules.tsv",
            "form",
            &mut problems,
        )
        .into_iter()
        .filter_map(|(line, cols)| {
            let rule = match cols.get(1).copied() {
                Some("intro") => PlaceRule::Intro,
                Some("adjective") => PlaceRule::Adjective,
                Some("context") => PlaceRule::Context,
                Some("intro-in-yemen") => PlaceRule::IntroInYemen,
                other => {
                    problems.push(Problem {
                        file: "data/place_rules.tsv".into(),
                        line,
                        message: format!("unknown place rule `{}`", other.unwrap_or("")),
                    });
                    return None;
                }
            };
            Some((pattern_key(cols[0]), rule))
        })
        .collect::<HashMap<String, PlaceRule>>();
        let builtin_places = Source {
            file: "data/places.csv".into(),
            text: builtin::PLACES.into(),
        };
        let mut places: Vec<Place> = Vec::new();
        let mut admin1: HashMap<String, PlaceId> = HashMap::new();
        let mut admin2: HashMap<String, PlaceId> = HashMap::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut place_groups: Vec<Vec<PlaceId>> = Vec::new();
        let mut place_lines: Vec<(String, usize)> = Vec::new();
        for src in std::iter::once(&builtin_places).chain(user_places) {
            let mut sink = Sink {
                file: &src.file,
                problems: &mut problems,
            };
            for row in load::parse_places(&src.text, &mut sink) {
                let id = PlaceId(places.len() as u32);
                let index = match row.level {
                    PlaceLevel::Admin1 => Some(&mut admin1),
                    PlaceLevel::Admin2 => Some(&mut admin2),
                    _ => None,
                };
                if let (Some(index), Some(p)) = (index, &row.pcode) {
                    if index.contains_key(p) {
                        sink.push(row.line, format!("p-code `{p}` is defined twice"));
                        continue;
                    }
                    index.insert(p.clone(), id);
                }
                let mut keys: Vec<String> = Vec::new();
                for form in std::iter::once(&row.name_ar).chain(&row.forms) {
                    let key = pattern_key(form);
                    if key.is_empty() {
                        sink.push(row.line, format!("form `{form}` normalizes to nothing"));
                    } else if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                for key in keys {
                    let g = *group_of.entry(key).or_insert_with(|| {
                        place_groups.push(Vec::new());
                        place_groups.len() - 1
                    });
                    place_groups[g].push(id);
                }
                place_lines.push((src.file.clone(), row.line));
                places.push(Place {
                    id,
                    name_ar: row.name_ar,
                    name_en: row.name_en,
                    level: row.level,
                    pcode: row.pcode,
                    admin1_pcode: row.admin1_pcode,
                    admin2_pcode: row.admin2_pcode,
                    lat: row.lat,
                    lon: row.lon,
                    country: "YEM".into(),
                });
            }
        }
        let yemeni_places = places.len();
        crate::region::add_region(
            &mut places,
            &mut admin1,
            &mut group_of,
            &mut place_groups,
            &mut problems,
        );
        for (i, p) in places.iter().enumerate().take(yemeni_places) {
            let bad1 = !admin1.contains_key(&p.admin1_pcode);
            let bad2 = p
                .admin2_pcode
                .as_ref()
                .is_some_and(|c| !admin2.contains_key(c));
            if bad1 || bad2 {
                let (file, line) = &place_lines[i];
                problems.push(Problem {
                    file: file.clone(),
                    line: *line,
                    message: format!(
                        "place `{}` names an unknown admin1/admin2 p-code",
                        p.name_ar
                    ),
                });
            }
        }
        let mut groups: Vec<(&String, &usize)> = group_of.iter().collect();
        groups.sort_by_key(|(_, g)| **g);
        for (key, g) in groups {
            let rule = place_rules.get(key).copied().unwrap_or_default();
            add(
                &mut b,
                key,
                Entry::Place {
                    group: *g as u32,
                    rule,
                },
            );
        }

        // Intro words, person titles, given and family names, blockers.
        for (word, intro) in INTROS {
            add(&mut b, word, Entry::Intro(*intro));
        }
        for (line, cols) in Self::small_tsv(
            builtin::TITLES,
            "data/person_titles.tsv",
            "title",
            &mut problems,
        ) {
            match cols.get(1).and_then(|k| load::title_kind(k)) {
                Some(kind) => {
                    add(&mut b, cols[0], Entry::Title(kind));
                }
                None => problems.push(Problem {
                    file: "data/person_titles.tsv".into(),
                    line,
                    message: format!("title `{}` has unknown role_kind", cols[0]),
                }),
            }
        }
        for (line, cols) in Self::small_tsv(
            builtin::GIVEN,
            "data/given_names.tsv",
            "name",
            &mut problems,
        ) {
            let strong = match cols.get(1).copied() {
                Some("strong") => true,
                Some("weak") => false,
                _ => {
                    problems.push(Problem {
                        file: "data/given_names.tsv".into(),
                        line,
                        message: format!("name `{}` needs strength strong or weak", cols[0]),
                    });
                    continue;
                }
            };
            add(&mut b, cols[0], Entry::Given { strong });
        }
        for (line, cols) in Self::small_tsv(
            builtin::FAMILY,
            "data/family_names.tsv",
            "form",
            &mut problems,
        ) {
            match cols.get(1).and_then(|a| actor_index.get(*a)) {
                Some(&i) => {
                    add(&mut b, cols[0], Entry::Family(i as u32));
                }
                None => problems.push(Problem {
                    file: "data/family_names.tsv".into(),
                    line,
                    message: format!("family name `{}` names an unknown actor", cols[0]),
                }),
            }
        }
        for (_, cols) in Self::small_tsv(
            builtin::BLOCKERS,
            "data/blockers.tsv",
            "phrase",
            &mut problems,
        ) {
            add(&mut b, cols[0], Entry::Blocker);
        }
        let name_stop = load::tsv_rows(builtin::NAME_STOP, None)
            .into_iter()
            .map(|(_, cols)| normalize_key(cols[0]))
            .collect();
        let common_nouns = Self::small_tsv(
            builtin::ACTOR_SENSES,
            "data/actor_senses.tsv",
            "form",
            &mut problems,
        )
        .into_iter()
        .map(|(_, cols)| without_article(&normalize_key(cols[0])).to_string())
        .collect();

        let mut yemeni_actors = Vec::new();
        for (line, cols) in load::tsv_rows(builtin::YEMENI_ACTORS, None) {
            let id = cols[0].trim();
            if actor_index.contains_key(id) {
                yemeni_actors.push(id.to_string());
            } else {
                problems.push(Problem {
                    file: "data/yemeni_actors.txt".into(),
                    line,
                    message: format!("unknown actor `{id}`"),
                });
            }
        }

        if !problems.is_empty() {
            return Err(LexiconError::Invalid(problems));
        }
        Ok(Lexicon {
            actors,
            actor_index,
            places,
            place_groups,
            admin1,
            admin2,
            name_stop,
            common_nouns,
            yemeni_actors,
            entries,
            builder: b,
            core: OnceLock::new(),
        })
    }

    /// The automaton of every entry (and phrase), built on first use.
    pub(crate) fn core(&self) -> &Core {
        self.core.get_or_init(|| self.builder.build())
    }

    /// The lexicon with other stages' phrase dictionaries (event triggers, cue words) compiled
    /// into the same automaton, so that one walk over a document's tokens finds actors, places,
    /// persons and those phrases together ([`Lexicon::scan`]). Phrases follow the rules of
    /// [`crate::PhraseMatcher::new`] and add to those of an earlier call.
    pub fn with_phrases<I: IntoIterator<Item = (String, u32)>>(mut self, phrases: I) -> Lexicon {
        for (form, payload) in phrases {
            self.entries.push(Entry::Phrase(payload));
            self.builder.add(&form, (self.entries.len() - 1) as u32);
        }
        // Built now, with the phrases: not inside the first document's extraction.
        self.core = OnceLock::from(self.builder.build());
        self
    }

    fn small_tsv<'t>(
        text: &'t str,
        file: &str,
        header: &str,
        problems: &mut Vec<Problem>,
    ) -> Vec<(usize, Vec<&'t str>)> {
        let mut out = Vec::new();
        for (line, cols) in load::tsv_rows(text, Some(header)) {
            if normalize_key(cols[0]).is_empty() {
                problems.push(Problem {
                    file: file.into(),
                    line,
                    message: format!("entry `{}` normalizes to nothing", cols[0]),
                });
                continue;
            }
            out.push((line, cols));
        }
        out
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    /// All actors, in load order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The place with this id.
    ///
    /// # Panics
    /// When `id` does not come from this lexicon.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.0 as usize]
    }

    /// All places; `places()[i].id == PlaceId(i)`.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The governorate with this p-code (`YE14`).
    pub fn admin1(&self, pcode: &str) -> Option<&Place> {
        self.admin1.get(pcode).map(|&id| self.place(id))
    }

    /// The district with this p-code (`YE1201`).
    pub fn admin2(&self, pcode: &str) -> Option<&Place> {
        self.admin2.get(pcode).map(|&id| self.place(id))
    }

    /// True when `id` is a Yemeni actor (`data/yemeni_actors.txt`) or a unit below one:
    /// what `--scope yemen` keeps besides events located in Yemen.
    pub fn is_yemeni(&self, id: &str) -> bool {
        self.yemeni_actors.iter().any(|y| self.is_descendant(id, y))
    }

    /// True when the normalized word is a common word that never stands as a name
    /// (data/name_stopwords.txt).
    pub fn is_name_stopword(&self, word: &str) -> bool {
        self.name_stop.contains(word)
    }

    /// True when `id` is `ancestor` or one of its descendants (houthi-security-intelligence →
    /// houthis). Unknown ids are nobody's descendants.
    pub fn is_descendant(&self, id: &str, ancestor: &str) -> bool {
        let mut cur = id;
        for _ in 0..=self.actors.len() {
            if cur == ancestor {
                return self.actor_index.contains_key(cur);
            }
            match self.actor(cur).and_then(|a| a.parent.as_deref()) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }
}

/// A normalized form without its leading article ال.
pub(crate) fn without_article(key: &str) -> &str {
    match key.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => key,
    }
}
