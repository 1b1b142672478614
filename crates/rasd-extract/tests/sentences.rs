//! Sentence-level tests of the built-in extractor: one short, hand-written Arabic news
//! text per case (Yemen conflict), with the content of the expected events spelled out.
//!
//! Every case also goes through [`check_invariants`]: evidence spans must slice the
//! document text exactly, dates must form a window, ACLED types must be codebook types.

use std::sync::OnceLock;

use chrono::NaiveDate;
use rasd_extract::{Extraction, Extractor};
use rasd_model::vocab::{ATTRIBUTION_KINDS, PLOVER_TYPES};
use rasd_model::{Document, Event, Precision};

/// The rules' own reading of each sentence: the learned keep/drop filter is off here (a
/// lone sentence without date, place or context is what it drops; it is tested on whole
/// articles in `filter.rs`).
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::builtin()
            .expect("built-in rules load")
            .with_filter(None)
    })
}

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date is YYYY-MM-DD")
}

/// The events found in a document of one body, dated `pub_date`.
fn events_of(id: &str, pub_date: &str, body: &str) -> Vec<Event> {
    extractor()
        .extract(&doc(id, Some(pub_date), "", body))
        .events
}

fn doc(id: &str, pub_date: Option<&str>, title: &str, body: &str) -> Document {
    let mut doc = Document::new(id, title, body);
    doc.pub_date = pub_date.map(ymd);
    doc
}

/// ACLED's 25 sub-event types with their event type.
const ACLED_SUB_EVENTS: [(&str, &str); 25] = [
    ("Armed clash", "Battles"),
    ("Government regains territory", "Battles"),
    ("Non-state actor overtakes territory", "Battles"),
    ("Chemical weapon", "Explosions/Remote violence"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Suicide bomb", "Explosions/Remote violence"),
    (
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
    ),
    (
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
    ),
    ("Grenade", "Explosions/Remote violence"),
    ("Sexual violence", "Violence against civilians"),
    ("Attack", "Violence against civilians"),
    (
        "Abduction/forced disappearance",
        "Violence against civilians",
    ),
    ("Peaceful protest", "Protests"),
    ("Protest with intervention", "Protests"),
    ("Excessive force against protesters", "Protests"),
    ("Violent demonstration", "Riots"),
    ("Mob violence", "Riots"),
    ("Agreement", "Strategic developments"),
    ("Arrests", "Strategic developments"),
    ("Change to group/activity", "Strategic developments"),
    ("Disrupted weapons use", "Strategic developments"),
    ("Headquarters or base established", "Strategic developments"),
    ("Looting/property destruction", "Strategic developments"),
    (
        "Non-violent transfer of territory",
        "Strategic developments",
    ),
    ("Other", "Strategic developments"),
];

/// What must hold for every event of every document.
fn check_invariants(case: &str, doc: &Document, out: &Extraction) {
    let chars = doc.text.chars().count();
    let mut previous_first: Option<usize> = None;
    for e in &out.events {
        let what = format!("{case}: event {} ({})", e.event_id, e.plover.event_type);
        assert_eq!(e.doc_id, doc.id, "{what}: doc_id");
        assert!(!e.event_id.is_empty(), "{what}: empty event_id");
        assert!(
            PLOVER_TYPES.contains(&e.plover.event_type.as_str()),
            "{what}: PLOVER type"
        );
        let family = ACLED_SUB_EVENTS
            .iter()
            .find(|(sub, _)| *sub == e.acled.sub_event_type)
            .map(|(_, family)| *family);
        assert_eq!(
            family,
            Some(e.acled.event_type.as_str()),
            "{what}: ACLED sub-event type {:?} / event type {:?}",
            e.acled.sub_event_type,
            e.acled.event_type
        );

        // Evidence: non-empty, in text order, each span slicing the document text.
        assert!(!e.evidence.is_empty(), "{what}: no evidence");
        for ev in &e.evidence {
            assert!(
                ev.start < ev.end && ev.end <= chars,
                "{what}: evidence span {}..{} outside 0..{chars}",
                ev.start,
                ev.end
            );
            assert_eq!(
                ev.text,
                doc.slice(ev.span()),
                "{what}: evidence text differs from the document slice {}..{}",
                ev.start,
                ev.end
            );
        }
        assert!(
            e.evidence
                .windows(2)
                .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)),
            "{what}: evidence not in text order"
        );
        let first = e.evidence[0].start;
        if let Some(p) = previous_first {
            assert!(p <= first, "{case}: events not in text order of evidence");
        }
        previous_first = Some(first);

        // Date window.
        match (&e.date.start, &e.date.end) {
            (Some(s), Some(t)) => {
                assert!(ymd(s) <= ymd(t), "{what}: date window {s}..{t} reversed");
                assert_ne!(e.date.precision, Precision::Unknown, "{what}: precision");
            }
            (None, None) => assert_eq!(e.date.precision, Precision::Unknown, "{what}"),
            other => panic!("{what}: half-open date window {other:?}"),
        }

        if let Some(loc) = &e.location {
            assert!(
                (1..=3).contains(&loc.geo_precision),
                "{what}: geo_precision {}",
                loc.geo_precision
            );
            if let (Some(a1), Some(a2)) = (&loc.admin1_pcode, &loc.admin2_pcode) {
                assert!(a2.starts_with(a1.as_str()), "{what}: {a2} not in {a1}");
            }
        }
        if let Some(a) = &e.attribution {
            assert!(
                ATTRIBUTION_KINDS.contains(&a.kind.as_str()),
                "{what}: attribution kind {}",
                a.kind
            );
        }
        assert!(
            (0.0..=1.0).contains(&e.confidence),
            "{what}: confidence {}",
            e.confidence
        );
    }
}

/// One expectation about one event.
#[derive(Debug, Clone, Copy)]
enum Check {
    Mode(Option<&'static str>),
    Sub(&'static str),
    Actor1(Option<&'static str>),
    Actor2(Option<&'static str>),
    Actor1Text(&'static str),
    Actor2Text(&'static str),
    /// The actor pair, in either order (clashes, meetings, agreements).
    Pair(&'static str, &'static str),
    /// The associates of actor1, in order.
    Assoc1(&'static [&'static str]),
    Start(Option<&'static str>),
    End(Option<&'static str>),
    DatePrecision(Precision),
    DateText(&'static str),
    Admin1(Option<&'static str>),
    Admin2(Option<&'static str>),
    NotAdmin1(&'static str),
    GeoPrecision(u8),
    PlaceText(&'static str),
    Fatalities(Option<u32>),
    Injured(Option<u32>),
    Detained(Option<u32>),
    Released(Option<u32>),
    Hedged(bool),
    Claimed(bool),
    Attribution(Option<&'static str>),
    AttributionText(&'static str),
    /// A named person with this affiliation.
    Person(&'static str, Option<&'static str>),
    /// No actor slot's text is exactly this.
    NoActorText(&'static str),
    /// Some evidence span contains this text.
    EvidenceHas(&'static str),
}

fn actor_id(a: &Option<rasd_model::ActorRef>) -> Option<&str> {
    a.as_ref().map(|a| a.id.as_str())
}

fn apply(what: &str, e: &Event, check: Check) {
    let loc = e.location.as_ref();
    match check {
        Check::Mode(m) => assert_eq!(e.plover.mode.as_deref(), m, "{what}: mode"),
        Check::Sub(s) => assert_eq!(e.acled.sub_event_type, s, "{what}: sub_event_type"),
        Check::Actor1(a) => assert_eq!(actor_id(&e.actor1), a, "{what}: actor1"),
        Check::Actor2(a) => assert_eq!(actor_id(&e.actor2), a, "{what}: actor2"),
        Check::Assoc1(ids) => assert_eq!(
            e.assoc_actor1
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ids,
            "{what}: assoc_actor1"
        ),
        Check::Actor1Text(t) => assert_eq!(
            e.actor1.as_ref().and_then(|a| a.text.as_deref()),
            Some(t),
            "{what}: actor1 text"
        ),
        Check::Actor2Text(t) => assert_eq!(
            e.actor2.as_ref().and_then(|a| a.text.as_deref()),
            Some(t),
            "{what}: actor2 text"
        ),
        Check::Pair(a, b) => {
            let mut got = [
                actor_id(&e.actor1).unwrap_or(""),
                actor_id(&e.actor2).unwrap_or(""),
            ];
            got.sort_unstable();
            let mut want = [a, b];
            want.sort_unstable();
            assert_eq!(got, want, "{what}: actor pair");
        }
        Check::Start(d) => assert_eq!(e.date.start.as_deref(), d, "{what}: date start"),
        Check::End(d) => assert_eq!(e.date.end.as_deref(), d, "{what}: date end"),
        Check::DatePrecision(p) => assert_eq!(e.date.precision, p, "{what}: date precision"),
        Check::DateText(t) => assert_eq!(e.date.text.as_deref(), Some(t), "{what}: date text"),
        Check::Admin1(p) => assert_eq!(
            loc.and_then(|l| l.admin1_pcode.as_deref()),
            p,
            "{what}: admin1_pcode"
        ),
        Check::Admin2(p) => assert_eq!(
            loc.and_then(|l| l.admin2_pcode.as_deref()),
            p,
            "{what}: admin2_pcode"
        ),
        Check::NotAdmin1(p) => assert_ne!(
            loc.and_then(|l| l.admin1_pcode.as_deref()),
            Some(p),
            "{what}: wrong governorate {p}"
        ),
        Check::GeoPrecision(g) => assert_eq!(
            loc.map(|l| l.geo_precision),
            Some(g),
            "{what}: geo_precision"
        ),
        Check::PlaceText(t) => assert_eq!(
            loc.and_then(|l| l.text.as_deref()),
            Some(t),
            "{what}: place text"
        ),
        Check::Fatalities(n) => assert_eq!(e.fatalities, n, "{what}: fatalities"),
        Check::Injured(n) => assert_eq!(e.injured, n, "{what}: injured"),
        Check::Detained(n) => assert_eq!(e.detained, n, "{what}: detained"),
        Check::Released(n) => assert_eq!(e.released, n, "{what}: released"),
        Check::Hedged(h) => assert_eq!(e.hedged, h, "{what}: hedged"),
        Check::Claimed(c) => assert_eq!(e.claimed, c, "{what}: claimed"),
        Check::Attribution(k) => assert_eq!(
            e.attribution.as_ref().map(|a| a.kind.as_str()),
            k,
            "{what}: attribution kind"
        ),
        Check::AttributionText(t) => assert_eq!(
            e.attribution.as_ref().and_then(|a| a.text.as_deref()),
            Some(t),
            "{what}: attribution text"
        ),
        Check::Person(name, affiliation) => assert!(
            e.persons
                .iter()
                .any(|p| p.name_ar == name && p.affiliation.as_deref() == affiliation),
            "{what}: no person {name} ({affiliation:?}) in {:?}",
            e.persons
        ),
        Check::NoActorText(t) => {
            let texts = [&e.actor1, &e.actor2]
                .into_iter()
                .flatten()
                .chain(&e.assoc_actor1)
                .chain(&e.assoc_actor2)
                .filter_map(|a| a.text.as_deref())
                .collect::<Vec<_>>();
            assert!(!texts.contains(&t), "{what}: «{t}» taken as an actor");
        }
        Check::EvidenceHas(t) => assert!(
            e.evidence.iter().any(|ev| ev.text.contains(t)),
            "{what}: no evidence contains «{t}»"
        ),
    }
}

/// The expected content of the `nth` event of type `plover` (in text order).
struct Expect {
    plover: &'static str,
    nth: usize,
    checks: &'static [Check],
}

struct Case {
    name: &'static str,
    pub_date: Option<&'static str>,
    title: &'static str,
    body: &'static str,
    /// Exact number of events, when the text leaves no room for more.
    count: Option<usize>,
    /// PLOVER types that must not appear at all.
    absent: &'static [&'static str],
    expect: &'static [Expect],
}

/// A one-sentence case that must give exactly one event of `plover` (dated by `pub_date`).
fn single(
    name: &'static str,
    pub_date: &'static str,
    body: &'static str,
    plover: &'static str,
    checks: &'static [Check],
) -> Case {
    Case {
        name,
        pub_date: Some(pub_date),
        title: "",
        body,
        count: Some(1),
        absent: &[],
        expect: std::slice::from_ref(Box::leak(Box::new(Expect {
            plover,
            nth: 0,
            checks,
        }))),
    }
}

/// The first event of type `plover` found in a document of one body (panics with the
/// events found when there is none).
fn first_event(id: &str, pub_date: &str, body: &str, plover: &str) -> Event {
    let events = events_of(id, pub_date, body);
    events
        .iter()
        .find(|e| e.plover.event_type == plover)
        .cloned()
        .unwrap_or_else(|| panic!("{id}: no {plover} event; events: {events:#?}"))
}

/// The first event of type `plover` in a document of one body has these two sides.
fn assert_sides(id: &str, pub_date: &str, body: &str, plover: &str, sides: [&str; 2]) {
    let e = first_event(id, pub_date, body, plover);
    assert_eq!(
        [actor_id(&e.actor1), actor_id(&e.actor2)],
        sides.map(Some),
        "{id}: sides of the {plover} event"
    );
}

/// A case in which none of the `absent` PLOVER types may appear.
fn none_of(
    name: &'static str,
    pub_date: &'static str,
    body: &'static str,
    absent: &'static [&'static str],
) -> Case {
    Case {
        name,
        pub_date: Some(pub_date),
        title: "",
        body,
        count: None,
        absent,
        expect: &[],
    }
}

fn run(cases: &[Case]) {
    for case in cases {
        let doc = doc(case.name, case.pub_date, case.title, case.body);
        let out = extractor().extract(&doc);
        check_invariants(case.name, &doc, &out);
        let dump = || {
            out.events
                .iter()
                .map(|e| serde_json::to_string(e).unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        };
        if let Some(n) = case.count {
            assert_eq!(
                out.events.len(),
                n,
                "{}: event count; events:\n{}",
                case.name,
                dump()
            );
        }
        for absent in case.absent {
            assert!(
                out.events.iter().all(|e| e.plover.event_type != *absent),
                "{}: unexpected {absent} event:\n{}",
                case.name,
                dump()
            );
        }
        for x in case.expect {
            let e = out
                .events
                .iter()
                .filter(|e| e.plover.event_type == x.plover)
                .nth(x.nth)
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no {} event #{}; events:\n{}",
                        case.name,
                        x.plover,
                        x.nth,
                        dump()
                    )
                });
            let what = format!("{} [{} #{}]", case.name, x.plover, x.nth);
            for check in x.checks {
                apply(&what, e, *check);
            }
        }
    }
}

use Check::*;

#[test]
fn violent_events() {
    run(&[
        Case {
            name: "airstrike-haradh",
            pub_date: Some("2015-07-25"),
            title: "غارات للتحالف على حجة",
            body: "شنت مقاتلات التحالف العربي، أمس الجمعة، غارات على مواقع للحوثيين في مديرية حرض بمحافظة حجة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Mode(Some("aerial")),
                    Sub("Air/drone strike"),
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Start(Some("2015-07-24")),
                    End(Some("2015-07-24")),
                    DatePrecision(Precision::Day),
                    DateText("أمس الجمعة"),
                    Admin1(Some("YE17")),
                    Admin2(Some("YE1702")),
                    GeoPrecision(1),
                    PlaceText("مديرية حرض"),
                    Fatalities(None),
                    Injured(None),
                    Hedged(false),
                    Claimed(false),
                    Attribution(Some("reporter")),
                    // title and body both report it: one record, evidence from both
                    EvidenceHas("غارات للتحالف"),
                    EvidenceHas("مديرية حرض"),
                ],
            }],
        },
        Case {
            name: "ied-lawdar",
            pub_date: Some("2019-03-10"),
            title: "",
            body: "أصيب 5 جنود جراء انفجار عبوة ناسفة زرعها مسلحون يعتقد انتماؤهم لتنظيم القاعدة في مديرية لودر بمحافظة أبين، صباح اليوم الأحد.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Mode(Some("explosives")),
                    Sub("Remote explosive/landmine/IED"),
                    Actor1(Some("aqap")),
                    Actor2(Some("yemen-gov-forces")),
                    Start(Some("2019-03-10")),
                    End(Some("2019-03-10")),
                    Admin1(Some("YE12")),
                    Admin2(Some("YE1204")),
                    Injured(Some(5)),
                    Fatalities(None),
                    Hedged(true),
                    Claimed(false),
                ],
            }],
        },
        Case {
            // Known gap: the actor pair should be houthis ↔ popular-resistance and the
            // fatalities 12 + 3 = 15; only the rest is asserted.
            name: "clash-taiz",
            pub_date: Some("2016-02-11"),
            title: "",
            body: "قتل 12 حوثيا و3 من المقاومة الشعبية في مواجهات عنيفة بمدينة تعز، أمس الأربعاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Armed clash"),
                    Start(Some("2016-02-10")),
                    End(Some("2016-02-10")),
                    Admin1(Some("YE15")),
                    PlaceText("بمدينة تعز"),
                    Hedged(false),
                ],
            }],
        },
        Case {
            name: "clash-salah-between",
            pub_date: Some("2016-02-11"),
            title: "",
            body: "اندلعت مواجهات عنيفة بين الحوثيين والمقاومة الشعبية في مديرية صالة بمدينة تعز، أسفرت عن مقتل 12 حوثيا و3 من المقاومة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Armed clash"),
                    Pair("houthis", "popular-resistance"),
                    Admin1(Some("YE15")),
                    Admin2(Some("YE1519")),
                    Start(Some("2016-02-08")),
                    End(Some("2016-02-11")),
                ],
            }],
        },
        Case {
            name: "abduction-msf-mansurah",
            pub_date: Some("2018-05-09"),
            title: "",
            body: "اختطف مسلحون مجهولون، مساء الجمعة الماضية، موظفين اثنين في منظمة أطباء بلا حدود في مديرية المنصورة بمحافظة عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Mode(Some("abduct")),
                    Sub("Abduction/forced disappearance"),
                    Actor1(Some("unidentified-armed-group")),
                    Actor1Text("مسلحون مجهولون"),
                    Actor2(Some("msf")),
                    Start(Some("2018-05-04")),
                    End(Some("2018-05-04")),
                    DateText("مساء الجمعة الماضية"),
                    Admin1(Some("YE24")),
                    Admin2(Some("YE2403")),
                    Detained(Some(2)),
                    Fatalities(None),
                    Hedged(false),
                ],
            }],
        },
        Case {
            name: "vehicle-seizure-makha",
            pub_date: Some("2020-08-05"),
            title: "",
            body: "قام مسلحون مجهولون باختطاف سيارة تابعة لألوية العمالقة في مديرية المخاء غرب محافظة تعز، أمس الثلاثاء.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[
                    Mode(Some("seize")),
                    Sub("Looting/property destruction"),
                    Actor1(Some("unidentified-armed-group")),
                    Actor2(Some("giants-brigades")),
                    Start(Some("2020-08-04")),
                    End(Some("2020-08-04")),
                    Admin1(Some("YE15")),
                    Admin2(Some("YE1505")),
                    Detained(None),
                ],
            }],
        },
        Case {
            name: "assassination-tenth-of-february",
            pub_date: Some("2017-04-02"),
            title: "",
            body: "وكان مسلحون مجهولون قد اغتالوا ضابطا في الأمن في مديرية المنصورة بمحافظة عدن في العاشر من فبراير الماضي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Mode(Some("targeted")),
                    Sub("Attack"),
                    Actor1(Some("unidentified-armed-group")),
                    Start(Some("2017-02-10")),
                    End(Some("2017-02-10")),
                    DatePrecision(Precision::Day),
                    DateText("العاشر من فبراير الماضي"),
                    Admin2(Some("YE2403")),
                ],
            }],
        },
        Case {
            // "last February" read in January is February of the year before.
            name: "tenth-of-february-across-new-year",
            pub_date: Some("2018-01-15"),
            title: "",
            body: "وكان مسلحون مجهولون قد اغتالوا ضابطا في الأمن في مديرية المنصورة بمحافظة عدن في العاشر من فبراير الماضي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Start(Some("2017-02-10")), End(Some("2017-02-10"))],
            }],
        },
        Case {
            name: "claimed-attack-mahfad",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "هاجم مسلحون نقطة أمنية تابعة لقوات الحزام الأمني في مديرية المحفد بمحافظة أبين، وتبنى تنظيم داعش الهجوم في بيان.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor2(Some("security-belt")),
                    Admin1(Some("YE12")),
                    Admin2(Some("YE1201")),
                    Claimed(true),
                    Hedged(false),
                    Attribution(Some("group_claim")),
                    EvidenceHas("وتبنى تنظيم داعش الهجوم"),
                ],
            }],
        },
        Case {
            name: "hedged-report-lawdar",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "أنباء عن مقتل 3 جنود في هجوم شنه مسلحون مجهولون على نقطة عسكرية في مديرية لودر، فجر اليوم.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("unidentified-armed-group")),
                    Actor2(Some("yemen-gov-forces")),
                    Fatalities(Some(3)),
                    Hedged(true),
                    Claimed(false),
                    Start(Some("2023-11-23")),
                    Admin2(Some("YE1204")),
                ],
            }],
        },
    ]);
}

