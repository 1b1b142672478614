//! Compiled resources: the lexicon plus the extractor's own matchers, built once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rasd_lexicon::Lexicon;
use rasd_text::normalize_key;

use crate::rules::{self, AcledTable, CueFile, TriggerDef};
use crate::ExtractError;

const BUILTIN_ACTORS: &str = include_str!("../../../data/actors.tsv");
const FILTER_TSV: &str = include_str!("../../../data/model/filter.tsv");
const ALLIANCES_TSV: &str = include_str!("../../../data/alliances.tsv");

/// Two sides that fought together in a period (data/alliances.tsv).
#[derive(Debug, Clone)]
pub(crate) struct Alliance {
    a: String,
    b: String,
    from: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
}

/// Parses data/alliances.tsv; problems name the line.
fn parse_alliances(tsv: &str, problems: &mut Vec<String>) -> Vec<Alliance> {
    let date = |field: &str, line: usize, problems: &mut Vec<String>| {
        let field = field.trim();
        if field.is_empty() {
            return None;
        }
        chrono::NaiveDate::parse_from_str(field, "%Y-%m-%d")
            .map_err(|_| {
                problems.push(format!(
                    "data/alliances.tsv:{line}: `{field}` is not a YYYY-MM-DD date"
                ))
            })
            .ok()
    };
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("a\t") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            problems.push(format!("data/alliances.tsv:{}: needs two actor ids", i + 1));
            continue;
        }
        out.push(Alliance {
            a: cols[0].trim().to_string(),
            b: cols[1].trim().to_string(),
            from: cols.get(2).and_then(|f| date(f, i + 1, problems)),
            until: cols.get(3).and_then(|f| date(f, i + 1, problems)),
        });
    }
    out
}

/// What a cue word tells the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cue {
    Hedge,
    Claim,
    Attribution(u8),
    Fatalities,
    Injured,
    Detained,
    Released,
    PersonNoun,
    Target,
    Agent,
    Counterpart,
    Affiliation,
    Head,
    Modifier,
    Vehicle,
    Negation,
    Irrealis,
    Embedded,
    /// Weapons found, seized or dismantled ("عثروا على ألغام"): no attack with them.
    Seized,
    /// "بشكل يومي"، "باستمرار": what is told happens habitually.
    Habitual,
    /// A news outlet's name ("وكالة"، "صحيفة"): the actor inside it is no party.
    Outlet,
    /// "اقتراب … من تحرير": close to taking a place, not yet.
    Approach,
    DateNameHead,
    NotEvent,
    Receive,
    Reporting,
    Speech,
    PlaceDescriptor,
    PlaceTie,
    Suffer,
    Cumulative,
    Aircraft,
    Concluded,
    Topic,
    EventReference,
    VerbalManner,
    Obstruction,
    /// A word for a place one can take ("مدينة"، "معسكر"، "مواقع"): the object a
    /// territory trigger needs.
    TerritoryWord,
    Anaphor(u16),
    Generic(u16),
    Need(u16),
}

/// Everything the extractor needs, loaded and compiled once; share it with an `Arc`.
pub struct Resources {
    /// Actors, places and persons, with the trigger and cue phrases compiled into the same
    /// automaton (one walk per document finds them all: [`Lexicon::scan`]). A phrase payload
    /// below `cue_base` is a trigger phrase, the others are cue phrases (less `cue_base`).
    pub(crate) lexicon: Lexicon,
    pub(crate) cue_base: u32,
    pub(crate) triggers: Vec<TriggerDef>,
    /// Trigger phrase payload → trigger index.
    pub(crate) trigger_of: Vec<usize>,
    pub(crate) cues: CueFile,
    /// Cue phrase payload → cues of that phrase.
    pub(crate) cue_of: Vec<Vec<Cue>>,
    /// Trigger index → the `Need` word ids it requires (empty: none).
    pub(crate) needs: Vec<Vec<u16>>,
    /// Trigger index → the `Need` word ids that cancel it in its sentence.
    pub(crate) unless: Vec<Vec<u16>>,
    /// Trigger phrase payload → its form ends in ه and no rule spells it with ة ("طلبه"
    /// is a pronoun on طلب, not the plural طلبة).
    pub(crate) trigger_ends_in_ha: Vec<bool>,
    /// Trigger phrase payload → an imperfect verb form (ي…) no rule lists as a noun: it
    /// takes no preposition and no article.
    pub(crate) trigger_imperfect_verb: Vec<bool>,
    pub(crate) acled: AcledTable,
    pub(crate) attribution_kinds: Vec<String>,
    /// Built-in units that report as their parent (e.g. a Houthi security service as
    /// houthis); actors from user dictionaries keep their own ids.
    pub(crate) rollup: std::collections::BTreeSet<String>,
    /// Sides that fought together, by period (data/alliances.tsv).
    alliances: Vec<Alliance>,
    /// The learned keep/drop filter (`data/model/filter.tsv`).
    pub(crate) filter: Option<crate::filter::FilterModel>,
}

