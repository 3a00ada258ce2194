use attache_entities::fold::{name_key, norm};
use attache_model::{DocAnalysis, Entity, EntityType, LocalEntity};
use std::collections::{BTreeSet, HashMap};

/// The identity of an entity across documents.
#[derive(Hash, PartialEq, Eq, Clone, Debug)]
enum Identity {
    Kb(String),
    Name(EntityType, String),
}

fn name_identity(entity_type: EntityType, name: &str) -> Identity {
    // People are matched by a transliteration-tolerant key; organisations
    // and places by their normalised name (their spellings vary less, and
    // a loose key would merge "Council" bodies of different countries).
    let key = if entity_type == EntityType::Person { name_key(name) } else { norm(name) };
    Identity::Name(entity_type, key)
}

fn identity(e: &LocalEntity) -> Identity {
    match &e.kb_id {
        Some(id) => Identity::Kb(id.clone()),
        None => name_identity(e.entity_type, &e.name),
    }
}

/// Every resolved entity, with the maps that find one for a new mention.
/// Entities are only ever added or enriched, never split, so an index
/// resumed from the store takes new documents without re-reading old ones.
#[derive(Default)]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    by_identity: HashMap<Identity, usize>,
    /// Known people by name key, so a spelling variant elsewhere finds them in O(1).
    kb_person_by_key: HashMap<String, usize>,
    /// Entities created or changed since the index was made or resumed.
    touched: BTreeSet<usize>,
    next_id: usize,
}

impl EntityIndex {
    pub fn new() -> EntityIndex {
        EntityIndex { next_id: 1, ..Default::default() }
    }

    /// Rebuilds the index from entities resolved earlier (as stored).
    pub fn resume(entities: Vec<Entity>) -> EntityIndex {
        let mut ix = EntityIndex::new();
        for (g, e) in entities.iter().enumerate() {
            let ident = match &e.kb_id {
                Some(id) => Identity::Kb(id.clone()),
                None => name_identity(e.entity_type, &e.name),
            };
            ix.by_identity.entry(ident).or_insert(g);
            if e.entity_type == EntityType::Person && e.kb_id.is_some() {
                ix.kb_person_by_key.insert(name_key(&e.name), g);
            }
            if let Some(n) = e.id.strip_prefix("ent:").and_then(|n| n.parse::<usize>().ok()) {
                ix.next_id = ix.next_id.max(n + 1);
            }
        }
        ix.entities = entities;
        ix
    }

    pub fn id(&self, g: usize) -> &str {
        &self.entities[g].id
    }

    /// The position of an entity by id (for reports read back from the store).
    pub fn positions(&self) -> HashMap<&str, usize> {
        self.entities.iter().enumerate().map(|(g, e)| (e.id.as_str(), g)).collect()
    }

    /// Resolves one document's local entities: local index -> entity position.
    pub fn add(&mut self, a: &DocAnalysis) -> Vec<usize> {
        let mut map = Vec::with_capacity(a.entities.len());
        for le in &a.entities {
            let mut ident = identity(le);
            // An unknown person whose key equals a known one's in another
            // document, with no conflicting country, is that person.
            if let Identity::Name(EntityType::Person, k) = &ident {
                if let Some(&g) = self.kb_person_by_key.get(k) {
                    if le.country.is_none() || self.entities[g].country == le.country {
                        ident = Identity::Kb(self.entities[g].kb_id.clone().unwrap_or_default());
                    }
                }
            }
            let g = match self.by_identity.get(&ident) {
                Some(&g) => g,
                None => {
                    let g = self.entities.len();
                    self.entities.push(Entity {
                        id: format!("ent:{}", self.next_id),
                        name: le.name.clone(),
                        entity_type: le.entity_type,
                        kb_id: le.kb_id.clone(),
                        country: le.country.clone(),
                        aliases: Vec::new(),
                        roles: Vec::new(),
                        docs: Vec::new(),
                    });
                    self.next_id += 1;
                    self.by_identity.insert(ident, g);
                    if le.entity_type == EntityType::Person && le.kb_id.is_some() {
                        self.kb_person_by_key.insert(name_key(&le.name), g);
                    }
                    g
                }
            };
            if self.enrich(g, le, &a.doc_id) {
                self.touched.insert(g);
            }
            map.push(g);
        }
        map
    }

    /// Adds what one local entity says to its resolved entity; true when that changed it.
    fn enrich(&mut self, g: usize, le: &LocalEntity, doc: &str) -> bool {
        let e = &mut self.entities[g];
        let mut changed = false;
        if e.country.is_none() && le.country.is_some() {
            e.country = le.country.clone();
            changed = true;
        }
        for a in std::iter::once(&le.name).chain(le.aliases.iter()) {
            if a != &e.name && !e.aliases.contains(a) {
                e.aliases.push(a.clone());
                changed = true;
            }
        }
        for r in &le.roles {
            if !e.roles.contains(r) {
                e.roles.push(r.clone());
                changed = true;
            }
        }
        // Documents arrive one at a time, so only the last one can repeat.
        if e.docs.last().map(String::as_str) != Some(doc) {
            e.docs.push(doc.to_string());
            changed = true;
        }
        changed
    }

    /// Positions of the entities created or changed since the last call.
    pub fn take_touched(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.touched).into_iter().collect()
    }
}
