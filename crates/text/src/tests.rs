use super::*;

fn sentences(text: &str) -> Vec<&str> {
    split_sentences(text, Span::new(0, text.len())).iter().map(|s| s.slice(text)).collect()
}

#[test]
fn abbreviations_do_not_split() {
    let t = "Mr. Lavrov arrived on Dec. 11 in the U.S. capital. He met Gen. J. Smith there. The talks ended.";
    assert_eq!(sentences(t), vec!["Mr. Lavrov arrived on Dec. 11 in the U.S. capital.", "He met Gen. J. Smith there.", "The talks ended."]);
}

#[test]
fn quotes_and_numbers() {
    let t = "\"We are friends.\" The minister said it cost 1.64 million. Then he left!";
    assert_eq!(sentences(t), vec!["\"We are friends.\"", "The minister said it cost 1.64 million.", "Then he left!"]);
    let t2 = "He said “we agree.” Then the talks began.";
    assert_eq!(sentences(t2), vec!["He said “we agree.”", "Then the talks began."]);
}

#[test]
fn us_then_sentence_starter_splits() {
    let t = "The sanctions came from the U.S. The embassy protested.";
    assert_eq!(sentences(t), vec!["The sanctions came from the U.S.", "The embassy protested."]);
}

#[test]
fn tokens_keep_names_and_split_possessives() {
    let t = "Narishkin’s visit to Díaz-Canel's Havana cost $1,000.";
    let toks: Vec<String> = tokenize(t, Span::new(0, t.len())).into_iter().map(|t| t.text).collect();
    assert_eq!(toks, vec!["Narishkin", "’s", "visit", "to", "Díaz-Canel", "'s", "Havana", "cost", "$", "1,000", "."]);
    for tok in tokenize(t, Span::new(0, t.len())) {
        assert_eq!(tok.span.slice(t), tok.text);
    }
}

#[test]
fn lemmas_of_trigger_verbs() {
    for (w, l) in [("received", "receive"), ("met", "meet"), ("visited", "visit"), ("invites", "invite"), ("held", "hold"),
        ("praised", "praise"), ("signing", "sign"), ("phoned", "phone"), ("criticized", "criticize"), ("stopped", "stop"),
        ("meetings", "meeting"), ("ministers", "minister"), ("carried", "carry")] {
        assert_eq!(lemma_of(w), l, "{w}");
    }
}

#[test]
fn never_panics_on_odd_text() {
    // A doubled final character outside ASCII once split a code point in the lemmatiser.
    assert_eq!(lemma_of("ໜ𑎎𑎎ed"), "ໜ𑎎𑎎ed".to_lowercase());
    for t in ["", ".", "...", "’s", "A.", "U.S.", "\u{0}\u{0}. A", "é. É. ’’", "a\n\nb", "1.2.3.", "'s'"] {
        let spans = split_sentences(t, Span::new(0, t.len()));
        for s in spans {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            tokenize(t, s);
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;
    proptest! {
        #[test]
        fn spans_are_on_char_boundaries(s in "\\PC{0,200}") {
            for sp in split_sentences(&s, Span::new(0, s.len())) {
                prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end) && sp.end <= s.len());
                for t in tokenize(&s, sp) {
                    prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                    prop_assert!(sp.contains(t.span));
                }
            }
        }
    }
}

/// The lemmatiser and tagger as they were before their fast paths (ASCII
/// lower-casing, one closed-class table, a reused stem buffer): the
/// optimised versions must agree with them on every word.
mod reference {
    use crate::lemma::*;
    use attache_model::Pos;