#[test]
fn arrests_releases_and_protests() {
    run(&[
        Case {
            name: "arrest-police-aden",
            pub_date: Some("2020-08-05"),
            title: "",
            body: "ألقت شرطة محافظة عدن القبض على ثلاثة متهمين بتهريب الأسلحة في مديرية الشيخ عثمان.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[
                    Mode(Some("arrest")),
                    Sub("Arrests"),
                    Actor1(Some("police")),
                    Detained(Some(3)),
                    // A report that gives no date is news of the last three days.
                    Start(Some("2020-08-02")),
                    End(Some("2020-08-05")),
                    DatePrecision(Precision::Week),
                    Admin1(Some("YE24")),
                    Admin2(Some("YE2402")),
                ],
            }],
        },
        Case {
            name: "release-houthis-aqap",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "أفرجت جماعة الحوثي عن 13 من عناصر تنظيم القاعدة كانوا محتجزين في سجون الجماعة بمحافظة البيضاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "RETREAT",
                nth: 0,
                checks: &[
                    Mode(Some("release")),
                    Sub("Other"),
                    Actor1(Some("houthis")),
                    Actor2(Some("aqap")),
                    Actor2Text("عناصر تنظيم القاعدة"),
                    Released(Some(13)),
                    Detained(None),
                    Admin1(Some("YE14")),
                    Admin2(None),
                    GeoPrecision(3),
                ],
            }],
        },
        Case {
            name: "protest-mukalla",
            pub_date: Some("2019-03-10"),
            title: "",
            body: "تظاهر مئات المواطنين في مدينة المكلا، اليوم الأحد، احتجاجا على انقطاع الكهرباء وتدهور الخدمات.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "PROTEST",
                nth: 0,
                checks: &[
                    Sub("Peaceful protest"),
                    // ACLED codes demonstrators as "Protesters (Yemen)", whoever they are.
                    Actor1(Some("protesters")),
                    Start(Some("2019-03-10")),
                    End(Some("2019-03-10")),
                    Admin1(Some("YE19")),
                    Admin2(Some("YE1927")),
                    Fatalities(None),
                ],
            }],
        },
    ]);
}

#[test]
fn strategic_developments() {
    run(&[
        Case {
            name: "meeting-sanaa-range",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "عقدت قيادات في جماعة الحوثي اجتماعا مع قيادات في تنظيم القاعدة في صنعاء خلال الفترة من 7 - 14 نوفمبر الجاري.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[
                    Sub("Other"),
                    Pair("houthis", "aqap"),
                    Start(Some("2023-11-07")),
                    End(Some("2023-11-14")),
                    DatePrecision(Precision::Week),
                    DateText("خلال الفترة من 7 - 14 نوفمبر الجاري"),
                    Admin1(Some("YE13")),
                    Admin2(None),
                ],
            }],
        },
        Case {
            name: "agreement-abyan",
            pub_date: Some("2019-03-10"),
            title: "",
            body: "وقعت الحكومة اليمنية والمجلس الانتقالي الجنوبي اتفاقا لوقف إطلاق النار في محافظة أبين، أمس السبت.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "AGREE",
                nth: 0,
                checks: &[
                    Sub("Agreement"),
                    Pair("yemen-government", "stc"),
                    Start(Some("2019-03-09")),
                    End(Some("2019-03-09")),
                    Admin1(Some("YE12")),
                    GeoPrecision(3),
                ],
            }],
        },
        Case {
            name: "accusation-abyan-police",
            pub_date: Some("2019-03-10"),
            title: "",
            body: "اتهمت شرطة محافظة أبين خلية تابعة لتنظيم القاعدة بالوقوف وراء الهجوم.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[
                    Sub("Other"),
                    Actor1(Some("police")),
                    Actor2(Some("aqap")),
                    Admin1(Some("YE12")),
                    Start(Some("2019-03-07")),
                ],
            }],
        },
    ]);
}

#[test]
fn anchored_dates_follow_the_previous_event() {
    run(&[
        Case {
            name: "next-day-anchor",
            pub_date: Some("2020-08-05"),
            title: "",
            body: "قصفت مليشيا الحوثي بالمدفعية أحياء سكنية في مدينة مأرب يوم الاثنين الماضي. وبعدها بيوم، شنت مقاتلات التحالف غارات على مواقع للحوثيين في مديرية صرواح.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[
                        Sub("Shelling/artillery/missile attack"),
                        Actor1(Some("houthis")),
                        Start(Some("2020-08-03")),
                        End(Some("2020-08-03")),
                        Admin1(Some("YE26")),
                        Admin2(Some("YE2612")),
                    ],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Sub("Air/drone strike"),
                        Actor1(Some("saudi-led-coalition")),
                        Actor2(Some("houthis")),
                        Start(Some("2020-08-04")),
                        End(Some("2020-08-04")),
                        DatePrecision(Precision::Day),
                        Admin2(Some("YE2606")),
                    ],
                },
            ],
        },
        Case {
            // Without a publication date "أمس الجمعة" cannot be resolved.
            name: "relative-date-without-pub-date",
            pub_date: None,
            title: "",
            body: "شنت مقاتلات التحالف العربي، أمس الجمعة، غارات على مواقع للحوثيين في مديرية حرض بمحافظة حجة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Start(None),
                    End(None),
                    DatePrecision(Precision::Unknown),
                    Admin2(Some("YE1702")),
                ],
            }],
        },
    ]);
}

#[test]
fn ambiguous_names_in_event_context() {
    run(&[
        Case {
            // عبدالملك الحوثي is a person of the Houthi side, not a second actor mention.
            name: "abdulmalik-is-a-person",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "أفرجت جماعة الحوثي عن 20 أسيرا من قوات الجيش الوطني بتوجيهات من زعيم الجماعة عبدالملك الحوثي في محافظة مأرب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "RETREAT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor1Text("جماعة الحوثي"),
                    Actor2(Some("yemen-gov-forces")),
                    Released(Some(20)),
                    Person("عبدالملك الحوثي", Some("houthis")),
                    NoActorText("الحوثي"),
                    NoActorText("عبدالملك الحوثي"),
                    Admin1(Some("YE26")),
                ],
            }],
        },
        Case {
            // Casablanca is not Al Bayda governorate.
            name: "casablanca-is-not-al-bayda",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "عقد وفد من الحكومة اليمنية اجتماعا مع وفد من المجلس الانتقالي الجنوبي في مدينة الدار البيضاء المغربية، أمس الأربعاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[
                    Pair("yemen-government", "stc"),
                    Start(Some("2023-11-22")),
                    NotAdmin1("YE14"),
                ],
            }],
        },
        Case {
            name: "casablanca-mentioned-arrest-in-aden",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "اعتقلت قوات الحزام الأمني في مدينة عدن شابا قادما من الدار البيضاء، أمس الأربعاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[
                    Sub("Arrests"),
                    Actor1(Some("security-belt")),
                    Admin1(Some("YE24")),
                    Start(Some("2023-11-22")),
                ],
            }],
        },
        Case {
            // "البيضاء" as the adjective "white".
            name: "white-flag-is-not-al-bayda",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "رفع مسلحون الراية البيضاء بعد مواجهات مع قوات الجيش الوطني في مديرية صرواح بمحافظة مأرب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Armed clash"),
                    Actor2(Some("yemen-gov-forces")),
                    Admin1(Some("YE26")),
                    Admin2(Some("YE2606")),
                ],
            }],
        },
        Case {
            // "وكالة خبر" is a news agency, not a place; the source is anonymous.
            name: "khabar-agency-is-not-a-place",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "وأفادت مصادر خاصة لوكالة خبر أن مسلحين مجهولين اغتالوا جنديا في مديرية عتق بمحافظة شبوة، مساء أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Attack"),
                    Actor1(Some("unidentified-armed-group")),
                    Admin1(Some("YE21")),
                    Admin2(Some("YE2113")),
                    PlaceText("مديرية عتق"),
                    Start(Some("2023-11-22")),
                    Attribution(Some("anonymous_sources")),
                    AttributionText("مصادر خاصة"),
                ],
            }],
        },
    ]);
}

#[test]
fn aid_and_non_events() {
    run(&[
        Case {
            name: "aid-icrc-haradh",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "وزعت اللجنة الدولية للصليب الأحمر مساعدات غذائية على النازحين في مديرية حرض بمحافظة حجة، اليوم الخميس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[
                    Actor1(Some("icrc")),
                    Actor2(Some("civilians")),
                    Start(Some("2023-11-23")),
                    Admin2(Some("YE1702")),
                ],
            }],
        },
        Case {
            name: "no-event",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "أكد الوزير أهمية التنمية في المحافظات.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        Case {
            // The aid is only the purpose of a call: a request, no AID event.
            name: "purpose-clause-call",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "دعت الحكومة اليمنية المنظمات الدولية إلى تكثيف جهودها لتقديم مساعدات للنازحين في محافظة مأرب.",
            count: Some(1),
            absent: &["AID"],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[Actor1(Some("yemen-government"))],
            }],
        },
        Case {
            name: "purpose-clause-visit",
            pub_date: Some("2023-11-23"),
            title: "",
            body: "وصل وفد من الأمم المتحدة إلى مدينة عدن لتقديم مساعدات للنازحين، اليوم الخميس.",
            count: None,
            absent: &["AID"],
            expect: &[],
        },
    ]);
}

#[test]
fn extraction_is_deterministic() {
    let d = doc(
        "determinism",
        Some("2023-11-23"),
        "اشتباكات في أبين",
        "اندلعت اشتباكات عنيفة بين قوات الحزام الأمني وعناصر تنظيم القاعدة في مديرية مودية بمحافظة أبين، مساء الثلاثاء. \
         وقالت مصادر أمنية إن الاشتباكات أسفرت عن مقتل 4 من عناصر التنظيم وإصابة جنديين. \
         وبعدها بيوم، شنت مقاتلات التحالف غارات على مواقع للحوثيين في مديرية حرض بمحافظة حجة.",
    );
    let json = |ex: &Extractor| {
        ex.extract(&d)
            .events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect::<Vec<_>>()
    };
    let first = json(extractor());
    assert!(!first.is_empty());
    assert_eq!(first, json(extractor()), "same extractor, same document");
    let fresh = Extractor::builtin().unwrap().with_filter(None);
    assert_eq!(first, json(&fresh), "fresh extractor, same document");
    check_invariants("determinism", &d, &extractor().extract(&d));
}

/// The `examples`/`counter` sentences of the trigger rules: every example yields an event
/// of its rule's type and no counter-example does (what `rasd check-data` runs).
#[test]
fn rule_examples_and_counter_examples() {
    let failures = rasd_extract::check_examples(extractor());
    assert!(failures.is_empty(), "rule examples fail: {failures:#?}");
}

