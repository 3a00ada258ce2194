//! Entities: the knowledge base, mention detection, roles and
//! within-document coreference.
//!
//! [`Recognizer::recognize`] turns one document into document-local
//! entities and the mentions that refer to them: names from the knowledge
//! base (accent-insensitive), people and organisations it lacks (found by
//! titles, appositions and organisation head nouns), demonyms and seats of
//! power standing for countries, and descriptions ("the Cuban president"),
//! surnames and pronouns resolved to the people they refer to.

pub mod fold;
pub mod kb;
mod recognize;

pub use kb::{Kb, KbEntity};
pub use recognize::Recognizer;

#[cfg(test)]
mod tests;
