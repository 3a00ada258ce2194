//! The actor graph: people, organisations and countries, linked when they
//! take part in the same event, weighted by the number of such events; and
//! its GEXF 1.3 serialisation (for Gephi and other graph tools).

use attache_model::{Corpus, Entity, EntityType};
use quick_xml::events::{BytesDecl, BytesText, Event as XmlEvent};
use quick_xml::Writer;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

/// Nodes and weighted undirected edges, in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorGraph<'a> {
    pub nodes: Vec<(&'a Entity, usize)>,
    /// `(source, target, weight, event types)` with `source < target`.
    pub edges: Vec<(String, String, usize, Vec<String>)>,
}

fn is_actor(e: &Entity) -> bool {
    matches!(e.entity_type, EntityType::Person | EntityType::Organization | EntityType::Country)
}

/// Builds the graph of actors (not places) from the resolved events. Every
/// actor taking part in at least one event is a node, with its event count.
pub fn actor_graph(c: &Corpus) -> ActorGraph<'_> {
    let by_id: HashMap<&str, &Entity> = c.entities.iter().filter(|e| is_actor(e)).map(|e| (e.id.as_str(), e)).collect();
    let mut events_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), (usize, BTreeSet<&str>)> = BTreeMap::new();
    for ev in &c.events {
        let mut ids: Vec<&str> = ev.participants.iter().map(|p| p.entity.as_str()).filter(|id| by_id.contains_key(id)).collect();
        ids.sort();
        ids.dedup();
        for id in &ids {
            *events_of.entry(id).or_default() += 1;
        }
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let e = pairs.entry((a, b)).or_default();
                e.0 += 1;
                e.1.insert(ev.event_type.as_str());
            }
        }
    }
    ActorGraph {
        nodes: events_of.into_iter().map(|(id, n)| (by_id[id], n)).collect(),
        edges: pairs
            .into_iter()
            .map(|((a, b), (w, types))| (a.to_string(), b.to_string(), w, types.into_iter().map(String::from).collect()))
            .collect(),
    }
}

fn xml_err(e: quick_xml::Error) -> io::Error {
    io::Error::new(io::ErrorKind::Other, e)
}

/// GEXF 1.3: undirected static graph; node attributes type/country/events,
/// edge weight = shared events, edge attribute = the event types shared.
pub(crate) fn write_gexf(c: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let g = actor_graph(c);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(XmlEvent::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(xml_err)?;
    w.create_element("gexf")
        .with_attribute(("xmlns", "http://gexf.net/1.3"))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"))
        .with_attribute(("version", "1.3"))
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator").write_text_content(BytesText::new("Attaché"))?;
                w.create_element("description")
                    .write_text_content(BytesText::new("Actors linked by the events they took part in together; weight = number of shared events"))?;
                Ok::<_, quick_xml::Error>(())
            })?;
            w.create_element("graph")
                .with_attribute(("defaultedgetype", "undirected"))
                .with_attribute(("mode", "static"))
                .write_inner_content(|w| {
                    w.create_element("attributes").with_attribute(("class", "node")).write_inner_content(|w| {
                        for (id, ty) in [("type", "string"), ("country", "string"), ("events", "integer")] {
                            w.create_element("attribute").with_attributes([("id", id), ("title", id), ("type", ty)]).write_empty()?;
                        }
                        Ok::<_, quick_xml::Error>(())
                    })?;
                    w.create_element("attributes").with_attribute(("class", "edge")).write_inner_content(|w| {
                        w.create_element("attribute").with_attributes([("id", "event_types"), ("title", "event types"), ("type", "string")]).write_empty()?;
                        Ok::<_, quick_xml::Error>(())
                    })?;
                    w.create_element("nodes").write_inner_content(|w| {
                        for (e, n) in &g.nodes {
                            let n = n.to_string();
                            w.create_element("node").with_attributes([("id", e.id.as_str()), ("label", e.name.as_str())]).write_inner_content(|w| {
                                w.create_element("attvalues").write_inner_content(|w| {
                                    let country = e.country.clone().unwrap_or_default();
                                    for (k, v) in [("type", e.entity_type.as_str()), ("country", country.as_str()), ("events", n.as_str())] {
                                        w.create_element("attvalue").with_attributes([("for", k), ("value", v)]).write_empty()?;
                                    }
                                    Ok::<_, quick_xml::Error>(())
                                })?;
                                Ok::<_, quick_xml::Error>(())
                            })?;
                        }
                        Ok::<_, quick_xml::Error>(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for (i, (a, b, weight, types)) in g.edges.iter().enumerate() {
                            let (id, weight, types) = (format!("e{i}"), weight.to_string(), types.join(";"));
                            w.create_element("edge")
                                .with_attributes([("id", id.as_str()), ("source", a.as_str()), ("target", b.as_str()), ("weight", weight.as_str())])
                                .write_inner_content(|w| {
                                    w.create_element("attvalues").write_inner_content(|w| {
                                        w.create_element("attvalue").with_attributes([("for", "event_types"), ("value", types.as_str())]).write_empty()?;
                                        Ok::<_, quick_xml::Error>(())
                                    })?;
                                    Ok::<_, quick_xml::Error>(())
                                })?;
                        }
                        Ok::<_, quick_xml::Error>(())
                    })?;
                    Ok::<_, quick_xml::Error>(())
                })?;
            Ok::<_, quick_xml::Error>(())
        })
        .map_err(xml_err)?;
    writeln!(w.get_mut())
}
