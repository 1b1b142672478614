//! `--scope yemen|all` on `rasd extract` and `rasd ingest`, and the country of events
//! through `rasd export`. The articles are short texts written for this test.

mod common;

use common::{ok, rasd, s};
use serde_json::Value;

/// Two articles: an Israeli strike in Gaza (no Yemeni actor, not in Yemen) and a Houthi
/// missile on Eilat (a Yemeni actor, in Israel).
fn articles(dir: &std::path::Path) -> std::path::PathBuf {
    let news = dir.join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("gaza.txt"),
        "غارات إسرائيلية على خان يونس\n\nشن جيش الاحتلال الإسرائيلي غارات على مدينة خان يونس \
         جنوب قطاع غزة.\n",
    )
    .unwrap();
    std::fs::write(
        news.join("eilat.txt"),
        "صاروخ حوثي على إيلات\n\nأطلق الحوثيون صاروخا باليستيا على مدينة إيلات جنوب إسرائيل.\n",
    )
    .unwrap();
    news
}

fn countries(jsonl: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = String::from_utf8_lossy(jsonl)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .map(|v| v["location"]["country"].as_str().unwrap_or("-").to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn extract_scope_yemen_drops_events_without_yemen() {
    let dir = tempfile::tempdir().unwrap();
    let news = articles(dir.path());
    let all = rasd(&["extract", s(&news), "--pub-date", "2024-06-14"]);
    assert_eq!(countries(&ok(&all).stdout), ["ISR", "PSE"]);
    let explicit = rasd(&[
        "extract",
        s(&news),
        "--pub-date",
        "2024-06-14",
        "--scope",
        "all",
    ]);
    assert_eq!(ok(&explicit).stdout, all.stdout, "all is the default");
    let yemen = rasd(&[
        "extract",
        s(&news),
        "--pub-date",
        "2024-06-14",
        "--scope",
        "yemen",
    ]);
    assert_eq!(
        countries(&ok(&yemen).stdout),
        ["ISR"],
        "the Houthi missile stays"
    );
    let bad = rasd(&["extract", s(&news), "--scope", "gaza"]);
    assert!(!bad.status.success());
}

#[test]
fn ingest_scope_yemen_stores_only_yemens_events_and_export_filters_by_country() {
    let dir = tempfile::tempdir().unwrap();
    let news = articles(dir.path());
    let db = dir.path().join("events.db");
    ok(&rasd(&[
        "ingest",
        s(&news),
        "--db",
        s(&db),
        "--pub-date",
        "2024-06-14",
        "--scope",
        "yemen",
    ]));
    let out = rasd(&["export", "--db", s(&db), "--format", "jsonl"]);
    assert_eq!(countries(&ok(&out).stdout), ["ISR"]);

    let db_all = dir.path().join("all.db");
    ok(&rasd(&[
        "ingest",
        s(&news),
        "--db",
        s(&db_all),
        "--pub-date",
        "2024-06-14",
    ]));
    let pse = rasd(&[
        "export",
        "--db",
        s(&db_all),
        "--format",
        "jsonl",
        "--country",
        "PSE",
    ]);
    assert_eq!(countries(&ok(&pse).stdout), ["PSE"]);
    let csv = rasd(&[
        "export",
        "--db",
        s(&db_all),
        "--format",
        "csv",
        "--country",
        "isr",
    ]);
    let text = String::from_utf8(ok(&csv).stdout.clone()).unwrap();
    assert!(text.contains(",376,Middle East,Israel,"), "{text}");
}

#[test]
fn help_explains_the_scope() {
    for cmd in ["extract", "ingest"] {
        let out = rasd(&[cmd, "--help"]);
        let help = String::from_utf8(ok(&out).stdout.clone()).unwrap();
        assert!(help.contains("--scope"), "{cmd}");
        assert!(help.contains("Yemeni actor"), "{cmd}: {help}");
    }
}
