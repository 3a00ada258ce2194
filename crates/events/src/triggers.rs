//! Trigger words: which tokens of a sentence report which kind of event.

use attache_model::{Sentence, Span};
use attache_text::lowercase;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// A visitor travels to a host: "X visited Y", "X's visit to Y", "X arrived in Y".
    Visit,
    /// Parties meet or talk: "X met (with) Y", "X received Y", "talks between X and Y".
    Meet,
    /// An agent acts on a target: invite, award, praise, criticize, sanction ...
    Directed,
    /// Parties act together on a par: agreements, relations, military exercises.
    Joint,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub event_type: &'static str,
    pub frame: FrameKind,
    /// Index of the trigger's head token in the sentence.
    pub tok: usize,
    pub span: Span,
    /// Is the trigger a noun ("visit", "meeting") rather than a verb?
    pub nominal: bool,
}

/// A sentence with its tokens lower-cased once (trigger rules look at them
/// many times); tokens already in lower case are borrowed, not copied.
struct Lowered<'a> {
    tokens: &'a [attache_model::Token],
    lower: Vec<Cow<'a, str>>,
}

fn has(s: &Lowered, words: &[&str]) -> bool {
    s.tokens.iter().zip(&s.lower).any(|(t, l)| words.contains(&t.lemma.as_str()) || words.contains(&l.as_ref()))
}

fn near(s: &Lowered, i: usize, before: usize, after: usize, words: &[&str]) -> bool {
    let lo = i.saturating_sub(before);
    let hi = (i + after + 1).min(s.tokens.len());
    (lo..hi).any(|k| k != i && (words.contains(&s.tokens[k].lemma.as_str()) || words.contains(&s.lower[k].as_ref())))
}

const AGREEMENT_NOUNS: &[&str] = &["agreement", "agreements", "accord", "accords", "memorandum", "memoranda", "treaty", "treaties", "deal", "deals", "contract", "contracts", "mou", "protocol", "roadmap"];
/// Adjectives that describe how good relations are rather than that they exist.
const RELATION_QUALITIES: &[&str] = &["constructive", "good", "friendly", "closer", "close", "better", "warm", "warmer", "strong", "stronger", "stable", "pragmatic", "productive", "mutually"];
const SANCTION_NOUNS: &[&str] = &["sanction", "sanctions", "embargo", "ban", "restrictions", "restriction", "list", "blacklist", "tariffs"];

/// All triggers in the sentence, at most one per event type (a sentence
/// that says "met" twice reports one meeting).
pub fn find(sentence: &Sentence) -> Vec<Trigger> {
    let mut out: Vec<Trigger> = Vec::new();
    let toks = &sentence.tokens;
    let s = &Lowered { tokens: toks, lower: toks.iter().map(|t| lowercase(&t.text)).collect() };
    for (i, t) in toks.iter().enumerate() {
        // Most words trigger nothing, and the rules below are tried in turn.
        if !may_trigger(&t.lemma, &s.lower[i]) {
            continue;
        }
        if let Some((ty, frame, nominal)) = trigger_at(s, i) {
            if out.iter().any(|o| o.event_type == ty) {
                continue;
            }
            out.push(Trigger { event_type: ty, frame, tok: i, span: t.span, nominal });
        }
    }

    // "held talks by videoconference": the talks are the call, and no one travelled.
    // The talks' own trigger keeps its parties ("X held talks with Y"); the
    // word naming the medium only changes the type.
    if let Some(call) = out.iter().position(|t| t.event_type == "phone_call") {
        let call_tok = out[call].tok;
        if let Some(talks) = out.iter().position(|t| t.event_type == "meet" && t.tok.abs_diff(call_tok) <= 8) {
            out[talks].event_type = "phone_call";
            out.remove(call);
        }
    }
    // "condemned the sanctions imposed on ...": the sanctions are what is criticised, not imposed by the critic.
    if let Some(crit) = out.iter().find(|t| t.event_type == "criticize").map(|c| c.tok) {
        out.retain(|t| t.event_type != "sanction" || t.tok < crit || t.tok > crit + 6);
    }
    // "easing" also matches the generic sanction rule via "sanctions": an easing sentence is not a sanction.
    if let Some(ease) = out.iter().find(|t| t.event_type == "ease_sanctions").map(|e| e.tok) {
        out.retain(|t| t.event_type != "sanction" || t.tok.abs_diff(ease) > 6);
    }
    out
}

