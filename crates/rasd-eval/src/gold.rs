use std::path::Path;

use serde::Deserialize;

/// A gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The gold file.
        path: String,
        /// The IO error.
        source: std::io::Error,
    },
    /// The file is not a valid gold file.
    #[error("{path}: line {line}, column {column}: {message}")]
    Parse {
        /// The gold file.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A value that the gold file writes either alone or as a list of accepted values; a
/// `null` in the list means that no value is accepted too.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single accepted value.
    One(String),
    /// Several accepted values (`None`: no value is also right).
    Many(Vec<Option<String>>),
}

impl OneOrMany {
    /// True when `value` is accepted.
    pub fn accepts(&self, value: &str) -> bool {
        match self {
            OneOrMany::One(v) => v == value,
            OneOrMany::Many(vs) => vs.iter().any(|v| v.as_deref() == Some(value)),
        }
    }

    /// True when the list accepts the absence of a value.
    pub fn accepts_none(&self) -> bool {
        matches!(self, OneOrMany::Many(vs) if vs.iter().any(Option::is_none))
    }

    /// The accepted values.
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(vs) => vs.iter().flatten().map(String::as_str).collect(),
        }
    }
}

/// A gold file: hand-annotated events per document.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// The annotated documents.
    pub documents: Vec<GoldDocument>,
}

/// One annotated document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// Document id (file stem or corpus id).
    pub doc_id: String,
    /// Path of the text relative to `shared/`, for plain files.
    pub file: Option<String>,
    /// Path of a JSONL(.gz) corpus relative to `shared/` whose line with `id == doc_id`
    /// holds the text.
    pub corpus: Option<String>,
    /// Publication date to use (`YYYY-MM-DD`).
    pub pub_date: Option<String>,
    /// The events of the document.
    pub events: Vec<GoldEvent>,
}

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// Annotation id, e.g. `E01`.
    pub id: String,
    /// Accepted PLOVER types.
    pub plover: Vec<String>,
    /// Accepted ACLED sub-event types, if annotated.
    pub acled_sub: Option<Vec<String>>,
    /// Accepted ids for actor1 (`None`: no constraint).
    pub actor1: Option<Vec<String>>,
    /// Accepted ids for actor2 (`None`: no constraint).
    pub actor2: Option<Vec<String>>,
    /// Accepted governorate p-codes; `None` means the text gives no location.
    pub admin1_pcode: Option<OneOrMany>,
    /// Accepted district p-code; `None` means the text gives none.
    pub admin2_pcode: Option<OneOrMany>,
    /// Window `[start, end]` the true date lies in; `None` means the text gives none.
    pub date: Option<[String; 2]>,
    /// Deaths, when annotated.
    pub fatalities: Option<u32>,
    /// Injured, when annotated.
    pub injured: Option<u32>,
    /// Released, when annotated.
    pub released: Option<u32>,
    /// Hedged.
    #[serde(default)]
    pub hedged: bool,
    /// Neither required nor penalised.
    #[serde(default)]
    pub optional: bool,
    /// A piece of the text that reports the event.
    #[serde(default)]
    pub evidence: String,
}

impl Gold {
    /// Parses a gold file from a string; `path` is used in messages.
    pub fn parse(json: &str, path: &str) -> Result<Gold, GoldError> {
        serde_json::from_str(json).map_err(|e| GoldError::Parse {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Reads and parses a gold file.
    pub fn load(path: &Path) -> Result<Gold, GoldError> {
        let shown = path.display().to_string();
        let json = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
            path: shown.clone(),
            source,
        })?;
        Gold::parse(&json, &shown)
    }

    /// Number of required (non-optional) gold events.
    pub fn required(&self) -> usize {
        self.documents
            .iter()
            .flat_map(|d| &d.events)
            .filter(|e| !e.optional)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_nulls_and_optional_flags() {
        let json = r#"{"documents":[{"doc_id":"d","file":"x.txt","pub_date":"2023-01-02","events":[
            {"id":"E1","plover":["AGREE"],"actor1":["houthis"],"actor2":null,
             "admin1_pcode":["YE13","YE14"],"admin2_pcode":null,"date":null,"optional":true}]}]}"#;
        let gold = Gold::parse(json, "g.json").unwrap();
        let ev = &gold.documents[0].events[0];
        assert!(ev.optional);
        assert!(ev.admin1_pcode.as_ref().unwrap().accepts("YE14"));
        assert_eq!(ev.actor2, None);
        assert_eq!(gold.required(), 0);
    }

    #[test]
    fn parse_errors_name_file_and_position() {
        let err = Gold::parse("{\n \"documents\": [1]}", "bad.json").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.json: line 2"), "{msg}");
    }
}
