//! Shared types of the rasd pipeline.
//!
//! * [`Document`]: one ingested article. Its [`Document::text`] (title + `"\n\n"` + body)
//!   is the coordinate system of every public span.
//! * [`SrcSpan`]: a half-open range of Unicode scalar (char) offsets into that text.
//! * [`Event`] and its parts: the record of `spec/events.md`, serialized as one JSON
//!   object per line by `rasd extract --format jsonl`.
//!
//! This crate is the contract between stages: it has no logic beyond ids and spans.
#![warn(missing_docs)]

mod document;
mod event;
mod ids;
pub mod vocab;

pub use document::{check_pub_date, Document, SrcSpan, PUB_DATE_MAX, PUB_DATE_MIN};
pub use event::{
    AcledCoding, ActorRef, Attribution, DateWindow, Event, Evidence, Location, Person, Plover,
    Precision,
};
pub use ids::{stable_hash_hex, stable_id};
