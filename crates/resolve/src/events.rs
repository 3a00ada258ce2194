//! Placeholder until event coreference lands: one event per report.
use crate::entities::ResolvedEntities;
use attache_model::{DocAnalysis, Document, Event};

pub fn resolve_events(_docs: &[&Document], _analyses: &[&DocAnalysis], _ents: &ResolvedEntities) -> Vec<Event> {
    Vec::new()
}
