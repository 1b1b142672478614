//! API tests: every route, through `app(state)` and `oneshot` (no socket), over a
//! database built from the two seed articles in `../shared/corpus/seeds/` (read at
//! test time, never copied into the repository).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use rasd_extract::Extractor;
use rasd_server::{app, AppState, ROUTES};
use serde_json::{json, Value};
use tower::ServiceExt;

const SEEDS: [(&str, &str); 2] = [
    ("000_e612bbc7fa9c1160", "2022-05-12"),
    ("003_40851454dd59a699", "2023-11-23"),
];

fn shared() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../../../shared"))
}

fn seed_text(id: &str) -> String {
    let path = shared().join("corpus/seeds").join(format!("{id}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn extractor() -> Arc<Extractor> {
    static EX: OnceLock<Arc<Extractor>> = OnceLock::new();
    EX.get_or_init(|| Arc::new(Extractor::builtin().expect("built-in resources load")))
        .clone()
}

struct TestApp {
    router: Router,
    _dir: tempfile::TempDir,
}

impl TestApp {
    fn empty() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::with_extractor(&dir.path().join("rasd.db"), extractor())
            .expect("state opens");
        TestApp {
            router: app(state),
            _dir: dir,
        }
    }

    async fn seeded() -> TestApp {
        let t = TestApp::empty();
        for (id, date) in SEEDS {
            let (st, body) = t
                .post_json(
                    "/api/documents",
                    &json!({"id": id, "text": seed_text(id), "pub_date": date}),
                )
                .await;
            assert_eq!(st, StatusCode::CREATED, "{body}");
        }
        t
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, Vec<u8>, Option<String>) {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let ctype = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (status, bytes.to_vec(), ctype)
    }

    async fn get(&self, uri: &str) -> (StatusCode, Value) {
        let (st, body, ctype) = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        assert!(
            ctype
                .as_deref()
                .is_some_and(|c| c.starts_with("application/json")),
            "{uri}: content-type {ctype:?}"
        );
        let v = serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body))
        });
        (st, v)
    }

    async fn get_ok(&self, uri: &str) -> Value {
        let (st, v) = self.get(uri).await;
        assert_eq!(st, StatusCode::OK, "{uri}: {v}");
        v
    }

    async fn post_raw(&self, uri: &str, ctype: Option<&str>, body: Vec<u8>) -> (StatusCode, Value) {
        let mut req = Request::post(uri);
        if let Some(c) = ctype {
            req = req.header(header::CONTENT_TYPE, c);
        }
        let (st, body, _) = self.send(req.body(Body::from(body)).unwrap()).await;
        let v = serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body))
        });
        (st, v)
    }

    async fn post_json(&self, uri: &str, body: &Value) -> (StatusCode, Value) {
        self.post_raw(uri, Some("application/json"), body.to_string().into_bytes())
            .await
    }
}

fn events(v: &Value) -> &Vec<Value> {
    v["events"].as_array().expect("events array")
}

fn actor_ids(ev: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for k in ["actor1", "actor2"] {
        if let Some(id) = ev[k]["id"].as_str() {
            out.push(id.to_owned());
        }
    }
    for k in ["assoc_actor1", "assoc_actor2"] {
        for a in ev[k].as_array().into_iter().flatten() {
            out.push(a["id"].as_str().unwrap_or_default().to_owned());
        }
    }
    out
}

fn assert_error(st: StatusCode, v: &Value, want: StatusCode, needle: &str) {
    assert_eq!(st, want, "{v}");
    assert!(
        v["code"].as_str().is_some_and(|c| !c.is_empty()),
        "every error has a code: {v}"
    );
    let msg = v["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {v}"));
    assert!(msg.contains(needle), "`{msg}` should mention `{needle}`");
}

// ---------------------------------------------------------------- events

#[tokio::test]
async fn events_of_the_seeds_name_houthis_and_aqap() {
    let t = TestApp::seeded().await;
    let v = t.get_ok("/api/events?limit=10000").await;
    let evs = events(&v);
    assert!(!evs.is_empty());
    assert_eq!(v["total"].as_u64().unwrap() as usize, evs.len());
    let all: Vec<String> = evs.iter().flat_map(actor_ids).collect();
    assert!(all.iter().any(|a| a == "houthis"), "{all:?}");
    assert!(all.iter().any(|a| a == "aqap"), "{all:?}");
    // Both seed documents contributed.
    for (id, _) in SEEDS {
        let d = t.get_ok(&format!("/api/events?doc={id}")).await;
        assert!(d["total"].as_u64().unwrap() > 0, "{id} has events");
    }
}

#[tokio::test]
async fn admin1_filter_returns_only_sanaa_events() {
    let t = TestApp::seeded().await;
    let all = t.get_ok("/api/events?limit=10000").await["total"]
        .as_u64()
        .unwrap();
    let v = t.get_ok("/api/events?admin1=YE13&limit=10000").await;
    let evs = events(&v);
    assert!(!evs.is_empty(), "the Houthi–AQAP meetings in Sanaa");
    assert!((evs.len() as u64) < all);
    for e in evs {
        assert_eq!(e["location"]["admin1_pcode"], "YE13", "{e}");
    }
    // The English name works too, case-insensitively.
    let by_name = t
        .get_ok("/api/events?admin1=sana'a%20city&limit=10000")
        .await;
    assert_eq!(by_name["total"], v["total"]);
}

