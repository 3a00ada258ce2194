//! Event coreference: reports of one real-world event become one event.
//!
//! Two reports are merged when they have the same type, share their
//! resolved participants (two of them, or all when an event has fewer, with
//! every report already in the event), and their dates agree: intervals that
//! overlap, with a date read from the text weighing more than one inferred
//! from context. Within a document, the headline, the lead and the body
//! restating one meeting merge on looser evidence than across documents.
//! Same people on different dates stay apart.
//!
//! Cost: reports are blocked by (type, participant); each report is compared
//! only with the clusters of its blocks, so the work grows with the corpus,
//! not with its square. The index can be resumed from stored events, each
//! report keeping its own participants, so new documents join the existing
//! clusters without re-reading old ones.

use crate::entities::EntityIndex;
use attache_model::{ArgRole, DateInterval, DocAnalysis, Event, EventReport, Modality, Participant};
use std::collections::{BTreeSet, HashMap};

/// One report with its participants as entity positions.
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
    id: String,
    members: Vec<usize>,
    set: BTreeSet<usize>,
    /// The distinct participant sets of its reports: a new report must share
    /// enough with each of them, not just with their union, or a headline
    /// naming three leaders would chain two separate bilateral meetings.
    member_sets: Vec<BTreeSet<usize>>,
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

impl Cluster {
    fn new(id: String, event_type: &str) -> Cluster {
        Cluster {
            id,
            members: Vec::new(),
            set: BTreeSet::new(),
            member_sets: Vec::new(),
            event_type: event_type.to_string(),
            date: None,
            dated_by_text: false,
            docs: BTreeSet::new(),
            notes: Vec::new(),
            agents: BTreeSet::new(),
            doc_modalities: BTreeSet::new(),
        }
    }

    fn absorb(&mut self, ri: usize, r: &Report) {
        let first = self.members.is_empty();
        self.members.push(ri);
        self.set.extend(r.set.iter().copied());
        if !self.member_sets.contains(&r.set) {
            self.member_sets.push(r.set.clone());
        }
        self.docs.insert(r.doc);
        self.agents.extend(r.parts.iter().filter(|(_, role)| *role == ArgRole::Agent).map(|(g, _)| *g));
        self.doc_modalities.insert((r.doc, r.modality as u8));
        if first {
            self.date = r.date;
            self.dated_by_text = r.dated_by_text;
            return;
        }
        // Keep the tightest date that the text states; with none stated, the
        // tightest inferred one (a report's day rather than a plan's fortnight).
        let tighter = |d: DateInterval| self.date.map(|x| d.days() < x.days()).unwrap_or(true);
        match r.date {
            Some(d) if r.dated_by_text && (!self.dated_by_text || tighter(d)) => {
                self.date = Some(d);
                self.dated_by_text = true;
            }
            Some(d) if !self.dated_by_text && tighter(d) => self.date = Some(d),
            _ => {}
        }
    }
}

fn shared_enough(a: &BTreeSet<usize>, b: &BTreeSet<usize>) -> bool {
    let common = a.intersection(b).count();
    common >= 2.min(a.len()).min(b.len()) && common >= 1
}

/// Every resolved event with the blocking index that finds candidates for a new report.
#[derive(Default)]
pub struct EventIndex {
    docs: Vec<String>,
    doc_pos: HashMap<String, usize>,
    reports: Vec<Report>,
    clusters: Vec<Cluster>,
    /// Blocking index: (type, participant) -> clusters containing it.
    blocks: HashMap<(String, usize), Vec<usize>>,
    /// Clusters created or changed since the index was made or resumed.
    touched: BTreeSet<usize>,
    next_id: usize,
}

impl EventIndex {
    pub fn new() -> EventIndex {
        EventIndex { next_id: 1, ..Default::default() }
    }

