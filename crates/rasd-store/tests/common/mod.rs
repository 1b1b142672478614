//! Test fixtures: documents and events built by hand. Every Arabic sentence here was
//! written for these tests (no corpus text); glosses are in the comments.
#![allow(dead_code)]

use chrono::NaiveDate;
use rasd_model::{
    AcledCoding, ActorRef, DateWindow, Document, Event, Evidence, Location, Plover, Precision,
};
use rasd_store::ActorRow;

pub fn doc(id: &str, outlet: Option<&str>, pub_date: &str, title: &str, body: &str) -> Document {
    let mut d = Document::new(id, title, body);
    d.source = outlet.map(str::to_string);
    d.url = outlet.map(|o| format!("https://{o}.example/{id}"));
    d.pub_date = NaiveDate::parse_from_str(pub_date, "%Y-%m-%d").ok();
    d.origin = format!("{id}.txt");
    d
}

pub fn actor_name(id: &str) -> &'static str {
    match id {
        "houthis" => "Houthi Movement - Ansar Allah",
        "houthi-security" => "Houthi Security and Intelligence Service",
        "yemen-gov-forces" => "Military Forces of Yemen (2012-)",
        "aqap" => "AQAP: Al Qaeda in the Arabian Peninsula",
        "shabwa-defense" => "Shabwani Defence Forces (Shabwani Elite)",
        "civilians" => "Civilians (Yemen)",
        "saudi-led-coalition" => "Saudi-led Coalition",
        "protesters" => "Protesters (Yemen)",
        _ => "Unknown actor",
    }
}

pub fn actor(id: &str) -> ActorRef {
    ActorRef {
        id: id.to_string(),
        name: actor_name(id).to_string(),
        text: None,
    }
}

pub fn actor_rows() -> Vec<ActorRow> {
    let row = |id: &str, parent: Option<&str>, category: u8| ActorRow {
        id: id.to_string(),
        name: actor_name(id).to_string(),
        parent: parent.map(str::to_string),
        category,
    };
    vec![
        row("houthis", None, 2),
        row("houthi-security", Some("houthis"), 2),
        row("yemen-gov-forces", None, 1),
        row("aqap", None, 2),
        row("shabwa-defense", None, 3),
        row("civilians", None, 7),
        row("saudi-led-coalition", None, 8),
        row("protesters", None, 6),
    ]
}

/// Places: (name, name_ar, admin1, admin1_pcode, admin2, admin2_pcode, lat, lon, geo).
pub fn place(key: &str) -> Location {
    let (name, name_ar, a1, p1, a2, p2, lat, lon, geo) = match key {
        "sirwah" => (
            "Sirwah",
            "صرواح",
            "Ma'rib",
            "YE26",
            Some("Sirwah"),
            Some("YE2606"),
            15.44658,
            45.01937,
            1,
        ),
        "harib" => (
            "Harib",
            "حريب",
            "Ma'rib",
            "YE26",
            Some("Harib"),
            Some("YE2609"),
            14.92133,
            45.37666,
            1,
        ),
        "marib" => (
            "Ma'rib", "مأرب", "Ma'rib", "YE26", None, None, 15.4951, 45.52088, 3,
        ),
        "ataq" => (
            "Ataq",
            "عتق",
            "Shabwah",
            "YE21",
            Some("Ataq"),
            Some("YE2113"),
            14.56553,
            46.84488,
            1,
        ),
        "aden" => (
            "Aden", "عدن", "Aden", "YE24", None, None, 12.83553, 44.80032, 1,
        ),
        other => panic!("no fixture place {other}"),
    };
    Location {
        name: name.into(),
        name_ar: name_ar.into(),
        country: "YEM".into(),
        admin1: Some(a1.into()),
        admin1_pcode: Some(p1.into()),
        admin2: a2.map(Into::into),
        admin2_pcode: p2.map(Into::into),
        lat: Some(lat),
        lon: Some(lon),
        geo_precision: geo,
        text: Some(name_ar.into()),
    }
}

/// ACLED coding and CAMEO/Goldstein for a sub-event type.
fn coding(sub: &str) -> (AcledCoding, &'static str, f64) {
    let (disorder, event_type, cameo, goldstein) = match sub {
        "Armed clash" => ("Political violence", "Battles", "193", -10.0),
        "Shelling/artillery/missile attack" => (
            "Political violence",
            "Explosions/Remote violence",
            "194",
            -10.0,
        ),
        "Air/drone strike" => (
            "Political violence",
            "Explosions/Remote violence",
            "195",
            -10.0,
        ),
        "Remote explosive/landmine/IED" => (
            "Political violence",
            "Explosions/Remote violence",
            "183",
            -10.0,
        ),
        "Abduction/forced disappearance" => (
            "Political violence",
            "Violence against civilians",
            "181",
            -9.0,
        ),
        "Peaceful protest" => ("Demonstrations", "Protests", "141", -6.5),
        "Agreement" => (
            "Strategic developments",
            "Strategic developments",
            "057",
            8.0,
        ),
        "Arrests" => (
            "Strategic developments",
            "Strategic developments",
            "173",
            -5.0,
        ),
        other => panic!("no fixture coding for {other}"),
    };
    (
        AcledCoding {
            disorder_type: disorder.into(),
            event_type: event_type.into(),
            sub_event_type: sub.into(),
            interaction: String::new(),
        },
        cameo,
        goldstein,
    )
}

