//! Dates and numbers in Arabic news text.
//!
//! This stage reads the normalized text and tokens of [`rasd_text::analyze`] and finds:
//!
//! * [`DateExpr`]s with [`find_dates`]: Gregorian dates with Western month names
//!   (نوفمبر) or Levantine ones (تشرين الثاني) or both, Hijri dates (15 رمضان 1436 هـ),
//!   weekdays (مساء الجمعة الماضية), أمس/اليوم/غدا, relative months and years (فبراير
//!   الماضي، العام الجاري), parts of them (نهاية أكتوبر الماضي، بداية العام الجاري), ranges
//!   (خلال الفترة من 7 - 14 نوفمبر الجاري، سبتمبر وأكتوبر), explicit years (عام 2019) and
//!   anchors to the previous event (بعدها بيوم، في اليوم التالي), each resolved against
//!   the publication date to an inclusive window with a [`Precision`];
//! * [`Quantity`]s with [`find_quantities`]: digits (1,500 / 2.5 مليون), number words in
//!   all gender and case forms (خمسة وعشرون، ثلاثمائة)، ordinals (الحادي عشر), duals of
//!   count nouns (عنصرين), vague counts (عشرات، عدد من), each bound to its noun.
//!
//! [`resolve_anchor`] turns an [`Anchor`] into a window once the caller knows the previous
//! event's date; [`today_marker_date`] finds a publication date stated in the text;
//! [`parse_number_words`] parses number words on their own.
//!
//! The resolution rules (window choices for "الأسبوع الماضي", "نهاية أكتوبر", ranges,
//! weekdays…) are documented on [`find_dates`]' module, `dates.rs`; in short: past
//! readings are preferred, because news reports what happened.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use rasd_timenum::{find_dates, find_quantities, Precision};
//!
//! let a = rasd_text::analyze(
//!     "وأفرجت الجماعة الاثنين الماضي 20 نوفمبر عن 7 من أفراد ألوية العمالقة، \
//!      بعد اتفاق خلال الفترة من 7 - 14 نوفمبر الجاري.",
//! );
//! let pub_date = NaiveDate::from_ymd_opt(2023, 11, 23);
//! let dates = find_dates(&a, pub_date);
//! assert_eq!(a.text(dates[0].span), "الاثنين الماضي 20 نوفمبر");
//! assert_eq!(dates[0].start, NaiveDate::from_ymd_opt(2023, 11, 20));
//! assert_eq!(a.text(dates[1].span), "خلال الفتره من 7 - 14 نوفمبر الجاري");
//! assert_eq!(dates[1].end, NaiveDate::from_ymd_opt(2023, 11, 14));
//! assert_eq!(dates[1].precision, Precision::Week);
//!
//! let counts = find_quantities(&a);
//! assert_eq!(counts.len(), 1); // the days of the dates are not counts
//! assert_eq!(counts[0].value, Some(7));
//! assert_eq!(a.text(counts[0].noun.unwrap()), "افراد");
//! ```
#![warn(missing_docs)]

mod calendar;
mod dates;
mod numbers;
mod units;

#[cfg(test)]
mod tests_dates;
#[cfg(test)]
mod tests_numbers;

pub use dates::{find_dates, resolve_anchor, today_marker_date, Anchor, DateExpr};
pub use numbers::{find_dates_and_quantities, find_quantities, parse_number_words, Quantity};
pub use rasd_model::Precision;