    /// Rebuilds the index from stored events. `None` when they were stored by
    /// an older version that kept no per-report participants: the caller must
    /// then resolve from the analyses.
    pub fn resume(events: Vec<Event>, ents: &EntityIndex) -> Option<EventIndex> {
        let pos = ents.positions();
        let mut ix = EventIndex::new();
        for ev in events {
            if let Some(n) = ev.id.strip_prefix("evt:").and_then(|n| n.parse::<usize>().ok()) {
                ix.next_id = ix.next_id.max(n + 1);
            }
            let c = ix.clusters.len();
            let mut cl = Cluster::new(ev.id, &ev.event_type);
            cl.notes = ev.merge_notes;
            for rep in ev.reports {
                if rep.participants.len() < 2 {
                    return None;
                }
                let mut parts = Vec::with_capacity(rep.participants.len());
                for p in &rep.participants {
                    parts.push((*pos.get(p.entity.as_str())?, p.role));
                }
                let location = match &rep.location {
                    Some(l) => Some(*pos.get(l.as_str())?),
                    None => None,
                };
                let doc = ix.doc(&rep.provenance.doc);
                let r = Report {
                    doc,
                    event_type: cl.event_type.clone(),
                    set: parts.iter().map(|(g, _)| *g).collect(),
                    parts,
                    location,
                    date: rep.date,
                    dated_by_text: rep.date_from_text,
                    modality: rep.modality,
                    report: rep,
                };
                ix.reports.push(r);
                let ri = ix.reports.len() - 1;
                cl.absorb(ri, &ix.reports[ri]);
            }
            if cl.members.is_empty() {
                continue;
            }
            ix.clusters.push(cl);
            ix.index_cluster(c);
        }
        Some(ix)
    }

    fn doc(&mut self, id: &str) -> usize {
        if let Some(&d) = self.doc_pos.get(id) {
            return d;
        }
        self.docs.push(id.to_string());
        self.doc_pos.insert(id.to_string(), self.docs.len() - 1);
        self.docs.len() - 1
    }

    fn index_cluster(&mut self, c: usize) {
        let cl = &self.clusters[c];
        for &p in &cl.set {
            let v = self.blocks.entry((cl.event_type.clone(), p)).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        }
    }