/// Verb families by construction (triggers with generated inflections): active VSO,
/// passive with an agent phrase, the subject of a targeting verb, the imperfect, a
/// casualty verb that stands for the attack only where no attack word is given.
#[test]
fn constructions_of_violent_verbs() {
    run(&[
        Case {
            name: "a-dual-after-a-casualty-verb-is-the-victim",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل جنديان وأصيب مدنيان أمس بانفجار عبوة ناسفة في مدينة عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(None),
                    Fatalities(Some(2)),
                    Injured(Some(2)),
                    Sub("Remote explosive/landmine/IED"),
                ],
            }],
        },
        Case {
            // A defusal is ACLED's "Disrupted weapons use" (a seizure), never an attack.
            name: "a-dismantled-bomb-is-no-attack",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تمكنت الفرق الهندسية أمس من تفكيك عبوة ناسفة زرعها الحوثيون في مدينة عدن.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[Actor2(Some("houthis")), Sub("Disrupted weapons use")],
            }],
        },
        Case {
            name: "unattributed-air-strikes-are-the-coalitions-only-during-its-air-war",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "شنت طائرات حربية غارات على مواقع في مدينة صعدة أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                ],
            }],
        },
        Case {
            name: "after-the-2022-truce-an-unattributed-strike-has-no-guessed-doer",
            pub_date: Some("2024-03-10"),
            title: "",
            body: "قتل ثلاثة مدنيين في غارات استهدفت مواقع في مدينة صعدة أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(None), Fatalities(Some(3))],
            }],
        },
        Case {
            name: "a-nisba-adjective-names-the-attacker-not-the-condemner",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أدانت الخارجية السعودية أمس الهجوم الحوثي على مدينة نجران.",
            count: None,
            absent: &[],
            expect: &[
                Expect {
                    plover: "ACCUSE",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-arabia")), Actor2(Some("houthis"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("houthis"))],
                },
            ],
        },
        Case {
            name: "an-arrest-joined-to-a-raid-has-the-raiders-as-doers",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "اقتحم مسلحون حوثيون أمس منازل المواطنين في مدينة إب واعتقلوا عددا من الشباب.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("houthis")), Actor2(Some("civilians"))],
                },
                Expect {
                    plover: "COERCE",
                    nth: 0,
                    checks: &[Actor1(Some("houthis")), Admin1(Some("YE11"))],
                },
            ],
        },
        Case {
            name: "an-explicit-attack-verb-in-a-later-sentence-is-its-own-event",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قصفت مقاتلات التحالف مواقع الحوثيين في صعدة أمس. كما استهدفت عربات للحوثيين في منطقة الغيل بمحافظة الجوف.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-led-coalition")), Admin1(Some("YE22"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Actor1(Some("saudi-led-coalition")),
                        Actor2(Some("houthis")),
                        Admin1(Some("YE16")),
                    ],
                },
            ],
        },
        Case {
            name: "a-coordinated-ally-joins-its-partners-side",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سقطت أمس قذائف أطلقتها ميليشيات الحوثي وحليفها المخلوع علي عبدالله صالح على منازل المواطنين في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("civilians")),
                    Assoc1(&["saleh-forces"]),
                    Admin1(Some("YE15")),
                ],
            }],
        },
        Case {
            name: "forces-loyal-to-a-named-government-are-its-army",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تستمر المعارك بين القوات الموالية لحكومة هادي والحوثيين وحلفائهم في مديرية دار سعد.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Pair("yemen-gov-forces", "houthis"), Sub("Armed clash")],
            }],
        },
        Case {
            name: "an-actor-after-a-verb-with-a-plural-suffix-is-its-object",
            pub_date: Some("2024-03-08"),
            title: "",
            body: "وأصدر المقاومون بيانا توعدوا فيه الحوثيين بالرد. وكانوا قد اقتحموا مقر الحكومة في عدن أمس.",
            count: None,
            absent: &[],
            expect: &[
                Expect {
                    plover: "THREATEN",
                    nth: 0,
                    checks: &[Actor2(Some("houthis"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor2(Some("yemen-government")), Admin1(Some("YE24"))],
                },
            ],
        },
        Case {
            name: "the-speakers-pronoun-makes-the-speaker-the-doer",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "قال الحوثيون إنهم استهدفوا سفينة تجارية في البحر الأحمر أمس. وأعلن الجيش الأمريكي أنه دمر ثلاث طائرات مسيرة أطلقها الحوثيون.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[
                        Actor1(Some("houthis")),
                        Actor2(Some("commercial-shipping")),
                    ],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[Actor1(Some("usa")), Actor2(Some("houthis"))],
                },
            ],
        },
        Case {
            name: "a-source-speaking-of-others-is-no-party",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "قال مصدر عسكري إن الحوثيين قصفوا مواقع الجيش في مأرب أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("yemen-gov-forces")),
                    Attribution(Some("security_sources")),
                ],
            }],
        },
        Case {
            name: "construct-state-plural-heads-the-agent-after-a-relative-verb",
            pub_date: Some("2024-03-08"),
            title: "",
            body: "قتل جنديان، مساء الخميس، في هجوم شنه مقاتلو جماعة الحوثي على نقطة عسكرية في مديرية حريب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Fatalities(Some(2)),
                    Start(Some("2024-03-07")),
                    Admin2(Some("YE2609")),
                ],
            }],
        },
        Case {
            name: "a-title-naming-the-governorate-joins-the-body-naming-its-district",
            pub_date: Some("2024-03-08"),
            title: "مقتل أربعة جنود بهجوم للحوثيين في تعز",
            body: "قتل أربعة جنود من الجيش الوطني، مساء الخميس، في هجوم شنه مسلحو الحوثي على موقع عسكري في مديرية مقبنة غرب محافظة تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("yemen-gov-forces")),
                    Fatalities(Some(4)),
                    Admin1(Some("YE15")),
                ],
            }],
        },
        Case {
            name: "a-habit-is-no-reported-event",
            pub_date: Some("2024-03-08"),
            title: "",
            body: "ويقول سكان إن المليشيات اعتادت على قصف الأحياء السكنية، وإن مسلحيها دأبوا على استهداف المدنيين في الطرقات.",
            count: Some(0),
            absent: &["ASSAULT"],
            expect: &[],
        },
        Case {
            name: "territory-taken-from-the-side-fought-elsewhere-in-the-text",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "اندلعت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في تعز أمس. وفي لحج تمكنت المقاومة من السيطرة على مديرية الحوطة.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Sub("Armed clash"), Admin1(Some("YE15"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Sub("Government regains territory"),
                        Actor1(Some("popular-resistance")),
                        Actor2(Some("houthis")),
                        Admin2(Some("YE2514")),
                    ],
                },
            ],
        },
        Case {
            name: "a-definite-mention-joins-the-strike-whatever-the-defaults",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل خمسة من عناصر تنظيم القاعدة في غارة لطائرة أمريكية بدون طيار في شبوة أمس. وقالت مصادر محلية إن الغارة دمرت سيارة كانوا يستقلونها.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("usa")),
                    Actor2(Some("aqap")),
                    Sub("Air/drone strike"),
                    Fatalities(Some(5)),
                    Admin1(Some("YE21")),
                ],
            }],
        },
        Case {
            name: "helpers-of-the-attacker-are-no-target",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "اقتحمت قوات الجيش الوطني بدعم من طيران التحالف معسكرا للحوثيين في لحج أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("yemen-gov-forces")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "a-coordinated-attack-without-a-named-doer-continues-the-previous-one",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "شن طيران التحالف غارات على مواقع الحوثيين في صعدة أمس. وقصف عربات للحوثيين في مأرب.",
            count: Some(2),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 1,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE26")),
                ],
            }],
        },
        Case {
            name: "allies-joined-by-wa-before-a-battle-noun-are-one-side",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قوات الجيش الوطني والمقاومة الشعبية حققت تقدما كبيرا في أبين بعد معارك عنيفة مع الحوثيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("yemen-gov-forces")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE12")),
                ],
            }],
        },
        Case {
            name: "allies-alone-are-still-a-battle-report",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قوات الجيش الوطني والمقاومة الشعبية حققت تقدما كبيرا في أبين بعد معارك عنيفة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("yemen-gov-forces")), Actor2(None)],
            }],
        },
        Case {
            name: "strikes-told-far-apart-without-their-own-place-stay-two",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "شنت طائرات التحالف غارات على مواقع للحوثيين في صعدة أمس. وقال مصدر محلي إن الأسواق فتحت أبوابها. وأضاف أن المدارس ستستأنف الدراسة الأسبوع المقبل. وأشار إلى أن الكهرباء عادت إلى بعض الأحياء. وشنت طائرات التحالف غارتين استهدفتا تعزيزات للحوثيين كانت في طريقها إلى الجبهة.",
            count: Some(2),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 1,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    EvidenceHas("غارتين"),
                ],
            }],
        },
        Case {
            name: "two-sides-named-from-one-side-to-the-other",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تدور اشتباكات عنيفة بين الحوثيين والقوات الموالية للرئيس اليمني المخلوع من جهة، والمقاومة الشعبية من جهة أخرى في مدينة لودر.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("popular-resistance")),
                    NoActorText("الرئيس اليمني"),
                ],
            }],
        },
        Case {
            name: "a-government-that-fights-does-so-by-its-forces",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "بسطت الشرعية سيطرتها على مديرية القفر في إب بعد معارك مع الحوثيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("yemen-gov-forces")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "a-weapon-with-bi-is-the-instrument-of-the-verb",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "استهدف الحوثيون سفينة تجارية في البحر الأحمر بمسيرة أمس. وهاجم مسلحون نقطة أمنية في عدن بقذائف الهاون.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[
                        Actor1(Some("houthis")),
                        Actor2(Some("commercial-shipping")),
                        Sub("Air/drone strike"),
                    ],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Actor1(Some("unidentified-armed-group")),
                        Sub("Shelling/artillery/missile attack"),
                        Admin1(Some("YE24")),
                    ],
                },
            ],
        },
        Case {
            name: "the-subject-of-suffered-is-the-target",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وكان الحوثيون قد تعرضوا لغارات في صعدة أمس. وتعرضت مواقع الحوثيين في مأرب لقصف من قبل الجيش الوطني.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor2(Some("houthis")), Admin1(Some("YE22"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Actor1(Some("yemen-gov-forces")),
                        Actor2(Some("houthis")),
                        Admin1(Some("YE26")),
                    ],
                },
            ],
        },
        Case {
            name: "an-advance-on-a-front",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تقدمت المقاومة الشعبية أمس في عدد من المناطق بمحافظة لحج.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Admin1(Some("YE25"))],
            }],
        },
        Case {
            name: "entering-a-town-is-taking-it",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تمكنت القوات الموالية للشرعية من الدخول إلى مدينة زنجبار بعد معارك مع الحوثيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Government regains territory"),
                    Actor1(Some("yemen-gov-forces")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE12")),
                ],
            }],
        },
        Case {
            name: "a-news-agency-is-a-source-not-its-state",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وقالت وكالة الأنباء الألمانية إن القصف دمر عربات للحوثيين في صعدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(None), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "territory-without-any-opponent-in-the-text",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سيطرت المقاومة الشعبية على مديرية الحوطة في لحج أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Actor2(None)],
            }],
        },
        Case {
            name: "active-vso-counted-object",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل مسلحون حوثيون ثلاثة جنود في عدن أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("yemen-gov-forces")),
                    Fatalities(Some(3)),
                    Admin1(Some("YE24")),
                    Start(Some("2015-08-09")),
                ],
            }],
        },
        Case {
            name: "passive-with-agent-phrase",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قُتل ثلاثة جنود بنيران الحوثيين في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("yemen-gov-forces")),
                    Fatalities(Some(3)),
                    Admin1(Some("YE15")),
                ],
            }],
        },
        Case {
            name: "targeting-verb-subject-is-the-attacker",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "استهدف الحوثيون سفينة تجارية قبالة سواحل الحديدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Admin1(Some("YE18"))],
            }],
        },
        Case {
            name: "shelling-verb-svo-with-object",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قصفت مدفعية الحوثيين أحياء سكنية في مدينة تعز فقتلت خمسة مدنيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("civilians")),
                    Sub("Shelling/artillery/missile attack"),
                    Fatalities(Some(5)),
                ],
            }],
        },
        Case {
            // A shelling verb whose doer is named by its aircraft is an air strike.
            name: "aircraft-make-an-air-strike",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قصف طيران التحالف ليلة أمس مواقع للحوثيين في صنعاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                    Mode(Some("aerial")),
                    Admin1(Some("YE13")),
                ],
            }],
        },
        Case {
            name: "imperfect-form-of-a-generated-verb",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "يقصف الحوثيون منذ يومين قرى مديرية الضالع.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Admin1(Some("YE30"))],
            }],
        },
        Case {
            name: "destroy-verb-with-possessor-target",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "دمر الجيش الوطني آليات للحوثيين في مأرب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("yemen-gov-forces")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE26")),
                ],
            }],
        },
        Case {
            // The casualty verb and the air strike are one event, coded as the strike.
            name: "casualty-verb-joins-the-named-attack",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل خمسة مسلحين حوثيين في غارة جوية لطيران التحالف على مواقعهم في صعدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                    Fatalities(Some(5)),
                    Admin1(Some("YE22")),
                ],
            }],
        },
        Case {
            // A headline's casualty noun is the toll of the attack its lead names.
            name: "headline-casualty-noun-and-lead-attack",
            pub_date: Some("2015-08-10"),
            title: "مقتل أربعة جنود في عدن",
            body: "هاجم مسلحون مجهولون نقطة أمنية في مدينة عدن أمس ما أدى إلى مقتل أربعة جنود.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("unidentified-armed-group")),
                    Fatalities(Some(4)),
                    Admin1(Some("YE24")),
                ],
            }],
        },
    ]);
}

/// Verbal and material cooperation by construction: appeals with one named party, aid
/// deliveries, meetings with an organisation named through an official's title, and
/// states named by their adjective.
#[test]
fn constructions_of_verbal_and_aid_events() {
    run(&[
        Case {
            name: "continuing-to-provide-aid-and-an-appeal-by-a-governor",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "واصل مركز الملك سلمان للإغاثة أمس تقديم المساعدات للنازحين في مأرب. وناشد محافظ تعز المنظمات الدولية التدخل العاجل لإنقاذ المدينة.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "AID",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-arabia")), Admin1(Some("YE26"))],
                },
                Expect {
                    plover: "REQUEST",
                    nth: 0,
                    checks: &[Actor1(Some("yemen-government"))],
                },
            ],
        },
        Case {
            name: "the-subject-of-a-receiving-verb-is-the-recipient-of-aid",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تسلمت السلطة المحلية في حضرموت أمس شحنة أدوية من منظمة الصحة العالمية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[
                    Actor1(Some("un")),
                    Actor2(Some("yemen-government")),
                    Admin1(Some("YE19")),
                ],
            }],
        },
        Case {
            name: "a-distribution-project-or-an-allocation-is-aid",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "دشن الهلال الأحمر الإماراتي أمس مشروعا لتوزيع المياه على الأسر في لحج. وأعلنت الأمم المتحدة تخصيص 15 مليون دولار للاستجابة الإنسانية في اليمن.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "AID",
                    nth: 0,
                    checks: &[Actor1(Some("uae")), Admin1(Some("YE25"))],
                },
                Expect {
                    plover: "AID",
                    nth: 1,
                    checks: &[Actor1(Some("un"))],
                },
            ],
        },
        Case {
            name: "a-phone-call-and-officials-named-by-nationality-are-consultations",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أجرى وزير الخارجية اليمني أمس اتصالا هاتفيا مع نظيره العماني. وعقد وفد الحوثيين لقاء مع مسؤولين عمانيين في مسقط.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "CONSULT",
                    nth: 0,
                    checks: &[Pair("yemen-government", "oman")],
                },
                Expect {
                    plover: "CONSULT",
                    nth: 1,
                    checks: &[Pair("houthis", "oman")],
                },
            ],
        },
        Case {
            name: "holding-someone-responsible-is-blame",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "حمل وزير الخارجية اليمني الحوثيين مسؤولية تدهور الأوضاع الإنسانية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "crimes-told-by-a-minister-are-his-accusation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "ولفت وزير الخارجية اليمني إلى ما ارتكبته ميليشيات الحوثي من انتهاكات بحق المدنيين في عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "crimes-told-by-the-article-are-no-accusation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "ارتكبت ميليشيات الحوثي مجزرة جديدة بحق المدنيين في عدن.",
            count: None,
            absent: &["ACCUSE"],
            expect: &[],
        },
        Case {
            name: "a-state-backing-militias-in-a-ministers-words-is-his-accusation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وقال وزير الخارجية السعودي إن إيران تدعم الميليشيات الحوثية وحزب الله.",
            count: Some(1),
            absent: &["SUPPORT"],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("saudi-arabia")), Actor2(Some("iran"))],
            }],
        },
        Case {
            name: "backing-after-a-colon-headline-is-the-speakers-accusation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "الخارجية الأمريكية: إيران تدعم المتمردين في اليمن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("usa")), Actor2(Some("iran"))],
            }],
        },
        Case {
            name: "backing-the-legitimate-government-is-no-accusation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وقال الوزير إن الرياض تخوض حربا ضد الإرهاب وتدعم الشرعية في اليمن.",
            count: None,
            absent: &["ACCUSE"],
            expect: &[],
        },
        Case {
            name: "what-a-speaker-said-about-talks-names-no-party",
            pub_date: Some("2015-08-04"),
            title: "",
            body: "وقال وزير الخارجية الأمريكي أمس خلال محادثات جمعته مع وزراء خارجية دول مجلس التعاون في الدوحة إن الاتفاق مع إيران سيعزز الأمن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Actor1(Some("usa")), Actor2(Some("gcc"))],
            }],
        },
        Case {
            name: "what-an-accusation-says-is-its-content",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "اتهم وزير الخارجية اليمني الحوثيين بتدمير المدينة.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "who-describes-an-attack-did-not-make-it",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وصفت الحكومة اليمنية هجوم الحوثيين على عدن بأنه جريمة حرب.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Admin1(Some("YE24"))],
            }],
        },
        Case {
            name: "aid-donation-of-money",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تبرعت الكويت بمبلغ عشرة ملايين دولار لصالح الشعب اليمني.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("kuwait")), Actor2(Some("civilians"))],
            }],
        },
        Case {
            name: "aid-provided-by-a-named-donor",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وتحمل الشاحنات مواد غذائية وطبية مقدمة من مركز الملك سلمان للإغاثة إلى محافظة مأرب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("saudi-arabia")), Admin1(Some("YE26"))],
            }],
        },
        Case {
            name: "a-plane-loaded-with-medicine",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وصلت إلى مطار صنعاء أمس طائرة تابعة للصليب الأحمر محملة بأدوية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("icrc")), Admin1(Some("YE13"))],
            }],
        },
        Case {
            name: "blame-is-no-aid",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "يحمل الحوثيون التحالف مسؤولية الأزمة الإنسانية في اليمن.",
            count: None,
            absent: &["AID"],
            expect: &[],
        },
        Case {
            name: "meeting-after-a-title-with-an-accusative-object",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "عقد الوزير الأمريكي اجتماعا ثلاثيا مع وزير الخارجية الروسي في الدوحة أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("usa", "russia")],
            }],
        },
        Case {
            name: "discussion-verb-with-counterpart",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "بحث وزير الخارجية السعودي مع نظيره الأمريكي الأوضاع في اليمن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("saudi-arabia", "usa")],
            }],
        },
        Case {
            name: "a-meeting-topic-names-no-party",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "التقى الرئيس هادي في الرياض المبعوث الأممي لمناقشة المواجهة مع الحوثيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "un"), NoActorText("الحوثيين")],
            }],
        },
        Case {
            name: "during-the-meeting-is-the-meeting-told",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "التقى الرئيس هادي المبعوث الأممي في الرياض أمس، واستعرض الحوثيون وقوات صالح خلال الاجتماع مطالبهم.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "un")],
            }],
        },
        Case {
            name: "appeal-by-an-official-with-unnamed-addressee",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "دعا وزير الخارجية اليمني المجتمع الدولي إلى الضغط على الحوثيين.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[Actor1(Some("yemen-government"))],
            }],
        },
        Case {
            name: "aid-convoy-by-a-state-agency",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سيّر مركز الملك سلمان للإغاثة اليوم سبع شاحنات تحمل مساعدات إغاثية للشعب اليمني.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[
                    Actor1(Some("saudi-arabia")),
                    Actor2(Some("civilians")),
                    Start(Some("2015-08-10")),
                ],
            }],
        },
        Case {
            // Humanitarian aid to unnamed recipients goes to civilians.
            name: "aid-to-unnamed-recipients",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وزعت منظمة اليونيسف أمس سلالا غذائية ومستلزمات طبية في مدينة مأرب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[
                    Actor1(Some("un")),
                    Actor2(Some("civilians")),
                    Admin1(Some("YE26")),
                ],
            }],
        },
        Case {
            name: "meeting-with-an-organisations-official",
            pub_date: Some("2015-08-10"),
            title: "",
            body:
                "التقى وزير حقوق الإنسان اليمني أمس في الرياض المدير الإقليمي لبرنامج الأغذية العالمي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "un")],
            }],
        },
        Case {
            name: "state-named-by-its-adjective",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "دكت المدفعية السعودية أمس مواقع للحوثيين قرب الحدود في محافظة صعدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("saudi-arabia")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "threat-with-a-verbal-noun-object",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "هدد الحوثيون باستهداف السفن في البحر الأحمر.",
            count: None,
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "THREATEN",
                nth: 0,
                checks: &[Actor1(Some("houthis"))],
            }],
        },
    ]);
}

