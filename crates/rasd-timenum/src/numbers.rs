//! Numbers and counts.
//!
//! Arabic cardinals agree in gender and case with the counted noun, so every number has
//! several spellings (ثلاث/ثلاثة، اثنان/اثنين/اثنتين، عشرون/عشرين). Compounds put the
//! units before the tens, joined by و (خمسة وعشرون = 25), teens are two words (ثلاثة
//! عشر = 13) and hundreds are one word in modern news spelling (ثلاثمائة) or two
//! (ثلاث مائة). [`parse_number_words`] accepts all of these after normalization
//! (مائة → مايه, مئة → ميه, ألف → الف).
//!
//! [`find_quantities`] scans the unit stream for digits, number words, ordinals, a closed
//! list of dual nouns and vague quantities, and binds each to the noun that follows it.
//!
//! Design decisions:
//! * A decimal without a multiplier ("2.5") is truncated to its integer part; with one
//!   ("2.5 مليون") the product is exact.
//! * Duals are recognized only for a closed list of count nouns (عنصرين، جنديين، قتيلين…):
//!   forms such as مدنيين، مسلحين، موظفين are far more often sound plurals than duals.
//! * Vague quantities (عشرات، مئات، آلاف، العديد، عدد من، بعض، عدة) have `value: None`;
//!   whether a consumer records a lower bound is its decision.
//! * Numbers inside date expressions (days, years), numbers followed by the year markers
//!   م/ه, clock times (10:30) and numbers after الساعة are not quantities.

use rasd_text::{Analyzed, NormSpan};

use crate::units::{units, with_forms, Cursor, Kind};

/// A count or number found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Bytes of the normalized text covering the number (and its multiplier or a
    /// bounding phrase such as "ما لا يقل عن").
    pub span: NormSpan,
    /// The value; `None` for vague quantities.
    pub value: Option<u64>,
    /// A vague quantity such as "عشرات" or "عدد من".
    pub vague: bool,
    /// An ordinal ("الثانية", "الحادي عشر"): `value` is its rank.
    pub ordinal: bool,
    /// The counted noun right after the number, or the head noun after "من"
    /// ("7 من أفراد" → "افراد"). For duals, the noun itself.
    pub noun: Option<NormSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nw {
    Unit(u64),
    Ten(u64),
    Hundreds(u64),
    /// الف، مليون، مليار (singular multiplier).
    Group(u64),
    /// آلاف، ملايين (plural multiplier, after 3..10).
    Groups(u64),
    /// ألفين، مليونين (dual: twice the multiplier).
    GroupDual(u64),
    /// A number written in digits.
    Lit(u64),
}

fn classify(w: &str) -> Option<Nw> {
    use Nw::*;
    Some(match w {
        "واحد" | "واحده" | "احد" | "احدي" => Unit(1),
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "اثنا" | "اثني" | "اثنتا" | "اثنتي" => {
            Unit(2)
        }
        "ثلاث" | "ثلاثه" => Unit(3),
        "اربع" | "اربعه" => Unit(4),
        "خمس" | "خمسه" => Unit(5),
        "ست" | "سته" => Unit(6),
        "سبع" | "سبعه" => Unit(7),
        "ثمان" | "ثماني" | "ثمانيه" => Unit(8),
        "تسع" | "تسعه" => Unit(9),
        "عشر" | "عشره" => Unit(10),
        "عشرون" | "عشرين" => Ten(20),
        "ثلاثون" | "ثلاثين" => Ten(30),
        "اربعون" | "اربعين" => Ten(40),
        "خمسون" | "خمسين" => Ten(50),
        "ستون" | "ستين" => Ten(60),
        "سبعون" | "سبعين" => Ten(70),
        "ثمانون" | "ثمانين" => Ten(80),
        "تسعون" | "تسعين" => Ten(90),
        "ميه" | "مايه" => Hundreds(100),
        "ميتان" | "ميتين" | "مايتان" | "مايتين" | "ميتا" | "ميتي" | "مايتا" | "مايتي" => {
            Hundreds(200)
        }
        "الف" | "الفا" => Group(1_000),
        "الاف" => Groups(1_000),
        "الفين" | "الفان" => GroupDual(1_000),
        "مليون" | "مليونا" => Group(1_000_000),
        "ملايين" => Groups(1_000_000),
        "مليونين" | "مليونان" => GroupDual(1_000_000),
        "مليار" | "مليارا" => Group(1_000_000_000),
        "مليارات" => Groups(1_000_000_000),
        "مليارين" | "ملياران" => GroupDual(1_000_000_000),
        _ => return compound_hundreds(w),
    })
}

