//! `rasd relation` on the two seed articles: the Houthi–AQAP dossier.

mod common;

use common::{ok, rasd, s, shared, SEEDS};
use serde_json::Value;

fn seeded_db(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let shared = shared()?;
    let db = dir.join("seeds.db");
    for (id, date) in SEEDS {
        let path = shared.join(format!("corpus/seeds/{id}.txt"));
        ok(&rasd(&[
            "ingest",
            s(&path),
            "--pub-date",
            date,
            "--db",
            s(&db),
            "-j",
            "1",
        ]));
    }
    Some(db)
}

#[test]
fn relation_of_houthis_and_aqap_lists_meetings_agreements_releases_in_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let Some(db) = seeded_db(dir.path()) else {
        return;
    };

    let out = ok(&rasd(&["relation", "houthis", "aqap", "--db", s(&db)]))
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let timeline: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Timeline")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with("    «"))
        .collect();
    assert!(timeline.len() >= 10, "{text}");
    // Dated events in date order, undated ones last.
    let dates: Vec<&str> = timeline.iter().map(|l| &l[..10]).collect();
    let dated: Vec<&str> = dates
        .iter()
        .copied()
        .filter(|d| !d.starts_with('-'))
        .collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);
    // The earliest contact the seeds report: Batarfi's statement of November 2021 or the
    // assassination at the start of 2022 (whichever the extractor keeps).
    let first = *dated.first().unwrap();
    assert!(["2021-11-01", "2022-01-01"].contains(&first), "{text}");
    let first_undated = dates
        .iter()
        .position(|d| d.starts_with('-'))
        .unwrap_or(dates.len());
    assert!(dates[first_undated..].iter().all(|d| d.starts_with('-')));
    // Meetings, agreements and releases, each with its evidence.
    let line = |date: &str, kind: &str| {
        timeline
            .iter()
            .find(|l| l.starts_with(date) && l.contains(kind))
            .unwrap_or_else(|| panic!("no {kind} on {date} in:\n{text}"))
    };
    assert!(line("2023-11-09", "CONSULT").contains("cooperation"));
    assert!(timeline
        .iter()
        .any(|l| l.contains("RETREAT") && l.contains("32 released")));
    assert!(line("2023-10-10", "RETREAT").contains("4 released"));
    assert!(line("2023-10-10", "ASSAULT").contains("conflict"));
    assert!(timeline
        .iter()
        .any(|l| l.contains("AGREE") && l.contains("cooperation")));
    assert!(text.contains(&format!("first contact {first}")), "{text}");
    assert!(
        text.contains("«") && text.contains("اجتماع"),
        "evidence spans are shown"
    );
    assert!(text.contains("\nPersons\n"), "the persons who link them");

    let out = ok(&rasd(&[
        "relation",
        "houthis",
        "aqap",
        "--db",
        s(&db),
        "--format",
        "json",
    ]))
    .stdout
    .clone();
    let r: Value = serde_json::from_slice(&out).unwrap();
    let events = r["events"].as_array().unwrap();
    assert_eq!(events.len(), timeline.len());
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["plover_type"].as_str().unwrap())
        .collect();
    for kind in ["CONSULT", "AGREE", "RETREAT", "ASSAULT", "AID"] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert!(events
        .iter()
        .all(|e| !e["evidence"].as_array().unwrap().is_empty()));
    let nov = r["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2023-11")
        .expect("November 2023");
    assert!(
        nov["cooperation"].as_u64().unwrap() >= 3 && nov["conflict"] == 0,
        "{nov}"
    );
    assert!(
        ["2021-11-01", "2022-01-01"].contains(&r["first_contact"].as_str().unwrap()),
        "{r}"
    );
    assert_eq!(r["last_contact"], "2023-11-20");
    let persons = r["persons"].as_array().unwrap();
    assert!(
        persons.iter().any(|p| p["affiliation"] == "aqap"),
        "{persons:?}"
    );
    // The hedged-last, most corroborated evidence list is bounded and non-empty.
    let strongest = r["strongest_evidence"].as_array().unwrap();
    assert!(!strongest.is_empty() && strongest.len() <= 10);

    // A date range narrows the dossier.
    let out = ok(&rasd(&[
        "relation",
        "aqap",
        "houthis",
        "--db",
        s(&db),
        "--from",
        "2023-11-01",
        "--format",
        "json",
    ]))
    .stdout
    .clone();
    let r: Value = serde_json::from_slice(&out).unwrap();
    let dates: Vec<&str> = r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    // The meetings from 7 November on, in date order (the 7th may be told twice: the
    // meeting and the coordination it agreed).
    let mut uniq = dates.clone();
    uniq.dedup();
    assert_eq!(uniq, vec!["2023-11-07", "2023-11-09", "2023-11-20"]);
    // Seen from aqap, a Houthi-initiated meeting is b→a.
    assert!(r["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["stance"] == "b_to_a"));
}

#[test]
fn relation_without_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = rasd(&["relation", "houthis", "aqap", "--db", s(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("none.db: no such database"), "{err}");
}
