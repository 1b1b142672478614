//! Ingest, idempotence, deduplication, filters, graph and stats on hand-written
//! reports (see `common/mod.rs` for the texts and their glosses).

mod common;

use common::*;
use rasd_model::Precision;
use rasd_store::{EdgeKind, Filter, Store, StoredEvent};

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.upsert_actors(&actor_rows()).unwrap();
    s
}

fn all(s: &Store) -> Vec<StoredEvent> {
    s.events(&Filter::default()).unwrap()
}

fn ids(events: &[StoredEvent]) -> Vec<String> {
    events.iter().map(|e| e.id.clone()).collect()
}

/// The event reported by `doc_id`.
fn event_of<'a>(events: &'a [StoredEvent], doc_id: &str, sub: &str) -> &'a StoredEvent {
    events
        .iter()
        .find(|e| {
            e.event.acled.sub_event_type == sub && e.sources.iter().any(|s| s.doc_id == doc_id)
        })
        .unwrap_or_else(|| panic!("no {sub} event from {doc_id}"))
}

#[test]
fn ingesting_twice_changes_nothing() {
    let mut s = store();
    let batch = vec![report_a(), report_b(), report_c()];
    let first = s.ingest_batch(&batch).unwrap();
    assert_eq!(first.docs_new, 3);
    assert_eq!(first.reports_new, 3);
    assert_eq!(first.events_new, 2, "A and B are one event, C another");
    assert_eq!(first.events_merged, 2);
    let counts = s.counts().unwrap();
    let events = all(&s);

    let again = s.ingest_batch(&batch).unwrap();
    assert_eq!(again.docs_unchanged, 3);
    assert_eq!(
        (again.docs_new, again.reports_new, again.events_new),
        (0, 0, 0)
    );
    assert_eq!(s.counts().unwrap(), counts);
    assert_eq!(all(&s), events, "same rows, same ids, same numbers");
    assert_eq!(counts.documents, 3);
    assert_eq!(counts.event_reports, 3);
    assert_eq!(counts.event_sources, 3);
    assert_eq!(counts.events, 2);
    s.check().unwrap();
}

#[test]
fn the_same_document_twice_is_one_source() {
    let mut s = store();
    s.ingest_batch(&[report_a()]).unwrap();
    let sum = s.ingest_batch(&[report_a(), report_a()]).unwrap();
    assert_eq!(sum.docs_unchanged, 2);
    let events = all(&s);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources.len(), 1);
    assert_eq!(events[0].corroboration, 1);

    // The same article under another id (e.g. a second crawl) links, but it is the same
    // outlet, and its copy without an outlet has the same text: still one source.
    let (mut copy, mut evs) = report_a();
    copy.id = "crawl2-almasdar-1001".into();
    for e in &mut evs {
        e.doc_id = copy.id.clone();
        e.event_id = format!("{}-copy", e.event_id);
    }
    let (mut anon, mut evs2) = report_a();
    anon.id = "anon-copy".into();
    anon.source = None;
    anon.url = None;
    for e in &mut evs2 {
        e.doc_id = anon.id.clone();
        e.event_id = format!("{}-anon", e.event_id);
    }
    s.ingest_batch(&[(copy, evs), (anon, evs2)]).unwrap();
    let events = all(&s);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources.len(), 3);
    assert_eq!(events[0].corroboration, 1);
}