/// ثلاثمائة، اربعمئة، ثمانيمائة … (one word).
fn compound_hundreds(w: &str) -> Option<Nw> {
    let stem = w.strip_suffix("مايه").or_else(|| w.strip_suffix("ميه"))?;
    let n = match stem {
        "ثلاث" => 3,
        "اربع" => 4,
        "خمس" => 5,
        "ست" => 6,
        "سبع" => 7,
        "ثمان" | "ثماني" => 8,
        "تسع" => 9,
        _ => return None,
    };
    Some(Nw::Hundreds(n * 100))
}

#[derive(Debug, Clone, Copy)]
struct Item {
    waw: bool,
    nw: Nw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Unit(u64),
    Teen,
    Ten,
    Hundreds,
    Group,
    Lit,
}

/// The value of a sequence of number words, or None when the sequence is not one number.
fn value(items: &[Item]) -> Option<u64> {
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut last = Last::Start;
    let mut last_group = u64::MAX;
    for it in items {
        let first = last == Last::Start;
        match it.nw {
            Nw::Unit(10) if !it.waw && matches!(last, Last::Unit(1..=9)) => {
                cur += 10;
                last = Last::Teen;
            }
            Nw::Unit(u) => {
                if first {
                    cur = u;
                } else if it.waw
                    && matches!(last, Last::Hundreds | Last::Group)
                    && cur.rem_euclid(100) == 0
                {
                    cur += u;
                } else {
                    return None;
                }
                last = Last::Unit(u);
            }
            Nw::Ten(t) => {
                let after_unit = matches!(last, Last::Unit(1..=9)) && cur % 100 < 10;
                let after_round =
                    matches!(last, Last::Hundreds | Last::Group) && cur.rem_euclid(100) == 0;
                if first {
                    cur = t;
                } else if it.waw && (after_unit || after_round) {
                    cur += t;
                } else {
                    return None;
                }
                last = Last::Ten;
            }
            Nw::Hundreds(h) => match last {
                // ثلاث مائة: a unit word times مائة.
                Last::Unit(u @ 3..=9) if h == 100 && !it.waw && cur == u => {
                    cur = u * 100;
                    last = Last::Hundreds;
                }
                Last::Start => {
                    cur = h;
                    last = Last::Hundreds;
                }
                Last::Group if it.waw && cur == 0 => {
                    cur = h;
                    last = Last::Hundreds;
                }
                _ => return None,
            },
            Nw::Group(m) => {
                if m >= last_group {
                    return None;
                }
                if first || (it.waw && last == Last::Group && cur == 0) {
                    total = total.checked_add(m)?;
                } else if !it.waw && cur > 0 && last != Last::Group {
                    total = total.checked_add(cur.checked_mul(m)?)?;
                    cur = 0;
                } else {
                    return None;
                }
                last_group = m;
                last = Last::Group;
            }
            Nw::Groups(m) => {
                if m >= last_group || it.waw || cur == 0 {
                    return None;
                }
                if !matches!(last, Last::Unit(_) | Last::Lit | Last::Teen) {
                    return None;
                }
                total = total.checked_add(cur.checked_mul(m)?)?;
                cur = 0;
                last_group = m;
                last = Last::Group;
            }
            Nw::GroupDual(m) => {
                if m >= last_group || !(first || (it.waw && last == Last::Group && cur == 0)) {
                    return None;
                }
                total = total.checked_add(2 * m)?;
                last_group = m;
                last = Last::Group;
            }
            Nw::Lit(n) => {
                if !first {
                    return None;
                }
                cur = n;
                last = Last::Lit;
            }
        }
    }
    let v = total.checked_add(cur)?;
    (v > 0).then_some(v)
}

