//! The rule-based event extractor of rasd.
//!
//! [`Extractor::extract`] reads one [`rasd_model::Document`] and returns its events as
//! spec records ([`rasd_model::Event`]):
//!
//! 1. the text layer normalizes, tokenizes and segments the text ([`rasd_text`]);
//! 2. the lexicon finds actors, places and persons ([`rasd_lexicon`]), and [`rasd_timenum`]
//!    finds dates and quantities;
//! 3. trigger words from `data/rules/triggers.toml` open *frames*; each frame fills its
//!    roles from the actor mentions of its clause and sentence, using the role markers of
//!    `data/rules/cues.toml` (ضد/على → target, من قبل/شنها → agent, مع/بين → counterpart,
//!    "التابعة لـ"/"عناصر" → the named actor takes the head noun's role, و → coordination);
//! 4. date, place, counts, hedging, claims and attribution are attached from the same
//!    clause or sentence, or from explicit context (an anchored date such as "بعدها
//!    بيوم" uses the previous event's date);
//! 5. frames that report the same event in one document (title and body, repeated
//!    mentions) are merged into one record with several evidence spans.
//!
//! ```no_run
//! use rasd_extract::Extractor;
//! use rasd_model::Document;
//!
//! let extractor = Extractor::builtin().unwrap();
//! let mut doc = Document::new("ex1", "غارات على صعدة",
//!     "شنت مقاتلات التحالف العربي، أمس الجمعة، غارات على مواقع الحوثيين في مدينة صعدة.");
//! doc.pub_date = chrono::NaiveDate::from_ymd_opt(2015, 7, 25);
//! let out = extractor.extract(&doc);
//! assert_eq!(out.events[0].plover.event_type, "ASSAULT");
//! ```
#![warn(missing_docs)]

mod coding;
mod document;
mod filter;
mod frame;
mod inflect;
mod merge;
mod resources;
mod rules;

use std::sync::Arc;

use rasd_model::{Document, Event};

pub use filter::{train as train_filter, FilterModel, Sample, FEATURES};
pub use resources::Resources;

/// Problems with the extractor's data files (never with documents).
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A rules file could not be parsed.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The data file.
        file: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The rules are inconsistent.
    #[error("invalid rules:\n  {}", .0.join("\n  "))]
    Rules(Vec<String>),
    /// The lexicon could not be loaded.
    #[error("lexicon: {0}")]
    Lexicon(String),
}

/// The events of one document and what the extractor noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Events in text order of their first evidence.
    pub events: Vec<Event>,
    /// Notes on odd input (e.g. relative dates without a publication date).
    pub diagnostics: Vec<String>,
    /// The publication date used (given, or found in a "today" marker).
    pub pub_date: Option<chrono::NaiveDate>,
}

/// Runs one document's extraction so that a fault in a rule (a panic) costs that document
/// its events, with a diagnostic naming it, and never the other documents of a run.
fn guarded(doc: &Document, run: impl FnOnce() -> Option<Extraction>) -> Option<Extraction> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(out) => out,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown fault".to_string());
            Some(Extraction {
                events: Vec::new(),
                diagnostics: vec![format!(
                    "document {}: internal error in the extractor, its events are skipped: {why}",
                    doc.id
                )],
                pub_date: doc.pub_date,
            })
        }
    }
}

/// Extracts events; cheap to clone (shares its [`Resources`]).
#[derive(Debug, Clone)]
pub struct Extractor {
    resources: Arc<Resources>,
    /// The learned keep/drop filter in use (by default the built-in one).
    filter: Option<Arc<FilterModel>>,
}

impl Extractor {
    /// An extractor over shared resources.
    pub fn new(resources: Arc<Resources>) -> Self {
        let filter = resources.filter.clone().map(Arc::new);
        Extractor { resources, filter }
    }

    /// An extractor with the built-in lexicon and rules.
    pub fn builtin() -> Result<Self, ExtractError> {
        Ok(Extractor::new(Arc::new(Resources::builtin()?)))
    }

    /// The resources in use.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Extracts the events of one document. Never fails: odd text yields fewer events and
    /// diagnostics.
    pub fn extract(&self, doc: &Document) -> Extraction {
        guarded(doc, || {
            document::extract(&self.resources, &dated(doc), self.filter.as_deref(), None)
                .map(|(e, _)| e)
        })
        .unwrap_or_default()
    }