    /// Adds one document's event mentions; `map` is its local -> entity position map.
    pub fn add(&mut self, a: &DocAnalysis, map: &[usize], ents: &EntityIndex) {
        let doc = self.doc(&a.doc_id);
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
            let location = m.location.and_then(|l| map.get(l).copied());
            let report = EventReport {
                provenance: m.provenance.clone(),
                modality: m.modality,
                date: m.date,
                date_from_text: m.date_from_text,
                participants: parts.iter().map(|(g, role)| Participant { entity: ents.id(*g).to_string(), role: *role }).collect(),
                location: location.map(|g| ents.id(g).to_string()),
            };
            self.reports.push(Report {
                doc,
                event_type: m.event_type.clone(),
                set: parts.iter().map(|(g, _)| *g).collect(),
                parts,
                location,
                date: m.date,
                dated_by_text: m.date_from_text,
                modality: m.modality,
                report,
            });
            self.place(self.reports.len() - 1);
        }
    }

    /// Puts one report into the first cluster it is compatible with, or a new one.
    fn place(&mut self, ri: usize) {
        let r = &self.reports[ri];
        let mut candidates: Vec<usize> = Vec::new();
        for &p in &r.set {
            if let Some(v) = self.blocks.get(&(r.event_type.clone(), p)) {
                for &c in v {
                    if !candidates.contains(&c) {
                        candidates.push(c);
                    }
                }
            }
        }
        let chosen = candidates.into_iter().find_map(|c| self.merge_note(&self.clusters[c], r).map(|note| (c, note)));
        let c = match chosen {
            Some((c, note)) => {
                self.clusters[c].notes.push(note);
                c
            }
            None => {
                self.clusters.push(Cluster::new(format!("evt:{}", self.next_id), &r.event_type));
                self.next_id += 1;
                self.clusters.len() - 1
            }
        };
        let r = &self.reports[ri];
        self.clusters[c].absorb(ri, r);
        self.index_cluster(c);
        self.touched.insert(c);
    }

    /// Why report `r` belongs to cluster `cl`, or `None` when it does not.
    fn merge_note(&self, cl: &Cluster, r: &Report) -> Option<String> {
        if !shared_enough(&r.set, &cl.set) || !cl.member_sets.iter().all(|m| shared_enough(&r.set, m)) {
            return None;
        }
        // Directed events keep their actor: Obama's easing of sanctions is not
        // Biden's, and a visit's visitor must be the same person.
        let agents: Vec<usize> = r.parts.iter().filter(|(_, role)| *role == ArgRole::Agent).map(|(g, _)| *g).collect();
        if !agents.is_empty() && !cl.agents.is_empty() && !agents.iter().any(|g| cl.agents.contains(g)) {
            return None;
        }
        let doc_id = &self.docs[r.doc];
        if cl.docs.contains(&r.doc) {
            // One article restating its own event: dates must not contradict,
            // and a plan is not the same report as its fulfilment.
            let modality_ok = cl.doc_modalities.contains(&(r.doc, r.modality as u8));
            // The article's own dates are the ones to agree with: another
            // outlet may have set the cluster's date a day earlier.
            // A visit lasts days: its arrival and its talks are one visit.
            let slack = if r.event_type == "visit" { 3 } else { 0 };
            let own_dates_agree = cl.members.iter().map(|&m| &self.reports[m]).filter(|m| m.doc == r.doc).any(|m| match (m.date, r.date) {
                (Some(a), Some(b)) => DateInterval::range(a.start - chrono::Duration::days(slack), a.end + chrono::Duration::days(slack), a.granularity).overlaps(&b),
                _ => true,
            });
            if !modality_ok || !own_dates_agree {
                return None;
            }
            return Some(format!("restated in {doc_id} (same participants, compatible date)"));
        }
        // Across documents both dates must be known and overlap: same
        // people at different times are different events.
        let (Some(a), Some(b)) = (cl.date, r.date) else { return None };
        // Outlets date a multi-day visit by its arrival, its talks or its end;
        // a date inferred from context (the publication window, the story's
        // date) is weaker evidence still: it may be off by the days between
        // the event and the report.
        let slack = match (cl.dated_by_text && r.dated_by_text, r.event_type == "visit") {
            (true, true) => 3,
            (true, false) => 1,
            (false, _) => 7,
        };
        let widened = DateInterval::range(a.start - chrono::Duration::days(slack), a.end + chrono::Duration::days(slack), a.granularity);
        if !widened.overlaps(&b) {
            return None;
        }
        // An inferred date is weaker evidence: require it to fall close to the text date.
        if !(cl.dated_by_text || r.dated_by_text) && (a.days() > 62 || b.days() > 62) {
            return None;
        }
        let plan = match (cl_modality(cl, &self.reports), r.modality) {
            (Modality::Planned, Modality::Asserted) => "; it reports as done what was planned",
            (Modality::Asserted, Modality::Planned) => "; it announced what was later reported as done",
            _ => "",
        };
        Some(format!(
            "{doc_id} reports the same {} ({} shared participants; dates {a} and {b} agree{plan})",
            r.event_type,
            r.set.intersection(&cl.set).count(),
        ))
    }

    fn event(&self, cl: &Cluster, ents: &EntityIndex) -> Event {
        let members: Vec<&Report> = cl.members.iter().map(|&m| &self.reports[m]).collect();
        let mut participants: Vec<Participant> = Vec::new();
        for r in &members {
            for (g, role) in &r.parts {
                if !participants.iter().any(|p| p.entity == ents.id(*g)) {
                    participants.push(Participant { entity: ents.id(*g).to_string(), role: *role });
                }
            }
        }
        let location = members.iter().find_map(|r| r.location).map(|g| ents.id(g).to_string());
        let info = attache_events::ontology::info(&cl.event_type);
        Event {
            id: cl.id.clone(),
            event_type: cl.event_type.clone(),
            cameo: info.map(|i| i.cameo.clone()).unwrap_or_default(),
            plover: info.map(|i| i.plover.clone()).unwrap_or_default(),
            participants,
            location,
            date: cl.date,
            modality: cl_modality(cl, &self.reports),
            reports: members.iter().map(|r| r.report.clone()).collect(),
            merge_notes: cl.notes.clone(),
        }
    }

    /// Every event, in the order they were first reported.
    pub fn events(&self, ents: &EntityIndex) -> Vec<Event> {
        self.clusters.iter().map(|cl| self.event(cl, ents)).collect()
    }

    /// The events created or changed since the last call.
    pub fn take_touched(&mut self, ents: &EntityIndex) -> Vec<Event> {
        std::mem::take(&mut self.touched).into_iter().map(|c| self.event(&self.clusters[c], ents)).collect()
    }
}

/// An event happened if any report says so; otherwise it has its first report's modality.
fn cl_modality(cl: &Cluster, reports: &[Report]) -> Modality {
    let members = || cl.members.iter().map(|&m| &reports[m]);
    if members().any(|r| r.modality == Modality::Asserted) {
        Modality::Asserted
    } else {
        members().next().map(|r| r.modality).unwrap_or(Modality::Asserted)
    }
}
