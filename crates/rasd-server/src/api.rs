//! The JSON API: each route next to its handler.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::catalog::{self, Catalog, Source};
use crate::error::AppError;
use crate::filter::{Filter, FilterParams, Page, EXPORT_KEYS, GRAPH_KEYS, PAGE_KEYS};
use crate::input::ApiJson;
use crate::state::AppState;

/// Every API route as `(method, path)`, in the order of the OpenAPI document.
/// A test checks that the router and `/api/openapi.json` agree with this list.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/actors"),
    ("get", "/api/actors/{id}"),
    ("get", "/api/graph"),
    ("get", "/api/places"),
    ("get", "/api/stats"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("post", "/api/extract"),
    ("get", "/api/export"),
    ("get", "/api/updates"),
    ("get", "/api/feeds"),
    ("get", "/api/relations/{a}/{b}"),
    ("get", "/api/openapi.json"),
];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(get_event))
        .route("/api/actors", get(list_actors))
        .route("/api/actors/{id}", get(get_actor))
        .route("/api/graph", get(get_graph))
        .route("/api/places", get(get_places))
        .route("/api/stats", get(get_stats))
        .route("/api/documents", post(ingest_document).get(list_documents))
        .route("/api/documents/{id}", get(get_document))
        .route("/api/extract", post(extract))
        .route("/api/export", get(export))
        .route("/api/updates", get(crate::live::updates))
        .route("/api/feeds", get(crate::live::feeds))
        .route("/api/relations/{a}/{b}", get(crate::live::relation))
        .route("/api/openapi.json", get(openapi))
}

/// A JSON body whose events are pre-serialized.
fn raw_json(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Parses the query string of a filtered route (`extra`: its own parameters)
/// and checks the filter against the catalog.
fn parse_query(
    raw: Option<String>,
    extra: &[&str],
    cat: &Catalog,
) -> Result<(FilterParams, Filter), AppError> {
    let p = FilterParams::from_query(raw.as_deref(), extra)?;
    let mut f = Filter::parse(&p)?;
    cat.resolve(&mut f)?;
    Ok((p, f))
}

// ------------------------------------------------------------------ events

/// `GET /api/events`: filtered, sorted, paged events.
async fn list_events(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let cat = st.catalog();
    let (p, filter) = parse_query(raw, &PAGE_KEYS, &cat)?;
    let page = Page::parse(&p)?;
    let (total, hits) = cat.page(&filter, &page);
    match p.one("view") {
        None | Some("full") => {}
        Some("points") => {
            // A small projection for the map: a few fields instead of the record.
            let points: Vec<Value> = hits
                .iter()
                .map(|e| {
                    let ev = &e.event;
                    let loc = ev.location.as_ref();
                    json!({
                        "event_id": ev.event_id,
                        "type": ev.plover.event_type,
                        "date": ev.date.start.as_ref().or(ev.date.end.as_ref()),
                        "lat": loc.and_then(|l| l.lat),
                        "lon": loc.and_then(|l| l.lon),
                        "country": loc.map(|l| &l.country),
                        "admin1_pcode": loc.and_then(|l| l.admin1_pcode.as_ref()),
                        "admin2_pcode": loc.and_then(|l| l.admin2_pcode.as_ref()),
                        "geo_precision": loc.map(|l| l.geo_precision),
                        "place": loc.map(|l| &l.name),
                        "place_ar": loc.map(|l| &l.name_ar),
                        "fatalities": ev.fatalities,
                        "sources": e.corroboration,
                        "hedged": ev.hedged,
                    })
                })
                .collect();
            return Ok(Json(json!({
                "total": total, "offset": page.offset, "limit": page.limit, "events": points,
            }))
            .into_response());
        }
        Some(other) => {
            return Err(AppError::param(
                "invalid_value",
                "view",
                format!("invalid `view`: `{other}` (one of full, points)"),
            ))
        }
    }
    // Events were serialized once when the catalog was built; only the page
    // frame and two per-event figures (the number of outlets and whether their
    // death tolls disagree) are written here.
    let mut body =
        String::with_capacity(64 + hits.iter().map(|e| e.json.get().len() + 1).sum::<usize>());
    body.push_str(&format!(
        "{{\"total\":{total},\"offset\":{},\"limit\":{},\"events\":[",
        page.offset, page.limit
    ));
    for (i, e) in hits.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        let json = e.json.get();
        body.push_str(&format!(
            "{{\"sources\":{},\"deaths_disagree\":{},",
            e.corroboration, e.deaths_disagree
        ));
        // The record is a non-empty JSON object: its fields follow.
        body.push_str(json.strip_prefix('{').unwrap_or(json));
    }
    body.push_str("]}");
    Ok(raw_json(body))
}

