//! Cross-document resolution.
//!
//! - [`entities`]: one entity per real-world actor, keyed by knowledge-base id
//!   where known, else by a transliteration-tolerant name key guarded by type
//!   and country.
//! - [`events`]: reports of one real-world event merged into one event,
//!   with blocking by type and participant so cost grows with the corpus,
//!   not with its square.

pub mod entities;
pub mod events;

use attache_model::{DocAnalysis, Document, Entity, Event};

/// Resolves entities, then events, for a set of analysed documents
/// (`docs[i]` is the document of `analyses[i]`).
pub fn resolve(docs: &[&Document], analyses: &[&DocAnalysis]) -> (Vec<Entity>, Vec<Event>) {
    let resolved = entities::resolve_entities(analyses);
    let events = events::resolve_events(docs, analyses, &resolved);
    (resolved.entities, events)
}
