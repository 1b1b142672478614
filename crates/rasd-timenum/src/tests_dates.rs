//! Date grammar tests: each a short news-style sentence (written for these tests, with an
//! English gloss), resolved against a publication date.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::{find_dates, resolve_anchor, today_marker_date, Anchor, DateExpr, Precision};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// (normalized span text, start, end, precision) of every date in `text`.
fn dates(
    text: &str,
    pub_date: Option<&str>,
) -> Vec<(String, Option<String>, Option<String>, Precision)> {
    let a = rasd_text::analyze(text);
    find_dates(&a, pub_date.map(d))
        .into_iter()
        .map(|x| {
            (
                a.text(x.span).to_string(),
                x.start.map(|s| s.to_string()),
                x.end.map(|s| s.to_string()),
                x.precision,
            )
        })
        .collect()
}

fn only(text: &str, pub_date: &str) -> DateExpr {
    let a = rasd_text::analyze(text);
    let found = find_dates(&a, Some(d(pub_date)));
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().expect("one date")
}

/// Asserts that `text` holds exactly one date with this span and window.
#[track_caller]
fn check(text: &str, pub_date: &str, span: &str, start: &str, end: &str, precision: Precision) {
    let got = dates(text, Some(pub_date));
    let want = vec![(
        span.to_string(),
        Some(start.to_string()),
        Some(end.to_string()),
        precision,
    )];
    assert_eq!(got, want, "{text}");
}

#[track_caller]
fn check_day(text: &str, pub_date: &str, span: &str, day: &str) {
    check(text, pub_date, span, day, day, Precision::Day);
}

// --- Gregorian day + month ------------------------------------------------------------

#[test]
fn day_month_without_year_is_most_recent_not_after_pub() {
    // "Sources said the attack took place on 10 October and left dead."
    check_day(
        "وقالت مصادر إن الهجوم وقع في 10 أكتوبر وأسفر عن قتلى.",
        "2023-11-23",
        "10 اكتوبر",
        "2023-10-10",
    );
    // "Clashes broke out on 19 Tammuz between the two sides." (Levantine month name)
    check_day(
        "اندلعت المواجهات في 19 تموز بين الطرفين.",
        "2015-07-30",
        "19 تموز",
        "2015-07-19",
    );
    // A December date in a January article is last December.
    check_day(
        "وكان قد اعتقل في 28 ديسمبر.",
        "2024-01-05",
        "28 ديسمبر",
        "2023-12-28",
    );
}

#[test]
fn dated_with_both_month_names_and_era_marker() {
    // "The court issued its ruling on 10 October/Tishrin al-Awwal 2023 AD."
    check_day(
        "وأصدرت المحكمة حكمها بتاريخ 10 أكتوبر/تشرين الأول 2023م.",
        "2023-11-23",
        "بتاريخ 10 اكتوبر/تشرين الاول 2023م",
        "2023-10-10",
    );
    // Reuters style: both names, no slash.
    check_day(
        "وقال مسؤول في 5 نوفمبر تشرين الثاني إن المفاوضات توقفت.",
        "2023-11-23",
        "5 نوفمبر تشرين الثاني",
        "2023-11-05",
    );
    // Parenthesized Levantine name.
    check_day(
        "وصل الوفد يوم 3 ديسمبر (كانون الأول) 2022.",
        "2023-11-23",
        "يوم 3 ديسمبر (كانون الاول) 2022",
        "2022-12-03",
    );
}