/// Builder for one extracted event.
#[derive(Clone)]
pub struct Ev {
    pub plover: &'static str,
    pub sub: &'static str,
    pub date: (&'static str, &'static str, Precision),
    pub place: Option<&'static str>,
    pub actor1: Option<&'static str>,
    pub actor2: Option<&'static str>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub hedged: bool,
    /// A phrase of the document's text (the evidence).
    pub evidence: &'static str,
}

impl Ev {
    pub fn new(
        plover: &'static str,
        sub: &'static str,
        day: &'static str,
        evidence: &'static str,
    ) -> Ev {
        Ev {
            plover,
            sub,
            date: (day, day, Precision::Day),
            place: None,
            actor1: None,
            actor2: None,
            fatalities: None,
            injured: None,
            hedged: false,
            evidence,
        }
    }
    pub fn at(mut self, place: &'static str) -> Ev {
        self.place = Some(place);
        self
    }
    pub fn actors(mut self, a1: &'static str, a2: Option<&'static str>) -> Ev {
        self.actor1 = Some(a1);
        self.actor2 = a2;
        self
    }
    pub fn killed(mut self, n: u32) -> Ev {
        self.fatalities = Some(n);
        self
    }
    pub fn wounded(mut self, n: u32) -> Ev {
        self.injured = Some(n);
        self
    }
    pub fn window(mut self, start: &'static str, end: &'static str, p: Precision) -> Ev {
        self.date = (start, end, p);
        self
    }

    /// The event as the extractor would give it for `doc`.
    pub fn build(&self, doc: &Document) -> Event {
        let byte = doc
            .text
            .find(self.evidence)
            .unwrap_or_else(|| panic!("evidence not in {}: {}", doc.id, self.evidence));
        let start = doc.text[..byte].chars().count();
        let end = start + self.evidence.chars().count();
        let (acled, cameo, goldstein) = coding(self.sub);
        let start_s = start.to_string();
        Event {
            event_id: rasd_model::stable_id("ev", &[&doc.id, &start_s, self.plover]),
            doc_id: doc.id.clone(),
            plover: Plover {
                event_type: self.plover.into(),
                mode: None,
            },
            cameo: cameo.into(),
            goldstein,
            acled,
            date: DateWindow {
                start: Some(self.date.0.into()),
                end: Some(self.date.1.into()),
                precision: self.date.2,
                text: None,
            },
            location: self.place.map(place),
            actor1: self.actor1.map(actor),
            actor2: self.actor2.map(actor),
            assoc_actor1: vec![],
            assoc_actor2: vec![],
            persons: vec![],
            fatalities: self.fatalities,
            injured: self.injured,
            detained: None,
            released: None,
            hedged: self.hedged,
            claimed: false,
            attribution: None,
            evidence: vec![Evidence {
                start,
                end,
                text: self.evidence.into(),
            }],
            trigger: None,
            confidence: 0.7,
        }
    }
}

/// A document with its events.
pub type Item = (Document, Vec<Event>);

pub fn item(doc: Document, evs: &[Ev]) -> Item {
    let events = evs.iter().map(|e| e.build(&doc)).collect();
    (doc, events)
}

/// Outlet A, 2023-11-08: "Five soldiers of the national army were killed and three
/// others wounded on Tuesday evening in an attack by the Houthi militia on military
/// positions in Sirwah district, west of Marib governorate, a military source said."
pub fn report_a() -> Item {
    let d = doc(
        "almasdar-1001",
        Some("almasdar"),
        "2023-11-08",
        "مقتل خمسة جنود بهجوم حوثي في صرواح",
        "قُتل خمسة جنود من الجيش الوطني وأصيب ثلاثة آخرون، مساء الثلاثاء، في هجوم شنته مليشيا الحوثي على مواقع عسكرية في مديرية صرواح غربي محافظة مأرب، بحسب مصدر عسكري.",
    );
    item(
        d,
        &[Ev::new(
            "ASSAULT",
            "Armed clash",
            "2023-11-07",
            "قُتل خمسة جنود من الجيش الوطني",
        )
        .at("sirwah")
        .actors("houthis", Some("yemen-gov-forces"))
        .killed(5)
        .wounded(3)],
    )
}

/// Outlet B, 2023-11-08, other wording and figure: "Local sources reported that seven
/// members of the government forces died after a Houthi attack targeted their positions
/// on the Sirwah front in Marib on Tuesday evening."
pub fn report_b() -> Item {
    let d = doc(
        "adengad-2002",
        Some("aden-alghad"),
        "2023-11-08",
        "سبعة قتلى من القوات الحكومية في جبهة صرواح",
        "أفادت مصادر محلية بأن سبعة من أفراد القوات الحكومية لقوا حتفهم إثر هجوم للحوثيين استهدف مواقعهم في جبهة صرواح بمأرب مساء أمس الثلاثاء.",
    );
    item(
        d,
        &[Ev::new(
            "ASSAULT",
            "Armed clash",
            "2023-11-07",
            "سبعة من أفراد القوات الحكومية لقوا حتفهم",
        )
        .at("marib")
        .actors("houthis", Some("yemen-gov-forces"))
        .killed(7)],
    )
}