/// Parses normalized number words ("خمسه وعشرون", "ثلاثمايه واثنا عشر", "ثلاثه الاف")
/// into their value. Digits are accepted as the first word ("3 الاف"). Vague words
/// (عشرات، مئات، آلاف on their own) and anything that is not a number give `None`.
/// Unnormalized input is normalized first.
///
/// ```
/// assert_eq!(rasd_timenum::parse_number_words("خمسة وعشرون"), Some(25));
/// assert_eq!(rasd_timenum::parse_number_words("ثلاثمائة واثنا عشر"), Some(312));
/// assert_eq!(rasd_timenum::parse_number_words("عشرات"), None);
/// ```
pub fn parse_number_words(words: &str) -> Option<u64> {
    let key = rasd_text::normalize_key(words);
    let mut items = Vec::new();
    let mut pending_waw = false;
    for w in key.split(' ').filter(|w| !w.is_empty()) {
        if w == "و" {
            if items.is_empty() || pending_waw {
                return None;
            }
            pending_waw = true;
            continue;
        }
        // After the first word a leading و is the conjunction: وأحد is و + أحد, not واحد.
        let joined = (!items.is_empty() && !pending_waw)
            .then(|| w.strip_prefix('و').and_then(classify))
            .flatten();
        let item = if let Some(nw) = joined {
            Item { waw: true, nw }
        } else if let Some(nw) = classify(w) {
            Item {
                waw: pending_waw,
                nw,
            }
        } else if items.is_empty() {
            if let Ok(n) = w.parse::<u64>() {
                Item {
                    waw: false,
                    nw: Nw::Lit(n),
                }
            } else {
                let nw = with_forms(w, classify)?;
                Item { waw: false, nw }
            }
        } else {
            return None;
        };
        pending_waw = false;
        items.push(item);
    }
    if pending_waw || items.is_empty() {
        return None;
    }
    value(&items)
}

/// The longest run of number words starting at unit `i` that forms one number. The first
/// word may carry proclitics (وثلاثة، بثلاثة، لثلاثة) when its stem has at least four
/// letters (so لست "I am not" is not read as ل + ست "six").
pub(crate) fn number_words_at(c: &Cursor<'_, '_>, i: usize) -> Option<(usize, u64)> {
    let w = c.w(i);
    if w.is_empty() {
        return None;
    }
    let first = classify(w).or_else(|| {
        with_forms(w, |f| {
            (f.chars().count() >= 4 && f != w)
                .then(|| classify(f))
                .flatten()
        })
    })?;
    let mut items = vec![(
        Item {
            waw: false,
            nw: first,
        },
        i + 1,
    )];
    let mut k = i + 1;
    loop {
        let (item, next) = if c.is(k, &["و"]) {
            match classify(c.w(k + 1)) {
                Some(nw) => (Item { waw: true, nw }, k + 2),
                None => break,
            }
        } else if let Some(nw) = c.w(k).strip_prefix('و').and_then(classify) {
            (Item { waw: true, nw }, k + 1)
        } else if let Some(nw) = classify(c.w(k)) {
            (Item { waw: false, nw }, k + 1)
        } else {
            break;
        };
        items.push((item, next));
        k = next;
    }
    let plain: Vec<Item> = items.iter().map(|(it, _)| *it).collect();
    (1..=plain.len())
        .rev()
        .find_map(|n| value(&plain[..n]).map(|v| (items[n - 1].1, v)))
}

fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "الاول" | "الاولي" => 1,
        "الثاني" | "الثانيه" => 2,
        "الثالث" | "الثالثه" => 3,
        "الرابع" | "الرابعه" => 4,
        "الخامس" | "الخامسه" => 5,
        "السادس" | "السادسه" => 6,
        "السابع" | "السابعه" => 7,
        "الثامن" | "الثامنه" => 8,
        "التاسع" | "التاسعه" => 9,
        "العاشر" | "العاشره" => 10,
        "الحادي" | "الحاديه" => 11,
        _ => return None,
    })
}

fn ordinal_tens(w: &str) -> Option<u64> {
    Some(match w {
        "والعشرين" | "والعشرون" => 20,
        "والثلاثين" | "والثلاثون" => 30,
        "والاربعين" | "والاربعون" => 40,
        "والخمسين" | "والخمسون" => 50,
        _ => return None,
    })
}

