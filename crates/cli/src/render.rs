//! Human-readable output: the demo listing, timelines and single events.

use attache_model::{Corpus, Entity, Event, Modality};
use std::collections::HashMap;
use std::fmt::Write as _;

pub struct Names<'a> {
    by_id: HashMap<&'a str, &'a Entity>,
}

impl<'a> Names<'a> {
    pub fn new(entities: &'a [Entity]) -> Names<'a> {
        Names { by_id: entities.iter().map(|e| (e.id.as_str(), e)).collect() }
    }
    pub fn name(&self, id: &str) -> String {
        self.by_id.get(id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_string())
    }
}

fn date_label(e: &Event) -> String {
    match e.date {
        Some(d) => d.to_string(),
        None => "undated".into(),
    }
}

/// One line per event: date, type, participants, place, modality, sources.
pub fn event_line(e: &Event, names: &Names) -> String {
    let mut s = String::new();
    let parts: Vec<String> = e.participants.iter().map(|p| names.name(&p.entity)).collect();
    let _ = write!(s, "{:<23} {:<20} {}", date_label(e), e.event_type, parts.join(" · "));
    if let Some(l) = &e.location {
        let _ = write!(s, " @ {}", names.name(l));
    }
    if e.modality != Modality::Asserted {
        let _ = write!(s, " [{}]", e.modality.as_str());
    }
    let n = e.docs().len();
    let _ = write!(s, "  ({} source{}, {})", n, if n == 1 { "" } else { "s" }, e.id);
    s
}

/// A chronological listing; undated events last.
pub fn timeline(events: &[Event], names: &Names) -> String {
    let mut evs: Vec<&Event> = events.iter().collect();
    evs.sort_by_key(|e| (e.date.is_none(), e.date.map(|d| d.start), e.id.clone()));
    let mut out = String::new();
    for e in evs {
        out.push_str(&event_line(e, names));
        out.push('\n');
    }
    out
}

/// One event in full: every report quoted, and why they were merged.
pub fn event_detail(e: &Event, names: &Names) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}  {} (CAMEO {}, PLOVER {})", e.id, e.event_type, e.cameo, e.plover);
    let _ = writeln!(s, "  date:      {}", date_label(e));
    let _ = writeln!(s, "  modality:  {}", e.modality.as_str());
    for p in &e.participants {
        let _ = writeln!(s, "  {:<10} {}", format!("{}:", p.role.as_str()), names.name(&p.entity));
    }
    if let Some(l) = &e.location {
        let _ = writeln!(s, "  place:     {}", names.name(l));
    }
    let _ = writeln!(s, "  reported {} time(s) in {} document(s):", e.reports.len(), e.docs().len());
    for r in &e.reports {
        let p = &r.provenance;
        let _ = write!(s, "  - {} [{}..{}] {}", p.doc, p.span.start, p.span.end, r.modality.as_str());
        if let Some(a) = &p.attribution {
            let _ = write!(s, " (according to {a})");
        }
        let _ = writeln!(s, "\n      \"{}\"", p.quote.replace('\n', " "));
    }
    if !e.merge_notes.is_empty() {
        let _ = writeln!(s, "  merged because:");
        for n in &e.merge_notes {
            let _ = writeln!(s, "  - {n}");
        }
    }
    s
}

/// The demo's summary: documents, then the dated events found.
pub fn demo_summary(c: &Corpus) -> String {
    let names = Names::new(&c.entities);
    let mut s = String::new();
    let _ = writeln!(s, "Read {} documents; found {} entities and {} events.\n", c.documents.len(), c.entities.len(), c.events.len());
    let multi: Vec<&Event> = c.events.iter().filter(|e| e.docs().len() > 1).collect();
    let _ = writeln!(s, "Timeline of events:\n");
    s.push_str(&timeline(&c.events, &names));
    if !multi.is_empty() {
        let _ = writeln!(s, "\nEvents reported by several outlets (merged):\n");
        for e in multi {
            let _ = writeln!(s, "{}", event_line(e, &names));
            for d in e.docs() {
                let src = c.documents.iter().find(|x| x.id == d).and_then(|x| x.source.clone()).unwrap_or_default();
                let _ = writeln!(s, "      - {d} {}", if src.is_empty() { String::new() } else { format!("({src})") });
            }
        }
    }
    s
}
