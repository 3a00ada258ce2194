//! The JSON API under `/api`. Every handler validates its parameters up
//! front (400 with `{"error"}` on anything malformed), then runs its queries
//! on a pooled read-only store in a blocking task. Lists are paginated with
//! `limit` (1..=500, larger values are capped) and `offset`, and answer
//! `{"total", "limit", "offset", "items"}`.

use crate::view::{self, disjoint, event_row, resolve_locals, segments, Ann, Names};
use crate::AppState;
use attache_model::{DocAnalysis, Document, EntityType, LineKind, Modality, PartialDate};
use attache_store::{EventQuery, Store, StoreError};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The most items one page may hold.
pub const MAX_LIMIT: usize = 500;
/// Offsets beyond this are refused rather than sent to SQLite as huge scans.
const MAX_OFFSET: usize = 1_000_000;
/// Longest free-text parameter accepted (names, queries).
const MAX_TEXT: usize = 200;
/// Co-participation pairs read before filtering the graph.
const GRAPH_PAIRS: usize = 20_000;
/// Matched words in search snippets are wrapped in these control characters,
/// which never occur in stored text, then turned into marked segments.
const MATCH_OPEN: char = '\u{2}';
const MATCH_CLOSE: char = '\u{3}';

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    NotFound(String),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Internal(m) => {
                // Details go to the operator's log, not to the client.
                eprintln!("internal error: {m}");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_string())
            }
        };
        (status, Json(json!({ "error": msg }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

type ApiResult = Result<Json<Value>, ApiError>;
type Params = HashMap<String, String>;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/documents", get(documents))
        // Document ids may contain slashes ("folder/file"), hence the wildcard.
        .route("/documents/*id", get(document))
        .route("/entities", get(entities))
        .route("/entities/:id", get(entity))
        .route("/events", get(events))
        .route("/events/:id", get(event))
        .route("/timeline", get(timeline))
        .route("/graph", get(graph))
        .route("/search", get(search))
        .route("/stats", get(stats))
        .fallback(|| async { ApiError::NotFound("no such API endpoint".into()) })
}

/// Runs `f` on a pooled store in a blocking task, bounded by the job semaphore.
async fn db<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let _permit = state.jobs.acquire().await.map_err(|_| ApiError::Internal("shutting down".into()))?;
    let pool = state.clone();
    tokio::task::spawn_blocking(move || {
        let store = pool.take()?;
        let out = f(&store);
        pool.give(store);
        out
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

// ---- parameters ----

fn params(q: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    q.map(|Query(p)| p).map_err(|e| ApiError::BadRequest(format!("bad query string: {e}")))
}

/// A non-empty, trimmed text parameter of bounded length.
fn text(p: &Params, key: &str) -> Result<Option<String>, ApiError> {
    match p.get(key).map(|v| v.trim()) {
        None | Some("") => Ok(None),
        Some(v) if v.chars().count() > MAX_TEXT => Err(ApiError::BadRequest(format!("{key} is longer than {MAX_TEXT} characters"))),
        Some(v) => Ok(Some(v.to_string())),
    }
}

fn number(p: &Params, key: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
    match p.get(key).map(|v| v.trim()) {
        None | Some("") => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            _ => Err(ApiError::BadRequest(format!("{key} must be an integer from {min} to {max}"))),
        },
    }
}

/// `(limit, offset)`: a limit above [`MAX_LIMIT`] is capped rather than refused,
/// so clients asking for "everything" get the largest page.
fn page(p: &Params, default: usize) -> Result<(usize, usize), ApiError> {
    let limit = number(p, "limit", default, 1, usize::MAX)?.min(MAX_LIMIT);
    let offset = number(p, "offset", 0, 0, MAX_OFFSET)?;
    Ok((limit, offset))
}

fn listing(total: usize, limit: usize, offset: usize, items: Vec<Value>) -> Value {
    json!({ "total": total, "limit": limit, "offset": offset, "items": items })
}

fn path_id(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = p.map_err(|e| ApiError::BadRequest(format!("bad path: {e}")))?;
    let id = id.trim_start_matches('/').to_string();
    if id.is_empty() || id.len() > 1000 {
        return Err(ApiError::BadRequest("bad id".into()));
    }
    Ok(id)
}

/// Accepts "evt:12" as well as a bare "12" (as the CLI does).
fn with_prefix(id: String, prefix: &str) -> String {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        format!("{prefix}:{id}")
    } else {
        id
    }
}

/// The event filters shared by `/api/events` and `/api/timeline`, validated.
struct Filters {
    event_type: Option<String>,
    entity: Option<String>,
    country: Option<String>,
    from: Option<String>,
    to: Option<String>,
    modality: Option<String>,
    q: Option<String>,
}

fn filters(p: &Params) -> Result<Filters, ApiError> {
    let event_type = text(p, "type")?;
    if let Some(t) = &event_type {
        if !t.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(ApiError::BadRequest(format!("unknown event type {t:?}")));
        }
    }
    let country = text(p, "country")?.map(|c| c.to_ascii_uppercase());
    if let Some(c) = &country {
        if !(2..=3).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ApiError::BadRequest("country must be an ISO 3166 alpha-3 code such as CUB".into()));
        }
    }
    let modality = text(p, "modality")?;
    if let Some(m) = &modality {
        if Modality::parse(m).is_none() {
            return Err(ApiError::BadRequest("modality must be asserted, planned, hypothetical or negated".into()));
        }
    }
    let day = |key: &str, end: bool| -> Result<Option<String>, ApiError> {
        match text(p, key)? {
            None => Ok(None),
            Some(v) => match PartialDate::parse(&v) {
                Some(d) => {
                    let i = d.interval();
                    Ok(Some(if end { i.end } else { i.start }.to_string()))
                }
                None => Err(ApiError::BadRequest(format!("{key} must be a date: YYYY, YYYY-MM or YYYY-MM-DD"))),
            },
        }
    };
    let (from, to) = (day("from", false)?, day("to", true)?);
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            return Err(ApiError::BadRequest("from is after to".into()));
        }
    }
    Ok(Filters { event_type, entity: text(p, "entity")?, country, from, to, modality, q: text(p, "q")? })
}