impl std::fmt::Debug for Resources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("triggers", &self.triggers.len())
            .field("actors", &self.lexicon.actors().len())
            .field("places", &self.lexicon.places().len())
            .finish()
    }
}

/// Groups phrases by normalized form so a phrase that belongs to several lists is
/// matched once and reports all of them.
struct PhraseTable<T> {
    index: BTreeMap<String, usize>,
    payloads: Vec<Vec<T>>,
    forms: Vec<String>,
}

impl<T: PartialEq> PhraseTable<T> {
    fn new() -> Self {
        PhraseTable {
            index: BTreeMap::new(),
            payloads: Vec::new(),
            forms: Vec::new(),
        }
    }

    fn add(&mut self, raw: &str, value: T) {
        let star = raw.ends_with('*');
        let mut key = normalize_key(raw.trim_end_matches('*'));
        if key.is_empty() {
            return;
        }
        if star {
            key.push('*');
        }
        let next = self.payloads.len();
        let i = *self.index.entry(key.clone()).or_insert(next);
        if i == next {
            self.payloads.push(Vec::new());
            self.forms.push(key);
        }
        if !self.payloads[i].contains(&value) {
            self.payloads[i].push(value);
        }
    }

    /// The distinct forms (the payload of form `i` is `i`) and the values of each.
    fn into_parts(self) -> (Vec<String>, Vec<Vec<T>>) {
        (self.forms, self.payloads)
    }
}

impl Resources {
    /// `x` and `y` (or the sides above them) fought together when a report published on
    /// `date` was written (any period when the date is unknown).
    pub(crate) fn allied(&self, x: &str, y: &str, date: Option<chrono::NaiveDate>) -> bool {
        let is = |id: &str, side: &str| self.lexicon.is_descendant(id, side);
        self.alliances.iter().any(|p| {
            let in_period = date
                .is_none_or(|d| p.from.is_none_or(|f| d >= f) && p.until.is_none_or(|u| d <= u));
            in_period && (is(x, &p.a) && is(y, &p.b) || is(x, &p.b) && is(y, &p.a))
        })
    }

    /// The built-in lexicon and rules.
    pub fn builtin() -> Result<Resources, ExtractError> {
        Resources::with_user_files(&[])
    }

    /// The built-in rules with a lexicon extended by user dictionary files
    /// (actors `.tsv`, places `.csv`; see `data/README.md`).
    pub fn with_user_files(paths: &[PathBuf]) -> Result<Resources, ExtractError> {
        let lexicon = if paths.is_empty() {
            Lexicon::builtin()
        } else {
            Lexicon::with_user_files(paths)
        }
        .map_err(|e| ExtractError::Lexicon(e.to_string()))?;
        Resources::from_parts(
            lexicon,
            rules::TRIGGERS_TOML,
            rules::CUES_TOML,
            rules::ACLED_CSV,
        )
    }