/// Numbers that are no toll: unit numbers, years, ordinals, money and running totals.
#[test]
fn number_traps() {
    run(&[
        Case {
            name: "brigade-number-is-no-toll",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل ثلاثة جنود من اللواء 35 مدرع في هجوم للحوثيين على مواقعهم في تعز أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Fatalities(Some(3))],
            }],
        },
        Case {
            name: "year-is-no-toll",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل جندي في هجوم شنه مسلحو القاعدة في عدن أمس، وهو الهجوم الأعنف منذ سنة 2015.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("aqap")), Fatalities(Some(1))],
            }],
        },
        Case {
            name: "ordinal-day-is-no-toll",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "في اليوم الثالث للمواجهات بين الحوثيين والمقاومة الشعبية في تعز قتل أربعة مسلحين حوثيين أمس.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Fatalities(Some(4))],
            }],
        },
        Case {
            name: "money-is-no-toll",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قدمت السعودية مساعدات بقيمة 274 مليون دولار للشعب اليمني.",
            count: None,
            absent: &["ASSAULT"],
            expect: &[],
        },
        Case {
            // A war's running total is no event, whatever its size.
            name: "running-total-is-no-event",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وأسفرت المعارك بين الحوثيين والقوات الحكومية منذ بدء الحرب عن مقتل أكثر من 3200 شخص.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        Case {
            // Too large for one event even without a word that says "since".
            name: "implausible-toll-is-not-kept",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل 4000 شخص في المعارك بين الحوثيين والمقاومة الشعبية في عدن.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Fatalities(None)],
            }],
        },
    ]);
}

/// Ambiguous words decided by context: قاعدة (a base or AQAP), البيضاء (the governorate,
/// "white", or Casablanca), الحوثي (the movement or a family name).
#[test]
fn word_sense() {
    run(&[
        Case {
            name: "a-drone-shot-down-or-fallen-is-no-march",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "أعلن الجيش الأردني سقوط مسيرة قرب الحدود. وقال الجيش الأمريكي إنه تمكن من إسقاط مسيرة فوق البحر الأحمر واعتراض مسيرتين أخريين.",
            count: None,
            absent: &["PROTEST"],
            expect: &[],
        },
        Case {
            name: "a-march-that-sets-off-is-a-protest",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "انطلقت أمس مسيرة جماهيرية حاشدة في مدينة تعز تنديدا بالحصار الحوثي.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "PROTEST",
                nth: 0,
                checks: &[Admin1(Some("YE15"))],
            }],
        },
        Case {
            name: "drones-used-as-weapons-are-no-march",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "هاجم الحوثيون مطار أبها بمسيرات مفخخة. وأعلنت الجماعة إسقاط طائرة مسيرة في مأرب.",
            count: None,
            absent: &["PROTEST"],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis"))],
            }],
        },
        Case {
            name: "a-march-in-sanaa-is-a-protest",
            pub_date: Some("2024-01-10"),
            title: "",
            body: "خرجت مسيرة حاشدة في صنعاء أمس تضامنا مع غزة.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "PROTEST",
                nth: 0,
                checks: &[Actor1(Some("protesters")), Admin1(Some("YE13"))],
            }],
        },
        Case {
            name: "qad-with-an-imperfect-is-may",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قد يلتقي الرئيس هادي المبعوث الأممي في الرياض الأسبوع المقبل.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        Case {
            name: "qad-with-a-perfect-is-has",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وكان الرئيس هادي قد التقى المبعوث الأممي في الرياض أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "un"), Start(Some("2015-08-09"))],
            }],
        },
        Case {
            name: "a-plan-to-liberate-is-no-event",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أعدت المقاومة الجنوبية خطة لاستكمال تحرير مدن الجنوب من الحوثيين.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        Case {
            name: "a-named-agreement-that-exists-is-no-event",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قال الوزير إن الاتفاق النووي مع إيران لن يغير موقف بلاده من الحوثيين.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        Case {
            name: "a-named-agreement-concluded-is-an-event",
            pub_date: Some("2019-11-06"),
            title: "",
            body: "وقعت الحكومة اليمنية والمجلس الانتقالي الجنوبي اتفاق الرياض أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AGREE",
                nth: 0,
                checks: &[Pair("yemen-government", "stc"), Start(Some("2019-11-05"))],
            }],
        },
        Case {
            name: "qaida-as-an-air-base",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سيطرت المقاومة الشعبية على قاعدة العند الجوية في لحج أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("popular-resistance")),
                    Actor2(None),
                    Admin1(Some("YE25")),
                ],
            }],
        },
        Case {
            name: "qaida-as-a-base-named-again-bare",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "تواصل قوات الجيش الوطني حصار قاعدة الديلمي في صنعاء. وقال قائد ميداني إن قواته اقتحمت القاعدة أمس.",
            // The storming is the army's ("قواته": the side named before), of the base.
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "COERCE",
                    nth: 0,
                    checks: &[Actor1(Some("yemen-gov-forces")), NoActorText("القاعدة")],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("yemen-gov-forces")), NoActorText("القاعدة")],
                },
            ],
        },
        Case {
            name: "qaida-base-and-aqap-in-one-text",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سيطرت قوات الجيش على قاعدة العند في لحج. وفي أبين هاجم مسلحو تنظيم القاعدة نقطة للجيش وقتل جنديان، وقالت مصادر إن القاعدة تبنت الهجوم.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 1,
                checks: &[Actor1(Some("aqap")), Admin1(Some("YE12"))],
            }],
        },
        Case {
            name: "qaida-as-aqap",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل ثلاثة جنود في هجوم لتنظيم القاعدة على نقطة أمنية في أبين أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("aqap")), Admin1(Some("YE12"))],
            }],
        },
        Case {
            name: "white-car-is-not-al-bayda",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أطلق مسلحون مجهولون النار على سيارة بيضاء في عدن فقتلوا سائقها أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("unidentified-armed-group")),
                    Admin1(Some("YE24")),
                    NotAdmin1("YE14"),
                ],
            }],
        },
        Case {
            name: "casablanca-is-not-al-bayda",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل ثلاثة أشخاص في انفجار عبوة ناسفة في الدار البيضاء أمس.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[NotAdmin1("YE14"), Fatalities(Some(3))],
            }],
        },
        Case {
            name: "houthi-as-a-family-name",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "التقى زعيم جماعة الحوثي عبدالملك الحوثي وفدا من الأمم المتحدة في صعدة أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[
                    Pair("houthis", "un"),
                    Person("عبدالملك الحوثي", Some("houthis")),
                ],
            }],
        },
    ]);
}

/// An attack noun that gives the cause of deaths or injuries named before it ("قتل X في
/// غارة"، "X لقوا حتفهم بقصف"): the casualties are its victims, its agent comes from its
/// own phrase (ل + actor, a nisba adjective, a default).
#[test]
fn casualties_before_their_cause() {
    run(&[
        Case {
            name: "killed-leader-in-an-air-strike",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل قائد ميداني حوثي في غارة جوية على مديرية الصفراء بصعدة أمس.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Air/drone strike"),
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                ],
            }],
        },
        Case {
            name: "met-their-death-in-a-strike-of-the-coalition",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وأفادت مصادر محلية أن ثمانية من مسلحي الحوثي لقوا حتفهم بغارة للتحالف على معسكر في الجوف.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Air/drone strike"),
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE16")),
                ],
            }],
        },
        Case {
            name: "killed-by-a-drone-said-to-be-american",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أربعة عناصر من تنظيم القاعدة قتلوا مساء الخميس في غارة لطائرة بدون طيار يعتقد أنها أمريكية في شبوة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("usa")),
                    Actor2(Some("aqap")),
                    Admin1(Some("YE21")),
                    Hedged(true),
                ],
            }],
        },
        Case {
            name: "wounded-by-a-roadside-bomb-of-aqap",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أصيب خمسة من جنود الجيش جراء انفجار عبوة ناسفة زرعها مسلحو القاعدة في مودية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Remote explosive/landmine/IED"),
                    Actor2(Some("yemen-gov-forces")),
                    Injured(Some(5)),
                ],
            }],
        },
        Case {
            // "بدون طيار" names a drone: the strike is not negated.
            name: "a-drone-is-no-negation",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "شنت طائرة أمريكية بدون طيار غارة على عناصر القاعدة في شبوة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("usa")), Actor2(Some("aqap"))],
            }],
        },
    ]);
}

/// Blowing up houses, looting and recruiting: acts of war without a battle; and "فجر"
/// and "آب" read as a time when they are one.
#[test]
fn property_recruitment_and_time_words() {
    run(&[
        Case {
            name: "house-blown-up",
            pub_date: Some("2015-05-10"),
            title: "",
            body: "فجر مسلحو الحوثي أمس منزل قيادي في حزب الإصلاح بمديرية أرحب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Looting/property destruction"),
                    Actor1(Some("houthis")),
                    Actor2(Some("islah")),
                    Start(Some("2015-05-09")),
                ],
            }],
        },
        Case {
            name: "looting-in-ibb",
            pub_date: Some("2015-05-10"),
            title: "",
            body: "ونهب مسلحون حوثيون منازل المواطنين في إب خلال اليومين الماضيين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[
                    Sub("Looting/property destruction"),
                    Actor1(Some("houthis")),
                    Admin1(Some("YE11")),
                ],
            }],
        },
        Case {
            name: "children-recruited",
            pub_date: Some("2015-05-10"),
            title: "",
            body: "جندت جماعة الحوثي مئات الأطفال في محافظة صعدة للقتال في جبهات الحدود.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "MOBILIZE",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Admin1(Some("YE22"))],
            }],
        },
        Case {
            name: "dawn-is-no-explosion",
            pub_date: Some("2015-05-10"),
            title: "",
            body: "وصل وزير الخارجية اليمني إلى عدن فجر اليوم قادما من الرياض.",
            count: None,
            absent: &["ASSAULT"],
            expect: &[],
        },
    ]);
}

/// Who meets whom: two delegations coordinated before the talks are its two sides, a
/// country named after في is where they met, and ministers are their government.
#[test]
fn sides_of_talks_and_ministers() {
    run(&[
        Case {
            name: "two-delegations-in-kuwait",
            pub_date: Some("2016-05-10"),
            title: "",
            body: "عقد وفد الحكومة ووفد الحوثيين أمس جولة جديدة من المشاورات في الكويت.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "houthis")],
            }],
        },
        Case {
            name: "met-in-a-country-with-its-guest",
            pub_date: Some("2016-05-10"),
            title: "",
            body: "التقى الرئيس هادي في السعودية وزير الخارجية الكويتي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "kuwait"), NoActorText("السعودية")],
            }],
        },
        Case {
            name: "a-minister-blames",
            pub_date: Some("2016-05-10"),
            title: "",
            body: "حمل وزير الإعلام اليمني جماعة الحوثي مسؤولية قصف مستشفى الثورة في تعز.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
    ]);
}

/// A story told on: "وقصف أهدافا أخرى"، "إضافة إلى استهدافه" continue the attack before
/// them (its doer, its kind) at a new place; sniping is an attack of its own.
#[test]
fn attacks_told_on() {
    run(&[
        Case {
            name: "and-bombed-other-targets",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "شن طيران التحالف أمس غارات على مواقع الحوثيين في صنعاء. وقصف أهدافا أخرى في محافظة الجوف.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-led-coalition")), Admin1(Some("YE13"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Sub("Air/drone strike"),
                        Actor1(Some("saudi-led-coalition")),
                        Admin1(Some("YE16")),
                    ],
                },
            ],
        },
        Case {
            name: "besides-targeting",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قصف طيران التحالف مخازن أسلحة في صنعاء إضافة إلى استهدافه تجمعات للحوثيين في ذمار.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "ASSAULT",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-led-coalition")), Admin1(Some("YE13"))],
                },
                Expect {
                    plover: "ASSAULT",
                    nth: 1,
                    checks: &[
                        Sub("Air/drone strike"),
                        Actor1(Some("saudi-led-coalition")),
                        Actor2(Some("houthis")),
                        Admin1(Some("YE20")),
                    ],
                },
            ],
        },
        Case {
            name: "a-sniper",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قنص مسلح حوثي امرأة في حي الروضة بمدينة تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("civilians")),
                    Admin1(Some("YE15")),
                ],
            }],
        },
    ]);
}

/// Meetings with one's own people, and a guest named after a long appositive.
#[test]
fn meetings_inside_one_side_and_after_appositions() {
    run(&[
        Case {
            name: "president-meets-his-advisers",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "عقد الرئيس هادي أمس اجتماعا طارئا مع عدد من مستشاريه في الرياض.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[
                    Actor1(Some("yemen-government")),
                    Actor2(Some("yemen-government")),
                ],
            }],
        },
        Case {
            name: "leader-meets-his-commanders",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "اجتمع زعيم جماعة الحوثي مع قادته الميدانيين في صعدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "minister-with-name-in-apposition-meets-the-un",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "التقى وزير الخارجية اليمني، عبدالملك المخلافي، أمس في الرياض المدير الإقليمي لبرنامج الأغذية العالمي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "un")],
            }],
        },
        Case {
            // Two different parties are no internal meeting.
            name: "president-meets-an-ambassador",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "التقى الرئيس هادي مع السفير الأمريكي في الرياض.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Pair("yemen-government", "usa")],
            }],
        },
    ]);
}

/// A statement told on without its speaker ("كما طالبت"، "ودعا") has the previous
/// statement's speaker, and one speaker's appeals to two addressees are two events.
#[test]
fn statements_told_on() {
    run(&[
        Case {
            name: "also-asked-the-residents",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "طالبت المقاومة الشعبية الحوثيين بالانسحاب من مدينة لودر. كما طالبت السكان في المدينة بتوخي الحيطة والحذر.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "REQUEST",
                    nth: 0,
                    checks: &[
                        Actor1(Some("popular-resistance")),
                        Actor2(Some("houthis")),
                    ],
                },
                Expect {
                    plover: "REQUEST",
                    nth: 1,
                    checks: &[
                        Actor1(Some("popular-resistance")),
                        Actor2(Some("civilians")),
                    ],
                },
            ],
        },
        Case {
            name: "two-addressees",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "دعا الرئيس هادي الحوثيين إلى تسليم السلاح، ودعا الشعب اليمني إلى الوقوف صفا واحدا.",
            count: Some(2),
            absent: &[],
            expect: &[],
        },
    ]);
}

/// Aid carried by a ship or a plane is given by whoever its nisba adjective names; medical
/// equipment and vaccines are aid too.
#[test]
fn aid_carriers_and_goods() {
    run(&[
        Case {
            name: "an-emirati-aid-ship",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وصلت إلى ميناء عدن أمس سفينة مساعدات إماراتية تحمل ألفي طن من المواد الغذائية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[
                    Actor1(Some("uae")),
                    Actor2(Some("civilians")),
                    Admin1(Some("YE24")),
                ],
            }],
        },
        Case {
            name: "medical-equipment-from-the-red-crescent",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "سلم الهلال الأحمر الإماراتي معدات طبية لمستشفى الجمهورية في عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("uae")), Admin1(Some("YE24"))],
            }],
        },
        Case {
            name: "vaccines",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قدمت منظمة اليونيسف لقاحات لأطفال اليمن في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("un")), Actor2(Some("civilians"))],
            }],
        },
    ]);
}

