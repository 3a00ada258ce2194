//! Lemmas and coarse part-of-speech tags from word lists and suffix rules.
//! Good enough for what later stages need: matching event triggers by lemma
//! ("received", "receives" -> "receive") and telling names from function words.

use attache_model::Pos;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

pub(crate) const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"), ("held", "hold"), ("spoke", "speak"), ("spoken", "speak"), ("took", "take"), ("taken", "take"),
    ("gave", "give"), ("given", "give"), ("made", "make"), ("said", "say"), ("says", "say"), ("told", "tell"), ("sent", "send"),
    ("went", "go"), ("gone", "go"), ("goes", "go"), ("came", "come"), ("paid", "pay"), ("led", "lead"), ("sought", "seek"),
    ("brought", "bring"), ("began", "begin"), ("begun", "begin"), ("broke", "break"), ("broken", "break"), ("was", "be"),
    ("were", "be"), ("is", "be"), ("are", "be"), ("am", "be"), ("been", "be"), ("being", "be"), ("'s", "'s"), ("has", "have"),
    ("had", "have"), ("did", "do"), ("does", "do"), ("done", "do"), ("wrote", "write"), ("written", "write"), ("left", "leave"),
    ("flew", "fly"), ("flown", "fly"), ("won", "win"), ("saw", "see"), ("seen", "see"), ("knew", "know"), ("known", "know"),
    ("thought", "think"), ("stood", "stand"), ("understood", "understand"), ("kept", "keep"), ("felt", "feel"),
    ("found", "find"), ("got", "get"), ("gotten", "get"), ("heard", "hear"), ("lost", "lose"), ("meant", "mean"),
    ("put", "put"), ("read", "read"), ("ran", "run"), ("set", "set"), ("shook", "shake"), ("shaken", "shake"),
    ("struck", "strike"), ("swore", "swear"), ("sworn", "swear"), ("threw", "throw"), ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"), ("undertook", "undertake"), ("oversaw", "oversee"), ("forgave", "forgive"),
    ("sat", "sit"), ("became", "become"), ("rose", "rise"), ("fell", "fall"), ("cut", "cut"), ("hit", "hit"), ("let", "let"),
    ("bought", "buy"), ("sold", "sell"), ("taught", "teach"), ("fought", "fight"), ("built", "build"), ("spent", "spend"),
    ("lent", "lend"), ("drew", "draw"), ("drawn", "draw"), ("chose", "choose"), ("chosen", "choose"), ("froze", "freeze"),
    ("frozen", "freeze"), ("bore", "bear"), ("born", "bear"), ("dealt", "deal"), ("hung", "hang"), ("laid", "lay"),
    ("lay", "lie"), ("showed", "show"), ("shown", "show"), ("wore", "wear"), ("slid", "slide"), ("strove", "strive"),
    ("men", "man"), ("women", "woman"), ("people", "people"), ("countries", "country"), ("parties", "party"),
    ("talks", "talks"), ("news", "news"), ("relations", "relation"), ("its", "its"), ("this", "this"), ("his", "his"),
    ("us", "us"), ("as", "as"), ("was", "be"), ("thus", "thus"), ("analysis", "analysis"), ("crisis", "crisis"),
];

