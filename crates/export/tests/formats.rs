//! Each export format parsed back from its output on a small hand-built corpus.

use attache_export::{write, Format};
use attache_model::*;
use chrono::NaiveDate;
use quick_xml::events::Event as Xml;
use serde_json::Value;

fn entity(id: &str, name: &str, ty: EntityType, country: Option<&str>, aliases: &[&str]) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        entity_type: ty,
        kb_id: None,
        country: country.map(String::from),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: vec![],
        docs: vec!["d1".into()],
    }
}

fn report(doc: &str, quote: &str) -> EventReport {
    EventReport {
        provenance: Provenance { doc: doc.into(), span: Span::new(0, quote.len()), quote: quote.into(), trigger: Some(Span::new(7, 14)), attribution: None },
        modality: Modality::Asserted,
        date: None,
        date_from_text: false,
        participants: vec![],
        location: None,
    }
}

fn corpus() -> Corpus {
    let mut minister = entity("ent:1", "Ana Example", EntityType::Person, Some("RUS"), &["A. Example"]);
    minister.roles.push(Role { title: "Foreign Minister".into(), org: None, country: Some("RUS".into()), qualifier: None, from: None, to: None });
    Corpus {
        documents: vec![Document { id: "d1".into(), url: Some("https://example.org/a?x=1&y=2".into()), text: "x".into(), origin: "test".into(), ..Default::default() }],
        entities: vec![
            minister,
            entity("ent:2", "Cuba", EntityType::Country, Some("CUB"), &[]),
            entity("ent:3", "Council <of> \"Trade\" & Ports", EntityType::Organization, None, &[]),
            entity("ent:4", "Havana", EntityType::Place, Some("CUB"), &[]),
        ],
        events: vec![
            Event {
                id: "evt:1".into(),
                event_type: "visit".into(),
                cameo: "042".into(),
                plover: "CONSULT/visit".into(),
                participants: vec![Participant { entity: "ent:1".into(), role: ArgRole::Agent }, Participant { entity: "ent:2".into(), role: ArgRole::Patient }],
                location: Some("ent:4".into()),
                date: Some(DateInterval::day(NaiveDate::from_ymd_opt(2024, 5, 14).unwrap())),
                modality: Modality::Asserted,
                reports: vec![report("d1", "Example visited Havana on Tuesday.")],
                merge_notes: vec![],
            },
            Event {
                id: "evt:2".into(),
                event_type: "meet".into(),
                cameo: "040".into(),
                plover: "CONSULT/meet".into(),
                participants: vec![
                    Participant { entity: "ent:1".into(), role: ArgRole::Participant },
                    Participant { entity: "ent:2".into(), role: ArgRole::Participant },
                    Participant { entity: "ent:3".into(), role: ArgRole::Participant },
                ],
                location: None,
                date: DateInterval::month(2024, 6),
                modality: Modality::Planned,
                reports: vec![report("d1", "Example will meet the council in June.")],
                merge_notes: vec![],
            },
        ],
    }
}

fn output(f: Format) -> String {
    let mut out = Vec::new();
    write(&corpus(), f, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("every line is JSON")).collect()
}

#[test]
fn formats_parse_by_name() {
    assert_eq!(Format::parse("plover"), Some(Format::Plover));
    assert_eq!(Format::parse("ftm"), Some(Format::Ftm));
    assert_eq!(Format::parse("followthemoney"), Some(Format::Ftm));
    assert_eq!(Format::parse("gexf"), Some(Format::Gexf));
}

#[test]
fn plover_lines_have_the_required_fields() {
    let recs = lines(&output(Format::Plover));
    assert_eq!(recs.len(), 2);
    for r in &recs {
        for k in ["event_id", "event_date", "event_type", "mode", "cameo", "actor", "recipient", "modality", "source_docs"] {
            assert!(r.get(k).is_some(), "missing {k} in {r}");
        }
    }
    let visit = &recs[0];
    assert_eq!(visit["event_id"], "evt:1");
    assert_eq!(visit["event_date"], "2024-05-14");
    assert_eq!(visit["event_type"], "CONSULT");
    assert_eq!(visit["mode"], "visit");
    assert_eq!(visit["actor"], "Ana Example");
    assert_eq!(visit["actor_country"], "RUS");
    assert_eq!(visit["recipient"], "Cuba");
    assert_eq!(visit["location"]["name"], "Havana");
    assert_eq!(visit["source_urls"][0], "https://example.org/a?x=1&y=2");
    // Symmetric participants: the first acts, the next receives.
    assert_eq!(recs[1]["actor"], "Ana Example");
    assert_eq!(recs[1]["recipient"], "Cuba");
    assert_eq!(recs[1]["event_date"], "2024-06");
    assert_eq!(recs[1]["modality"], "planned");
}

#[test]
fn ftm_lines_have_id_schema_and_name() {
    let recs = lines(&output(Format::Ftm));
    // Three actors (the place is not an entity of its own) and two events.
    assert_eq!(recs.len(), 5);
    for r in &recs {
        assert!(r["id"].as_str().map(|s| !s.is_empty()).unwrap_or(false), "{r}");
        assert!(r["schema"].is_string(), "{r}");
        assert!(r["properties"]["name"][0].is_string(), "{r}");
        for (_, v) in r["properties"].as_object().unwrap() {
            assert!(v.as_array().unwrap().iter().all(|x| x.is_string()), "FtM values are lists of strings: {r}");
        }
    }
    let schemas: Vec<&str> = recs.iter().map(|r| r["schema"].as_str().unwrap()).collect();
    assert_eq!(schemas, ["Person", "LegalEntity", "Organization", "Event", "Event"]);
    assert_eq!(recs[0]["properties"]["country"][0], "ru");
    assert_eq!(recs[1]["properties"]["jurisdiction"][0], "cu");
    let visit = &recs[3];
    assert_eq!(visit["properties"]["date"][0], "2024-05-14");
    assert_eq!(visit["properties"]["location"][0], "Havana");
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for inv in visit["properties"]["involved"].as_array().unwrap() {
        assert!(ids.contains(&inv.as_str().unwrap()), "involved points at an exported entity");
    }
    // A month stated as such stays a month, not a day range.
    assert_eq!(recs[4]["properties"]["date"][0], "2024-06");
}

#[test]
fn gexf_is_well_formed_with_weighted_edges() {
    let xml = output(Format::Gexf);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut nodes, mut edges, mut labels, mut root) = (0, Vec::new(), Vec::new(), None);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Xml::Eof => break,
            Xml::Start(e) | Xml::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let attr = |k: &str| e.try_get_attribute(k).unwrap().map(|a| a.unescape_value().unwrap().into_owned());
                match name.as_str() {
                    "gexf" => root = attr("version"),
                    "node" => {
                        nodes += 1;
                        labels.push(attr("label").unwrap());
                    }
                    "edge" => edges.push((attr("source").unwrap(), attr("target").unwrap(), attr("weight").unwrap())),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("1.3"));
    assert_eq!(nodes, 3, "people, organisations and countries; no places");
    assert!(labels.contains(&"Council <of> \"Trade\" & Ports".to_string()), "labels are escaped and read back intact");
    assert!(edges.contains(&("ent:1".into(), "ent:2".into(), "2".into())), "two shared events: {edges:?}");
    assert_eq!(edges.len(), 3);
}
