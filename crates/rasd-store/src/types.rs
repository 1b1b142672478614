use chrono::NaiveDate;
use rasd_model::{Event, Evidence};

/// A canonical actor with its place in the hierarchy, given by the caller (the
/// lexicon), or created from an event's [`rasd_model::ActorRef`] with no parent and no
/// category when the store first sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRow {
    /// Canonical id, e.g. `houthis`.
    pub id: String,
    /// ACLED-style name.
    pub name: String,
    /// Id of the parent actor, if any.
    pub parent: Option<String>,
    /// ACLED actor category (inter code) 1–8; 0 when unknown.
    pub category: u8,
}

/// A place events happened at.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable id: `admin2_pcode|admin1_pcode|name` (`-` for a missing code).
    pub id: String,
    /// English name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Governorate name.
    pub admin1: Option<String>,
    /// Governorate p-code.
    pub admin1_pcode: Option<String>,
    /// District name.
    pub admin2: Option<String>,
    /// District p-code.
    pub admin2_pcode: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Number of stored events there.
    pub events: u32,
    /// ISO 3166-1 alpha-3 of its country, `SEA` at sea.
    pub country: Option<String>,
}

/// One document's report of a stored event.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceReport {
    /// The extractor's event id in that document.
    pub event_id: String,
    /// The document.
    pub doc_id: String,
    /// The outlet ([`rasd_model::Document::source`]).
    pub outlet: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// The document's title.
    pub title: String,
    /// The document's publication date.
    pub pub_date: Option<NaiveDate>,
    /// Evidence spans in that document's text.
    pub evidence: Vec<Evidence>,
    /// Deaths this report gives.
    pub fatalities: Option<u32>,
    /// Injured this report gives.
    pub injured: Option<u32>,
    /// Detained this report gives.
    pub detained: Option<u32>,
    /// Released this report gives.
    pub released: Option<u32>,
}

/// A deduplicated event: the merged record and every report of it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// Canonical id: the smallest `event_id` among its reports (also `event.event_id`).
    pub id: String,
    /// ACLED-style id, `YEM` followed by nine digits derived from `id`.
    pub event_id_cnty: String,
    /// The merged record (see the dedup rules in the crate docs).
    pub event: Event,
    /// Reports, by publication date then document id.
    pub sources: Vec<SourceReport>,
    /// Number of distinct outlets that reported it.
    pub corroboration: u32,
    /// Unix time of midnight UTC of the latest publication date among its sources
    /// (else of the event's last day, else 0): derived from the data, never the clock.
    pub timestamp: i64,
}

impl StoredEvent {
    /// Distinct outlet names of the sources, sorted.
    pub fn outlets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .sources
            .iter()
            .filter_map(|s| s.outlet.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The event date used for filters and exports: the window's start, else its end.
    pub fn date(&self) -> Option<NaiveDate> {
        self.event
            .date
            .start
            .as_deref()
            .or(self.event.date.end.as_deref())
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }
}

/// What one [`crate::Store::ingest_batch`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Documents stored for the first time.
    pub docs_new: usize,
    /// Documents already stored with the same content and metadata (skipped).
    pub docs_unchanged: usize,
    /// Documents whose content changed: their old reports were replaced.
    pub docs_updated: usize,
    /// Event reports stored.
    pub reports_new: usize,
    /// Events that did not exist before the batch.
    pub events_new: usize,
    /// Reports of this batch that joined an event reported by another document.
    pub events_merged: usize,
}

/// Rows per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// `documents`.
    pub documents: u64,
    /// `event_reports`: one per extracted event.
    pub event_reports: u64,
    /// `events`: deduplicated events.
    pub events: u64,
    /// `event_sources`: one per report, pointing to its event.
    pub event_sources: u64,
    /// `actors`.
    pub actors: u64,
    /// `places`.
    pub places: u64,
}

/// Which events to read. Every field narrows; the default selects all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Events whose date (window start, else end) is on or after this day.
    pub from: Option<NaiveDate>,
    /// Events whose date is on or before this day.
    pub to: Option<NaiveDate>,
    /// An actor id or name (case-insensitive); matches actor1, actor2 and associated
    /// actors, including actors below it in the hierarchy.
    pub actor: Option<String>,
    /// A PLOVER type, ACLED event type or ACLED sub-event type (case-insensitive).
    pub event_type: Option<String>,
    /// A governorate name or p-code (case-insensitive).
    pub admin1: Option<String>,
    /// An ISO 3166-1 alpha-3 country code, or `SEA` (case-insensitive).
    pub country: Option<String>,
    /// Case-insensitive substring of evidence, source titles, actor or place names.
    pub text: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
    /// Skip this many matching events first.
    pub offset: usize,
}