/// Base forms of verbs whose regular inflections we want to undo reliably.
pub(crate) const VERBS: &[&str] = &[
    "receive", "arrive", "visit", "invite", "praise", "condemn", "award", "sign", "discuss", "agree", "host", "welcome",
    "phone", "call", "talk", "thank", "express", "convey", "criticize", "criticise", "denounce", "accuse", "impose",
    "lift", "sever", "restore", "establish", "offer", "propose", "announce", "state", "stress", "emphasize", "emphasise",
    "note", "add", "highlight", "underline", "reaffirm", "confirm", "deny", "reject", "support", "back", "endorse",
    "sanction", "ease", "relax", "tighten", "ban", "expel", "recall", "summon", "travel", "tour", "land", "depart",
    "conclude", "start", "open", "close", "exchange", "greet", "congratulate", "decorate", "honor", "honour", "present",
    "confer", "bestow", "plan", "schedule", "expect", "intend", "hope", "want", "wish", "seek", "try", "attempt",
    "cancel", "postpone", "delay", "refuse", "decline", "accept", "attend", "participate", "join", "meet", "hold", "speak",
    "telephone", "dial", "cooperate", "deploy", "send", "dispatch", "station", "drill", "exercise", "conduct", "carry",
    "strengthen", "deepen", "boost", "expand", "improve", "develop", "promote", "enhance", "reinforce", "celebrate",
    "commemorate", "mark", "negotiate", "mediate", "broker", "ratify", "approve", "adopt", "pass", "vote", "elect",
    "appoint", "nominate", "name", "resign", "dismiss", "fire", "replace", "succeed", "inaugurate", "unveil", "launch",
    "reiterate", "voice", "slam", "blast", "warn", "threaten", "demand", "urge", "ask", "request", "press", "insist",
    "pledge", "promise", "vow", "commit", "guarantee", "ensure", "provide", "supply", "deliver", "donate", "grant",
    "fund", "finance", "invest", "trade", "buy", "purchase", "sell", "export", "import", "ship", "reach", "seal",
    "finalize", "finalise", "initial", "ink", "conclude", "normalize", "normalise", "resume", "suspend", "freeze",
    "unfreeze", "designate", "list", "delist", "remove", "reinstate", "exclude", "include", "cancel", "revoke", "repeal",
    "report", "reveal", "disclose", "claim", "allege", "insist", "acknowledge", "admit", "recognize", "recognise",
    "acknowledge", "applaud", "hail", "commend", "laud", "appreciate", "salute", "denounce", "decry", "deplore",
    "protest", "oppose", "disapprove", "object", "contest", "rebuke", "reprimand", "chastise", "lambast", "attack",
    "defend", "protect", "prepare", "organize", "organise", "arrange", "coordinate", "review", "assess", "evaluate",
    "examine", "explore", "consider", "address", "tackle", "focus", "center", "centre", "revolve", "involve", "include",
    "reciprocate", "extend", "issue", "accompany", "escort", "lead", "head", "chair", "preside", "stop", "stay", "return",
    "fly", "embark", "undertake", "pay", "make", "give", "take", "sit", "confer", "consult", "brief", "inform", "notify",
    "tell", "say", "write", "tweet", "post", "publish", "quote", "cite", "describe", "label", "brand", "term", "dub",
    "squander", "crush", "suffer", "fear", "coincide", "stall", "cancel", "decide", "excluded",
];

// Looked up for every token: FxHash is much cheaper than SipHash on short
// keys, and these fixed word lists need no protection against collisions.
static IRREGULAR_MAP: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| IRREGULAR.iter().copied().collect());
static VERB_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| VERBS.iter().copied().collect());

/// The lower-cased base form of a word.
pub fn lemma_of(word: &str) -> String {
    lemma_of_lower(lowercase(word).into_owned())
}

/// [`lemma_of`] of a word already lower-cased (the tokenizer lower-cases
/// each token once, for the lemma and the tag).
pub(crate) fn lemma_of_lower(lower: String) -> String {
    // Called for every token: the fast paths below give the same result as
    // `word.to_lowercase().replace('’', "'")` followed by the rules, with
    // fewer allocations (ASCII words are lower-cased without Unicode tables,
    // and stems are tried in one reused buffer).
    let mut w = lower;
    if !w.is_ascii() && w.contains('’') {
        w = w.replace('’', "'");
    }
    if let Some(l) = IRREGULAR_MAP.get(w.as_str()) {
        return l.to_string();
    }
    if w.len() < 4 || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return w;
    }
    if VERB_SET.contains(w.as_str()) {
        return w;
    }
    // Every suffix below ends in "s", "d" or "g": other words keep their form.
    if !matches!(w.as_bytes().last(), Some(b's' | b'd' | b'g')) {
        return w;
    }
    let mut buf = String::with_capacity(w.len() + 1);
    for (suffix, repl) in [("ies", "y"), ("ied", "y"), ("ying", "y"), ("es", ""), ("ed", ""), ("ing", ""), ("s", "")] {
        if let Some(stem) = w.strip_suffix(suffix) {
            buf.clear();
            buf.push_str(stem);
            buf.push_str(repl);
            if let Some(found) = verb_candidate(&mut buf) {
                return found;
            }
        }
    }
    // Regular noun plurals ("meetings" -> "meeting", "ministers" -> "minister").
    if let Some(stem) = w.strip_suffix('s') {
        if !stem.ends_with('s') && !stem.ends_with('u') && !stem.ends_with('i') {
            w.truncate(stem.len());
            return w;
        }
    }
    w
}