#[test]
fn month_spelling_variants() {
    let cases = [
        (
            "وقعت الحادثة في 4 إبريل 2021.",
            "4 ابريل 2021",
            "2021-04-04",
        ),
        (
            "وقعت الحادثة في 4 ابريل 2021.",
            "4 ابريل 2021",
            "2021-04-04",
        ),
        (
            "وقعت الحادثة في 9 يونيه 2021.",
            "9 يونيه 2021",
            "2021-06-09",
        ),
        (
            "وقعت الحادثة في 9 يونيو 2021.",
            "9 يونيو 2021",
            "2021-06-09",
        ),
        (
            "وقعت الحادثة في 14 يوليه 2021.",
            "14 يوليه 2021",
            "2021-07-14",
        ),
        (
            "وقعت الحادثة في 14 يوليو 2021.",
            "14 يوليو 2021",
            "2021-07-14",
        ),
        (
            "وقعت الحادثة في 2 أغسطس 2021.",
            "2 اغسطس 2021",
            "2021-08-02",
        ),
        (
            "وقعت الحادثة في 2 اغسطس 2021.",
            "2 اغسطس 2021",
            "2021-08-02",
        ),
        ("وقعت الحادثة في 2 آب 2021.", "2 اب 2021", "2021-08-02"),
        (
            "وقعت الحادثة في 30 آذار 2021.",
            "30 اذار 2021",
            "2021-03-30",
        ),
        (
            "وقعت الحادثة في 11 كانون الثاني 2021.",
            "11 كانون الثاني 2021",
            "2021-01-11",
        ),
        (
            "وقعت الحادثة في 11 شباط 2021.",
            "11 شباط 2021",
            "2021-02-11",
        ),
        (
            "وقعت الحادثة في 11 نيسان 2021.",
            "11 نيسان 2021",
            "2021-04-11",
        ),
        (
            "وقعت الحادثة في 11 أيار 2021.",
            "11 ايار 2021",
            "2021-05-11",
        ),
        (
            "وقعت الحادثة في 11 حزيران 2021.",
            "11 حزيران 2021",
            "2021-06-11",
        ),
        (
            "وقعت الحادثة في 11 أيلول 2021.",
            "11 ايلول 2021",
            "2021-09-11",
        ),
        (
            "وقعت الحادثة في 11 كانون الأول 2021.",
            "11 كانون الاول 2021",
            "2021-12-11",
        ),
        (
            "وقعت الحادثة في 11 يناير 2021.",
            "11 يناير 2021",
            "2021-01-11",
        ),
        (
            "وقعت الحادثة في 11 مارس 2021.",
            "11 مارس 2021",
            "2021-03-11",
        ),
        (
            "وقعت الحادثة في 11 مايو 2021.",
            "11 مايو 2021",
            "2021-05-11",
        ),
        (
            "وقعت الحادثة في 11 سبتمبر 2021.",
            "11 سبتمبر 2021",
            "2021-09-11",
        ),
    ];
    for (text, span, day) in cases {
        check_day(text, "2023-11-23", span, day);
    }
}

#[test]
fn ordinal_day_words() {
    // "The prisoner was released on the tenth of last February."
    check_day(
        "وأفرج عن الأسير في العاشر من فبراير الماضي.",
        "2022-05-15",
        "العاشر من فبراير الماضي",
        "2022-02-10",
    );
    // In a late-July article, "the seventh of last July" is this July's 7th; in an
    // early-July article, last year's.
    check_day(
        "وأفرج عن الأسير في السابع من يوليو الماضي.",
        "2015-07-26",
        "السابع من يوليو الماضي",
        "2015-07-07",
    );
    check_day(
        "وأفرج عن الأسير في السابع من يوليو الماضي.",
        "2015-07-03",
        "السابع من يوليو الماضي",
        "2014-07-07",
    );
    // "...on the twenty-first of March 2020."
    check_day(
        "وقتل في الحادي والعشرين من مارس 2020.",
        "2023-11-23",
        "الحادي والعشرين من مارس 2020",
        "2020-03-21",
    );
    check_day(
        "وتم توقيع الاتفاق في الخامس عشر من يناير الجاري.",
        "2023-01-20",
        "الخامس عشر من يناير الجاري",
        "2023-01-15",
    );
}

#[test]
fn numeric_dates() {
    check_day(
        "صدر القرار في 2023-11-20 عن وزارة الداخلية.",
        "2023-11-23",
        "2023-11-20",
        "2023-11-20",
    );
    check_day(
        "صدر القرار في 20/11/2023 عن وزارة الداخلية.",
        "2023-11-23",
        "20/11/2023",
        "2023-11-20",
    );
}

// --- Hijri ------------------------------------------------------------------------------

#[test]
fn hijri_day_month_year() {
    // "The attack took place on 15 Ramadan 1436 AH." 1 Ramadan 1436 = 18 June 2015.
    check_day(
        "ونفذ الهجوم في 15 رمضان 1436 هـ على نقطة أمنية.",
        "2015-07-30",
        "15 رمضان 1436 ه",
        "2015-07-02",
    );
    check_day(
        "وجرت الانتخابات في 3 ذو القعدة 1436هـ.",
        "2015-09-30",
        "3 ذو القعده 1436ه",
        "2015-08-18",
    );
    // A Hijri date with its Gregorian equivalent is one expression.
    check_day(
        "يوم الخميس 15 رمضان 1436هـ الموافق 2 يوليو 2015م شهد تصعيدا.",
        "2015-07-30",
        "يوم الخميس 15 رمضان 1436ه الموافق 2 يوليو 2015م",
        "2015-07-02",
    );
}

