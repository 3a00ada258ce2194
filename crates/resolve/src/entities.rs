use attache_entities::fold::{name_key, norm};
use attache_model::{DocAnalysis, Entity, EntityType};
use std::collections::HashMap;

pub struct ResolvedEntities {
    pub entities: Vec<Entity>,
    /// For each analysis, local entity index -> resolved entity id.
    pub local_to_global: Vec<Vec<usize>>,
}

impl ResolvedEntities {
    pub fn id(&self, doc: usize, local: usize) -> Option<&str> {
        self.local_to_global.get(doc)?.get(local).map(|&g| self.entities[g].id.as_str())
    }
}

/// The identity of an entity across documents.
#[derive(Hash, PartialEq, Eq, Clone, Debug)]
enum Identity {
    Kb(String),
    Name(EntityType, String),
}

fn identity(e: &attache_model::LocalEntity) -> Identity {
    match &e.kb_id {
        Some(id) => Identity::Kb(id.clone()),
        None => {
            // People are matched by a transliteration-tolerant key; organisations
            // and places by their normalised name (their spellings vary less, and
            // a loose key would merge "Council" bodies of different countries).
            let key = if e.entity_type == EntityType::Person { name_key(&e.name) } else { norm(&e.name) };
            Identity::Name(e.entity_type, key)
        }
    }
}

pub fn resolve_entities(analyses: &[&DocAnalysis]) -> ResolvedEntities {
    let mut by_identity: HashMap<Identity, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut local_to_global = Vec::with_capacity(analyses.len());
    // Known people by name key, so a spelling variant elsewhere finds them in O(1).
    let mut kb_person_by_key: HashMap<String, usize> = HashMap::new();
    for a in analyses {
        let mut map = Vec::with_capacity(a.entities.len());
        for le in &a.entities {
            let mut ident = identity(le);
            // An unknown person whose key equals a known one's in another
            // document, with no conflicting country, is that person.
            if let Identity::Name(EntityType::Person, k) = &ident {
                if let Some(&g) = kb_person_by_key.get(k) {
                    if le.country.is_none() || entities[g].country == le.country {
                        ident = Identity::Kb(entities[g].kb_id.clone().unwrap_or_default());
                    }
                }
            }
            let is_new = !by_identity.contains_key(&ident);
            let g = *by_identity.entry(ident).or_insert_with(|| {
                entities.push(Entity {
                    id: format!("ent:{}", entities.len() + 1),
                    name: le.name.clone(),
                    entity_type: le.entity_type,
                    kb_id: le.kb_id.clone(),
                    country: le.country.clone(),
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    docs: Vec::new(),
                });
                entities.len() - 1
            });
            let e = &mut entities[g];
            if e.country.is_none() {
                e.country = le.country.clone();
            }
            for a in std::iter::once(&le.name).chain(le.aliases.iter()) {
                if a != &e.name && !e.aliases.contains(a) {
                    e.aliases.push(a.clone());
                }
            }
            for r in &le.roles {
                if !e.roles.contains(r) {
                    e.roles.push(r.clone());
                }
            }
            if e.docs.last() != Some(&a.doc_id) && !e.docs.contains(&a.doc_id) {
                e.docs.push(a.doc_id.clone());
            }
            if is_new && e.entity_type == EntityType::Person && e.kb_id.is_some() {
                kb_person_by_key.insert(name_key(&e.name), g);
            }
            map.push(g);
        }
        local_to_global.push(map);
    }
    ResolvedEntities { entities, local_to_global }
}
