//! Full-text search terms, computed by Attaché rather than by SQLite.
//!
//! The full-text index (`sentence_terms`, an FTS5 table with no content and
//! no positions) receives each sentence as its search terms: words folded to
//! lower case without diacritics ("Díaz-Canel" is `diaz canel`), English
//! function words left out. Building them here rather than
//! with an FTS5 tokenizer lets ingest compute them on its worker threads;
//! the single SQLite writer then indexes about half as many tokens, and
//! stores neither the sentence text a second time nor token positions.
//!
//! A query is folded the same way and every term is required in the
//! sentence, so "Díaz-Canel Lavrov" finds sentences naming both. Phrase
//! order is not checked: a sentence is short, and the words of a name
//! rarely occur apart in one.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words too common to search for. A query made only of these finds nothing.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she", "than", "that", "the", "their", "them", "there",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// Queries take at most this many terms (longer input is cut, not refused).
const MAX_QUERY_TERMS: usize = 16;

/// Calls `f` with each folded word of `text` and its byte span, stopwords included.
///
/// Every sentence of every ingested document passes through here, so words
/// are found on bytes: an ASCII byte is its own character, and a word that
/// is already lower-case ASCII (most of them) is handed over without a copy.
fn for_each_word(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let bytes = text.as_bytes();
    let mut folded = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, len) = char_at(text, i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        let mut plain = len == 1 && !bytes[i].is_ascii_uppercase(); // lower-case ASCII so far
        i += len;
        while i < bytes.len() {
            let (alnum, len) = char_at(text, i);
            if !alnum {
                break;
            }
            plain &= len == 1 && !bytes[i].is_ascii_uppercase();
            i += len;
        }
        if plain {
            f(&text[start..i], start, i);
            continue;
        }
        folded.clear();
        for c in text[start..i].chars() {
            fold_char(c, &mut folded);
        }
        // A word of combining marks only folds to nothing: no term.
        if !folded.is_empty() {
            f(&folded, start, i);
        }
    }
}

/// Whether the character at byte `i` is alphanumeric, and its length in bytes.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    non_ascii_char_at(text, i)
}

#[inline(never)]
fn non_ascii_char_at(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().expect("i is on a character boundary");
    (c.is_alphanumeric(), c.len_utf8())
}

/// Lower case without diacritics: what a searcher types need not carry accents.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// A word worth indexing: not a function word, and not a lone ASCII letter
/// (the "s" of "Xi's").
fn is_term(word: &str) -> bool {
    match word.len() {
        1 => !word.as_bytes()[0].is_ascii_alphabetic(),
        // Longer than any stopword: most words, decided without a lookup.
        n if n > STOPWORD_MAX_LEN => true,
        _ => STOPWORD_KEYS.binary_search(&short_key(word.as_bytes())).is_err(),
    }
}

const STOPWORD_MAX_LEN: usize = 5;

/// A word of at most 8 bytes as one number, its bytes from the most
/// significant down: numbers compare as the words do (letters are never 0),
/// so the sorted stopwords give sorted keys, searched without a string
/// comparison per step.
const fn short_key(w: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key = key << 8 | if i < w.len() { w[i] as u64 } else { 0 };
        i += 1;
    }
    key
}

