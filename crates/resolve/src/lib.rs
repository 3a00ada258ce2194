//! Cross-document resolution.
//!
//! - [`entities`]: one entity per real-world actor, keyed by knowledge-base id
//!   where known, else by a transliteration-tolerant name key guarded by type
//!   and country.
//! - [`events`]: reports of one real-world event merged into one event,
//!   with blocking by type and participant so cost grows with the corpus,
//!   not with its square.
//!
//! A [`Resolver`] takes documents one at a time. It can start empty or be
//! resumed from the entities and events stored earlier, so that ingesting
//! new articles updates the clusters without re-resolving the old ones.

pub mod entities;
pub mod events;

use attache_model::{DocAnalysis, Entity, Event};

#[derive(Default)]
pub struct Resolver {
    entities: entities::EntityIndex,
    events: events::EventIndex,
}

impl Resolver {
    pub fn new() -> Resolver {
        Resolver { entities: entities::EntityIndex::new(), events: events::EventIndex::new() }
    }

    /// Continues from entities and events resolved earlier. `None` when the
    /// events were stored without per-report participants (an older store):
    /// resolve again from the analyses instead.
    pub fn resume(entities: Vec<Entity>, events: Vec<Event>) -> Option<Resolver> {
        let entities = entities::EntityIndex::resume(entities);
        let events = events::EventIndex::resume(events, &entities)?;
        Some(Resolver { entities, events })
    }

    /// Resolves one more document against everything seen so far.
    pub fn add(&mut self, analysis: &DocAnalysis) {
        let map = self.entities.add(analysis);
        self.events.add(analysis, &map, &self.entities);
    }

    /// Every entity and event.
    pub fn finish(self) -> (Vec<Entity>, Vec<Event>) {
        let events = self.events.events(&self.entities);
        (self.entities.entities, events)
    }

    /// The entities and events created or changed since the resolver was
    /// made or resumed: what an incremental update must write.
    pub fn changes(&mut self) -> (Vec<Entity>, Vec<Event>) {
        let entities = self.entities.take_touched().into_iter().map(|g| self.entities.entities[g].clone()).collect();
        let events = self.events.take_touched(&self.entities);
        (entities, events)
    }
}

/// Resolves entities, then events, for a set of analysed documents, in order.
pub fn resolve(analyses: &[&DocAnalysis]) -> (Vec<Entity>, Vec<Event>) {
    let mut r = Resolver::new();
    for a in analyses {
        r.add(a);
    }
    r.finish()
}