/// The trigger at token `i`, if its word or lemma reports an event here:
/// (event type, frame, is it a noun).
fn trigger_at(s: &Lowered, i: usize) -> Option<(&'static str, FrameKind, bool)> {
    let toks = s.tokens;
    let w: &str = &s.lower[i];
    let l = toks[i].lemma.as_str();
    let prev: &str = if i > 0 { &s.lower[i - 1] } else { "" };
    let next: &str = s.lower.get(i + 1).map_or("", |n| n.as_ref());
    let nominal_form = |w: &str| !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s') && !["visits", "talks"].contains(&w));
    match l {
        // "visit" is a noun unless a modal, "to" or a subject pronoun governs it ("will visit",
        // "to visit", "they visit"); "visits" is a noun after a determiner.
        "visit" => {
            let verb_context = ["to", "will", "would", "could", "can", "may", "might", "should", "must", "did", "not", "n't", "and", "or", "i", "we", "they", "you", "also", "never", "shall", "'ll"];
            let nominal = match w {
                "visit" => !verb_context.contains(&prev),
                "visits" => ["a", "the", "his", "her", "their", "its", "'s", "’s", "official", "state", "recent", "several", "two", "three", "frequent", "reciprocal", "mutual"].contains(&prev),
                _ => false,
            };
            Some(("visit", FrameKind::Visit, nominal))
        }
        "trip" | "tour" if ["to", "of"].contains(&next) => Some(("visit", FrameKind::Visit, true)),
        "arrive" if ["in", "at"].contains(&next) => Some(("visit", FrameKind::Visit, false)),
        "travel" | "fly" if next == "to" => Some(("visit", FrameKind::Visit, false)),
        "meet" if !w.starts_with("meeting") => Some(("meet", FrameKind::Meet, false)),
        "meeting" | "meetings" | "meet" if w.starts_with("meeting") && ["with", "between"].contains(&next) => Some(("meet", FrameKind::Meet, true)),
        // "welcomed his Vietnamese counterpart": a reception when a person follows;
        // "welcomed the decision" has no second party and yields no meeting.
        "welcome" if w != "welcome" && (toks.get(i + 1).is_some_and(|n| n.pos == attache_model::Pos::ProperNoun) || ["his", "her", "the", "visiting"].contains(&next) && near(s, i, 0, 4, &["counterpart", "president", "minister", "premier", "leader", "delegation", "king", "emir", "chancellor"])) => {
            Some(("meet", FrameKind::Meet, false))
        }
        "receive" if !near(s, i, 0, 3, &["invitation", "message", "letter", "call", "award", "support", "aid", "credentials"]) => Some(("meet", FrameKind::Meet, false)),
        "host" if w != "host" || prev != "the" => Some(("meet", FrameKind::Meet, false)),
        "talks" | "talk" if w == "talks" && (near(s, i, 3, 0, &["hold", "held", "holds", "holding", "conduct", "during"]) || ["with", "between"].contains(&next)) && !near(s, i, 2, 2, &["phone", "telephone"]) => Some(("meet", FrameKind::Meet, true)),
        "discuss" if (!nominal_form(w) || w == "discussed") && prev != "to" => Some(("meet", FrameKind::Meet, false)),
        "summit" if ["with", "between"].contains(&next) => Some(("meet", FrameKind::Meet, true)),
        "phone" | "telephone" if ["call", "conversation", "talks", "talk", "calls"].contains(&next) || ["by", "over", "on"].contains(&prev) => Some(("phone_call", FrameKind::Meet, true)),
        _ if ["phoned", "telephoned", "videoconference", "video-conference", "videoconferencing"].contains(&w) => Some(("phone_call", FrameKind::Meet, false)),
        "video" | "virtual" if ["call", "calls", "conference", "link", "conversation", "chat", "meeting", "summit", "talks"].contains(&next) => Some(("phone_call", FrameKind::Meet, true)),
        "invite" | "invitation" => Some(("invite", FrameKind::Directed, l == "invitation")),
        "sign" if has(s, AGREEMENT_NOUNS) => Some(("agreement", FrameKind::Joint, false)),
        "agreement" | "accord" | "memorandum" | "treaty" if has(s, &["reach", "reached", "conclude", "concluded", "ink", "inked", "seal", "sealed", "finalize", "finalized"]) && !has(s, &["sign", "signed", "signing"]) => Some(("agreement", FrameKind::Joint, true)),
        "award" | "confer" | "decorate" | "bestow" if w != "award" || prev == "to" => Some(("award", FrameKind::Directed, false)),
        "praise" | "hail" | "commend" | "laud" | "applaud" => Some(("praise", FrameKind::Directed, false)),
        // A speaker's positive verdict on the event: "said the talks confirmed the
        // strategic character of the relationship", "the visit demonstrated ...".
        _ if ["confirmed", "demonstrated", "showed", "reaffirmed", "underlined", "underscored", "proved"].contains(&w)
            && near(s, i, 2, 0, &["talks", "visit", "meeting", "negotiations", "summit", "consultations"])
            && has(s, &["said", "says", "stated", "noted", "stressed", "declared", "emphasized", "emphasised"]) =>
        {
            Some(("praise", FrameKind::Directed, false))
        }
        "thank" if w == "thanked" || w == "thank" && prev != "with" => Some(("praise", FrameKind::Directed, false)),
        "gratitude" if near(s, i, 3, 0, &["express", "expressed", "expresses", "conveyed", "voiced"]) => Some(("praise", FrameKind::Directed, true)),
        "support" if (w == "supporting" && prev == "to") || (w == "support" && near(s, i, 3, 0, &["express", "expressed", "reaffirm", "reaffirmed", "reaffirms", "reiterate", "reiterated", "reiterates", "voiced", "pledged", "ratified", "confirmed"])) || (w == "supported" || w == "supports") => Some(("support", FrameKind::Directed, false)),
        "criticize" | "criticise" | "condemn" | "denounce" | "slam" | "blast" | "rebuke" | "accuse" | "decry" | "deplore" | "lambast" | "lambaste" | "censure" => Some(("criticize", FrameKind::Directed, false)),
        _ if ["criticism", "condemnation", "disapproval", "corrupt", "inappropriate", "unacceptable", "hysterical"].contains(&w) || (w == "opposition" && next == "to") => Some(("criticize", FrameKind::Directed, true)),
        "offer" if w == "offered" || w == "offers" => Some(("offer", FrameKind::Directed, false)),
        _ if ["maneuvers", "manoeuvres", "exercises", "drills", "exercise"].contains(&w) && near(s, i, 3, 0, &["military", "joint", "naval", "combined", "air"]) => Some(("military_cooperation", FrameKind::Joint, true)),
        _ if w == "bombers" || w == "warships" || w == "troops" && near(s, i, 6, 0, &["shipment", "sent", "deployed", "deployment", "dispatched"]) => {
            if has(s, &["shipment", "sent", "send", "deploy", "deployed", "deployment", "dispatched", "arrival", "arrived", "presence"]) { Some(("military_cooperation", FrameKind::Joint, true)) } else { None }
        }
        "embargo" if !near(s, i, 3, 0, &["against", "under"]) || near(s, i, 3, 0, &["announce", "announced", "impose", "imposed"]) => Some(("sanction", FrameKind::Directed, true)),
        "impose" | "tighten" | "reinstate" | "introduce" | "extend" if has(s, SANCTION_NOUNS) && (w.ends_with("ed") || w.ends_with('s')) && !has(s, &["opposition", "disapproval", "protest", "protested", "protests"]) => Some(("sanction", FrameKind::Directed, false)),
        "sanction" if w == "sanctioned" => Some(("sanction", FrameKind::Directed, false)),
        "ease" | "easing" | "lift" | "remove" | "removal" | "exclude" | "delist" | "rescind" | "relax" if has(s, SANCTION_NOUNS) => Some(("ease_sanctions", FrameKind::Directed, l == "removal" || w == "easing")),
        "sever" | "break" | "cut" if near(s, i, 0, 4, &["relations", "ties"]) => Some(("break_relations", FrameKind::Joint, false)),
        // Formal relations only: "establish constructive relations" is an aim, not a diplomatic act.
        "establish" | "restore" if near(s, i, 4, 4, &["relations", "ties"]) && !near(s, i, 3, 0, &["anniversary"]) && !near(s, i, 0, 3, RELATION_QUALITIES) => {
            Some(("establish_relations", FrameKind::Joint, false))
        }
        _ => None,
    }
}

