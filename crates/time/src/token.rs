//! A small tokenizer: runs of letters and digits, with the separators of
//! numbers kept inside ("2,000", "1.64", "10:30", "12/03/2013"); every other
//! non-space character is a token of its own. Linear in the text, never
//! slices off a character boundary.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters only ("Monday", "ago").
    Word,
    /// Digits only ("1961", "11").
    Digits,
    /// Digits with separators ("2,000", "10:30", "1.64").
    Number,
    /// Digits then letters ("11th", "1990s", "5pm") or any other letter/digit mix.
    Mixed,
    /// A single other character (".", "-", "'").
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Lower-cased text (a copy only when the text has upper-case letters).
    pub lower: std::borrow::Cow<'a, str>,
    pub kind: Kind,
}

impl Tok<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// The value of a token of digits, if small enough to matter.
    pub fn digits(&self) -> Option<u32> {
        if self.kind == Kind::Digits && self.text.len() <= 9 {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    // Punctuation marks are tokens too: about one per four bytes of news.
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            let end = start + c.len_utf8();
            push(&mut toks, text, start, end, Kind::Punct);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_alpha = !c.is_ascii_digit();
        let mut has_digit = c.is_ascii_digit();
        let mut has_sep = false;
        loop {
            match it.peek() {
                Some(&(i, d)) if d.is_alphanumeric() => {
                    has_alpha |= !d.is_ascii_digit();
                    has_digit |= d.is_ascii_digit();
                    end = i + d.len_utf8();
                    it.next();
                }
                // A separator between two digits stays inside the number.
                Some(&(i, d))
                    if matches!(d, ',' | '.' | ':' | '/')
                        && !has_alpha
                        && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) =>
                {
                    has_sep = true;
                    end = i + 1;
                    it.next();
                }
                _ => break,
            }
        }
        let kind = match (has_alpha, has_digit, has_sep) {
            (false, true, false) => Kind::Digits,
            (false, true, true) => Kind::Number,
            (true, false, _) => Kind::Word,
            _ => Kind::Mixed,
        };
        push(&mut toks, text, start, end, kind);
    }
    toks
}

fn push<'a>(toks: &mut Vec<Tok<'a>>, text: &'a str, start: usize, end: usize, kind: Kind) {
    let s = &text[start..end];
    // ASCII (nearly every token) needs no Unicode case tables.
    let lower = if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(s.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    } else if s.chars().any(|c| c.is_uppercase()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    toks.push(Tok { start, end, text: s, lower, kind });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_separators() {
        let t = tokenize("On 12/03/2013, 2,000 troops (1.64 tons) left at 10:30.");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            ["On", "12/03/2013", ",", "2,000", "troops", "(", "1.64", "tons", ")", "left", "at", "10:30", "."]
        );
        assert_eq!(t[1].kind, Kind::Number);
    }

    #[test]
    fn mixed_and_unicode() {
        let t = tokenize("Dec. 11th, the 1990s — Ünïcode Tu-160");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Dec", ".", "11th", ",", "the", "1990s", "—", "Ünïcode", "Tu", "-", "160"]);
        assert_eq!(t[2].kind, Kind::Mixed);
        assert_eq!(t[7].lower, "ünïcode");
    }
}
