//! The pipeline, stage by stage: text -> entities and time -> events for one
//! document; resolution across documents. Data flows one way; every stage
//! is a pure function of what the previous ones produced.

use attache_model::{Corpus, DocAnalysis, Document, Sentence};
use rayon::prelude::*;

pub struct Pipeline {
    recognizer: attache_entities::Recognizer,
    extractor: attache_events::Extractor,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// Loads the knowledge base and lexicons (embedded at build time).
    pub fn new() -> Pipeline {
        Pipeline { recognizer: attache_entities::Recognizer::new(), extractor: attache_events::Extractor::new() }
    }

    /// Everything that can be known from one document alone.
    pub fn analyze_document(&self, doc: &Document) -> (Vec<Sentence>, DocAnalysis) {
        let sentences = attache_text::analyze(doc);
        let (entities, mentions) = self.recognizer.recognize(doc, &sentences);
        let timexes = attache_time::tag(&doc.text, doc.published)
            .into_iter()
            .filter(|t| doc.is_factual(t.span.start))
            .collect();
        let mut analysis = DocAnalysis { doc_id: doc.id.clone(), entities, mentions, timexes, events: Vec::new() };
        analysis.events = self.extractor.extract(doc, &sentences, &analysis);
        (sentences, analysis)
    }

    /// The whole pipeline in memory: per-document analysis, then resolution.
    pub fn run(&self, docs: Vec<Document>) -> Corpus {
        // Sentences and tokens are dropped as soon as each document is done:
        // only the analyses are needed to resolve, and memory stays bounded by them.
        let analyses: Vec<DocAnalysis> = docs.par_iter().map(|d| self.analyze_document(d).1).collect();
        resolve(docs, &analyses)
    }
}

/// Cross-document resolution of already analysed documents.
pub fn resolve(docs: Vec<Document>, analyses: &[DocAnalysis]) -> Corpus {
    let (entities, events) = resolve_analyses(analyses);
    Corpus { documents: docs, entities, events }
}

/// Cross-document resolution from analyses alone (what the store keeps).
pub fn resolve_analyses(analyses: &[DocAnalysis]) -> (Vec<attache_model::Entity>, Vec<attache_model::Event>) {
    let an_refs: Vec<&DocAnalysis> = analyses.iter().collect();
    attache_resolve::resolve(&an_refs)
}
