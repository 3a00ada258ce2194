//! The event ontology (`data/event_types.tsv`): each type with its CAMEO
//! code and PLOVER category/mode.

use std::sync::LazyLock;

const EVENT_TYPES: &str = include_str!("../../../data/event_types.tsv");

#[derive(Debug, Clone)]
pub struct EventTypeInfo {
    pub name: String,
    pub cameo: String,
    pub plover: String,
    pub description: String,
}

static ONTOLOGY: LazyLock<Vec<EventTypeInfo>> = LazyLock::new(|| {
    EVENT_TYPES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some(EventTypeInfo {
                name: c.first()?.to_string(),
                cameo: c.get(1).unwrap_or(&"").to_string(),
                plover: c.get(2).unwrap_or(&"").to_string(),
                description: c.get(3).unwrap_or(&"").to_string(),
            })
        })
        .collect()
});

pub fn ontology() -> &'static [EventTypeInfo] {
    &ONTOLOGY
}

pub fn info(name: &str) -> Option<&'static EventTypeInfo> {
    ONTOLOGY.iter().find(|t| t.name == name)
}