#[test]
fn hijri_year_and_month() {
    let got = only("أعلنت الحكومة موازنة عام 1436هـ.", "2015-07-30");
    assert_eq!(got.precision, Precision::Year);
    assert_eq!(got.start, Some(d("2014-10-25")));
    assert_eq!(got.end, Some(d("2015-10-14")));
    let got = only("وتصاعدت الهجمات خلال شهر رمضان 1436هـ.", "2015-07-30");
    assert_eq!(got.precision, Precision::Month);
    assert_eq!(got.start, Some(d("2015-06-18")));
    // Day + Hijri month without a year: the most recent such day.
    let got = only("وقعت الحادثة في 27 رمضان بمدينة عدن.", "2015-07-30");
    assert_eq!(got.start, Some(d("2015-07-14")));
}

#[test]
fn safar_without_year_is_not_a_date() {
    // صفر is also "zero".
    assert!(dates("وصلت النسبة إلى 5 صفر في المئة.", Some("2023-11-23")).is_empty());
}

// --- Weekdays and deictics ---------------------------------------------------------------

const THU: &str = "2023-11-23"; // a Thursday

#[test]
fn weekdays_relative_to_pub_date() {
    // "Al-Qaeda attacked a military checkpoint on Friday evening last."
    check_day(
        "وهاجم تنظيم القاعدة نقطة عسكرية مساء الجمعة الماضية.",
        THU,
        "مساء الجمعه الماضيه",
        "2023-11-17",
    );
    check_day(
        "وقتل جندي الأربعاء برصاص قناص.",
        THU,
        "الاربعاء",
        "2023-11-22",
    );
    // A bare weekday equal to the publication weekday is the publication day.
    check_day("وقتل جندي الخميس برصاص قناص.", THU, "الخميس", "2023-11-23");
    check_day(
        "وقتل جندي يوم الخميس الماضي برصاص قناص.",
        THU,
        "يوم الخميس الماضي",
        "2023-11-16",
    );
    check_day(
        "وتستأنف المحادثات السبت المقبل في مسقط.",
        THU,
        "السبت المقبل",
        "2023-11-25",
    );
    check_day(
        "واندلعت اشتباكات فجر الثلاثاء في المدينة.",
        THU,
        "فجر الثلاثاء",
        "2023-11-21",
    );
    check_day(
        "ووقع الانفجار ليلة الأحد قرب المعسكر.",
        THU,
        "ليله الاحد",
        "2023-11-19",
    );
    check_day(
        "وأعلن الجيش والاثنين عن مقتل قيادي.",
        THU,
        "والاثنين",
        "2023-11-20",
    );
    check_day("ووصل الوفد السبت إلى عدن.", THU, "السبت", "2023-11-18");
}

#[test]
fn weekday_with_explicit_date_is_one_expression() {
    check_day(
        "وأعلنت الجماعة الاثنين الماضي 20 نوفمبر إطلاق سراح أسرى.",
        THU,
        "الاثنين الماضي 20 نوفمبر",
        "2023-11-20",
    );
    check_day(
        "وشهدت المدينة الأربعاء 11 مايو 2022 مظاهرات حاشدة.",
        THU,
        "الاربعاء 11 مايو 2022",
        "2022-05-11",
    );
    // The explicit day wins over an inconsistent weekday (20 November 2023 was a Monday).
    check_day(
        "وجرى التبادل الأحد 20 نوفمبر في مأرب.",
        THU,
        "الاحد 20 نوفمبر",
        "2023-11-20",
    );
}

#[test]
fn a_weekday_settles_a_tabular_hijri_date() {
    // 10 Shawwal 1436 is Monday 27 July 2015 in the tabular calendar; the Saudi
    // calendar the text follows put it on Sunday 26 July, as its weekday says. Spaces
    // around the slashes keep it one date.
    check_day(
        "وسقط المقذوف عصر الأحد الموافق 10 /10 /1436هـ على منزل في نجران.",
        "2015-07-26",
        "عصر الاحد الموافق 10 /10 /1436ه",
        "2015-07-26",
    );
}

