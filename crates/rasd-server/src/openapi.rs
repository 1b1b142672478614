//! The OpenAPI 3.1 document served at `/api/openapi.json`. It is written by
//! hand; a test checks that its paths are exactly [`crate::api::ROUTES`] and
//! that every one of them is routed.

use serde_json::{json, Value};

use crate::filter::{Sort, MAX_LIMIT, PLOVER_TYPES};

fn filter_params() -> Value {
    json!([
        {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"},
         "description": "Events on or after this day (the date window's start, else its end)."},
        {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"},
         "description": "Events on or before this day."},
        {"name": "type", "in": "query", "schema": {"type": "string"},
         "description": format!("PLOVER type(s), comma-separated: {}.", PLOVER_TYPES.join(", "))},
        {"name": "actor", "in": "query", "schema": {"type": "string"},
         "description": "Actor id(s), comma-separated; matches actor1, actor2 and associated actors, and actors below it in the hierarchy."},
        {"name": "country", "in": "query", "schema": {"type": "string"},
         "description": "Country of the event's place: ISO 3166-1 alpha-3 code(s) (YEM, ISR, SAU) or SEA for events at sea, comma-separated or repeated. Events without a place never match."},
        {"name": "admin1", "in": "query", "schema": {"type": "string"},
         "description": "Governorate p-code(s) (e.g. YE13), English or Arabic name(s) (تعز, Taiz, Ta'iz), comma-separated or repeated. An unknown name is a 400 with the closest one."},
        {"name": "admin2", "in": "query", "schema": {"type": "string"},
         "description": "District p-code(s), English or Arabic name(s), comma-separated or repeated."},
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500},
         "description": "Words that must all occur in the evidence, actor or place names or the coding (English terms such as `airstrike` match the ACLED sub-event type); Arabic spelling variants are folded and Arabic words match by light stem (غارة finds غارات)."},
        {"name": "doc", "in": "query", "schema": {"type": "string"},
         "description": "Only events reported by this document."},
        {"name": "located", "in": "query", "schema": {"type": "string", "enum": ["yes", "no"]},
         "description": "`no`: only events the map cannot place (no coordinates and no governorate)."},
        {"name": "dated", "in": "query", "schema": {"type": "string", "enum": ["yes", "no"]},
         "description": "`no`: only events without a date."},
        {"name": "hedged", "in": "query", "schema": {"type": "string", "enum": ["yes", "no"]},
         "description": "Only hedged (`yes`) or only firm (`no`) reports."},
        {"name": "min_confidence", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1}},
        {"name": "acled_type", "in": "query", "schema": {"type": "string"},
         "description": "ACLED event type(s), comma-separated or repeated, e.g. Battles."},
        {"name": "sub_event_type", "in": "query", "schema": {"type": "string"},
         "description": "ACLED sub-event type(s), e.g. Air/drone strike."}
    ])
}

fn page_params() -> Value {
    json!([
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 100}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": Sort::NAMES, "default": "date_desc"}},
        {"name": "view", "in": "query", "schema": {"type": "string", "enum": ["full", "points"], "default": "full"},
         "description": "`points`: only event_id, type, date, lat, lon, country, admin1_pcode, admin2_pcode, geo_precision, place, place_ar, fatalities, sources, hedged (for maps)."}
    ])
}

fn id_param(what: &str) -> Value {
    json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": what}])
}

fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn err(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn concat(a: Value, b: Value) -> Value {
    let mut v = a.as_array().cloned().unwrap_or_default();
    v.extend(b.as_array().cloned().unwrap_or_default());
    Value::Array(v)
}

/// The document.
pub fn document() -> Value {
    let obj = json!({"type": "object"});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "rasd API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Coded events of the war in Yemen extracted from Arabic news. Event records follow spec/events.md (v1). Errors are JSON objects {\"error\": message, \"code\": stable code}; a query parameter error adds `param`, and for an unknown value or parameter `valid` and `did_you_mean`. Unknown parameters are rejected; single-valued parameters may not repeat; query strings over 8 KiB get a 414. Request bodies are limited to 2 MiB."
        },
        "paths": {
            "/api/events": {"get": {
                "summary": "List events (filtered, sorted, paged)",
                "parameters": concat(filter_params(), page_params()),
                "responses": {
                    "200": ok("A page of events", json!({"type": "object", "required": ["total", "offset", "limit", "events"], "properties": {
                        "total": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
                        "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}})),
                    "400": err("A bad parameter")
                }
            }},
            "/api/events/{id}": {"get": {
                "summary": "One event with its sources, their evidence and per-report figures",
                "parameters": id_param("Event id, or the id of one document's report of it"),
                "responses": {
                    "200": ok("The event", json!({"type": "object", "properties": {
                        "event": {"$ref": "#/components/schemas/Event"},
                        "event_id_cnty": {"type": "string"},
                        "corroboration": {"type": "integer"},
                        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}})),
                    "404": err("No such event")
                }
            }},
            "/api/actors": {"get": {
                "summary": "All actors with parent and event count",
                "responses": {"200": ok("Actors", json!({"type": "object", "properties": {"actors": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}}}}))}
            }},
            "/api/actors/{id}": {"get": {
                "summary": "One actor: aliases, hierarchy (ancestors, children) and interactions",
                "parameters": id_param("Actor id, e.g. houthis"),
                "responses": {"200": ok("The actor", obj.clone()), "404": err("No such actor")}
            }},
            "/api/graph": {"get": {
                "summary": "Actor graph of the filtered events: nodes and cooperation/conflict edges",
                "parameters": concat(filter_params(), json!([{"name": "top", "in": "query", "schema": {"type": "integer", "minimum": 1},
                    "description": "Keep only the actors with most events, and the edges between them."}])),
                "responses": {"200": ok("The graph", json!({"type": "object", "properties": {
                    "nodes": {"type": "array", "items": obj.clone()},
                    "edges": {"type": "array", "items": {"type": "object", "properties": {
                        "source": {"type": "string"}, "target": {"type": "string"}, "events": {"type": "integer"},
                        "cooperation": {"type": "integer"}, "conflict": {"type": "integer"},
                        "kind": {"type": "string", "enum": ["cooperation", "conflict"]}}}}}})),
                    "400": err("A bad parameter")}
            }},
            "/api/places": {"get": {
                "summary": "Event counts per governorate (admin1) and district (admin2)",
                "parameters": filter_params(),
                "responses": {"200": ok("Counts", obj.clone()), "400": err("A bad parameter")}
            }},
            "/api/stats": {"get": {
                "summary": "Totals and counts by PLOVER type, week (Monday) and governorate",
                "parameters": filter_params(),
                "responses": {"200": ok("Statistics", obj.clone()), "400": err("A bad parameter")}
            }},
            "/api/documents/{id}": {"get": {
                "summary": "A document's text and the events extracted from it, with evidence spans (char offsets into text)",
                "parameters": id_param("Document id"),
                "responses": {"200": ok("The document", json!({"type": "object", "properties": {
                    "doc_id": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"},
                    "pub_date": {"type": ["string", "null"], "format": "date"},
                    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}})),
                    "404": err("No such document")}
            }},
            "/api/documents": {"get": {
                "summary": "The articles behind the stored events, newest first, with their number of events",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500},
                     "description": "Words that must all occur in the title (Arabic spelling folded, light stems)."},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 100}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}
                ],
                "responses": {"200": ok("A page of articles", obj.clone()), "400": err("A bad parameter")}
            }, "post": {
                "summary": "Ingest one article: extract its events, store and deduplicate them",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
                "responses": {
                    "201": ok("What was stored", obj.clone()),
                    "400": err("Malformed JSON"), "413": err("Body too large"),
                    "415": err("Not JSON"), "422": err("Wrong fields or values")
                }
            }},
            "/api/extract": {"post": {
                "summary": "Extract the events of an article without storing anything",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
                "responses": {
                    "200": ok("The document as read and its events", json!({"type": "object", "properties": {
                        "document": {"type": "object"},
                        "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                        "diagnostics": {"type": "array", "items": {"type": "string"}}}})),
                    "400": err("Malformed JSON"), "413": err("Body too large"),
                    "415": err("Not JSON"), "422": err("Wrong fields or values")
                }
            }},
            "/api/export": {"get": {
                "summary": "Download the filtered events",
                "parameters": concat(filter_params(), json!([{"name": "format", "in": "query",
                    "schema": {"type": "string", "enum": ["csv", "jsonl", "geojson", "graphml"], "default": "jsonl"}}])),
                "responses": {
                    "200": {"description": "The export", "content": {
                        "text/csv": {}, "application/x-ndjson": {}, "application/geo+json": {}, "application/graphml+xml": {}}},
                    "400": err("A bad parameter or format")
                }
            }},
            "/api/updates": {"get": {
                "summary": "Events new or changed since a cursor, read from the database (also those another process such as `rasd watch` stored); without `after`, only the current cursor",
                "parameters": [{"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0},
                    "description": "The cursor of the previous answer."}],
                "responses": {"200": ok("The new cursor and the events", json!({"type": "object", "properties": {
                    "cursor": {"type": "integer"},
                    "events": {"type": "array", "items": obj.clone()}}})), "400": err("A bad parameter")}
            }},
            "/api/feeds": {"get": {
                "summary": "Feeds polled by `rasd watch`: last success, last error, items seen, consecutive failures",
                "responses": {"200": ok("Feeds", json!({"type": "object", "properties": {
                    "feeds": {"type": "array", "items": {"type": "object", "properties": {
                        "url": {"type": "string"}, "last_success": {"type": ["string", "null"]},
                        "last_error": {"type": ["string", "null"]}, "last_error_at": {"type": ["string", "null"]},
                        "items_seen": {"type": "integer"}, "failures": {"type": "integer"}}}}}}))}
            }},
            "/api/relations/{a}/{b}": {"get": {
                "summary": "The dossier of two actors: events between them (both directions and same side) by date, cooperation and conflict by month, first and last contact, strongest evidence, linking persons",
                "parameters": [
                    {"name": "a", "in": "path", "required": true, "schema": {"type": "string"}, "description": "First actor id or name"},
                    {"name": "b", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Second actor id or name"},
                    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}}],
                "responses": {"200": ok("The dossier", json!({"type": "object", "properties": {
                    "a": {"type": "string"}, "b": {"type": "string"},
                    "events": {"type": "array", "items": obj.clone()},
                    "months": {"type": "array", "items": obj.clone()},
                    "first_contact": {"type": ["string", "null"], "format": "date"},
                    "last_contact": {"type": ["string", "null"], "format": "date"},
                    "strongest_evidence": {"type": "array", "items": obj.clone()},
                    "persons": {"type": "array", "items": obj.clone()}}})), "400": err("A bad parameter")}
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": ok("OpenAPI 3.1", obj.clone())}
            }}
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "code"], "properties": {
                "error": {"type": "string"}, "code": {"type": "string"}, "param": {"type": "string"},
                "valid": {"type": "array", "items": {"type": "string"}}, "did_you_mean": {"type": "string"}}},
            "Event": {"type": "object", "description": "The event record of spec/events.md",
                "required": ["event_id", "doc_id", "plover", "cameo", "goldstein", "acled", "date", "evidence", "confidence"]},
            "Source": {"type": "object", "properties": {
                "doc_id": {"type": "string"}, "event_id": {"type": "string"}, "title": {"type": "string"},
                "pub_date": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]},
                "evidence": {"type": "array", "items": obj.clone()},
                "figures": {"type": "object", "properties": {
                    "fatalities": {"type": ["integer", "null"]}, "injured": {"type": ["integer", "null"]},
                    "detained": {"type": ["integer", "null"]}, "released": {"type": ["integer", "null"]}}}}},
            "Actor": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "parent": {"type": ["string", "null"]}, "events": {"type": "integer"}}},
            "Article": {"type": "object", "required": ["text"], "additionalProperties": false, "properties": {
                "text": {"type": "string", "description": "The article; without title its first non-empty line is the title"},
                "title": {"type": "string"},
                "pub_date": {"type": "string", "format": "date"},
                "id": {"type": "string"},
                "url": {"type": "string"},
                "source": {"type": "string"}}}
        }}
    })
}
