//! Scores extracted events against hand-annotated gold files.
//!
//! The rules are those of `spec/events.md` (Evaluation):
//!
//! * an extracted event can match a gold event when its PLOVER type is one of the gold's
//!   accepted types and every gold actor slot is filled by one of that slot's accepted ids;
//!   for CONSULT, AGREE, COOPERATE and armed clashes the slots may be filled in either
//!   order, otherwise the gold `actor1` must be the extracted actor1 (or an associate of
//!   it) and `actor2` likewise, each given slot on its own side even when the other is
//!   null;
//! * matching is one-to-one per document (maximum matching; among equally large
//!   matchings, pairs whose evidence overlaps the gold evidence are preferred);
//! * gold events marked `optional` count neither way: an extracted event that matches
//!   one is neither a true nor a false positive;
//! * the extracted event must be about the same mention: one of its evidence spans lies
//!   within [`MENTION_REACH`] chars of the gold evidence, or in the title (preferred less);
//! * attribute accuracies are computed over matched required pairs; P/R/F1 are also
//!   given per PLOVER type;
//! * [`Split`] separates the development part of the gold from the frozen test part.
//!
//! [`Gold`] loads a gold file; [`score`] compares; [`Report`] holds the figures.
#![warn(missing_docs)]

mod gold;
mod score;
mod split;

pub use gold::{Gold, GoldDocument, GoldError, GoldEvent, OneOrMany};
pub use score::{
    label, score, Attribute, DocumentInput, Label, Miss, Report, TypeCounts, MENTION_REACH,
};
pub use split::{Part, Split};