/// An ordinal at unit `i`: الاول … العاشر، الحادي عشر … التاسع عشر، الحادي والعشرين.
/// "الحادي" alone is not an ordinal.
pub(crate) fn ordinal_at(c: &Cursor<'_, '_>, i: usize) -> Option<(usize, u64)> {
    let n = c.lookup(i, ordinal_word)?;
    let base = if n == 11 { 1 } else { n };
    if base <= 9 && c.is(i + 1, &["عشر", "عشره"]) {
        return Some((i + 2, base + 10));
    }
    if base <= 9 {
        if let Some(t) = ordinal_tens(c.w(i + 1)) {
            return Some((i + 2, t + base));
        }
    }
    (n <= 10).then_some((i + 1, n))
}

const DUAL_NOUNS: &[&str] = &[
    "عنصرين",
    "عنصران",
    "جنديين",
    "جنديان",
    "شخصين",
    "شخصان",
    "قتيلين",
    "قتيلان",
    "طفلين",
    "طفلان",
    "طفلتين",
    "طفلتان",
    "امراتين",
    "امراتان",
    "رجلين",
    "رجلان",
    "ضابطين",
    "ضابطان",
    "جريحين",
    "جريحان",
    "اسيرين",
    "اسيران",
    "حارسين",
    "حارسان",
    "شقيقين",
    "شقيقان",
    // Nominative duals in -ان of nouns whose -ين form is mostly a plural: the -ان form
    // can only be a dual.
    "مدنيان",
    "مسلحان",
    "مواطنان",
    "مقاتلان",
    "عسكريان",
    "موظفان",
    "صحفيان",
    "حوثيان",
    "قياديان",
    "قايدان",
    "ناشطان",
    "مسعفان",
    "سايقان",
];

const VAGUE: &[&str] = &[
    "عشرات",
    "العشرات",
    "ميات",
    "الميات",
    "مايات",
    "الاف",
    "الالاف",
    "العديد",
    "عده",
    "بعض",
    "ملايين",
    "الملايين",
];

/// Words that end a quantity's noun search: prepositions, particles, pronouns.
const NOT_NOUNS: &[&str] = &[
    "في",
    "علي",
    "عن",
    "الي",
    "من",
    "حتي",
    "منذ",
    "مع",
    "بعد",
    "قبل",
    "خلال",
    "ثم",
    "او",
    "و",
    "قد",
    "لا",
    "ما",
    "ان",
    "انه",
    "التي",
    "الذي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كما",
    "اي",
    "بين",
    "عند",
    "حيث",
    "بينما",
    "لم",
    "لن",
    "كان",
    "كانت",
    "هم",
    "هو",
    "هي",
];

fn noun_after(c: &Cursor<'_, '_>, k: usize) -> Option<NormSpan> {
    let k = if c.is(k, &["من"]) { k + 1 } else { k };
    let w = c.w(k);
    if w.is_empty() || NOT_NOUNS.contains(&w) || classify(w).is_some() {
        return None;
    }
    Some(c.u[k].span)
}

/// Outcome of looking for a quantity at one unit.
enum Found {
    Quantity(usize, Quantity),
    /// Not a quantity; skip the units before this index.
    Skip(usize),
}

fn multiplier(w: &str) -> Option<u64> {
    match classify(w)? {
        Nw::Group(m) | Nw::Groups(m) => Some(m),
        _ => None,
    }
}