#[test]
fn two_outlets_make_one_event_with_the_lowest_fatalities() {
    let mut s = store();
    s.ingest_batch(&[report_a(), report_b()]).unwrap();
    let events = all(&s);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.corroboration, 2);
    assert_eq!(e.event.fatalities, Some(5), "ACLED keeps the lowest figure");
    assert_eq!(e.event.injured, Some(3));
    let mut per_report: Vec<(String, Option<u32>)> = e
        .sources
        .iter()
        .map(|s| (s.outlet.clone().unwrap(), s.fatalities))
        .collect();
    per_report.sort();
    assert_eq!(
        per_report,
        vec![
            ("aden-alghad".to_string(), Some(7)),
            ("almasdar".to_string(), Some(5))
        ]
    );
    // Each report keeps its own verbatim evidence.
    let b = e
        .sources
        .iter()
        .find(|s| s.doc_id == "adengad-2002")
        .unwrap();
    assert_eq!(
        b.evidence[0].text,
        "سبعة من أفراد القوات الحكومية لقوا حتفهم"
    );
    let doc_b = s.document("adengad-2002").unwrap().unwrap();
    assert_eq!(doc_b.slice(b.evidence[0].span()), b.evidence[0].text);
    // The most precise place wins: the district named by outlet A.
    let loc = e.event.location.as_ref().unwrap();
    assert_eq!(loc.admin2_pcode.as_deref(), Some("YE2606"));
    assert_eq!(loc.geo_precision, 1);
    // The canonical id is the smallest report id and resolves from any report id.
    let min_id = e.sources.iter().map(|s| s.event_id.clone()).min().unwrap();
    assert_eq!(e.id, min_id);
    assert_eq!(e.event.event_id, e.id);
    for src in &e.sources {
        assert_eq!(s.event(&src.event_id).unwrap().unwrap().id, e.id);
    }
    assert_eq!(s.event(&e.event_id_cnty).unwrap().unwrap().id, e.id);
    assert!(s.event("ev-nothing").unwrap().is_none());
    assert_eq!(e.event_id_cnty.len(), "YEM".len() + 9);
    // Timestamp = midnight UTC of the latest publication date (2023-11-08).
    assert_eq!(e.timestamp, 1_699_401_600);
}

#[test]
fn a_later_background_paragraph_by_the_same_outlet_is_not_corroboration() {
    let mut s = store();
    s.ingest_batch(&[report_a()]).unwrap();
    let sum = s.ingest_batch(&[report_a_background()]).unwrap();
    assert_eq!(sum.reports_new, 2);
    assert_eq!(sum.events_new, 1, "only the Harib shelling is new");
    assert_eq!(sum.events_merged, 1);
    let events = all(&s);
    assert_eq!(events.len(), 2);
    let clash = event_of(&events, "almasdar-1001", "Armed clash");
    assert_eq!(clash.sources.len(), 2);
    assert_eq!(clash.corroboration, 1, "one outlet");
    // An independent outlet then makes it two.
    s.ingest_batch(&[report_b()]).unwrap();
    let events = all(&s);
    let clash = event_of(&events, "almasdar-1001", "Armed clash");
    assert_eq!((clash.sources.len(), clash.corroboration), (3, 2));
    assert_eq!(clash.event.fatalities, Some(5));
    assert_eq!(
        clash.timestamp, 1_700_438_400,
        "2023-11-20, the latest source"
    );
}

#[test]
fn unrelated_events_stay_apart() {
    let mut s = store();
    // C: other governorate; D: same type, governorate and day as A but civilians hit;
    // E: another type; F: no place.
    s.ingest_batch(&[report_a(), report_c(), report_d(), report_e(), report_f()])
        .unwrap();
    let events = all(&s);
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| e.sources.len() == 1));
    // Same type and governorate but another district: apart.
    let mut s = store();
    let (doc, mut evs) = report_b();
    evs[0].location = Some(place("harib"));
    s.ingest_batch(&[report_a(), (doc, evs)]).unwrap();
    assert_eq!(all(&s).len(), 2);
    // Neither names a place, and one leaves a side open: apart (an unknown place and an
    // unknown side together would merge unrelated events).
    let mut s = store();
    let (doc_a, mut evs_a) = report_a();
    evs_a[0].location = None;
    let (doc_b, mut evs_b) = report_b();
    evs_b[0].location = None;
    evs_b[0].actor2 = None;
    s.ingest_batch(&[
        (doc_a.clone(), evs_a.clone()),
        (doc_b.clone(), evs_b.clone()),
    ])
    .unwrap();
    assert_eq!(all(&s).len(), 2);
    // With both sides named they are one event again.
    let mut s = store();
    evs_b[0].actor2 = evs_a[0].actor2.clone();
    s.ingest_batch(&[(doc_a, evs_a), (doc_b, evs_b)]).unwrap();
    assert_eq!(all(&s).len(), 1);
    // Dates more than a day apart: apart.
    let mut s = store();
    let (doc, mut evs) = report_b();
    evs[0].date.start = Some("2023-11-03".into());
    evs[0].date.end = Some("2023-11-03".into());
    s.ingest_batch(&[report_a(), (doc, evs)]).unwrap();
    assert_eq!(all(&s).len(), 2);
}

