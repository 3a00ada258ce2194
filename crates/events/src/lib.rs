//! Events: typed diplomatic events with participants, place, date, modality
//! and provenance, read sentence by sentence.
//!
//! For each narrative sentence, [`triggers`] finds the words that report an
//! event (by lemma: "received", "held talks", "paid a visit", "phoned" ...),
//! [`frames`] assigns the sentence's entity mentions to roles (visitor and
//! host, inviter and invitee, agent and target), and [`modality`] reads the
//! cues around the trigger (will, set to, could, if, did not, denied ...).
//! Dates come from a time expression in the sentence, else from the last
//! dated event of the discourse, else from the publication date.

pub mod frames;
pub mod modality;
pub mod ontology;
pub mod triggers;

use attache_model::{DateInterval, DocAnalysis, Document, EventMention, Granularity, LineKind, Modality, Sentence};
use chrono::Duration;

pub use ontology::{ontology, EventTypeInfo};

pub struct Extractor;

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor
    }

    pub fn extract(&self, doc: &Document, sentences: &[Sentence], analysis: &DocAnalysis) -> Vec<EventMention> {
        let mut out: Vec<EventMention> = Vec::new();
        // Dates for sentences that state none. Within a paragraph, the last date
        // stated ("took office in January 2017. He tightened ...") carries over;
        // across paragraphs only the story's date does: the first recent,
        // asserted event the text dates ("met Monday", "last June").
        let mut story = StoryState::default();
        let mut para_date: Option<DateInterval> = None;
        let mut para: Option<usize> = None;
        let main = frames::main_countries(analysis);
        for s in sentences.iter().filter(|s| matches!(s.kind, LineKind::Narrative | LineKind::Heading)) {
            let this_para = Some(doc.lines.partition_point(|l| l.span.end <= s.span.start)).filter(|&i| i < doc.lines.len());
            if this_para != para {
                para = this_para;
                para_date = None;
            }
            let ctx = frames::SentenceCtx::new(doc, s, analysis, &main);
            let mut sentence_events = Vec::new();
            for trig in triggers::find(s) {
                let mut read = frames::read(&ctx, &trig, &story);
                if trig.event_type == "meet" && !matches!(modality::of(s, &trig, "meet"), Modality::Negated | Modality::Hypothetical) {
                    let implied: Vec<frames::Frame> = read
                        .iter()
                        .filter(|f| f.event_type == "meet")
                        .flat_map(|f| frames::implied_visits(&ctx, f))
                        .filter(|v| !sentence_events.iter().any(|e: &EventMention| e.event_type == "visit" && e.participants.first() == v.participants.first()))
                        .collect();
                    read.extend(implied);
                }
                for frame in read {
                    let modality = modality::of(s, &trig, frame.event_type);
                    // "at the invitation of" gives the reason for a visit, not the
                    // invitation's date; "invited X to visit next year" dates the visit.
                    let own_date = match frame.event_type {
                        "invite" if trig.nominal => None,
                        "invite" => ctx.date_near_before_infinitive(&trig),
                        _ => ctx.date_near(&trig),
                    };
                    let (date, from_text) = match own_date {
                        Some(d) => (Some(d), true),
                        None => (default_date(doc, para_date.or(story.date), modality), false),
                    };
                    sentence_events.push(EventMention {
                        event_type: frame.event_type.to_string(),
                        participants: frame.participants,
                        location: frame.location,
                        date,
                        date_from_text: from_text,
                        modality,
                        provenance: attache_model::Provenance {
                            doc: doc.id.clone(),
                            span: s.span,
                            quote: s.span.slice(&doc.text).to_string(),
                            trigger: Some(trig.span),
                            attribution: ctx.attribution(),
                        },
                    });
                }
            }
            if let Some(d) = ctx.sentence_date() {
                para_date = Some(d);
            }
            for e in &sentence_events {
                if e.event_type == "visit" && e.modality == Modality::Asserted {
                    story.visitor = e.participants.first().map(|p| p.0);
                }
                if story.date.is_none() && e.date_from_text && e.modality == Modality::Asserted {
                    if let (Some(d), Some(p)) = (e.date, doc.published) {
                        let pub_end = p.interval().end;
                        if d.end >= pub_end - Duration::days(366) {
                            story.date = Some(d);
                        }
                    }
                }
            }
            out.extend(sentence_events);
        }
        out
    }
}

/// What the story so far establishes, for sentences that lean on it.
#[derive(Default)]
pub struct StoryState {
    /// The date of the story's main, recent event.
    pub date: Option<DateInterval>,
    /// The last visitor: "the visit also included a meeting with X".
    pub visitor: Option<usize>,
}

/// A date for an event its sentence does not date: the story's current
/// date if one is set, else the days just before publication (reports
/// are mostly about the last few days) or, for plans, the weeks after.
fn default_date(doc: &Document, discourse: Option<DateInterval>, modality: Modality) -> Option<DateInterval> {
    if let (Some(d), Modality::Asserted | Modality::Negated) = (discourse, modality) {
        return Some(d);
    }
    let p = doc.published.or_else(|| doc.dateline.as_ref().and_then(|d| d.date))?;
    let iv = p.interval();
    match modality {
        Modality::Planned => Some(DateInterval::range(iv.end, iv.end + Duration::days(14), Granularity::Week)),
        _ if iv.granularity == Granularity::Day => Some(DateInterval::range(iv.start - Duration::days(7), iv.end, Granularity::Week)),
        _ => Some(iv),
    }
}

#[cfg(test)]
mod tests;
