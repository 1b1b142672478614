//! The unit stream both grammars scan: tokens of `rasd-text`, with numeric literals
//! ("1,500", "2.5", "2023-11-23", "23/11/2023") merged into one unit each.

use std::sync::LazyLock;

use chrono::NaiveDate;
use rasd_text::{Analyzed, NormSpan, TokenKind};
use regex::Regex;

/// Kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
    /// A numeric date such as 2023-11-23 or 23/11/2023.
    NumDate,
}

/// One token, or several tokens forming one numeric literal.
#[derive(Debug, Clone)]
pub(crate) struct Unit<'a> {
    pub(crate) span: NormSpan,
    pub(crate) s: &'a str,
    pub(crate) kind: Kind,
    /// Integer part of a number (None on overflow or for non-numbers).
    pub(crate) int: Option<u64>,
    /// Fractional digits of a number: (value, number of digits).
    pub(crate) frac: Option<(u64, u32)>,
    /// Digits in the integer part, separators not counted.
    pub(crate) digits: usize,
    /// The date of a [`Kind::NumDate`].
    pub(crate) date: Option<NaiveDate>,
    /// The numeric date was written in the Hijri calendar.
    pub(crate) hijri: bool,
    /// The word, in one of its proclitic readings, is a word the grammar knows; a word
    /// that is not can match no word set, so rules skip it without comparing.
    pub(crate) known: bool,
    /// The word's proclitic readings (empty for other units).
    pub(crate) readings: Readings<'a>,
}

/// Every Arabic word the date and number grammar spells out. The grammar's word lists
/// are string literals in this crate's source files, so the vocabulary is read from those
/// files (compiled in) once; a word outside it cannot be in any list the rules compare
/// against, which lets `Cursor::is`/`is_p` answer "no" with one hash lookup instead of
/// scanning every list at every position (the hot path of `find_dates`).
static VOCABULARY: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    const SOURCES: [&str; 4] = [
        include_str!("dates.rs"),
        include_str!("calendar.rs"),
        include_str!("numbers.rs"),
        include_str!("units.rs"),
    ];
    let mut words = rustc_hash::FxHashSet::default();
    for source in SOURCES {
        for (k, literal) in source.split('"').enumerate() {
            // Odd pieces lie between quotes.
            if k % 2 == 0
                || !literal
                    .chars()
                    .any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            {
                continue;
            }
            words.extend(literal.split_whitespace());
        }
    }
    words
});

fn known_word(readings: &Readings<'_>) -> bool {
    readings
        .find(|f| VOCABULARY.contains(f).then_some(()))
        .is_some()
}

/// Numeric literals. The trailing `(?:[^0-9]|$)` stands in for a look-ahead (the regex
/// crate has none): a literal must not be followed by another digit, so "1,5000" is
/// not read as 1,500 followed by 0. Only the named groups are used. A day/month/year
/// date may have a space around its slashes ("10 /10 /1436هـ").
static LITERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2})|(?P<dmy>[0-9]{1,2} ?/ ?[0-9]{1,2} ?/ ?[0-9]{4}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})|(?P<num>[0-9]{1,3}(?:[,٬][0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3}){2,}|[0-9]+(?:\.[0-9]+)?))(?:[^0-9]|$)",
    )
    .expect("literal regex is valid")
});

struct Lit {
    start: usize,
    end: usize,
    int: Option<u64>,
    frac: Option<(u64, u32)>,
    digits: usize,
    date: Option<NaiveDate>,
    hijri: bool,
}

