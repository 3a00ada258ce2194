//! The tense of the clause around an expression, to choose the direction of
//! bare weekdays, months and seasons: "met Monday" looks back, "will arrive on
//! Monday" looks forward.
//!
//! The nearest tense cue wins, searching a few tokens either side within the
//! sentence. Reporting verbs ("said", "told") after the expression are weak
//! cues: they date the report, not the event, so they decide only when
//! nothing else does ("They will meet on Monday, officials said").

use crate::token::{Kind, Tok};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// How far (in tokens) to look for a cue on each side.
const WINDOW: usize = 10;

/// The tense of the clause around tokens `start..end`.
pub fn tense_around(toks: &[Tok], start: usize, end: usize) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    let mut weak: Option<(usize, Tense)> = None;
    let mut consider = |dist: usize, cue: Option<(Tense, bool)>, left: bool| {
        if let Some((t, strong)) = cue {
            // A reporting verb just before the date dates the report itself
            // ("said on Tuesday that ..."): strong there.
            let strong = strong || left;
            let slot = if strong { &mut best } else { &mut weak };
            if !matches!(*slot, Some((d, _)) if d <= dist) {
                *slot = Some((dist, t));
            }
        }
    };
    // Left side, nearest first; a sentence boundary stops the search.
    let mut j = start;
    let mut dist = 0;
    while j > 0 && dist < WINDOW {
        j -= 1;
        dist += 1;
        if is_boundary(toks, j) {
            break;
        }
        consider(dist, cue(toks, j), true);
    }
    let mut j = end;
    let mut dist = 0;
    while j < toks.len() && dist < WINDOW {
        dist += 1;
        if is_boundary(toks, j) {
            break;
        }
        // A cue on the right counts a little farther than the same distance
        // on the left (auxiliaries come before the verb they mark).
        consider(dist + 1, cue(toks, j), false);
        j += 1;
    }
    best.or(weak).map(|(_, t)| t).unwrap_or(Tense::Unknown)
}

/// Sentence or clause boundaries that cut the search: ". ! ? ;" and quotes
/// are not boundaries, nor is a period after an abbreviation ("Dec.").
fn is_boundary(toks: &[Tok], j: usize) -> bool {
    let t = &toks[j];
    if t.kind != Kind::Punct {
        return false;
    }
    match t.text {
        "!" | "?" | ";" | "\n" => true,
        "." => {
            let prev = j.checked_sub(1).map(|p| &toks[p]);
            // "Dec.", "Mr.", "U.S." : short or single-letter words before the period.
            !prev.is_some_and(|p| p.kind == Kind::Word && p.text.chars().count() <= 4 && p.is_capitalised())
        }
        _ => false,
    }
}

/// The cue given by token `j`: its tense and whether it is strong.
fn cue(toks: &[Tok], j: usize) -> Option<(Tense, bool)> {
    let t = &toks[j];
    if t.kind != Kind::Word {
        return None;
    }
    let w: &str = &t.lower;
    let prev = |k: usize| j.checked_sub(k).map(|p| toks[p].lower.as_ref()).unwrap_or("");
    let next = toks.get(j + 1).map(|t| t.lower.as_ref()).unwrap_or("");
    let strong = |t| Some((t, true));
    match w {
        "will" | "shall" | "upcoming" | "tomorrow" | "scheduled" | "slated" | "due" | "expected" | "planned"
        | "plans" | "plan" | "intends" | "forthcoming" | "coming" | "would" | "next" => strong(Tense::Future),
        // "'ll": the apostrophe is a token of its own.
        "ll" if prev(1) == "'" || prev(1) == "’" => strong(Tense::Future),
        "going" if next == "to" => strong(Tense::Future),
        "set" if next == "to" => strong(Tense::Future),
        // "is to visit", "are to meet"; "to" before a verb of what is planned.
        "to" if matches!(prev(1), "is" | "are") || PLANNED_VERB_SET.contains(next) => strong(Tense::Future),
        // "postponed until Saturday", "delayed to next week".
        "postponed" | "delayed" | "adjourned" | "deferred" | "rescheduled" | "extended"
            if matches!(next, "until" | "till" | "to" | "for") =>
        {
            strong(Tense::Future)
        }
        "was" | "were" | "had" | "did" | "ago" | "last" | "earlier" | "yesterday" | "previously" | "former" => {
            strong(Tense::Past)
        }
        "said" | "told" | "announced" | "reported" | "added" | "stated" | "confirmed" | "noted" | "according" => {
            Some((Tense::Past, false))
        }
        // A schedule in the present looks ahead: "the visit ends on Thursday",
        // "the forum opens on Monday". Weak: headlines use the present for the past.
        "begins" | "starts" | "opens" | "ends" | "closes" | "concludes" | "arrives" | "departs" | "resumes" | "runs" => {
            Some((Tense::Future, false))
        }
        // A report in the present dates the speech, which is over.
        "says" | "tells" => Some((Tense::Past, false)),
        "is" | "are" | "am" => strong(Tense::Present),
        "has" | "have" => {
            // Present perfect looks back: "has met", "have been".
            if next.ends_with("ed") || next == "been" || IRREGULAR_PAST_SET.contains(next) {
                strong(Tense::Past)
            } else {
                strong(Tense::Present)
            }
        }
        _ if IRREGULAR_PAST_SET.contains(w) => strong(Tense::Past),
        // A participle after "be" ("is due to be published") takes its tense
        // from the auxiliary, not from its "-ed".
        _ if is_regular_past(t, w) && !matches!(prev(1), "be" | "being" | "is" | "are" | "been" | "get" | "gets") => {
            strong(Tense::Past)
        }
        _ => None,
    }
}

