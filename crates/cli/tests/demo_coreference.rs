//! Cross-document event coreference on the team-written demo corpus, checked
//! against `demo/expected.json`: clusters that must be linked, and pairs of
//! look-alike events that must stay apart.

use attache_cli::{demo::demo_batch, Pipeline};
use attache_model::Corpus;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| Pipeline::new().run(demo_batch().documents))
}

fn expected() -> Value {
    serde_json::from_str(include_str!("../../../demo/expected.json")).unwrap()
}

/// Names and aliases of an event's participants and place.
fn names(c: &Corpus, ev: &attache_model::Event) -> HashSet<String> {
    let mut out = HashSet::new();
    for id in ev.participants.iter().map(|p| &p.entity).chain(ev.location.iter()) {
        if let Some(e) = c.entities.iter().find(|e| &e.id == id) {
            out.insert(e.name.clone());
            out.extend(e.aliases.iter().cloned());
        }
    }
    out
}

/// Events of the cluster's type whose participants include the cluster's.
fn matching<'a>(c: &'a Corpus, cluster: &Value) -> Vec<&'a attache_model::Event> {
    let ty = cluster["type"].as_str().unwrap();
    let want: Vec<String> = cluster["participants"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    c.events
        .iter()
        .filter(|e| e.event_type == ty)
        .filter(|e| {
            let n = names(c, e);
            want.iter().filter(|w| n.contains(*w)).count() >= want.len().min(2)
        })
        .collect()
}

fn cluster(name: &str) -> Value {
    expected()["clusters"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned().unwrap_or_else(|| panic!("no cluster {name}"))
}

#[test]
fn the_three_outlet_meeting_is_one_event_with_three_sources() {
    let c = corpus();
    let cl = cluster("lavrov-diaz-canel-2024");
    let docs: HashSet<String> = cl["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    assert_eq!(docs.len(), 3);
    let linked = matching(c, &cl).into_iter().find(|e| docs.iter().all(|d| e.docs().contains(d)));
    let ev = linked.expect("one event holding all three reports");
    assert!(ev.merge_notes.len() >= 2, "merges are explained: {:?}", ev.merge_notes);
}

#[test]
fn background_history_from_two_articles_is_one_event() {
    let c = corpus();
    let cl = cluster("soviet-cuba-relations-1960");
    let docs: Vec<String> = cl["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    assert!(matching(c, &cl).iter().any(|e| docs.iter().all(|d| e.docs().contains(d))));
}

#[test]
fn look_alike_events_stay_apart() {
    let c = corpus();
    for pair in expected()["distinct"].as_array().unwrap() {
        let (a, b) = (cluster(pair[0].as_str().unwrap()), cluster(pair[1].as_str().unwrap()));
        let docs = |cl: &Value| -> HashSet<String> { cl["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect() };
        let (da, db) = (docs(&a), docs(&b));
        for e in matching(c, &a) {
            let d: HashSet<String> = e.docs().into_iter().collect();
            // One event may not claim both clusters' reports.
            let both = !d.is_disjoint(&da) && !d.is_disjoint(&db) && da.is_disjoint(&db);
            assert!(!both, "{} and {} merged into {}", pair[0], pair[1], e.id);
        }
    }
}

#[test]
fn the_same_minister_in_the_same_capital_in_two_years_is_two_visits() {
    let c = corpus();
    let visits: Vec<_> = c
        .events
        .iter()
        .filter(|e| e.event_type == "visit" && names(c, e).contains("Sergey Lavrov") && names(c, e).contains("Cuba"))
        .collect();
    let years: HashSet<i32> = visits.iter().filter_map(|e| e.date.map(|d| chrono::Datelike::year(&d.start))).collect();
    assert!(years.contains(&2023) && years.contains(&2024), "{years:?}");
}

#[test]
fn every_multi_document_cluster_is_one_event() {
    let c = corpus();
    let mut unlinked = Vec::new();
    for cl in expected()["clusters"].as_array().unwrap() {
        let docs: HashSet<String> = cl["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
        if docs.len() < 2 {
            continue;
        }
        let linked = matching(c, cl).iter().any(|e| docs.iter().all(|d| e.docs().contains(d)));
        if !linked {
            unlinked.push(cl["name"].as_str().unwrap().to_string());
        }
    }
    assert!(unlinked.is_empty(), "multi-document clusters not linked: {unlinked:?}");
}

#[test]
fn a_headline_naming_two_meetings_does_not_chain_them() {
    let c = corpus();
    let lukashenko = cluster("maduro-lukashenko-kazan-2024");
    let own = matching(c, &lukashenko).into_iter().find(|e| !names(c, e).contains("Vladimir Putin"));
    assert!(own.is_some(), "the Maduro-Lukashenko meeting is an event of its own");
}
