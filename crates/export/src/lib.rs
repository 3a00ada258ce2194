//! Export formats. Every exporter reads a resolved [`Corpus`] and writes to
//! any `io::Write`; none of them touches the pipeline or the store.
//!
//! - `json`: the full export of `shared/eval/FORMAT.md` (documents, entities, events);
//! - `jsonl`: one record per line, each tagged with its `kind`;
//! - `csv`: one row per event, for spreadsheets;
//! - `plover`: one PLOVER-style event record per line (JSONL);
//! - `ftm`: FollowTheMoney entities and events, one JSON object per line;
//! - `gexf`: the actor co-participation graph as GEXF 1.3 XML (Gephi).

mod graph;
mod interop;

pub use graph::{actor_graph, ActorGraph};

use attache_model::{Corpus, Document, Entity, Event};
use serde_json::{json, Value};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Plover,
    Ftm,
    Gexf,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "plover" => Format::Plover,
            "ftm" | "followthemoney" => Format::Ftm,
            "gexf" => Format::Gexf,
            _ => return None,
        })
    }
}

pub fn write(corpus: &Corpus, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(corpus, out),
        Format::Jsonl => write_jsonl(corpus, out),
        Format::Csv => write_csv(corpus, out),
        Format::Plover => interop::write_plover(corpus, out),
        Format::Ftm => interop::write_ftm(corpus, out),
        Format::Gexf => graph::write_gexf(corpus, out),
    }
}

pub fn document_json(d: &Document) -> Value {
    json!({
        "id": d.id,
        "published": d.published.map(|p| p.to_string()),
        "source": d.source,
        "title": d.title,
        "url": d.url,
        "dateline_place": d.dateline.as_ref().map(|x| x.place.clone()),
        "dateline_date": d.dateline.as_ref().and_then(|x| x.date).map(|p| p.to_string()),
        "origin": d.origin,
    })
}

pub fn entity_json(e: &Entity) -> Value {
    json!({
        "id": e.id,
        "name": e.name,
        "type": e.entity_type.as_str(),
        "kb_id": e.kb_id,
        "country": e.country,
        "aliases": e.aliases,
        "roles": e.roles,
        "docs": e.docs,
    })
}

pub fn event_json(e: &Event) -> Value {
    json!({
        "id": e.id,
        "type": e.event_type,
        "cameo": e.cameo,
        "plover": e.plover,
        "participants": e.participants.iter().map(|p| p.entity.clone()).collect::<Vec<_>>(),
        "roles": e.participants.iter().map(|p| json!({"entity": p.entity, "role": p.role.as_str()})).collect::<Vec<_>>(),
        "location": e.location,
        "date": e.date.map(|d| {
            let (s, en) = d.iso();
            json!({"start": s, "end": en, "granularity": d.granularity})
        }),
        "modality": e.modality.as_str(),
        "sources": e.docs().len(),
        "mentions": e.reports.iter().map(|r| json!({
            "doc": r.provenance.doc,
            "start": r.provenance.span.start,
            "end": r.provenance.span.end,
            "text": r.provenance.quote,
            "trigger": r.provenance.trigger.map(|t| [t.start, t.end]),
            "attribution": r.provenance.attribution,
            "modality": r.modality.as_str(),
            "date": r.date.map(|d| { let (s, en) = d.iso(); json!({"start": s, "end": en}) }),
        })).collect::<Vec<_>>(),
        "merge_notes": e.merge_notes,
    })
}

pub fn corpus_json(c: &Corpus) -> Value {
    json!({
        "documents": c.documents.iter().map(document_json).collect::<Vec<_>>(),
        "entities": c.entities.iter().map(entity_json).collect::<Vec<_>>(),
        "events": c.events.iter().map(event_json).collect::<Vec<_>>(),
    })
}

fn write_json(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &corpus_json(c))?;
    writeln!(out)
}

fn write_jsonl(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let tagged = |kind: &str, mut v: Value| {
        if let Value::Object(m) = &mut v {
            m.insert("kind".into(), Value::String(kind.into()));
        }
        v
    };
    for d in &c.documents {
        serde_json::to_writer(&mut *out, &tagged("document", document_json(d)))?;
        writeln!(out)?;
    }
    for e in &c.entities {
        serde_json::to_writer(&mut *out, &tagged("entity", entity_json(e)))?;
        writeln!(out)?;
    }
    for e in &c.events {
        serde_json::to_writer(&mut *out, &tagged("event", event_json(e)))?;
        writeln!(out)?;
    }
    Ok(())
}

fn write_csv(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let name = |id: &str| c.entities.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_string());
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["id", "type", "cameo", "plover", "date_start", "date_end", "modality", "participants", "location", "sources", "documents", "quote"])?;
    for e in &c.events {
        let (s, en) = e.date.map(|d| d.iso()).unwrap_or_default();
        let parts = e.participants.iter().map(|p| name(&p.entity)).collect::<Vec<_>>().join("; ");
        let loc = e.location.as_deref().map(name).unwrap_or_default();
        let docs = e.docs();
        let quote = e.reports.first().map(|r| r.provenance.quote.clone()).unwrap_or_default();
        w.write_record([
            e.id.as_str(),
            &e.event_type,
            &e.cameo,
            &e.plover,
            &s,
            &en,
            e.modality.as_str(),
            &parts,
            &loc,
            &docs.len().to_string(),
            &docs.join("; "),
            &quote,
        ])?;
    }
    w.flush()?;
    Ok(())
}