/// An attack announced by its doer ("أعلن X استهداف Y"): the announcer is the doer, the
/// noun's genitive the target, a nationality adjective of the target stays the target's,
/// and a weapon named with ب codes it.
#[test]
fn announced_attacks() {
    run(&[
        Case {
            name: "houthis-announce-targeting-a-ship",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "أعلن الحوثيون استهداف سفينة بريطانية في خليج عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("commercial-shipping")),
                    Sub("Attack"),
                ],
            }],
        },
        Case {
            name: "announced-with-a-missile",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "وأعلنت قوات صنعاء استهداف سفينة أمريكية بصاروخ باليستي في البحر الأحمر.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("commercial-shipping")),
                    Sub("Shelling/artillery/missile attack"),
                ],
            }],
        },
        Case {
            // Without an announcement the noun is a plan, not an attack.
            name: "targeting-as-a-plan",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "اتفق الطرفان على التنسيق واستهداف قيادات عسكرية بارزة.",
            count: None,
            absent: &["ASSAULT"],
            expect: &[],
        },
    ]);
}

/// Since October 2023, US, UK and Israeli strikes in Yemen with no named target strike
/// the Houthis; elsewhere nobody is assumed; warplanes with an adjective are aircraft.
#[test]
fn strikes_on_yemen_since_2023() {
    run(&[
        Case {
            name: "us-uk-strikes-on-hodeidah",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "شنت طائرات أمريكية وبريطانية فجر اليوم غارات على مواقع في محافظة الحديدة.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("usa")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                    Admin1(Some("YE18")),
                    Start(Some("2024-02-10")),
                ],
            }],
        },
        Case {
            name: "israeli-warplanes-on-the-port",
            pub_date: Some("2024-07-21"),
            title: "",
            body: "قصفت طائرات حربية إسرائيلية ميناء الحديدة ومحطة الكهرباء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("israel")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                ],
            }],
        },
        Case {
            name: "israeli-strike-in-lebanon-has-no-houthis",
            pub_date: Some("2024-07-21"),
            title: "",
            body: "شنت طائرات إسرائيلية غارات على مواقع في جنوب لبنان.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("israel")), Actor2(None)],
            }],
        },
    ]);
}

/// Dual weapons count as weapons, and "مضاد لـ" (anti-) names what a weapon is for, not
/// whose it is.
#[test]
fn dual_and_anti_weapons() {
    run(&[Case {
        name: "two-anti-ship-missiles",
        pub_date: Some("2024-02-10"),
        title: "",
        body: "أطلق الحوثيون صاروخين مضادين للسفن على سفينة تجارية في البحر الأحمر.",
        count: Some(1),
        absent: &[],
        expect: &[Expect {
            plover: "ASSAULT",
            nth: 0,
            checks: &[
                Actor1(Some("houthis")),
                Actor2(Some("commercial-shipping")),
                Sub("Shelling/artillery/missile attack"),
            ],
        }],
    }]);
}

/// Relative clauses: "السفينة التي استهدفها الحوثيون" has the Houthis as doer and the
/// ship as target; "مسيرات أطلقها الحوثيون" names who launched what was intercepted.
#[test]
fn relative_clauses_keep_their_roles() {
    run(&[
        Case {
            name: "the-ship-the-houthis-targeted",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "غرقت السفينة التي استهدفها الحوثيون في البحر الأحمر.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("commercial-shipping")),
                ],
            }],
        },
        Case {
            name: "a-destroyer-downs-drones-the-houthis-launched",
            pub_date: Some("2024-02-10"),
            title: "",
            body: "قال مسؤول أمريكي إن مدمرة أمريكية أسقطت ثلاث طائرات مسيرة أطلقها الحوثيون فوق البحر الأحمر.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Sub("Disrupted weapons use"),
                    Actor1(Some("usa")),
                    Actor2(Some("houthis")),
                ],
            }],
        },
    ]);
}

/// Whoever repels or foils an attack is its target ("صدت المقاومة هجوما للحوثيين").
#[test]
fn repelled_attacks() {
    run(&[
        Case {
            name: "resistance-repels-a-houthi-attack",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "صدت المقاومة الشعبية أمس هجوما عنيفا شنه الحوثيون على مواقعها في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("popular-resistance")),
                    Admin1(Some("YE15")),
                ],
            }],
        },
        Case {
            name: "army-foils-an-aqap-attack",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أحبطت قوات الجيش هجوما للقاعدة على معسكر في أبين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("aqap")),
                    Actor2(Some("yemen-gov-forces")),
                    Admin1(Some("YE12")),
                ],
            }],
        },
    ]);
}

#[test]
fn condemned_acts_and_agreements_in_force() {
    run(&[
        Case {
            // The doer of the act condemned, named in its relative clause, is the
            // accused; the condemner stays actor1.
            name: "gcc-condemns-attacks-the-houthis-carry-out",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أدان مجلس التعاون الخليجي الهجمات التي تشنها الميليشيات الحوثية على المدنيين في تعز.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("gcc")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "an-agreement-discussed-is-no-agreement-reached",
            pub_date: Some("2015-08-03"),
            title: "",
            body: "ناقش وزير الخارجية الأمريكي مع نظرائه الخليجيين الاتفاق النووي الإيراني وتداعياته على المنطقة.",
            count: None,
            absent: &["AGREE"],
            expect: &[],
        },
        Case {
            name: "an-agreement-reached",
            pub_date: Some("2015-08-03"),
            title: "",
            body: "توصلت الحكومة اليمنية والحوثيون إلى اتفاق لتبادل الأسرى في تعز.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "AGREE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            // و + فرت reads as "and fled"; the word is وفّرت, "provided".
            name: "provided-is-not-fled",
            pub_date: Some("2015-08-03"),
            title: "",
            body: "وفرت السلطات المحلية في عدن مواقف للسيارات ومصليات للرجال وأخرى للنساء.",
            count: None,
            absent: &["RETREAT"],
            expect: &[],
        },
    ]);
}

#[test]
fn captures_and_counted_deaths() {
    run(&[
        Case {
            // أسر is a capture only with a count after it; "أسر الضحايا" is families.
            name: "resistance-captures-fifteen",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وأعلنت المقاومة الشعبية أسر 15 حوثيا في جبهة الضالع.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[
                    Actor1(Some("popular-resistance")),
                    Actor2(Some("houthis")),
                    Admin1(Some("YE30")),
                ],
            }],
        },
        Case {
            name: "captured-some-of-the-houthi-fighters",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وتمكن مقاتلو المقاومة من أسر عدد من مسلحي الحوثي في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "families-are-not-a-capture",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "زار محافظ عدن أسر الضحايا في المدينة.",
            count: Some(0),
            absent: &["COERCE"],
            expect: &[],
        },
        Case {
            // The count stands between "لقي" and "مصرعهم"; it is counted once.
            name: "met-their-death-with-a-count-between",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "لقي ثلاثة جنود مصرعهم برصاص مسلحي القاعدة في أبين.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("aqap")), Fatalities(Some(3))],
            }],
        },
        Case {
            name: "a-commander-and-five-companions",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "قتل قائد ميداني حوثي و5 من مرافقيه في كمين نصبه مسلحو المقاومة في البيضاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("popular-resistance")),
                    Actor2(Some("houthis")),
                    Fatalities(Some(6)),
                ],
            }],
        },
        Case {
            name: "gunmen-fire-on-protesters",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أطلق مسلحون حوثيون النار على متظاهرين في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("protesters")),
                    Sub("Excessive force against protesters"),
                ],
            }],
        },
        Case {
            name: "houthis-free-a-journalist",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "أفرج الحوثيون عن الصحفي المعتقل منذ شهرين في صنعاء.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "RETREAT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Actor2(Some("civilians"))],
            }],
        },
    ]);
}

#[test]
fn sides_stay_in_their_own_clause() {
    run(&[
        Case {
            // The coalition is the subject of the strike in the "في حين" clause, not the
            // Houthis' opponent in the clashes.
            name: "clashes-then-a-strike-in-a-while-clause",
            pub_date: Some("2015-07-23"),
            title: "",
            body: "وسقط عشرات الحوثيين بين قتيل وجريح في المواجهات قرب قاعدة العند، في حين شنت طائرات التحالف غارات على مواقع للحوثيين في لحج.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("saudi-led-coalition")),
                    Actor2(Some("houthis")),
                    Sub("Air/drone strike"),
                ],
            }],
        },
        Case {
            // The capture is told with its battle; the strike of the sentence before
            // does not lend it the coalition as captor.
            name: "a-capture-in-a-battle-after-a-strike",
            pub_date: Some("2015-07-23"),
            title: "",
            body: "شنت طائرات التحالف غارات على معسكر في صنعاء. وفي مأرب قتل 13 مسلحا من مليشيات الحوثي وأسر ثلاثة حوثيين في مواجهات عنيفة مع المقاومة.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[Actor1(None), Actor2(Some("houthis"))],
            }],
        },
        Case {
            // "وبدعم قوي من X": X fights on the subject's side.
            name: "strong-support-is-an-ally",
            pub_date: Some("2015-07-23"),
            title: "",
            body: "اقتحمت قوات الجيش وبدعم قوي من طيران التحالف معسكر لبوزة الذي يسيطر عليه الحوثيون في لحج.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("yemen-gov-forces")), Actor2(Some("houthis"))],
            }],
        },
    ]);
}

#[test]
fn attacks_in_words() {
    run(&[
        Case {
            name: "a-minister-attacks-the-houthis-in-words",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "هاجم وزير الإعلام اليمني الحوثيين بشدة في مؤتمر صحفي بالرياض.",
            count: Some(1),
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "a-sharp-attack-on-the-houthis",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "شن وزير الخارجية اليمني هجوما حادا على الحوثيين في كلمته أمام مجلس الأمن.",
            count: None,
            absent: &["ASSAULT"],
            expect: &[Expect {
                plover: "ACCUSE",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            // A statement about a real attack does not make it words.
            name: "an-attack-reported-in-a-statement",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "هاجم مسلحون حوثيون نقطة أمنية في عدن وقالت الشرطة في بيان إن ثلاثة جنود قتلوا.",
            count: None,
            absent: &["ACCUSE"],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Fatalities(Some(3))],
            }],
        },
    ]);
}

#[test]
fn one_side_and_the_other() {
    run(&[Case {
        // A person's name may close the first side before "من جهة".
        name: "houthis-and-saleh-forces-on-one-side",
        pub_date: Some("2015-07-30"),
        title: "",
        body: "تدور اشتباكات عنيفة بين الحوثيين والقوات الموالية للرئيس اليمني السابق علي صالح من جهة والمقاومة الشعبية من جهة أخرى في الحوطة.",
        count: Some(1),
        absent: &[],
        expect: &[Expect {
            plover: "ASSAULT",
            nth: 0,
            checks: &[
                Actor1(Some("houthis")),
                Actor2(Some("popular-resistance")),
                Admin1(Some("YE25")),
            ],
        }],
    }]);
}

#[test]
fn demands_in_a_speakers_words() {
    run(&[
        Case {
            // "على" after a title is the preposition, not the name علي: the minister
            // stays the speaker.
            name: "the-minister-stresses-the-need",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "وشدد وزير الخارجية اليمني على ضرورة انسحاب الحوثيين من المدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "the-houthis-must-hand-over-their-weapons",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "وشدد قائد المقاومة في تعز على أن على الحوثيين تسليم السلاح والانسحاب من المدينة.",
            count: Some(1),
            absent: &["RETREAT"],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "agreed-on-the-need-is-no-demand",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "واتفق الحوثيون والقاعدة على ضرورة حل أي خلافات سابقة بينهما.",
            count: None,
            absent: &["REQUEST"],
            expect: &[],
        },
        Case {
            name: "the-houthis-demand-the-release",
            pub_date: Some("2015-08-02"),
            title: "",
            body: "يطالب الحوثيون الحكومة بالإفراج عن المعتقلين في سجون عدن.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Actor2(Some("yemen-government"))],
            }],
        },
    ]);
}

#[test]
fn meetings_with_parties_left_unnamed() {
    run(&[
        Case {
            name: "the-envoy-meets-yemeni-parties",
            pub_date: Some("2015-08-01"),
            title: "",
            body: "وعقد المبعوث الأممي لقاءات في الرياض مع أطراف يمنية وعربية.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Actor1(Some("un")), Actor2(None)],
            }],
        },
        Case {
            // Without "مع" a lone party is no meeting.
            name: "a-visit-with-no-one-met",
            pub_date: Some("2015-08-01"),
            title: "",
            body: "وتأتي زيارة المبعوث الأممي في إطار جهوده لإحياء العملية السياسية.",
            count: Some(0),
            absent: &["CONSULT"],
            expect: &[],
        },
    ]);
}

#[test]
fn words_that_look_like_events() {
    run(&[
        Case {
            // تُلقي القبض (arrests), not تلقّى (receives): the resistance arrests.
            name: "the-resistance-arrests-a-houthi-leader",
            pub_date: Some("2015-07-21"),
            title: "",
            body: "المقاومة بتعز تلقي القبض على قيادي حوثي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            name: "his-family-is-no-capture",
            pub_date: Some("2015-07-21"),
            title: "",
            body: "تمكنت أسرته من إدخاله إلى المملكة حيث يقطن مع أسرته في جازان.",
            count: Some(0),
            absent: &["COERCE"],
            expect: &[],
        },
        Case {
            name: "the-course-of-relations-is-no-march",
            pub_date: Some("2015-07-21"),
            title: "",
            body: "وتم خلال اللقاء بحث مسيرة العلاقات الثنائية بين الإمارات ومصر.",
            count: None,
            absent: &["PROTEST"],
            expect: &[],
        },
        Case {
            // "تحالف تقوده السعودية": the leader of the coalition is not its target.
            name: "a-coalition-led-by-saudi-arabia",
            pub_date: Some("2015-07-21"),
            title: "",
            body: "وشنت طائرات تحالف تقوده السعودية غارات على مواقع في عدن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("saudi-led-coalition")), Actor2(Some("houthis"))],
            }],
        },
    ]);
}

#[test]
fn aid_kept_from_people_and_talks_between_two_sides() {
    run(&[
        Case {
            name: "aid-kept-from-civilians-is-no-aid",
            pub_date: Some("2015-07-26"),
            title: "",
            body: "ومنذ مارس الماضي منع الحوثيون وصول أي مساعدات إنسانية إلى المدنيين في تعز.",
            count: None,
            absent: &["AID"],
            expect: &[],
        },
        Case {
            // The looters are the verb's subject; the giver named in the aid's own
            // phrase is not.
            name: "houthis-loot-aid-given-by-ksrelief",
            pub_date: Some("2015-07-26"),
            title: "",
            body: "نهب الحوثيون المساعدات الإغاثية المقدمة من مركز الملك سلمان في تعز.",
            count: Some(1),
            absent: &["AID"],
            expect: &[Expect {
                plover: "COERCE",
                nth: 0,
                checks: &[Actor1(Some("houthis"))],
            }],
        },
        Case {
            // The two named after "بين" are the sides; the UN that led the talks is not.
            name: "talks-led-by-the-un-between-two-sides",
            pub_date: Some("2015-07-26"),
            title: "",
            body: "وفشلت المحادثات التي قادتها الأمم المتحدة في جنيف بين متمردي جماعة الحوثي ومؤيدي حكومة الرئيس عبد ربه منصور هادي.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "CONSULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Actor2(Some("yemen-government"))],
            }],
        },
    ]);
}

#[test]
fn aid_told_on() {
    run(&[
        Case {
            // A further convoy with no giver named continues the aid told before it.
            name: "the-last-truck-of-a-convoy",
            pub_date: Some("2015-07-25"),
            title: "",
            body: "وصلت إلى مأرب أمس ثلاث شاحنات إغاثية مقدمة من مركز الملك سلمان للإغاثة تحمل مواد غذائية. فيما تتجه الشاحنة الأخيرة إلى محافظة الجوف وتحمل مستلزمات طبية.",
            count: Some(2),
            absent: &[],
            expect: &[
                Expect {
                    plover: "AID",
                    nth: 0,
                    checks: &[Actor1(Some("saudi-arabia")), Admin1(Some("YE26"))],
                },
                Expect {
                    plover: "AID",
                    nth: 1,
                    checks: &[Actor1(Some("saudi-arabia")), Admin1(Some("YE16"))],
                },
            ],
        },
        Case {
            name: "kuwait-donates",
            pub_date: Some("2015-07-25"),
            title: "",
            body: "تبرعت دولة الكويت بمبلغ 10 ملايين دولار لدعم العمليات الإنسانية في اليمن.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "AID",
                nth: 0,
                checks: &[Actor1(Some("kuwait"))],
            }],
        },
    ]);
}

#[test]
fn launched_from_yemen() {
    run(&[
        Case {
            // An exploding drone is a drone strike; "launched from Yemen" names the
            // Houthis since the Red Sea campaign.
            name: "a-drone-launched-from-yemen-explodes-at-an-airport",
            pub_date: Some("2025-09-07"),
            title: "",
            body: "أفاد الجيش الإسرائيلي بإصابة مسافرين جراء انفجار مسيّرة أطلقت من اليمن على قاعة المسافرين بمطار رامون في النقب.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Sub("Air/drone strike")],
            }],
        },
        Case {
            // Before October 2023 the phrase names no one.
            name: "launched-from-yemen-in-2015",
            pub_date: Some("2015-07-26"),
            title: "",
            body: "سقطت قذيفة أطلقت من اليمن على منزل في نجران ما أدى إلى إصابة ثلاثة مواطنين.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(None)],
            }],
        },
        Case {
            name: "ready-for-talks-is-no-meeting",
            pub_date: Some("2025-05-11"),
            title: "",
            body: "قالت حركة حماس إنها مستعدة للمفاوضات مع إسرائيل.",
            count: None,
            absent: &["CONSULT"],
            expect: &[],
        },
    ]);
}

