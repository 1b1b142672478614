//! `rasd watch` end to end against feeds and pages served from loopback by the test.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use rasd_extract::Extractor;
use rasd_store::{Filter, Store};
use rasd_watch::{PollReport, WatchConfig, Watcher};

// Articles written for these tests (not from any corpus).
const CLASH_TAIZ: &str =
    "قتل ثلاثة جنود من الجيش اليمني في اشتباكات مع الحوثيين في مدينة تعز يوم الأربعاء 8 نوفمبر 2023.";
const ATTACK_ABYAN: &str = "قتل سبعة جنود في هجوم لتنظيم القاعدة على نقطة عسكرية في مديرية مودية بمحافظة أبين يوم الخميس 9 نوفمبر 2023.";
const ATTACK_ABYAN_NINE: &str = "قتل تسعة جنود في هجوم لتنظيم القاعدة على نقطة عسكرية في مديرية مودية بمحافظة أبين يوم الخميس 9 نوفمبر 2023.";

fn extractor() -> Arc<Extractor> {
    static EXTRACTOR: OnceLock<Arc<Extractor>> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| Arc::new(Extractor::builtin().expect("built-in resources load")))
        .clone()
}

/// What the loopback server saw and how it behaves.
#[derive(Default)]
struct Server {
    hits: HashMap<String, usize>,
    if_none_match: Vec<String>,
    user_agents: Vec<String>,
    webhook: Vec<serde_json::Value>,
    webhook_failures_left: usize,
}

type Shared = Arc<Mutex<Server>>;

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>أخبار اليمن</title><link>{base}/</link><description>اختبار</description>
<item><title>اشتباكات في تعز</title><link>{base}/page/taiz</link><guid>taiz-1</guid>
<pubDate>Wed, 08 Nov 2023 10:00:00 GMT</pubDate></item>
<item><title>هجوم في أبين</title><link>{base}/full/abyan</link><guid>abyan-1</guid>
<pubDate>Thu, 09 Nov 2023 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{ATTACK_ABYAN}</p>]]></content:encoded></item>
<item><title>ملف</title><link>{base}/report.pdf</link><guid>pdf-1</guid></item>
</channel></rss>"#
    )
}

fn atom(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title><id>urn:test:atom</id>
<updated>2023-11-09T12:00:00Z</updated>
<entry><title>اشتباكات في تعز</title><id>urn:test:taiz</id><link href="{base}/page/taiz"/>
<updated>2023-11-08T12:00:00Z</updated></entry>
<entry><title>صفحة ضخمة</title><id>urn:test:huge</id><link href="{base}/huge"/>
<updated>2023-11-09T12:00:00Z</updated></entry>
</feed>"#
    )
}

