//! The date grammar.
//!
//! [`find_dates`] scans the unit stream left to right; at every unit it tries each rule
//! and keeps the longest match, so "الاثنين الماضي 20 نوفمبر" is one expression and not a
//! weekday followed by a date. Rules resolve against the publication date as they match.
//!
//! # Resolution rules (and why)
//!
//! * **Day and month without a year** ("10 أكتوبر"): the most recent such date on or
//!   before the publication date. News reports past events.
//! * **Month + الماضي/الفائت/المنصرم** ("فبراير الماضي"): the most recent such month
//!   *strictly before* the publication month (in a February article, last year's
//!   February); with a day, the most recent such day before the publication date ("في
//!   العاشر من فبراير الماضي": in a late-February article, this February's 10th).
//!   **الجاري/الحالي**: the publication year. **المقبل/القادم**: the next such month
//!   after the publication month. A bare month ("في سبتمبر") is the most recent
//!   such month not after the publication month.
//! * **Weekdays**: a bare weekday is the most recent such day on or before the
//!   publication date (a weekday equal to the publication date's weekday is the
//!   publication date itself); with الماضي/الماضية it is strictly before; with
//!   المقبل/القادم strictly after. An explicit date next to the weekday wins
//!   ("الاثنين الماضي 20 نوفمبر" → 20 November, whatever the weekday says).
//! * **أمس / أول أمس / اليوم / غدا**: publication date −1, −2, 0, +1. "اليوم" sets
//!   [`DateExpr::is_today`], and so does "اليوم الخميس 23 نوفمبر 2023" (which is how
//!   [`today_marker_date`] finds a missing publication date).
//! * **Windows**: "الأسبوع الماضي/الأخير" = [pub − 14 d, pub − 7 d] (precision week: the
//!   previous calendar week, give or take a few days, so that it does not swallow the
//!   days just before publication, which writers name by weekday); "هذا الأسبوع" =
//!   [pub − 6 d, pub];
//!   "بداية/مطلع/أوائل" a month = days 1–10, "منتصف/أواسط" = days 11–20,
//!   "نهاية/أواخر" = day 21 to month end (all precision week); the same words on a year =
//!   January–March, May–August, October–December (precision month).
//! * **Ranges** ("7 - 14 نوفمبر", "من 7 إلى 14 نوفمبر", "بين 3 و 5 أغسطس", "خلال الفترة
//!   من … إلى …", "سبتمبر وأكتوبر"): the inclusive window; precision day for one day,
//!   week when the ends are at most 7 days apart, month otherwise (year beyond 366 days).
//! * **Anchors** ("بعدها بيوم", "بعد شهر من عملية الاختطاف", "في اليوم التالي",
//!   "قبلها بيومين") have no dates of their own; [`resolve_anchor`] shifts the previous
//!   event's window. "قبل يومين" / "منذ يومين" without "من …" count back from the
//!   publication date instead. Offsets of a year or more ("بعد عامين", "منذ عشر
//!   سنوات") are durations, not dates, and give no expression.
//! * **Hijri** dates use the tabular calendar (see `calendar.rs`), ±1 day.
//! * **Vague periods** ("خلال الأيام الماضية", "مؤخرا", "قبل أيام") are not dates.
//! * With an unknown publication date, relative expressions keep their span and precision
//!   with `start`/`end` = `None`; absolute ones still resolve.

use chrono::{Datelike, NaiveDate, Weekday};
use rasd_model::Precision;
use rasd_text::{Analyzed, NormSpan};

use crate::calendar::{
    add_days, add_months, days_in_month, hijri_month_window, hijri_to_gregorian, hijri_year_of,
    hijri_year_window, month_window, shift_month, year_window, ymd,
};
use crate::numbers::{number_words_at, ordinal_at};
use crate::units::{units, Cursor, Kind};

/// A date expression found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    /// Bytes of the normalized text covering the whole expression.
    pub span: NormSpan,
    /// First day of the window (inclusive); `None` when it needs an anchor or an unknown
    /// publication date.
    pub start: Option<NaiveDate>,
    /// Last day of the window (inclusive).
    pub end: Option<NaiveDate>,
    /// How precise the window is.
    pub precision: Precision,
    /// Set for expressions relative to another event ("بعدها بيوم").
    pub anchor: Option<Anchor>,
    /// The expression names the publication day ("اليوم", "اليوم الخميس 23 نوفمبر 2023").
    pub is_today: bool,
}

/// A date relative to the previously mentioned event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// After it: "بعدها بيوم" = `{ days: 1, months: 0 }`.
    AfterPrevious {
        /// Days after.
        days: i32,
        /// Months after.
        months: i32,
    },
    /// Before it: "قبلها بيومين" = `{ days: 2, months: 0 }`.
    BeforePrevious {
        /// Days before.
        days: i32,
        /// Months before.
        months: i32,
    },
}

/// Resolves an anchored expression against the previous event's window.
///
/// The window is shifted by the anchor's months and days. Precision follows the width of
/// the result (day, week up to 7 days, month beyond), and is at least week for month
/// offsets, since "بعد شهر" is approximate.
///
/// ```
/// use chrono::NaiveDate;
/// use rasd_timenum::{resolve_anchor, Anchor, Precision};
/// let d = NaiveDate::from_ymd_opt(2023, 11, 7).unwrap();
/// let (s, e, p) = resolve_anchor(Anchor::AfterPrevious { days: 1, months: 0 }, d, d);
/// assert_eq!((s.to_string(), e.to_string(), p), ("2023-11-08".into(), "2023-11-08".into(), Precision::Day));
/// ```
pub fn resolve_anchor(
    anchor: Anchor,
    prev_start: NaiveDate,
    prev_end: NaiveDate,
) -> (NaiveDate, NaiveDate, Precision) {
    let (days, months, sign) = match anchor {
        Anchor::AfterPrevious { days, months } => (days, months, 1),
        Anchor::BeforePrevious { days, months } => (days, months, -1),
    };
    let shift = |d: NaiveDate| {
        add_months(d, sign * months)
            .and_then(|d| add_days(d, i64::from(sign) * i64::from(days)))
            .unwrap_or(d)
    };
    let (s, e) = (shift(prev_start), shift(prev_end.max(prev_start)));
    let mut p = width_precision(s, e);
    if months != 0 && p == Precision::Day {
        p = Precision::Week;
    }
    (s, e, p)
}

