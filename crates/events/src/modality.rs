//! Modality from the words around the trigger: asserted, planned,
//! hypothetical or negated.

use crate::triggers::Trigger;
use attache_model::{Modality, Sentence};

const NEGATORS: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "without"];
/// Verbs that undo what follows: "cancelled his trip", "postponed the visit".
const CALLED_OFF: &[&str] = &["cancelled", "canceled", "postponed", "scrapped", "suspended", "cancels", "postpones", "called"];
const HYPOTHETICAL: &[&str] = &["could", "may", "might", "would", "if", "whether", "possible", "possibly", "perhaps", "unclear", "potential", "hypothetical"];
const PLANNED: &[&str] = &["will", "shall", "'ll", "scheduled", "planned", "plans", "plan", "planning", "upcoming", "forthcoming", "expected", "due", "set", "intends", "intend", "going", "prepare", "preparing", "next"];
/// Words that close the clause a cue belongs to.
const CLAUSE_BREAKS: &[&str] = &[";", "but", "while", "whereas", "although", "after", "since", "because", "and"];

pub fn of(s: &Sentence, trig: &Trigger, event_type: &str) -> Modality {
    // The invitation itself happened; what it invites to is planned (handled by the frame).
    let toks = &s.tokens;
    let start = trig.tok.saturating_sub(7);
    let mut window: Vec<String> = Vec::new();
    for t in toks[start..trig.tok].iter().rev() {
        let w = t.text.to_lowercase().replace('’', "'");
        if CLAUSE_BREAKS.contains(&w.as_str()) && !window.is_empty() {
            break;
        }
        window.push(w);
    }
    let close: Vec<&str> = window.iter().take(4).map(|s| s.as_str()).collect();
    if close.iter().any(|w| NEGATORS.contains(w) || CALLED_OFF.contains(w)) || (window.iter().any(|w| w == "denied" || w == "refused" || w == "ruled") && event_type != "criticize") {
        return Modality::Negated;
    }
    if window.iter().any(|w| HYPOTHETICAL.contains(&w.as_str()) && w != "would") || close.first() == Some(&"would") {
        return Modality::Hypothetical;
    }
    if event_type == "invite" {
        return Modality::Asserted;
    }
    // "is due to visit", and in the passive "is expected to be received".
    let lead = usize::from(close.first() == Some(&"be"));
    let to_before = close.get(lead) == Some(&"to") && window.iter().skip(lead + 1).take(3).any(|w| PLANNED.contains(&w.as_str()) || ["is", "are", "was", "were", "agreed", "hopes", "wants", "seeks", "seek", "aims", "wishes", "intends", "plans", "ready", "willing"].contains(&w.as_str()));
    if window.iter().take(5).any(|w| ["will", "shall", "'ll", "upcoming", "forthcoming", "scheduled", "planned"].contains(&w.as_str())) || to_before {
        return Modality::Planned;
    }
    // "no plans to visit", "a planned visit"
    if trig.nominal && close.iter().any(|w| ["planned", "upcoming", "forthcoming", "proposed", "future", "expected"].contains(w)) {
        return Modality::Planned;
    }
    Modality::Asserted
}
