//! Today's Yemen news (2023–2026) and the region around it (issue 9): the Red Sea war,
//! US/UK and Israeli strikes on Yemen, Houthi missiles on Israel, interceptions, and
//! Yemeni politics after 2022. Each case is a short text written for this test in the
//! style of recent news, with the expected type, actors, country and place.
//!
//! Every event of every case is also checked for the contract's country rule: a place
//! outside Yemen (or at sea) never carries a Yemeni p-code.

use std::sync::OnceLock;

use chrono::NaiveDate;
use rasd_extract::Extractor;
use rasd_model::{Document, Event};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builtin().expect("built-in rules load"))
}

fn extract(title: &str, body: &str) -> Vec<Event> {
    let mut doc = Document::new("region-test", title, body);
    doc.pub_date = NaiveDate::from_ymd_opt(2024, 6, 14);
    let events = extractor().extract(&doc).events;
    for e in &events {
        let Some(l) = &e.location else { continue };
        assert_eq!(l.country.len(), 3, "country is ISO3 or SEA: {l:?}");
        let yemeni_code = |c: &Option<String>| c.as_deref().is_some_and(|c| c.starts_with("YE"));
        if l.country != "YEM" {
            assert!(
                !yemeni_code(&l.admin1_pcode) && !yemeni_code(&l.admin2_pcode),
                "a place outside Yemen has a Yemeni p-code: {l:?}"
            );
        } else {
            assert!(
                l.admin1_pcode
                    .as_deref()
                    .is_none_or(|c| c.starts_with("YE")),
                "a place in Yemen has a Yemeni p-code: {l:?}"
            );
        }
        if l.country == "SEA" {
            assert!(
                l.admin1.is_none() && l.lat.is_some(),
                "a sea has a point, no admin1"
            );
        }
    }
    events
}

fn id(a: &Option<rasd_model::ActorRef>) -> Option<&str> {
    a.as_ref().map(|a| a.id.as_str())
}

/// The one event of this sub-event type.
fn only<'a>(events: &'a [Event], sub_event: &str) -> &'a Event {
    let found: Vec<&Event> = events
        .iter()
        .filter(|e| e.acled.sub_event_type == sub_event)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {sub_event} event expected: {events:#?}"
    );
    found[0]
}

fn place(e: &Event) -> (&str, &str, Option<&str>) {
    let l = e.location.as_ref().expect("the event has a place");
    (
        l.country.as_str(),
        l.name.as_str(),
        l.admin1_pcode.as_deref(),
    )
}

#[test]
fn houthi_missile_and_drone_attack_on_a_ship_is_at_sea() {
    let events = extract(
        "الحوثيون يستهدفون سفينة تجارية في البحر الأحمر",
        "أعلن المتحدث العسكري باسم قوات صنعاء، العميد يحيى سريع، أن القوات البحرية \
         استهدفت سفينة تجارية في البحر الأحمر بعدد من الصواريخ الباليستية والطائرات المسيرة.",
    );
    let e = only(&events, "Shelling/artillery/missile attack");
    assert_eq!(e.plover.event_type, "ASSAULT");
    assert_eq!(
        id(&e.actor1),
        Some("houthis"),
        "the spokesman's forces claim it"
    );
    assert!(e.claimed);
    assert_eq!(id(&e.actor2), Some("commercial-shipping"));
    assert_eq!(place(e), ("SEA", "Red Sea", None));
    let l = e.location.as_ref().unwrap();
    assert_eq!(l.name_ar, "البحر الأحمر");
    assert!(events.iter().all(|e| e.plover.event_type != "PROTEST"));
}

#[test]
fn drone_boat_attack_in_the_gulf_of_aden() {
    let events = extract(
        "هجوم بزورق مسير على ناقلة نفط في خليج عدن",
        "هاجم الحوثيون بزورق مسير ناقلة نفط في خليج عدن، مساء الأربعاء، ما أدى إلى اندلاع \
         حريق على متنها.",
    );
    let e = events
        .iter()
        .find(|e| id(&e.actor1) == Some("houthis"))
        .expect("a Houthi attack");
    assert_eq!(e.plover.event_type, "ASSAULT");
    assert_eq!(id(&e.actor2), Some("commercial-shipping"));
    assert_eq!(place(e), ("SEA", "Gulf of Aden", None));
    assert!(events.iter().all(|e| e.plover.event_type != "PROTEST"));
}

#[test]
fn us_and_uk_strikes_on_hodeidah_are_in_yemen() {
    let events = extract(
        "غارات على الحديدة",
        "شنت القوات الأمريكية والبريطانية غارات على مدينة الحديدة غربي اليمن، فجر اليوم \
         الجمعة.",
    );
    let e = only(&events, "Air/drone strike");
    assert_eq!(e.plover.event_type, "ASSAULT");
    assert_eq!(id(&e.actor1), Some("usa"));
    assert!(
        e.assoc_actor1.iter().any(|a| a.id == "uk"),
        "Britain strikes with the US: {e:#?}"
    );
    let (country, _, admin1) = place(e);
    assert_eq!((country, admin1), ("YEM", Some("YE18")));
    // With US forces named, an unnamed striker is not the Saudi-led coalition.
    assert!(events
        .iter()
        .all(|e| id(&e.actor1) != Some("saudi-led-coalition")));
}