/// Can the token with this lemma and lower-cased word trigger anything?
/// Every rule of `trigger_at` names the lemmas or words it fires on; they
/// are all here (the test `only_listed_words_trigger` holds the two to
/// each other), so the others skip the rules.
fn may_trigger(lemma: &str, word: &str) -> bool {
    matches!(
        lemma,
        "visit" | "trip" | "tour" | "arrive" | "travel" | "fly" | "meet" | "meeting" | "meetings" | "welcome" | "receive" | "host"
            | "talks" | "talk" | "discuss" | "summit" | "phone" | "telephone" | "video" | "virtual" | "invite" | "invitation"
            | "sign" | "agreement" | "accord" | "memorandum" | "treaty" | "award" | "confer" | "decorate" | "bestow"
            | "praise" | "hail" | "commend" | "laud" | "applaud" | "thank" | "gratitude" | "support" | "criticize" | "criticise"
            | "condemn" | "denounce" | "slam" | "blast" | "rebuke" | "accuse" | "decry" | "deplore" | "lambast" | "lambaste"
            | "censure" | "offer" | "embargo" | "impose" | "tighten" | "reinstate" | "introduce" | "extend" | "sanction"
            | "ease" | "easing" | "lift" | "remove" | "removal" | "exclude" | "delist" | "rescind" | "relax" | "sever" | "break"
            | "cut" | "establish" | "restore"
    ) || matches!(
        word,
        "phoned" | "telephoned" | "videoconference" | "video-conference" | "videoconferencing" | "confirmed" | "demonstrated"
            | "showed" | "reaffirmed" | "underlined" | "underscored" | "proved" | "criticism" | "condemnation" | "disapproval"
            | "corrupt" | "inappropriate" | "unacceptable" | "hysterical" | "opposition" | "maneuvers" | "manoeuvres" | "exercises"
            | "drills" | "exercise" | "bombers" | "warships" | "troops"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Pos, Token};

    /// The quoted lower-case words of this file: every lemma and word a rule
    /// fires on or looks for around it.
    fn rule_words() -> Vec<&'static str> {
        let mut words: Vec<&str> = include_str!("triggers.rs")
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|w| !w.is_empty() && w.len() < 24 && w.chars().all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’')))
            .collect();
        words.sort();
        words.dedup();
        words
    }

    fn token(text: &str, lemma: &str, pos: Pos) -> Token {
        Token { span: Span::new(0, 0), text: text.to_string(), lemma: lemma.to_string(), pos }
    }

    /// A word or lemma `may_trigger` turns away triggers nothing, whatever
    /// its neighbours (drawn from the rules' own words, short ones such as
    /// "to" and "with" often) and with every rule word elsewhere in the
    /// sentence: the shortcut in `find` changes nothing.
    #[test]
    fn only_listed_words_trigger() {
        let words = rule_words();
        let short: Vec<&str> = words.iter().copied().filter(|w| w.len() <= 4).collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut pick = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const AT: usize = 6; // the tested token; six neighbours before it, four after
        const WINDOW: usize = AT + 5;
        let mut toks: Vec<Token> = (0..WINDOW).map(|_| token("the", "the", Pos::Determiner)).collect();
        toks.extend(words.iter().map(|w| token(w, w, Pos::Noun)));
        let rest: Vec<Cow<str>> = words.iter().map(|w| Cow::Borrowed(*w)).collect();
        let pos = [Pos::Noun, Pos::ProperNoun, Pos::Verb, Pos::Determiner];
        for w in &words {
            for trial in 0..300 {
                // The word as the lemma, then as the word itself, each with a random other side.
                let (text, lemma) = if trial % 2 == 0 { (words[pick(words.len())], *w) } else { (*w, words[pick(words.len())]) };
                if may_trigger(lemma, &lowercase(text)) {
                    continue;
                }
                for j in 0..WINDOW {
                    let n = if pick(2) == 0 { short[pick(short.len())] } else { words[pick(words.len())] };
                    toks[j] = if j == AT { token(text, lemma, Pos::Verb) } else { token(n, n, pos[pick(pos.len())]) };
                }
                let lower = toks[..WINDOW].iter().map(|t| lowercase(&t.text)).chain(rest.iter().cloned()).collect();
                let s = Lowered { tokens: &toks, lower };
                assert_eq!(trigger_at(&s, AT), None, "word {text:?} lemma {lemma:?} triggers");
            }
        }
    }
}