/// Outlet A again, 2023-11-20, background paragraph: "The Houthi militia had launched,
/// on the seventh of this November, an attack on army positions in Sirwah that killed
/// five soldiers." Also a new event: "Houthi shelling on Harib district wounded four
/// civilians on Sunday."
pub fn report_a_background() -> Item {
    let d = doc(
        "almasdar-1050",
        Some("almasdar"),
        "2023-11-20",
        "تصعيد حوثي جديد في مأرب",
        "أصيب أربعة مدنيين جراء قصف حوثي استهدف مديرية حريب يوم الأحد. وكانت مليشيا الحوثي قد شنت في السابع من نوفمبر الجاري هجوماً على مواقع الجيش في صرواح أسفر عن مقتل خمسة جنود.",
    );
    item(
        d,
        &[
            Ev::new(
                "ASSAULT",
                "Shelling/artillery/missile attack",
                "2023-11-19",
                "أصيب أربعة مدنيين جراء قصف حوثي",
            )
            .at("harib")
            .actors("houthis", Some("civilians"))
            .wounded(4),
            Ev::new(
                "ASSAULT",
                "Armed clash",
                "2023-11-07",
                "هجوماً على مواقع الجيش في صرواح",
            )
            .at("sirwah")
            .actors("houthis", Some("yemen-gov-forces"))
            .killed(5),
        ],
    )
}

/// Outlet B, 2023-11-09, unrelated: "An explosive device planted by Al-Qaeda members
/// targeted a Shabwa Defence Forces patrol in the city of Ataq yesterday, killing two
/// soldiers."
pub fn report_c() -> Item {
    let d = doc(
        "adengad-2010",
        Some("aden-alghad"),
        "2023-11-09",
        "انفجار عبوة ناسفة في عتق",
        "استهدفت عبوة ناسفة زرعها عناصر تنظيم القاعدة دورية لقوات دفاع شبوة في مدينة عتق أمس، ما أدى إلى مقتل جنديين.",
    );
    item(
        d,
        &[Ev::new(
            "ASSAULT",
            "Remote explosive/landmine/IED",
            "2023-11-08",
            "عبوة ناسفة زرعها عناصر تنظيم القاعدة",
        )
        .at("ataq")
        .actors("aqap", Some("shabwa-defense"))
        .killed(2)],
    )
}

/// Outlet C, 2023-11-08: same type, governorate and day as report A, but another
/// target: "Houthi shells hit a residential neighbourhood in Marib killing two
/// children on Tuesday."
pub fn report_d() -> Item {
    let d = doc(
        "sabanew-3003",
        Some("sabanew"),
        "2023-11-08",
        "قصف حوثي على حي سكني في مأرب",
        "قتل طفلان جراء سقوط قذائف أطلقتها مليشيا الحوثي على حي سكني في مدينة مأرب يوم الثلاثاء.",
    );
    item(
        d,
        &[Ev::new(
            "ASSAULT",
            "Shelling/artillery/missile attack",
            "2023-11-07",
            "قذائف أطلقتها مليشيا الحوثي على حي سكني",
        )
        .at("marib")
        .actors("houthis", Some("civilians"))
        .killed(2)],
    )
}

/// Outlet C, 2023-11-10: a protest with no second actor, in Aden, dated by week:
/// "Hundreds of Aden residents demonstrated this week against the power cuts."
pub fn report_e() -> Item {
    let d = doc(
        "sabanew-3010",
        Some("sabanew"),
        "2023-11-10",
        "احتجاجات على انقطاع الكهرباء في عدن",
        "تظاهر مئات من سكان عدن خلال الأسبوع الجاري احتجاجاً على الانقطاعات المتكررة للكهرباء.",
    );
    item(
        d,
        &[Ev::new(
            "PROTEST",
            "Peaceful protest",
            "2023-11-06",
            "تظاهر مئات من سكان عدن",
        )
        .window("2023-11-06", "2023-11-10", Precision::Week)
        .at("aden")
        .actors("protesters", None)],
    )
}

/// An event without a place: "The coalition announced that it intercepted a drone
/// launched by the Houthis." (2023-11-12)
pub fn report_f() -> Item {
    let d = doc(
        "almasdar-1060",
        Some("almasdar"),
        "2023-11-12",
        "التحالف يعترض طائرة مسيرة",
        "أعلن التحالف أنه اعترض طائرة مسيرة أطلقتها مليشيا الحوثي.",
    );
    item(
        d,
        &[Ev::new(
            "ASSAULT",
            "Air/drone strike",
            "2023-11-12",
            "طائرة مسيرة أطلقتها مليشيا الحوثي",
        )
        .actors("houthis", Some("saudi-led-coalition"))],
    )
}