#[derive(Serialize)]
struct EventDetail<'a> {
    event: &'a rasd_model::Event,
    event_id_cnty: &'a str,
    corroboration: u32,
    deaths_disagree: bool,
    sources: &'a [Source],
}

/// `GET /api/events/{id}`: one event, its sources, their evidence and figures.
async fn get_event(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let cat = st.catalog();
    let e = cat
        .get(&id)
        .or_else(|| cat.get_by_report(&id))
        .or_else(|| cat.get_by_cnty(&id))
        .ok_or_else(|| AppError::NotFound(format!("no event `{id}`")))?;
    Ok(Json(json!(EventDetail {
        event: &e.event,
        event_id_cnty: &e.event_id_cnty,
        corroboration: e.corroboration,
        deaths_disagree: e.deaths_disagree,
        sources: &e.sources,
    })))
}

// ------------------------------------------------------------------ actors

/// `GET /api/actors`: every actor with its parent and event count.
async fn list_actors(State(st): State<AppState>) -> Json<Value> {
    let cat = st.catalog();
    Json(json!({ "actors": cat.actors }))
}

/// `GET /api/actors/{id}`: aliases, hierarchy and interactions of one actor.
async fn get_actor(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let cat = st.catalog();
    let &i = cat
        .actor_index
        .get(&id)
        .ok_or_else(|| AppError::NotFound(format!("no actor `{id}`")))?;
    let actor = &cat.actors[i];
    // Ancestors, nearest first.
    let mut ancestors = Vec::new();
    let mut cur = actor.parent.clone();
    while let Some(p) = cur {
        if ancestors.iter().any(|a: &Value| a["id"] == p.as_str()) || ancestors.len() > 16 {
            break;
        }
        let info = cat.actor_index.get(&p).map(|&j| &cat.actors[j]);
        ancestors.push(json!({
            "id": p, "name": info.map(|a| a.name.as_str()), "name_ar": catalog::actor_name_ar(&p),
        }));
        cur = info.and_then(|a| a.parent.clone());
    }
    let children: Vec<Value> = cat
        .actors
        .iter()
        .filter(|a| a.parent.as_deref() == Some(id.as_str()))
        .map(|a| json!({ "id": a.id, "name": a.name, "name_ar": a.name_ar, "events": a.events }))
        .collect();
    let filter = Filter {
        actors: vec![id.clone()],
        ..Filter::default()
    };
    let hits = cat.filter(&filter);
    // Aliases: the words of the texts that named this actor, most frequent first.
    let mut aliases: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in &hits {
        let ev = &e.event;
        for a in [&ev.actor1, &ev.actor2]
            .into_iter()
            .flatten()
            .chain(ev.assoc_actor1.iter())
            .chain(ev.assoc_actor2.iter())
        {
            if a.id == id {
                if let Some(t) = &a.text {
                    *aliases.entry(t.as_str()).or_default() += 1;
                }
            }
        }
    }
    let mut aliases: Vec<(&str, usize)> = aliases.into_iter().collect();
    aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let graph = catalog::graph(&cat, &hits, None);
    let interactions: Vec<&catalog::GraphEdge> = graph
        .edges
        .iter()
        .filter(|e| e.source == id || e.target == id)
        .collect();
    // Per counterpart, the events naming both actors per week (Monday), for
    // the counterpart timelines of the actor page.
    let mut pair_weeks: std::collections::HashMap<&str, std::collections::BTreeMap<String, usize>> =
        Default::default();
    for e in &hits {
        let Some(d) = e.date() else { continue };
        let week = catalog::week_of(d).to_string();
        for other in catalog::event_actor_ids(&e.event) {
            if other != id {
                *pair_weeks
                    .entry(other)
                    .or_default()
                    .entry(week.clone())
                    .or_default() += 1;
            }
        }
    }
    let interactions: Vec<Value> = interactions
        .into_iter()
        .map(|e| {
            let other = if e.source == id { &e.target } else { &e.source };
            json!({
                "by_week": pair_weeks.get(other.as_str()),
                "actor": other,
                "name": cat.actor_index.get(other).map(|&j| cat.actors[j].name.as_str()),
                "name_ar": catalog::actor_name_ar(other),
                "events": e.events,
                "cooperation": e.cooperation,
                "conflict": e.conflict,
                "kind": e.kind,
                "event_ids": e.event_ids,
            })
        })
        .collect();
    let mut by_type: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in &hits {
        *by_type
            .entry(e.event.plover.event_type.as_str())
            .or_default() += 1;
    }
    // The actor's events per week (Monday), for its timeline.
    let mut by_week: std::collections::BTreeMap<String, usize> = Default::default();
    for e in &hits {
        if let Some(d) = e.date() {
            *by_week.entry(catalog::week_of(d).to_string()).or_default() += 1;
        }
    }
    Ok(Json(json!({
        "id": actor.id,
        "name": actor.name,
        "name_ar": actor.name_ar,
        "by_week": by_week,
        "parent": actor.parent,
        "ancestors": ancestors,
        "children": children,
        "aliases": aliases.iter().map(|(t, n)| json!({"text": t, "count": n})).collect::<Vec<_>>(),
        "events": hits.len(),
        "by_type": by_type,
        "interactions": interactions,
    })))
}

