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