/// An entity given by id ("ent:3") or by any of its names: the best name
/// match and every entity sharing its exact name (as `attache timeline --entity`).
fn entity_ids(st: &Store, raw: &str) -> Result<Vec<String>, ApiError> {
    if raw.starts_with("ent:") && st.entity(raw)?.is_some() {
        return Ok(vec![raw.to_string()]);
    }
    let found = st.find_entities(raw)?;
    Ok(found.iter().filter(|e| found.first().map(|b| b.name == e.name).unwrap_or(false)).map(|e| e.id.clone()).collect())
}

fn event_query(st: &Store, f: &Filters) -> Result<EventQuery, ApiError> {
    Ok(EventQuery {
        event_type: f.event_type.clone(),
        entities: f.entity.as_deref().map(|e| entity_ids(st, e)).transpose()?,
        country: f.country.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        modality: f.modality.clone(),
        ids: f.q.as_deref().map(|q| st.search_event_ids(q)).transpose()?,
    })
}

// ---- documents ----

async fn documents(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let (limit, offset) = page(&params(q)?, 50)?;
    db(&s, move |st| {
        let items = st.list_documents(limit, offset)?.into_iter().map(|d| json!(d)).collect();
        Ok(Json(listing(st.document_count()?, limit, offset, items)))
    })
    .await
}

async fn document(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let id = path_id(id)?;
    db(&s, move |st| {
        let (doc, analysis) = st.document(&id)?.ok_or_else(|| ApiError::NotFound(format!("no document {id}")))?;
        let entities = st.entities_in_document(&id)?;
        let events = st.events_in_document(&id)?;
        let names = Names::new(st.entities_by_ids(&Names::ids_of(&events))?);
        Ok(Json(document_view(&doc, &analysis, &entities, &events, &names)))
    })
    .await
}