#[test]
fn yesterday_today_tomorrow() {
    check_day("وقتل مدنيان أمس في قصف مدفعي.", THU, "امس", "2023-11-22");
    check_day(
        "وقتل مدنيان أول أمس في قصف مدفعي.",
        THU,
        "اول امس",
        "2023-11-21",
    );
    check_day(
        "وقتل مدنيان مساء أمس في قصف مدفعي.",
        THU,
        "مساء امس",
        "2023-11-22",
    );
    check_day(
        "وقتل مدنيان أمس الجمعة في قصف مدفعي.",
        "2023-11-25",
        "امس الجمعه",
        "2023-11-24",
    );
    check_day(
        "وتعقد اللجنة اجتماعها غدا في عدن.",
        THU,
        "غدا",
        "2023-11-24",
    );
    let today = only("وصل المبعوث الأممي اليوم إلى صنعاء.", THU);
    assert!(today.is_today);
    assert_eq!(today.start, Some(d(THU)));
    let today = only("وقالت مصادر محلية صباح اليوم إن الطرق مغلقة.", THU);
    assert!(today.is_today);
    assert_eq!(today.start, Some(d(THU)));
}

#[test]
fn today_with_full_date_reveals_pub_date() {
    let a = rasd_text::analyze("أعلنت الهيئة اليوم الخميس 23 نوفمبر 2023 عن صفقة تبادل.");
    assert_eq!(today_marker_date(&a), Some(d("2023-11-23")));
    let found = find_dates(&a, None);
    assert_eq!(a.text(found[0].span), "اليوم الخميس 23 نوفمبر 2023");
    assert!(found[0].is_today);
    let a = rasd_text::analyze(
        "وتستمر المفاوضات حتى اليوم الخميس 23 نوفمبر/تشرين الثاني 2023م دون نتيجة.",
    );
    assert_eq!(today_marker_date(&a), Some(d("2023-11-23")));
    // Without a year the text does not reveal the date.
    let a = rasd_text::analyze("أعلنت الهيئة اليوم الخميس 23 نوفمبر عن صفقة تبادل.");
    assert_eq!(today_marker_date(&a), None);
    // "that day" is not today.
    let a = rasd_text::analyze("ومنذ ذلك اليوم لم يعد إلى منزله.");
    assert!(find_dates(&a, Some(d(THU))).is_empty());
}

// --- Months, years and their parts ---------------------------------------------------------

#[test]
fn relative_months() {
    // Last February: the same year when the article is from May…
    check(
        "وكانت القوات قد سيطرت على المديرية في فبراير الماضي.",
        "2022-05-15",
        "فبراير الماضي",
        "2022-02-01",
        "2022-02-28",
        Precision::Month,
    );
    // …and the previous year in a February article.
    check(
        "وكانت القوات قد سيطرت على المديرية في فبراير الماضي.",
        "2022-02-20",
        "فبراير الماضي",
        "2021-02-01",
        "2021-02-28",
        Precision::Month,
    );
    check(
        "وتصاعدت الهجمات منذ مطلع نوفمبر الجاري وحتى الآن.",
        THU,
        "مطلع نوفمبر الجاري",
        "2023-11-01",
        "2023-11-10",
        Precision::Week,
    );
    check(
        "وسجلت المنظمة مئات الخروقات في نوفمبر الجاري.",
        THU,
        "نوفمبر الجاري",
        "2023-11-01",
        "2023-11-30",
        Precision::Month,
    );
    check(
        "وسجلت المنظمة مئات الخروقات خلال نوفمبر الفائت.",
        "2023-12-05",
        "نوفمبر الفايت",
        "2023-11-01",
        "2023-11-30",
        Precision::Month,
    );
    check(
        "وسجلت المنظمة مئات الخروقات خلال الشهر الجاري.",
        THU,
        "الشهر الجاري",
        "2023-11-01",
        "2023-11-30",
        Precision::Month,
    );
    check(
        "وسجلت المنظمة مئات الخروقات هذا الشهر.",
        THU,
        "هذا الشهر",
        "2023-11-01",
        "2023-11-30",
        Precision::Month,
    );
    check(
        "وسجلت المنظمة مئات الخروقات خلال الشهر الماضي.",
        THU,
        "الشهر الماضي",
        "2023-10-01",
        "2023-10-31",
        Precision::Month,
    );
    check(
        "وبدأت الحملة في شهر فبراير الجاري.",
        THU,
        "شهر فبراير الجاري",
        "2023-02-01",
        "2023-02-28",
        Precision::Month,
    );
    check(
        "وقتل القيادي في سبتمبر أيلول الماضي بغارة جوية.",
        THU,
        "سبتمبر ايلول الماضي",
        "2023-09-01",
        "2023-09-30",
        Precision::Month,
    );
    check(
        "وأطلق سراحه في نوفمبر 2014 بعد وساطة قبلية.",
        THU,
        "نوفمبر 2014",
        "2014-11-01",
        "2014-11-30",
        Precision::Month,
    );
    check(
        "وتعقد الجولة المقبلة في يناير المقبل.",
        THU,
        "يناير المقبل",
        "2024-01-01",
        "2024-01-31",
        Precision::Month,
    );
}