#[test]
fn a_us_british_headline_has_no_british_target() {
    let events = extract(
        "غارات أمريكية بريطانية على الحديدة",
        "شنت القوات الأمريكية والبريطانية، فجر اليوم الجمعة، سلسلة غارات على مدينة الحديدة \
         غربي اليمن.",
    );
    let strikes: Vec<&Event> = events
        .iter()
        .filter(|e| e.acled.sub_event_type == "Air/drone strike")
        .collect();
    assert!(!strikes.is_empty());
    for e in strikes {
        assert_eq!(id(&e.actor1), Some("usa"), "{e:#?}");
        assert_ne!(id(&e.actor2), Some("uk"), "{e:#?}");
        assert_eq!(place(e).0, "YEM");
    }
}

#[test]
fn israeli_strike_on_hodeidah_port() {
    let events = extract(
        "غارات إسرائيلية على ميناء الحديدة",
        "شن الطيران الإسرائيلي، مساء السبت، غارات على ميناء الحديدة، ما أدى إلى مقتل ستة \
         أشخاص وإصابة 80 آخرين.",
    );
    let strikes: Vec<&Event> = events
        .iter()
        .filter(|e| e.acled.sub_event_type == "Air/drone strike")
        .collect();
    assert!(!strikes.is_empty());
    for e in &strikes {
        assert_eq!(id(&e.actor1), Some("israel"), "not the coalition: {e:#?}");
        let (country, _, admin1) = place(e);
        assert_eq!((country, admin1), ("YEM", Some("YE18")));
    }
    assert!(strikes.iter().any(|e| e.fatalities == Some(6)));
}

#[test]
fn interception_over_the_red_sea_is_disrupted_weapons_use() {
    let events = extract(
        "اعتراض صاروخ فوق البحر الأحمر",
        "أعلنت القيادة المركزية الأمريكية أن المدمرة الأمريكية اعترضت صاروخا أطلقه \
         الحوثيون فوق البحر الأحمر.",
    );
    let e = only(&events, "Disrupted weapons use");
    assert_eq!(e.acled.event_type, "Strategic developments");
    assert_eq!(id(&e.actor1), Some("usa"), "the interceptor");
    assert_eq!(id(&e.actor2), Some("houthis"), "who launched it");
    assert_eq!(place(e), ("SEA", "Red Sea", None));
}

#[test]
fn houthi_missile_on_eilat_is_in_israel_with_a_natural_earth_admin1() {
    let events = extract(
        "صاروخ حوثي على إيلات",
        "أطلق الحوثيون صاروخا باليستيا على مدينة إيلات جنوب إسرائيل، بحسب الجيش الإسرائيلي.",
    );
    let e = only(&events, "Shelling/artillery/missile attack");
    assert_eq!(id(&e.actor1), Some("houthis"));
    let l = e.location.as_ref().unwrap();
    assert_eq!(l.country, "ISR");
    assert_eq!(l.name, "Eilat");
    // region_admin1.csv: ISR-3053 HaDarom (Southern District).
    assert_eq!(l.admin1_pcode.as_deref(), Some("ISR-3053"));
    assert_eq!(l.admin1.as_deref(), Some("HaDarom"));
    assert!(l.admin2_pcode.is_none());
}

#[test]
fn a_march_in_sanaa_for_gaza_is_a_protest_not_a_drone() {
    let events = extract(
        "مسيرة في صنعاء تضامنا مع غزة",
        "خرج عشرات الآلاف في مسيرة جماهيرية حاشدة بالعاصمة صنعاء، اليوم الجمعة، تضامنا مع \
         الشعب الفلسطيني في غزة.",
    );
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(e.plover.event_type, "PROTEST", "{e:#?}");
        assert_ne!(e.plover.mode.as_deref(), Some("drone"));
    }
    let e = &events[0];
    assert_eq!(id(&e.actor1), Some("protesters"));
    let (country, name, admin1) = place(e);
    assert_eq!((country, name, admin1), ("YEM", "Sanaa", Some("YE13")));
}

#[test]
fn stc_takes_a_camp_in_aden() {
    let events = extract(
        "الانتقالي يسيطر على معسكر في عدن",
        "سيطرت قوات المجلس الانتقالي الجنوبي، صباح اليوم، على معسكر بدر في مدينة عدن بعد \
         اشتباكات مع قوات الحماية الرئاسية.",
    );
    let e = events
        .iter()
        .find(|e| id(&e.actor1) == Some("stc"))
        .expect("an STC event");
    assert_eq!(e.plover.event_type, "ASSAULT");
    assert_eq!(e.acled.event_type, "Battles");
    assert_eq!(id(&e.actor2), Some("yemen-gov-forces"));
    assert_eq!(place(e), ("YEM", "Aden", Some("YE24")));
}