const STOPWORD_KEYS: [u64; STOPWORDS.len()] = {
    let mut keys = [0u64; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        keys[i] = short_key(STOPWORDS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The search terms of a sentence, space-separated, in order; empty when
/// the sentence has none. A repeated term is not removed: the index keeps
/// one entry per sentence and term whatever the count.
pub fn sentence_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |w, _, _| {
        if is_term(w) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    });
    out
}

/// The terms of a user's query, each once (at most [`MAX_QUERY_TERMS`]).
pub fn query_terms(input: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for_each_word(input, |w, _, _| {
        if is_term(w) && !terms.iter().any(|t| t == w) && terms.len() < MAX_QUERY_TERMS {
            terms.push(w.to_string());
        }
    });
    terms
}

/// The FTS5 query requiring every term. Terms are folded alphanumerics, so
/// quoting them is enough to keep user input from being read as syntax.
pub fn fts_query(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ")
}

/// A snippet of `sentence` of at most `max_words` words around its first
/// matching word, matches wrapped in `open`/`close`, cuts marked with "…".
pub fn snippet(sentence: &str, terms: &[String], open: &str, close: &str, max_words: usize) -> String {
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    for_each_word(sentence, |w, s, e| words.push((s, e, terms.iter().any(|t| t == w))));
    if words.is_empty() {
        return sentence.trim().to_string();
    }
    let max_words = max_words.max(1);
    let first_hit = words.iter().position(|w| w.2).unwrap_or(0);
    // Start a few words before the first match, and keep the window full
    // when the match is near the end.
    let from = first_hit.saturating_sub(max_words / 4).min(words.len().saturating_sub(max_words));
    let to = (from + max_words).min(words.len());
    let (start, end) = (if from == 0 { 0 } else { words[from].0 }, if to == words.len() { sentence.len() } else { words[to - 1].1 });
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = start;
    for &(s, e, hit) in &words[from..to] {
        if hit {
            out.push_str(&sentence[at..s]);
            out.push_str(open);
            out.push_str(&sentence[s..e]);
            out.push_str(close);
            at = e;
        }
    }
    out.push_str(&sentence[at..end]);
    if to < words.len() {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORD_KEYS.windows(2).all(|k| k[0] < k[1]));
        assert!(STOPWORDS.iter().all(|w| !is_term(w)) && is_term("abouts") && is_term("x1") && is_term("hi") && !is_term("s"));
        assert_eq!(STOPWORDS.iter().map(|w| w.len()).max(), Some(STOPWORD_MAX_LEN));
    }

    #[test]
    fn terms_are_folded_and_without_function_words() {
        assert_eq!(sentence_terms("Díaz-Canel received Lavrov in Havana; Lavrov's visit."), "diaz canel received lavrov havana lavrov visit");
        assert_eq!(sentence_terms("The, of AND."), "");
        assert_eq!(sentence_terms("\u{1c24} x1"), "x1", "a word of combining marks only is no term");
        assert_eq!(sentence_terms("Москва и Пекин 2024"), "москва и пекин 2024");
    }

    #[test]
    fn query_terms_match_sentence_terms() {
        assert_eq!(query_terms("DIAZ-CANEL the \"Havana\" OR NEAR("), vec!["diaz", "canel", "havana", "near"]);
        assert_eq!(fts_query(&query_terms("Zajárova")), "\"zajarova\"");
        assert!(query_terms("\" AND of (").is_empty(), "function words and syntax leave no term");
    }

    /// What `for_each_word` computes, a character at a time: the definition
    /// its byte-wise fast path must agree with.
    fn words_char_by_char(text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut folded = String::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                fold_char(c, &mut folded);
            } else if let Some(s) = start.take() {
                if !folded.is_empty() {
                    out.push((folded.clone(), s, i));
                }
                folded.clear();
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_are_found_as_char_by_char(text in "(\\PC|[a-zA-Z0-9 ,.'-]){0,60}") {
            let mut words = Vec::new();
            for_each_word(&text, |w, s, e| words.push((w.to_string(), s, e)));
            proptest::prop_assert_eq!(words, words_char_by_char(&text));
        }

        /// Any text's own words, as a query, find it: the two sides fold alike.
        #[test]
        fn a_sentence_matches_a_query_of_its_own_words(text in "\\PC{0,80}") {
            let terms = sentence_terms(&text);
            let indexed: Vec<&str> = terms.split(' ').collect();
            for t in query_terms(&text) {
                proptest::prop_assert!(indexed.contains(&t.as_str()), "{t:?} not in {terms:?}");
            }
            let s = snippet(&text, &query_terms(&text), "[", "]", 8);
            proptest::prop_assert!(s.chars().count() <= text.chars().count() + 2 * 8 + 2);
        }
    }

    #[test]
    fn snippets_mark_matches_and_cut_long_sentences() {
        let t = query_terms("havana");
        assert_eq!(snippet("Lavrov arrived in Havana.", &t, "[", "]", 24), "Lavrov arrived in [Havana].");
        let long = (0..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ") + " Havana end";
        let s = snippet(&long, &t, "[", "]", 8);
        assert!(s.starts_with('…') && s.contains("[Havana]") && s.ends_with("end"), "{s}");
        assert_eq!(snippet("Text without it.", &t, "[", "]", 2), "Text without…");
        assert_eq!(snippet("", &t, "[", "]", 5), "");
    }
}