    pub(crate) fn from_parts(
        lexicon: Lexicon,
        triggers_toml: &str,
        cues_toml: &str,
        acled_csv: &str,
    ) -> Result<Resources, ExtractError> {
        let mut triggers = rules::parse_triggers(triggers_toml, "data/rules/triggers.toml")?;
        for t in &mut triggers {
            for word in &mut t.homographs {
                *word = normalize_key(word);
            }
        }
        let mut cues = rules::parse_cues(cues_toml, "data/rules/cues.toml")?;
        for d in &mut cues.defaults {
            for w in &mut d.when_words {
                *w = normalize_key(w);
            }
        }
        let acled = rules::parse_acled(acled_csv)?;
        let mut problems = rules::validate(&triggers, &acled);
        for generic in &cues.generic {
            if lexicon.actor(&generic.id).is_none() {
                problems.push(format!("cues: generic actor `{}` is unknown", generic.id));
            }
        }
        for d in &cues.defaults {
            if lexicon.actor(&d.id).is_none() {
                problems.push(format!("cues: default actor `{}` is unknown", d.id));
            }
            if d.slot != "actor1" && d.slot != "actor2" {
                problems.push(format!(
                    "cues: default slot `{}` is not actor1 or actor2",
                    d.slot
                ));
            }
        }
        for anaphor in &cues.anaphor {
            for id in &anaphor.ids {
                if id != "@pair" && id != "@previous" && lexicon.actor(id).is_none() {
                    problems.push(format!("cues: anaphor actor `{id}` is unknown"));
                }
            }
        }
        let alliances = parse_alliances(ALLIANCES_TSV, &mut problems);
        for pair in &alliances {
            for id in [&pair.a, &pair.b] {
                if lexicon.actor(id).is_none() {
                    problems.push(format!("data/alliances.tsv: actor `{id}` is unknown"));
                }
            }
        }
        let attribution_kinds: Vec<String> = cues.attribution.keys().cloned().collect();
        for kind in &attribution_kinds {
            if !rasd_model::vocab::ATTRIBUTION_KINDS.contains(&kind.as_str()) {
                problems.push(format!("cues: unknown attribution kind `{kind}`"));
            }
        }
        if !problems.is_empty() {
            return Err(ExtractError::Rules(problems));
        }

        let mut trig = PhraseTable::new();
        let mut spelled_with_ta = std::collections::HashSet::new();
        let mut nominal = std::collections::HashSet::new();
        for (i, t) in triggers.iter().enumerate() {
            for form in &t.all_forms() {
                trig.add(form, i);
                if form.trim_end_matches('*').ends_with('ة') {
                    spelled_with_ta.insert(normalize_key(form.trim_end_matches('*')));
                }
            }
            // Plain forms and nouns may take ب or the article; the verbs' forms may not.
            for form in &t.forms {
                nominal.insert(normalize_key(form.trim_end_matches('*')));
            }
            for noun in &t.nouns {
                nominal.extend(
                    crate::inflect::noun_forms(noun)
                        .iter()
                        .map(|f| normalize_key(f)),
                );
            }
        }
        let (trigger_forms, trigger_payloads) = trig.into_parts();
        let trigger_ends_in_ha = trigger_forms
            .iter()
            .map(|f| f.ends_with('ه') && !spelled_with_ta.contains(f))
            .collect();
        // An imperfect verb form (يتهم، يقصفون) that no rule also lists as a noun: "بيتهم"
        // is "their house", not "ب + يتهم".
        let trigger_imperfect_verb = trigger_forms
            .iter()
            .map(|f| f.starts_with('ي') && !nominal.contains(f))
            .collect();
        // A form listed by two triggers belongs to the first.
        let trigger_of = trigger_payloads.into_iter().map(|v| v[0]).collect();

        let mut table = PhraseTable::new();
        let lists: [(&Vec<String>, Cue); 37] = [
            (&cues.hedge, Cue::Hedge),
            (&cues.claim, Cue::Claim),
            (&cues.counts.fatalities, Cue::Fatalities),
            (&cues.counts.injured, Cue::Injured),
            (&cues.counts.detained, Cue::Detained),
            (&cues.counts.released, Cue::Released),
            (&cues.counts.persons, Cue::PersonNoun),
            (&cues.target_markers, Cue::Target),
            (&cues.agent_markers, Cue::Agent),
            (&cues.counterpart_markers, Cue::Counterpart),
            (&cues.affiliation_markers, Cue::Affiliation),
            (&cues.head_nouns, Cue::Head),
            (&cues.modifier_markers, Cue::Modifier),
            (&cues.vehicles, Cue::Vehicle),
            (&cues.negation, Cue::Negation),
            (&cues.irrealis, Cue::Irrealis),
            (&cues.embedded, Cue::Embedded),
            (&cues.seized, Cue::Seized),
            (&cues.habitual, Cue::Habitual),
            (&cues.outlets, Cue::Outlet),
            (&cues.approach, Cue::Approach),
            (&cues.date_name_heads, Cue::DateNameHead),
            (&cues.not_events, Cue::NotEvent),
            (&cues.receive, Cue::Receive),
            (&cues.reporting, Cue::Reporting),
            (&cues.speech, Cue::Speech),
            (&cues.place_descriptors, Cue::PlaceDescriptor),
            (&cues.place_ties, Cue::PlaceTie),
            (&cues.suffer, Cue::Suffer),
            (&cues.cumulative, Cue::Cumulative),
            (&cues.aircraft, Cue::Aircraft),
            (&cues.concluded, Cue::Concluded),
            (&cues.topic, Cue::Topic),
            (&cues.event_reference, Cue::EventReference),
            (&cues.verbal_manner, Cue::VerbalManner),
            (&cues.obstruction, Cue::Obstruction),
            (&cues.territory_words, Cue::TerritoryWord),
        ];
        for (forms, cue) in lists {
            for form in forms {
                table.add(form, cue);
            }
        }
        for (k, forms) in cues.attribution.values().enumerate() {
            for form in forms {
                table.add(form, Cue::Attribution(k as u8));
            }
        }
        for (k, anaphor) in cues.anaphor.iter().enumerate() {
            for form in &anaphor.forms {
                table.add(form, Cue::Anaphor(k as u16));
            }
        }
        for (k, generic) in cues.generic.iter().enumerate() {
            for form in &generic.forms {
                table.add(form, Cue::Generic(k as u16));
            }
        }
        let mut need_words: BTreeMap<String, u16> = BTreeMap::new();
        let mut needs = Vec::with_capacity(triggers.len());
        let mut unless = Vec::with_capacity(triggers.len());
        let mut word_ids = |words: &[String]| -> Vec<u16> {
            words
                .iter()
                .map(|word| {
                    let key = normalize_key(word);
                    let next = need_words.len() as u16;
                    let id = *need_words.entry(key).or_insert(next);
                    table.add(word, Cue::Need(id));
                    id
                })
                .collect()
        };
        for t in &triggers {
            needs.push(word_ids(&t.needs));
            unless.push(word_ids(&t.unless));
        }
        let (cue_forms, cue_of) = table.into_parts();
        let cue_base = trigger_forms.len() as u32;
        let phrases = trigger_forms
            .into_iter()
            .chain(cue_forms)
            .enumerate()
            .map(|(i, form)| (form, i as u32));
        let lexicon = lexicon.with_phrases(phrases);
        let rollup = BUILTIN_ACTORS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
            .filter_map(|l| l.split('\t').next())
            .filter(|id| !id.is_empty() && !crate::coding::is_canonical(id))
            .map(str::to_string)
            .collect();
        Ok(Resources {
            lexicon,
            cue_base,
            triggers,
            trigger_of,
            cues,
            cue_of,
            needs,
            unless,
            trigger_ends_in_ha,
            trigger_imperfect_verb,
            acled,
            attribution_kinds,
            rollup,
            alliances,
            filter: Some(crate::filter::FilterModel::parse(
                FILTER_TSV,
                "data/model/filter.tsv",
            )?),
        })
    }

    /// The lexicon (actors, places, persons).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Number of trigger rules.
    pub fn trigger_count(&self) -> usize {
        self.triggers.len()
    }
}