fn width_precision(s: NaiveDate, e: NaiveDate) -> Precision {
    match (e - s).num_days() {
        i64::MIN..=0 => Precision::Day,
        1..=7 => Precision::Week,
        8..=366 => Precision::Month,
        _ => Precision::Year,
    }
}

/// Finds date expressions, sorted by position and without overlaps, resolved against
/// `pub_date` where they are relative to it.
///
/// ```
/// use chrono::NaiveDate;
/// let a = rasd_text::analyze("وشن التنظيم هجوما مساء الجمعة الماضية على نقطة عسكرية.");
/// let pub_date = NaiveDate::from_ymd_opt(2023, 11, 23); // a Thursday
/// let d = &rasd_timenum::find_dates(&a, pub_date)[0];
/// assert_eq!(a.text(d.span), "مساء الجمعه الماضيه");
/// assert_eq!(d.start, NaiveDate::from_ymd_opt(2023, 11, 17));
/// ```
pub fn find_dates(a: &Analyzed, pub_date: Option<NaiveDate>) -> Vec<DateExpr> {
    let units = units(a);
    find_in(Cursor { u: &units }, pub_date)
}

/// The date revealed by an explicit full date next to a "today" word ("اليوم الخميس 23
/// نوفمبر 2023", "حتى اليوم الخميس 23 نوفمبر/تشرين الثاني 2023م").
///
/// ```
/// let a = rasd_text::analyze("أعلنت اللجنة اليوم الخميس 23 نوفمبر 2023 نتائج عملها.");
/// assert_eq!(rasd_timenum::today_marker_date(&a), chrono::NaiveDate::from_ymd_opt(2023, 11, 23));
/// ```
pub fn today_marker_date(a: &Analyzed) -> Option<NaiveDate> {
    find_dates(a, None)
        .into_iter()
        .find(|d| d.is_today && d.precision == Precision::Day && d.start.is_some())
        .and_then(|d| d.start)
}

pub(crate) fn find_in(c: Cursor<'_, '_>, pub_date: Option<NaiveDate>) -> Vec<DateExpr> {
    let p = Grammar { c, pub_date };
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        // Every rule starts at a number or at a word of the grammar's vocabulary.
        if !c.can_start_rule(i) {
            i += 1;
            continue;
        }
        let rules = [
            p.rule_weekday(i),
            p.rule_deictic(i),
            p.rule_explicit(i),
            p.rule_day_range(i),
            p.rule_month_range(i),
            p.rule_month(i),
            p.rule_year(i),
            p.rule_rel_period(i),
            p.rule_modified(i),
            p.rule_anchor(i),
        ];
        let best = rules
            .into_iter()
            .flatten()
            .filter(|m| m.end > i && m.first < m.end)
            .fold(None::<Match>, |best, m| match best {
                Some(b) if b.end >= m.end => Some(b),
                _ => Some(m),
            });
        match best {
            Some(m) => {
                out.push(DateExpr {
                    span: c.span(m.first, m.end),
                    start: m.start,
                    end: m.stop,
                    precision: m.precision,
                    anchor: m.anchor,
                    is_today: m.is_today,
                });
                i = m.end;
            }
            None => i += 1,
        }
    }
    out
}

/// One rule's match: units `first..end` and the resolved window.
#[derive(Debug, Clone, Copy)]
struct Match {
    first: usize,
    end: usize,
    start: Option<NaiveDate>,
    stop: Option<NaiveDate>,
    precision: Precision,
    anchor: Option<Anchor>,
    is_today: bool,
}

impl Match {
    fn window(
        first: usize,
        end: usize,
        w: Option<(NaiveDate, NaiveDate)>,
        precision: Precision,
    ) -> Match {
        Match {
            first,
            end,
            start: w.map(|w| w.0),
            stop: w.map(|w| w.1),
            precision,
            anchor: None,
            is_today: false,
        }
    }