#[test]
fn month_name_needs_date_context() {
    // مارس is also the verb "practised".
    assert!(dates("ومارس الحوثيون ضغوطا على السكان.", Some(THU)).is_empty());
}

#[test]
fn years() {
    let cases = [
        (
            "وكانت المدينة قد سقطت عام 2019 بيد الجماعة.",
            "عام 2019",
            2019,
        ),
        ("وتأسس اللواء في العام 2014 بدعم خارجي.", "العام 2014", 2014),
        ("وتأسس اللواء عام 2012م بدعم خارجي.", "عام 2012م", 2012),
        ("وتأسس اللواء في 2015، بدعم خارجي.", "2015", 2015),
        (
            "وتعيش المحافظة حربا منذ العام 2014 دون توقف.",
            "العام 2014",
            2014,
        ),
        ("وتأسس اللواء سنة 2016 بدعم خارجي.", "سنه 2016", 2016),
    ];
    for (text, span, y) in cases {
        check(
            text,
            THU,
            span,
            &format!("{y}-01-01"),
            &format!("{y}-12-31"),
            Precision::Year,
        );
    }
    check(
        "وتراجعت الهجمات خلال عامي 2014 و2015 في المحافظة.",
        THU,
        "عامي 2014 و2015",
        "2014-01-01",
        "2015-12-31",
        Precision::Year,
    );
}

#[test]
fn relative_years_and_parts() {
    check(
        "وارتفع عدد الضحايا خلال العام الجاري.",
        THU,
        "العام الجاري",
        "2023-01-01",
        "2023-12-31",
        Precision::Year,
    );
    check(
        "وارتفع عدد الضحايا هذا العام.",
        THU,
        "هذا العام",
        "2023-01-01",
        "2023-12-31",
        Precision::Year,
    );
    check(
        "وارتفع عدد الضحايا مقارنة بالعام الماضي.",
        THU,
        "بالعام الماضي",
        "2022-01-01",
        "2022-12-31",
        Precision::Year,
    );
    check(
        "وسيطرت القوات على المدينة منذ بداية العام الجاري.",
        THU,
        "بدايه العام الجاري",
        "2023-01-01",
        "2023-03-31",
        Precision::Month,
    );
    check(
        "وتمت عملية الاختطاف نهاية أكتوبر الماضي في عدن.",
        THU,
        "نهايه اكتوبر الماضي",
        "2023-10-21",
        "2023-10-31",
        Precision::Week,
    );
    check(
        "وتمت عملية الاختطاف في منتصف يونيو الماضي في عدن.",
        THU,
        "منتصف يونيو الماضي",
        "2023-06-11",
        "2023-06-20",
        Precision::Week,
    );
    check(
        "وانسحبت القوات أواخر العام الماضي.",
        THU,
        "اواخر العام الماضي",
        "2022-10-01",
        "2022-12-31",
        Precision::Month,
    );
    check(
        "وتأسس المجلس مطلع 2017 في عدن.",
        THU,
        "مطلع 2017",
        "2017-01-01",
        "2017-03-31",
        Precision::Month,
    );
}

#[test]
fn last_week() {
    check(
        "وشهدت الجبهة تصعيدا خلال الأسبوع الماضي.",
        THU,
        "الاسبوع الماضي",
        "2023-11-09",
        "2023-11-16",
        Precision::Week,
    );
    check(
        "وشهدت الجبهة تصعيدا خلال الأسبوع الأخير.",
        THU,
        "الاسبوع الاخير",
        "2023-11-09",
        "2023-11-16",
        Precision::Week,
    );
}

