//! The learned keep/drop filter (data/model/filter.tsv) on whole articles: it keeps the
//! well-attested events and drops candidates the rules propose on thin evidence.

use chrono::NaiveDate;
use rasd_extract::{Extractor, FilterModel, FEATURES};
use rasd_model::Document;

/// A short report written for this test: one attack told in the title and the lead, a
/// follow-up sentence, and an analysts' paragraph whose "continues to mobilize" is no
/// dated event against the government.
const ARTICLE_TITLE: &str = "مقتل ثلاثة جنود بهجوم للحوثيين في مأرب";
const ARTICLE_BODY: &str = "مأرب - قال مصدر عسكري إن ثلاثة جنود من الجيش الوطني قتلوا، مساء الخميس، في هجوم شنه مسلحو جماعة الحوثي على موقع عسكري في مديرية صرواح غرب محافظة مأرب.

وأضاف المصدر أن قوات الجيش تصدت للهجوم وأجبرت المهاجمين على التراجع.

وتأتي هذه التطورات في ظل تصعيد مستمر، حيث تواصل الجماعة حشد مقاتليها، فيما يرى محللون أن الحكومة فشلت في وقف الهجمات وأن القصف يطال القرى بشكل يومي.";

fn article() -> Document {
    let mut doc = Document::new("filter-article", ARTICLE_TITLE, ARTICLE_BODY);
    doc.pub_date = NaiveDate::from_ymd_opt(2024, 3, 8);
    doc
}

#[test]
fn the_built_in_model_has_a_weight_per_feature_and_a_threshold() {
    let extractor = Extractor::builtin().unwrap();
    let model = extractor.filter().expect("a built-in filter");
    assert_eq!(model.weights.len(), FEATURES.len());
    assert!(
        model.threshold > 0.05 && model.threshold < 0.95,
        "{}",
        model.threshold
    );
    assert!(model.weights.iter().all(|w| w.is_finite()));
}

#[test]
fn the_filter_keeps_the_attack_and_scores_the_analysts_words_far_lower() {
    let extractor = Extractor::builtin().unwrap();
    let model = extractor.filter().unwrap();
    let doc = article();

    // The rules alone also propose the analysts' "mobilization" against the government.
    let candidates = extractor.candidates(&doc);
    assert!(candidates.iter().all(|(_, f)| f.len() == FEATURES.len()));
    let types: Vec<&str> = candidates
        .iter()
        .map(|(e, _)| e.plover.event_type.as_str())
        .collect();
    assert_eq!(types, ["ASSAULT", "MOBILIZE"]);
    let attack_score = model.score(&candidates[0].1);
    let analysts_score = model.score(&candidates[1].1);
    assert!(
        attack_score > analysts_score + 0.2 && attack_score > model.threshold + 0.2,
        "attack {attack_score}, analysts {analysts_score}, threshold {}",
        model.threshold
    );

    // What is kept is exactly the candidates at or above the threshold, scored.
    let kept = extractor.extract(&doc).events;
    let expected: Vec<&str> = candidates
        .iter()
        .filter(|(_, f)| model.keeps(f))
        .map(|(e, _)| e.event_id.as_str())
        .collect();
    let ids: Vec<&str> = kept.iter().map(|e| e.event_id.as_str()).collect();
    assert_eq!(ids, expected);
    let attack = &kept[0];
    assert_eq!(attack.plover.event_type, "ASSAULT");
    assert_eq!(attack.actor1.as_ref().unwrap().id, "houthis");
    assert_eq!(attack.actor2.as_ref().unwrap().id, "yemen-gov-forces");
    assert_eq!(attack.fatalities, Some(3));
    assert_eq!(attack.date.start.as_deref(), Some("2024-03-07"));
    let loc = attack.location.as_ref().unwrap();
    assert_eq!(loc.admin2_pcode.as_deref(), Some("YE2606"));
    // Title and lead are one event.
    assert!(attack.evidence[0].text.contains("بهجوم للحوثيين"));
    assert!(attack.evidence[1].text.contains("مديرية صرواح"));
    // Its confidence is the filter's score.
    assert!(
        (attack.confidence - attack_score).abs() < 0.01,
        "{}",
        attack.confidence
    );

    let unfiltered = extractor.with_filter(None).extract(&doc).events;
    assert_eq!(unfiltered.len(), 2);
    assert_eq!(unfiltered[0].event_id, attack.event_id);
}

#[test]
fn a_stricter_threshold_drops_more_and_none_keeps_every_candidate() {
    let extractor = Extractor::builtin().unwrap();
    let doc = article();
    let model = extractor.filter().unwrap().clone();
    let strict = extractor.with_filter(Some(FilterModel {
        threshold: 1.0,
        ..model.clone()
    }));
    assert!(strict.extract(&doc).events.is_empty());
    let lenient = extractor.with_filter(Some(FilterModel {
        threshold: 0.0,
        ..model
    }));
    assert_eq!(
        lenient.extract(&doc).events.len(),
        extractor.candidates(&doc).len()
    );
}
