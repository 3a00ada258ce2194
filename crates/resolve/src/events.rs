//! Event coreference: reports of one real-world event become one event.
//!
//! Two reports are merged when they have the same type, share their
//! resolved participants (two of them, or all when an event has fewer), and
//! their dates agree: intervals that overlap, with a date read from the text
//! weighing more than one inferred from context. Within a document, the
//! headline, the lead and the body restating one meeting merge on looser
//! evidence than across documents. Same people on different dates stay apart.
//!
//! Cost: reports are blocked by (type, participant); each report is compared
//! only with the clusters of its blocks, so the work grows with the corpus,
//! not with its square.

use crate::entities::ResolvedEntities;
use attache_model::{ArgRole, DateInterval, DocAnalysis, Document, Event, EventReport, Modality, Participant};
use std::collections::{BTreeSet, HashMap};

/// One report with its participants as resolved entity ids.
struct Report {
    doc: usize,
    event_type: String,
    parts: Vec<(usize, ArgRole)>,
    set: BTreeSet<usize>,
    location: Option<usize>,
    date: Option<DateInterval>,
    dated_by_text: bool,
    modality: Modality,
    report: EventReport,
}

struct Cluster {
    members: Vec<usize>,
    set: BTreeSet<usize>,
    event_type: String,
    /// The tightest text date among members, else any date.
    date: Option<DateInterval>,
    dated_by_text: bool,
    docs: BTreeSet<usize>,
    notes: Vec<String>,
    /// Agents of its directed reports (empty when none has one).
    agents: BTreeSet<usize>,
    /// (document, modality) pairs of its reports.
    doc_modalities: BTreeSet<(usize, u8)>,
}

fn shared_enough(a: &BTreeSet<usize>, b: &BTreeSet<usize>) -> bool {
    let common = a.intersection(b).count();
    common >= 2.min(a.len()).min(b.len()) && common >= 1
}

/// Do two dates describe the same time? Overlapping intervals do.
fn dates_agree(a: Option<DateInterval>, b: Option<DateInterval>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.overlaps(&y),
        _ => true,
    }
}