// --- Ranges ---------------------------------------------------------------------------------

#[test]
fn day_ranges() {
    check(
        "وعقدت اللقاءات خلال الفترة من 7 - 14 نوفمبر الجاري في صنعاء.",
        THU,
        "خلال الفتره من 7 - 14 نوفمبر الجاري",
        "2023-11-07",
        "2023-11-14",
        Precision::Week,
    );
    check(
        "وعقدت اللقاءات 7 - 14 نوفمبر الجاري في صنعاء.",
        THU,
        "7 - 14 نوفمبر الجاري",
        "2023-11-07",
        "2023-11-14",
        Precision::Week,
    );
    check(
        "وعقدت اللقاءات من 7 إلى 14 نوفمبر في صنعاء.",
        THU,
        "من 7 الي 14 نوفمبر",
        "2023-11-07",
        "2023-11-14",
        Precision::Week,
    );
    check(
        "ونفذت الحملة بين 3 و 5 أغسطس في المديرية.",
        THU,
        "بين 3 و 5 اغسطس",
        "2023-08-03",
        "2023-08-05",
        Precision::Week,
    );
    check(
        "ونفذت الحملة بين 3 و5 أغسطس في المديرية.",
        THU,
        "بين 3 و5 اغسطس",
        "2023-08-03",
        "2023-08-05",
        Precision::Week,
    );
    check(
        "واستمر الحصار خلال الفترة من 28 أكتوبر إلى 10 نوفمبر.",
        THU,
        "خلال الفتره من 28 اكتوبر الي 10 نوفمبر",
        "2023-10-28",
        "2023-11-10",
        Precision::Month,
    );
    check(
        "واستمر الحصار من 20 ديسمبر 2022 حتى 5 يناير 2023.",
        THU,
        "من 20 ديسمبر 2022 حتي 5 يناير 2023",
        "2022-12-20",
        "2023-01-05",
        Precision::Month,
    );
}

#[test]
fn month_ranges() {
    check(
        "وتراجعت الهجمات في سبتمبر وأكتوبر بحسب التقرير.",
        THU,
        "سبتمبر واكتوبر",
        "2023-09-01",
        "2023-10-31",
        Precision::Month,
    );
    check(
        "وتراجعت الهجمات خلال شهري نوفمبر وديسمبر 2022.",
        THU,
        "خلال شهري نوفمبر وديسمبر 2022",
        "2022-11-01",
        "2022-12-31",
        Precision::Month,
    );
}

// --- Anchors and counting back --------------------------------------------------------------

fn anchor_of(text: &str) -> (String, Option<Anchor>) {
    let x = only(text, THU);
    let a = rasd_text::analyze(text);
    assert_eq!(x.start, None, "{text}");
    (a.text(x.span).to_string(), x.anchor)
}

#[test]
fn anchors() {
    let after = |days, months| Some(Anchor::AfterPrevious { days, months });
    let before = |days, months| Some(Anchor::BeforePrevious { days, months });
    assert_eq!(
        anchor_of("وأفرج عنه بعدها بيوم في صفقة تبادل."),
        ("بعدها بيوم".into(), after(1, 0))
    );
    assert_eq!(
        anchor_of("واختطف الصحفي، وبعدها بيومين عثر على جثته."),
        ("وبعدها بيومين".into(), after(2, 0))
    );
    assert_eq!(
        anchor_of("وأعلنت الجماعة بعد يومين مسؤوليتها."),
        ("بعد يومين".into(), after(2, 0))
    );
    assert_eq!(
        anchor_of("وأفرج عنه بعد شهر من عملية الاختطاف."),
        ("بعد شهر من عمليه الاختطاف".into(), after(0, 1))
    );
    assert_eq!(
        anchor_of("وفي اليوم التالي شيع المئات جثمانه."),
        ("وفي اليوم التالي".into(), after(1, 0))
    );
    assert_eq!(
        anchor_of("وكان قد تلقى تهديدات قبلها بيوم."),
        ("قبلها بيوم".into(), before(1, 0))
    );
    assert_eq!(
        anchor_of("وأعلن الجيش بعدها بثلاثة أيام استعادة الموقع."),
        ("بعدها بثلاثه ايام".into(), after(3, 0))
    );
    assert_eq!(
        anchor_of("وقتل حارسه في الهجوم ذاته، وتوفي هو بعد ذلك بأسبوع."),
        ("بعد ذلك باسبوع".into(), after(7, 0))
    );
}