#[test]
fn merging_does_not_depend_on_ingest_order_or_batching() {
    let items = [
        report_a(),
        report_b(),
        report_a_background(),
        report_c(),
        report_d(),
        report_e(),
    ];
    let run = |order: &[usize], batch: usize| {
        let mut s = store();
        let seq: Vec<_> = order.iter().map(|&i| items[i].clone()).collect();
        for chunk in seq.chunks(batch) {
            s.ingest_batch(chunk).unwrap();
        }
        s.check().unwrap();
        (all(&s), s.counts().unwrap())
    };
    let ab = run(&[0, 1, 2, 3, 4, 5], 1);
    let ba = run(&[1, 0, 5, 4, 3, 2], 1);
    let mixed = run(&[2, 4, 1, 3, 0, 5], 2);
    let one = run(&[5, 3, 1, 0, 4, 2], 6);
    assert_eq!(ab, ba);
    assert_eq!(ab, mixed);
    assert_eq!(ab, one);
    assert_eq!(ab.0.len(), 5);
}

#[test]
fn actor_hierarchy_and_symmetric_clashes_link() {
    let mut s = store();
    // Outlet B names a Houthi unit, and describes the clash the other way round.
    let (doc, mut evs) = report_b();
    evs[0].actor1 = Some(actor("yemen-gov-forces"));
    evs[0].actor2 = Some(actor("houthi-security"));
    s.ingest_batch(&[report_a(), (doc, evs)]).unwrap();
    let events = all(&s);
    assert_eq!(events.len(), 1);
    let e = &events[0].event;
    let pair = (
        e.actor1.as_ref().unwrap().id.as_str(),
        e.actor2.as_ref().unwrap().id.as_str(),
    );
    // Oriented like the best-ranked report (A: district precision); the more specific
    // unit replaces its parent.
    assert_eq!(pair, ("houthi-security", "yemen-gov-forces"));
}

#[test]
fn changing_the_hierarchy_reclusters() {
    let mut s = Store::open_in_memory().unwrap();
    let (doc, mut evs) = report_b();
    evs[0].actor1 = Some(actor("houthi-security"));
    s.ingest_batch(&[report_a(), (doc, evs)]).unwrap();
    assert_eq!(
        all(&s).len(),
        2,
        "without the hierarchy the unit is unrelated"
    );
    assert_eq!(s.upsert_actors(&actor_rows()).unwrap(), actor_rows().len());
    assert_eq!(all(&s).len(), 1);
    s.check().unwrap();
    assert_eq!(s.upsert_actors(&actor_rows()).unwrap(), 0);
}

