//! The extractor's data: trigger table, cue lists and the ACLED type table, read from
//! `data/rules/` (embedded) and checked once at load.

use std::collections::BTreeMap;

use serde::Deserialize;

use rasd_model::vocab::PLOVER_TYPES;

use crate::ExtractError;

pub(crate) const TRIGGERS_TOML: &str = include_str!("../../../data/rules/triggers.toml");
pub(crate) const CUES_TOML: &str = include_str!("../../../data/rules/cues.toml");
pub(crate) const ACLED_CSV: &str = include_str!("../../../data/rules/acled.csv");

/// How a frame finds its roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FrameKind {
    Directed,
    Symmetric,
}

/// Grammatical voice of the trigger word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Voice {
    Verb,
    Passive,
    Noun,
}

/// Role of an actor directly after a noun trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Genitive {
    Agent,
    Patient,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriggerDef {
    pub id: String,
    /// Surface forms as written (multi-word phrases, weak verbs, fixed expressions).
    #[serde(default)]
    pub forms: Vec<String>,
    /// Verbs by their perfect 3rd person masculine singular; every inflection is
    /// generated (crate::inflect).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Verbal nouns by their singular; plurals, duals and possessives are generated.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Opens a frame only where no other trigger of the same PLOVER type stands in the
    /// sentence: a casualty verb ("قتل ثلاثة جنود") is the event only when the sentence
    /// names no attack of its own.
    #[serde(default)]
    pub fallback: bool,
    /// A fallback rule whose word is an act of its own ("استهدف"، "هاجم"): another attack
    /// word suppresses it only in its own sentence, not in its paragraph or lead.
    #[serde(default)]
    pub fallback_in_sentence: bool,
    /// Continues the attack told before it ("إضافة إلى استهدافه"): it never suppresses a
    /// fallback rule of its sentence, which is the attack it continues.
    #[serde(default)]
    pub continues: bool,
    pub plover: String,
    #[serde(default)]
    pub mode: Option<String>,
    pub cameo: String,
    pub goldstein: f64,
    pub acled: String,
    pub frame: FrameKind,
    pub voice: Voice,
    pub genitive: Genitive,
    /// Emit only with two actors; lower confidence.
    #[serde(default)]
    pub weak: bool,
    /// A weak rule whose event stands without a named doer when its other side is known
    /// ("وصلت سفينة مساعدات إلى ميناء الحديدة": aid delivered, sender unnamed).
    #[serde(default)]
    pub doer_optional: bool,
    /// Territory change: ACLED sub-type depends on who took it.
    #[serde(default)]
    pub territory: bool,
    /// Release: numbers count released people.
    #[serde(default)]
    pub release: bool,
    /// Protest: protesters may be actor1.
    #[serde(default)]
    pub protest: bool,
    /// One of these words must occur in the trigger's clause.
    #[serde(default)]
    pub needs: Vec<String>,
    /// None of these words may occur in the trigger's sentence ("الأرصاد" for a warning:
    /// a weather warning threatens no one).
    #[serde(default)]
    pub unless: Vec<String>,
    /// With `needs`: the word must stand at most this many words before the trigger
    /// ("أطلق مسلحون حوثيون النار").
    #[serde(default)]
    pub needs_before: Option<usize>,
    /// With `needs`: the word must stand at most this many words after the trigger, as its
    /// object ("تدعم الميليشيات الحوثية"; not "… ضد الإرهاب وتدعم الشرعية").
    #[serde(default)]
    pub needs_after: Option<usize>,
    /// The trigger takes, storms or frees a place: a named place or a word for one
    /// (`territory_words` in cues.toml) must follow within this many words, not counting
    /// the actors between ("سيطر الحوثيون على مدينة …"، "المواقع التي سيطروا عليها");
    /// "حررت شهادة"، "رؤساء تحرير الصحف"، "السيطرة على الوضع" take nothing.
    #[serde(default)]
    pub takes_place: Option<usize>,
    /// Whole words that read as a proclitic plus one of the forms but are another word
    /// ("وفرت" is "provided", not "and fled"): the trigger is not read in them.
    /// Normalized when loaded.
    #[serde(default)]
    pub homographs: Vec<String>,
    /// The forms are this trigger only where a count follows them ("أسر 15 حوثيا";
    /// "أسر الضحايا" is "the victims' families").
    #[serde(default)]
    pub count_follows: bool,
    /// Conduct told in someone's words ("لفت الوزير إلى ما ارتكبته الميليشيات من جرائم"،
    /// "قال كيري إن إيران تدعم الحوثيين"): the event is that speaker's accusation, the doer
    /// the frame finds is the accused. Without a speaker it is no event.
    #[serde(default)]
    pub alleged: bool,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub counter: Vec<String>,
}