/// `s.to_lowercase()`, without the Unicode tables for ASCII text and
/// borrowing when ASCII text has no capitals (most tokens).
pub fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// The first known verb among `base`, `base` + "e", and `base` less a doubled
/// final letter ("stopp" -> "stop", compared as characters, not bytes).
/// `base` is used as scratch space.
fn verb_candidate(base: &mut String) -> Option<String> {
    if VERB_SET.contains(base.as_str()) {
        return Some(base.clone());
    }
    base.push('e');
    if VERB_SET.contains(base.as_str()) {
        return Some(base.clone());
    }
    base.pop();
    let mut rev = base.chars().rev();
    if let (Some(last), Some(before)) = (rev.next(), rev.next()) {
        if last == before {
            let undoubled = &base[..base.len() - last.len_utf8()];
            if VERB_SET.contains(undoubled) {
                return Some(undoubled.to_string());
            }
        }
    }
    None
}

pub(crate) const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "its", "their", "our", "my", "your", "hers", "theirs", "himself", "herself", "themselves", "itself"];
pub(crate) const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "both", "each", "every", "all", "some", "any", "no", "another", "other", "such"];
pub(crate) const PREPOSITIONS: &[&str] = &["in", "on", "at", "to", "from", "with", "by", "for", "of", "about", "during", "after", "before", "since", "until", "between", "among", "against", "into", "onto", "over", "under", "through", "towards", "toward", "amid", "amidst", "despite", "via", "without", "within", "upon", "across", "per", "like", "near", "following", "regarding", "concerning"];
pub(crate) const CONJUNCTIONS: &[&str] = &["and", "or", "but", "nor", "while", "whereas", "although", "though", "because", "if", "unless", "whether", "as", "so", "than", "that", "when", "where", "which", "who", "whom", "whose"];
pub(crate) const AUXILIARIES: &[&str] = &["will", "would", "shall", "should", "can", "could", "may", "might", "must", "be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "do", "does", "did"];

/// The closed-class word lists in one table. A word in several lists gets
/// the tag of the first (as when they were tried in turn): "that" is a
/// determiner, "us" a pronoun.
static CLOSED_CLASS: LazyLock<FxHashMap<&'static str, Pos>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for (words, pos) in [
        (PRONOUNS, Pos::Pronoun),
        (DETERMINERS, Pos::Determiner),
        (PREPOSITIONS, Pos::Preposition),
        (CONJUNCTIONS, Pos::Conjunction),
        (AUXILIARIES, Pos::Verb),
    ] {
        for w in words {
            m.entry(*w).or_insert(pos);
        }
    }
    m
});

/// A coarse tag from the word alone (plus whether it opens the sentence).
pub fn pos_of(word: &str, sentence_initial: bool) -> Pos {
    pos_with_lemma(word, &lemma_of(word), sentence_initial)
}

/// [`pos_of`] when the lemma is already known (the tokenizer computes it once).
pub fn pos_with_lemma(word: &str, lemma: &str, sentence_initial: bool) -> Pos {
    pos_with_lower(word, &lowercase(word), lemma, sentence_initial)
}

/// [`pos_with_lemma`] when `word` is also known lower-cased (as `lower`).
pub(crate) fn pos_with_lower(word: &str, lower: &str, lemma: &str, sentence_initial: bool) -> Pos {
    let first = match word.chars().next() {
        Some(c) => c,
        None => return Pos::Other,
    };
    if !first.is_alphanumeric() {
        return if word == "'s" || word == "’s" { Pos::Other } else { Pos::Punct };
    }
    if first.is_ascii_digit() {
        return Pos::Number;
    }
    let l = lower;
    if let Some(&pos) = CLOSED_CLASS.get(l) {
        return pos;
    }
    if first.is_uppercase() && !sentence_initial {
        return Pos::ProperNoun;
    }
    if VERB_SET.contains(lemma) && (l.ends_with("ed") || l.ends_with("ing") || IRREGULAR_MAP.contains_key(l) || l == lemma) {
        return Pos::Verb;
    }
    if l.ends_with("ly") && l.len() > 4 {
        return Pos::Adverb;
    }
    if first.is_uppercase() {
        return Pos::ProperNoun;
    }
    Pos::Noun
}