fn document_view(doc: &Document, analysis: &DocAnalysis, entities: &[attache_model::Entity], events: &[attache_model::Event], names: &Names) -> Value {
    let locals = resolve_locals(analysis, entities);
    let entity_of = |local: usize| locals.get(local).cloned().flatten();
    let mut anns = Vec::new();
    let mentions: Vec<Value> = analysis
        .mentions
        .iter()
        .map(|m| {
            anns.push(Ann {
                start: m.span.start,
                end: m.span.end,
                mark: json!({"kind": "mention", "entity_type": m.entity_type.as_str(), "mention_kind": m.kind, "entity": entity_of(m.local)}),
            });
            json!({
                "start": m.span.start, "end": m.span.end, "text": m.text, "kind": m.kind,
                "entity_type": m.entity_type.as_str(), "local": m.local, "entity": entity_of(m.local),
            })
        })
        .collect();
    let events_json: Vec<Value> = events
        .iter()
        .map(|e| {
            let here: Vec<Value> = e
                .reports
                .iter()
                .filter(|r| r.provenance.doc == doc.id)
                .map(|r| {
                    if let Some(t) = r.provenance.trigger {
                        anns.push(Ann {
                            start: t.start,
                            end: t.end,
                            mark: json!({"kind": "trigger", "event": e.id, "event_type": e.event_type, "modality": r.modality.as_str()}),
                        });
                    }
                    json!({
                        "start": r.provenance.span.start, "end": r.provenance.span.end,
                        "trigger": r.provenance.trigger.map(|t| [t.start, t.end]),
                        "modality": r.modality.as_str(), "quote": r.provenance.quote,
                    })
                })
                .collect();
            let mut row = event_row(e, names);
            row["mentions"] = json!(here);
            row
        })
        .collect();
    let anns = disjoint(&doc.text, anns);
    let mut v = attache_export::document_json(doc);
    v["text"] = json!(doc.text);
    v["lines"] = json!(doc.lines.iter().map(|l| json!({"start": l.span.start, "end": l.span.end, "kind": l.kind})).collect::<Vec<_>>());
    v["mentions"] = json!(mentions);
    v["entities"] = json!(entities
        .iter()
        .map(|e| json!({"id": e.id, "name": e.name, "type": e.entity_type.as_str(), "country": e.country}))
        .collect::<Vec<_>>());
    v["events"] = json!(events_json);
    v["blocks"] = json!(blocks(doc, &anns));
    v
}

/// The document cut into its lines, each with its kind and marked segments;
/// stretches no line covers are shown as narrative when not blank.
fn blocks(doc: &Document, anns: &[Ann]) -> Vec<Value> {
    let text = &doc.text;
    let mut lines: Vec<_> = doc.lines.iter().map(|l| (l.span.start, l.span.end.min(text.len()), l.kind)).collect();
    lines.sort_by_key(|l| l.0);
    let mut out = Vec::new();
    let mut push = |s: usize, e: usize, kind: LineKind| {
        if text.get(s..e).map(|t| !t.trim().is_empty()).unwrap_or(false) {
            out.push(json!({"kind": kind, "start": s, "end": e, "segments": segments(text, s, e, anns)}));
        }
    };
    let mut at = 0;
    for (s, e, kind) in lines {
        if s < at {
            continue;
        }
        if s > at {
            push(at, s, LineKind::Narrative);
        }
        push(s, e, kind);
        at = e;
    }
    if at < text.len() {
        push(at, text.len(), LineKind::Narrative);
    }
    out
}

// ---- entities ----

async fn entities(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = page(&p, 50)?;
    let name = text(&p, "q")?;
    let ty = match text(&p, "type")? {
        None => None,
        Some(t) => Some(EntityType::parse(&t).ok_or_else(|| ApiError::BadRequest("type must be person, organization, country or place".into()))?),
    };
    db(&s, move |st| {
        let (total, rows) = st.query_entities(name.as_deref(), ty.map(|t| t.as_str()), limit, offset)?;
        let items = rows
            .iter()
            .map(|e| {
                json!({"id": e.id, "name": e.name, "type": e.entity_type.as_str(), "kb_id": e.kb_id,
                       "country": e.country, "aliases": e.aliases, "documents": e.docs.len()})
            })
            .collect();
        Ok(Json(listing(total, limit, offset, items)))
    })
    .await
}

async fn entity(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let id = with_prefix(path_id(id)?, "ent");
    db(&s, move |st| {
        let e = st.entity(&id)?.ok_or_else(|| ApiError::NotFound(format!("no entity {id}")))?;
        let docs: Vec<String> = e.docs.iter().take(MAX_LIMIT).cloned().collect();
        let documents = st.document_summaries(&docs)?;
        let mut events = st.events_of_entity(&id)?;
        let events_total = events.len();
        events.truncate(MAX_LIMIT);
        let names = Names::new(st.entities_by_ids(&Names::ids_of(&events))?);
        let mut spellings = vec![e.name.clone()];
        for a in &e.aliases {
            if !spellings.contains(a) {
                spellings.push(a.clone());
            }
        }
        let mut v = attache_export::entity_json(&e);
        v["names"] = json!(spellings);
        v["documents"] = json!(documents);
        v["documents_total"] = json!(e.docs.len());
        v["events"] = json!(events.iter().map(|ev| event_row(ev, &names)).collect::<Vec<_>>());
        v["events_total"] = json!(events_total);
        Ok(Json(v))
    })
    .await
}