fn parse_num(s: &str) -> (Option<u64>, Option<(u64, u32)>, usize) {
    // Two or more dots are thousands separators ("9.500.000"), one is a decimal point.
    let (int_part, frac_part) = match s.split_once('.') {
        Some(_) if s.matches('.').count() > 1 => (s, None),
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let int = digits.parse::<u64>().ok();
    let frac = frac_part.and_then(|f| {
        let f: String = f.chars().take(9).collect();
        Some((f.parse::<u64>().ok()?, f.len() as u32))
    });
    (int, frac, digits.len())
}

fn parse_date(s: &str, iso: bool) -> Option<(NaiveDate, bool)> {
    let parts: Vec<u32> = s
        .split(['-', '/'])
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if iso { (a, b, c) } else { (c, b, a) };
    // Saudi and Yemeni texts write Hijri dates the same way ("4-10-1436").
    if (1300..=1600).contains(&y) {
        return crate::calendar::hijri_to_gregorian(y as i32, m, d)
            .filter(|_| d <= 30 && m <= 12)
            .map(|g| (g, true));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).map(|g| (g, false))
}

fn literals(text: &str) -> Vec<Lit> {
    let mut out = Vec::new();
    for caps in LITERAL.captures_iter(text) {
        if let Some(m) = caps.name("iso").or_else(|| caps.name("dmy")) {
            let date = parse_date(m.as_str(), caps.name("iso").is_some());
            if let Some((date, hijri)) = date {
                out.push(Lit {
                    start: m.start(),
                    end: m.end(),
                    int: None,
                    frac: None,
                    digits: 0,
                    date: Some(date),
                    hijri,
                });
            }
        } else if let Some(m) = caps.name("num") {
            let (int, frac, digits) = parse_num(m.as_str());
            out.push(Lit {
                start: m.start(),
                end: m.end(),
                int,
                frac,
                digits,
                date: None,
                hijri: false,
            });
        }
    }
    out
}

/// Builds the unit stream of an analyzed text.
pub(crate) fn units(a: &Analyzed) -> Vec<Unit<'_>> {
    let text = a.norm.as_str();
    let lits = literals(text);
    let mut out = Vec::with_capacity(a.tokens.len());
    let mut li = 0;
    let mut t = 0;
    while t < a.tokens.len() {
        let tok = &a.tokens[t];
        while li < lits.len() && lits[li].start < tok.span.start {
            li += 1;
        }
        if tok.kind == TokenKind::Number && li < lits.len() && lits[li].start == tok.span.start {
            let lit = &lits[li];
            let mut t2 = t;
            while t2 < a.tokens.len() && a.tokens[t2].span.start < lit.end {
                t2 += 1;
            }
            out.push(Unit {
                span: NormSpan::new(lit.start, lit.end),
                s: &text[lit.start..lit.end],
                kind: if lit.date.is_some() {
                    Kind::NumDate
                } else {
                    Kind::Num
                },
                int: lit.int,
                frac: lit.frac,
                digits: lit.digits,
                date: lit.date,
                hijri: lit.hijri,
                known: false,
                readings: Readings::default(),
            });
            t = t2.max(t + 1);
            continue;
        }
        let kind = match tok.kind {
            TokenKind::Word => Kind::Word,
            TokenKind::Number => Kind::Num,
            TokenKind::Punct => Kind::Punct,
        };
        let s = &text[tok.span.start..tok.span.end];
        let (int, frac, digits) = if kind == Kind::Num {
            parse_num(s)
        } else {
            (None, None, 0)
        };
        let readings = if kind == Kind::Word {
            Readings::of(s)
        } else {
            Readings::default()
        };
        out.push(Unit {
            span: tok.span,
            s,
            kind,
            int,
            frac,
            digits,
            date: None,
            hijri: false,
            known: kind == Kind::Word && known_word(&readings),
            readings,
        });
        t += 1;
    }
    out
}

/// A word's readings, in the order rules try them: the word itself, without و/ف, without ب/ل
/// (each stem keeping at least two letters); and, for the لل spelling of ل + ال, the stem
/// after لل (للعام → عام) to be read with the article (العام).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Readings<'a> {
    forms: [&'a str; 3],
    n: u8,
    lam_lam: Option<&'a str>,
}