    fn day(first: usize, end: usize, d: Option<NaiveDate>) -> Match {
        Match::window(first, end, d.map(|d| (d, d)), Precision::Day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    Unstated,
    Explicit(i32),
    Past,
    Current,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Greg,
    Hijri,
}

/// A period that modifiers (بداية، منتصف، نهاية) can narrow.
#[derive(Debug, Clone, Copy)]
enum Period {
    Month(Option<(i32, u32)>),
    Year(Option<i32>),
    Window(Option<(NaiveDate, NaiveDate)>, Precision),
}

impl Period {
    fn window(self) -> (Option<(NaiveDate, NaiveDate)>, Precision) {
        match self {
            Period::Month(m) => (m.and_then(|(y, m)| month_window(y, m)), Precision::Month),
            Period::Year(y) => (y.and_then(year_window), Precision::Year),
            Period::Window(w, p) => (w, p),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Middle,
    End,
}

const PAST: &[&str] = &[
    "الماضي",
    "الماضيه",
    "المنصرم",
    "المنصرمه",
    "الفايت",
    "الفايته",
    "السابق",
    "السابقه",
    "المنقضي",
];
const CURRENT: &[&str] = &["الجاري", "الجاريه", "الحالي", "الحاليه"];
const NEXT: &[&str] = &["المقبل", "المقبله", "القادم", "القادمه"];
const TIME_OF_DAY: &[&str] = &[
    "مساء",
    "صباح",
    "ليله",
    "فجر",
    "ظهر",
    "عصر",
    "ظهيره",
    "صبيحه",
    "ضحي",
    "عشيه",
    "مساءا",
    "صباحا",
];
const YEAR_WORDS: &[&str] = &["عام", "العام", "سنه", "السنه"];
const MONTH_CONTEXT: &[&str] = &[
    "في",
    "منذ",
    "خلال",
    "حتي",
    "من",
    "الي",
    "اواخر",
    "اوايل",
    "مطلع",
    "بدايه",
    "نهايه",
    "منتصف",
    "شهري",
];

fn western_month(w: &str) -> Option<u32> {
    Some(match w {
        "يناير" => 1,
        "فبراير" => 2,
        "مارس" => 3,
        "ابريل" | "افريل" => 4,
        "مايو" => 5,
        "يونيو" | "يونيه" => 6,
        "يوليو" | "يوليه" => 7,
        "اغسطس" => 8,
        "سبتمبر" => 9,
        "اكتوبر" => 10,
        "نوفمبر" => 11,
        "ديسمبر" => 12,
        _ => return None,
    })
}

fn levantine_single(w: &str) -> Option<u32> {
    Some(match w {
        "شباط" => 2,
        "اذار" => 3,
        "نيسان" => 4,
        "ايار" => 5,
        "حزيران" => 6,
        "تموز" => 7,
        "اب" => 8,
        "ايلول" => 9,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "السبت" => Weekday::Sat,
        "الاحد" => Weekday::Sun,
        "الاثنين" => Weekday::Mon,
        "الثلاثاء" => Weekday::Tue,
        "الاربعاء" => Weekday::Wed,
        "الخميس" => Weekday::Thu,
        "الجمعه" => Weekday::Fri,
        _ => return None,
    })
}

fn part(w: &str) -> Option<Part> {
    Some(match w {
        "بدايه" | "بدايات" | "مطلع" | "اوايل" | "مستهل" | "بدء" => {
            Part::Begin
        }
        "منتصف" | "اواسط" => Part::Middle,
        "نهايه" | "نهايات" | "اواخر" | "اخر" | "ختام" => Part::End,
        _ => return None,
    })
}

/// How many days or months a duration word group names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dur {
    days: i32,
    months: i32,
}

fn duration_word(w: &str) -> Option<Dur> {
    let (days, months) = match w {
        "يوم" | "يوما" => (1, 0),
        "يومين" | "يومان" => (2, 0),
        "اسبوع" | "اسبوعا" => (7, 0),
        "اسبوعين" | "اسبوعان" => (14, 0),
        "شهر" | "شهرا" => (0, 1),
        "شهرين" | "شهران" => (0, 2),
        "عام" | "عاما" | "سنه" => (0, 12),
        "عامين" | "عامان" | "سنتين" | "سنتان" => (0, 24),
        "ساعه" | "ساعات" | "ساعتين" | "ساعتان" | "دقايق" | "دقيقه" | "دقيقتين" | "لحظات" => {
            (0, 0)
        }
        _ => return None,
    };
    Some(Dur { days, months })
}

/// The unit word after a count: (days, months) per item.
fn duration_unit(w: &str) -> Option<(i32, i32)> {
    Some(match w {
        "ايام" | "يوما" | "يوم" => (1, 0),
        "اسابيع" | "اسبوعا" | "اسبوع" => (7, 0),
        "اشهر" | "شهور" | "شهرا" | "شهر" => (0, 1),
        "سنوات" | "اعوام" | "عاما" | "سنه" | "عام" => (0, 12),
        "ساعات" | "ساعه" => (0, 0),
        _ => return None,
    })
}

struct Grammar<'u, 'a> {
    c: Cursor<'u, 'a>,
    pub_date: Option<NaiveDate>,
}

impl Grammar<'_, '_> {
    fn rel(&self, i: usize) -> Option<YearSpec> {
        let w = self.c.w(i);
        if PAST.contains(&w) {
            Some(YearSpec::Past)
        } else if CURRENT.contains(&w) {
            Some(YearSpec::Current)
        } else if NEXT.contains(&w) {
            Some(YearSpec::Next)
        } else {
            None
        }
    }

    /// A Levantine month name at `i` (one or two words).
    fn levantine(&self, i: usize, allow_ab: bool) -> Option<(usize, u32)> {
        let c = &self.c;
        if let Some(m) = c.lookup(i, levantine_single) {
            return (m != 8 || allow_ab).then_some((i + 1, m));
        }
        let head = c.lookup(i, |w| match w {
            "كانون" => Some(true),
            "تشرين" => Some(false),
            _ => None,
        })?;
        let second = if c.is(i + 1, &["الثاني", "ثاني"]) {
            2
        } else if c.is(i + 1, &["الاول", "اول"]) {
            1
        } else {
            return None;
        };
        let m = match (head, second) {
            (true, 2) => 1,
            (true, _) => 12,
            (false, 2) => 11,
            (false, _) => 10,
        };
        Some((i + 2, m))
    }

    /// A Gregorian month at `i`: Western or Levantine name, or both ("نوفمبر/تشرين
    /// الثاني", "نوفمبر تشرين الثاني", "نوفمبر (تشرين الثاني)").
    fn greg_month(&self, i: usize, allow_ab: bool) -> Option<(usize, u32)> {
        let c = &self.c;
        let (j, m, western) = if let Some(m) = c.lookup(i, western_month) {
            (i + 1, m, true)
        } else {
            let (j, m) = self.levantine(i, allow_ab)?;
            (j, m, false)
        };
        let mut k = j;
        let paren = c.punct(k, &["("]);
        if c.punct(k, &["/", "(", "-"]) {
            k += 1;
        }
        let second = if western {
            self.levantine(k, true)
        } else {
            western_month(c.w(k)).map(|m| (k + 1, m))
        };
        match second {
            Some((mut e, m2)) if m2 == m => {
                if paren && c.punct(e, &[")"]) {
                    e += 1;
                }
                Some((e, m))
            }
            _ => Some((j, m)),
        }
    }

    fn hijri_month(&self, i: usize) -> Option<(usize, u32)> {
        let c = &self.c;
        let single = c.lookup(i, |w| {
            Some(match w {
                "محرم" | "المحرم" => 1,
                "صفر" => 2,
                "رجب" => 7,
                "شعبان" => 8,
                "رمضان" => 9,
                "شوال" => 10,
                _ => return None,
            })
        });
        if let Some(m) = single {
            return Some((i + 1, m));
        }
        let head = c.lookup(i, |w| match w {
            "ربيع" | "جمادي" | "ذو" | "ذي" => Some(w.to_string()),
            _ => None,
        })?;
        let next = c.w(i + 1);
        let m = match (head.as_str(), next) {
            ("ربيع", "الاول") => 3,
            ("ربيع", "الاخر" | "الثاني" | "الاخره") => 4,
            ("جمادي", "الاولي" | "الاول") => 5,
            ("جمادي", "الاخره" | "الاخر" | "الثانيه" | "الثاني") => 6,
            ("ذو" | "ذي", "القعده") => 11,
            ("ذو" | "ذي", "الحجه") => 12,
            _ => return None,
        };
        Some((i + 2, m))
    }

    /// What follows a month: an explicit year (with optional عام and era marker) or a
    /// relative word. Returns the end index and the year spec.
    fn year_after(&self, k: usize, cal: Cal) -> (usize, YearSpec) {
        let c = &self.c;
        let mut j = k;
        if c.is(j, &["من"]) && c.is(j + 1, YEAR_WORDS) {
            j += 1;
        }
        if c.is(j, YEAR_WORDS) {
            j += 1;
        }
        let range = match cal {
            Cal::Greg => 1900..=2100,
            Cal::Hijri => 1300..=1600,
        };
        if let Some(y) = c.year(j, range) {
            let mut e = j + 1;
            let markers: &[&str] = match cal {
                Cal::Greg => &["م", "ميلاديه"],
                Cal::Hijri => &["ه", "هجريه", "هجري"],
            };
            if c.is(e, markers) {
                e += 1;
            }
            return (e, YearSpec::Explicit(y));
        }
        match self.rel(k) {
            Some(r) => (k + 1, r),
            None => (k, YearSpec::Unstated),
        }
    }

    /// The year of a Gregorian month (and day, if given) under a year spec.
    fn greg_year(&self, m: u32, d: Option<u32>, ys: YearSpec) -> Option<i32> {
        if let YearSpec::Explicit(y) = ys {
            return Some(y);
        }
        let p = self.pub_date?;
        let (py, pm, pd) = (p.year(), p.month(), p.day());
        Some(match ys {
            // "السابع من يوليو الماضي" in a late-July article: a day already past in
            // the publication month is this year's.
            YearSpec::Past => {
                if m < pm || m == pm && d.is_some_and(|d| d < pd) {
                    py
                } else {
                    py - 1
                }
            }
            YearSpec::Current => py,
            YearSpec::Next => {
                if m > pm {
                    py
                } else {
                    py + 1
                }
            }
            _ => {
                let not_after = match d {
                    Some(d) => (m, d) <= (pm, pd),
                    None => m <= pm,
                };
                if not_after {
                    py
                } else {
                    py - 1
                }
            }
        })
    }

    /// The Hijri year of a Hijri month (and day) under a year spec.
    fn hijri_year(&self, m: u32, d: u32, ys: YearSpec) -> Option<i32> {
        if let YearSpec::Explicit(y) = ys {
            return Some(y);
        }
        let p = self.pub_date?;
        let hy = hijri_year_of(p);
        let dates = (hy - 1..=hy + 1).filter_map(|y| Some((y, hijri_to_gregorian(y, m, d)?)));
        match ys {
            YearSpec::Current => Some(hy),
            YearSpec::Next => dates.filter(|(_, g)| *g > p).map(|(y, _)| y).min(),
            YearSpec::Past => dates.filter(|(_, g)| *g < p).map(|(y, _)| y).max(),
            _ => dates.filter(|(_, g)| *g <= p).map(|(y, _)| y).max(),
        }
    }

    /// A day (digits or an ordinal + "من") and a month, with optional year or relative
    /// word. Returns the end, the resolved date (None when it needs an unknown
    /// publication date) and the calendar. Impossible dates give `None`.
    fn day_date(&self, j: usize) -> Option<(usize, Option<NaiveDate>, Cal)> {
        let c = &self.c;
        if let Some(u) = c.u.get(j) {
            if u.kind == Kind::NumDate {
                let e = if c.is(j + 1, &["م", "ه"]) {
                    j + 2
                } else {
                    j + 1
                };
                let cal = if u.hijri { Cal::Hijri } else { Cal::Greg };
                return Some((e, u.date, cal));
            }
        }
        let (k, d) = if let Some(d) = c.day(j) {
            let k = if c.is(j + 1, &["من"]) { j + 2 } else { j + 1 };
            (k, d)
        } else {
            let (k, d) = self.ordinal_day(j)?;
            if !c.is(k, &["من"]) {
                return None;
            }
            (k + 1, d)
        };
        if let Some((e, ym)) = self.month_of_day(k, d) {
            let date = ym.and_then(|(y, m)| ymd(y, m, d));
            return Some((e, date, Cal::Greg));
        }
        let (k2, m) = self.hijri_month(k)?;
        let (e, ys) = self.year_after(k2, Cal::Hijri);
        if d > 30 || (m == 2 && ys == YearSpec::Unstated) {
            return None;
        }
        let date = self
            .hijri_year(m, d, ys)
            .and_then(|y| hijri_to_gregorian(y, m, d));
        Some((e, date, Cal::Hijri))
    }

    /// The Gregorian month (and year) of day `d` at `k`: a month name with optional year
    /// or relative word, or "(من) الشهر الجاري/الماضي". The (year, month) is None when
    /// it needs an unknown publication date; impossible dates give `None`.
    fn month_of_day(&self, k: usize, d: u32) -> Option<(usize, Option<(i32, u32)>)> {
        let c = &self.c;
        if let Some((k2, m)) = self.greg_month(k, true) {
            if d > days_in_month(2024, m) {
                return None;
            }
            let (e, ys) = self.year_after(k2, Cal::Greg);
            if let YearSpec::Explicit(y) = ys {
                ymd(y, m, d)?;
            }
            return Some((e, self.greg_year(m, Some(d), ys).map(|y| (y, m))));
        }
        let k = if c.is(k, &["من"]) { k + 1 } else { k };
        if !c.is_p(k, &["الشهر"]) {
            return None;
        }
        let offset = match self.rel(k + 1)? {
            YearSpec::Past => -1,
            YearSpec::Next => 1,
            _ => 0,
        };
        let ym = self.pub_date.map(|p| shift_month(p, offset));
        if let Some((y, m)) = ym {
            ymd(y, m, d)?;
        }
        Some((k + 2, ym))
    }

    fn ordinal_day(&self, j: usize) -> Option<(usize, u32)> {
        let c = &self.c;
        if let Some((k, n)) = ordinal_at(c, j) {
            return (n <= 31).then_some((k, n as u32));
        }
        match c.w(j) {
            "العشرين" => Some((j + 1, 20)),
            "الثلاثين" => Some((j + 1, 30)),
            _ => None,
        }
    }

    /// An explicit date after a weekday or "today" word, optionally introduced by
    /// "الموافق", a comma or a parenthesis.
    fn trailing_date(&self, j: usize) -> Option<(usize, Option<NaiveDate>, Cal)> {
        let c = &self.c;
        let open = c.punct(j, &["("]);
        let k = if open || c.punct(j, &["،", ","]) || c.is(j, &["الموافق"]) {
            j + 1
        } else {
            j
        };
        let (mut e, date, cal) = self.day_date_merged(k)?;
        if open && c.punct(e, &[")"]) {
            e += 1;
        }
        Some((e, date, cal))
    }

    /// A day date, merged with an equivalent date in the other calendar that follows it
    /// ("15 رمضان 1436 هـ الموافق 2 يوليو 2015م", "… (2 يوليو 2015)"): one expression,
    /// and the Gregorian date wins.
    fn day_date_merged(&self, j: usize) -> Option<(usize, Option<NaiveDate>, Cal)> {
        let c = &self.c;
        let (mut e, mut date, mut cal) = self.day_date(j)?;
        let open = c.punct(e, &["("]);
        if open || c.is(e, &["الموافق"]) {
            if let Some((e2, date2, cal2)) = self.day_date(e + 1) {
                if cal == Cal::Hijri && cal2 == Cal::Greg && date2.is_some() {
                    date = date2;
                    cal = Cal::Greg;
                } else if date.is_none() {
                    date = date2;
                    cal = cal2;
                }
                e = e2;
                if open && c.punct(e, &[")"]) {
                    e += 1;
                }
            }
        }
        Some((e, date, cal))
    }

    /// [tod] [يوم] weekday [الماضي|المقبل] [explicit date].
    fn rule_weekday(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let mut j = i;
        if c.is_p(j, TIME_OF_DAY) {
            j += 1;
        } else if c.is_p(j, &["منتصف"]) && c.is(j + 1, &["ليله"]) {
            j += 2;
        }
        if (j == i && c.is_p(j, &["يوم"])) || (j > i && c.is(j, &["يوم"])) {
            j += 1;
        }
        let wd = if j == i {
            c.lookup(j, weekday)?
        } else {
            weekday(c.w(j))?
        };
        j += 1;
        let rel = match self.rel(j) {
            Some(r @ (YearSpec::Past | YearSpec::Next)) => {
                j += 1;
                r
            }
            _ => YearSpec::Unstated,
        };
        if let Some((e, date, cal)) = self.trailing_date(j) {
            // A Hijri date converted by the tabular calendar may fall a day off the
            // sighted one the text follows; the weekday it names settles it. (An
            // explicit Gregorian day wins over an inconsistent weekday.)
            let date = date.map(|d| {
                if cal == Cal::Greg {
                    return d;
                }
                [Some(d), d.succ_opt(), d.pred_opt()]
                    .into_iter()
                    .flatten()
                    .find(|x| x.weekday() == wd)
                    .unwrap_or(d)
            });
            return Some(Match::day(i, e, date));
        }
        let date = self.pub_date.and_then(|p| weekday_date(p, wd, rel));
        Some(Match::day(i, j, date))
    }

    /// [tod] (اليوم | أمس | أول أمس | البارحة | غدا) [weekday] [explicit date].
    fn rule_deictic(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let mut j = i;
        if c.is_p(j, TIME_OF_DAY) {
            j += 1;
        }
        if (j == i && c.is_p(j, &["يوم"])) || (j > i && c.is(j, &["يوم"])) {
            j += 1;
        }
        let word = |k: usize, set: &[&str]| {
            if k == i {
                c.is_p(k, set)
            } else {
                c.is(k, set)
            }
        };
        let (back, today) = if word(j, &["اليوم"]) {
            let next = c.w(j + 1);
            // "اليوم العالمي", "اليوم الذي", "اليوم الأول": "the day", not today.
            let article_word = next.starts_with("ال") && next != "الي" && weekday(next).is_none();
            let prev_blocks = i > 0 && c.is(i - 1, &["ذلك", "نفس", "ذات", "هذا", "مثل"]);
            if article_word || c.is(j + 1, &["نفسه", "ذاته"]) || prev_blocks {
                return None;
            }
            j += 1;
            (0, true)
        } else if word(j, &["امس"]) {
            j += 1;
            if c.is(j, &["الاول"]) {
                j += 1;
                (2, false)
            } else {
                (1, false)
            }
        } else if word(j, &["البارحه"]) {
            j += 1;
            (1, false)
        } else if word(j, &["اول"]) && c.is(j + 1, &["امس"]) {
            j += 2;
            (2, false)
        } else if word(j, &["اول"]) && c.is(j + 1, &["من"]) && c.is(j + 2, &["امس"]) {
            j += 3;
            (2, false)
        } else if word(j, &["غدا"]) {
            j += 1;
            (-1, false)
        } else {
            return None;
        };
        if weekday(c.w(j)).is_some() {
            j += 1;
        } else if c.punct(j, &["("]) && weekday(c.w(j + 1)).is_some() && c.punct(j + 2, &[")"]) {
            j += 3;
        }
        let (end, date) = match self.trailing_date(j) {
            Some((e, date, _)) => (e, date),
            None => (j, self.pub_date.and_then(|p| add_days(p, -back))),
        };
        let mut m = Match::day(i, end, date);
        m.is_today = today;
        Some(m)
    }

    /// [بتاريخ|يوم] day month [year|rel] [الموافق day month year].
    fn rule_explicit(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let j = if c.is_p(i, &["بتاريخ", "تاريخ", "يوم"]) {
            i + 1
        } else {
            i
        };
        let (e, date, _) = self.day_date_merged(j)?;
        Some(Match::day(i, e, date))
    }

    /// [خلال الفترة] (من|بين) d1 [m1 [y1]] (إلى|حتى|-|و) d2 m2 [y2|rel].
    fn rule_day_range(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let mut j = i;
        if c.is_p(j, &["خلال", "في"]) && c.is(j + 1, &["الفتره"]) {
            j += 2;
            if c.is(j, &["الممتده", "الواقعه"]) {
                j += 1;
            }
            if c.is(j, &["ما"]) {
                j += 1;
            }
        } else if c.is_p(j, &["ما"]) && c.is(j + 1, &["بين"]) {
            j += 1;
        }
        let from = c.is_p(j, &["من"]);
        // "بين 3 و 5 أغسطس", "يومي 13 و14 يونيو": the two ends joined by و.
        let between = c.is_p(j, &["بين", "يومي"]);
        if from || between {
            j += 1;
        } else if j != i {
            return None;
        }
        let d1 = c.day(j)?;
        j += 1;
        let mut m1 = None;
        let mut y1 = None;
        if let Some((k, m)) = self.greg_month(j, true) {
            m1 = Some(m);
            j = k;
            if let (k, YearSpec::Explicit(y)) = self.year_after(j, Cal::Greg) {
                y1 = Some(y);
                j = k;
            }
        }
        let sep_ok = c.punct(j, &["-", "/"])
            || (!between && c.is(j, &["الي", "حتي", "لغايه"]))
            || (between && c.is(j, &["و"]));
        if !sep_ok {
            return None;
        }
        j += 1;
        let d2 = c.day(j)?;
        let (e, ym2) = self.month_of_day(j + 1, d2)?;
        if m1.is_some_and(|m1| d1 > days_in_month(2024, m1)) {
            return None;
        }
        let explicit = c.u[j + 1..e]
            .iter()
            .any(|u| u.kind == Kind::Num && u.digits == 4);
        let window = ym2.and_then(|(y2, m2)| {
            let end = ymd(y2, m2, d2)?;
            let start = match m1 {
                Some(m1) => {
                    let y = y1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
                    ymd(y, m1, d1)?
                }
                None if d1 <= d2 => ymd(y2, m2, d1)?,
                None => {
                    let (y, m) = shift_month(end, -1);
                    ymd(y, m, d1)?
                }
            };
            (start <= end).then_some((start, end))
        });
        if self.pub_date.is_some() || explicit {
            let (s, e2) = window?;
            return Some(Match::window(i, e, Some((s, e2)), width_precision(s, e2)));
        }
        let precision = match m1 {
            Some(_) => Precision::Month,
            None if d2.abs_diff(d1) <= 7 => Precision::Week,
            None => Precision::Month,
        };
        Some(Match::window(i, e, None, precision))
    }

    /// [من|بين|خلال] [شهري] m1 [y1] (و|إلى|حتى|-) m2 [y2|rel]: "سبتمبر وأكتوبر".
    fn rule_month_range(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let mut j = i;
        if c.is_p(j, &["من", "بين", "خلال"]) {
            j += 1;
        }
        if c.is_p(j, &["شهري", "شهر"]) {
            j += 1;
        }
        let (mut k, m1) = self.greg_month(j, false)?;
        let mut y1 = None;
        if let (k2, YearSpec::Explicit(y)) = self.year_after(k, Cal::Greg) {
            y1 = Some(y);
            k = k2;
        }
        if c.is(k, &["و", "الي", "حتي"]) || c.punct(k, &["-"]) {
            k += 1;
        } else if !c.w(k).starts_with('و') {
            return None;
        }
        if c.is(k, &["شهر"]) {
            k += 1;
        }
        let (k2, m2) = self.greg_month(k, false)?;
        if m1 == m2 {
            return None;
        }
        let (e, ys) = self.year_after(k2, Cal::Greg);
        let window = self.greg_year(m2, None, ys).and_then(|y2| {
            let y1 = y1.unwrap_or(if m1 <= m2 { y2 } else { y2 - 1 });
            let (s, _) = month_window(y1, m1)?;
            let (_, end) = month_window(y2, m2)?;
            (s <= end).then_some((s, end))
        });
        let precision = window.map_or(Precision::Month, |(s, e)| width_precision(s, e));
        Some(Match::window(i, e, window, precision))
    }

    /// [شهر] month [year|rel], only in a date context (شهر, a year, a relative word or a
    /// preceding في/منذ/خلال/…): "مارس" is also a verb.
    fn month_period(&self, i: usize, force: bool) -> Option<(usize, Period)> {
        let c = &self.c;
        let mut j = i;
        let shahr = c.is_p(j, &["شهر", "شهري"]);
        if shahr {
            j += 1;
        }
        if let Some((k, m)) = self.greg_month(j, false) {
            let (e, ys) = self.year_after(k, Cal::Greg);
            let ctx = force
                || shahr
                || ys != YearSpec::Unstated
                || (i > 0 && c.is_p(i - 1, MONTH_CONTEXT));
            if !ctx {
                return None;
            }
            let ym = self.greg_year(m, None, ys).map(|y| (y, m));
            return Some((e, Period::Month(ym)));
        }
        let (k, m) = self.hijri_month(j)?;
        let (e, ys) = self.year_after(k, Cal::Hijri);
        if ys == YearSpec::Unstated && !(shahr && m != 2) {
            return None;
        }
        let w = self
            .hijri_year(m, 1, ys)
            .and_then(|y| hijri_month_window(y, m));
        Some((e, Period::Window(w, Precision::Month)))
    }

    fn rule_month(&self, i: usize) -> Option<Match> {
        let (e, p) = self.month_period(i, false)?;
        let (w, precision) = p.window();
        Some(Match::window(i, e, w, precision))
    }

    /// عام 2019, العام 2014, عام 2012م, 2015م, في 2015, 1436هـ, عامي 2014 و2015.
    fn year_period(&self, i: usize, bare: bool) -> Option<(usize, usize, Period)> {
        let c = &self.c;
        let mut first = i;
        let mut j = i;
        let keyword = c.is_p(j, &["عام", "العام", "سنه", "السنه", "عامي", "سنتي"]);
        let mut via_prep = false;
        if keyword {
            j += 1;
        } else if !bare && c.is_p(j, &["في", "منذ", "خلال", "حتي"]) {
            j += 1;
            first = j;
            via_prep = true;
        }
        if let Some(y) = c.year(j, 1300..=1600) {
            if c.is(j + 1, &["ه", "هجريه", "هجري"]) {
                return Some((
                    first,
                    j + 2,
                    Period::Window(hijri_year_window(y), Precision::Year),
                ));
            }
        }
        // After عام/العام/سنة any year from 1000 is a year (historical dates); alone, a
        // number is a year only in 1900..=2100 and with a marker, a preposition or as
        // the first end of a year range ("(1911 - 2013)").
        let y = if keyword {
            c.year(j, 1000..=2100)?
        } else {
            c.year(j, 1900..=2100)?
        };
        let mut e = j + 1;
        let marker = c.is(e, &["م", "ميلاديه"]);
        if marker {
            e += 1;
        }
        let range_follows = c.punct(e, &["-"]) && c.year(e + 1, y + 1..=2100).is_some();
        if !(keyword || marker || bare || range_follows) {
            if !via_prep {
                return None;
            }
            let next_ok = match c.u.get(e) {
                None => true,
                Some(u) => {
                    u.kind != Kind::Word
                        || u.s.starts_with('و')
                        || c.is(e, &["حين", "عندما", "بعد", "قبل", "حتي", "الي"])
                }
            };
            if !next_ok {
                return None;
            }
        }
        // A year range: عامي 2014 و2015, من 2014 إلى 2016.
        let mut k = e;
        if c.is(k, &["و", "الي", "حتي"]) || c.punct(k, &["-"]) {
            k += 1;
            if c.is(k, YEAR_WORDS) {
                k += 1;
            }
            if let Some(y2) = c.year(k, 1900..=2100).filter(|y2| *y2 > y) {
                let mut e2 = k + 1;
                if c.is(e2, &["م"]) {
                    e2 += 1;
                }
                let w = year_window(y).zip(year_window(y2)).map(|(a, b)| (a.0, b.1));
                return Some((first, e2, Period::Window(w, Precision::Year)));
            }
        }
        Some((first, e, Period::Year(Some(y))))
    }

    fn rule_year(&self, i: usize) -> Option<Match> {
        let (first, e, p) = self.year_period(i, false)?;
        let (w, precision) = p.window();
        Some(Match::window(first, e, w, precision))
    }

    /// الشهر/العام/الأسبوع + الماضي/الجاري/المقبل, هذا الشهر, العام قبل الماضي.
    fn rel_period(&self, i: usize) -> Option<(usize, Period)> {
        let c = &self.c;
        #[derive(Clone, Copy, PartialEq)]
        enum U {
            Month,
            Year,
            Week,
        }
        let unit = |w: &str| match w {
            "الشهر" => Some(U::Month),
            "العام" | "السنه" => Some(U::Year),
            "الاسبوع" => Some(U::Week),
            _ => None,
        };
        let (unit, offset, e) = if c.is_p(i, &["هذا", "هذه"]) {
            (unit(c.w(i + 1))?, 0, i + 2)
        } else {
            let u = c.lookup(i, unit)?;
            if c.is(i + 1, &["قبل"]) && c.is(i + 2, PAST) {
                (u, -2, i + 3)
            } else if c.is(i + 1, &["الاخير", "الاخيره"]) && u == U::Week {
                (u, -1, i + 2)
            } else {
                let off = match self.rel(i + 1)? {
                    YearSpec::Past => -1,
                    YearSpec::Next => 1,
                    _ => 0,
                };
                (u, off, i + 2)
            }
        };
        let p = self.pub_date;
        let period = match unit {
            U::Month => Period::Month(p.map(|p| shift_month(p, offset))),
            U::Year => Period::Year(p.map(|p| p.year() + offset)),
            U::Week => {
                let (a, b) = match offset {
                    -2 => (-21, -8),
                    -1 => (-14, -7),
                    0 => (-6, 0),
                    _ => (1, 7),
                };
                let w = p.and_then(|p| Some((add_days(p, a)?, add_days(p, b)?)));
                Period::Window(w, Precision::Week)
            }
        };
        Some((e, period))
    }

    fn rule_rel_period(&self, i: usize) -> Option<Match> {
        let (e, p) = self.rel_period(i)?;
        let (w, precision) = p.window();
        Some(Match::window(i, e, w, precision))
    }

    /// بداية/منتصف/نهاية + a month, a year or a relative period.
    fn rule_modified(&self, i: usize) -> Option<Match> {
        let part = self.c.lookup(i, part)?;
        let j = i + 1;
        let (e, period) = self
            .rel_period(j)
            .or_else(|| self.month_period(j, true))
            .or_else(|| self.year_period(j, true).map(|(_, e, p)| (e, p)))?;
        let (w, precision) = match period {
            Period::Month(ym) => {
                let w = ym.and_then(|(y, m)| {
                    let last = days_in_month(y, m);
                    let (a, b) = match part {
                        Part::Begin => (1, 10),
                        Part::Middle => (11, 20),
                        Part::End => (21, last),
                    };
                    Some((ymd(y, m, a)?, ymd(y, m, b)?))
                });
                (w, Precision::Week)
            }
            Period::Year(y) => {
                let w = y.and_then(|y| {
                    let (a, b) = match part {
                        Part::Begin => ((1, 1), (3, 31)),
                        Part::Middle => ((5, 1), (8, 31)),
                        Part::End => ((10, 1), (12, 31)),
                    };
                    Some((ymd(y, a.0, a.1)?, ymd(y, b.0, b.1)?))
                });
                (w, Precision::Month)
            }
            Period::Window(w, p) => (w, p),
        };
        Some(Match::window(i, e, w, precision))
    }

    /// A duration at `j`: يوم، يومين، ثلاثة أيام، 3 أيام، أسبوع، شهر، شهرين، ساعات. With
    /// `with_b` the first word carries the preposition ب (بيوم، بيومين، بثلاثة أيام).
    fn duration(&self, j: usize, with_b: bool) -> Option<(usize, Dur)> {
        let c = &self.c;
        let w = c.w(j);
        let single = if with_b {
            w.strip_prefix('ب').and_then(duration_word)
        } else {
            duration_word(w)
        };
        if let Some(d) = single {
            // "بعد عامين" is a duration, and "بعد عام 2000" a year.
            if d.months >= 12 {
                return None;
            }
            let mut e = j + 1;
            if d == (Dur { days: 1, months: 0 }) && c.is(e, &["واحد"]) {
                e += 1;
            }
            return Some((e, d));
        }
        let (k, n) = if with_b && w == "ب" {
            (j + 2, c.int(j + 1)?)
        } else if let Some(n) = c.int(j).filter(|_| !with_b) {
            (j + 1, n)
        } else {
            if with_b && !w.starts_with('ب') {
                return None;
            }
            number_words_at(c, j)?
        };
        let n = i32::try_from(n).ok().filter(|n| *n <= 1000)?;
        let (days, months) = duration_unit(c.w(k))?;
        if months * n >= 12 {
            return None;
        }
        Some((
            k + 1,
            Dur {
                days: days * n,
                months: months * n,
            },
        ))
    }

    /// "من عملية الاختطاف": the referent of an anchor, two words at most.
    fn referent(&self, e: usize) -> usize {
        let c = &self.c;
        if !c.is(e, &["من", "علي"]) {
            return e;
        }
        let head = c.w(e + 1);
        if head.is_empty() {
            return e;
        }
        if !head.starts_with("ال") && c.w(e + 2).starts_with("ال") {
            e + 3
        } else {
            e + 2
        }
    }

    fn anchored(&self, i: usize, end: usize, after: bool, d: Dur) -> Match {
        let anchor = if after {
            Anchor::AfterPrevious {
                days: d.days,
                months: d.months,
            }
        } else {
            Anchor::BeforePrevious {
                days: d.days,
                months: d.months,
            }
        };
        let mut m = Match::window(
            i,
            end,
            None,
            if d.months != 0 {
                Precision::Week
            } else {
                Precision::Day
            },
        );
        m.anchor = Some(anchor);
        m
    }

    /// A date counted back from the publication date: "قبل يومين", "منذ ثلاثة أيام".
    fn ago(&self, i: usize, end: usize, d: Dur) -> Option<Match> {
        if d.months % 12 == 0 && d.months != 0 {
            return None;
        }
        let p = self.pub_date;
        if d.months != 0 {
            let w = p.and_then(|p| {
                let c = add_months(p, -d.months)?;
                Some((add_days(c, -15)?, add_days(c, 15)?.min(p)))
            });
            return Some(Match::window(i, end, w, Precision::Month));
        }
        if d.days >= 7 {
            let w = p.and_then(|p| {
                let c = add_days(p, -i64::from(d.days))?;
                Some((add_days(c, -3)?, add_days(c, 3)?.min(p)))
            });
            return Some(Match::window(i, end, w, Precision::Week));
        }
        Some(Match::day(
            i,
            end,
            p.and_then(|p| add_days(p, -i64::from(d.days))),
        ))
    }

    /// بعدها بيوم، بعد ذلك بيومين، بعد شهر من …، قبلها بيوم، في اليوم التالي; and the
    /// publication-relative قبل يومين / منذ يومين.
    fn rule_anchor(&self, i: usize) -> Option<Match> {
        let c = &self.c;
        let dir = c.lookup(i, |w| match w {
            "بعدها" => Some(true),
            "قبلها" => Some(false),
            _ => None,
        });
        if let Some(after) = dir {
            let (e, d) = self.duration(i + 1, true)?;
            return Some(self.anchored(i, e, after, d));
        }
        let before_after = c.lookup(i, |w| match w {
            "بعد" => Some(true),
            "قبل" => Some(false),
            _ => None,
        });
        if let Some(after) = before_after {
            if c.is(i + 1, &["ذلك"]) {
                let (e, d) = self.duration(i + 2, true)?;
                return Some(self.anchored(i, e, after, d));
            }
            let j = if after && c.is(i + 1, &["مرور"]) {
                i + 2
            } else {
                i + 1
            };
            let (e, d) = self.duration(j, false)?;
            let e2 = self.referent(e);
            if after || e2 > e {
                return Some(self.anchored(i, e2, after, d));
            }
            return self.ago(i, e, d);
        }
        if c.is_p(i, &["منذ"]) {
            let (e, d) = self.duration(i + 1, false)?;
            return self.ago(i, e, d);
        }
        let mut j = i;
        if c.is_p(j, &["في"]) {
            j += 1;
        }
        if c.is_p(j, TIME_OF_DAY) {
            j += 1;
        }
        let same = Dur { days: 0, months: 0 };
        let word_at = |k: usize, set: &[&str]| {
            if k == i {
                c.is_p(k, set)
            } else {
                c.is(k, set)
            }
        };
        if word_at(j, &["اليوم"]) && c.is(j + 1, &["التالي"]) {
            return Some(self.anchored(i, j + 2, true, Dur { days: 1, months: 0 }));
        }
        if word_at(j, &["اليوم", "الليله"]) && c.is(j + 1, &["نفسه", "ذاته", "نفسها", "ذاتها"])
        {
            return Some(self.anchored(i, j + 2, true, same));
        }
        if word_at(j, &["نفس", "ذات"]) && c.is(j + 1, &["اليوم"]) {
            return Some(self.anchored(i, j + 2, true, same));
        }
        None
    }
}

fn weekday_date(p: NaiveDate, wd: Weekday, rel: YearSpec) -> Option<NaiveDate> {
    let pw = i64::from(p.weekday().num_days_from_monday());
    let tw = i64::from(wd.num_days_from_monday());
    match rel {
        YearSpec::Next => {
            let fwd = (tw - pw).rem_euclid(7);
            add_days(p, if fwd == 0 { 7 } else { fwd })
        }
        YearSpec::Past => {
            let back = (pw - tw).rem_euclid(7);
            add_days(p, -(if back == 0 { 7 } else { back }))
        }
        _ => add_days(p, -(pw - tw).rem_euclid(7)),
    }
}
