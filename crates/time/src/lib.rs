//! Temporal expressions: recognition and normalisation against the
//! publication date (the document creation time, DCT).
//!
//! `tag(text, dct)` returns every expression found, with its TIMEX3 value and,
//! for dates, the closed calendar interval it denotes.
//!
//! The work is split in four steps, one module each:
//! - `token`: a linear tokenizer keeping byte offsets;
//! - `recognise`: the extent of each expression and what it says
//!   (word lists in `lexicon`);
//! - `tense`: the tense of the clause, to choose between the previous and
//!   the next Monday;
//! - `normalise`: TIMEX3 values and intervals against the DCT.

mod lexicon;
mod normalise;
mod recognise;
mod tense;
mod token;

use attache_model::{PartialDate, Span, Timex, TimexType};

/// Finds and normalises the temporal expressions of `text`. `dct` is the
/// publication date, possibly partial; without it relative expressions get
/// TIMEX3 values with unknown parts and no interval.
///
/// Expressions come sorted by start and never overlap; spans are byte
/// offsets on character boundaries of `text`.
pub fn tag(text: &str, dct: Option<PartialDate>) -> Vec<Timex> {
    let toks = token::tokenize(text);
    let cands = recognise::recognise(&toks);
    let mut norm = normalise::Normaliser::new(dct);
    let mut out = Vec::with_capacity(cands.len());
    for c in &cands {
        if c.start >= c.end || c.end > toks.len() {
            continue;
        }
        let tense = tense::tense_around(&toks, c.start, c.end);
        let Some(r) = norm.resolve(c, tense) else { continue };
        let span = Span::new(toks[c.start].start, toks[c.end - 1].end);
        out.push(Timex { span, text: span.slice(text).to_string(), ty: r.ty, value: r.value, interval: r.interval });
    }
    out
}

/// The TIMEX3 name of a type ("DATE", "TIME", "DURATION", "SET").
pub fn type_name(ty: TimexType) -> &'static str {
    match ty {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// One JSON line (no newline) describing an expression:
/// `{"doc","start","end","value","type","text"}`, as `attache time` prints it.
pub fn to_json_line(doc_id: &str, t: &Timex) -> String {
    format!(
        "{{\"doc\":{},\"start\":{},\"end\":{},\"value\":{},\"type\":\"{}\",\"text\":{}}}",
        json_string(doc_id),
        t.span.start,
        t.span.end,
        json_string(&t.value),
        type_name(t.ty),
        json_string(&t.text)
    )
}

/// A JSON string literal (RFC 8259 escaping).
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
