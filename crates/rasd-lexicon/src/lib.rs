//! Dictionaries of rasd and the token-aware matcher that finds them in text.
//!
//! A [`Lexicon`] holds the built-in data of `data/` (embedded in the binary), optionally extended
//! by user files:
//!
//! * actors (`actors.tsv`): canonical ids of `spec/events.md`, their parents, ACLED categories and
//!   the surface forms news uses (مليشيا الحوثي، الانقلابيين، تنظيم أنصار الشريعة…);
//! * the gazetteer (`places.csv`): governorates, districts and uzlas of OCHA COD-AB with
//!   Yemen-info spellings, plus curated towns and localities;
//! * person titles, given names, family names that double as actor forms (الحوثي), blockers
//!   (الدار البيضاء) and match rules for place names that are common words.
//!
//! [`Lexicon::find`] turns an [`rasd_text::Analyzed`] document into [`Mention`]s of actors,
//! places and persons, each with its span, the span without proclitics and the proclitics
//! themselves (ب + place is a location, ل + actor an affiliation). [`PhraseMatcher`] offers the
//! same token rules for other stages' dictionaries.
//!
//! All matching uses one Aho-Corasick automaton per matcher over the document's tokens, so it is
//! linear in the text length.
//!
//! ```
//! use rasd_lexicon::{Lexicon, MentionKind, PlaceIntro};
//!
//! let lex = Lexicon::builtin().unwrap();
//! let a = rasd_text::analyze("عقدت مليشيا الحوثي اجتماعا بمحافظة البيضاء حضره حمود شتان وكيل محافظة البيضاء المعين من الحوثيين");
//! let m = lex.find(&a);
//! assert_eq!(m[0].kind, MentionKind::Actor { id: "houthis".into() });
//! let MentionKind::Place { id, intro } = &m[1].kind else { panic!() };
//! assert_eq!(lex.place(*id).admin1_pcode, "YE14");
//! assert_eq!(*intro, Some(PlaceIntro::Governorate));
//! assert_eq!(m[1].split.prep, Some('ب'));
//! let MentionKind::Person { name, role, affiliation } = &m[2].kind else { panic!() };
//! assert_eq!(a.text(*name), "حمود شتان");
//! assert_eq!(a.text(role.unwrap()), "وكيل محافظه البيضاء");
//! assert_eq!(affiliation.as_deref(), Some("houthis"));
//! ```
#![warn(missing_docs)]

mod error;
mod find;
mod lexicon;
mod load;
mod matcher;
mod region;

pub use error::{LexiconError, Problem};
pub use lexicon::{Actor, Lexicon, Mention, MentionKind, Place, PlaceId, PlaceIntro, PlaceLevel};
pub use matcher::{PhraseMatch, PhraseMatcher};

#[cfg(test)]
mod tests;
