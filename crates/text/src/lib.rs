//! Text layer: sentences and tokens with UTF-8 byte spans into the document
//! text, lower-cased lemmas and coarse part-of-speech tags.
//!
//! The segmenter is rule-based and tuned for news: it does not split after
//! abbreviations ("Dec.", "U.S.", "Mr.", initials), inside numbers, or
//! before a closing quote, and never across a line break that ends a paragraph.

mod lemma;
pub use lemma::{lemma_of, lowercase, pos_of, pos_with_lemma};

use attache_model::{Document, LineKind, Sentence, Span, Token};

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr", "gov", "sen", "rep", "rev",
    "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "approx", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "pres", "amb", "sec", "min", "fig", "vol", "op", "cf", "al", "e.g", "i.e",
];

/// Segments every factual or heading line of the document into sentences.
/// Boilerplate and metadata lines produce sentences of their own kind, so a
/// caller can show them but skip them for extraction.
pub fn analyze(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    if doc.lines.is_empty() {
        for span in split_sentences(&doc.text, Span::new(0, doc.text.len())) {
            out.push(Sentence { span, tokens: tokenize(&doc.text, span), kind: LineKind::Narrative });
        }
        return out;
    }
    for line in &doc.lines {
        if line.kind == LineKind::Metadata {
            continue;
        }
        for span in split_sentences(&doc.text, line.span) {
            out.push(Sentence { span, tokens: tokenize(&doc.text, span), kind: line.kind });
        }
    }
    out
}

/// Splits `text[within]` into sentence spans, trimmed of surrounding space.
pub fn split_sentences(text: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(slice) = text.get(within.start..within.end) else { return out };
    let bytes = slice.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            push_trimmed(slice, within.start, start, i, &mut out);
            start = i + 1;
        } else if b == b'.' || b == b'!' || b == b'?' {
            // Extend over closing quotes/brackets and repeated punctuation.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                end += 1;
            }
            while end < slice.len() && slice[end..].starts_with(['”', '’', '»']) {
                end += slice[end..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            }
            if is_boundary(slice, i, end) {
                push_trimmed(slice, within.start, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(slice, within.start, start, slice.len(), &mut out);
    out
}

fn push_trimmed(slice: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &slice[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(base + start + lead, base + start + lead + t.len()));
    }
}

/// Is the punctuation at `at` (ending at `end`) a sentence boundary?
fn is_boundary(s: &str, at: usize, end: usize) -> bool {
    let after = &s[end..];
    // Must be followed by whitespace (or the end), then something that can start a sentence.
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return false;
    }
    let next = after.trim_start().chars().next();
    if let Some(c) = next {
        if !(c.is_uppercase() || c.is_numeric() || "\"'“‘«([".contains(c)) {
            return false;
        }
    }
    if s.as_bytes()[at] != b'.' {
        return true;
    }
    // The word before the period.
    let before = &s[..at];
    let word_start = before.rfind(|c: char| c.is_whitespace() || "(\"'“‘".contains(c)).map(|p| p + before[p..].chars().next().map(|c| c.len_utf8()).unwrap_or(1)).unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "Dec. 11" or "Mr. Putin": never an end. A month abbreviation followed by a
        // capital ("... in Jan. The") is rare enough to accept the miss.
        return false;
    }
    // Initials and dotted acronyms: "J.", "U.S.", "U.N." — an end only when a
    // clear sentence starter follows ("U.S. The"), which we cannot tell from a
    // name ("U.S. President"): keep them together unless a new paragraph follows.
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if word.contains('.') && letters.iter().all(|c| c.is_uppercase()) && letters.len() <= 4 {
        return after.trim_start().starts_with(|c: char| c == '"' || c == '“') || is_common_starter(after);
    }
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    true
}

/// Words that begin sentences but not names: used after "U.S." and the like.
fn is_common_starter(after: &str) -> bool {
    let w = after.split_whitespace().next().unwrap_or("");
    ["The", "He", "She", "It", "They", "We", "This", "That", "In", "On", "But", "And", "A", "An", "Its", "His", "Her", "Their", "Both", "As", "At"].contains(&w)
}

/// Tokens of `text[span]`: words (with internal hyphens, apostrophes and
/// periods of abbreviations), numbers, and single punctuation marks. A
/// possessive "'s" is its own token.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let Some(s) = text.get(span.start..span.end) else { return Vec::new() };
    // About one token per six bytes of news text: reserved once, not regrown.
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '-' | '.' | ',' | '\'' | '’' | '&')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                {
                    // "Diaz-Canel", "U.S", "1,000", "1.64", "O'Brien" — but split possessive 's.
                    if (cj == '\'' || cj == '’') && is_possessive(&chars, j) {
                        break;
                    }
                    if cj == ',' && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()) {
                        break;
                    }
                    if cj == '&' && !chars[j - 1].1.is_uppercase() {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // Keep a final period of a dotted abbreviation ("U.S.") or known abbreviation ("Dec.").
            if j < chars.len() && chars[j].1 == '.' {
                let word: String = chars[i..j].iter().map(|(_, c)| *c).collect();
                let lower = word.to_lowercase();
                if (word.contains('.') && word.chars().filter(|c| *c != '.').all(|c| c.is_uppercase()))
                    || ABBREVIATIONS.contains(&lower.as_str())
                    || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
                {
                    j += 1;
                }
            }
        } else if (c == '\'' || c == '’') && is_possessive(&chars, i) {
            j = i + 2;
            if j < chars.len() && chars[j].1.is_alphanumeric() {
                j = i + 1;
            }
        }
        let end = if j < chars.len() { chars[j].0 } else { s.len() };
        let t = &s[pos..end];
        // Lower-cased once for both the lemma and the tag.
        let lower = lowercase(t);
        let lemma = lemma::lemma_of_lower(lower.clone().into_owned());
        out.push(Token {
            span: Span::new(span.start + pos, span.start + end),
            text: t.to_string(),
            pos: lemma::pos_with_lower(t, &lower, &lemma, out.is_empty()),
            lemma,
        });
        i = j;
    }
    out
}

fn is_possessive(chars: &[(usize, char)], at: usize) -> bool {
    at + 1 < chars.len()
        && matches!(chars[at + 1].1, 's' | 'S')
        && (at + 2 >= chars.len() || !chars[at + 2].1.is_alphanumeric())
}

#[cfg(test)]
mod tests;