/// Verbs whose infinitive looks ahead: "the program is to run through June".
const PLANNED_VERBS: &[&str] = &[
    "visit", "meet", "run", "hold", "sign", "attend", "travel", "arrive", "begin", "start", "take", "discuss", "be",
    "become", "open", "launch", "end", "close", "vote", "host", "continue", "remain", "stay", "return", "leave", "go",
    "come", "join", "decide", "review", "release", "present", "deliver", "address", "resume", "finish", "complete",
    "expire", "hold", "publish", "announce", "introduce", "implement", "submit", "report",
];

/// Common irregular past forms. Forms that equal the base ("put", "set",
/// "cut") are left out: they carry no tense.
const IRREGULAR_PAST: &[&str] = &[
    "met", "held", "went", "came", "took", "made", "gave", "left", "began", "saw", "spoke", "wrote", "won", "lost",
    "became", "sent", "led", "fled", "fell", "rose", "found", "brought", "thought", "paid", "sold", "struck", "flew",
    "kept", "meant", "stood", "sought", "won", "got", "knew", "grew", "drew", "broke", "chose", "ran", "told", "heard",
    "felt", "built", "spent", "taught", "caught", "fought", "bought", "swore", "shook", "withdrew", "arose", "ate",
    "forgot", "froze", "hid", "rode", "sang", "sank", "stole", "threw", "woke", "wore", "been", "done", "gone",
    "taken", "given", "seen", "spoken", "written", "become", "begun", "chosen", "driven", "fallen", "flown",
];

// Cues are read for every word near every expression: hashed, each list
// costs one lookup instead of a scan.
static PLANNED_VERB_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| PLANNED_VERBS.iter().copied().collect());
static IRREGULAR_PAST_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| IRREGULAR_PAST.iter().copied().collect());

/// "-ed" forms of verbs ("arrived", "signed"), with the usual false friends
/// (nouns and adjectives ending in "ed") left out.
fn is_regular_past(t: &Tok, w: &str) -> bool {
    if !w.ends_with("ed") || w.len() < 5 || t.is_capitalised() && w.len() < 6 {
        return false;
    }
    !matches!(
        w,
        "need" | "needed" | "speed" | "seed" | "breed" | "creed" | "greed" | "feed" | "indeed" | "hundred" | "bed"
            | "red" | "united" | "proceed" | "exceed" | "succeed" | "based" | "related" | "concerned" | "interested"
            | "advanced" | "limited" | "detailed" | "alleged" | "armed" | "sacred" | "kindred" | "wicked" | "naked"
            | "rugged" | "beloved" | "learned" | "aged" | "embed" | "shred"
    ) && !t.is_capitalised()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn tense_of(s: &str, word: &str) -> Tense {
        let toks = tokenize(s);
        let i = toks.iter().position(|t| t.text == word).unwrap();
        tense_around(&toks, i, i + 1)
    }

    #[test]
    fn nearest_cue_decides() {
        assert_eq!(tense_of("The minister arrived in Havana on Monday.", "Monday"), Tense::Past);
        assert_eq!(tense_of("The minister will arrive in Havana on Monday.", "Monday"), Tense::Future);
        assert_eq!(tense_of("He said on Tuesday that he will visit Cuba on Friday.", "Tuesday"), Tense::Past);
        assert_eq!(tense_of("He said on Tuesday that he will visit Cuba on Friday.", "Friday"), Tense::Future);
    }

    #[test]
    fn reporting_verbs_are_weak() {
        assert_eq!(tense_of("The two leaders meet on Friday in Geneva, officials said.", "Friday"), Tense::Past);
        assert_eq!(tense_of("The leaders will meet on Friday in Geneva, officials said.", "Friday"), Tense::Future);
    }

    #[test]
    fn a_schedule_in_the_present_looks_ahead() {
        assert_eq!(tense_of("The official visit ends on Thursday.", "Thursday"), Tense::Future);
        assert_eq!(tense_of("The visit, which ended on Thursday, was his first.", "Thursday"), Tense::Past);
    }

    #[test]
    fn sentence_boundary_stops_search() {
        assert_eq!(tense_of("He will come. Talks on Friday in Oslo.", "Friday"), Tense::Unknown);
    }
}