#[test]
fn a_plc_decree_is_the_government_of_yemen() {
    let events = extract(
        "العليمي يصنف الحوثيين منظمة إرهابية",
        "أصدر رئيس مجلس القيادة الرئاسي الدكتور رشاد العليمي، اليوم في عدن، قرارا بتصنيف \
         جماعة الحوثي منظمة إرهابية.",
    );
    let e = only(&events, "Change to group/activity");
    assert_eq!(e.plover.event_type, "SANCTION");
    // The PLC (data/actors.tsv `plc`) reports as the Government of Yemen.
    assert_eq!(id(&e.actor1), Some("yemen-government"));
    assert_eq!(id(&e.actor2), Some("houthis"));
    assert_eq!(place(e), ("YEM", "Aden", Some("YE24")));
}

#[test]
fn the_plc_chairman_meets_the_un_envoy() {
    let events = extract(
        "مجلس القيادة الرئاسي يلتقي المبعوث الأممي",
        "التقى رئيس مجلس القيادة الرئاسي الدكتور رشاد العليمي، اليوم في العاصمة المؤقتة عدن، \
         المبعوث الأممي إلى اليمن.",
    );
    let e = events
        .iter()
        .find(|e| e.plover.event_type == "CONSULT")
        .expect("a meeting");
    let sides = [id(&e.actor1), id(&e.actor2)];
    assert!(sides.contains(&Some("yemen-government")) && sides.contains(&Some("un")));
}

#[test]
fn a_country_named_alone_gives_the_country_without_admin1() {
    let events = extract(
        "هجوم بطائرة مسيرة في السعودية",
        "أطلق الحوثيون طائرة مسيرة مفخخة على منشأة نفطية في السعودية.",
    );
    let e = events
        .iter()
        .find(|e| id(&e.actor1) == Some("houthis"))
        .expect("a Houthi attack");
    let l = e.location.as_ref().expect("placed in the country");
    assert_eq!(l.country, "SAU");
    assert_eq!(l.admin1_pcode, None);
    assert_eq!(l.geo_precision, 3);
}

#[test]
fn yemen_alone_does_not_replace_the_story_places() {
    // "اليمن" names the country, not where in it: the event keeps no country-level
    // place of Yemen when the text names none of its own.
    let events = extract(
        "اشتباكات في مأرب",
        "اندلعت اشتباكات عنيفة بين الجيش الوطني والحوثيين في مديرية صرواح غربي محافظة مأرب \
         شرقي اليمن.",
    );
    let e = events
        .iter()
        .find(|e| e.acled.sub_event_type == "Armed clash")
        .expect("a clash");
    let l = e.location.as_ref().unwrap();
    assert_eq!(
        (l.country.as_str(), l.admin1_pcode.as_deref()),
        ("YEM", Some("YE26"))
    );
}

#[test]
fn scope_yemen_keeps_yemeni_actors_and_places_only() {
    let x = extractor();
    let gaza = extract(
        "غارات إسرائيلية على خان يونس",
        "شن جيش الاحتلال الإسرائيلي غارات على مدينة خان يونس جنوب قطاع غزة.",
    );
    let e = gaza
        .iter()
        .find(|e| id(&e.actor1) == Some("israel"))
        .expect("an Israeli strike");
    assert_eq!(e.location.as_ref().map(|l| l.country.as_str()), Some("PSE"));
    assert!(
        !x.in_yemen_scope(e),
        "an Israeli strike in Gaza is not Yemen's"
    );
    let eilat = extract(
        "صاروخ حوثي على إيلات",
        "أطلق الحوثيون صاروخا باليستيا على مدينة إيلات جنوب إسرائيل.",
    );
    assert!(eilat.iter().all(|e| x.in_yemen_scope(e)), "a Houthi actor");
    let hodeidah = extract(
        "غارات إسرائيلية على ميناء الحديدة",
        "شن الطيران الإسرائيلي غارات على ميناء الحديدة.",
    );
    assert!(hodeidah.iter().all(|e| x.in_yemen_scope(e)), "in Yemen");
}

#[test]
fn a_drone_falling_in_jordan_is_neither_a_march_nor_an_interception() {
    let events = extract(
        "سقوط طائرة مسيرة حوثية في الأردن",
        "سقطت طائرة مسيرة حوثية في منطقة مفتوحة داخل الأردن دون وقوع إصابات.",
    );
    for e in &events {
        assert_ne!(e.plover.event_type, "PROTEST", "{e:#?}");
        assert_ne!(e.acled.sub_event_type, "Disrupted weapons use", "{e:#?}");
    }
    let events = extract(
        "مسيرات إسرائيلية فوق صنعاء",
        "حلقت مسيرات إسرائيلية وأخرى أمريكية فوق العاصمة صنعاء مساء الخميس.",
    );
    assert!(
        events.iter().all(|e| e.plover.event_type != "PROTEST"),
        "{events:#?}"
    );
}

#[test]
fn an_unnamed_strike_after_the_2022_truce_is_not_the_coalitions() {
    let events = extract(
        "غارة جديدة على صنعاء",
        "شنت طائرات حربية، فجر اليوم، غارة جديدة على العاصمة صنعاء.",
    );
    assert!(
        events
            .iter()
            .all(|e| id(&e.actor1) != Some("saudi-led-coalition")),
        "{events:#?}"
    );
}
