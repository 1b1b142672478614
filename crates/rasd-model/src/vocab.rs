//! The fixed vocabularies of the contract (spec/events.md, spec/vocab.md).

/// The 16 PLOVER v0.8 event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The kinds of source an event's attribution can name.
pub const ATTRIBUTION_KINDS: [&str; 7] = [
    "anonymous_sources",
    "security_sources",
    "official",
    "group_claim",
    "media_report",
    "observers",
    "reporter",
];