// ------------------------------------------------------------------ views

/// `GET /api/graph`: the actor graph of the filtered events.
async fn get_graph(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let cat = st.catalog();
    let (p, f) = parse_query(raw, &GRAPH_KEYS, &cat)?;
    let top = match p.one("top") {
        None => None,
        Some(s) => Some(s.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
            AppError::param(
                "invalid_value",
                "top",
                format!("invalid `top`: expected a positive integer, got `{s}`"),
            )
        })?),
    };
    let hits = cat.filter(&f);
    Ok(Json(json!(catalog::graph(&cat, &hits, top))))
}

/// `GET /api/places`: event counts per governorate and district.
async fn get_places(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let cat = st.catalog();
    let (_, f) = parse_query(raw, &[], &cat)?;
    let hits = cat.filter(&f);
    Ok(Json(json!(catalog::places(&hits))))
}

/// `GET /api/stats`: totals, and counts by type, week and governorate.
async fn get_stats(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let cat = st.catalog();
    let (_, f) = parse_query(raw, &[], &cat)?;
    let hits = cat.filter(&f);
    let mut v = json!(catalog::stats(&hits));
    v["documents_total"] = json!(cat.documents);
    v["events_total"] = json!(cat.entries.len());
    Ok(Json(v))
}

// ------------------------------------------------------------------ documents

/// `GET /api/documents/{id}`: the text of one document and the events extracted
/// from it, with their evidence spans (char offsets into `text`).
async fn get_document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let doc = st
        .document(id.clone())
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no document `{id}`")))?;
    Ok(Json(doc))
}

/// `GET /api/documents?q=&limit=&offset=`: the articles that reported events,
/// newest first, with their number of events; `q` searches their titles
/// (Arabic spelling folded, light stems, as the event search).
async fn list_documents(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let p = FilterParams::from_query_only(raw.as_deref(), &["q", "limit", "offset"])?;
    let page = Page::parse(&p)?;
    let q = p.one("q").unwrap_or("");
    if q.chars().count() > 500 {
        return Err(AppError::param(
            "invalid_value",
            "q",
            "invalid `q`: longer than 500 characters".into(),
        ));
    }
    let cat = st.catalog();
    let docs = cat.documents_matching(q);
    let total = docs.len();
    let page_docs: Vec<&catalog::DocumentInfo> = docs
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect();
    Ok(Json(json!({
        "total": total, "offset": page.offset, "limit": page.limit, "documents": page_docs,
    })))
}

