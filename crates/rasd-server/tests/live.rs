//! Monitoring routes: events another process stores appear without a restart, feed
//! status, the actor-pair dossier and its page script.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use rasd_extract::Extractor;
use rasd_model::Document;
use rasd_server::{app, AppState};
use rasd_store::Store;
use serde_json::Value;
use tower::ServiceExt;

fn extractor() -> Arc<Extractor> {
    static EX: OnceLock<Arc<Extractor>> = OnceLock::new();
    EX.get_or_init(|| Arc::new(Extractor::builtin().expect("built-in resources load")))
        .clone()
}

fn shared() -> PathBuf {
    std::env::var_os("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

async fn get(router: &Router, uri: &str) -> (StatusCode, Vec<u8>, String) {
    let res = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .expect("infallible");
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, body, ctype)
}

async fn get_json(router: &Router, uri: &str) -> (StatusCode, Value) {
    let (st, body, _) = get(router, uri).await;
    (st, serde_json::from_slice(&body).expect("JSON"))
}

/// Stores `doc` the way `rasd watch` does: through another connection to the file.
fn store_elsewhere(db: &std::path::Path, doc: Document) {
    let mut store = Store::open(db).unwrap();
    let events = extractor().extract(&doc).events;
    store.ingest_batch(&[(doc, events)]).unwrap();
}

#[tokio::test]
async fn events_stored_by_another_process_appear_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rasd.db");
    let router = app(AppState::with_extractor(&db, extractor()).unwrap());

    let (st, v) = get_json(&router, "/api/updates").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["cursor"], 0);
    let (_, v) = get_json(&router, "/api/events").await;
    assert_eq!(v["total"], 0);

    // "Three soldiers were killed in clashes with the Houthis in Taiz ..." (written for this test)
    let mut doc = Document::new(
        "live-1",
        "اشتباكات في تعز",
        "قتل ثلاثة جنود من الجيش اليمني في اشتباكات مع الحوثيين في مدينة تعز يوم الأربعاء 8 نوفمبر 2023.",
    );
    doc.source = Some("outlet-a".into());
    store_elsewhere(&db, doc);

    let (st, v) = get_json(&router, "/api/updates?after=0").await;
    assert_eq!(st, StatusCode::OK);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event"]["fatalities"], 3);
    assert_eq!(events[0]["event"]["location"]["admin1_pcode"], "YE15");
    let cursor = v["cursor"].as_i64().unwrap();
    assert!(cursor > 0);
    // The catalog was reloaded: the list shows the new event too.
    let (_, v) = get_json(&router, "/api/events").await;
    assert_eq!(v["total"], 1);
    // Nothing new since the returned cursor.
    let (_, v) = get_json(&router, &format!("/api/updates?after={cursor}")).await;
    assert_eq!(v["events"].as_array().unwrap().len(), 0);
    assert_eq!(v["cursor"], cursor);

    let (st, v) = get_json(&router, "/api/updates?after=-1").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("after"));
}

#[tokio::test]
async fn feed_status_shows_last_success_error_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rasd.db");
    let router = app(AppState::with_extractor(&db, extractor()).unwrap());
    {
        let mut store = Store::open(&db).unwrap();
        let url = "http://127.0.0.1:9/rss.xml";
        store
            .record_feed_error(url, "HTTP 503", "2026-01-01T10:00:00Z")
            .unwrap();
        store
            .record_feed_success(url, Some("\"v1\""), None, "2026-01-01T10:05:00Z")
            .unwrap();
        store
            .mark_item_seen(
                "http://127.0.0.1:9/a",
                url,
                Some("feed-a"),
                "2026-01-01T10:05:00Z",
            )
            .unwrap();
        store
            .mark_item_seen(
                "http://127.0.0.1:9/a",
                url,
                Some("feed-a"),
                "2026-01-01T10:06:00Z",
            )
            .unwrap();
    }
    let (st, v) = get_json(&router, "/api/feeds").await;
    assert_eq!(st, StatusCode::OK);
    let f = &v["feeds"][0];
    assert_eq!(f["url"], "http://127.0.0.1:9/rss.xml");
    assert_eq!(f["last_success"], "2026-01-01T10:05:00Z");
    assert_eq!(f["last_error"], "HTTP 503");
    assert_eq!(f["items_seen"], 1);
    assert_eq!(f["failures"], 0);
}

#[tokio::test]
async fn relation_of_the_seed_actors() {
    let seeds = shared().join("corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no seeds at {}", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rasd.db");
    for (id, date) in [
        ("000_e612bbc7fa9c1160", "2022-05-12"),
        ("003_40851454dd59a699", "2023-11-23"),
    ] {
        let text = std::fs::read_to_string(seeds.join(format!("{id}.txt"))).unwrap();
        let (title, body) = text.trim_start().split_once('\n').unwrap();
        let mut doc = Document::new(id, title.trim(), body.trim());
        doc.pub_date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        store_elsewhere(&db, doc);
    }
    let router = app(AppState::with_extractor(&db, extractor()).unwrap());
    let (st, v) = get_json(&router, "/api/relations/houthis/aqap").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert!(
        ["2021-11-01", "2022-01-01"].contains(&v["first_contact"].as_str().unwrap()),
        "{v}"
    );
    let events = v["events"].as_array().unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["plover_type"].as_str().unwrap())
        .collect();
    for kind in ["CONSULT", "AGREE", "RETREAT", "ASSAULT"] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
    let dated: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);

    let (st, v) = get_json(
        &router,
        "/api/relations/houthis/aqap?from=2023-11-01&to=2023-11-08",
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let dates: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(
        !dates.is_empty() && dates.iter().all(|d| *d == "2023-11-07"),
        "{dates:?}"
    );
    let (st, v) = get_json(&router, "/api/relations/houthis/aqap?from=November").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("from"));
}

#[tokio::test]
async fn the_actor_pair_page_script_is_embedded_and_builds_the_dom_safely() {
    let dir = tempfile::tempdir().unwrap();
    let router = app(AppState::with_extractor(&dir.path().join("r.db"), extractor()).unwrap());
    let (st, body, ctype) = get(&router, "/relation.js").await;
    assert_eq!(st, StatusCode::OK);
    assert!(ctype.starts_with("text/javascript"));
    let js = String::from_utf8(body).unwrap();
    assert!(
        js.contains("api/relations/") && js.contains("api/updates") && js.contains("api/feeds")
    );
    assert!(!js.contains("innerHTML"));
    let (_, body, _) = get(&router, "/").await;
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("<script src=\"relation.js\"></script>"));
}
