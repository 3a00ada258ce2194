//! Events: typed diplomatic events with participants, place, date, modality
//! and provenance.
use attache_model::{DocAnalysis, Document, EventMention, Sentence};

pub struct Extractor;

impl Extractor {
    pub fn new() -> Extractor {
        Extractor
    }
    pub fn extract(&self, doc: &Document, sentences: &[Sentence], analysis: &DocAnalysis) -> Vec<EventMention> {
        let _ = (doc, sentences, analysis);
        Vec::new()
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}
