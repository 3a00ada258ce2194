//! The JSON API against a hand-built store: status codes, shapes, 404s,
//! pagination bounds and parameter validation.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

struct Api {
    router: Router,
    _fixture: common::Fixture,
}

impl Api {
    fn new() -> Api {
        let f = common::build();
        Api { router: attache_server::app(&f.db).unwrap(), _fixture: f }
    }
    async fn raw(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        (parts.status, parts.headers, axum::body::to_bytes(body, 1 << 24).await.unwrap().to_vec())
    }
    async fn get(&self, uri: &str) -> (StatusCode, Value) {
        let (status, headers, body) = self.raw(Request::get(uri).body(Body::empty()).unwrap()).await;
        if uri.starts_with("/api") {
            assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
        }
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }
    async fn ok(&self, uri: &str) -> Value {
        let (status, v) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
        v
    }
    async fn status(&self, uri: &str) -> StatusCode {
        let (status, v) = self.get(uri).await;
        if status != StatusCode::OK {
            assert!(v["error"].as_str().map(|e| !e.is_empty()).unwrap_or(false), "{uri}: errors are JSON {{\"error\"}}: {v}");
        }
        status
    }
}

fn ids(v: &Value) -> Vec<String> {
    v["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

/// The text of a list of segments, joined.
fn joined(segments: &Value) -> String {
    segments.as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect()
}

fn marked<'a>(segments: &'a Value, kind: &str) -> Vec<&'a str> {
    segments.as_array().unwrap().iter().filter(|s| s["mark"]["kind"] == kind).map(|s| s["text"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn stats_count_everything() {
    let api = Api::new();
    let s = api.ok("/api/stats").await;
    assert_eq!(s["documents"], 3);
    assert_eq!(s["entities"], 5);
    assert_eq!(s["events"], 4);
    assert_eq!(s["events_by_type"]["visit"], 1);
    assert_eq!(s["entities_by_type"]["person"], 2);
    assert_eq!(s["first_event"], "2024-05-14");
}

#[tokio::test]
async fn documents_paginate_within_bounds() {
    let api = Api::new();
    let all = api.ok("/api/documents").await;
    assert_eq!(all["total"], 3);
    assert_eq!(ids(&all), ["d3", "d1", "d2"], "in publication order");
    let p1 = api.ok("/api/documents?limit=2").await;
    assert_eq!(ids(&p1), ["d3", "d1"]);
    let p2 = api.ok("/api/documents?limit=2&offset=2").await;
    assert_eq!(ids(&p2), ["d2"]);
    assert_eq!(api.ok("/api/documents?offset=50").await["items"].as_array().unwrap().len(), 0);
    assert_eq!(api.ok("/api/documents?limit=100000").await["limit"], 500, "limit is capped");
    for bad in ["limit=0", "limit=abc", "limit=-1", "offset=-1", "offset=1e3", "offset=99999999999"] {
        assert_eq!(api.status(&format!("/api/documents?{bad}")).await, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn a_document_has_lines_mentions_with_entities_and_events() {
    let api = Api::new();
    let d = api.ok("/api/documents/d1").await;
    assert_eq!(d["title"], "Minister Example in Havana");
    let text = d["text"].as_str().unwrap();
    let kinds: Vec<&str> = d["blocks"].as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["heading", "narrative", "boilerplate", "narrative"]);
    for b in d["blocks"].as_array().unwrap() {
        let (s, e) = (b["start"].as_u64().unwrap() as usize, b["end"].as_u64().unwrap() as usize);
        assert_eq!(joined(&b["segments"]), text[s..e], "segments rebuild the line exactly");
    }
    // Mentions carry byte spans (the accented name is longer in bytes than in characters) and resolved ids.
    let ruiz = d["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Tomás Ruiz").unwrap();
    let (s, e) = (ruiz["start"].as_u64().unwrap() as usize, ruiz["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], "Tomás Ruiz");
    assert_eq!(ruiz["entity"], "ent:2");
    assert_eq!(d["mentions"][0]["entity"], "ent:1");
    let narrative = &d["blocks"][1]["segments"];
    assert_eq!(marked(narrative, "trigger"), ["visited", "met"]);
    assert_eq!(marked(narrative, "mention"), ["Ana Example", "Havana", "Tomás Ruiz"]);
    let evs: Vec<&str> = d["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(evs, ["evt:1", "evt:2", "evt:4"]);
    assert!(d["events"][0]["mentions"][0]["trigger"].is_array());
    assert_eq!(api.status("/api/documents/nope").await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn entities_list_filter_and_detail() {
    let api = Api::new();
    assert_eq!(ids(&api.ok("/api/entities?q=exam").await), ["ent:1"]);
    assert_eq!(ids(&api.ok("/api/entities?q=tomas").await), ["ent:2"], "matched through an alias");
    let countries = api.ok("/api/entities?type=country").await;
    assert_eq!(countries["total"], 2);
    assert_eq!(api.ok("/api/entities?q=%25").await["total"], 0, "LIKE wildcards in input are literal");
    assert_eq!(api.status("/api/entities?type=planet").await, StatusCode::BAD_REQUEST);
    let e = api.ok("/api/entities/ent%3A1").await;
    assert_eq!(e["name"], "Ana Example");
    assert_eq!(e["names"], serde_json::json!(["Ana Example", "Example", "A. Example"]));
    assert_eq!(e["roles"][0]["title"], "Foreign Minister");
    assert_eq!(e["events_total"], 3);
    assert_eq!(e["documents_total"], 2);
    assert_eq!(e["events"][0]["participants"][0]["name"], "Ana Example");
    assert_eq!(api.ok("/api/entities/ent:2").await["name"], "Tomás Ruiz");
    assert_eq!(api.ok("/api/entities/2").await["name"], "Tomás Ruiz", "bare numbers are ids");
    assert_eq!(api.status("/api/entities/ent:999").await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn events_filter_by_every_parameter() {
    let api = Api::new();
    let all = api.ok("/api/events").await;
    assert_eq!(ids(&all), ["evt:1", "evt:2", "evt:4", "evt:3"], "by date, undated last");
    assert_eq!(all["items"][0]["participant_names"][0]["name"], "Ana Example");
    assert_eq!(all["items"][0]["cameo"], "042");
    assert_eq!(ids(&api.ok("/api/events?type=visit").await), ["evt:1"]);
    assert_eq!(ids(&api.ok("/api/events?entity=Ruiz").await), ["evt:2", "evt:4", "evt:3"]);
    assert_eq!(ids(&api.ok("/api/events?entity=ent%3A5").await), ["evt:3"]);
    assert_eq!(ids(&api.ok("/api/events?entity=Nobody").await), Vec::<String>::new());
    assert_eq!(ids(&api.ok("/api/events?country=rus").await), ["evt:1", "evt:2", "evt:4", "evt:3"]);
    assert_eq!(ids(&api.ok("/api/events?country=CUB&type=invite").await), ["evt:3"]);
    assert_eq!(ids(&api.ok("/api/events?from=2024-06").await), ["evt:4"]);
    assert_eq!(ids(&api.ok("/api/events?from=2024&to=2024-05").await), ["evt:1", "evt:2"]);
    assert_eq!(ids(&api.ok("/api/events?modality=planned").await), ["evt:3"]);
    assert_eq!(ids(&api.ok("/api/events?q=rice").await), ["evt:3"], "full text over reporting sentences");
    assert_eq!(ids(&api.ok("/api/events?q=phone").await), ["evt:4"]);
    let page = api.ok("/api/events?limit=1&offset=1").await;
    assert_eq!((page["total"].as_u64(), ids(&page)), (Some(4), vec!["evt:2".to_string()]));
    for bad in ["modality=maybe", "from=2024-13", "to=yesterday", "from=2025&to=2024", "country=C1B", "type=DROP%20TABLE", "limit=x"] {
        assert_eq!(api.status(&format!("/api/events?{bad}")).await, StatusCode::BAD_REQUEST, "{bad}");
    }
    let long = "a".repeat(300);
    assert_eq!(api.status(&format!("/api/events?q={long}")).await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_event_quotes_every_source_with_marks() {
    let api = Api::new();
    let e = api.ok("/api/events/evt%3A1").await;
    assert_eq!(e["type"], "visit");
    assert_eq!(e["plover"], "CONSULT/visit");
    assert_eq!(e["location"]["name"], "Havana");
    assert_eq!(e["date"]["start"], "2024-05-14");
    assert_eq!(e["sources"], 2);
    assert_eq!(e["merge_notes"][0], "same visitor, host and week");
    let m = e["mentions"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m[0]["doc"], "d1");
    assert_eq!(m[0]["doc_title"], "Minister Example in Havana");
    assert!(m[0]["trigger"].is_array());
    assert_eq!(joined(&m[0]["segments"]), m[0]["quote"].as_str().unwrap());
    assert_eq!(marked(&m[0]["segments"], "trigger"), ["visited"]);
    assert_eq!(marked(&m[0]["segments"], "participant"), ["Ana Example"]);
    assert_eq!(marked(&m[0]["segments"], "location"), ["Havana"]);
    // The host country is marked through its demonym in the second source.
    assert_eq!(marked(&m[1]["segments"], "participant"), ["Cuban", "Ana Example"]);
    assert_eq!(marked(&m[1]["segments"], "trigger"), ["received"]);
    assert_eq!(api.ok("/api/events/3").await["modality"], "planned");
    assert_eq!(api.status("/api/events/evt:99").await, StatusCode::NOT_FOUND);
    assert_eq!(api.status("/api/events/%FF").await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn timeline_resolves_names_and_counts_sources() {
    let api = Api::new();
    let t = api.ok("/api/timeline?entity=Example").await;
    assert_eq!(ids(&t), ["evt:1", "evt:2", "evt:4"]);
    let first = &t["items"][0];
    assert_eq!(first["sources"], 2);
    assert_eq!(first["participants"][1]["name"], "Cuba");
    assert_eq!(first["participants"][1]["role"], "patient");
    assert_eq!(first["date"]["label"], "2024-05-14");
    assert_eq!(api.status("/api/timeline?from=soon").await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn graph_links_actors_by_shared_events() {
    let api = Api::new();
    let g = api.ok("/api/graph").await;
    let nodes: Vec<&str> = g["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(!nodes.contains(&"ent:4"), "places are not actors");
    assert_eq!(nodes.len(), 4);
    assert_eq!(g["edges"][0], serde_json::json!({"source": "ent:1", "target": "ent:2", "weight": 2}));
    assert_eq!(g["edges"].as_array().unwrap().len(), 3);
    assert_eq!(api.ok("/api/graph?min_weight=2").await["edges"].as_array().unwrap().len(), 1);
    let ego = api.ok("/api/graph?entity=Russia").await;
    assert_eq!(ego["edges"].as_array().unwrap().len(), 1);
    assert_eq!(api.status("/api/graph?min_weight=0").await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn search_finds_sentences_with_marked_words() {
    let api = Api::new();
    let r = api.ok("/api/search?q=rice").await;
    assert_eq!(r["total"], 2);
    let docs: Vec<&str> = r["items"].as_array().unwrap().iter().map(|i| i["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"d2") && docs.contains(&"d3"));
    for i in r["items"].as_array().unwrap() {
        assert_eq!(marked(&i["segments"], "match"), ["rice"]);
    }
    assert_eq!(api.ok("/api/search?q=rice&limit=1&offset=1").await["items"].as_array().unwrap().len(), 1);
    assert_eq!(api.ok("/api/search?q=%22%20OR%20NEAR(").await["total"], 0, "query syntax in input is plain words");
    assert_eq!(api.ok("/api/search?q=weather").await["total"], 0, "boilerplate is not indexed");
    assert_eq!(api.status("/api/search").await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_routes_methods_and_bodies_are_refused() {
    let api = Api::new();
    assert_eq!(api.status("/api/nothing").await, StatusCode::NOT_FOUND);
    let (status, ..) = api.raw(Request::builder().method(Method::POST).uri("/api/events").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let big = vec![b'x'; 64 * 1024];
    let req = Request::get("/api/stats").header(header::CONTENT_LENGTH, big.len()).body(Body::from(big)).unwrap();
    assert_eq!(api.raw(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_ui_is_served_embedded() {
    let api = Api::new();
    let (status, headers, body) = api.raw(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("default-src 'self'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(String::from_utf8(body).unwrap().contains("/app.js"));
    let (status, headers, _) = api.raw(Request::get("/app.js").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert_eq!(api.raw(Request::get("/style.css").body(Body::empty()).unwrap()).await.0, StatusCode::OK);
    assert_eq!(api.raw(Request::get("/secret").body(Body::empty()).unwrap()).await.0, StatusCode::NOT_FOUND);
}

#[test]
fn a_missing_store_is_an_error_not_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    assert!(attache_server::app(&path).is_err());
    assert!(!path.exists());
}
