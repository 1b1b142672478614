//! The development / frozen-test split of the gold documents.
//!
//! Rules are tuned by reading misses on the development part only; the frozen part
//! (`data/eval/frozen.txt`, drawn once by a fixed seed) measures whether they hold on
//! text nobody tuned them to.

use std::collections::BTreeSet;

use crate::Gold;

/// The frozen list shipped with rasd.
pub const FROZEN: &str = include_str!("../../../data/eval/frozen.txt");

/// Which part of the gold to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Every document.
    #[default]
    All,
    /// Documents not in the frozen list: the part rules may be tuned on.
    Dev,
    /// Only the frozen documents.
    Test,
}

/// A set of frozen document ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    frozen: BTreeSet<String>,
}

impl Split {
    /// Parses a list of document ids, one a line; `#` starts a comment.
    pub fn parse(text: &str) -> Split {
        let frozen = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        Split { frozen }
    }

    /// The split shipped with rasd.
    pub fn builtin() -> Split {
        Split::parse(FROZEN)
    }

    /// True when `doc_id` is in the frozen test part.
    pub fn is_frozen(&self, doc_id: &str) -> bool {
        self.frozen.contains(doc_id)
    }

    /// Keeps the documents of `gold` that belong to `part`.
    pub fn restrict(&self, gold: &mut Gold, part: Part) {
        gold.documents.retain(|d| match part {
            Part::All => true,
            Part::Dev => !self.is_frozen(&d.doc_id),
            Part::Test => self.is_frozen(&d.doc_id),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_partition_the_documents() {
        let split = Split::parse("# comment\nb\n  c  # trailing\n\n");
        let gold = Gold::parse(
            r#"{"documents":[{"doc_id":"a","file":"x","events":[]},
                {"doc_id":"b","file":"x","events":[]},{"doc_id":"c","file":"x","events":[]}]}"#,
            "g",
        )
        .unwrap();
        let ids = |part| {
            let mut g = gold.clone();
            split.restrict(&mut g, part);
            g.documents
                .into_iter()
                .map(|d| d.doc_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Part::Dev), ["a"]);
        assert_eq!(ids(Part::Test), ["b", "c"]);
        assert_eq!(ids(Part::All), ["a", "b", "c"]);
    }

    #[test]
    fn the_shipped_split_freezes_sixteen_training_documents() {
        let split = Split::builtin();
        assert_eq!(split.frozen.len(), 16);
        assert!(split.frozen.iter().all(|id| id.starts_with("snn-")));
    }
}
