//! No date or number makes the date and number finders panic: publication dates
//! across the whole accepted range (1900..2199, `rasd_model::check_pub_date`) with
//! relative expressions of any size ("بعد 99999999 يوما"), explicit dates of any
//! year, and figures of any length. A small case count keeps CI fast.

use chrono::NaiveDate;
use proptest::prelude::*;

fn pub_date() -> impl Strategy<Value = NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let hi = NaiveDate::from_ymd_opt(2199, 12, 31).unwrap();
    (0..=(hi - lo).num_days()).prop_map(move |d| lo + chrono::Duration::days(d))
}

/// A figure in Western or Arabic-Indic digits, of any length.
fn figure() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,40}",
        "[٠-٩]{1,40}",
        any::<u64>().prop_map(|n| n.to_string()),
        "[0-9]{1,3}(,[0-9]{3}){0,8}",
    ]
}

fn phrase() -> impl Strategy<Value = String> {
    (figure(), 0..12usize).prop_map(|(n, k)| {
        let forms = [
            format!("قبل {n} يوما"),
            format!("بعد {n} سنة"),
            format!("منذ {n} عاما"),
            format!("خلال {n} أسابيع"),
            format!("في {n} نوفمبر {n}"),
            format!("يوم {n}/{n}/{n}"),
            format!("{n}-{n}-{n}"),
            format!("مقتل {n} شخصا وإصابة {n} آخرين"),
            format!("عام {n} هـ"),
            format!("الموافق {n} ربيع الأول {n}"),
            format!("أكثر من {n} ألف قتيل"),
            format!("{n} مليون و{n} ألفا"),
        ];
        forms[k].clone()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn dates_and_numbers_never_panic(
        date in pub_date(),
        parts in prop::collection::vec(phrase(), 1..5),
        words in "[\\u0621-\\u064A ]{0,40}",
    ) {
        let text = format!("{} {words}.", parts.join(" و"));
        let a = rasd_text::analyze(&text);
        for found in [rasd_timenum::find_dates(&a, Some(date)), rasd_timenum::find_dates(&a, None)] {
            for w in found.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start);
            }
        }
        let _ = rasd_timenum::today_marker_date(&a);
        let _ = rasd_timenum::find_quantities(&a);
        let _ = rasd_timenum::parse_number_words(&text);
    }
}
