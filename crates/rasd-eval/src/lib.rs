//! Scores extracted events against hand-annotated gold files.
//!
//! The rules are those of `spec/events.md` (Evaluation):
//!
//! * an extracted event can match a gold event when its PLOVER type is one of the gold's
//!   accepted types and every gold actor slot is filled by one of that slot's accepted ids;
//!   for CONSULT, AGREE, COOPERATE and armed clashes the slots may be filled in either
//!   order, otherwise the gold `actor1` must be the extracted actor1 (or an associate of
//!   it) and `actor2` likewise;
//! * matching is one-to-one per document (maximum matching; among equally large
//!   matchings, pairs whose evidence overlaps the gold evidence are preferred);
//! * gold events marked `optional` count neither way: an extracted event that matches
//!   one is neither a true nor a false positive;
//! * attribute accuracies are computed over matched required pairs.
//!
//! [`Gold`] loads a gold file; [`score`] compares; [`Report`] holds the figures.
#![warn(missing_docs)]

mod gold;
mod score;

pub use gold::{Gold, GoldDocument, GoldError, GoldEvent, OneOrMany};
pub use score::{score, Attribute, DocumentInput, Miss, Report};
