//! Shapes the store's records into what the UI displays: names resolved,
//! and texts cut into marked segments.
//!
//! Spans in the store are UTF-8 byte offsets, which JavaScript strings
//! (UTF-16) cannot use directly; so besides the raw spans the API sends texts
//! already split into `{text, mark}` segments, and the browser never slices.

use attache_model::{DocAnalysis, Entity, Event};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// An annotation over `[start, end)` bytes of a text.
#[derive(Debug, Clone)]
pub struct Ann {
    pub start: usize,
    pub end: usize,
    pub mark: Value,
}

/// Splits `text[from..to]` into segments, marking the annotations inside it.
/// Annotations must not overlap (see [`disjoint`]); offsets are absolute.
pub fn segments(text: &str, from: usize, to: usize, anns: &[Ann]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut at = from;
    for a in anns.iter().filter(|a| a.start >= from && a.end <= to) {
        if a.start < at {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..a.start), text.get(a.start..a.end)) else { continue };
        if !before.is_empty() {
            out.push(json!({"text": before}));
        }
        out.push(json!({"text": inside, "mark": a.mark}));
        at = a.end;
    }
    if let Some(rest) = text.get(at..to) {
        if !rest.is_empty() {
            out.push(json!({"text": rest}));
        }
    }
    out
}

/// Sorts annotations and drops any overlapping one already kept (earlier
/// start wins, then the longer), and those not on character boundaries.
pub fn disjoint(text: &str, mut anns: Vec<Ann>) -> Vec<Ann> {
    anns.retain(|a| a.start < a.end && a.end <= text.len() && text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
    anns.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Ann> = Vec::with_capacity(anns.len());
    for a in anns {
        if kept.last().map(|k| a.start >= k.end).unwrap_or(true) {
            kept.push(a);
        }
    }
    kept
}

/// Maps each document-local entity of an analysis to the resolved entity it
/// became. The store keeps no such table, so it is recomputed: among the
/// resolved entities seen in this document, one of the same type with the
/// same knowledge-base id, else one having the local name, an alias or a
/// mention's text among its names (case-insensitive).
pub fn resolve_locals(analysis: &DocAnalysis, candidates: &[Entity]) -> Vec<Option<String>> {
    let names: Vec<HashSet<String>> = candidates
        .iter()
        .map(|e| std::iter::once(&e.name).chain(e.aliases.iter()).map(|n| n.to_lowercase()).collect())
        .collect();
    analysis
        .entities
        .iter()
        .enumerate()
        .map(|(i, local)| {
            let same_type = |e: &&Entity| e.entity_type == local.entity_type;
            if let Some(kb) = &local.kb_id {
                if let Some(e) = candidates.iter().filter(same_type).find(|e| e.kb_id.as_ref() == Some(kb)) {
                    return Some(e.id.clone());
                }
            }
            let mut spellings: Vec<String> = vec![local.name.to_lowercase()];
            spellings.extend(local.aliases.iter().map(|a| a.to_lowercase()));
            spellings.extend(analysis.mentions.iter().filter(|m| m.local == i).map(|m| m.text.to_lowercase()));
            candidates
                .iter()
                .zip(&names)
                .filter(|(e, _)| e.entity_type == local.entity_type)
                .find(|(_, n)| spellings.iter().any(|s| n.contains(s)))
                .map(|(e, _)| e.id.clone())
        })
        .collect()
}

/// Entity names by id, for resolving the ids inside events.
pub struct Names(pub HashMap<String, Entity>);

impl Names {
    pub fn new(entities: Vec<Entity>) -> Names {
        Names(entities.into_iter().map(|e| (e.id.clone(), e)).collect())
    }
    /// The ids an event refers to (participants and location).
    pub fn ids_of<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<String> {
        let mut ids: Vec<String> = events
            .into_iter()
            .flat_map(|e| e.participants.iter().map(|p| p.entity.clone()).chain(e.location.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
    pub fn entity_ref(&self, id: &str) -> Value {
        match self.0.get(id) {
            Some(e) => json!({"id": id, "name": e.name, "type": e.entity_type.as_str(), "country": e.country}),
            None => json!({"id": id, "name": id, "type": null, "country": null}),
        }
    }
}

pub fn date_json(d: &attache_model::DateInterval) -> Value {
    let (s, e) = d.iso();
    json!({"start": s, "end": e, "granularity": d.granularity, "label": d.to_string()})
}

/// The compact, name-resolved form of an event used by lists and the timeline.
pub fn event_row(e: &Event, names: &Names) -> Value {
    json!({
        "id": e.id,
        "type": e.event_type,
        "cameo": e.cameo,
        "plover": e.plover,
        "date": e.date.as_ref().map(date_json),
        "modality": e.modality.as_str(),
        "participants": e.participants.iter().map(|p| {
            let mut v = names.entity_ref(&p.entity);
            v["role"] = json!(p.role.as_str());
            v
        }).collect::<Vec<_>>(),
        "location": e.location.as_deref().map(|l| names.entity_ref(l)),
        "sources": e.docs().len(),
        "reports": e.reports.len(),
        "quote": e.reports.first().map(|r| r.provenance.quote.clone()),
    })
}

/// Splits a search snippet whose matches are wrapped in `open`/`close`.
pub fn snippet_segments(snippet: &str, open: char, close: char) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut marked = false;
    for c in snippet.chars() {
        if c == open || c == close {
            if !cur.is_empty() {
                out.push(if marked { json!({"text": cur, "mark": {"kind": "match"}}) } else { json!({"text": cur}) });
                cur = String::new();
            }
            marked = c == open;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(if marked { json!({"text": cur, "mark": {"kind": "match"}}) } else { json!({"text": cur}) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_text_and_respect_char_boundaries() {
        let text = "Díaz-Canel met Lavrov.";
        let anns = disjoint(
            text,
            vec![
                Ann { start: 0, end: 11, mark: json!({"kind": "a"}) },
                Ann { start: 3, end: 5, mark: json!({"kind": "overlap"}) },
                Ann { start: 2, end: 3, mark: json!({"kind": "mid-char"}) },
                Ann { start: 16, end: 22, mark: json!({"kind": "b"}) },
            ],
        );
        assert_eq!(anns.len(), 2);
        let segs = segments(text, 0, text.len(), &anns);
        let joined: String = segs.iter().map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(joined, text);
        assert_eq!(segs[0]["text"], "Díaz-Canel");
        assert_eq!(segs[2]["text"], "Lavrov");
    }

    #[test]
    fn snippet_marks_become_segments() {
        let s = snippet_segments("a \u{2}b\u{3} c", '\u{2}', '\u{3}');
        assert_eq!(s.len(), 3);
        assert_eq!(s[1]["mark"]["kind"], "match");
    }
}