/// Body of `POST /api/extract` and `POST /api/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleIn {
    /// The article. Without `title`, its first non-empty line is the title.
    pub text: String,
    /// Title; when given, `text` is the body.
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD`: relative dates are resolved against it.
    pub pub_date: Option<String>,
    /// Document id; default: a stable hash of the text.
    pub id: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Longest accepted article, in chars.
const MAX_ARTICLE_CHARS: usize = 200_000;

impl ArticleIn {
    pub(crate) fn into_document(self) -> Result<rasd_model::Document, AppError> {
        let text = self.text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            return Err(AppError::Unprocessable("`text` is empty".into()));
        }
        if text.chars().count() > MAX_ARTICLE_CHARS {
            return Err(AppError::PayloadTooLarge(format!(
                "`text` is longer than {MAX_ARTICLE_CHARS} characters"
            )));
        }
        let pub_date = match self.pub_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| {
                        AppError::Unprocessable(format!(
                            "invalid `pub_date`: expected YYYY-MM-DD, got `{s}`"
                        ))
                    })
                    .and_then(|d| {
                        rasd_model::check_pub_date(d).map_err(|m| {
                            AppError::Unprocessable(format!("invalid `pub_date`: {m}"))
                        })
                    })?,
            ),
        };
        let (title, body) = match self.title {
            Some(t) => (t.trim().to_owned(), text.to_owned()),
            None => split_title(text),
        };
        let id = match self.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => {
                if id.len() > 200 || id.chars().any(|c| c.is_control() || c == '/') {
                    return Err(AppError::Unprocessable(
                        "invalid `id`: at most 200 characters, no `/` or control characters".into(),
                    ));
                }
                id.to_owned()
            }
            _ => rasd_model::stable_id("doc", &[&title, &body]),
        };
        let mut doc = rasd_model::Document::new(id, title, body);
        doc.pub_date = pub_date;
        doc.url = self.url.filter(|s| !s.is_empty());
        doc.source = self.source.filter(|s| !s.is_empty());
        doc.origin = "<api>".into();
        Ok(doc)
    }
}

/// As the `.txt` reader does: the first non-empty line is the title, the rest
/// (from the next line on) the body.
fn split_title(text: &str) -> (String, String) {
    let text = text.trim_start_matches(['\n', '\r', ' ', '\t']);
    match text.split_once('\n') {
        Some((t, rest)) => (
            t.trim_end_matches('\r').trim().to_owned(),
            rest.trim_start_matches(['\n', '\r']).to_owned(),
        ),
        None => (text.trim().to_owned(), String::new()),
    }
}

/// `POST /api/extract`: an article in, its events out; nothing is stored.
async fn extract(
    State(st): State<AppState>,
    ApiJson(article): ApiJson<ArticleIn>,
) -> Result<Json<Value>, AppError> {
    let doc = article.into_document()?;
    let (doc, extraction) = st.extract(doc).await?;
    Ok(Json(json!({
        "document": {
            "doc_id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "pub_date": doc.pub_date.map(|d| d.to_string()),
        },
        "events": extraction.events,
        "diagnostics": extraction.diagnostics,
    })))
}

/// `POST /api/documents`: ingest one article (extract, store, deduplicate).
async fn ingest_document(
    State(st): State<AppState>,
    ApiJson(article): ApiJson<ArticleIn>,
) -> Result<Response, AppError> {
    let doc = article.into_document()?;
    let out = st.ingest(doc).await?;
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

// ------------------------------------------------------------------ export

/// `GET /api/export?format=csv|jsonl|geojson|graphml` over the filtered events.
async fn export(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let (p, f) = parse_query(raw, &EXPORT_KEYS, &st.catalog())?;
    let format = p.one("format").unwrap_or("jsonl").to_ascii_lowercase();
    let (mime, ext) = match format.as_str() {
        "csv" => ("text/csv; charset=utf-8", "csv"),
        "jsonl" => ("application/x-ndjson", "jsonl"),
        "geojson" => ("application/geo+json", "geojson"),
        "graphml" => ("application/graphml+xml", "graphml"),
        other => {
            return Err(AppError::Param(Box::new(crate::error::ParamError {
                code: "unknown_value",
                param: "format".into(),
                message: format!(
                    "invalid `format`: `{other}` (one of csv, jsonl, geojson, graphml)"
                ),
                valid: ["csv", "jsonl", "geojson", "graphml"]
                    .map(String::from)
                    .to_vec(),
                did_you_mean: crate::filter::closest(other, ["csv", "jsonl", "geojson", "graphml"]),
            })))
        }
    };
    let rx = st.export(ext.to_owned(), f)?;
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let body = axum::body::Body::from_stream(stream);
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"rasd-events.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/openapi.json`
async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}
