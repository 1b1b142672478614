//! Calendar arithmetic: Gregorian month windows and the tabular Hijri calendar.
//!
//! Hijri dates are converted with the tabular (arithmetical, "Kuwaiti") calendar: months
//! alternate 30/29 days and 11 of every 30 years are leap years. Published Hijri dates
//! follow moon sightings or Umm al-Qura tables, so a conversion can be one day off; the
//! dates this crate produces are event windows, where that is acceptable.

use chrono::{Datelike, Duration, Months, NaiveDate};

/// Julian day number of 0001-01-01 minus one (so `jdn - CE_OFFSET` = days from CE).
const CE_OFFSET: i64 = 1_721_425;
/// Julian day number of 1 Muharram 1 AH (civil epoch) minus one day.
const HIJRI_EPOCH: i64 = 1_948_439;

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    match (ymd(y, m, 1), ymd(ny, nm, 1)) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 30,
    }
}

/// First and last day of a Gregorian month.
pub(crate) fn month_window(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, m, 1)?, ymd(y, m, days_in_month(y, m))?))
}

pub(crate) fn year_window(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// The month `offset` months away from the month holding `d`, as (year, month).
pub(crate) fn shift_month(d: NaiveDate, offset: i32) -> (i32, u32) {
    let idx = d.year() * 12 + d.month0() as i32 + offset;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

fn hijri_jdn(y: i64, m: i64, d: i64) -> i64 {
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH
}

fn from_jdn(jdn: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - CE_OFFSET).ok()?)
}

/// Gregorian date of a tabular Hijri date. A day 30 in a 29-day month gives the next day.
pub(crate) fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) || !(1..=3000).contains(&y) {
        return None;
    }
    from_jdn(hijri_jdn(y as i64, m as i64, d as i64))
}

/// First and last Gregorian day of a Hijri month.
pub(crate) fn hijri_month_window(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = hijri_to_gregorian(y, m, 1)?;
    let next = if m == 12 {
        hijri_to_gregorian(y + 1, 1, 1)?
    } else {
        hijri_to_gregorian(y, m + 1, 1)?
    };
    Some((start, add_days(next, -1)?))
}

/// First and last Gregorian day of a Hijri year.
pub(crate) fn hijri_year_window(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    let start = hijri_to_gregorian(y, 1, 1)?;
    let next = hijri_to_gregorian(y + 1, 1, 1)?;
    Some((start, add_days(next, -1)?))
}

/// The (approximate) Hijri year holding a Gregorian date; callers try its neighbours.
pub(crate) fn hijri_year_of(d: NaiveDate) -> i32 {
    let jdn = d.num_days_from_ce() as i64 + CE_OFFSET;
    ((30 * (jdn - HIJRI_EPOCH - 1) + 10646).div_euclid(10631)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hijri_known_dates() {
        // 1 Ramadan 1436 = 18 June 2015; 1 Muharram 1445 = 19 July 2023 (±1 day).
        assert_eq!(hijri_to_gregorian(1436, 9, 1), ymd(2015, 6, 18));
        let d = hijri_to_gregorian(1445, 1, 1).unwrap();
        assert!((d - ymd(2023, 7, 19).unwrap()).num_days().abs() <= 1);
        assert_eq!(hijri_year_of(ymd(2015, 7, 1).unwrap()), 1436);
        let (s, e) = hijri_year_window(1436).unwrap();
        assert!(s < ymd(2014, 10, 26).unwrap() && e > ymd(2015, 10, 13).unwrap());
    }

    #[test]
    fn month_helpers() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(shift_month(ymd(2023, 1, 5).unwrap(), -1), (2022, 12));
        assert_eq!(shift_month(ymd(2023, 12, 5).unwrap(), 1), (2024, 1));
    }
}