#[test]
fn an_updated_document_replaces_its_reports() {
    let mut s = store();
    s.ingest_batch(&[report_a(), report_b()]).unwrap();
    // Outlet B corrects its article: the attack was in Harib, not Sirwah.
    let (mut doc, _) = report_b();
    doc.body = doc.body.replace("صرواح", "حريب");
    doc.text = format!("{}\n\n{}", doc.title, doc.body);
    let evs = vec![Ev::new(
        "ASSAULT",
        "Armed clash",
        "2023-11-07",
        "سبعة من أفراد القوات الحكومية لقوا حتفهم",
    )
    .at("harib")
    .actors("houthis", Some("yemen-gov-forces"))
    .killed(7)
    .build(&doc)];
    let sum = s.ingest_batch(&[(doc, evs)]).unwrap();
    assert_eq!(sum.docs_updated, 1);
    s.check().unwrap();
    let events = all(&s);
    assert_eq!(events.len(), 2);
    let a = event_of(&events, "almasdar-1001", "Armed clash");
    assert_eq!((a.sources.len(), a.corroboration), (1, 1));
    assert_eq!(a.event.fatalities, Some(5));
    assert_eq!(s.counts().unwrap().event_reports, 2);
}

#[test]
fn invalid_batches_are_refused_whole() {
    let mut s = store();
    let (doc, mut evs) = report_b();
    evs[0].doc_id = "someone-else".into();
    let err = s.ingest_batch(&[report_a(), (doc, evs)]).unwrap_err();
    assert!(err.to_string().contains("adengad-2002"), "{err}");
    assert_eq!(s.counts().unwrap().documents, 0);
}