#[test]
fn each_event_keeps_the_words_that_opened_it() {
    let d = doc(
        "trigger-words",
        Some("2015-07-22"),
        "",
        "شنت مقاتلات التحالف غارات على مواقع الحوثيين في صعدة. واغتال مسلحون مجهولون ضابطا في عدن.",
    );
    let out = extractor().extract(&d);
    let words: Vec<(&str, &str)> = out
        .events
        .iter()
        .map(|e| {
            let t = e.trigger.as_ref().expect("every event has its trigger");
            // The offsets point at the trigger's own words in the document's text.
            let chars: String = d.text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(chars, t.text);
            (e.plover.event_type.as_str(), t.text.as_str())
        })
        .collect();
    assert_eq!(words, [("ASSAULT", "غارات"), ("ASSAULT", "واغتال")]);
}

#[test]
fn verbal_nouns_after_prepositions_and_residential_targets() {
    run(&[
        Case {
            // "من قتل X": the verb's letters spell its noun; X is who was killed.
            name: "managed-to-kill-a-houthi-official",
            pub_date: Some("2015-07-31"),
            title: "",
            body: "وتمكنت المقاومة من قتل قيادي حوثي في تعز.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
            }],
        },
        Case {
            // The civilians named first are the victims; the armed party before them
            // is the doer of the instrument's act.
            name: "forces-loyal-to-the-houthis-rain-rockets-on-homes",
            pub_date: Some("2015-07-31"),
            title: "",
            body: "أمطرت القوات الموالية للحوثيين مناطق سكنية في عدن بالصواريخ.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[Actor1(Some("houthis")), Actor2(Some("civilians"))],
            }],
        },
        Case {
            name: "houthis-shell-residential-districts",
            pub_date: Some("2015-07-31"),
            title: "",
            body: "قصفت ميليشيات الحوثي الأحياء السكنية في تعز بقذائف الهاون.",
            count: Some(1),
            absent: &[],
            expect: &[Expect {
                plover: "ASSAULT",
                nth: 0,
                checks: &[
                    Actor1(Some("houthis")),
                    Actor2(Some("civilians")),
                    Sub("Shelling/artillery/missile attack"),
                ],
            }],
        },
    ]);
}

#[test]
fn instruments_named_with_bi_belong_to_the_verb_before_them() {
    run(&[
        single(
            "passive-kill-by-gunfire-of-unknown-gunmen",
            "2015-08-02",
            "قتل شرطي برصاص مسلحين مجهولين في المكلا.",
            "ASSAULT",
            &[
                Actor1(Some("unidentified-armed-group")),
                Actor2(Some("police")),
                Fatalities(Some(1)),
            ],
        ),
        single(
            "met-their-death-by-a-sniper-adjective",
            "2015-08-02",
            "لقي طفلان حتفهما برصاص قناص حوثي في حي الروضة بتعز.",
            "ASSAULT",
            &[
                Actor1(Some("houthis")),
                Actor2(Some("civilians")),
                Fatalities(Some(2)),
            ],
        ),
        single(
            "injured-by-a-shell-the-houthis-fired",
            "2015-08-02",
            "أصيب ثلاثة مواطنين بقذيفة أطلقتها ميليشيات الحوثي على سوق شعبي في تعز.",
            "ASSAULT",
            &[
                Actor1(Some("houthis")),
                Actor2(Some("civilians")),
                Sub("Shelling/artillery/missile attack"),
            ],
        ),
        single(
            "active-verb-with-an-instrument",
            "2015-08-02",
            "قتل الحوثيون جنديين بقذيفة هاون في مأرب.",
            "ASSAULT",
            &[
                Actor1(Some("houthis")),
                Actor2(Some("yemen-gov-forces")),
                Sub("Shelling/artillery/missile attack"),
            ],
        ),
        single(
            "gunmen-blow-up-a-roadside-bomb",
            "2015-08-02",
            "فجر مسلحون مجهولون عبوة ناسفة استهدفت دورية للشرطة في عدن.",
            "ASSAULT",
            &[
                Actor1(Some("unidentified-armed-group")),
                Actor2(Some("police")),
                Sub("Remote explosive/landmine/IED"),
            ],
        ),
        single(
            "houses-blown-up-stay-destruction",
            "2015-08-02",
            "فجر مسلحو الحوثي منزل قيادي في حزب الإصلاح بمحافظة إب.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Sub("Looting/property destruction")],
        ),
    ]);
}

#[test]
fn unnamed_subjects_and_two_letter_verbs_after_wa() {
    run(&[
        single(
            "statement-as-subject-leaves-the-object",
            "2015-08-02",
            "أصدرت الحكومة اليمنية بيانا أمس. وطالب البيان الحوثيين بالانسحاب من المدن.",
            "REQUEST",
            &[Actor1(Some("yemen-government")), Actor2(Some("houthis"))],
        ),
        single(
            "council-of-the-resistance-condemns",
            "2015-08-02",
            "أدان المجلس التنسيقي للمقاومة الشعبية الجرائم التي ترتكبها ميليشيات الحوثي.",
            "ACCUSE",
            &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
        ),
        single(
            "wa-plus-a-doubled-verb-of-two-letters",
            "2015-08-02",
            "ودك طيران التحالف مواقع الحوثيين في صعدة.",
            "ASSAULT",
            &[
                Actor1(Some("saudi-led-coalition")),
                Actor2(Some("houthis")),
                Sub("Air/drone strike"),
            ],
        ),
        single(
            "air-defences-of-a-state-intercept-a-launch-from-yemen",
            "2024-03-01",
            "اعترضت الدفاعات الجوية الإسرائيلية صاروخا أطلق من اليمن.",
            "ASSAULT",
            &[
                Actor1(Some("israel")),
                Actor2(Some("houthis")),
                Sub("Disrupted weapons use"),
            ],
        ),
        single(
            "wa-hath-urges",
            "2015-08-02",
            "وحث وزير الخارجية اليمني الأمم المتحدة على الضغط على الحوثيين.",
            "REQUEST",
            &[Actor1(Some("yemen-government")), Actor2(Some("un"))],
        ),
    ]);
    // "وفر" stays "provided" or "fled" by its own rules, and "وقع" is no split verb.
    let events = events_of("wa-farra", "2015-08-02", "وقع الانفجار قرب مبنى المحافظة.");
    assert!(events
        .iter()
        .all(|e| e.plover.event_type.as_str() != "RETREAT"));
}

#[test]
fn weapons_seized_and_places_fallen_into_hands() {
    run(&[
        single(
            "mines-found-are-a-seizure-not-an-attack",
            "2015-08-06",
            "عثرت المقاومة الشعبية على كميات من الألغام التي زرعها الحوثيون في أحياء عدن.",
            "COERCE",
            &[
                Actor1(Some("popular-resistance")),
                Actor2(Some("houthis")),
                Sub("Disrupted weapons use"),
            ],
        ),
        single(
            "a-bomb-defused",
            "2015-08-06",
            "تمكن فريق هندسي تابع للمقاومة الشعبية من تفكيك عبوة ناسفة زرعها الحوثيون في عدن.",
            "COERCE",
            &[
                Actor1(Some("popular-resistance")),
                Actor2(Some("houthis")),
                Sub("Disrupted weapons use"),
            ],
        ),
        single(
            "a-town-fell-into-the-hands-of",
            "2015-12-03",
            "سقطت مدينة جعار في أيدي مسلحي تنظيم القاعدة بعد اشتباكات قصيرة.",
            "ASSAULT",
            &[
                Actor1(Some("aqap")),
                Sub("Non-state actor overtakes territory"),
            ],
        ),
    ]);
    // A body found is no seizure.
    assert!(events_of(
        "a-body-found",
        "2015-08-06",
        "عثر الأهالي على جثة مواطن في أطراف مدينة تعز."
    )
    .is_empty());
}

#[test]
fn habits_told_in_the_present_are_no_events() {
    for (name, body) in [
        (
            "shell-daily",
            "يقصف الحوثيون الأحياء السكنية في تعز بشكل يومي.",
        ),
        (
            "kidnap-constantly",
            "وتختطف الميليشيات المواطنين من منازلهم باستمرار.",
        ),
    ] {
        let events = events_of(name, "2015-08-06", body);
        assert!(events.is_empty(), "{name}: {:?}", events);
    }
    // A report of one day stays a report.
    run(&[single(
        "shelled-yesterday",
        "2015-08-06",
        "قصف الحوثيون الأحياء السكنية في تعز أمس.",
        "ASSAULT",
        &[Actor1(Some("houthis")), Actor2(Some("civilians"))],
    )]);
}

#[test]
fn a_surname_alone_after_the_full_name() {
    run(&[single(
        "minister-named-then-by-surname",
        "2015-08-06",
        "قال وزير الخارجية اليمني رياض ياسين إن الحل السياسي ممكن. وطالب ياسين الأمم المتحدة بالضغط على الحوثيين.",
        "REQUEST",
        &[
            Actor1(Some("yemen-government")),
            Actor1Text("ياسين"),
            Actor2(Some("un")),
        ],
    )]);
    // An adjective that spells a surname is no mention of its bearer.
    let events = events_of("red-sea-not-al-ahmar", "2015-08-06", "التقى نائب الرئيس علي محسن الأحمر السفير الأمريكي. وقصفت بوارج التحالف مواقع الحوثيين على ساحل البحر الأحمر.");
    assert!(events.iter().all(|e| e
        .actor1
        .as_ref()
        .is_none_or(|a| a.text.as_deref() != Some("الأحمر"))));
}

#[test]
fn outlets_report_and_approaches_take_nothing() {
    for (name, body) in [
        (
            "an-outlet-is-no-party",
            "وتحدثت وكالة تسنيم الإيرانية عن لقاء بين الحوثيين والحكومة اليمنية في مسقط.",
        ),
        (
            "close-to-liberating-is-not-liberating",
            "مع اقتراب المقاومة الشعبية من تحرير محافظة أبين أعلن الحوثيون الطوارئ.",
        ),
    ] {
        let events = events_of(name, "2015-08-10", body);
        assert!(
            events.iter().all(|e| {
                let ids = [&e.actor1, &e.actor2].map(|a| a.as_ref().map(|a| a.id.as_str()));
                !ids.contains(&Some("iran"))
                    && e.acled.sub_event_type != "Government regains territory"
            }),
            "{name}: {:?}",
            events
        );
    }
    // The agency's own country is no party; the air force it reports on is.
    run(&[single(
        "state-agency-reports-a-strike",
        "2015-08-10",
        "وقالت وكالة الأنباء السعودية إن طائرات التحالف قصفت مواقع الحوثيين في صعدة.",
        "ASSAULT",
        &[
            Actor1(Some("saudi-led-coalition")),
            Actor2(Some("houthis")),
            Sub("Air/drone strike"),
        ],
    )]);
}

#[test]
fn a_drone_launched_is_no_march() {
    run(&[single(
        "launching-a-drone-at-tel-aviv",
        "2024-07-21",
        "ونجح الحوثيون في إطلاق مسيرة إلى تل أبيب فجر الجمعة.",
        "ASSAULT",
        &[Actor1(Some("houthis")), Sub("Air/drone strike")],
    )]);
}

#[test]
fn what_an_accusation_says_is_not_reported() {
    run(&[single(
        "arming-in-an-accusation",
        "2024-09-26",
        "تتهم الولايات المتحدة روسيا بتسليح الحوثيين وبإجراء مباحثات معهم.",
        "ACCUSE",
        &[Actor1(Some("usa")), Actor2(Some("russia"))],
    )]);
    // What a condemnation names happened; its verbal noun has its own doer, not the
    // condemners.
    let events = events_of(
        "a-killing-condemned",
        "2024-09-28",
        "نددت جماعة الحوثيين باغتيال إسرائيل الأمين العام لحزب الله.",
    );
    assert_eq!(events.len(), 2, "{events:#?}");
    let killing = events
        .iter()
        .find(|e| e.plover.event_type == "ASSAULT")
        .expect("the killing is reported");
    assert_eq!(actor_id(&killing.actor1), Some("israel"));
    assert_eq!(actor_id(&killing.actor2), Some("hezbollah"));
    let condemnation = events
        .iter()
        .find(|e| e.plover.event_type == "ACCUSE")
        .expect("the condemnation is reported");
    assert_eq!(actor_id(&condemnation.actor1), Some("houthis"));
}

#[test]
fn a_bare_name_after_the_verb_and_a_paper_named_after_a_city() {
    run(&[
        single(
            "name-before-title-then-surname-as-subject",
            "2015-08-06",
            "كشف ياسين مكاوي مستشار الرئيس اليمني أن الحوثيين نقلوا الأسرى إلى صنعاء. وطالب مكاوي الأمم المتحدة بالتحرك لإنقاذ الأسرى.",
            "REQUEST",
            &[Actor1(Some("yemen-government")), Actor2(Some("un"))],
        ),
        single(
            "the-riyadh-daily-is-no-place",
            "2015-08-06",
            "وقال مستشار الرئيس في تصريح لـ«الرياض» إن قاعدة العند سقطت بأيدي الجيش والمقاومة الشعبية.",
            "ASSAULT",
            &[
                Actor1(Some("yemen-gov-forces")),
                Admin1(Some("YE25")),
                Sub("Government regains territory"),
            ],
        ),
    ]);
}

#[test]
fn a_relative_clause_names_no_side_of_a_meeting() {
    let events = events_of("relative-clause-after-a-meeting", "2015-07-24", "وتم خلال الاجتماع الاستماع إلى محافظ عدن الذي تحدث عن الدمار الذي خلفته مليشيات الحوثي في المدينة.");
    assert!(
        events
            .iter()
            .all(|e| e.plover.event_type.as_str() != "CONSULT"
                || [&e.actor1, &e.actor2]
                    .iter()
                    .all(|a| a.as_ref().is_none_or(|a| a.id != "houthis"))),
        "{:?}",
        events
    );
    // The object of the meeting verb itself still counts.
    run(&[single(
        "met-the-ambassador-who-arrived",
        "2015-07-24",
        "التقى الرئيس هادي السفير الأمريكي الذي وصل إلى الرياض أمس.",
        "CONSULT",
        &[Pair("yemen-government", "usa")],
    )]);
}

#[test]
fn holdings_and_contributions_are_no_captures() {
    for (name, body) in [
        (
            "places-they-hold",
            "وجدد المجلس مطالبته بانسحاب الحوثيين من المدن والمواقع التي يسيطرون عليها.",
        ),
        (
            "an-effort-that-helped-liberate",
            "وأشاد الوزير بالجهد الكبير الذي أسهم في تحرير محافظة عدن من قبضة الحوثيين.",
        ),
    ] {
        let events = events_of(name, "2015-08-06", body);
        assert!(
            events
                .iter()
                .all(|e| e.plover.event_type.as_str() != "ASSAULT"),
            "{name}: {:?}",
            events
        );
    }
}

#[test]
fn those_clashes_are_the_clashes_told() {
    run(&[
        single(
            "those-clashes-lasted-hours",
            "2015-08-06",
            "اندلعت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في مديرية لودر. واستمرت تلك الاشتباكات عدة ساعات بحسب مصادر محلية.",
            "ASSAULT",
            &[Pair("popular-resistance", "houthis")],
        ),
        single(
            "those-clashes-killed-ten",
            "2015-08-06",
            "اندلعت اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في مديرية لودر. وأسفرت تلك الاشتباكات عن مقتل 10 حوثيين.",
            "ASSAULT",
            &[Pair("popular-resistance", "houthis"), Fatalities(Some(10))],
        ),
    ]);
}

#[test]
fn part_of_a_countrys_land_is_no_party() {
    run(&[single(
        "southern-regions-of-saudi-arabia",
        "2015-08-06",
        "وعمد الحوثيون إلى قصف المناطق الجنوبية من السعودية بقذائف الهاون.",
        "ASSAULT",
        &[
            Actor1(Some("houthis")),
            Sub("Shelling/artillery/missile attack"),
        ],
    )]);
}

#[test]
fn houthi_attacks_across_the_border_hit_that_state() {
    run(&[
        single(
            "missile-on-eilat",
            "2024-07-21",
            "أطلق الحوثيون صاروخا على مدينة إيلات.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Actor2(Some("israel"))],
        ),
        single(
            "shells-on-najran",
            "2015-08-06",
            "أطلق الحوثيون قذائف على مواقع في مدينة نجران.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Actor2(Some("saudi-arabia"))],
        ),
    ]);
}

#[test]
fn unattributed_strikes_of_the_us_air_campaign_of_2025() {
    run(&[single(
        "a-new-strike-on-sanaa-in-april-2025",
        "2025-04-11",
        "غارة جديدة على صنعاء وسط تحليق مكثف للطيران الحربي",
        "ASSAULT",
        &[
            Actor1(Some("usa")),
            Actor2(Some("houthis")),
            Sub("Air/drone strike"),
        ],
    )]);
    // Before the campaign an unnamed striker stays unnamed, and no event is reported.
    assert!(events_of(
        "a-strike-in-2024",
        "2024-04-11",
        "غارة جديدة على صنعاء وسط تحليق مكثف للطيران الحربي"
    )
    .is_empty());
    run(&[single(
        "a-young-man-killed-by-houthi-gunmen",
        "2025-04-11",
        "قتل شاب أمام والديه داخل منزله على أيدي مسلحين حوثيين في صنعاء",
        "ASSAULT",
        &[Actor1(Some("houthis")), Actor2(Some("civilians"))],
    )]);
}