#[test]
fn resolving_anchors() {
    let day = d("2023-11-07");
    assert_eq!(
        resolve_anchor(Anchor::AfterPrevious { days: 2, months: 0 }, day, day),
        (d("2023-11-09"), d("2023-11-09"), Precision::Day)
    );
    assert_eq!(
        resolve_anchor(Anchor::BeforePrevious { days: 1, months: 0 }, day, day),
        (d("2023-11-06"), d("2023-11-06"), Precision::Day)
    );
    assert_eq!(
        resolve_anchor(Anchor::AfterPrevious { days: 0, months: 1 }, day, day),
        (d("2023-12-07"), d("2023-12-07"), Precision::Week)
    );
    assert_eq!(
        resolve_anchor(
            Anchor::AfterPrevious { days: 1, months: 0 },
            d("2023-10-21"),
            d("2023-10-31")
        ),
        (d("2023-10-22"), d("2023-11-01"), Precision::Month)
    );
}

#[test]
fn counting_back_from_pub_date() {
    check_day(
        "واختطف مسلحون الطبيب قبل يومين.",
        THU,
        "قبل يومين",
        "2023-11-21",
    );
    check_day(
        "وتتواصل الاشتباكات منذ ثلاثة أيام.",
        THU,
        "منذ ثلاثه ايام",
        "2023-11-20",
    );
    // With a referent it is an anchor.
    let (_, anchor) = anchor_of("واختفى قبل يومين من الهجوم.");
    assert_eq!(anchor, Some(Anchor::BeforePrevious { days: 2, months: 0 }));
}

// --- Not dates ------------------------------------------------------------------------------

#[test]
fn vague_periods_are_not_dates() {
    for text in [
        "وشهدت المدينة خلال الأيام الماضية توترا أمنيا.",
        "وتصاعدت الهجمات مؤخرا في المحافظة.",
        "واختطف قبل أيام في عدن.",
        "وسقط عشرات القتلى في الساعات الماضية.",
        "واحتفل العالم باليوم العالمي للطفل.",
    ] {
        assert_eq!(dates(text, Some(THU)), vec![], "{text}");
    }
}

// --- Unknown publication date -----------------------------------------------------------------

#[test]
fn unknown_pub_date_keeps_span_and_precision() {
    let got = dates(
        "وهاجم مسلحون نقطة مساء الجمعة الماضية، وكانوا قد هاجموها عام 2019 وفي 10 أكتوبر 2023.",
        None,
    );
    assert_eq!(
        got,
        vec![
            ("مساء الجمعه الماضيه".into(), None, None, Precision::Day),
            (
                "عام 2019".into(),
                Some("2019-01-01".into()),
                Some("2019-12-31".into()),
                Precision::Year
            ),
            (
                "10 اكتوبر 2023".into(),
                Some("2023-10-10".into()),
                Some("2023-10-10".into()),
                Precision::Day
            ),
        ]
    );
    assert_eq!(
        dates("وعقدت اللقاءات من 7 إلى 14 نوفمبر.", None),
        vec![("من 7 الي 14 نوفمبر".into(), None, None, Precision::Week)]
    );
}