fn quantity_at(c: &Cursor<'_, '_>, i: usize) -> Option<Found> {
    let u = &c.u[i];
    let make = |end: usize, value: Option<u64>, vague: bool, ordinal: bool, noun| {
        Found::Quantity(
            end,
            Quantity {
                span: c.span(i, end),
                value,
                vague,
                ordinal,
                noun,
            },
        )
    };
    // Bounding phrases: ما لا يقل عن 10، أكثر من 20.
    let bound_len = if c.is(i, &["ما"]) && c.is(i + 1, &["لا"]) && c.is(i + 2, &["يقل"]) {
        3
    } else if c.is(i, &["لا"]) && c.is(i + 1, &["يقل"]) {
        2
    } else if c.is_p(i, &["اكثر", "ازيد"]) {
        1
    } else {
        0
    };
    if bound_len > 0 && c.is(i + bound_len, &["عن", "من", "علي"]) {
        let j = i + bound_len + 1;
        if let Some(Found::Quantity(end, q)) = quantity_at(c, j) {
            if !q.vague && !q.ordinal && c.u.get(j).is_some_and(|u| u.kind != Kind::Punct) {
                return Some(make(end, q.value, false, false, q.noun));
            }
        }
    }
    if u.kind == Kind::Num {
        if c.is(i + 1, &["م", "ه"]) {
            return Some(Found::Skip(i + 2));
        }
        if c.punct(i + 1, &[":"]) && c.int(i + 2).is_some() {
            return Some(Found::Skip(i + 3));
        }
        if i > 0 && c.is_p(i - 1, &["الساعه"]) {
            return Some(Found::Skip(i + 1));
        }
        let int = u.int?;
        let (value, end) = match c.lookup(i + 1, multiplier) {
            Some(m) => {
                let frac = u
                    .frac
                    .map(|(f, d)| f.saturating_mul(m) / 10u64.saturating_pow(d))
                    .unwrap_or(0);
                (int.checked_mul(m).and_then(|v| v.checked_add(frac)), i + 2)
            }
            None => (Some(int), i + 1),
        };
        return Some(make(end, value, false, false, noun_after(c, end)));
    }
    if u.kind != Kind::Word {
        return None;
    }
    if let Some((end, n)) = ordinal_at(c, i) {
        return Some(make(end, Some(n), false, true, None));
    }
    if let Some((end, v)) = number_words_at(c, i) {
        return Some(make(end, Some(v), false, false, noun_after(c, end)));
    }
    if c.is_p(i, DUAL_NOUNS) {
        return Some(make(i + 1, Some(2), false, false, Some(u.span)));
    }
    if c.is_p(i, &["عدد"]) {
        let end = if c.is(i + 1, &["من"]) {
            Some(i + 2)
        } else if c.is(i + 1, &["كبير", "قليل", "اخر"]) && c.is(i + 2, &["من"]) {
            Some(i + 3)
        } else {
            None
        };
        if let Some(end) = end {
            return Some(make(end, None, true, false, noun_after(c, end)));
        }
    }
    if c.is_p(i, VAGUE) {
        return Some(make(i + 1, None, true, false, noun_after(c, i + 1)));
    }
    None
}

/// Finds numbers and counts, in text order and without overlaps. Numbers that belong to
/// a date expression ([`crate::find_dates`]) are left out.
///
/// ```
/// let a = rasd_text::analyze("وأسفر الهجوم عن مقتل 32 عنصراً وإصابة العشرات.");
/// let q = rasd_timenum::find_quantities(&a);
/// assert_eq!(q[0].value, Some(32));
/// assert_eq!(a.text(q[0].noun.unwrap()), "عنصرا");
/// assert!(q[1].vague);
/// ```
pub fn find_quantities(a: &Analyzed) -> Vec<Quantity> {
    let units = units(a);
    let c = Cursor { u: &units };
    let dates: Vec<NormSpan> = crate::dates::find_in(c, None)
        .into_iter()
        .map(|d| d.span)
        .collect();
    quantities_in(c, &dates)
}

/// Dates ([`crate::find_dates`]) and quantities ([`find_quantities`]) of one text in one
/// pass of the date grammar: the numbers inside the dates found are left out.
pub fn find_dates_and_quantities(
    a: &Analyzed,
    pub_date: Option<chrono::NaiveDate>,
) -> (Vec<crate::DateExpr>, Vec<Quantity>) {
    let units = units(a);
    let c = Cursor { u: &units };
    let dates = crate::dates::find_in(c, pub_date);
    let spans: Vec<NormSpan> = dates.iter().map(|d| d.span).collect();
    let quantities = quantities_in(c, &spans);
    (dates, quantities)
}

/// The quantities of a text outside the date spans `dates` (in text order).
fn quantities_in(c: Cursor<'_, '_>, dates: &[NormSpan]) -> Vec<Quantity> {
    let in_date = |span: NormSpan| {
        let k = dates.partition_point(|d| d.end <= span.start);
        k < dates.len() && dates[k].overlaps(span)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if in_date(c.u[i].span) {
            i += 1;
            continue;
        }
        match quantity_at(&c, i) {
            Some(Found::Quantity(end, q)) if !in_date(q.span) => {
                out.push(q);
                i = end.max(i + 1);
            }
            Some(Found::Skip(end)) => i = end.max(i + 1),
            _ => i += 1,
        }
    }
    out
}