impl TriggerDef {
    /// Every surface form of the rule: its plain forms and the generated inflections of
    /// its verbs and nouns.
    pub fn all_forms(&self) -> Vec<String> {
        let mut out = self.forms.clone();
        out.extend(
            self.verbs
                .iter()
                .flat_map(|v| crate::inflect::verb_forms(v)),
        );
        out.extend(
            self.nouns
                .iter()
                .flat_map(|n| crate::inflect::noun_forms(n)),
        );
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriggerFile {
    pub trigger: Vec<TriggerDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Counts {
    /// The largest toll one reported event may have; a larger figure is a running
    /// total of a war or a campaign, never one event's.
    pub max_event_toll: u32,
    pub fatalities: Vec<String>,
    pub injured: Vec<String>,
    pub detained: Vec<String>,
    pub released: Vec<String>,
    pub persons: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Anaphor {
    pub forms: Vec<String>,
    pub ids: Vec<String>,
}

/// An actor that, named as the patron of armed men, stands for its armed wing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArmedWing {
    pub of: String,
    pub id: String,
    pub heads: Vec<String>,
}

/// A slot filled by domain knowledge when the text leaves it empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Default {
    #[serde(default)]
    pub when_mode: Option<String>,
    #[serde(default)]
    pub when_type: Option<String>,
    #[serde(default)]
    pub when_actor1: Option<String>,
    /// Only for triggers of this ACLED sub-event type.
    #[serde(default)]
    pub when_acled: Option<String>,
    /// Not for triggers of this ACLED sub-event type.
    #[serde(default)]
    pub unless_acled: Option<String>,
    /// Applies only to reports published from this date on (when the date is known).
    #[serde(default)]
    pub published_from: Option<chrono::NaiveDate>,
    /// Applies only to reports published up to this date (when the date is known).
    #[serde(default)]
    pub published_until: Option<chrono::NaiveDate>,
    /// Not when the document names one of these actors (or a unit below one).
    #[serde(default)]
    pub unless_named: Vec<String>,
    /// Only when the event's sentence places it in this country (ISO3, e.g. "YEM").
    #[serde(default)]
    pub when_country: Option<String>,
    /// Only when the event's sentence holds one of these phrases (normalized when
    /// loaded): "أطلقت من اليمن".
    #[serde(default)]
    pub when_words: Vec<String>,
    pub slot: String,
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Generic {
    pub id: String,
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CueFile {
    pub hedge: Vec<String>,
    pub claim: Vec<String>,
    pub attribution: BTreeMap<String, Vec<String>>,
    pub counts: Counts,
    pub target_markers: Vec<String>,
    pub agent_markers: Vec<String>,
    pub counterpart_markers: Vec<String>,
    pub affiliation_markers: Vec<String>,
    pub head_nouns: Vec<String>,
    pub modifier_markers: Vec<String>,
    pub vehicles: Vec<String>,
    pub negation: Vec<String>,
    pub irrealis: Vec<String>,
    pub embedded: Vec<String>,
    pub seized: Vec<String>,
    /// Words for places one takes, storms or frees ("مدينة"، "معسكر"، "مواقع"، "عليها"):
    /// what a trigger with `takes_place` needs after it.
    #[serde(default)]
    pub territory_words: Vec<String>,
    pub habitual: Vec<String>,
    pub outlets: Vec<String>,
    pub approach: Vec<String>,
    pub date_name_heads: Vec<String>,
    pub not_events: Vec<String>,
    pub receive: Vec<String>,
    pub reporting: Vec<String>,
    pub speech: Vec<String>,
    pub place_descriptors: Vec<String>,
    /// Words right before a place that make it no place of the event: a cause supported
    /// ("نصرة لغزة"), a ship's ties or destination ("سفينة مرتبطة بإسرائيل").
    #[serde(default)]
    pub place_ties: Vec<String>,
    pub suffer: Vec<String>,
    /// Words that make a casualty figure a running total ("منذ بدء الحرب").
    #[serde(default)]
    pub cumulative: Vec<String>,
    /// Words naming a party by its aircraft ("طيران التحالف"): its attacks are air strikes.
    #[serde(default)]
    pub aircraft: Vec<String>,
    /// Words that conclude an agreement ("توقيع", "التوصل إلى"): a named agreement after
    /// them is reported as made.
    #[serde(default)]
    pub concluded: Vec<String>,
    /// Words after an attack verb that make it an attack in words ("هاجم … واصفا",
    /// "في تغريدة"): a criticism, not violence.
    #[serde(default)]
    pub verbal_manner: Vec<String>,
    /// Words before aid that say it was kept from people ("منع الحوثيون وصول
    /// المساعدات"): no aid was given.
    #[serde(default)]
    pub obstruction: Vec<String>,
    /// Words after a meeting or agreement that open its topic ("لمناقشة", "حول"): actors
    /// after them are what was discussed, not who took part.
    #[serde(default)]
    pub topic: Vec<String>,
    /// Words before a definite meeting or agreement noun that refer to one already told
    /// ("خلال الاجتماع", "على هامش اللقاء").
    #[serde(default)]
    pub event_reference: Vec<String>,
    #[serde(default, rename = "default")]
    pub defaults: Vec<Default>,
    #[serde(default)]
    pub armed_wing: Vec<ArmedWing>,
    pub anaphor: Vec<Anaphor>,
    pub generic: Vec<Generic>,
}

/// ACLED sub-event type → (event type, disorder type).
pub(crate) type AcledTable = BTreeMap<String, (String, String)>;

fn toml_error(file: &str, text: &str, e: toml::de::Error) -> ExtractError {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
        .unwrap_or(0);
    ExtractError::Data {
        file: file.to_string(),
        line,
        message: e.message().to_string(),
    }
}

pub(crate) fn parse_triggers(text: &str, file: &str) -> Result<Vec<TriggerDef>, ExtractError> {
    let parsed: TriggerFile = toml::from_str(text).map_err(|e| toml_error(file, text, e))?;
    Ok(parsed.trigger)
}

pub(crate) fn parse_cues(text: &str, file: &str) -> Result<CueFile, ExtractError> {
    toml::from_str(text).map_err(|e| toml_error(file, text, e))
}

pub(crate) fn parse_acled(text: &str) -> Result<AcledTable, ExtractError> {
    let mut table = AcledTable::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() != 3 {
            return Err(ExtractError::Data {
                file: "data/rules/acled.csv".into(),
                line: i + 1,
                message: "expected 3 columns".into(),
            });
        }
        table.insert(
            cols[0].to_string(),
            (cols[1].to_string(), cols[2].to_string()),
        );
    }
    Ok(table)
}

/// Checks the trigger table against the fixed vocabularies; returns every problem.
pub(crate) fn validate(triggers: &[TriggerDef], acled: &AcledTable) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for t in triggers {
        if !seen.insert(t.id.as_str()) {
            problems.push(format!("trigger `{}` is defined twice", t.id));
        }
        if !PLOVER_TYPES.contains(&t.plover.as_str()) {
            problems.push(format!(
                "trigger `{}` has unknown PLOVER type `{}`",
                t.id, t.plover
            ));
        }
        if !acled.contains_key(&t.acled) {
            problems.push(format!(
                "trigger `{}` has unknown ACLED sub-event type `{}`",
                t.id, t.acled
            ));
        }
        if t.forms.is_empty() && t.verbs.is_empty() && t.nouns.is_empty() {
            problems.push(format!("trigger `{}` has no forms, verbs or nouns", t.id));
        }
        if t.all_forms()
            .iter()
            .any(|f| rasd_text::normalize_key(f).is_empty())
        {
            problems.push(format!(
                "trigger `{}` has a form that normalizes to nothing",
                t.id
            ));
        }
    }
    problems
}