pub fn resolve_events(docs: &[&Document], analyses: &[&DocAnalysis], ents: &ResolvedEntities) -> Vec<Event> {
    let mut reports: Vec<Report> = Vec::new();
    for (di, a) in analyses.iter().enumerate() {
        let map = &ents.local_to_global[di];
        for m in &a.events {
            let mut parts: Vec<(usize, ArgRole)> = Vec::new();
            for (l, r) in &m.participants {
                if let Some(&g) = map.get(*l) {
                    if !parts.iter().any(|(x, _)| *x == g) {
                        parts.push((g, *r));
                    }
                }
            }
            if parts.len() < 2 {
                continue;
            }
            let set = parts.iter().map(|(g, _)| *g).collect();
            reports.push(Report {
                doc: di,
                event_type: m.event_type.clone(),
                set,
                parts,
                location: m.location.and_then(|l| map.get(l).copied()),
                date: m.date,
                dated_by_text: m.date_from_text,
                modality: m.modality,
                report: EventReport { provenance: m.provenance.clone(), modality: m.modality, date: m.date },
            });
        }
    }
    let _ = docs;

    let mut clusters: Vec<Cluster> = Vec::new();
    // Blocking index: (type, participant) -> clusters containing it.
    let mut blocks: HashMap<(String, usize), Vec<usize>> = HashMap::new();
    for (ri, r) in reports.iter().enumerate() {
        let mut candidates: Vec<usize> = Vec::new();
        for &p in &r.set {
            if let Some(v) = blocks.get(&(r.event_type.clone(), p)) {
                for &c in v {
                    if !candidates.contains(&c) {
                        candidates.push(c);
                    }
                }
            }
        }
        let mut chosen = None;
        for c in candidates {
            let cl = &clusters[c];
            if !shared_enough(&r.set, &cl.set) {
                continue;
            }
            // Directed events keep their actor: Obama's easing of sanctions is not
            // Biden's, and a visit's visitor must be the same person.
            let agents: Vec<usize> = r.parts.iter().filter(|(_, role)| *role == ArgRole::Agent).map(|(g, _)| *g).collect();
            if !agents.is_empty() && !cl.agents.is_empty() && !agents.iter().any(|g| cl.agents.contains(g)) {
                continue;
            }
            let same_doc = cl.docs.contains(&r.doc);
            let note = if same_doc {
                // One article restating its own event: dates must not contradict,
                // and a plan is not the same report as its fulfilment.
                let modality_ok = cl.doc_modalities.contains(&(r.doc, r.modality as u8));
                if !modality_ok || !dates_agree(cl.date, r.date) {
                    continue;
                }
                format!("restated in {} (same participants, compatible date)", r.report.provenance.doc)
            } else {
                // Across documents both dates must be known and overlap: same
                // people at different times are different events.
                let (Some(a), Some(b)) = (cl.date, r.date) else { continue };
                // Outlets date a multi-day visit by its arrival, its talks or its
                // end; a day or two of slack keeps one visit one event.
                let slack = if r.event_type == "visit" { 3 } else { 1 };
                let widened = DateInterval::range(a.start - chrono::Duration::days(slack), a.end + chrono::Duration::days(slack), a.granularity);
                if !widened.overlaps(&b) {
                    continue;
                }
                // An inferred date is weaker evidence: require it to fall close to the text date.
                if !(cl.dated_by_text || r.dated_by_text) && (a.days() > 62 || b.days() > 62) {
                    continue;
                }
                format!(
                    "{} reports the same {} ({} shared participants; dates {} and {} agree)",
                    r.report.provenance.doc,
                    r.event_type,
                    r.set.intersection(&cl.set).count(),
                    a,
                    b
                )
            };
            chosen = Some((c, note));
            break;
        }
        let c = match chosen {
            Some((c, note)) => {
                let cl = &mut clusters[c];
                cl.members.push(ri);
                cl.set.extend(r.set.iter().copied());
                cl.docs.insert(r.doc);
                cl.notes.push(note);
                cl.agents.extend(r.parts.iter().filter(|(_, role)| *role == ArgRole::Agent).map(|(g, _)| *g));
                cl.doc_modalities.insert((r.doc, r.modality as u8));
                // Keep the tightest date that the text states.
                match (cl.date, r.date) {
                    (_, Some(d)) if r.dated_by_text && (!cl.dated_by_text || cl.date.map(|x| d.days() < x.days()).unwrap_or(true)) => {
                        cl.date = Some(d);
                        cl.dated_by_text = true;
                    }
                    (None, d) => cl.date = d,
                    _ => {}
                }
                c
            }
            None => {
                clusters.push(Cluster {
                    members: vec![ri],
                    set: r.set.clone(),
                    event_type: r.event_type.clone(),
                    date: r.date,
                    dated_by_text: r.dated_by_text,
                    docs: [r.doc].into_iter().collect(),
                    notes: Vec::new(),
                    agents: r.parts.iter().filter(|(_, role)| *role == ArgRole::Agent).map(|(g, _)| *g).collect(),
                    doc_modalities: [(r.doc, r.modality as u8)].into_iter().collect(),
                });
                clusters.len() - 1
            }
        };
        for &p in &r.set {
            let v = blocks.entry((r.event_type.clone(), p)).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        }
    }

    let mut events = Vec::with_capacity(clusters.len());
    for (i, cl) in clusters.into_iter().enumerate() {
        let members: Vec<&Report> = cl.members.iter().map(|&m| &reports[m]).collect();
        let mut participants: Vec<Participant> = Vec::new();
        for r in &members {
            for (g, role) in &r.parts {
                if !participants.iter().any(|p| p.entity == ents.entities[*g].id) {
                    participants.push(Participant { entity: ents.entities[*g].id.clone(), role: *role });
                }
            }
        }
        let location = members.iter().find_map(|r| r.location).map(|g| ents.entities[g].id.clone());
        let modality = if members.iter().any(|r| r.modality == Modality::Asserted) { Modality::Asserted } else { members[0].modality };
        let info = attache_events::ontology::info(&cl.event_type);
        events.push(Event {
            id: format!("evt:{}", i + 1),
            event_type: cl.event_type,
            cameo: info.map(|i| i.cameo.clone()).unwrap_or_default(),
            plover: info.map(|i| i.plover.clone()).unwrap_or_default(),
            participants,
            location,
            date: cl.date,
            modality,
            reports: members.iter().map(|r| r.report.clone()).collect(),
            merge_notes: cl.notes,
        });
    }
    events
}
