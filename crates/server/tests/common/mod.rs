//! A small store built by hand for the server's tests, the browser test and
//! the load example. Every sentence here was written for these tests.

#![allow(dead_code)]

use attache_model::*;
use attache_store::{PreparedDocument, Store};
use chrono::NaiveDate;
use std::path::PathBuf;

pub struct Fixture {
    /// Keeps the temporary folder alive as long as the fixture.
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

struct Doc {
    id: &'static str,
    title: &'static str,
    published: &'static str,
    lines: Vec<(&'static str, LineKind)>,
    locals: Vec<(&'static str, EntityType)>,
    /// (line, text, local entity): the first occurrence of the text in that line.
    mentions: Vec<(usize, &'static str, usize)>,
}

impl Doc {
    fn text(&self) -> String {
        self.lines.iter().map(|l| l.0).collect::<Vec<_>>().join("\n")
    }
    /// Byte span of line `i`.
    fn line(&self, i: usize) -> Span {
        let start: usize = self.lines[..i].iter().map(|l| l.0.len() + 1).sum();
        Span::new(start, start + self.lines[i].0.len())
    }
    /// Byte span of the first `needle` in line `i`.
    fn find(&self, i: usize, needle: &str) -> Span {
        let l = self.line(i);
        let at = self.lines[i].0.find(needle).unwrap_or_else(|| panic!("{needle:?} not in line {i} of {}", self.id));
        Span::new(l.start + at, l.start + at + needle.len())
    }
    fn build(&self) -> (Document, Vec<Sentence>, DocAnalysis, String) {
        let text = self.text();
        let lines: Vec<Line> = (0..self.lines.len()).map(|i| Line { span: self.line(i), kind: self.lines[i].1 }).collect();
        let sentences = lines.iter().map(|l| Sentence { span: l.span, tokens: vec![], kind: l.kind }).collect();
        let doc = Document {
            id: self.id.into(),
            source: Some("Test Wire".into()),
            url: Some(format!("https://example.org/{}", self.id)),
            title: Some(self.title.into()),
            published: PartialDate::parse(self.published),
            dateline: None,
            origin: format!("{}.txt", self.id),
            text: text.clone(),
            lines,
        };
        let analysis = DocAnalysis {
            doc_id: self.id.into(),
            entities: self
                .locals
                .iter()
                .map(|(name, ty)| LocalEntity { name: name.to_string(), entity_type: *ty, kb_id: None, country: None, aliases: vec![], roles: vec![], kind: None })
                .collect(),
            mentions: self
                .mentions
                .iter()
                .map(|(line, needle, local)| Mention {
                    span: self.find(*line, needle),
                    text: needle.to_string(),
                    kind: MentionKind::Name,
                    entity_type: self.locals[*local].1,
                    local: *local,
                })
                .collect(),
            timexes: vec![],
            events: vec![],
        };
        let hash = format!("{}-{}", self.id, text.len());
        (doc, sentences, analysis, hash)
    }
}

fn docs() -> Vec<Doc> {
    use EntityType::*;
    use LineKind::*;
    vec![
        Doc {
            id: "d1",
            title: "Minister Example in Havana",
            published: "2024-05-15",
            lines: vec![
                ("Minister Example in Havana", Heading),
                ("Foreign Minister Ana Example visited Havana on Tuesday, where she met President Tomás Ruiz.", Narrative),
                ("Also read: the weather for the weekend", Boilerplate),
                ("On 1 July, Example and Ruiz spoke by phone about trade.", Narrative),
            ],
            locals: vec![("Ana Example", Person), ("Havana", Place), ("Tomás Ruiz", Person)],
            mentions: vec![(1, "Ana Example", 0), (1, "Havana", 1), (1, "Tomás Ruiz", 2), (3, "Example", 0), (3, "Ruiz", 2)],
        },
        Doc {
            id: "d2",
            title: "Ruiz receives Example",
            published: "2024-05-16",
            lines: vec![
                ("HAVANA, May 16 (Test Wire)", Metadata),
                ("Cuban President Tomás Ruiz received the Russian foreign minister, Ana Example, in Havana.", Narrative),
                ("Ruiz invited Russia to a summit on trade and rice.", Narrative),
            ],
            locals: vec![("Cuba", Country), ("Tomás Ruiz", Person), ("Russia", Country), ("Ana Example", Person), ("Havana", Place)],
            mentions: vec![(1, "Cuban", 0), (1, "Tomás Ruiz", 1), (1, "Russian", 2), (1, "Ana Example", 3), (1, "Havana", 4), (2, "Ruiz", 1), (2, "Russia", 2)],
        },
        Doc {
            id: "d3",
            title: "Rice exports",
            published: "2024-04-02",
            lines: vec![("Officials discussed a memorandum on rice exports.", Narrative)],
            locals: vec![],
            mentions: vec![],
        },
    ]
}

fn entity(id: &str, name: &str, ty: EntityType, country: &str, aliases: &[&str], docs: &[&str]) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        entity_type: ty,
        kb_id: None,
        country: Some(country.into()),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: vec![],
        docs: docs.iter().map(|d| d.to_string()).collect(),
    }
}

fn report(d: &Doc, line: usize, trigger: &str, modality: Modality) -> EventReport {
    let span = d.line(line);
    EventReport {
        provenance: Provenance { doc: d.id.into(), span, quote: d.lines[line].0.into(), trigger: Some(d.find(line, trigger)), attribution: None },
        modality,
        date: None,
        date_from_text: false,
        participants: vec![],
        location: None,
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<DateInterval> {
    Some(DateInterval::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
}

pub fn build() -> Fixture {
    use ArgRole::*;
    use EntityType::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let ds = docs();
    let mut store = Store::open(&db).unwrap();
    let prepared: Vec<PreparedDocument> = ds
        .iter()
        .map(|d| {
            let (doc, sentences, analysis, hash) = d.build();
            PreparedDocument::new(doc, &sentences, &analysis, hash).unwrap()
        })
        .collect();
    store.put_documents(&prepared).unwrap();
    let mut minister = entity("ent:1", "Ana Example", Person, "RUS", &["Example", "A. Example"], &["d1", "d2"]);
    minister.roles.push(Role {
        title: "Foreign Minister".into(),
        org: Some("Ministry of Foreign Affairs".into()),
        country: Some("RUS".into()),
        qualifier: None,
        from: Some("2020-01-01".into()),
        to: None,
    });
    let entities = vec![
        minister,
        entity("ent:2", "Tomás Ruiz", Person, "CUB", &["Ruiz", "Tomas Ruiz"], &["d1", "d2"]),
        entity("ent:3", "Cuba", Country, "CUB", &["Cuban"], &["d2"]),
        entity("ent:4", "Havana", Place, "CUB", &[], &["d1", "d2"]),
        entity("ent:5", "Russia", Country, "RUS", &["Russian"], &["d2"]),
    ];
    let p = |e: &str, role| attache_model::Participant { entity: e.into(), role };
    let ev = |id: &str, ty: &str, cameo: &str, plover: &str, parts, location: Option<&str>, date, modality, reports| Event {
        id: id.into(),
        event_type: ty.into(),
        cameo: cameo.into(),
        plover: plover.into(),
        participants: parts,
        location: location.map(String::from),
        date,
        modality,
        reports,
        merge_notes: vec![],
    };
    let mut visit = ev(
        "evt:1",
        "visit",
        "042",
        "CONSULT/visit",
        vec![p("ent:1", Agent), p("ent:3", Patient)],
        Some("ent:4"),
        day(2024, 5, 14),
        Modality::Asserted,
        vec![report(&ds[0], 1, "visited", Modality::Asserted), report(&ds[1], 1, "received", Modality::Asserted)],
    );
    visit.merge_notes.push("same visitor, host and week".into());
    let events = vec![
        visit,
        ev("evt:2", "meet", "040", "CONSULT/meet", vec![p("ent:1", Participant), p("ent:2", Participant)], Some("ent:4"), day(2024, 5, 14), Modality::Asserted, vec![report(&ds[0], 1, "met", Modality::Asserted)]),
        ev("evt:3", "invite", "036", "REQUEST/meet", vec![p("ent:2", Agent), p("ent:5", Patient)], None, None, Modality::Planned, vec![report(&ds[1], 2, "invited", Modality::Planned)]),
        ev("evt:4", "phone_call", "041", "CONSULT/phone", vec![p("ent:1", Participant), p("ent:2", Participant)], None, day(2024, 7, 1), Modality::Asserted, vec![report(&ds[0], 3, "spoke", Modality::Asserted)]),
    ];
    store.replace_resolved(&entities, &events).unwrap();
    drop(store);
    Fixture { dir, db }
}
