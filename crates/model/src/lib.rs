//! The data model of Attaché: documents, sentences, mentions, entities, time
//! expressions and events, each carrying byte spans back into the text it
//! came from. Every other crate speaks these types; none of them does I/O.

pub mod date;
pub use date::{DateInterval, Granularity, PartialDate};

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under the span, or "" when the span does not fall on
    /// character boundaries of `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The agency-style opening of an article: "HAVANA, Dec. 11th (EFE)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub place: String,
    pub agency: Option<String>,
    /// The day named in the dateline, completed with the publication year.
    pub date: Option<PartialDate>,
    pub span: Span,
}

/// How a stretch of the text may be used. Non-narrative lines stay in the
/// document (so offsets and display are faithful) but no fact is taken from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Narrative,
    /// Headline or section heading: facts may come from it, but it is not a sentence of the body.
    Heading,
    /// "Also read: ...", "Read more", share prompts, bylines, captions, related links.
    Boilerplate,
    /// Metadata the ingester consumed (a leading " date 2024-02-27 URL" line, a dateline).
    Metadata,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub span: Span,
    pub kind: LineKind,
}

/// One article as ingested: its text is never modified after ingest, so
/// every span anywhere in the pipeline points into `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub dateline: Option<Dateline>,
    /// Where the document came from (file path, "stdin", "file.jsonl:12").
    pub origin: String,
    pub text: String,
    pub lines: Vec<Line>,
}

impl Document {
    /// Is the byte offset inside a line that facts may be extracted from?
    pub fn is_factual(&self, offset: usize) -> bool {
        matches!(self.line_kind(offset), LineKind::Narrative | LineKind::Heading)
    }
    /// The kind of the line holding `offset` (lines are sorted and disjoint:
    /// a binary search keeps this cheap on long documents).
    pub fn line_kind(&self, offset: usize) -> LineKind {
        let i = self.lines.partition_point(|l| l.span.end <= offset);
        match self.lines.get(i) {
            Some(l) if l.span.start <= offset => l.kind,
            _ => LineKind::Narrative,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    Noun,
    ProperNoun,
    Verb,
    Adjective,
    Adverb,
    Pronoun,
    Determiner,
    Preposition,
    Conjunction,
    Number,
    Punct,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub text: String,
    /// Lower-cased base form ("received" -> "receive").
    pub lemma: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
    pub kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    Organization,
    Country,
    Place,
}

impl EntityType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Country => "country",
            EntityType::Place => "place",
        }
    }
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "person" => EntityType::Person,
            "organization" | "org" => EntityType::Organization,
            "country" => EntityType::Country,
            "place" | "city" | "region" => EntityType::Place,
            _ => return None,
        })
    }
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A proper name or a known alias ("Sergey Naryshkin", "SVR").
    Name,
    /// A definite description ("the Cuban president", "the latter").
    Description,
    Pronoun,
    /// An adjective of nationality standing for its country ("Cuban").
    Demonym,
    /// A seat of power standing for a government ("the Kremlin").
    Metonym,
}

/// A title or office held by a person, as stated in an article or known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    /// "President", "Deputy Prime Minister", "Director".
    pub title: String,
    /// The organisation or office ("Foreign Intelligence Service"), if any.
    pub org: Option<String>,
    /// ISO 3166 alpha-3 country of the office.
    pub country: Option<String>,
    /// "former", "then", "acting" ... when the text says so.
    pub qualifier: Option<String>,
    /// Validity: from the knowledge base, or the article date when stated in text.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One reference to an entity in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: MentionKind,
    pub entity_type: EntityType,
    /// Index of the document-local entity this mention belongs to.
    pub local: usize,
}

/// An entity as seen inside one document, before cross-document resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    pub name: String,
    pub entity_type: EntityType,
    /// Knowledge-base id when the entity is known ("Q:putin" style ids of `data/`).
    pub kb_id: Option<String>,
    pub country: Option<String>,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// The knowledge base's kind for organisations and places ("seat",
    /// "agency", "platform", "ministry", "city" ...), when known.
    #[serde(default)]
    pub kind: Option<String>,
}

/// Where a fact was read: the quoted sentence and, when the article reports
/// someone else's claim, who made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub doc: String,
    pub span: Span,
    pub quote: String,
    pub trigger: Option<Span>,
    pub attribution: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Planned,
    Hypothetical,
    Negated,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "planned" => Modality::Planned,
            "hypothetical" => Modality::Hypothetical,
            "negated" => Modality::Negated,
            _ => return None,
        })
    }
}

/// The TimeML type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression found in a text and normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub text: String,
    pub ty: TimexType,
    /// TIMEX3 value: "2025-07-01", "2023-06", "P1M", "PRESENT_REF", "XXXX-06" ...
    pub value: String,
    /// The closed calendar interval the expression denotes, when it denotes one.
    pub interval: Option<DateInterval>,
}

/// The role a participant plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgRole {
    /// Who acts: the visitor, the inviter, the one who praises, signs, sanctions.
    Agent,
    /// Who is acted on or received: the host, the invitee, the target.
    Patient,
    /// A symmetric participant (meetings, calls, agreements).
    Participant,
}

impl ArgRole {
    pub fn as_str(&self) -> &'static str {
        match self {
            ArgRole::Agent => "agent",
            ArgRole::Patient => "patient",
            ArgRole::Participant => "participant",
        }
    }
}

/// One report of an event in one document, with document-local entity indices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub event_type: String,
    pub participants: Vec<(usize, ArgRole)>,
    pub location: Option<usize>,
    pub date: Option<DateInterval>,
    /// Was the date read from the sentence itself, or inferred from context?
    pub date_from_text: bool,
    pub modality: Modality,
    pub provenance: Provenance,
}

/// Everything extracted from one document. This is the unit the store keeps
/// per document and the unit cross-document resolution consumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DocAnalysis {
    pub doc_id: String,
    pub entities: Vec<LocalEntity>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub events: Vec<EventMention>,
}

/// A resolved real-world entity across documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub entity_type: EntityType,
    pub kb_id: Option<String>,
    pub country: Option<String>,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    pub docs: Vec<String>,
}

/// One mention of a resolved event: where it was reported, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    pub provenance: Provenance,
    pub modality: Modality,
    pub date: Option<DateInterval>,
    /// Whether `date` was read from the report's own sentence (stronger
    /// evidence when merging) rather than inferred from context.
    #[serde(default)]
    pub date_from_text: bool,
    /// What this report says, resolved: its participants and place. Kept per
    /// report so that a stored event can take new reports incrementally.
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub location: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub entity: String,
    pub role: ArgRole,
}

/// A resolved real-world event: one entry however many outlets reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub event_type: String,
    /// CAMEO code of the type ("042" for a visit), from `data/event_types.tsv`.
    pub cameo: String,
    /// PLOVER category and mode ("CONSULT/visit").
    pub plover: String,
    pub participants: Vec<Participant>,
    pub location: Option<String>,
    pub date: Option<DateInterval>,
    pub modality: Modality,
    pub reports: Vec<EventReport>,
    /// Why the reports were merged, one line per merge decision.
    pub merge_notes: Vec<String>,
}

impl Event {
    pub fn docs(&self) -> Vec<String> {
        let mut d: Vec<String> = self.reports.iter().map(|r| r.provenance.doc.clone()).collect();
        d.sort();
        d.dedup();
        d
    }
}

/// The result of running the whole pipeline over a set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
}