// ---- events ----

async fn events(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = page(&p, 50)?;
    let f = filters(&p)?;
    db(&s, move |st| {
        let (total, rows) = st.query_events(&event_query(st, &f)?, limit, offset)?;
        let names = Names::new(st.entities_by_ids(&Names::ids_of(&rows))?);
        let items = rows
            .iter()
            .map(|e| {
                let mut v = attache_export::event_json(e);
                v["participant_names"] = json!(e.participants.iter().map(|p| names.entity_ref(&p.entity)).collect::<Vec<_>>());
                v["location_name"] = json!(e.location.as_deref().map(|l| names.entity_ref(l)["name"].clone()));
                v
            })
            .collect();
        Ok(Json(listing(total, limit, offset, items)))
    })
    .await
}

async fn timeline(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = page(&p, 100)?;
    let f = filters(&p)?;
    db(&s, move |st| {
        let (total, rows) = st.query_events(&event_query(st, &f)?, limit, offset)?;
        let names = Names::new(st.entities_by_ids(&Names::ids_of(&rows))?);
        Ok(Json(listing(total, limit, offset, rows.iter().map(|e| event_row(e, &names)).collect())))
    })
    .await
}

async fn event(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let id = with_prefix(path_id(id)?, "evt");
    db(&s, move |st| {
        let e = st.event(&id)?.ok_or_else(|| ApiError::NotFound(format!("no event {id}")))?;
        let names = Names::new(st.entities_by_ids(&Names::ids_of([&e]))?);
        // Which resolved entities to mark in the quotes, and as what.
        let mut involved: HashMap<String, &str> = e.participants.iter().map(|p| (p.entity.clone(), "participant")).collect();
        if let Some(l) = &e.location {
            involved.entry(l.clone()).or_insert("location");
        }
        // Each source document is read once, however many reports it holds.
        let mut docs: HashMap<String, Option<(Document, DocAnalysis, Vec<Option<String>>)>> = HashMap::new();
        let mut mentions = Vec::new();
        for r in &e.reports {
            let pv = &r.provenance;
            if !docs.contains_key(&pv.doc) {
                let loaded = match st.document(&pv.doc)? {
                    Some((d, a)) => {
                        let locals = resolve_locals(&a, &st.entities_in_document(&pv.doc)?);
                        Some((d, a, locals))
                    }
                    None => None,
                };
                docs.insert(pv.doc.clone(), loaded);
            }
            let loaded = docs.get(&pv.doc).and_then(|d| d.as_ref());
            let segs = match loaded {
                // Mark only when the stored quote is exactly the text under its span.
                Some((d, a, locals)) if d.text.get(pv.span.start..pv.span.end) == Some(pv.quote.as_str()) => {
                    let mut anns: Vec<Ann> = pv
                        .trigger
                        .map(|t| Ann { start: t.start, end: t.end, mark: json!({"kind": "trigger", "event_type": e.event_type}) })
                        .into_iter()
                        .collect();
                    for m in a.mentions.iter().filter(|m| pv.span.contains(m.span)) {
                        if let Some(ent) = locals.get(m.local).cloned().flatten() {
                            if let Some(kind) = involved.get(&ent) {
                                anns.push(Ann {
                                    start: m.span.start,
                                    end: m.span.end,
                                    mark: json!({"kind": kind, "entity": ent, "entity_type": m.entity_type.as_str()}),
                                });
                            }
                        }
                    }
                    segments(&d.text, pv.span.start, pv.span.end, &disjoint(&d.text, anns))
                }
                _ => vec![json!({"text": pv.quote})],
            };
            let d = loaded.map(|(d, _, _)| d);
            mentions.push(json!({
                "doc": pv.doc,
                "doc_title": d.and_then(|d| d.title.clone()),
                "doc_source": d.and_then(|d| d.source.clone()),
                "doc_published": d.and_then(|d| d.published).map(|p| p.to_string()),
                "doc_url": d.and_then(|d| d.url.clone()),
                "start": pv.span.start,
                "end": pv.span.end,
                "trigger": pv.trigger.map(|t| [t.start, t.end]),
                "quote": pv.quote,
                "attribution": pv.attribution,
                "modality": r.modality.as_str(),
                "date": r.date.as_ref().map(view::date_json),
                "segments": segs,
            }));
        }
        let mut v = event_row(&e, &names);
        v["mentions"] = json!(mentions);
        v["merge_notes"] = json!(e.merge_notes);
        Ok(Json(v))
    })
    .await
}