async fn handle(
    State(st): State<(Shared, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (shared, base) = st;
    let path = uri.path().to_string();
    let mut s = shared.lock().unwrap();
    *s.hits.entry(path.clone()).or_default() += 1;
    let hits = s.hits[&path];
    if let Some(ua) = headers.get("user-agent").and_then(|v| v.to_str().ok()) {
        s.user_agents.push(ua.to_string());
    }
    let inm = headers
        .get("if-none-match")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let xml = [("content-type", "application/xml; charset=utf-8")];
    let html = [("content-type", "text/html; charset=utf-8")];
    match path.as_str() {
        "/rss.xml" => {
            if let Some(v) = inm {
                s.if_none_match.push(v.clone());
                if v == "\"rss-v1\"" {
                    return StatusCode::NOT_MODIFIED.into_response();
                }
            }
            ([("content-type", "application/rss+xml"), ("etag", "\"rss-v1\"")], rss(&base)).into_response()
        }
        "/atom.xml" => (xml, atom(&base)).into_response(),
        "/flaky.xml" if hits == 1 => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        "/flaky.xml" => (xml, rss(&base)).into_response(),
        "/bad.xml" => (xml, "<rss version=\"2.0\"><channel><item><title>مكسور</title></channel>").into_response(),
        "/page/taiz" => (
            html,
            format!("<html><head><title>اشتباكات في تعز</title></head><body><nav>الرئيسية</nav><article><h1>اشتباكات في تعز</h1><p>{CLASH_TAIZ}</p></article></body></html>"),
        )
            .into_response(),
        "/report.pdf" => ([("content-type", "application/pdf")], vec![b'%'; 64]).into_response(),
        "/huge" => (html, vec![b'a'; 50 * 1024 * 1024]).into_response(),
        "/hook" => {
            if s.webhook_failures_left > 0 {
                s.webhook_failures_left -= 1;
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            let v: serde_json::Value = serde_json::from_slice(&body).expect("webhook JSON");
            s.webhook.push(v);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Starts the loopback server; returns its base URL and its record.
async fn serve() -> (String, Shared) {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared: Shared = Arc::default();
    let app = Router::new()
        .fallback(handle)
        .with_state((shared.clone(), base.clone()));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("server runs") });
    (base, shared)
}

fn config(base: &str, extra: &str) -> WatchConfig {
    let text = format!(
        r#"
max_bytes = 1048576
timeout_secs = 20
[[feed]]
url = "{base}/rss.xml"
source = "rss-outlet"
[[feed]]
url = "{base}/atom.xml"
source = "atom-outlet"
{extra}
"#
    );
    WatchConfig::parse(&text, "test config").expect("valid config")
}

fn hits(s: &Shared, path: &str) -> usize {
    s.lock().unwrap().hits.get(path).copied().unwrap_or(0)
}

/// (date, type, actor1, actor2, admin1 p-code, fatalities) of every stored event.
fn summary(store: &Store) -> Vec<(String, String, String, String, String, Option<u32>)> {
    store
        .events(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            let ev = e.event;
            (
                ev.date.start.unwrap_or_default(),
                ev.plover.event_type,
                ev.actor1.map(|a| a.id).unwrap_or_default(),
                ev.actor2.map(|a| a.id).unwrap_or_default(),
                ev.location.and_then(|l| l.admin1_pcode).unwrap_or_default(),
                ev.fatalities,
            )
        })
        .collect()
}

fn report(
    results: &[(String, Result<PollReport, String>)],
    suffix: &str,
) -> Result<PollReport, String> {
    results
        .iter()
        .find(|(k, _)| k.ends_with(suffix))
        .map(|(_, r)| r.clone())
        .expect("polled")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rss_and_atom_arabic_items_are_ingested_once_across_feeds_and_restarts() {
    let (base, server) = serve().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    let cfg = config(&base, "");

    let mut w = Watcher::new(Store::open(&db).unwrap(), extractor(), cfg.clone()).unwrap();
    let results = w.run_once().await.unwrap();
    let rss = report(&results, "rss.xml").unwrap();
    assert_eq!((rss.items, rss.items_new), (3, 3));
    // The PDF is not a page: skipped with a reason naming it.
    assert_eq!(rss.errors.len(), 1, "{:?}", rss.errors);
    assert!(rss.errors[0].contains("report.pdf") && rss.errors[0].contains("application/pdf"));
    assert_eq!(rss.stored.docs_new, 2);
    let atom = report(&results, "atom.xml").unwrap();
    // The Taiz article is in both feeds: fetched once; the 50 MB page is capped.
    assert_eq!((atom.items, atom.items_new), (2, 1));
    assert_eq!(atom.stored.docs_new, 0);
    assert_eq!(atom.errors.len(), 1, "{:?}", atom.errors);
    assert!(atom.errors[0].contains("/huge") && atom.errors[0].contains("1048576-byte limit"));
    assert_eq!(hits(&server, "/page/taiz"), 1);
    assert_eq!(hits(&server, "/huge"), 1);
    // The full content of the Abyan item was used: its page was never fetched.
    assert_eq!(hits(&server, "/full/abyan"), 0);

    let expected = vec![
        (
            "2023-11-08".to_string(),
            "ASSAULT".to_string(),
            "houthis".to_string(),
            "yemen-gov-forces".to_string(),
            "YE15".to_string(),
            Some(3),
        ),
        (
            "2023-11-09".to_string(),
            "ASSAULT".to_string(),
            "aqap".to_string(),
            "yemen-gov-forces".to_string(),
            "YE12".to_string(),
            Some(7),
        ),
    ];
    assert_eq!(summary(w.store()), expected);
    let taiz = w
        .store()
        .events(&Filter {
            admin1: Some("YE15".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(taiz[0].sources.len(), 1);
    assert_eq!(taiz[0].sources[0].outlet.as_deref(), Some("rss-outlet"));
    assert_eq!(
        taiz[0].sources[0].url.as_deref(),
        Some(format!("{base}/page/taiz").as_str())
    );
    assert!(taiz[0].sources[0].evidence[0].text.contains("تعز"));
    let ua = server.lock().unwrap().user_agents[0].clone();
    assert!(ua.starts_with("rasd-watch/"), "{ua}");

    // Second poll: the RSS feed answers 304 to its ETag; nothing is fetched again.
    let results = w.run_once().await.unwrap();
    assert!(report(&results, "rss.xml").unwrap().not_modified);
    assert_eq!(report(&results, "atom.xml").unwrap().items_new, 0);
    assert_eq!(
        server.lock().unwrap().if_none_match,
        vec!["\"rss-v1\"".to_string()]
    );
    drop(w);

    // Restart on the same database: validators and seen items survive.
    let mut w = Watcher::new(Store::open(&db).unwrap(), extractor(), cfg).unwrap();
    let results = w.run_once().await.unwrap();
    assert!(report(&results, "rss.xml").unwrap().not_modified);
    assert_eq!(report(&results, "atom.xml").unwrap().items_new, 0);
    assert_eq!(hits(&server, "/page/taiz"), 1);
    assert_eq!(hits(&server, "/huge"), 1);
    assert_eq!(summary(w.store()), expected);
    assert_eq!(w.store().counts().unwrap().documents, 2);
    let feeds = w.store().feed_states().unwrap();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds.iter().map(|f| f.items_seen).sum::<u64>(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_feed_recovers_and_malformed_xml_is_recorded() {
    let (base, _server) = serve().await;
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "[[feed]]\nurl = \"{base}/flaky.xml\"\ninterval_secs = 60\n[[feed]]\nurl = \"{base}/bad.xml\"\n"
    );
    let cfg = WatchConfig::parse(&text, "test").unwrap();
    let mut w = Watcher::new(
        Store::open(dir.path().join("w.db")).unwrap(),
        extractor(),
        cfg,
    )
    .unwrap();

    let first = w.run_once().await.unwrap();
    let flaky = report(&first, "flaky.xml").unwrap_err();
    assert!(flaky.contains("503"), "{flaky}");
    let bad = report(&first, "bad.xml").unwrap_err();
    assert!(
        bad.contains("bad.xml") && bad.contains("not a valid RSS or Atom feed"),
        "{bad}"
    );
    let state = w.store().feed_state(&format!("{base}/flaky.xml")).unwrap();
    assert_eq!(state.failures, 1);
    assert!(state.last_success.is_none());
    assert_eq!(w.store().counts().unwrap().documents, 0);
    assert_eq!(
        rasd_watch::backoff(std::time::Duration::from_secs(60), state.failures).as_secs(),
        120
    );

    let second = w.run_once().await.unwrap();
    let flaky = report(&second, "flaky.xml").unwrap();
    assert_eq!(flaky.stored.docs_new, 2);
    let state = w.store().feed_state(&format!("{base}/flaky.xml")).unwrap();
    assert_eq!(state.failures, 0);
    assert!(state.last_success.is_some());
    assert!(state.last_error.as_deref().unwrap().contains("503"));
    assert_eq!(
        w.store()
            .feed_state(&format!("{base}/bad.xml"))
            .unwrap()
            .failures,
        2
    );
    let fatalities: Vec<Option<u32>> = summary(w.store()).into_iter().map(|e| e.5).collect();
    assert_eq!(fatalities, vec![Some(3), Some(7)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_fire_once_and_again_when_the_toll_changes() {
    let (base, server) = serve().await;
    server.lock().unwrap().webhook_failures_left = 1;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("inbox");
    std::fs::create_dir(&folder).unwrap();
    let alerts_file = dir.path().join("alerts.jsonl");
    let text = format!(
        r#"
[[folder]]
path = "{folder}"
[[alert]]
name = "deadly"
min_fatalities = 5
country = "YEM"
notify = {{ kind = "file", path = "{file}" }}
[[alert]]
name = "aqap"
actors = ["aqap"]
event_types = ["ASSAULT"]
notify = {{ kind = "webhook", url = "{base}/hook", attempts = 3, retry_ms = 10 }}
"#,
        folder = folder.display(),
        file = alerts_file.display()
    );
    let cfg = WatchConfig::parse(&text, "test").unwrap();
    let db = dir.path().join("a.db");
    let mut w = Watcher::new(Store::open(&db).unwrap(), extractor(), cfg.clone()).unwrap();
    std::fs::write(
        folder.join("abyan.txt"),
        format!("هجوم في أبين\n\n{ATTACK_ABYAN}\n"),
    )
    .unwrap();
    std::fs::write(
        folder.join("taiz.txt"),
        format!("اشتباكات في تعز\n\n{CLASH_TAIZ}\n"),
    )
    .unwrap();
    std::fs::write(folder.join("notes.md"), "not an article").unwrap();

    let r = w.scan_folder(&folder).await.unwrap();
    assert_eq!((r.items, r.items_new, r.stored.docs_new), (2, 2, 2));
    assert_eq!(r.alerts, 2, "{:?}", r.errors);
    let lines = || -> Vec<serde_json::Value> {
        std::fs::read_to_string(&alerts_file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let file_alerts = lines();
    assert_eq!(file_alerts.len(), 1);
    assert_eq!(file_alerts[0]["rule"], "deadly");
    assert_eq!(file_alerts[0]["reason"], "new");
    assert_eq!(file_alerts[0]["event"]["fatalities"], 7);
    assert_eq!(file_alerts[0]["event"]["actor1"]["id"], "aqap");
    // The webhook failed once, then received the event JSON.
    let hook = server.lock().unwrap().webhook.clone();
    assert_eq!(hook.len(), 1);
    assert_eq!(hook[0]["rule"], "aqap");
    assert_eq!(hook[0]["event"]["location"]["admin1_pcode"], "YE12");
    assert_eq!(hits(&server, "/hook"), 2);

    // Nothing changed: no alert, also after a restart.
    assert_eq!(w.scan_folder(&folder).await.unwrap().alerts, 0);
    drop(w);
    let mut w = Watcher::new(Store::open(&db).unwrap(), extractor(), cfg).unwrap();
    assert_eq!(w.scan_folder(&folder).await.unwrap().alerts, 0);
    assert_eq!(lines().len(), 1);

    // A later version of the article raises the toll: both rules fire again.
    std::fs::write(
        folder.join("abyan.txt"),
        format!("هجوم في أبين\n\n{ATTACK_ABYAN_NINE}\n"),
    )
    .unwrap();
    let r = w.scan_folder(&folder).await.unwrap();
    assert_eq!((r.items_new, r.stored.docs_updated, r.alerts), (1, 1, 2));
    let file_alerts = lines();
    assert_eq!(file_alerts.len(), 2);
    assert_eq!(file_alerts[1]["event"]["fatalities"], 9);
    let hook = server.lock().unwrap().webhook.clone();
    assert_eq!(hook.len(), 2);
    assert_eq!(hook[1]["event"]["fatalities"], 9);
    assert_eq!(w.store().counts().unwrap().documents, 2);
}

#[test]
fn config_errors_name_the_file_and_the_problem() {
    let err = WatchConfig::parse("[[feed]]\nurl = \"ftp://x\"\n", "watch.toml").unwrap_err();
    assert_eq!(
        err.to_string(),
        "watch.toml: feed `ftp://x` is not an http(s) URL"
    );
    let err = WatchConfig::parse(
        "[[feed]]\nurl = \"http://127.0.0.1/\"\ninterval = 3\n",
        "w.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("w.toml: ") && err.contains("unknown field `interval`"),
        "{err}"
    );
}