#[test]
fn an_indefinite_nisba_names_the_doer() {
    run(&[
        single(
            "a-new-american-strike",
            "2025-04-11",
            "استهداف أمريكي جديد لمواقع في صنعاء",
            "ASSAULT",
            &[Actor1(Some("usa")), Actor2(Some("houthis"))],
        ),
        single(
            "a-houthi-dead-in-a-strike",
            "2025-04-11",
            "مقتل قيادي حوثي في غارة على صعدة",
            "ASSAULT",
            &[Actor2(Some("houthis"))],
        ),
    ]);
}

#[test]
fn a_verb_with_an_object_pronoun_has_its_subject_after_it() {
    run(&[
        single(
            "a-ship-the-houthis-attacked",
            "2024-08-26",
            "ما زالت النيران مشتعلة في سفينة يونانية هاجمها الحوثيون في البحر الأحمر.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Actor2(Some("commercial-shipping"))],
        ),
        // The weapon after the verb gives the sub-event type; the verb still says
        // who did it to whom.
        single(
            "a-ship-reached-port-after-the-houthis-hit-it",
            "2024-03-10",
            "وصلت السفينة إلى ميناء جيبوتي بعد أن استهدفها الحوثيون بصاروخ.",
            "ASSAULT",
            &[
                Actor1(Some("houthis")),
                Actor2(Some("commercial-shipping")),
                Sub("Shelling/artillery/missile attack"),
            ],
        ),
    ]);
    // A verb whose subject is itself a pronoun ("قتلوهم") keeps the actor before it as
    // the doer.
    run(&[single(
        "gunmen-who-killed-them",
        "2015-07-01",
        "اقتحم مسلحون حوثيون منزلا في تعز وقتلوهم.",
        "ASSAULT",
        &[Actor1(Some("houthis"))],
    )]);
}

#[test]
fn the_cause_a_march_supports_is_not_where_it_is() {
    run(&[
        single(
            "a-march-in-sanaa-for-gaza",
            "2025-08-16",
            "خرجت مسيرات حاشدة في مدينة صنعاء نصرة لغزة.",
            "PROTEST",
            &[PlaceText("مدينة صنعاء"), Admin1(Some("YE13"))],
        ),
        single(
            "a-march-in-taiz-in-solidarity-with-aden",
            "2015-07-01",
            "تظاهر الآلاف في مدينة تعز تضامنا مع أهالي عدن.",
            "PROTEST",
            &[PlaceText("مدينة تعز"), Admin1(Some("YE15"))],
        ),
        // Yemen named first among countries is the place, as a country.
        single(
            "marches-in-yemen-and-morocco",
            "2025-09-26",
            "تظاهر مئات الآلاف في اليمن والمغرب وموريتانيا نصرة لغزة.",
            "PROTEST",
            &[PlaceText("اليمن"), Admin1(None)],
        ),
        // A ship's ties or destination are not where it was hit.
        single(
            "a-ship-tied-to-israel",
            "2024-10-17",
            "استهدف الحوثيون سفينة مرتبطة بإسرائيل في خليج عدن.",
            "ASSAULT",
            &[Actor1(Some("houthis")), PlaceText("خليج عدن")],
        ),
    ]);
}

#[test]
fn military_operations_carried_out_are_attacks() {
    run(&[
        single(
            "houthis-announce-three-operations",
            "2024-12-13",
            "أعلنت جماعة أنصار الله تنفيذ ثلاث عمليات عسكرية على أهداف في مدينة إيلات باستخدام طائرات مسيرة.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Actor2(Some("israel"))],
        ),
        single(
            "the-resistance-carried-out-an-operation",
            "2015-07-01",
            "نفذت المقاومة الشعبية عملية نوعية ضد تجمع للحوثيين في مدينة تعز.",
            "ASSAULT",
            &[
                Actor1(Some("popular-resistance")),
                Actor2(Some("houthis")),
                Admin1(Some("YE15")),
            ],
        ),
    ]);
    // A campaign being prepared is no attack yet.
    assert!(events_of(
        "an-operation-prepared",
        "2015-07-01",
        "تستعد قوات التحالف لبدء عملية عسكرية واسعة في الحديدة."
    )
    .is_empty());
}

/// A headline case: name, text, PLOVER type, actor1, actor2 (None: not checked).
type HeadlineCase = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn present_tense_headlines_of_every_kind() {
    let cases: [HeadlineCase; 9] = [
        (
            "present-reject",
            "الحوثيون يرفضون مقترح المبعوث الأممي",
            "REJECT",
            Some("houthis"),
            Some("un"),
        ),
        (
            "present-condemn",
            "الإمارات تدين اختطاف الحوثيين موظفي الأمم المتحدة",
            "ACCUSE",
            Some("uae"),
            Some("houthis"),
        ),
        (
            "present-arrest",
            "قوات الأمن تعتقل خلية حوثية في مأرب",
            "COERCE",
            Some("police"),
            Some("houthis"),
        ),
        (
            "present-release",
            "الحوثيون يفرجون عن خمسين أسيرا من القوات الحكومية",
            "RETREAT",
            Some("houthis"),
            Some("yemen-gov-forces"),
        ),
        (
            "present-abduct",
            "الحوثيون يختطفون موظفين أمميين في صنعاء",
            "ASSAULT",
            Some("houthis"),
            None,
        ),
        (
            "present-welcome",
            "السعودية ترحب بقرار الحكومة اليمنية",
            "SUPPORT",
            Some("saudi-arabia"),
            Some("yemen-government"),
        ),
        (
            "present-appeal",
            "الحكومة اليمنية تناشد الأمم المتحدة التدخل لإنقاذ المدنيين",
            "REQUEST",
            Some("yemen-government"),
            Some("un"),
        ),
        (
            "present-threaten",
            "زعيم الحوثيين يهدد السعودية بالقصف",
            "THREATEN",
            Some("houthis"),
            Some("saudi-arabia"),
        ),
        (
            "present-meet",
            "الرئيس العليمي يلتقي السفير الأمريكي في الرياض",
            "CONSULT",
            Some("yemen-government"),
            Some("usa"),
        ),
    ];
    for (name, body, plover, a1, a2) in cases {
        let events = events_of(name, "2025-04-11", body);
        let e = events
            .iter()
            .find(|e| e.plover.event_type == plover)
            .unwrap_or_else(|| panic!("{name}: no {plover} in {events:#?}"));
        assert_eq!(actor_id(&e.actor1), a1, "{name}: actor1");
        if a2.is_some() {
            assert_eq!(actor_id(&e.actor2), a2, "{name}: actor2");
        }
    }
}

#[test]
fn a_name_split_to_dodge_filters_is_still_the_name() {
    run(&[single(
        "a-saudi-strike-on-the-split-houthis",
        "2025-04-11",
        "عاجل: أول استهداف سعودي على الحو ثيين في صعدة",
        "ASSAULT",
        &[Actor1(Some("saudi-arabia")), Actor2(Some("houthis"))],
    )]);
}

#[test]
fn the_weapon_an_attack_was_made_with_is_that_attack() {
    run(&[single(
        "an-attack-on-eilat-with-drones",
        "2024-11-16",
        "قال المتحدث العسكري للحوثيين إن قواته هاجمت هدفا حيويا في ميناء إيلات الإسرائيلي بعدد من الطائرات المسيرة.",
        "ASSAULT",
        &[
            Actor1(Some("houthis")),
            Actor2(Some("israel")),
            Sub("Air/drone strike"),
        ],
    )]);
}

#[test]
fn interceptions_say_who_intercepted_what() {
    run(&[
        // The genitive before the weapon intercepted is the interceptor; Yemen, where
        // the drone came from, is not where it was intercepted.
        single(
            "the-israeli-army-intercepts-a-drone",
            "2025-09-11",
            "دوت صفارات الإنذار في إيلات بعد اعتراض الجيش الإسرائيلي مسيرة أطلقت من اليمن.",
            "ASSAULT",
            &[
                Actor1(Some("israel")),
                Actor2(Some("houthis")),
                Sub("Disrupted weapons use"),
                PlaceText("إيلات"),
            ],
        ),
        // Drones shot down a few words after the verb are drones, not marches.
        single(
            "a-destroyer-downs-three-drones",
            "2024-01-10",
            "أسقطت مدمرة أمريكية ثلاث مسيرات أطلقها الحوثيون فوق البحر الأحمر.",
            "ASSAULT",
            &[
                Actor1(Some("usa")),
                Actor2(Some("houthis")),
                Sub("Disrupted weapons use"),
            ],
        ),
    ]);
}

#[test]
fn a_convoy_is_where_it_arrives_and_restored_calm_is_no_capture() {
    run(&[single(
        "aid-through-a-border-crossing",
        "2015-07-20",
        "وصلت إلى مدينة سيئون ثلاث شاحنات قادمة من المملكة عبر منفذ الوديعة تحمل مساعدات مقدمة من مركز الملك سلمان للإغاثة.",
        "AID",
        &[Actor1(Some("saudi-arabia")), Admin1(Some("YE19"))],
    )]);
    assert!(events_of(
        "security-restored",
        "2015-07-20",
        "استعادة الدولة هي هدف التحالف في اليمن."
    )
    .iter()
    .all(|e| e.plover.event_type != "ASSAULT"));
}

#[test]
fn states_beyond_the_region_by_name_and_adjective() {
    run(&[
        single(
            "an-ambassador-received",
            "2015-08-11",
            "استقبل المشرف العام على مركز الملك سلمان للإغاثة اليوم سفير مملكة النرويج لدى المملكة.",
            "CONSULT",
            &[Pair("saudi-arabia", "norway")],
        ),
        single(
            "bahraini-soldiers-killed",
            "2015-09-08",
            "قتل خمسة جنود بحرينيين في مأرب في هجوم للحوثيين.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Actor2(Some("bahrain"))],
        ),
    ]);
    // The sunset prayer is no Morocco.
    run(&[single(
        "clashes-after-the-sunset-prayer",
        "2015-07-20",
        "اندلعت اشتباكات بعد صلاة المغرب في حي كريتر بعدن بين الحوثيين والمقاومة الشعبية.",
        "ASSAULT",
        &[Pair("houthis", "popular-resistance")],
    )]);
}

#[test]
fn drones_missiles_and_what_is_no_attack_in_todays_news() {
    // Drones named with missiles, or suicide drones, are no marches.
    for (name, body) in [
        (
            "a-missile-and-three-drones",
            "أعلن الحوثيون مهاجمة أهداف في إسرائيل بصاروخ باليستي و3 مسيرات.",
        ),
        (
            "drones-of-a-model",
            "قالت الكتائب إن مسيرات من طراز الزواري رصدت حشودا للجيش الإسرائيلي.",
        ),
        (
            "an-attack-using-a-drone",
            "أعلن حزب الله استهداف موقع إسرائيلي باستخدام مسيرة انقضاضية.",
        ),
        (
            "suicide-drones-in-an-analysis",
            "قالت الصحيفة إن المسيرات الانتحارية التي يستخدمها الحوثيون أثبتت كفاءة كبيرة.",
        ),
    ] {
        let events = events_of(name, "2025-09-11", body);
        assert!(
            events.iter().all(|e| e.plover.event_type != "PROTEST"),
            "{name}: {events:#?}"
        );
    }
    // The weapon introduced by "بعدد من" a long way after its verb is that attack's.
    run(&[single(
        "a-ship-hit-with-missiles",
        "2024-07-10",
        "قالت جماعة أنصار الله إنها استهدفت السفينة “سنتوسا” التابعة لشركة “ميرسك” في بحر العرب بعدد من الصواريخ الباليستية.",
        "ASSAULT",
        &[
            Actor1(Some("houthis")),
            Actor2(Some("commercial-shipping")),
            Sub("Shelling/artillery/missile attack"),
        ],
    )]);
    // Interceptor missiles, a warning of danger and a vow to keep fighting are no events.
    for (name, body) in [
        (
            "interceptors-fired",
            "وقال الجيش إنه تم إطلاق صواريخ اعتراضية في سماء مدينة إيلات.",
        ),
        (
            "a-warning-of-danger",
            "حذرت البعثة الأوروبية من خطر تسرب النفط من الناقلة في البحر الأحمر.",
        ),
        (
            "a-vow-to-keep-fighting",
            "تعهد رئيس حكومة الحوثيين بمواصلة قتال إسرائيل.",
        ),
    ] {
        let events = events_of(name, "2025-09-11", body);
        assert!(events.is_empty(), "{name}: {events:#?}");
    }
}

#[test]
fn a_number_before_its_casualty_noun_counts_that_noun() {
    run(&[
        single(
            "dead-and-wounded-nouns",
            "2015-08-20",
            "أسفر الهجوم على الحوثيين عن 35 قتيلا و40 جريحا في مدينة تعز.",
            "ASSAULT",
            &[Fatalities(Some(35)), Injured(Some(40))],
        ),
        single(
            "dead-and-wounded-verbal-nouns",
            "2015-08-20",
            "أسفرت المواجهات بين الحوثيين والمقاومة عن مقتل 21 وإصابة 36 في مدينة تعز.",
            "ASSAULT",
            &[Fatalities(Some(21)), Injured(Some(36))],
        ),
    ]);
}

#[test]
fn those_driven_out_of_a_liberated_place_lose_it() {
    run(&[single(
        "the-liberation-of-al-anad",
        "2015-08-05",
        "وأكدت الوزارة في بيان بمناسبة تحرير قاعدة العند ودحر الميليشيات الانقلابية منها أن المعركة مستمرة.",
        "ASSAULT",
        &[
            Actor1(None),
            Actor2(Some("houthis")),
            Sub("Government regains territory"),
        ],
    )]);
}

#[test]
fn officials_named_by_name_are_their_side() {
    run(&[single(
        "two-foreign-ministers-meet",
        "2015-08-11",
        "التقى وزير الخارجية عادل الجبير اليوم في موسكو وزير خارجية روسيا سيرجي لافروف.",
        "CONSULT",
        &[Pair("saudi-arabia", "russia")],
    )]);
    run(&[single(
        "the-coalition-spokesman",
        "2015-08-11",
        "قال العميد أحمد عسيري إن قوات التحالف دمرت مخازن أسلحة للحوثيين في صنعاء.",
        "ASSAULT",
        &[Actor1(Some("saudi-led-coalition")), Actor2(Some("houthis"))],
    )]);
}

#[test]
fn a_headline_subject_goes_on_over_and() {
    run(&[single(
        "netanyahu-talks-and-threatens",
        "2024-12-23",
        "نتنياهو يتحدث عن صفقة التبادل ويتوعد إيران والحوثيين",
        "THREATEN",
        &[Actor1(Some("israel")), Actor2(Some("iran"))],
    )]);
    run(&[single(
        "the-houthis-congratulate",
        "2024-08-25",
        "الحوثيون يهنئون حزب الله ويؤكدون أن الرد اليمني آت",
        "SUPPORT",
        &[Actor1(Some("houthis")), Actor2(Some("hezbollah"))],
    )]);
}

#[test]
fn countries_listed_after_a_place_are_places_and_palestinian_factions_no_yemeni_resistance() {
    run(&[single(
        "marches-in-three-countries",
        "2025-09-26",
        "تظاهر مئات الآلاف اليوم الجمعة في اليمن والمغرب وموريتانيا نصرة لغزة.",
        "PROTEST",
        &[Actor1(Some("protesters")), Actor2(None)],
    )]);
    // Three states that condemn stay the condemners.
    let events = events_of(
        "three-states-condemn",
        "2024-09-10",
        "أدانت السعودية والإمارات وقطر اختطاف الحوثيين موظفي الأمم المتحدة.",
    );
    let condemnation = events
        .iter()
        .find(|e| e.plover.event_type == "ACCUSE")
        .expect("the condemnation is reported");
    assert_eq!(actor_id(&condemnation.actor1), Some("saudi-arabia"));
    assert_eq!(actor_id(&condemnation.actor2), Some("houthis"));
    let events = events_of(
        "palestinian-factions-praise",
        "2024-12-21",
        "أشادت فصائل المقاومة الفلسطينية بالعملية في تل أبيب.",
    );
    assert!(
        events
            .iter()
            .all(|e| actor_id(&e.actor1) != Some("popular-resistance")),
        "{events:#?}"
    );
}

#[test]
fn a_headline_attack_and_its_weapon_in_the_lead_are_one_event() {
    let out = extractor().extract(&doc(
        "an-attack-on-eilat-in-title-and-lead",
        Some("2024-11-16"),
        "الحوثيون يعلنون مهاجمة هدف حيوي بميناء إيلات",
        "قال المتحدث العسكري للحوثيين اليوم السبت إن قواته هاجمت هدفا حيويا في ميناء إيلات الإسرائيلي بعدد من الطائرات المسيرة.",
    ));
    let attacks: Vec<&Event> = out
        .events
        .iter()
        .filter(|e| e.plover.event_type == "ASSAULT")
        .collect();
    assert_eq!(attacks.len(), 1, "{attacks:#?}");
    assert_eq!(attacks[0].acled.sub_event_type, "Air/drone strike");
    assert_eq!(attacks[0].evidence.len(), 2, "{attacks:#?}");
}