#[test]
fn filters_select_by_date_actor_type_place_and_text() {
    let mut s = store();
    s.ingest_batch(&[
        report_a(),
        report_b(),
        report_a_background(),
        report_c(),
        report_d(),
        report_e(),
        report_f(),
    ])
    .unwrap();
    let n = |f: Filter| s.events(&f).unwrap().len();
    assert_eq!(n(Filter::default()), 6);
    let day = |d: &str| Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    assert_eq!(
        n(Filter {
            from: day("2023-11-08"),
            ..Filter::default()
        }),
        3,
        "C (8th), F (12th), Harib (19th)"
    );
    assert_eq!(
        n(Filter {
            to: day("2023-11-07"),
            ..Filter::default()
        }),
        3,
        "clash, Marib shelling, Aden week (starts 6th)"
    );
    let actor = |a: &str| Filter {
        actor: Some(a.into()),
        ..Filter::default()
    };
    assert_eq!(n(actor("houthis")), 4);
    assert_eq!(n(actor("Houthi Movement - Ansar Allah")), 4);
    assert_eq!(n(actor("aqap")), 1);
    assert_eq!(n(actor("civilians")), 2);
    let ty = |t: &str| Filter {
        event_type: Some(t.into()),
        ..Filter::default()
    };
    assert_eq!(n(ty("assault")), 5);
    assert_eq!(n(ty("PROTEST")), 1);
    assert_eq!(n(ty("Explosions/Remote violence")), 4);
    assert_eq!(n(ty("armed clash")), 1);
    let gov = |g: &str| Filter {
        admin1: Some(g.into()),
        ..Filter::default()
    };
    assert_eq!(n(gov("Ma'rib")), 3);
    assert_eq!(n(gov("ye26")), 3);
    assert_eq!(n(gov("Aden")), 1);
    let text = |t: &str| Filter {
        text: Some(t.into()),
        ..Filter::default()
    };
    assert_eq!(n(text("عبوة ناسفة")), 1);
    assert_eq!(n(text("sirwah")), 1);
    let page = s
        .events(&Filter {
            limit: Some(2),
            offset: 1,
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(ids(&page), ids(&all(&s)[1..3]));
    // Chronological, undated last.
    let dates: Vec<_> = all(&s).iter().map(|e| e.date()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn actor_graph_aggregates_interactions_and_hierarchy() {
    let mut s = store();
    let (doc, mut evs) = report_d();
    evs[0].actor1 = Some(actor("houthi-security"));
    s.ingest_batch(&[
        report_a(),
        report_b(),
        report_a_background(),
        report_c(),
        (doc, evs),
    ])
    .unwrap();
    let g = s.graph(&Filter::default()).unwrap();
    let node_ids: Vec<&str> = g.graph.node_weights().map(|n| n.id.as_str()).collect();
    assert_eq!(
        node_ids,
        [
            "aqap",
            "civilians",
            "houthi-security",
            "houthis",
            "shabwa-defense",
            "yemen-gov-forces"
        ]
    );
    assert_eq!(g.node("houthis").unwrap().events, 2);
    assert_eq!(g.node("houthis").unwrap().category, 2);
    let inter: Vec<(String, String, u32, f64)> = g
        .interactions()
        .map(|(a, b, e)| (a.id.clone(), b.id.clone(), e.count, e.goldstein_sum))
        .collect();
    assert_eq!(
        inter,
        vec![
            ("aqap".into(), "shabwa-defense".into(), 1, -10.0),
            ("houthi-security".into(), "civilians".into(), 1, -10.0),
            ("houthis".into(), "civilians".into(), 1, -10.0),
            ("houthis".into(), "yemen-gov-forces".into(), 1, -10.0),
        ]
    );
    let member: Vec<(String, String)> = g
        .graph
        .edge_indices()
        .filter(|&e| g.graph[e].kind == EdgeKind::MemberOf)
        .map(|e| {
            let (a, b) = g.graph.edge_endpoints(e).unwrap();
            (g.graph[a].id.clone(), g.graph[b].id.clone())
        })
        .collect();
    assert_eq!(member, vec![("houthi-security".into(), "houthis".into())]);
    // Filters apply.
    let g = s
        .graph(&Filter {
            admin1: Some("Shabwah".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(g.graph.node_count(), 2);
    assert_eq!(g.graph.edge_count(), 1);
}

#[test]
fn stats_count_types_actors_places_months_and_merges() {
    let mut s = store();
    s.ingest_batch(&[
        report_a(),
        report_b(),
        report_a_background(),
        report_c(),
        report_e(),
    ])
    .unwrap();
    let st = s.stats(&Filter::default()).unwrap();
    assert_eq!(st.events, 4);
    assert_eq!(st.reports, 6);
    assert_eq!(st.documents, 5);
    assert_eq!(st.merged_events, 1);
    assert_eq!(st.merged_reports, 2);
    assert_eq!(st.corroborated_events, 1);
    assert_eq!(
        st.by_event_type,
        vec![("ASSAULT".to_string(), 3), ("PROTEST".to_string(), 1)]
    );
    assert_eq!(st.by_actor[0], ("houthis".to_string(), 2));
    assert_eq!(st.by_admin1[0], ("Ma'rib".to_string(), 2));
    assert_eq!(st.by_month, vec![("2023-11".to_string(), 4)]);
    assert_eq!(
        st.top_pairs[0],
        ("aqap".to_string(), "shabwa-defense".to_string(), 1)
    );
    let json = st.to_json();
    assert_eq!(json["merged_events"], 1);
    assert_eq!(json["by_admin1"][0]["admin1"], "Ma'rib");
    let table = st.to_table();
    assert!(table.contains("merged events 1"), "{table}");
    assert!(table.contains("houthis -> yemen-gov-forces"), "{table}");
}

#[test]
fn places_and_actors_are_recorded() {
    let mut s = store();
    s.ingest_batch(&[report_a(), report_b(), report_c()])
        .unwrap();
    let places = s.places().unwrap();
    let names: Vec<(&str, u32)> = places.iter().map(|p| (p.name.as_str(), p.events)).collect();
    assert_eq!(names, [("Ma'rib", 0), ("Ataq", 1), ("Sirwah", 1)]);
    let actors = s.actors().unwrap();
    assert!(actors
        .iter()
        .any(|a| a.id == "houthi-security" && a.parent.as_deref() == Some("houthis")));
}

#[test]
fn wide_windows_never_merge() {
    let mut s = store();
    let (doc, mut evs) = report_b();
    evs[0].date.start = Some("2023-11-01".into());
    evs[0].date.end = Some("2023-12-31".into());
    evs[0].date.precision = Precision::Month;
    s.ingest_batch(&[report_a(), (doc, evs)]).unwrap();
    assert_eq!(all(&s).len(), 2);
}