    /// [`Extractor::extract`], stopped (between two frames, so within milliseconds)
    /// when `cancel` becomes true: `None` then. A server sets it when the client that
    /// asked has gone away.
    pub fn extract_until(
        &self,
        doc: &Document,
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Option<Extraction> {
        guarded(doc, || {
            document::extract(
                &self.resources,
                &dated(doc),
                self.filter.as_deref(),
                Some(cancel),
            )
            .map(|(e, _)| e)
        })
    }

    /// Every candidate event of a document, before the learned filter, each with its
    /// filter features ([`FEATURES`] order): what `rasd train-filter` learns from.
    pub fn candidates(&self, doc: &Document) -> Vec<(Event, Vec<f64>)> {
        let (extraction, features) =
            document::extract(&self.resources, &dated(doc), None, None).expect("never cancelled");
        extraction.events.into_iter().zip(features).collect()
    }

    /// A copy of this extractor with another filter model (`None`: keep every candidate).
    pub fn with_filter(&self, filter: Option<FilterModel>) -> Extractor {
        Extractor {
            resources: Arc::clone(&self.resources),
            filter: filter.map(Arc::new),
        }
    }

    /// The filter model in use, if any.
    pub fn filter(&self) -> Option<&FilterModel> {
        self.filter.as_deref()
    }
}

/// Runs the `examples` and `counter` sentences of every trigger rule; returns a line per
/// failure (empty when all pass). An example must yield an event of the rule's PLOVER
/// type; a counter-example must yield none. The rules are checked without the learned
/// filter (a lone sentence lacks the context it weighs).
pub fn check_examples(extractor: &Extractor) -> Vec<String> {
    let extractor = &extractor.with_filter(None);
    let mut failures = Vec::new();
    let pub_date = chrono::NaiveDate::from_ymd_opt(2023, 11, 23);
    for rule in &extractor.resources.triggers {
        let run = |sentence: &str| {
            let mut doc = Document::new(format!("example:{}", rule.id), "", sentence);
            doc.pub_date = pub_date;
            extractor
                .extract(&doc)
                .events
                .iter()
                .any(|e| e.plover.event_type == rule.plover)
        };
        for example in &rule.examples {
            if !run(example) {
                failures.push(format!(
                    "{}: no {} event in «{example}»",
                    rule.id, rule.plover
                ));
            }
        }
        for counter in &rule.counter {
            if run(counter) {
                failures.push(format!(
                    "{}: unexpected {} event in «{counter}»",
                    rule.id, rule.plover
                ));
            }
        }
    }
    failures
}

impl Extractor {
    /// Whether an event belongs to Yemen's war (`--scope yemen`): located in Yemen, or
    /// with a Yemeni actor (`data/yemeni_actors.txt`, units included) on either side or
    /// associated with one.
    pub fn in_yemen_scope(&self, event: &rasd_model::Event) -> bool {
        let lex = &self.resources.lexicon;
        event.location.as_ref().is_some_and(|l| l.country == "YEM")
            || [&event.actor1, &event.actor2]
                .into_iter()
                .flatten()
                .chain(&event.assoc_actor1)
                .chain(&event.assoc_actor2)
                .any(|a| lex.is_yemeni(&a.id))
    }

    /// A human-readable listing of everything the extractor found in a document (actors,
    /// places, persons, dates, quantities, triggers), for auditing rules.
    pub fn trace(&self, doc: &Document) -> String {
        document::trace(&self.resources, doc)
    }
}

/// `doc` as the extractor reads it: an implausible publication date (a library
/// caller's, unchecked) resolves no relative date rather than overflowing date
/// arithmetic.
fn dated(doc: &Document) -> std::borrow::Cow<'_, Document> {
    if doc
        .pub_date
        .is_some_and(|d| rasd_model::check_pub_date(d).is_err())
    {
        let mut doc = doc.clone();
        doc.pub_date = None;
        std::borrow::Cow::Owned(doc)
    } else {
        std::borrow::Cow::Borrowed(doc)
    }
}