// ---- graph, search, stats ----

async fn graph(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let min_weight = number(&p, "min_weight", 1, 1, 1_000_000)?;
    let limit = number(&p, "limit", 300, 1, usize::MAX)?.min(MAX_LIMIT);
    let entity = text(&p, "entity")?;
    db(&s, move |st| {
        let focus: Option<HashSet<String>> = entity.as_deref().map(|e| entity_ids(st, e)).transpose()?.map(|v| v.into_iter().collect());
        let pairs: Vec<_> = st
            .co_participation(min_weight, GRAPH_PAIRS)?
            .into_iter()
            .filter(|(a, b, _)| focus.as_ref().map(|f| f.contains(a) || f.contains(b)).unwrap_or(true))
            .collect();
        let mut ids: Vec<String> = pairs.iter().flat_map(|(a, b, _)| [a.clone(), b.clone()]).collect();
        ids.extend(focus.iter().flatten().cloned());
        ids.sort();
        ids.dedup();
        // Actors only: places are where things happen, not who takes part.
        let actors = Names::new(st.entities_by_ids(&ids)?.into_iter().filter(|e| e.entity_type != EntityType::Place).collect());
        let mut edges: Vec<_> = pairs.into_iter().filter(|(a, b, _)| actors.0.contains_key(a) && actors.0.contains_key(b)).collect();
        let truncated = edges.len() > limit;
        edges.truncate(limit);
        let mut weight: HashMap<&str, (usize, usize)> = HashMap::new();
        for (a, b, w) in &edges {
            for n in [a, b] {
                let e = weight.entry(n.as_str()).or_default();
                e.0 += w;
                e.1 += 1;
            }
        }
        for f in focus.iter().flatten().filter(|f| actors.0.contains_key(*f)) {
            weight.entry(f.as_str()).or_default();
        }
        let mut nodes: Vec<Value> = weight
            .iter()
            .map(|(id, (w, deg))| {
                let mut v = actors.entity_ref(id);
                v["weight"] = json!(w);
                v["degree"] = json!(deg);
                v
            })
            .collect();
        nodes.sort_by(|a, b| b["weight"].as_u64().cmp(&a["weight"].as_u64()).then(a["id"].as_str().cmp(&b["id"].as_str())));
        let edges: Vec<Value> = edges.iter().map(|(a, b, w)| json!({"source": a, "target": b, "weight": w})).collect();
        Ok(Json(json!({"nodes": nodes, "edges": edges, "truncated": truncated})))
    })
    .await
}

async fn search(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = page(&p, 20)?;
    let query = text(&p, "q")?.ok_or_else(|| ApiError::BadRequest("q is required".into()))?;
    db(&s, move |st| {
        let (total, hits) = st.search_page(&query, limit, offset, &MATCH_OPEN.to_string(), &MATCH_CLOSE.to_string())?;
        let mut doc_ids: Vec<String> = hits.iter().map(|h| h.doc.clone()).collect();
        doc_ids.sort();
        doc_ids.dedup();
        let docs: HashMap<String, attache_store::DocSummary> = st.document_summaries(&doc_ids)?.into_iter().map(|d| (d.id.clone(), d)).collect();
        let items = hits
            .iter()
            .map(|h| {
                let d = docs.get(&h.doc);
                json!({
                    "doc": h.doc,
                    "doc_title": d.and_then(|d| d.title.clone()),
                    "doc_published": d.and_then(|d| d.published.clone()),
                    "start": h.start,
                    "end": h.end,
                    "segments": view::snippet_segments(&h.snippet, MATCH_OPEN, MATCH_CLOSE),
                })
            })
            .collect();
        let mut v = listing(total, limit, offset, items);
        v["query"] = json!(query);
        Ok(Json(v))
    })
    .await
}

async fn stats(State(s): State<AppState>) -> ApiResult {
    db(&s, |st| {
        let s = st.stats()?;
        let obj = |v: &[(String, usize)]| v.iter().map(|(k, n)| (k.clone(), json!(n))).collect::<serde_json::Map<_, _>>();
        Ok(Json(json!({
            "documents": s.documents,
            "sentences": s.sentences,
            "entities": s.entities,
            "events": s.events,
            "event_mentions": s.event_mentions,
            "entities_by_type": obj(&s.entities_by_type),
            "events_by_type": obj(&s.events_by_type),
            "events_by_modality": obj(&s.events_by_modality),
            "first_event": s.first_event,
            "last_event": s.last_event,
        })))
    })
    .await
}