#[tokio::test]
async fn country_filter_selects_events_by_country() {
    let t = TestApp::seeded().await;
    // A short text written for this test: a Houthi missile on Eilat, in Israel.
    let (st, v) = t
        .post_json(
            "/api/documents",
            &json!({"id": "eilat", "pub_date": "2024-06-14",
                    "text": "صاروخ حوثي على إيلات\n\nأطلق الحوثيون صاروخا باليستيا على مدينة إيلات جنوب إسرائيل."}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let isr = t.get_ok("/api/events?country=isr&limit=10000").await;
    let evs = events(&isr);
    assert!(!evs.is_empty());
    for e in evs {
        assert_eq!(e["location"]["country"], "ISR", "{e}");
        assert_eq!(e["location"]["admin1_pcode"], "ISR-3053", "{e}");
    }
    let yem = t.get_ok("/api/events?country=YEM&limit=10000").await;
    assert!(events(&yem)
        .iter()
        .all(|e| e["location"]["country"] == "YEM"));
    assert!(!events(&yem).is_empty(), "the seeds are in Yemen");
    let both = t.get_ok("/api/events?country=YEM,ISR&limit=10000").await;
    assert_eq!(
        both["total"].as_u64().unwrap(),
        isr["total"].as_u64().unwrap() + yem["total"].as_u64().unwrap()
    );
    let points = t.get_ok("/api/events?country=ISR&view=points").await;
    assert_eq!(events(&points)[0]["country"], "ISR");
    let (st, v) = t.get("/api/events?country=Israel").await;
    assert_error(st, &v, StatusCode::BAD_REQUEST, "country");
}

#[tokio::test]
async fn type_actor_date_and_text_filters_narrow_the_list() {
    let t = TestApp::seeded().await;
    let v = t.get_ok("/api/events?type=assault&limit=10000").await;
    assert!(!events(&v).is_empty());
    for e in events(&v) {
        assert_eq!(e["plover"]["type"], "ASSAULT");
    }
    let v = t.get_ok("/api/events?actor=aqap&limit=10000").await;
    assert!(!events(&v).is_empty());
    for e in events(&v) {
        assert!(actor_ids(e).iter().any(|a| a == "aqap"), "{e}");
    }
    // Only the 2023 article's events fall in 2023.
    let v = t
        .get_ok("/api/events?from=2023-01-01&to=2023-12-31&limit=10000")
        .await;
    assert!(!events(&v).is_empty());
    for e in events(&v) {
        let d = e["date"]["start"]
            .as_str()
            .or(e["date"]["end"].as_str())
            .unwrap();
        assert!(("2023-01-01"..="2023-12-31").contains(&d), "{d}");
    }
    let v2022 = t.get_ok("/api/events?to=2022-12-31&limit=10000").await;
    for e in events(&v2022) {
        let d = e["date"]["start"]
            .as_str()
            .or(e["date"]["end"].as_str())
            .unwrap();
        assert!(d <= "2022-12-31", "{d}");
    }
    // Text query over the evidence, with hamza folded: "القاعدة" matches.
    let v = t
        .get_ok("/api/events?q=%D8%A7%D9%84%D9%82%D8%A7%D8%B9%D8%AF%D8%A9&limit=10000")
        .await;
    assert!(!events(&v).is_empty(), "القاعدة occurs in some evidence");
    let none = t.get_ok("/api/events?q=zzzzqqqq").await;
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn paging_and_sorting() {
    let t = TestApp::seeded().await;
    let all = t.get_ok("/api/events?limit=10000&sort=date_asc").await;
    let n = events(&all).len();
    assert!(n >= 3);
    let page = t.get_ok("/api/events?limit=2&offset=1&sort=date_asc").await;
    assert_eq!(page["total"].as_u64().unwrap() as usize, n);
    assert_eq!(page["limit"], 2);
    assert_eq!(page["offset"], 1);
    assert_eq!(events(&page)[0]["event_id"], events(&all)[1]["event_id"]);
    assert_eq!(events(&page)[1]["event_id"], events(&all)[2]["event_id"]);
    let desc = t.get_ok("/api/events?limit=10000&sort=date_desc").await;
    let first = |v: &Value| {
        events(v)
            .iter()
            .filter_map(|e| e["date"]["start"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let asc_dates = first(&all);
    let mut sorted = asc_dates.clone();
    sorted.sort();
    assert_eq!(asc_dates, sorted);
    let mut desc_dates = first(&desc);
    desc_dates.reverse();
    assert_eq!(desc_dates, sorted);
    let points = t
        .get_ok("/api/events?view=points&limit=10000&sort=date_asc")
        .await;
    assert_eq!(points["total"], all["total"]);
    let p0 = &events(&points)[0];
    assert_eq!(p0["event_id"], events(&all)[0]["event_id"]);
    assert!(p0.get("evidence").is_none() && p0.get("type").is_some());
    let (st, v) = t.get("/api/events?view=everything").await;
    assert_error(st, &v, StatusCode::BAD_REQUEST, "view");
    let past = t.get_ok("/api/events?offset=100000").await;
    assert_eq!(events(&past).len(), 0);
}

#[tokio::test]
async fn bad_query_parameters_are_400_json() {
    let t = TestApp::seeded().await;
    for (uri, needle) in [
        ("/api/events?from=notadate", "from"),
        ("/api/events?to=2023-13-40", "to"),
        ("/api/events?from=2024-01-01&to=2023-01-01", "after"),
        ("/api/events?type=EXPLODE", "type"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=-5", "limit"),
        ("/api/events?limit=99999999999999999999999", "limit"),
        ("/api/events?offset=x", "offset"),
        ("/api/events?sort=random", "sort"),
        ("/api/graph?from=yesterday", "from"),
        ("/api/places?type=nope", "type"),
        ("/api/stats?to=soon", "to"),
        ("/api/export?format=xml", "format"),
        ("/api/export?format=csv&from=x", "from"),
    ] {
        let (st, v) = t.get(uri).await;
        assert_error(st, &v, StatusCode::BAD_REQUEST, needle);
    }
    let long_q = format!("/api/events?q={}", "a".repeat(600));
    let (st, v) = t.get(&long_q).await;
    assert_error(st, &v, StatusCode::BAD_REQUEST, "q");
    // A query string that is not valid key=value UTF-8 is still a clean 400 or a match.
    let (st, _) = t.get("/api/events?from=%FF%FE").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn one_event_with_sources_evidence_and_figures() {
    let t = TestApp::seeded().await;
    let list = t
        .get_ok("/api/events?doc=003_40851454dd59a699&limit=1")
        .await;
    let id = events(&list)[0]["event_id"].as_str().unwrap().to_owned();
    let v = t.get_ok(&format!("/api/events/{id}")).await;
    assert_eq!(v["event"]["event_id"], id.as_str());
    assert!(v["event_id_cnty"].as_str().unwrap().starts_with("YEM"));
    let sources = v["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    let s = &sources[0];
    assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(s["figures"].is_object());
    let evidence = s["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    // Evidence offsets are char offsets into the stored document text.
    let doc = t
        .get_ok(&format!("/api/documents/{}", s["doc_id"].as_str().unwrap()))
        .await;
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for e in evidence {
        let (a, b) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let slice: String = text[a..b].iter().collect();
        assert_eq!(slice, e["text"].as_str().unwrap());
    }
    // A per-document report id finds its merged event too.
    let rid = s["event_id"].as_str().unwrap();
    let v2 = t.get_ok(&format!("/api/events/{rid}")).await;
    assert_eq!(v2["event"]["event_id"], id.as_str());
}

#[tokio::test]
async fn unknown_ids_are_404_json() {
    let t = TestApp::seeded().await;
    for uri in [
        "/api/events/ev-00000000",
        "/api/actors/no-such-actor",
        "/api/documents/no-such-doc",
        "/api/documents/%D8%B5%D9%86%D8%B9%D8%A7%D8%A1",
        "/api/nothing-here",
        "/no/such/file.js",
    ] {
        let (st, v) = t.get(uri).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{uri}: {v}");
        assert!(v["error"].is_string(), "{uri}: {v}");
    }
}

// ---------------------------------------------------------------- actors and graph

#[tokio::test]
async fn actors_with_hierarchy_aliases_and_interactions() {
    let t = TestApp::seeded().await;
    let v = t.get_ok("/api/actors").await;
    let actors = v["actors"].as_array().unwrap();
    let houthis = actors
        .iter()
        .find(|a| a["id"] == "houthis")
        .expect("houthis listed");
    assert!(houthis["events"].as_u64().unwrap() > 0);
    let a = t.get_ok("/api/actors/houthis").await;
    assert_eq!(a["id"], "houthis");
    assert!(a["events"].as_u64().unwrap() > 0);
    assert!(a["children"].is_array() && a["ancestors"].is_array());
    let aliases: Vec<&str> = a["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["text"].as_str())
        .collect();
    assert!(aliases.iter().any(|s| s.contains("الحوثي")), "{aliases:?}");
    let partners: Vec<&str> = a["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["actor"].as_str())
        .collect();
    assert!(partners.contains(&"aqap"), "{partners:?}");
    // The counterpart's timeline: weeks (Mondays) of the events naming both.
    let aqap = a["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["actor"] == "aqap")
        .unwrap();
    let weeks = aqap["by_week"].as_object().expect("by_week");
    let n: u64 = weeks.values().map(|v| v.as_u64().unwrap()).sum();
    let both = t.get_ok("/api/events?actor=aqap&limit=10000").await;
    let expected = events(&both)
        .iter()
        .filter(|e| actor_ids(e).iter().any(|x| x == "houthis"))
        .filter(|e| e["date"]["start"].is_string() || e["date"]["end"].is_string())
        .count() as u64;
    assert_eq!(n, expected);
    for w in weeks.keys() {
        let d = chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon);
    }
}

#[tokio::test]
async fn graph_links_houthis_and_aqap() {
    let t = TestApp::seeded().await;
    let g = t.get_ok("/api/graph").await;
    let nodes: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        nodes.contains(&"houthis") && nodes.contains(&"aqap"),
        "{nodes:?}"
    );
    let edge = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            (s, t) == ("aqap", "houthis")
        })
        .expect("an aqap–houthis edge");
    assert!(
        edge["cooperation"].as_u64().unwrap() > 0,
        "they met and agreed: {edge}"
    );
    assert!(["cooperation", "conflict"].contains(&edge["kind"].as_str().unwrap()));
    // The graph follows the filters.
    let agree = t.get_ok("/api/graph?type=AGREE").await;
    assert!(!agree["edges"].as_array().unwrap().is_empty());
    for e in agree["edges"].as_array().unwrap() {
        assert_eq!(e["conflict"], 0, "AGREE is cooperation: {e}");
        assert_eq!(e["kind"], "cooperation");
    }
    let assault = t.get_ok("/api/graph?type=ASSAULT").await;
    let conflict: u64 = assault["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["conflict"].as_u64().unwrap())
        .sum();
    assert!(conflict > 0, "ASSAULT is conflict");
    // Socotra has no event in the seeds: an empty graph, not an error.
    let none = t.get_ok("/api/graph?admin1=YE32").await;
    assert!(none["nodes"].as_array().unwrap().is_empty());
    assert!(none["edges"].as_array().unwrap().is_empty());
}

// ---------------------------------------------------------------- places and stats

#[tokio::test]
async fn places_count_events_per_governorate() {
    let t = TestApp::seeded().await;
    let total = t.get_ok("/api/events").await["total"].as_u64().unwrap();
    let p = t.get_ok("/api/places").await;
    let a1 = p["admin1"].as_array().unwrap();
    let sanaa = a1
        .iter()
        .find(|x| x["pcode"] == "YE13")
        .expect("YE13 counted");
    let n13 = t.get_ok("/api/events?admin1=YE13").await["total"]
        .as_u64()
        .unwrap();
    assert_eq!(sanaa["events"].as_u64().unwrap(), n13);
    let located: u64 = a1.iter().map(|x| x["events"].as_u64().unwrap()).sum();
    let unlocated = p["unlocated"].as_u64().unwrap();
    assert!(located + unlocated <= total && located > 0);
}

#[tokio::test]
async fn stats_by_type_and_week() {
    let t = TestApp::seeded().await;
    let total = t.get_ok("/api/events").await["total"].as_u64().unwrap();
    let s = t.get_ok("/api/stats").await;
    assert_eq!(s["events"].as_u64().unwrap(), total);
    assert_eq!(s["documents"], 2);
    assert_eq!(s["documents_total"], 2);
    let by_type: u64 = s["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["events"].as_u64().unwrap())
        .sum();
    assert_eq!(by_type, total);
    let weeks = s["by_week"].as_array().unwrap();
    assert!(!weeks.is_empty());
    for w in weeks {
        let d = chrono::NaiveDate::parse_from_str(w["week"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon);
    }
    let dated: u64 = weeks.iter().map(|x| x["events"].as_u64().unwrap()).sum();
    assert_eq!(dated + s["undated"].as_u64().unwrap(), total);
    let s2 = t.get_ok("/api/stats?type=ASSAULT").await;
    assert!(s2["events"].as_u64().unwrap() < total);
}

// ---------------------------------------------------------------- documents

#[tokio::test]
async fn document_text_with_evidence_spans() {
    let t = TestApp::seeded().await;
    let id = "003_40851454dd59a699";
    let d = t.get_ok(&format!("/api/documents/{id}")).await;
    assert_eq!(d["doc_id"], id);
    assert_eq!(d["pub_date"], "2023-11-23");
    let text = d["text"].as_str().unwrap();
    let title = d["title"].as_str().unwrap();
    assert!(text.starts_with(&format!("{title}\n\n")));
    assert!(text.contains("القاعدة"));
    let chars: Vec<char> = text.chars().collect();
    let evs = events(&d);
    assert!(!evs.is_empty());
    for e in evs {
        assert!(e["merged_event_id"].is_string());
        for span in e["evidence"].as_array().unwrap() {
            let (a, b) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[a..b].iter().collect::<String>(),
                span["text"].as_str().unwrap()
            );
        }
    }
}

// ---------------------------------------------------------------- extract and ingest

#[tokio::test]
async fn extract_returns_events_and_stores_nothing() {
    let t = TestApp::seeded().await;
    let before = t.get_ok("/api/stats").await;
    let text = format!("{}\n", seed_text("003_40851454dd59a699"));
    let (st, v) = t
        .post_json(
            "/api/extract",
            &json!({"text": text, "pub_date": "2023-11-23"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let evs = events(&v);
    assert!(!evs.is_empty());
    let ids: Vec<String> = evs.iter().flat_map(actor_ids).collect();
    assert!(ids.iter().any(|a| a == "houthis") && ids.iter().any(|a| a == "aqap"));
    let doc_text: Vec<char> = v["document"]["text"].as_str().unwrap().chars().collect();
    for e in evs {
        for s in e["evidence"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                doc_text[a..b].iter().collect::<String>(),
                s["text"].as_str().unwrap()
            );
        }
    }
    assert!(v["diagnostics"].is_array());
    let after = t.get_ok("/api/stats").await;
    assert_eq!(before["events_total"], after["events_total"]);
    assert_eq!(before["documents_total"], after["documents_total"]);
}

#[tokio::test]
async fn ingest_stores_a_document_once() {
    let t = TestApp::empty();
    let s0 = t.get_ok("/api/stats").await;
    assert_eq!(s0["events_total"], 0);
    let body = json!({
        "id": "003",
        "text": seed_text("003_40851454dd59a699"),
        "pub_date": "2023-11-23",
        "source": "khabar",
    });
    let (st, v) = t.post_json("/api/documents", &body).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["doc_id"], "003");
    assert_eq!(v["docs_new"], 1);
    assert!(!v["events"].as_array().unwrap().is_empty());
    let s1 = t.get_ok("/api/stats").await;
    assert!(s1["events_total"].as_u64().unwrap() > 0);
    assert_eq!(s1["documents_total"], 1);
    let (st, v) = t.post_json("/api/documents", &body).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["docs_unchanged"], 1);
    let s2 = t.get_ok("/api/stats").await;
    assert_eq!(s1["events_total"], s2["events_total"]);
    // Without an id the document gets a stable one.
    let (st, v1) = t
        .post_json(
            "/api/documents",
            &json!({"title": "خبر", "text": "اشتباكات في مأرب"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v1}");
    let (_, v2) = t
        .post_json(
            "/api/documents",
            &json!({"title": "خبر", "text": "اشتباكات في مأرب"}),
        )
        .await;
    assert_eq!(v1["doc_id"], v2["doc_id"]);
}

#[tokio::test]
async fn bad_bodies_get_the_right_status() {
    let t = TestApp::empty();
    for uri in ["/api/extract", "/api/documents"] {
        let (st, v) = t
            .post_raw(uri, Some("application/json"), b"{\"text\": ".to_vec())
            .await;
        assert_error(st, &v, StatusCode::BAD_REQUEST, "");
        let (st, v) = t
            .post_raw(uri, Some("application/json"), b"not json".to_vec())
            .await;
        assert_error(st, &v, StatusCode::BAD_REQUEST, "");
        let (st, v) = t.post_json(uri, &json!({"pub_date": "2023-11-23"})).await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "text");
        let (st, v) = t.post_json(uri, &json!({"text": 42})).await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "");
        let (st, v) = t
            .post_json(uri, &json!({"text": "نص", "colour": "red"}))
            .await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "colour");
        let (st, v) = t.post_json(uri, &json!({"text": "  \n "})).await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "empty");
        let (st, v) = t
            .post_json(uri, &json!({"text": "نص", "pub_date": "23/11/2023"}))
            .await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "pub_date");
        // A date far beyond what date arithmetic can take is refused, not a panic.
        let (st, v) = t
            .post_json(
                uri,
                &json!({"text": "قتل جندي في عدن أمس", "pub_date": "+262142-12-31"}),
            )
            .await;
        assert_error(st, &v, StatusCode::UNPROCESSABLE_ENTITY, "pub_date");
        let (st, v) = t.post_raw(uri, None, b"{\"text\":\"x\"}".to_vec()).await;
        assert_error(st, &v, StatusCode::UNSUPPORTED_MEDIA_TYPE, "");
        let (st, v) = t
            .post_raw(uri, Some("text/plain"), b"{\"text\":\"x\"}".to_vec())
            .await;
        assert_error(st, &v, StatusCode::UNSUPPORTED_MEDIA_TYPE, "");
        // 3 MiB: over the 2 MiB body limit.
        let big = json!({"text": "ا".repeat(3 * 1024 * 1024 / 2 + 10)}).to_string();
        let (st, v) = t
            .post_raw(uri, Some("application/json"), big.into_bytes())
            .await;
        assert_error(st, &v, StatusCode::PAYLOAD_TOO_LARGE, "");
    }
    // Wrong method on a known route.
    let (st, body, _) = t
        .send(Request::delete("/api/events").body(Body::empty()).unwrap())
        .await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED);
    assert!(serde_json::from_slice::<Value>(&body).unwrap()["error"].is_string());
    let (st, _, _) = t
        .send(Request::get("/api/extract").body(Body::empty()).unwrap())
        .await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn odd_but_valid_articles_do_not_fail() {
    let t = TestApp::empty();
    for text in [
        "x",
        "\u{feff}عنوان فقط",
        "\n\n\nعنوان\n\n\nنص \u{200f}\u{0640}\u{064b}",
        "🙂🙂🙂\nقتل 5 في 🙂 صنعاء",
        "\u{0}\u{1}\u{2}",
    ] {
        let (st, v) = t
            .post_json(
                "/api/extract",
                &json!({"text": text, "pub_date": "2020-01-01"}),
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{text:?}: {v}");
    }
}

// ---------------------------------------------------------------- export

#[tokio::test]
async fn export_in_every_format() {
    let t = TestApp::seeded().await;
    let total = t.get_ok("/api/events?admin1=YE13").await["total"]
        .as_u64()
        .unwrap();
    for (format, ctype) in [
        ("csv", "text/csv"),
        ("jsonl", "application/x-ndjson"),
        ("geojson", "application/geo+json"),
        ("graphml", "application/graphml+xml"),
    ] {
        let (st, body, ct) = t
            .send(
                Request::get(format!("/api/export?format={format}&admin1=YE13"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(
            st,
            StatusCode::OK,
            "{format}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(ct.unwrap().starts_with(ctype));
        let text = String::from_utf8(body).unwrap();
        match format {
            "jsonl" => {
                let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
                assert_eq!(lines.len() as u64, total);
                for l in lines {
                    let v: Value = serde_json::from_str(l).unwrap();
                    assert_eq!(v["location"]["admin1_pcode"], "YE13");
                }
            }
            "csv" => assert_eq!(text.lines().count() as u64, total + 1, "{text}"),
            "geojson" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["type"], "FeatureCollection");
            }
            _ => assert!(text.contains("<graphml"), "{text}"),
        }
    }
}

// ---------------------------------------------------------------- openapi and UI

#[tokio::test]
async fn openapi_matches_the_routes() {
    let t = TestApp::empty();
    let doc = t.get_ok("/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
    // Every documented route is routed: no 404 "no route" and no 405.
    for (method, path) in routes {
        let uri = path.replace("{id}", "x");
        let req = Request::builder()
            .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let (st, body, _) = t.send(req).await;
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        assert_ne!(st, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let routed = st != StatusCode::NOT_FOUND
            || !v["error"]
                .as_str()
                .unwrap_or_default()
                .starts_with("no route");
        assert!(routed, "{method} {uri}: {v}");
    }
}

#[tokio::test]
async fn the_ui_and_its_assets_are_embedded() {
    let t = TestApp::empty();
    let (st, body, ct) = t.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert!(ct.unwrap().starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    for id in [
        "id=\"map\"",
        "id=\"timeline\"",
        "id=\"graph\"",
        "id=\"event-panel\"",
        "id=\"article-view\"",
        "id=\"paste-text\"",
    ] {
        assert!(html.contains(id), "{id}");
    }
    // No absolute URL to another host in the page or its scripts (offline use).
    for path in ["/", "/app.js", "/style.css"] {
        let (_, body, _) = t
            .send(Request::get(path).body(Body::empty()).unwrap())
            .await;
        let s = String::from_utf8(body).unwrap();
        for bad in [
            "src=\"http",
            "href=\"http://",
            "cdn.",
            "tile.openstreetmap",
            "fonts.googleapis",
        ] {
            assert!(!s.contains(bad), "{path} contains {bad}");
        }
    }
    for (path, ctype) in [
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/vendor/leaflet/leaflet.js", "text/javascript"),
        ("/vendor/leaflet/leaflet.css", "text/css"),
        ("/vendor/d3/d3.min.js", "text/javascript"),
        ("/vendor/d3/LICENSE", "text/plain"),
        ("/geo/admin1.geojson", "application/geo+json"),
        ("/geo/admin2.geojson", "application/geo+json"),
    ] {
        let (st, body, ct) = t
            .send(Request::get(path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(st, StatusCode::OK, "{path}");
        assert!(ct.unwrap().starts_with(ctype), "{path}");
        assert!(!body.is_empty());
    }
    let (_, body, _) = t
        .send(
            Request::get("/geo/admin1.geojson")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let geo: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 22);
}

// ---------------------------------------------------------------- parameter errors (issue 11)

/// `(status, code, param, did_you_mean)` of an error answer.
async fn error_of(t: &TestApp, uri: &str) -> (StatusCode, String, String, Option<String>) {
    let (st, v) = t.get(uri).await;
    assert!(v["error"].is_string(), "{uri}: {v}");
    (
        st,
        v["code"].as_str().unwrap_or_default().to_owned(),
        v["param"].as_str().unwrap_or_default().to_owned(),
        v["did_you_mean"].as_str().map(str::to_owned),
    )
}

#[tokio::test]
async fn unknown_actor_governorate_and_parameter_are_400_with_the_closest_match() {
    let t = TestApp::seeded().await;
    let (st, code, param, near) = error_of(&t, "/api/events?actor=houthi").await;
    assert_eq!(
        (st, code.as_str(), param.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_value", "actor")
    );
    assert_eq!(near.as_deref(), Some("houthis"));
    let (_, v) = t.get("/api/events?actor=houthi").await;
    assert!(
        v["valid"].as_array().unwrap().iter().any(|a| a == "aqap"),
        "{v}"
    );

    let (st, code, param, _) = error_of(&t, "/api/events?admin1=YE99").await;
    assert_eq!(
        (st, code.as_str(), param.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_value", "admin1")
    );
    let (_, _, _, near) = error_of(&t, "/api/events?admin1=Taizz").await;
    assert_eq!(near.as_deref(), Some("Ta'iz"));
    let (st, code, _, _) = error_of(&t, "/api/stats?admin2=Nowhere").await;
    assert_eq!(
        (st, code.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_value")
    );

    // `actors` is not a parameter: 400 naming `actor`, on every filtered route.
    for route in ["events", "graph", "places", "stats", "export"] {
        let (st, code, param, near) = error_of(&t, &format!("/api/{route}?actors=houthis")).await;
        assert_eq!(
            (st, code.as_str(), param.as_str()),
            (StatusCode::BAD_REQUEST, "unknown_parameter", "actors"),
            "{route}"
        );
        assert_eq!(near.as_deref(), Some("actor"), "{route}");
    }
    // A route's own parameters do not leak to the others.
    let (st, code, _, _) = error_of(&t, "/api/stats?limit=5").await;
    assert_eq!(
        (st, code.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_parameter")
    );
    let (_, _, _, near) = error_of(&t, "/api/export?format=cvs").await;
    assert_eq!(near.as_deref(), Some("csv"));
}

#[tokio::test]
async fn governorates_by_arabic_and_variant_names() {
    let t = TestApp::seeded().await;
    let by_code = t.get_ok("/api/events?admin1=YE13&limit=0").await["total"].clone();
    assert!(by_code.as_u64().unwrap() > 0);
    for name in [
        "أمانة العاصمة",
        "امانة العاصمه",
        "محافظة أمانة العاصمة",
        "Amant Al-Asmah",
        "sanaa city",
    ] {
        let uri = format!(
            "/api/events?limit=0&admin1={}",
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
        );
        assert_eq!(t.get_ok(&uri).await["total"], by_code, "{name}");
    }
    // Multi-select: repeated and comma-separated values are a union.
    let both = t
        .get_ok("/api/events?admin1=YE13&admin1=YE32&limit=0")
        .await;
    assert_eq!(both["total"], by_code);
    let types = t.get_ok("/api/events?type=AGREE,CONSULT&limit=0").await["total"]
        .as_u64()
        .unwrap();
    let agree = t.get_ok("/api/events?type=AGREE&limit=0").await["total"]
        .as_u64()
        .unwrap();
    let consult = t.get_ok("/api/events?type=consult&limit=0").await["total"]
        .as_u64()
        .unwrap();
    assert_eq!(types, agree + consult);
    // Places give the gazetteer's Arabic spelling.
    let p = t.get_ok("/api/places").await;
    let sanaa = p["admin1"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["pcode"] == "YE13")
        .unwrap();
    assert_eq!(sanaa["name_ar"], "أمانة العاصمة");
    let govs = p["gazetteer"]["governorates"].as_array().unwrap();
    assert_eq!(govs.len(), 22);
    assert!(govs
        .iter()
        .any(|g| g["pcode"] == "YE11" && g["name_ar"] == "إب"));
    assert!(p["gazetteer"]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["name_en"] == "Saudi Arabia"));
}

#[tokio::test]
async fn repeated_long_and_badly_encoded_queries_are_json_errors() {
    let t = TestApp::seeded().await;
    let (st, code, param, _) = error_of(&t, "/api/events?from=2015-01-01&from=2016-01-01").await;
    assert_eq!(
        (st, code.as_str(), param.as_str()),
        (StatusCode::BAD_REQUEST, "repeated_parameter", "from")
    );
    let (st, code, param, _) = error_of(&t, "/api/events?q=%FF%FE").await;
    assert_eq!(
        (st, code.as_str(), param.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_encoding", "q")
    );
    // 60 KB: over the API's limit (over TCP a request line past 60 KiB is answered
    // before the HTTP parser with `uri_too_long`: tests/harden.rs).
    let long = format!("/api/events?q={}", "a".repeat(60 * 1024));
    let (st, code, _, _) = error_of(&t, &long).await;
    assert_eq!(
        (st, code.as_str()),
        (StatusCode::URI_TOO_LONG, "query_too_long")
    );
    for (uri, code) in [
        ("/api/events?located=perhaps", "invalid_value"),
        ("/api/events?min_confidence=2", "invalid_value"),
        ("/api/events?acled_type=Batles", "unknown_value"),
        ("/api/graph?top=0", "invalid_value"),
        ("/api/events/ev-00000000", "not_found"),
    ] {
        let (_, c, _, _) = error_of(&t, uri).await;
        assert_eq!(c, code, "{uri}");
    }
}

#[tokio::test]
async fn unlocated_and_undated_events_are_counted_and_listed() {
    let t = TestApp::seeded().await;
    let total = t.get_ok("/api/events?limit=0").await["total"]
        .as_u64()
        .unwrap();
    let s = t.get_ok("/api/stats").await;
    let no_place = t.get_ok("/api/events?located=no&limit=10000").await;
    let with_place = t.get_ok("/api/events?located=yes&limit=0").await;
    assert_eq!(s["unlocated"], no_place["total"]);
    assert_eq!(
        no_place["total"].as_u64().unwrap() + with_place["total"].as_u64().unwrap(),
        total
    );
    for e in events(&no_place) {
        let loc = &e["location"];
        assert!(
            loc.is_null() || (loc["lat"].is_null() && loc["admin1_pcode"].is_null()),
            "{e}"
        );
    }
    let undated = t.get_ok("/api/events?dated=no&limit=0").await;
    assert_eq!(undated["total"], s["undated"]);
    // The core range lies within the data.
    let range = &s["range"];
    assert!(range["from"].as_str().unwrap() >= s["first_date"].as_str().unwrap());
    assert!(range["to"].as_str().unwrap() <= s["last_date"].as_str().unwrap());
    // Each list row says how many outlets reported it.
    let page = t.get_ok("/api/events?limit=5").await;
    for e in events(&page) {
        assert!(e["sources"].as_u64().unwrap() >= 1, "{e}");
        assert!(e["deaths_disagree"].is_boolean(), "{e}");
        assert!(e["event_id"].is_string(), "the record follows: {e}");
    }
}

#[tokio::test]
async fn csv_rows_lead_back_to_their_events() {
    let t = TestApp::seeded().await;
    let (st, body, _) = t
        .send(
            Request::get("/api/export?format=csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let mut rdr = csv::Reader::from_reader(body.as_slice());
    let headers = rdr.headers().unwrap().clone();
    let tags_col = headers.iter().position(|h| h == "tags").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let cnty = &row[0];
        let tags = &row[tags_col];
        let id = tags
            .split("; ")
            .find_map(|t| t.strip_prefix("rasd_event_id: "))
            .unwrap_or_else(|| panic!("no rasd id in `{tags}`"));
        let by_cnty = t.get_ok(&format!("/api/events/{cnty}")).await;
        assert_eq!(by_cnty["event"]["event_id"], id);
        assert_eq!(by_cnty["event_id_cnty"], cnty);
    }
}

#[tokio::test]
async fn search_takes_english_terms_and_arabic_stems() {
    let t = TestApp::seeded().await;
    let all = t.get_ok("/api/events?limit=10000").await;
    // An English coding term finds the events coded with it.
    let first = &events(&all)[0];
    let sub = first["acled"]["sub_event_type"].as_str().unwrap();
    let word = sub
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 3)
        .unwrap();
    let hits = t
        .get_ok(&format!(
            "/api/events?limit=10000&q={}",
            word.to_lowercase()
        ))
        .await;
    assert!(
        events(&hits)
            .iter()
            .any(|e| e["event_id"] == first["event_id"]),
        "{word}"
    );
    // An Arabic evidence word with the article found under a conjunction-prefixed form.
    let word = events(&all)
        .iter()
        .flat_map(|e| e["evidence"].as_array().unwrap())
        .flat_map(|ev| {
            ev["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|w| {
            w.starts_with("ال")
                && w.chars().count() >= 7
                && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        })
        .expect("a definite Arabic word in the evidence");
    // An English word finds the events its Arabic forms find (data/search_terms.tsv).
    let arabic = t
        .get_ok("/api/events?limit=0&q=%D8%A7%D8%AC%D8%AA%D9%85%D8%A7%D8%B9") // اجتماع
        .await["total"]
        .as_u64()
        .unwrap();
    let english = t.get_ok("/api/events?limit=0&q=meeting").await["total"]
        .as_u64()
        .unwrap();
    assert!(arabic > 0, "the seeds report meetings");
    assert!(english >= arabic, "meeting: {english} < اجتماع: {arabic}");
    let variant = format!("و{word}");
    let uri = format!(
        "/api/events?limit=10000&q={}",
        percent_encoding::utf8_percent_encode(&variant, percent_encoding::NON_ALPHANUMERIC)
    );
    assert!(
        t.get_ok(&uri).await["total"].as_u64().unwrap() > 0,
        "{variant}"
    );
}

#[tokio::test]
async fn actors_and_graph_carry_arabic_names_and_top_n() {
    let t = TestApp::seeded().await;
    let a = t.get_ok("/api/actors/aqap").await;
    assert_eq!(a["name_ar"], "تنظيم القاعدة");
    assert!(
        a["by_week"].as_object().is_some_and(|w| !w.is_empty()),
        "{a}"
    );
    let g = t.get_ok("/api/graph?top=2").await;
    let nodes = g["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 2);
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for e in g["edges"].as_array().unwrap() {
        assert!(
            ids.contains(&e["source"].as_str().unwrap())
                && ids.contains(&e["target"].as_str().unwrap())
        );
    }
    // Actor names are accepted by the filter too.
    let by_id = t.get_ok("/api/events?actor=aqap&limit=0").await;
    let by_ar = t
        .get_ok(&format!(
            "/api/events?limit=0&actor={}",
            percent_encoding::utf8_percent_encode(
                "تنظيم القاعدة",
                percent_encoding::NON_ALPHANUMERIC
            )
        ))
        .await;
    assert_eq!(by_id["total"], by_ar["total"]);
}

#[test]
fn the_ui_builds_no_html_from_strings_and_runs_under_a_strict_csp() {
    let ui = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui");
    for file in ["app.js"] {
        let js = std::fs::read_to_string(ui.join(file)).unwrap();
        for bad in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "setAttribute(\"style\"",
            "bindPopup(`",
            "bindTooltip(`",
        ] {
            assert!(!js.contains(bad), "{file} uses {bad}");
        }
    }
    let html = std::fs::read_to_string(ui.join("index.html")).unwrap();
    // No inline script, handler or style: the page works under
    // `script-src 'self'; style-src 'self'`.
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains("src="), "inline script: {tag}");
    }
    assert!(!html.contains("<style"), "inline <style>");
    for attr in [
        " onsubmit=",
        " onclick=",
        " onload=",
        " style=",
        "javascript:",
    ] {
        assert!(!html.contains(attr), "index.html has {attr}");
    }
}

#[tokio::test]
async fn articles_are_listed_and_searched_by_title() {
    let t = TestApp::seeded().await;
    let all = t.get_ok("/api/documents").await;
    assert_eq!(all["total"], 2);
    let docs = all["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    // Newest first.
    assert_eq!(ids, [SEEDS[1].0, SEEDS[0].0]);
    for d in docs {
        let id = d["doc_id"].as_str().unwrap();
        let n = t.get_ok(&format!("/api/events?doc={id}&limit=0")).await["total"].clone();
        assert_eq!(d["events"], n, "{id}");
    }
    // A word of the newest title finds it and not the other.
    let title = docs[0]["title"].as_str().unwrap();
    let word = title
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .find(|w| !docs[1]["title"].as_str().unwrap().contains(*w))
        .expect("a distinctive title word");
    let uri = format!(
        "/api/documents?q={}",
        percent_encoding::utf8_percent_encode(word, percent_encoding::NON_ALPHANUMERIC)
    );
    let hit = t.get_ok(&uri).await;
    assert_eq!(hit["total"], 1, "{word}");
    assert_eq!(hit["documents"][0]["doc_id"], SEEDS[1].0);
    let (st, code, _, near) = error_of(&t, "/api/documents?query=x").await;
    assert_eq!(
        (st, code.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_parameter")
    );
    assert_eq!(near.as_deref(), Some("q"));
}