#[test]
fn scare_quotes_around_a_casualty_word_keep_its_victims() {
    run(&[single(
        "a-shell-on-a-house-in-najran",
        "2015-08-03",
        "باشر الدفاع المدني فجر أمس بلاغا عن سقوط مقذوف عسكري من داخل الأراضي اليمنية على منزل بمدينة نجران، نتج عنه «استشهاد» أحد المواطنين.",
        "ASSAULT",
        &[Actor2(Some("civilians")), Fatalities(Some(1))],
    )]);
}

#[test]
fn an_attack_noun_keeps_its_owner_when_a_verb_and_a_weapon_follow() {
    let events = events_of(
        "the-first-houthi-attack-on-tel-aviv",
        "2024-07-20",
        "شنت المقاتلات الإسرائيلية غارات على ميناء الحديدة بعد يومين من أول هجوم للحوثيين استهدف تل أبيب بطائرة مسيرة.",
    );
    let houthi = events
        .iter()
        .find(|e| actor_id(&e.actor1) == Some("houthis"))
        .unwrap_or_else(|| panic!("the Houthi attack is reported: {events:#?}"));
    assert_eq!(actor_id(&houthi.actor2), Some("israel"));
    assert_eq!(houthi.acled.sub_event_type, "Air/drone strike");
}

#[test]
fn the_genitive_of_targeting_with_an_object_after_it_is_the_doer() {
    assert_sides(
        "a-missile-on-tel-aviv-praised",
        "2024-12-21",
        "أشادت فصائل المقاومة الفلسطينية باستهداف جماعة أنصار الله تل أبيب بصاروخ باليستي.",
        "ASSAULT",
        ["houthis", "israel"],
    );
}

#[test]
fn an_extraction_stops_when_cancelled() {
    use std::sync::atomic::AtomicBool;
    let d = doc(
        "cancel",
        Some("2015-07-22"),
        "",
        "شنت مقاتلات التحالف غارات على مواقع الحوثيين في صعدة.",
    );
    let ex = extractor();
    assert!(ex.extract_until(&d, &AtomicBool::new(true)).is_none());
    let out = ex
        .extract_until(&d, &AtomicBool::new(false))
        .expect("not cancelled");
    assert_eq!(out.events, ex.extract(&d).events);
    assert_eq!(out.events.len(), 1);
}

#[test]
fn a_percentage_is_no_toll() {
    run(&[
        single(
            "a-share-after-a-toll",
            "2015-07-20",
            "قتل خمسة أشخاص في قصف للحوثيين على حي سكني في تعز، و80 % من السكان نزحوا.",
            "ASSAULT",
            &[Actor1(Some("houthis")), Fatalities(Some(5))],
        ),
        single(
            "a-share-in-words",
            "2015-07-20",
            "قتل ثلاثة مدنيين و20 في المئة من الجرحى أطفال في غارة على صعدة.",
            "ASSAULT",
            &[Fatalities(Some(3))],
        ),
    ]);
}

#[test]
fn taking_needs_a_place_taken() {
    run(&[
        single(
            "a-camp-taken-past-its-subject",
            "2015-08-10",
            "سيطرت قوات الجيش الوطني والمقاومة الشعبية أمس على معسكر اللواء 35 في تعز.",
            "ASSAULT",
            &[
                Actor1(Some("yemen-gov-forces")),
                Sub("Government regains territory"),
            ],
        ),
        single(
            "a-place-before-its-verb",
            "2015-08-10",
            "استعادت المقاومة الشعبية التلال التي سيطر عليها الحوثيون في لحج.",
            "ASSAULT",
            &[Actor1(Some("popular-resistance"))],
        ),
        Case {
            name: "a-certificate-is-not-freed",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "حررت وزارة الصحة شهادة لكل موظف عاد إلى عمله.",
            count: Some(0),
            absent: &[],
            expect: &[],
        },
        none_of(
            "editors-in-chief-free-nothing",
            "2015-08-10",
            "التقى السفير السعودي في القاهرة رؤساء تحرير الصحف المصرية.",
            &["ASSAULT"],
        ),
        none_of(
            "control-of-the-situation",
            "2015-08-10",
            "قال مدير الأمن إن الأجهزة الأمنية تمكنت من السيطرة على الوضع في المدينة.",
            &["ASSAULT"],
        ),
    ]);
}

#[test]
fn facing_and_posing_a_threat_are_no_events() {
    run(&[
        none_of(
            "cooperation-in-facing-terror",
            "2015-08-10",
            "أكد وزير الخارجية السعودي أهمية التعاون مع مصر في مواجهة تنظيم داعش.",
            &["ASSAULT"],
        ),
        none_of(
            "a-group-poses-a-threat",
            "2015-08-10",
            "قال الخبراء إن تنظيم القاعدة يشكل تهديدا للأمن في الخليج.",
            &["THREATEN"],
        ),
        single(
            "a-clash-between-two-groups",
            "2015-08-10",
            "اندلعت مواجهة مسلحة بين عناصر من داعش وتنظيم القاعدة في المكلا.",
            "ASSAULT",
            &[Sub("Armed clash")],
        ),
    ]);
}

#[test]
fn an_act_told_as_a_purpose_is_no_event() {
    run(&[none_of(
        "fighters-sent-to-free-a-town",
        "2015-08-10",
        "وصل مئات المقاتلين إلى لحج أمس بهدف تحرير مدينة الحوطة من الحوثيين.",
        &["ASSAULT"],
    )]);
    run(&[single(
        "a-strike-with-a-purpose-is-still-a-strike",
        "2015-08-10",
        "شنت مقاتلات التحالف غارات على مواقع الحوثيين في لحج أمس بهدف تحرير مدينة الحوطة.",
        "ASSAULT",
        &[Actor1(Some("saudi-led-coalition")), Sub("Air/drone strike")],
    )]);
}

#[test]
fn an_agent_phrase_after_a_statement_names_the_act_spoken_of() {
    run(&[
        single(
            "a-condemnation-of-statements-by-officials",
            "2015-08-10",
            "قالت وكالة الأنباء إن مملكة البحرين أدانت بشدة التصريحات العدائية من قبل مسؤولي الإيرانيين.",
            "ACCUSE",
            &[Actor1(Some("bahrain")), Actor2(Some("iran"))],
        ),
        single(
            "a-call-to-end-violence-by-a-group",
            "2015-08-10",
            "طالبت الحكومة اليمنية الأمم المتحدة بوقف الاعتداءات من قبل الحوثيين على المدنيين.",
            "REQUEST",
            &[Actor1(Some("yemen-government")), Actor2(Some("un"))],
        ),
    ]);
}

#[test]
fn a_final_ta_marbuta_is_no_pronoun() {
    run(&[
        none_of(
            "students-request-nothing",
            "2015-08-10",
            "استقبل وزير الخارجية المصري طلبة الكلية الحربية في القاهرة.",
            &["REQUEST"],
        ),
        none_of(
            "a-cautious-kingdom-warns-no-one",
            "2015-08-10",
            "كانت السعودية حذرة في التعامل مع إيران.",
            &["THREATEN"],
        ),
        single(
            "a-siege-keeps-its-ta-marbuta",
            "2015-08-10",
            "تواصل المقاومة الشعبية محاصرة الحوثيين في مدينة زنجبار.",
            "COERCE",
            &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
        ),
    ]);
}

#[test]
fn people_named_after_an_appeal_are_its_addressees() {
    run(&[
        Case {
            name: "likewise-it-asked-the-residents",
            pub_date: Some("2015-08-10"),
            title: "",
            body: "وأعلنت المقاومة الشعبية في لودر سيطرتها على مواقع جديدة، كما طالبت السكان في المدينة بتوخي الحيطة والحذر.",
            count: None,
            absent: &[],
            expect: &[Expect {
                plover: "REQUEST",
                nth: 0,
                checks: &[
                    Actor1(Some("popular-resistance")),
                    Actor2(Some("civilians")),
                ],
            }],
        },
        none_of("a-mosque-named-after-a-companion", "2015-08-10", "زار الأمير مسجد الإمام علي بن أبي طالب في القديح وقدم العزاء للمواطنين.", &["REQUEST"]),
    ]);
}

#[test]
fn a_request_from_someone_is_theirs() {
    run(&[
        single(
            "at-the-request-of-the-president",
            "2015-08-10",
            "جاء تدخل المملكة ودول التحالف بناء على طلب من الرئيس الشرعي عبدربه منصور هادي.",
            "REQUEST",
            &[Actor1(Some("yemen-government"))],
        ),
        single(
            "at-the-presidents-request",
            "2015-08-10",
            "وصل المبعوث الأممي إلى عدن بناء على طلب الرئيس هادي.",
            "REQUEST",
            &[Actor1(Some("yemen-government"))],
        ),
    ]);
}

#[test]
fn a_sides_own_fighters_named_by_a_pronoun_are_that_side() {
    run(&[
        single(
            "the-resistance-says-its-fighters-attacked",
            "2015-08-10",
            "وقالت المقاومة الشعبية في صنعاء إن مسلحيها استهدفوا تجمعا للميليشيات الحوثية قرب البنك المركزي.",
            "ASSAULT",
            &[Actor1(Some("popular-resistance")), Actor2(Some("houthis"))],
        ),
        single(
            "the-coalition-says-its-aircraft-struck",
            "2015-08-10",
            "أعلن التحالف العربي أن طائراته قصفت مواقع الحوثيين في صعدة.",
            "ASSAULT",
            &[Actor1(Some("saudi-led-coalition")), Actor2(Some("houthis"))],
        ),
    ]);
}

#[test]
fn a_verb_with_its_own_plural_subject_keeps_the_clause_befores_object_out() {
    assert_sides(
        "killed-one-leader-and-captured-another",
        "2015-08-10",
        "قالت المقاومة إن مقاتليها تمكنوا من قتل القيادي الحوثي أبو مجاهد، كما أسروا القيادي المتمرد أبو محسن مع 15 آخرين.",
        "COERCE",
        ["popular-resistance", "houthis"],
    );
}

#[test]
fn allies_are_never_opposite_sides() {
    // In 2015 the Houthis and Saleh's forces fought together (data/alliances.tsv).
    let clash = first_event(
        "houthis-and-saleh-forces-lose-men",
        "2015-08-10",
        "قتل عدد من الحوثيين وقوات صالح خلال الاشتباكات التي اندلعت في تعز أمس.",
        "ASSAULT",
    );
    let sides = [actor_id(&clash.actor1), actor_id(&clash.actor2)];
    assert!(
        !(sides.contains(&Some("houthis")) && sides.contains(&Some("saleh-forces"))),
        "allies on opposite sides: {sides:?}"
    );
    // After their split (December 2017) they are two sides again.
    let clash = first_event(
        "houthis-against-saleh-forces-2017",
        "2017-12-03",
        "اندلعت اشتباكات عنيفة بين الحوثيين وقوات صالح في صنعاء أمس.",
        "ASSAULT",
    );
    let mut sides = [actor_id(&clash.actor1), actor_id(&clash.actor2)];
    sides.sort_unstable();
    assert_eq!(sides, [Some("houthis"), Some("saleh-forces")]);
}

#[test]
fn talks_named_without_their_parties_are_no_new_meeting() {
    run(&[none_of(
        "the-negotiating-table",
        "2015-08-10",
        "وقال مسؤول أمريكي إن إيران لن تتخلى عن الأسد لأن ذلك يعني وصولها إلى طاولة المفاوضات ضعيفة.",
        &["CONSULT"],
    )]);
}

#[test]
fn aid_carried_by_a_states_plane_or_ship_is_that_states() {
    run(&[
        single(
            "a-saudi-plane-delivers-medical-aid",
            "2015-07-22",
            "حطت طائرة سعودية عسكرية الأربعاء في مطار عدن حيث أوصلت شحنة جديدة من 25 طنا من المساعدات الطبية.",
            "AID",
            &[Actor1(Some("saudi-arabia")), Admin1(Some("YE24"))],
        ),
        single(
            "a-relief-plane-arrives",
            "2015-07-22",
            "أعلن مركز الملك سلمان للإغاثة وصول الطائرة الإغاثية الرابعة إلى مطار عدن وعلى متنها 20 طنا من الأدوية.",
            "AID",
            &[Actor1(Some("saudi-arabia")), Admin1(Some("YE24"))],
        ),
        none_of("a-delegation-plane-brings-no-aid", "2015-07-22", "وصلت طائرة الوفد الحكومي إلى مطار عدن صباح اليوم.", &["AID"]),
    ]);
}

#[test]
fn people_after_an_appeal_are_addressed_whatever_it_is_against() {
    assert_sides(
        "a-call-to-the-yemeni-people",
        "2015-08-01",
        "وأكد نائب الرئيس اليمني خالد بحاح خلال لقائه الأمين العام لمجلس التعاون في الرياض أن العلاقة تتوثق. ودعا الشعب اليمني بمختلف مكوناته إلى الوقوف صفا واحدا ضد ما تقوم به الميليشيات الحوثية.",
        "REQUEST",
        ["yemen-government", "civilians"],
    );
}

#[test]
fn an_office_named_with_lam_before_a_verb_is_not_its_object() {
    let capture = first_event(
        "the-resistance-office-on-a-capture",
        "2015-08-09",
        "قالت المقاومة الشعبية في البيضاء إن الحوثيين فروا من المدينة. وأشار المكتب الإعلامي للمقاومة إلى أن الثوار تمكنوا من قتل القيادي الحوثي أبو مجاهد، كما أسروا القيادي المتمرد أبو محسن مع 15 آخرين.",
        "COERCE",
    );
    assert_eq!(actor_id(&capture.actor1), Some("popular-resistance"));
    assert_eq!(actor_id(&capture.actor2), Some("houthis"));
    assert_eq!(capture.detained, Some(15));
}

#[test]
fn the_fronts_of_fighting_and_missile_defence_are_no_events() {
    run(&[
        none_of(
            "fighters-sent-to-the-fronts",
            "2015-08-10",
            "يحشد الحوثيون مقاتلين جددا من أبناء القبائل ويرسلونهم إلى جبهات القتال.",
            &["ASSAULT"],
        ),
        none_of(
            "a-missile-defence-system",
            "2015-08-10",
            "أعلن الوزير الأمريكي أن بلاده ستزود السعودية بنظام دفاع صاروخي مضاد للصواريخ.",
            &["ASSAULT"],
        ),
    ]);
}

#[test]
fn carrying_and_caution_are_no_blame_or_warning() {
    run(&[
        none_of(
            "the-storm-carried-hope",
            "2015-08-10",
            "حملت عاصفة الحزم لليمن عودة الأمل باستعادة الشرعية.",
            &["ACCUSE"],
        ),
        none_of(
            "a-more-cautious-stance",
            "2015-08-10",
            "قرر المرشد الإيراني اتخاذ موقف أكثر حذرا من الاتفاق مع الولايات المتحدة.",
            &["THREATEN"],
        ),
    ]);
}

#[test]
fn a_verb_takes_no_preposition() {
    // "بيتهم" is "their house", not "ب + يتهم" (accuses).
    run(&[none_of(
        "their-house",
        "2015-08-10",
        "عاد النازحون من أبناء عدن إلى بيتهم بعد خروج الحوثيين من المدينة.",
        &["ACCUSE"],
    )]);
}

#[test]
fn an_attack_word_with_a_proclitic_is_no_name() {
    run(&[single(
        "a-leader-killed-by-a-coalition-strike",
        "2015-07-20",
        "مقتل قائد حوثي بغارة للتحالف في صعدة.",
        "ASSAULT",
        &[
            Actor1(Some("saudi-led-coalition")),
            Actor2(Some("houthis")),
            Sub("Air/drone strike"),
            Fatalities(Some(1)),
        ],
    )]);
}

#[test]
fn an_aid_ship_arrives_without_a_named_sender() {
    run(&[single(
        "an-aid-ship-in-hodeidah",
        "2015-07-20",
        "وصلت سفينة مساعدات إلى ميناء الحديدة.",
        "AID",
        &[
            Actor1(None),
            Actor2(Some("civilians")),
            Admin1(Some("YE18")),
        ],
    )]);
}

#[test]
fn homes_and_markets_shelled_are_civilian_targets() {
    run(&[single(
        "houthi-artillery-on-homes",
        "2015-07-20",
        "قصفت مدفعية الحوثيين منازل المواطنين في تعز.",
        "ASSAULT",
        &[
            Actor1(Some("houthis")),
            Actor2(Some("civilians")),
            Admin1(Some("YE15")),
        ],
    )]);
}

#[test]
fn ribat_in_lahj_and_rabat_in_morocco() {
    run(&[
        single(
            "the-ribat-area-taken",
            "2015-08-10",
            "سيطرت المقاومة الشعبية على منطقة الرباط.",
            "ASSAULT",
            &[Admin1(Some("YE25"))],
        ),
        single(
            "a-statement-in-rabat",
            "2015-08-10",
            "وفي الرباط أدانت وزارة الخارجية المغربية الهجوم الإرهابي على مسجد في الكويت.",
            "ACCUSE",
            &[NotAdmin1("YE25")],
        ),
    ]);
}
