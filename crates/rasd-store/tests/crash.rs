//! Robustness at corpus scale: a synthetic corpus (generated sentences, no corpus
//! text) ingested in batches; a process killed with SIGKILL in the middle of an ingest
//! leaves a consistent database, and rerunning gives exactly the uninterrupted result.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use common::*;
use rasd_model::{Event, Evidence};
use rasd_store::{Filter, Store};

const PLACES: [&str; 5] = ["sirwah", "harib", "marib", "ataq", "aden"];
const PAIRS: [(&str, &str, &str, &str); 4] = [
    ("ASSAULT", "Armed clash", "houthis", "yemen-gov-forces"),
    (
        "ASSAULT",
        "Remote explosive/landmine/IED",
        "aqap",
        "shabwa-defense",
    ),
    (
        "ASSAULT",
        "Shelling/artillery/missile attack",
        "houthis",
        "civilians",
    ),
    ("PROTEST", "Peaceful protest", "protesters", "civilians"),
];
const OUTLETS: [&str; 5] = ["almasdar", "aden-alghad", "sabanew", "alayyam", "khabar"];

/// Document `i` reports real events `i`, `i + 1` and `i + 2` (so each real event is
/// reported by three documents of different outlets, with different figures).
fn corpus(n_docs: usize) -> Vec<Item> {
    let day0 = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    (0..n_docs)
        .map(|i| {
            let reals: Vec<usize> = (i..i + 3).map(|r| r % n_docs).collect();
            // "Clashes number N took place between the two sides in the area."
            let sentences: Vec<String> = reals
                .iter()
                .map(|r| format!("وقعت المواجهة رقم {r} بين الطرفين في المنطقة."))
                .collect();
            let d = doc(
                &format!("synthetic-{i:05}"),
                Some(OUTLETS[i % OUTLETS.len()]),
                &(day0 + Days::new((i / 2) as u64 + 1)).to_string(),
                &format!("نشرة أخبار رقم {i}"),
                &sentences.join(" "),
            );
            let events: Vec<Event> = reals
                .iter()
                .zip(&sentences)
                .map(|(&r, sentence)| {
                    let (plover, sub, a1, a2) = PAIRS[r % PAIRS.len()];
                    let day = (day0 + Days::new((r / 2) as u64)).to_string();
                    let template = Ev::new(plover, sub, "2023-01-01", "نشرة")
                        .at(PLACES[r % PLACES.len()])
                        .actors(a1, Some(a2))
                        .killed((r % 4) as u32 + (i % 3) as u32);
                    let mut e = template.build(&d);
                    e.date.start = Some(day.clone());
                    e.date.end = Some(day);
                    let start = d.text.find(sentence.as_str()).unwrap();
                    let start = d.text[..start].chars().count();
                    e.evidence = vec![Evidence {
                        start,
                        end: start + sentence.chars().count(),
                        text: sentence.clone(),
                    }];
                    e.event_id = rasd_model::stable_id("ev", &[&d.id, &start.to_string(), plover]);
                    e
                })
                .collect();
            (d, events)
        })
        .collect()
}

const CRASH_DOCS: usize = 600;
const CRASH_BATCH: usize = 10;

fn ingest_all(store: &mut Store, items: &[Item], batch: usize) {
    for chunk in items.chunks(batch) {
        store.ingest_batch(chunk).unwrap();
    }
}

/// Not a test on its own: the child process of `a_killed_ingest_recovers`.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var("RASD_STORE_CRASH_DB") else {
        return;
    };
    let mut store = Store::open(path).unwrap();
    store.upsert_actors(&actor_rows()).unwrap();
    ingest_all(&mut store, &corpus(CRASH_DOCS), CRASH_BATCH);
}

#[test]
fn a_killed_ingest_recovers() {
    let items = corpus(CRASH_DOCS);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--test-threads=1"])
        .env("RASD_STORE_CRASH_DB", &path)
        .spawn()
        .unwrap();
    // Wait until some batches are in, then SIGKILL.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut killed_mid_ingest = false;
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            break;
        }
        let docs = Store::open(&path)
            .ok()
            .and_then(|s| s.counts().ok())
            .map_or(0, |c| c.documents);
        if docs >= 100 {
            child.kill().unwrap(); // SIGKILL on Unix
            killed_mid_ingest = true;
            break;
        }
    }
    child.wait().unwrap();

    let mut store = Store::open(&path).unwrap();
    store.check().unwrap();
    let docs = store.counts().unwrap().documents as usize;
    eprintln!("killed mid-ingest: {killed_mid_ingest}, {docs} documents committed");
    assert_eq!(
        docs % CRASH_BATCH,
        0,
        "batches are atomic: {docs} documents"
    );
    if killed_mid_ingest {
        assert!(docs < CRASH_DOCS, "killed before the end");
    }
    // Rerun from the start: stored documents are skipped, the rest goes in.
    store.upsert_actors(&actor_rows()).unwrap();
    ingest_all(&mut store, &items, CRASH_BATCH);
    store.check().unwrap();

    let mut reference = Store::open_in_memory().unwrap();
    reference.upsert_actors(&actor_rows()).unwrap();
    ingest_all(&mut reference, &items, CRASH_BATCH);
    assert_eq!(store.counts().unwrap(), reference.counts().unwrap());
    assert_eq!(
        store.events(&Filter::default()).unwrap(),
        reference.events(&Filter::default()).unwrap()
    );
}

#[test]
fn a_corpus_sized_ingest_is_fast_and_merges() {
    let n = 2500;
    let items = corpus(n);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("big.db")).unwrap();
    store.upsert_actors(&actor_rows()).unwrap();
    let t = Instant::now();
    ingest_all(&mut store, &items, 100);
    let elapsed = t.elapsed();
    eprintln!("ingested {n} documents, {} reports in {elapsed:?}", 3 * n);
    store.check().unwrap();
    let counts = store.counts().unwrap();
    eprintln!("{counts:?}");
    assert_eq!(counts.event_reports as usize, 3 * n);
    // Each real event is reported three times; neighbours of the same kind and day
    // may merge too, but never two reports of one document.
    assert!(counts.events as usize <= n, "{counts:?}");
    let stats = store.stats(&Filter::default()).unwrap();
    assert_eq!(stats.reports as usize, 3 * n);
    let events = store.events(&Filter::default()).unwrap();
    for e in &events {
        let mut docs: Vec<&str> = e.sources.iter().map(|s| s.doc_id.as_str()).collect();
        docs.sort();
        docs.dedup();
        assert_eq!(docs.len(), e.sources.len());
    }
    // Release builds do this in a few seconds; debug builds on a busy CI get slack.
    assert!(elapsed < Duration::from_secs(120), "{elapsed:?}");
}