    pub fn lemma_of(word: &str) -> String {
        let w = word.to_lowercase().replace('’', "'");
        if let Some(l) = IRREGULAR.iter().rev().find(|(k, _)| *k == w).map(|(_, l)| *l) {
            return l.to_string();
        }
        if w.len() < 4 || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return w;
        }
        if VERBS.contains(&w.as_str()) {
            return w;
        }
        for (suffix, repl) in [("ies", "y"), ("ied", "y"), ("ying", "y"), ("es", ""), ("ed", ""), ("ing", ""), ("s", "")] {
            if let Some(stem) = w.strip_suffix(suffix) {
                let base = format!("{stem}{repl}");
                let mut v = vec![base.to_string(), format!("{base}e")];
                let mut rev = base.chars().rev();
                if let (Some(last), Some(before)) = (rev.next(), rev.next()) {
                    if last == before {
                        v.push(base[..base.len() - last.len_utf8()].to_string());
                    }
                }
                for cand in v {
                    if VERBS.contains(&cand.as_str()) {
                        return cand;
                    }
                }
            }
        }
        if let Some(stem) = w.strip_suffix('s') {
            if !stem.ends_with('s') && !stem.ends_with('u') && !stem.ends_with('i') {
                return stem.to_string();
            }
        }
        w
    }

    pub fn pos_with_lemma(word: &str, lemma: &str, sentence_initial: bool) -> Pos {
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
        let lower = word.to_lowercase();
        let l = lower.as_str();
        for (words, pos) in [(PRONOUNS, Pos::Pronoun), (DETERMINERS, Pos::Determiner), (PREPOSITIONS, Pos::Preposition), (CONJUNCTIONS, Pos::Conjunction), (AUXILIARIES, Pos::Verb)] {
            if words.contains(&l) {
                return pos;
            }
        }
        if first.is_uppercase() && !sentence_initial {
            return Pos::ProperNoun;
        }
        if VERBS.contains(&lemma) && (l.ends_with("ed") || l.ends_with("ing") || IRREGULAR.iter().any(|(k, _)| *k == l) || l == lemma) {
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
}

fn assert_same_as_reference(w: &str) {
    let lemma = lemma_of(w);
    assert_eq!(lemma, reference::lemma_of(w), "lemma of {w:?}");
    for initial in [false, true] {
        assert_eq!(pos_with_lemma(w, &lemma, initial), reference::pos_with_lemma(w, &lemma, initial), "pos of {w:?}");
    }
}

#[test]
fn lemmas_and_tags_match_the_reference() {
    let mut words: Vec<String> = Vec::new();
    for (k, l) in crate::lemma::IRREGULAR {
        words.extend([k.to_string(), l.to_string()]);
    }
    for v in crate::lemma::VERBS {
        for w in [v.to_string(), format!("{v}s"), format!("{v}es"), format!("{v}ed"), format!("{v}d"), format!("{v}ing")] {
            words.push(w);
        }
        if let Some(stem) = v.strip_suffix('y') {
            words.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{stem}ying")]);
        }
        if let Some(stem) = v.strip_suffix('e') {
            words.push(format!("{stem}ing"));
        }
        if let Some(last) = v.chars().last() {
            words.extend([format!("{v}{last}ed"), format!("{v}{last}ing")]);
        }
    }
    for w in crate::lemma::PRONOUNS.iter().chain(crate::lemma::DETERMINERS).chain(crate::lemma::PREPOSITIONS).chain(crate::lemma::CONJUNCTIONS).chain(crate::lemma::AUXILIARIES) {
        words.push(w.to_string());
    }
    words.extend(["Meetings", "MINISTERS", "Díaz-Canel", "DÍAZ", "Zajárova’s", "it’s", "ǅemal", "İstanbul", "ΣΟΦΟΣ", "news", "Bus", "menu", "taxi", "quickly", "Only"].map(String::from));
    let more: Vec<String> = words.iter().flat_map(|w| {
        let mut c = w.chars();
        let cap = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
        [cap, w.to_uppercase()]
    }).collect();
    words.extend(more);
    for w in &words {
        assert_same_as_reference(w);
    }
}

mod reference_props {
    use proptest::prelude::*;
    proptest! {
        #[test]
        fn lemmas_and_tags_match_the_reference_on_any_word(w in "[a-zA-ZéÉ’'ǅİ-]{0,12}(s|es|ed|ing|ies|ied|ying)?") {
            super::assert_same_as_reference(&w);
        }
    }
}