#[test]
fn several_dates_in_one_sentence_are_sorted() {
    let text = "وقتل جندي الأربعاء، وبعدها بيوم أصيب آخر، بينما وقع هجوم مماثل في 3 نوفمبر الجاري.";
    let a = rasd_text::analyze(text);
    let got = find_dates(&a, Some(d(THU)));
    assert_eq!(got.len(), 3);
    assert!(got.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert_eq!(got[2].start, Some(d("2023-11-03")));
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,80}", days in 0i64..40000) {
        let pub_date = d("1990-01-01") + chrono::Duration::days(days);
        let a = rasd_text::analyze(&s);
        let found = find_dates(&a, Some(pub_date));
        for w in found.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
        let _ = find_dates(&a, None);
        let _ = today_marker_date(&a);
    }

    #[test]
    fn never_panics_on_date_words(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "في", "من", "الي", "-", "و", "بين", "31", "30", "7", "2023", "1436", "ه", "م",
                "نوفمبر", "فبراير", "تشرين", "الثاني", "الاول", "رمضان", "صفر", "ذو", "الحجه",
                "الماضي", "الجاري", "المقبل", "الجمعه", "اليوم", "امس", "اول", "بعدها", "بيوم",
                "بعد", "قبل", "شهر", "يومين", "العام", "الشهر", "الاسبوع", "نهايه", "بدايه",
                "عام", "العاشر", "الحادي", "عشر", "(", ")", "/", "الموافق", "منذ", "ثلاثه", "ايام",
            ]),
            0..14,
        ),
        days in 0i64..40000,
    ) {
        let text = words.join(" ");
        let pub_date = d("1990-01-01") + chrono::Duration::days(days);
        let a = rasd_text::analyze(&text);
        for x in find_dates(&a, Some(pub_date)) {
            if let (Some(s), Some(e)) = (x.start, x.end) {
                prop_assert!(s <= e, "{text}: {x:?}");
            }
        }
    }
}

#[test]
fn regressions_from_news_style_text() {
    // Historical year after عام, and a year after "بعد عام" (not "after a year").
    check(
        "وثار البركان عام 1883 مخلفا دمارا.",
        THU,
        "عام 1883",
        "1883-01-01",
        "1883-12-31",
        Precision::Year,
    );
    check(
        "ولكن بعد عام 2000 تغيرت الأوضاع.",
        THU,
        "عام 2000",
        "2000-01-01",
        "2000-12-31",
        Precision::Year,
    );
    // A bare year range in parentheses.
    check(
        "وترأس الجامعة (1970 - 1976) قبل أن يستقيل.",
        THU,
        "1970 - 1976",
        "1970-01-01",
        "1976-12-31",
        Precision::Year,
    );
    // A preposition + year followed by a new clause.
    check(
        "وتأسست الكلية في 1916 وتخرج منها الآلاف.",
        THU,
        "1916",
        "1916-01-01",
        "1916-12-31",
        Precision::Year,
    );
    // Two days: يومي 13 و14 يونيو.
    check(
        "وعقدت الجلسات يومي 13 و14 يونيو الماضي.",
        THU,
        "يومي 13 و14 يونيو الماضي",
        "2023-06-13",
        "2023-06-14",
        Precision::Week,
    );
    // "today (Monday)".
    let x = only(
        "وقال رئيس الوزراء اليوم (الاثنين) إن الحكومة ستتحرك.",
        "2023-11-20",
    );
    assert!(x.is_today);
    assert_eq!(x.start, Some(d("2023-11-20")));
    // Durations of years are not dates.
    assert!(dates("وأفرج عنه بعد عامين من الاعتقال.", Some(THU)).is_empty());
    assert!(dates("وتعيش البلاد حربا منذ عشر سنوات.", Some(THU)).is_empty());
}

#[test]
fn day_of_the_current_month() {
    check_day(
        "وكان الاجتماع قد عقد في العاشر من الشهر الجاري.",
        THU,
        "العاشر من الشهر الجاري",
        "2023-11-10",
    );
    check_day(
        "وقتل القيادي في 28 من الشهر الماضي.",
        THU,
        "28 من الشهر الماضي",
        "2023-10-28",
    );
    check(
        "وتستمر الحملة في الفترة من 14 إلى 27 من الشهر الجاري.",
        THU,
        "في الفتره من 14 الي 27 من الشهر الجاري",
        "2023-11-14",
        "2023-11-27",
        Precision::Month,
    );
}

#[test]
fn numeric_hijri_and_gregorian_dates() {
    // 4 Shawwal 1436 = 20 July 2015 (tabular: 21 July, within a day).
    let a = rasd_text::analyze("وذلك يوم الاثنين 4-10-1436 الموافق 20-7-2015م.");
    let found = find_dates(&a, Some(d("2015-07-30")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        a.text(found[0].span),
        "يوم الاثنين 4-10-1436 الموافق 20-7-2015م"
    );
    assert_eq!(found[0].start, Some(d("2015-07-20")));
    let a = rasd_text::analyze("صدر التعميم بتاريخ 1436/10/4 هـ.");
    let found = find_dates(&a, None);
    let start = found[0].start.expect("absolute");
    assert!((start - d("2015-07-20")).num_days().abs() <= 1);
}
