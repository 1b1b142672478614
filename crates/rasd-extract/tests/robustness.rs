//! The extractor never panics and its evidence is always verbatim, whatever the text:
//! random mixes of Arabic words, digits, punctuation, diacritics and noise.

use std::sync::OnceLock;

use proptest::prelude::*;
use rasd_extract::Extractor;
use rasd_model::Document;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builtin().expect("built-in rules load"))
}

/// Words that make the extractor work hard: triggers, actors, places, dates, numbers,
/// role markers, plus noise.
const WORDS: &[&str] = &[
    "قتل",
    "مقتل",
    "أصيب",
    "غارات",
    "اشتباكات",
    "بين",
    "مع",
    "على",
    "ضد",
    "من",
    "و",
    "في",
    "الحوثيين",
    "تنظيم القاعدة",
    "المقاومة الشعبية",
    "التحالف",
    "مسلحون",
    "مجهولون",
    "مدنيين",
    "صنعاء",
    "عدن",
    "بمحافظة",
    "أبين",
    "مديرية",
    "المحفد",
    "أمس",
    "الجمعة",
    "الماضية",
    "بعدها",
    "بيوم",
    "نوفمبر",
    "2023",
    "7",
    "-",
    "14",
    "ثلاثة",
    "عشرات",
    "،",
    ".",
    "الاتفاق",
    "اجتماع",
    "الطرفين",
    "يعتقد",
    "بانتمائها",
    "ل",
    "ب",
    "لل",
    "الإفراج",
    "عن",
    "\u{064B}",
    "\u{0640}",
    "\u{FEFB}",
    "٣",
    "«",
    "»",
    "x",
    "\n",
    "اليوم",
    "الخميس",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_and_evidence_is_verbatim(
        picks in prop::collection::vec(0..WORDS.len(), 0..80),
        with_date in any::<bool>(),
    ) {
        let body: String = picks.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let mut doc = Document::new("p", "عنوان", body);
        doc.pub_date = with_date.then(|| chrono::NaiveDate::from_ymd_opt(2023, 11, 23)).flatten();
        let out = extractor().extract(&doc);
        for e in &out.events {
            for ev in &e.evidence {
                prop_assert!(ev.start <= ev.end);
                prop_assert_eq!(&doc.slice(ev.span()), &ev.text);
            }
            prop_assert!(e.actor1.as_ref().zip(e.actor2.as_ref()).is_none_or(|(a, b)| a.id != b.id));
        }
    }
}
