//! Number and quantity tests on short news-style sentences written for these tests.

use proptest::prelude::*;

use crate::{find_quantities, parse_number_words, Quantity};

/// (span text, value, vague, ordinal, noun text).
type Row = (String, Option<u64>, bool, bool, Option<String>);

/// Every quantity in `text`.
fn quantities(text: &str) -> Vec<Row> {
    let a = rasd_text::analyze(text);
    find_quantities(&a)
        .into_iter()
        .map(|q: Quantity| {
            (
                a.text(q.span).to_string(),
                q.value,
                q.vague,
                q.ordinal,
                q.noun.map(|n| a.text(n).to_string()),
            )
        })
        .collect()
}

fn count(span: &str, value: u64, noun: Option<&str>) -> Row {
    (
        span.into(),
        Some(value),
        false,
        false,
        noun.map(String::from),
    )
}

fn vague(span: &str, noun: Option<&str>) -> Row {
    (span.into(), None, true, false, noun.map(String::from))
}

fn ordinal(span: &str, value: u64) -> Row {
    (span.into(), Some(value), false, true, None)
}

/// Arabic words for 1..=999, masculine nominative, as a writer would spell them.
fn words(n: u64) -> String {
    const UNITS: [&str; 10] = [
        "",
        "واحد",
        "اثنان",
        "ثلاثة",
        "أربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
    ];
    const TENS: [&str; 10] = [
        "",
        "عشرة",
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ];
    const HUNDREDS: [&str; 10] = [
        "",
        "مائة",
        "مئتان",
        "ثلاثمائة",
        "أربعمائة",
        "خمسمائة",
        "ستمائة",
        "سبعمائة",
        "ثمانمائة",
        "تسعمائة",
    ];
    fn below_100(r: usize) -> String {
        match r {
            0 => String::new(),
            1..=9 => UNITS[r].to_string(),
            10 => "عشرة".to_string(),
            11 => "أحد عشر".to_string(),
            12 => "اثنا عشر".to_string(),
            13..=19 => format!("{} عشر", UNITS[r - 10]),
            _ if r.rem_euclid(10) == 0 => TENS[r / 10].to_string(),
            _ => format!("{} و{}", UNITS[r % 10], TENS[r / 10]),
        }
    }
    let (h, r) = ((n / 100) as usize, (n % 100) as usize);
    match (h, r) {
        (0, _) => below_100(r),
        (_, 0) => HUNDREDS[h].to_string(),
        _ => format!("{} و{}", HUNDREDS[h], below_100(r)),
    }
}

#[test]
fn words_generator_spells_sample_numbers() {
    assert_eq!(words(325), "ثلاثمائة وخمسة وعشرون");
    assert_eq!(words(13), "ثلاثة عشر");
    assert_eq!(words(200), "مئتان");
}