impl<'a> Readings<'a> {
    pub(crate) fn of(s: &'a str) -> Readings<'a> {
        let mut r = Readings {
            forms: [s, "", ""],
            n: 1,
            lam_lam: None,
        };
        // At least two letters (without counting the whole word).
        let long_enough = |r: &str| r.chars().nth(1).is_some();
        let conj = s.strip_prefix('و').or_else(|| s.strip_prefix('ف'));
        if let Some(rest) = conj.filter(|rest| long_enough(rest)) {
            r.forms[usize::from(r.n)] = rest;
            r.n += 1;
        }
        let base = conj.unwrap_or(s);
        if let Some(rest) = base.strip_prefix('ب').or_else(|| base.strip_prefix('ل')) {
            if long_enough(rest) {
                r.forms[usize::from(r.n)] = rest;
                r.n += 1;
                r.lam_lam = rest.strip_prefix('ل');
            }
        }
        r
    }

    /// Tries `f` on each reading; the first answer wins.
    pub(crate) fn find<T>(&self, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        for form in &self.forms[..usize::from(self.n)] {
            if let Some(v) = f(form) {
                return Some(v);
            }
        }
        let rest = self.lam_lam?;
        // The article's reading without an allocation: "ال" + rest in a stack buffer.
        let mut buf = [0u8; 96];
        let len = "ال".len() + rest.len();
        if len > buf.len() {
            return f(&format!("ال{rest}"));
        }
        buf[.."ال".len()].copy_from_slice("ال".as_bytes());
        buf["ال".len()..len].copy_from_slice(rest.as_bytes());
        let form = std::str::from_utf8(&buf[..len]).expect("two whole strings joined");
        f(form)
    }
}

/// Tries `f` on a word and on its readings without proclitics: و/ف, then ب/ل, and the
/// لل spelling of ل + ال (للعام → العام).
pub(crate) fn with_forms<T>(s: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
    Readings::of(s).find(f)
}

/// Read access to a unit stream with out-of-range indices treated as nothing.
#[derive(Clone, Copy)]
pub(crate) struct Cursor<'u, 'a> {
    pub(crate) u: &'u [Unit<'a>],
}

impl<'a> Cursor<'_, 'a> {
    pub(crate) fn len(&self) -> usize {
        self.u.len()
    }

    /// The unit at `i` is a number, a numeric date or a word the grammar knows.
    pub(crate) fn can_start_rule(&self, i: usize) -> bool {
        self.u
            .get(i)
            .is_some_and(|u| u.known || matches!(u.kind, Kind::Num | Kind::NumDate))
    }

    /// The word at `i`, or "" when `i` is not a word.
    pub(crate) fn w(&self, i: usize) -> &'a str {
        match self.u.get(i) {
            Some(u) if u.kind == Kind::Word => u.s,
            _ => "",
        }
    }

    /// The word at `i` is exactly one of `set`.
    pub(crate) fn is(&self, i: usize, set: &[&str]) -> bool {
        if !self.u.get(i).is_some_and(|u| u.known) {
            return false;
        }
        let w = self.w(i);
        !w.is_empty() && set.contains(&w)
    }

    /// The word at `i`, possibly with proclitics, is one of `set`.
    pub(crate) fn is_p(&self, i: usize, set: &[&str]) -> bool {
        if !self.u.get(i).is_some_and(|u| u.known) {
            return false;
        }
        self.u[i]
            .readings
            .find(|f| set.contains(&f).then_some(()))
            .is_some()
    }

    /// Looks the word at `i` (with proclitic readings) up with `f`.
    pub(crate) fn lookup<T>(&self, i: usize, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        match self.u.get(i) {
            Some(u) if u.kind == Kind::Word && !u.s.is_empty() => u.readings.find(f),
            _ => None,
        }
    }

    pub(crate) fn punct(&self, i: usize, set: &[&str]) -> bool {
        matches!(self.u.get(i), Some(u) if u.kind == Kind::Punct && set.contains(&u.s))
    }

    /// An integer without a fractional part.
    pub(crate) fn int(&self, i: usize) -> Option<u64> {
        match self.u.get(i) {
            Some(u) if u.kind == Kind::Num && u.frac.is_none() => u.int,
            _ => None,
        }
    }

    /// A day of the month written with one or two digits.
    pub(crate) fn day(&self, i: usize) -> Option<u32> {
        let u = self.u.get(i)?;
        let v = self.int(i)?;
        (u.digits <= 2 && (1..=31).contains(&v)).then_some(v as u32)
    }

    /// A four-digit year in `range`.
    pub(crate) fn year(&self, i: usize, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
        let u = self.u.get(i)?;
        let v = self.int(i)?;
        let y = i32::try_from(v).ok()?;
        (u.digits == 4 && range.contains(&y)).then_some(y)
    }

    pub(crate) fn span(&self, first: usize, end: usize) -> NormSpan {
        NormSpan::new(self.u[first].span.start, self.u[end - 1].span.end)
    }
}