#[test]
fn parses_number_words_in_all_forms() {
    let cases: &[(&str, u64)] = &[
        ("واحد", 1),
        ("واحدة", 1),
        ("أحد", 1),
        ("إحدى", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتان", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("أربع", 4),
        ("أربعة", 4),
        ("خمس", 5),
        ("خمسة", 5),
        ("ست", 6),
        ("ستة", 6),
        ("سبع", 7),
        ("سبعة", 7),
        ("ثمان", 8),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("تسع", 9),
        ("تسعة", 9),
        ("عشر", 10),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("ثلاثة عشر", 13),
        ("تسعة عشر", 19),
        ("عشرون", 20),
        ("عشرين", 20),
        ("ثلاثين", 30),
        ("تسعون", 90),
        ("خمسة وعشرون", 25),
        ("خمسة وعشرين", 25),
        ("خمسة و عشرين", 25),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتين", 200),
        ("مائتي", 200),
        ("ثلاثمائة", 300),
        ("ثلاث مائة", 300),
        ("ثمانمئة", 800),
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("خمسة عشر ألفا", 15000),
        ("ألف وخمسمائة", 1500),
        ("مليون", 1_000_000),
        ("3 آلاف", 3000),
        ("وثلاثة", 3),
        ("بثلاثة", 3),
    ];
    for (w, n) in cases {
        assert_eq!(parse_number_words(w), Some(*n), "{w}");
    }
    for vague in [
        "عشرات",
        "مئات",
        "آلاف",
        "العديد",
        "جنود",
        "",
        "و",
        "ثلاثة أربعة",
    ] {
        assert_eq!(parse_number_words(vague), None, "{vague}");
    }
}

#[test]
fn digits_with_separators_and_multipliers() {
    assert_eq!(
        quantities("ونزح 1,500 شخص من القرية."),
        vec![count("1,500", 1500, Some("شخص"))]
    );
    assert_eq!(
        quantities("وبلغت الخسائر 2.5 مليون دولار."),
        vec![count("2.5 مليون", 2_500_000, Some("دولار"))]
    );
    assert_eq!(
        quantities("وارتفعت الأسعار 2.5 مرة."),
        vec![count("2.5", 2, Some("مره"))]
    );
    assert_eq!(
        quantities("وبلغ عدد المشتركين 9.500.000 مشترك."),
        vec![count("9.500.000", 9_500_000, Some("مشترك"))]
    );
    assert_eq!(
        quantities("وشارك ٣٠ ألف متظاهر في المسيرة."),
        vec![count("30 الف", 30_000, Some("متظاهر"))]
    );
}

#[test]
fn counts_bind_to_their_nouns() {
    // "The Houthis released 7 members of the Giants Brigades."
    assert_eq!(
        quantities("وأفرج الحوثيون عن 7 من أفراد ألوية العمالقة."),
        vec![count("7", 7, Some("افراد"))]
    );
    // "Clashes killed 32 militants."
    assert_eq!(
        quantities("وأسفرت المواجهات عن مقتل 32 عنصراً من الجماعة."),
        vec![count("32", 32, Some("عنصرا"))]
    );
    // "The first (batch) included the release of 13 members."
    assert_eq!(
        quantities("الأولى تضمنت الإفراج عن 13 عنصراً."),
        vec![ordinal("الاولي", 1), count("13", 13, Some("عنصرا"))]
    );
    assert_eq!(
        quantities("وقتل أحد الجنود في الكمين."),
        vec![count("احد", 1, Some("الجنود"))]
    );
    assert_eq!(
        quantities("وقتل ما لا يقل عن 10 أشخاص في القصف."),
        vec![count("ما لا يقل عن 10", 10, Some("اشخاص"))]
    );
}

#[test]
fn number_words_in_text() {
    assert_eq!(
        quantities("وقتل ثمانية جنود وأصيب خمسة وعشرون آخرون."),
        vec![
            count("ثمانيه", 8, Some("جنود")),
            count("خمسه وعشرون", 25, Some("اخرون"))
        ]
    );
    assert_eq!(
        quantities("واختطف المسلحون ثلاثة مدنيين وثلاثة جنود."),
        vec![
            count("ثلاثه", 3, Some("مدنيين")),
            count("وثلاثه", 3, Some("جنود"))
        ]
    );
    assert_eq!(
        quantities("وفر السكان بثلاثمائة أسرة إلى المخيمات."),
        vec![count("بثلاثمايه", 300, Some("اسره"))]
    );
    assert_eq!(
        quantities("ووصل عدد النازحين إلى ثلاثة آلاف أسرة."),
        vec![count("ثلاثه الاف", 3000, Some("اسره"))]
    );
    assert_eq!(
        quantities("وأصيب اثنا عشر مدنيا."),
        vec![count("اثنا عشر", 12, Some("مدنيا"))]
    );
    // لست ("I am not") is not ل + ست ("six").
    assert_eq!(quantities("وقال لست طرفا في النزاع."), vec![]);
}

#[test]
fn ordinals() {
    assert_eq!(
        quantities("وهذه هي المرة الثانية التي يستهدف فيها الموقع."),
        vec![ordinal("الثانيه", 2)]
    );
    assert_eq!(
        quantities("وانطلقت الجولة الحادية عشرة من المفاوضات."),
        vec![ordinal("الحاديه عشره", 11)]
    );
    assert_eq!(
        quantities("ويدخل الحصار يومه الخامس."),
        vec![ordinal("الخامس", 5)]
    );
}

#[test]
fn duals_of_count_nouns_only() {
    assert_eq!(
        quantities("وقتل جنديان وأصيب عنصرين آخرين."),
        vec![
            count("جنديان", 2, Some("جنديان")),
            count("عنصرين", 2, Some("عنصرين"))
        ]
    );
    // مدنيين and مسلحين are plurals far more often than duals.
    assert_eq!(quantities("وقتل مدنيين برصاص مسلحين."), vec![]);
}

#[test]
fn vague_quantities() {
    assert_eq!(
        quantities("وسقط عشرات القتلى والجرحى."),
        vec![vague("عشرات", Some("القتلي"))]
    );
    assert_eq!(
        quantities("واعتقلت القوات العشرات من المحتجين."),
        vec![vague("العشرات", Some("المحتجين"))]
    );
    assert_eq!(
        quantities("وأصيب عدد من الجنود في الانفجار."),
        vec![vague("عدد من", Some("الجنود"))]
    );
    assert_eq!(
        quantities("ونزحت مئات الأسر وآلاف المدنيين."),
        vec![vague("ميات", Some("الاسر")), vague("والاف", Some("المدنيين"))]
    );
    assert_eq!(
        quantities("وتضررت العديد من المنازل وبعض المحال."),
        vec![
            vague("العديد", Some("المنازل")),
            vague("وبعض", Some("المحال"))
        ]
    );
}

#[test]
fn numbers_of_dates_are_not_quantities() {
    assert_eq!(
        quantities("وقتل 5 جنود في 10 أكتوبر 2023 بمأرب."),
        vec![count("5", 5, Some("جنود"))]
    );
    assert_eq!(quantities("وتأسس اللواء عام 2019 بعدن."), vec![]);
    assert_eq!(quantities("وتأسس اللواء 2012م بعدن."), vec![]);
    assert_eq!(quantities("وصدر القرار 1436هـ."), vec![]);
    assert_eq!(
        quantities("وأفرج عن الأسرى في العاشر من فبراير الماضي."),
        vec![]
    );
    assert_eq!(
        quantities("ووقع الانفجار الساعة 10 صباحا، وفي تمام 11:30 دوى انفجار ثان."),
        vec![]
    );
}

proptest! {
    #[test]
    fn parse_words_roundtrip(n in 1u64..=999) {
        prop_assert_eq!(parse_number_words(&words(n)), Some(n), "{}", words(n));
    }

    #[test]
    fn words_in_text_are_found(n in 1u64..=999) {
        let text = format!("وقتل {} شخصا في الهجوم.", words(n));
        let a = rasd_text::analyze(&text);
        let q = find_quantities(&a);
        prop_assert_eq!(q.len(), 1, "{}", text);
        prop_assert_eq!(q[0].value, Some(n));
    }

    #[test]
    fn never_panics(s in "\\PC{0,80}") {
        let a = rasd_text::analyze(&s);
        let q = find_quantities(&a);
        for w in q.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
        let _ = parse_number_words(&s);
    }

    #[test]
    fn never_panics_on_number_material(s in "[0-9,.٬/ :-]{0,30}|[\\u0621-\\u064A 0-9]{0,40}") {
        let a = rasd_text::analyze(&s);
        let _ = find_quantities(&a);
        let _ = parse_number_words(&s);
    }
}

#[test]
fn one_pass_gives_the_dates_and_the_quantities_outside_them() {
    let a = rasd_text::analyze(
        "قتل 12 جنديا وأصيب خمسة آخرون في 3 أغسطس 2015، بعد يومين من مقتل 4 مدنيين.",
    );
    let pub_date = chrono::NaiveDate::from_ymd_opt(2015, 8, 5);
    let (dates, quantities) = crate::find_dates_and_quantities(&a, pub_date);
    assert_eq!(dates, crate::find_dates(&a, pub_date));
    assert_eq!(quantities, crate::find_quantities(&a));
    let values: Vec<Option<u64>> = quantities.iter().map(|q| q.value).collect();
    // 3 and 2015 belong to the date.
    assert_eq!(values, [Some(12), Some(5), Some(4)]);
    assert_eq!(dates[0].start, chrono::NaiveDate::from_ymd_opt(2015, 8, 3));
}
